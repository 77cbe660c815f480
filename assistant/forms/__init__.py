"""Read 项目支出绩效自评表 (national and local layouts, 部门整体 and 转移支付 forms) from a report's text.

``read_forms(text)`` finds every form whatever shape the flattening gave it (one cell per line, space/tab
separated, pipe rows with blanks, glued cells) and returns ``Form`` records with every value's span. Modules:
``vocabulary`` (labels), ``tokens`` (text → tokens), ``values`` (cell values), ``align`` (values under columns),
``funds`` / ``indicators`` (the two tables), ``glued`` / ``glued_rows`` (cells glued without separators, split
by the form's own constraints), ``reader`` (the walk), ``heads`` (title, header fields, 总分),
``table_rows`` (the indicator table's rows from one bucket of tokens), ``case`` (→ case data for scoring) and
``reference`` (→ the audit's reference). Core: no office, langchain or gradio imports.
"""

from __future__ import annotations

from .model import Form, FormIndicator, FundRow, Value
from .reader import read_forms

__all__ = ["Form", "FormIndicator", "FundRow", "Value", "read_forms"]
