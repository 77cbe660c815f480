"""The template drafter over every case in eval_data and synthetic edge cases, under both shipped outlines.

Cross-case invariants the audit and the reader rely on: every project analysed, every deviation explained
or marked 【待补充】, every number in the prose a fact-sheet display string, each project's figures said
where its name opens the paragraph, true grade statements, tables from facts. The outline data itself
(loading, validation, the reference structure) is tested at the end. Part-by-part content:
``test_drafting_parts``; writing rules: ``test_drafting_prose``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.drafting import draft_template, load_outline, outline_for
from assistant.drafting.outline import TEMPLATES, available_outlines
from assistant.drafting.template import TABLES, WRITERS
from assistant.errors import InputError
from assistant.facts import build_facts
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.scoring import UnitScore
from tests.drafting_helpers import (
    DRAFT_CASES,
    no_deviation_case,
    over_budget_case,
    part,
    prose,
    score,
    single_case,
)

OUTLINES = ("unit_multi", "single_project")
# 口径 words followed directly by a number: such a clause states a project's figure unless it is a total.
FIGURE = re.compile(r"(年初预算数|全年预算数|全年执行数|预算执行率|自评得分|未执行资金)(\d)")
NUMBER_WITH_UNIT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?=\s*(?:万元|元|%|分|个))"
)


@pytest.fixture(params=DRAFT_CASES, ids=[name for name, _ in DRAFT_CASES])
def unit(request: pytest.FixtureRequest) -> UnitScore:
    return score(request.param[1])


@pytest.fixture(params=OUTLINES)
def outline(request: pytest.FixtureRequest) -> str:
    return request.param


# --- every case, both outlines ------------------------------------------------------------------------


def test_every_project_is_analysed(unit: UnitScore, outline: str):
    # A name quoted in a list has its own quotes turned single (“七一”… in “…”): the same name to a reader.
    analysis = part(draft_template(unit, outline), "analysis").replace("‘", "“").replace("’", "”")
    for ps in unit.projects:
        assert ps.project.name in analysis, ps.project.name


def test_every_deviation_is_explained_or_marked(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    text = part(report, "deviation_part")
    causes = prose(report, "deviations")
    for ps in unit.needing_explanation:
        key = facts.key_of(ps)
        assert ps.project.name in causes
        notes = [
            facts[f"{key}.i{k}.note"] for k in range(1, len(ps.indicators) + 1) if f"{key}.i{k}.note" in facts
        ]
        cause, measure = facts.get(f"{key}.cause"), facts.get(f"{key}.measure")
        assert (cause and cause in causes) or CAUSE_PLACEHOLDER in causes or (notes and notes[0] in causes)
        assert (
            (measure and measure.rstrip("。") in causes)
            or MEASURE_PLACEHOLDER in causes
            or (notes and notes[0] in causes)
        )
        for k, s in enumerate(ps.indicators, 1):
            if s.missed or s.over_achieved:
                assert facts[f"{key}.i{k}.name"] in text
    if not unit.needing_explanation:
        assert "未发现明显偏离绩效目标的情况" in text


def test_no_number_in_the_prose_that_is_not_a_fact(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    text = "\n".join([report.title, *(s.heading for s in report.sections), prose(report)])
    # Officer texts (names, goals, causes…) are quoted, not stated: take them out before looking at numbers.
    quoted = [v for k, v in facts.values.items() if facts.kinds[k] == "text" and re.search(r"\d", v)]
    for value in sorted(quoted, key=len, reverse=True):
        text = text.replace(value, "〔引文〕")
    allowed = set(facts.values.values())
    found = NUMBER_WITH_UNIT.findall(text)
    assert found, "the draft states no figures at all"
    stray = sorted({n for n in found if n not in allowed})
    assert not stray, f"numbers not on the fact sheet: {stray}"


def test_project_figures_are_said_under_the_projects_name(unit: UnitScore, outline: str):
    """A clause with a project figure names the project, or follows its name in the same paragraph."""
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    labels = [facts[f"{facts.key_of(ps)}.label"] for ps in unit.projects]
    checked = 0
    for paragraph in prose(report).split("\n"):
        for at, clause in _clauses(paragraph):
            if FIGURE.search(clause) and "合计" not in clause:
                checked += 1
                assert any(label in paragraph[: at + len(clause)] for label in labels), clause
    assert checked, "no clause states a project figure"


def _clauses(paragraph: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in re.finditer(r"[。；]", paragraph + "。"):
        out.append((start, paragraph[start : match.start()]))
        start = match.end()
    return out


def test_headings_are_numbered_in_outline_order(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    spec = load_outline(outline)
    assert [s.id for s in report.sections] == [s.id for s in spec.sections]
    assert report.sections[0].heading == "一、基本情况"
    assert report.sections[1].heading.startswith("（一）")
    level1 = [s.heading for s in report.sections if s.level == 1]
    numbered = [h for h in level1 if not h.startswith("附件")]
    assert [h[0] for h in numbered] == list("一二三四五六七")
    assert level1[-1].startswith("附件")
    for s in report.sections:
        if s.level == 3:
            assert re.match(r"^\d+\.\S", s.heading)
    assert all(s.source == "template" for s in report.sections)


def test_grade_statements_are_true(unit: UnitScore, outline: str):
    text = prose(draft_template(unit, outline))
    assert "全部为" not in text
    for grade, n in unit.grade_counts.items():
        claim = f"自评等级均为“{grade}”"
        assert (claim in text) == (len(unit.projects) > 1 and n == len(unit.projects)), grade
    counts = {g: n for g, n in unit.grade_counts.items() if n}
    if len(unit.projects) > 1 and len(counts) > 1:
        assert "、".join(f"“{g}”{n}个" for g, n in counts.items()) in text


def test_drafting_is_deterministic(unit: UnitScore, outline: str):
    assert draft_template(unit, outline) == draft_template(unit, outline)


def test_attached_table_cells_come_from_facts(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    allowed = set(facts.values.values())
    assert report.table is not None
    for table in report.tables:
        for row in table.all_rows():
            for cell in row:
                if cell in allowed or not re.search(r"\d", cell) or cell.startswith("【待补充"):
                    continue
                # 年度指标值/实际完成值 cells: comparator, value and 度量单位 ("≥4300人", "1250元/生·年").
                value, unit_text = re.fullmatch(r"[≥≤><]?(\d+(?:\.\d+)?)(.*)", cell).groups()
                assert value in allowed and (not unit_text or unit_text in allowed), cell


def test_every_draft_audits_without_errors(unit: UnitScore, outline: str):
    from assistant.audit import audit_text
    from assistant.render.markdown import render_markdown

    findings = audit_text(render_markdown(draft_template(unit, outline)), unit).findings
    assert [(f.code, f.message) for f in findings if f.severity == "error"] == []


# --- synthetic edge cases ---------------------------------------------------------------------------


def test_case_outline_is_used_and_single_title():
    report = draft_template(score(single_case()))
    assert report.outline == "single_project"
    assert report.title == "学生营养改善计划项目2023年度绩效自评报告"
    (form,) = report.tables  # one 自评表, no 汇总表
    assert form.is_form and form.rows[0] == ["项目名称", "学生营养改善计划"]
    assert form.rows[-1] == ["总分", "100", "84.00", "自评等级：良"]


def test_outline_argument_overrides_the_case():
    unit = score(single_case())
    assert draft_template(unit, "unit_multi").outline == "unit_multi"
    assert draft_template(unit, load_outline("unit_multi")).outline == "unit_multi"


def test_over_budget_is_marked_for_checking():
    text = prose(draft_template(score(over_budget_case())), "funds")
    assert (
        "道路养护项目全年预算数8.00万元，全年执行数8.40万元，预算执行率105.00%，全年执行数超过全年预算数"
        in text
    )
    assert "【待核实：超预算执行的原因和依据】" in text


# --- outlines --------------------------------------------------------------------------------------


def test_shipped_outlines_load_and_every_template_is_implemented():
    assert set(OUTLINES) <= set(available_outlines())
    for name in available_outlines():
        assert load_outline(name).id == name
    assert set(TEMPLATES["facts"]) | set(TEMPLATES["narrative"]) == set(WRITERS)
    assert set(TEMPLATES["table"]) == set(TABLES)


REFERENCE_PARTS = [
    "一、基本情况",
    "二、绩效自评工作情况",
    "三、评价情况分析及综合评价结论",
    "四、绩效目标完成情况分析",
    "五、偏离绩效目标的原因和下一步改进措施",
    "六、绩效自评结果拟应用和公开情况",
    "七、其他需要说明的问题",
]


def test_default_outline_is_the_reference_outline_with_management_problems_and_annexes():
    headings = load_outline("unit_multi").numbered_headings()
    assert [h for h in headings if h[0] in "一二三四五六七"] == REFERENCE_PARTS
    assert headings[headings.index("四、绩效目标完成情况分析") :][:7] == [
        "四、绩效目标完成情况分析",
        "（一）各项目绩效目标完成情况",
        "（二）项目管理情况",
        "1.组织实施",
        "2.资金管理",
        "3.制度建设",
        "4.政府采购",
    ]
    assert "（一）存在的问题" in headings and "（二）偏差原因和改进措施" in headings
    assert headings[-2:] == ["附件1", "附件2"]
    outline = load_outline("unit_multi")
    assert outline.signature == ("{{unit.name}}", "【待补充：成文日期】")
    assert [s.caption for s in outline.sections if s.kind == "table"] == [
        "项目支出绩效自评汇总表",
        "项目支出绩效自评表",
    ]


def test_single_project_outline_has_the_same_parts_and_one_annex():
    headings = load_outline("single_project").numbered_headings()
    assert [h for h in headings if h[0] in "一二三四五六七"] == REFERENCE_PARTS
    assert headings[-1] == "附件"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "id: mine\nname: 我的提纲\ntitle: '{{unit.name}}报告'\nsections:\n  - {id: a, heading: 基本情况, level: 1, kind: fixed}\n"


def test_a_local_outline_from_a_path(tmp_path: Path):
    """A local outline picks any of the templates, its own signature and annex captions."""
    text = (
        "id: mine\nname: 我的提纲\ntitle: '{{unit.name}}报告'\nsignature: ['{{unit.name}}（盖章）']\nsections:\n"
        "  - {id: a, heading: 自评结论, level: 1, kind: facts, template: conclusion}\n"
        "  - {id: b, heading: 偏差原因, level: 1, kind: narrative, template: deviations}\n"
        "  - {id: t, heading: 附件, level: 1, kind: table, template: score_table, numbered: false, caption: 评分表}\n"
    )
    report = draft_template(score(no_deviation_case()), load_outline(_write(tmp_path, text)))
    assert report.title == "某市档案馆报告"
    assert [s.heading for s in report.sections] == ["一、自评结论", "二、偏差原因", "附件"]
    assert report.signature == ["某市档案馆（盖章）"]
    assert report.annex_note == ["附件：评分表"]
    assert report.table is not None and report.table.title == "某市档案馆2024年度评分表"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD.replace("level: 1,", "level: 1, colour: red,"), "不认识的字段"),
        (GOOD.replace("title:", "titel:"), "不认识的字段"),
        (GOOD.replace("kind: fixed", "kind: prose"), "只能是"),
        (GOOD.replace("kind: fixed", "kind: narrative, template: poetry"), "template「poetry」无效"),
        (GOOD.replace("level: 1", "level: 2"), "跳过了上一级"),
        (GOOD + "  - {id: a, heading: 重复, level: 1, kind: fixed}\n", "重复"),
        (GOOD.replace("id: a,", "id: A-1,"), "小写英文字母"),
        (GOOD.replace("kind: fixed", "kind: fixed, caption: 表"), "只有 table 类型才能写 caption"),
        ("- just a list\n", "顶层应为键值表"),
    ],
)
def test_bad_outline_fails_in_chinese(tmp_path: Path, body: str, message: str):
    path = _write(tmp_path, body)
    with pytest.raises(InputError) as info:
        load_outline(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_outline_name():
    with pytest.raises(InputError, match="未知的报告提纲「atlantis」"):
        outline_for("atlantis")


def test_unknown_slot_in_an_outline_is_refused(tmp_path: Path):
    from assistant.facts import UnknownSlotError

    outline = load_outline(
        _write(tmp_path, GOOD.replace("kind: fixed", "kind: fixed, text: ['{{p9.rate}}']"))
    )
    with pytest.raises(UnknownSlotError):
        draft_template(score(no_deviation_case()), outline)


def test_fact_sheet_holds_the_unit_totals_as_display_strings():
    facts = build_facts(score(no_deviation_case()))
    assert (facts["unit.name"], facts["unit.year"], facts["total.projects"]) == ("某市档案馆", "2024", "2")
    assert (facts["total.budget"], facts["total.rate"], facts["total.mean_score"]) == (
        "13.50",  # every amount at the report's one precision, at least 2 decimals
        "100.00",
        "99.00",
    )
    assert facts.kinds["unit.year"] == "year" and facts.kinds["unit.name"] == "text"


def test_a_value_just_short_of_its_target_is_not_said_complete():
    """19,999 of 20,000: the score rounds back to the 分值 and the rate to 100.00 %; the draft says 略低于 and
    gives both figures, not a 完成率100.00% that the same clause then denies."""
    data = single_case()
    first = data["项目"][0]["绩效指标"][0]
    first.update({"年度指标值": 20000, "实际完成值": 19999})
    text = prose(draft_template(score(data)))
    clause = next(c for c in re.split(r"[；。]", text) if "受益学生人数" in c and "19999" in c)
    assert "略低于年度指标值，按规则不扣分" in clause
    assert "完成率" not in clause
    first["实际完成值"] = 19000  # 95 %: the rate says how far it fell short
    text = prose(draft_template(score(data)))
    clause = next(c for c in re.split(r"[；。]", text) if "受益学生人数" in c and "19000" in c)
    assert "完成率95.00%" in clause
