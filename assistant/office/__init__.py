"""Office files (optional ``office`` extra): Word reports in, Excel 自评表 in and out.

Imported only when such a file is given, so that ``jixiao check report.txt`` never loads python-docx or openpyxl:
this package's own import pulls in neither. Excel import lives in ``xlsx_import`` (forms read by ``xlsx_project``
and ``xlsx_indicators``, summary sheets by ``xlsx_summary``, 案例信息 by ``xlsx_case_info``, returning
``xlsx_read`` records; labels matched by ``xlsx_labels`` against ``xlsx_layouts``; cells by ``xlsx_cells`` and
``xlsx_values``), export in ``xlsx_export`` (forms by ``xlsx_form``, cells by ``xlsx_sheet``). Word files:
``docx_*``.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``load_case_xlsx`` (``xlsx_import``), imported on first use so that importing this package stays light."""
    if name == "load_case_xlsx":
        from assistant.office.xlsx_import import load_case_xlsx

        return load_case_xlsx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
