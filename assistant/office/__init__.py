"""Office files (optional ``office`` extra): Word reports in, Excel 自评表 in and out.

Imported only when such a file is given, so that ``jixiao check report.txt`` never loads python-docx.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import InputError


def load_case_xlsx(path: Path):
    raise InputError.single("暂不支持 Excel 自评表导入，请先转为 YAML/JSON 案例文件", file=str(path))
