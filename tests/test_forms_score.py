"""A 自评表 read from text scores like the same workbook: the national forms of a real-shaped case written as a
workbook (merged cells, no 填报单位 needed), then that workbook's text export (pipe rows, or tab-separated as
spreadsheet programs copy cells), each scored by ``jixiao score``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.io import load_case
from assistant.scoring import score_case
from tests.xlsx_builders import Style, national_workbook, save

ROOT = Path(__file__).resolve().parent.parent
CASES = ("jiaoyu_qingjiang_2023", "seed_yushui_2022")


def _text_export(path: Path, separator: str) -> str:
    """Every sheet's rows as a spreadsheet program copies them: cells joined, merged cells left blank."""
    from openpyxl import load_workbook

    lines: list[str] = []
    for sheet in load_workbook(path, data_only=True).worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(cells):
                lines.append(separator.join(cells).strip())
        lines.append("")
    return "\n".join(lines)


def _figures(result: str) -> list[tuple[str, str, str | None, str | None]]:
    projects = json.loads(result)["projects"]
    return [(p["name"], p["score"], p["rate_score"], p["grade"]) for p in projects]


@pytest.mark.parametrize("case_dir", CASES)
@pytest.mark.parametrize("separator", [" | ", "\t"], ids=["pipe", "tabs"])
def test_text_of_a_workbook_scores_like_the_workbook(cli, tmp_path, case_dir, separator):
    unit = score_case(load_case(ROOT / "eval_data" / case_dir / "data.yaml"))
    workbook = save(national_workbook(unit, Style()), tmp_path / "自评表.xlsx")
    text = tmp_path / "自评表.txt"
    text.write_text(_text_export(workbook, separator), encoding="utf-8")
    from_book = cli("score", workbook, "--json")
    from_text = cli("score", text, "--json")
    assert from_book.code == 0 and from_text.code == 0, (from_book.stderr, from_text.stderr)
    assert _figures(from_text.stdout) == _figures(from_book.stdout)
    assert [p[0] for p in _figures(from_text.stdout)] == [p.project.name for p in unit.projects]
