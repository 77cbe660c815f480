"""Coverage counts what the form checks compared: a number any check compared is read and cross-checked, whether
the statement reader read it or a form check found it in a row itself (recorded with ``Facts.mark``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from assistant.audit import audit_text
from assistant.audit.document import parse_document
from assistant.audit.prose.coverage import Coverage, measure
from assistant.audit.prose.facts import read_facts

REAL = Path(__file__).resolve().parent.parent / "eval_data" / "real"


def _coverage(slug: str) -> Coverage:
    result = audit_text((REAL / slug / "report.txt").read_text(encoding="utf-8"))
    assert result.coverage is not None
    return result.coverage


def test_a_form_whose_header_writes_its_formulas_counts_every_figure_of_its_rows() -> None:
    """宁德 部门整体 form: five rows of seven columns (③=①+②, ⑤=④/③, ⑥=③-④, ⑦=⑥/③) all compared."""
    coverage = _coverage("s7z_fujian_ningde_dizhen_2020_bmzt")
    assert coverage.cross_checked >= 5 * 7
    assert coverage.cross_checked <= coverage.numbers_read


def test_a_target_table_copied_as_text_counts_its_total_and_its_split() -> None:
    """祁东 绩效目标表: 资金总额 952.22, its two split headings, 基本支出 875.22 + 项目支出 77."""
    coverage = _coverage("s7g_hunan_qidong_jikong_mubiao_2024")
    assert coverage.cross_checked >= 5
    assert coverage.cross_checked <= coverage.numbers_read


def test_a_number_marked_twice_or_inside_a_statement_counts_once() -> None:
    text = "项目年初预算100万元，调整后预算120万元，调增20万元。"
    doc = parse_document(text)
    facts = read_facts(doc)
    amounts = [s for s in facts.statements if s.kind == "amount"]
    figure = amounts[0].span
    facts.mark(amounts[0], (figure[0], figure[0] + 3), None)  # the statement, a cell inside it, nothing
    facts.mark((0, 2))  # a figure no statement holds (a form cell), marked twice
    facts.mark((0, 2))
    coverage = measure(doc, facts, SimpleNamespace(source="text"))  # type: ignore[arg-type]
    assert coverage.numbers_read == len(facts.statements) + 1
    assert coverage.cross_checked == 2
