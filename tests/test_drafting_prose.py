"""Writing rules of the template draft, the ones a 财政局 reviewer reads for: each fact once, no form labels or
system phrases, one term per concept, short references after the first mention, markers that name what is
missing, one money precision per report; and, over generated cases, a draft that always audits clean.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.audit import audit_text
from assistant.drafting import Report, draft_template
from assistant.facts import build_facts
from assistant.render.markdown import render_markdown
from assistant.scoring import UnitScore
from tests.conftest import EVAL_DATA
from tests.drafting_cases import units
from tests.drafting_helpers import (
    masked,
    no_deviation_case,
    over_budget_case,
    part,
    prose,
    prose_pieces,
    repeated_passages,
    score,
    single_case,
)
from tests.test_facts import yuan_case

CASES = [
    *[(path.parent.name, path) for path in sorted(EVAL_DATA.glob("*/data.yaml"))],
    ("synthetic_yuan", yuan_case()),
    ("synthetic_no_deviation", no_deviation_case()),
    ("synthetic_single", single_case()),
    ("synthetic_over_budget", over_budget_case()),
]
# Form labels and system phrases the old drafts printed; none may come back.
FORM_PHRASES = (
    "项目实际完成情况：",
    "实际完成情况：",
    "指标偏差原因分析及改进措施：",
    "以下项目尚未填报",
    "一致的项目0个",
    "自评得分为项目支出绩效自评表填报的得分",
    "各项目预算安排如下",
    "其余项目执行情况如下",
    "项目背景：",
)
INDICATOR_VALUE = re.compile(r"(?:实际为|年度指标值|实际完成值)[^，；。、]+")
FUND_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?=(万元|元)(?![/／]))")


@pytest.fixture(params=CASES, ids=[name for name, _ in CASES])
def unit(request: pytest.FixtureRequest) -> UnitScore:
    return score(request.param[1])


@pytest.fixture(params=("unit_multi", "single_project"))
def report(request: pytest.FixtureRequest, unit: UnitScore) -> Report:
    return draft_template(unit, request.param)


def test_no_passage_of_more_than_30_characters_appears_twice(unit: UnitScore, report: Report):
    assert repeated_passages(masked(report, unit)) == []


def test_the_duplicate_check_finds_a_repeated_sentence(unit: UnitScore, report: Report):
    """The check above is not vacuous: state one fact twice and it is found."""
    twice = [*report.sections[-3].paragraphs, prose(report, "funds").split("\n")[-1]]
    report.sections[-3].paragraphs = twice
    assert repeated_passages(masked(report, unit))


def test_no_form_labels_or_system_phrases(report: Report):
    text = "\n".join(prose_pieces(report))
    for phrase in FORM_PHRASES:
        assert phrase not in text, phrase


def test_one_term_per_concept(report: Report):
    text = "\n".join(prose_pieces(report))
    for other in ("执行差异原因", "偏离原因", "差异原因"):
        assert other not in text
    assert "预算执行率" in text and "执行率为" not in text


def test_every_marker_names_what_is_missing(unit: UnitScore, report: Report):
    text = "\n".join(prose_pieces(report))
    for table in report.tables:
        text += "\n".join(cell for row in table.all_rows() for cell in row)
    facts = build_facts(
        unit
    )  # names and officer texts may hold brackets of their own (“【智慧党建】平台建设”)
    for key, value in sorted(facts.values.items(), key=lambda item: -len(item[1])):
        if facts.kinds[key] == "text" and "【" in value:
            text = text.replace(value, "〔引文〕")
    markers = re.findall(r"【[^】]*】", text)
    assert markers, "a draft always leaves the officer something to give (成文日期 at least)"
    for marker in markers:
        assert re.fullmatch(r"【待(?:补充|核实)：[^】]{2,}】", marker), marker


def test_a_project_is_named_once_per_paragraph_then_referred_to_as_该项目(unit: UnitScore, report: Report):
    labels = [ps.project.name for ps in unit.projects]
    for paragraph in prose(report, "completion", "deviations", "background").split("\n"):
        for label in labels:
            if label + "项目" in paragraph and "该项目" in paragraph:
                assert paragraph.count(label + "项目") == 1, paragraph
    if any(ps.indicators for ps in unit.projects):
        assert "该项目" in prose(report, "completion")


def test_one_money_precision_per_report(unit: UnitScore, report: Report):
    """Every amount the template writes, prose and tables, shows the same number of decimals; 元 amounts carry
    thousands separators. Officer texts are quoted as written and left out, and so are per-unit values
    (1250元/生·年)."""
    facts = build_facts(unit)
    text = "\n".join(prose_pieces(report))
    for key, value in sorted(facts.values.items(), key=lambda item: -len(item[1])):
        if facts.kinds[key] == "text" and len(value) > 4:
            text = text.replace(value, "〔引文〕")
    text = INDICATOR_VALUE.sub("〔指标值〕", text)  # an indicator measured in 万元 is a value, not money
    text += "".join(f"\n{cell}{unit.case.money_unit}" for cell in _amount_cells(report) if cell)
    places = set()
    for whole, decimals, money in AMOUNT.findall(text):
        if money != unit.case.money_unit:
            continue
        places.add(len(decimals))
        if money == "元" and len(whole.replace(",", "")) > 3:
            assert "," in whole, whole
    assert len(places) == 1, places


def _amount_cells(report: Report) -> list[str]:
    """The money cells of the attached tables: 汇总表 columns headed in the money unit, 自评表 funds rows."""
    cells = []
    for table in report.tables:
        if table.is_form:
            cells += [c for row in table.rows if row[1] in FUND_ROWS for c in row[2:5] if c != "—"]
        else:
            columns = [i for i, h in enumerate(table.header) if h.endswith("元）")]
            cells += [row[i] for row in table.all_rows() for i in columns]
    return cells


def test_title_and_closing(report: Report, unit: UnitScore):
    assert report.signature[0] == unit.case.unit and report.signature[-1] == "【待补充：成文日期】"
    assert report.annex_note[0].startswith("附件：")


def test_a_report_with_nothing_wrong_still_asks_for_the_problems():
    data = single_case()
    data["报告提纲"] = None
    project = data["项目"][0]
    project.update(
        {"全年执行数": project["全年预算数"], "资金来源": None, "年度总体目标": "全县学生营养状况改善"}
    )
    project["绩效指标"] = [
        dict(i, 实际完成值=i["年度指标值"]) for i in project["绩效指标"] if i.get("指标性质") != "定性"
    ]
    unit = score(data)
    assert not unit.needing_explanation
    text = part(draft_template(unit), "deviation_part")
    assert text.startswith(
        "经自评，未发现明显偏离绩效目标的情况。【待补充：存在问题（项目实施和管理中存在的问题；如无，写“无”）】。"
    )


# --- generated cases ---------------------------------------------------------------------------------
# (Repetition is checked on the real cases above: generated units repeat the same texts and figures across
# projects by construction, so two projects' sentences may coincide there without any fact said twice.)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(units(), st.sampled_from(["unit_multi", "single_project"]))
def test_generated_cases_draft_true_and_complete(generated: UnitScore, outline: str):
    report = draft_template(generated, outline)
    markdown = render_markdown(report)
    errors = [
        (f.code, f.message, f.quote)
        for f in audit_text(markdown, generated).findings
        if f.severity == "error"
    ]
    assert errors == []
    analysis = part(report, "analysis").replace("‘", "“").replace("’", "”")
    for ps in generated.projects:
        assert ps.project.name in analysis
        if ps.needs_explanation:
            assert ps.project.name in prose(report, "deviations")
