"""Office files (optional ``office`` extra): Word reports in, Excel 自评表 in and out.

Imported only when such a file is given, so that ``jixiao check report.txt`` never loads python-docx or openpyxl:
this package's own import pulls in neither. Excel import lives in ``xlsx_import`` (with ``xlsx_project``,
``xlsx_summary``, ``xlsx_case_info``, ``xlsx_layouts``, ``xlsx_values``, ``xlsx_cells``), export in ``xlsx_export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.models import Case


def load_case_xlsx(
    path: str | Path,
    *,
    unit: str | None = None,
    year: int | None = None,
    rules: str | None = None,
    money_unit: str | None = None,
    identity: str = "required",
) -> Case:
    """Read a 项目支出绩效自评表 workbook (.xlsx) as a case; keywords fill in what the workbook does not state."""
    from assistant.office.xlsx_import import load_case_xlsx as load

    return load(path, unit=unit, year=year, rules=rules, money_unit=money_unit, identity=identity)
