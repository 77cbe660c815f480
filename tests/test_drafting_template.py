"""The template drafter over every case in eval_data and synthetic edge cases, under both shipped outlines.

Checks the writing rules the audit relies on: every project analysed, every deviation explained or marked
【待补充】, every number in the prose a fact-sheet display string, project numbers named by their project.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from assistant.drafting import Report, draft_template, load_outline, outline_for
from assistant.drafting.outline import TEMPLATES, available_outlines
from assistant.drafting.template import (
    NO_DEVIATION_REST,
    TABLES,
    WRITERS,
)
from assistant.errors import InputError
from assistant.facts import build_facts
from assistant.io import case_from_data, load_case
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.scoring import UnitScore, score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.test_facts import yuan_case

OUTLINES = ("unit_multi", "single_project")
# 口径 words followed directly by a number: such a sentence states a project's figure unless it is a total.
FIGURE = re.compile(r"(年初预算数|全年预算数|全年执行数|预算执行率|自评得分|未执行资金)(\d)")
NUMBER_WITH_UNIT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:万元|元|%|分|个|人|天|项))")


def no_deviation_case() -> dict:
    return {
        "单位名称": "某市档案馆",
        "年度": 2024,
        "项目": [
            {"项目名称": "档案数字化", "全年预算数": "10.5", "全年执行数": "10.5", "自评得分": 98},
            {
                "项目名称": "库房维护",
                "全年预算数": 3,
                "全年执行数": 3,
                "自评得分": 100,
                "年度总体目标": "库房安全运行",
            },
        ],
    }


def single_case() -> dict:
    data = copy.deepcopy(yuan_case())
    data["项目"] = data["项目"][:1]
    data["报告提纲"] = "single_project"
    data["项目"][0]["实施单位"] = "某县教育局"
    data["项目"][0]["绩效指标"][0]["偏差原因分析及改进措施"] = "部分学生转学，下年度据实测算。"
    return data


def over_budget_case() -> dict:
    return {
        "单位名称": "某镇人民政府",
        "年度": 2023,
        "项目": [
            {"项目名称": "道路养护", "全年预算数": 8, "全年执行数": "8.4", "自评得分": 92},
            {
                "项目名称": "防汛物资储备",
                "全年预算数": 5,
                "全年执行数": 2,
                "自评得分": 80,
                "改进措施": "提前编制采购计划。",
            },
        ],
    }


def _eval_cases() -> list[tuple[str, object]]:
    found = sorted(EVAL_DATA.glob("*/data.yaml"))
    assert SEED_CASE in found
    return [(path.parent.name, path) for path in found]


CASES = [
    *_eval_cases(),
    ("synthetic_yuan", yuan_case()),
    ("synthetic_no_deviation", no_deviation_case()),
    ("synthetic_single", single_case()),
    ("synthetic_over_budget", over_budget_case()),
]


def score(source: object) -> UnitScore:
    case = load_case(source) if isinstance(source, Path) else case_from_data(copy.deepcopy(source))
    return score_case(case)


@pytest.fixture(params=CASES, ids=[name for name, _ in CASES])
def unit(request: pytest.FixtureRequest) -> UnitScore:
    return score(request.param[1])


@pytest.fixture(params=OUTLINES)
def outline(request: pytest.FixtureRequest) -> str:
    return request.param


def prose(report: Report, *section_ids: str) -> str:
    chosen = [s for s in report.sections if not section_ids or s.id in section_ids]
    return "\n".join(p for s in chosen for p in s.paragraphs)


def section_span(report: Report, first_id: str) -> str:
    """The text of a level-1 section and everything under it."""
    index = next(i for i, s in enumerate(report.sections) if s.id == first_id)
    parts = [report.sections[index]]
    for s in report.sections[index + 1 :]:
        if s.level == 1:
            break
        parts.append(s)
    return "\n".join(p for s in parts for p in s.paragraphs)


# --- every case, both outlines ------------------------------------------------------------------------


def test_every_project_is_analysed(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    analysis = section_span(report, "completion" if outline == "unit_multi" else "analysis")
    for ps in unit.projects:
        assert ps.project.name in analysis, ps.project.name
    if outline == "unit_multi":
        for ps in unit.projects:  # figures, rate and score in one sentence naming the project
            assert any(
                ps.project.name in sentence and "全年预算数" in sentence and "全年执行数" in sentence
                for sentence in analysis.split("。")
            ), ps.project.name


def test_every_deviation_is_explained_or_marked(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    if outline == "unit_multi":
        causes = measures = section_span(report, "deviations")
    else:
        causes, measures = section_span(report, "problems"), section_span(report, "suggestions")
    for ps in unit.needing_explanation:
        key = facts.key_of(ps)
        assert ps.project.name in causes
        notes = [
            facts[f"{key}.i{k}.note"] for k in range(1, len(ps.indicators) + 1) if f"{key}.i{k}.note" in facts
        ]
        cause = facts.get(f"{key}.cause")
        measure = facts.get(f"{key}.measure")
        assert (cause and cause in causes) or CAUSE_PLACEHOLDER in causes or (notes and notes[0] in causes)
        assert (
            (measure and measure in measures)
            or MEASURE_PLACEHOLDER in measures
            or (notes and notes[0] in measures)
        )
        for k, s in enumerate(ps.indicators, 1):
            if s.missed or s.over_achieved:
                assert facts[f"{key}.i{k}.name"] in causes
    if not unit.needing_explanation:
        assert "未发现明显偏离绩效目标的情况" in causes


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


def test_sentences_with_project_figures_name_the_project(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    labels = [facts[f"{facts.key_of(ps)}.label"] for ps in unit.projects]
    checked = [s for s in re.split(r"[。\n]", prose(report)) if FIGURE.search(s) and "合计" not in s]
    assert checked, "no sentence states a project figure"
    for sentence in checked:
        assert any(label in sentence for label in labels), sentence


def test_headings_are_numbered_in_outline_order(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    spec = load_outline(outline)
    assert [s.id for s in report.sections] == [s.id for s in spec.sections]
    assert report.sections[0].heading == "一、基本情况"
    assert report.sections[1].heading.startswith("（一）")
    level1 = [s.heading for s in report.sections if s.level == 1]
    numerals = "一二三四五六七八九"
    numbered = [h for h in level1 if not h.startswith("附件")]
    assert [h[0] for h in numbered] == list(numerals[: len(numbered)])
    assert level1[-1].startswith("附件：")
    for s in report.sections:
        if s.level == 3:
            assert re.match(r"^\d+\.\S", s.heading)
    assert all(s.source == "template" for s in report.sections)


def test_grade_statements_are_true(unit: UnitScore, outline: str):
    text = prose(draft_template(unit, outline))
    assert "全部为" not in text
    for grade, n in unit.grade_counts.items():
        claim = f"均为“{grade}”"
        assert (claim in text) == (len(unit.projects) > 1 and n == len(unit.projects)), grade
    if len(unit.projects) > 1:
        counts = "、".join(f"“{g}”{n}个" for g, n in unit.grade_counts.items())
        assert counts in text


def test_drafting_is_deterministic(unit: UnitScore, outline: str):
    assert draft_template(unit, outline) == draft_template(unit, outline)


def test_attached_table_rows_come_from_facts(unit: UnitScore, outline: str):
    report = draft_template(unit, outline)
    facts = build_facts(unit)
    allowed = set(facts.values.values())
    assert report.table is not None
    for table in report.tables:
        for row in table.all_rows():
            for cell in row:
                if cell in allowed or not re.search(r"\d", cell):
                    continue
                # 年度指标值/实际完成值 cells are the value followed by its 度量单位 ("1250元/生·年", "95%").
                value, unit_text = re.fullmatch(r"(\d+(?:\.\d+)?)(.*)", cell).groups()
                assert value in allowed and unit_text in allowed, cell


# --- the seed --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return draft_template(score_case(load_case(SEED_CASE)))


def test_seed_title_and_default_outline(seed_report: Report):
    assert seed_report.title == "中共新余市渝水区委组织部2022年度项目支出绩效自评报告"
    assert seed_report.outline == "unit_multi"


def test_seed_totals_sentence(seed_report: Report):
    text = prose(seed_report)
    assert (
        "2022年我部共实施项目14个，全年预算数合计289.9965万元，全年执行数合计244.2092万元，预算执行率84.21%。"
        in text
    )
    assert "“优”14个、“良”0个、“中”0个、“差”0个，自评等级均为“优”，平均得分99.07分。" in text
    assert "100%" not in text.replace("最高按100%计", "")  # the seed's false "执行率：100%" is gone


def test_seed_low_rate_project_sentence(seed_report: Report):
    analysis = prose(seed_report, "completion")
    assert (
        "干部人事档案数字化建设项目全年预算数62.3205万元，全年执行数18.6932万元，预算执行率30.00%，"
        "自评得分90分，等级为“优”。" in analysis
    )
    assert "干部人事档案数字化建设项目未执行资金43.6273万元，占全年预算数的70.00%。" in analysis


def test_seed_deviation_section(seed_report: Report):
    text = prose(seed_report, "deviations")
    assert "干部人事档案数字化建设项目偏差原因：【待补充：偏差原因】。" in text
    assert "干部人事档案数字化建设项目改进措施：【待补充：改进措施】。" in text
    assert "预算执行率30.00%，低于90%" in text
    # The officer's own note on the 96.35% project is kept, with the true unspent share (not "3%").
    assert "根据合同进行支付，剩余资金需项目验收合格后给付" in text
    assert "占全年预算数的3.65%" in text
    assert text.endswith(NO_DEVIATION_REST)


def test_seed_score_table(seed_report: Report):
    table = seed_report.table
    assert table is not None
    assert table.header == [
        "序号",
        "项目名称",
        "全年预算数（万元）",
        "全年执行数（万元）",
        "执行率（%）",
        "自评得分",
        "等级",
    ]
    assert len(table.rows) == 14
    assert table.rows[2] == ["3", "干部人事档案数字化建设", "62.3205", "18.6932", "30.00", "90", "优"]
    assert table.total == ["", "合计", "289.9965", "244.2092", "84.21", "99.07", ""]


def test_seed_does_not_invent(seed_report: Report):
    text = prose(seed_report)
    for invented in ("问卷调查", "现场", "全部是由区本级财政安排", "全面完成", "全部为“优”"):
        assert invented not in text


# --- synthetic cases -------------------------------------------------------------------------------


def test_no_deviation_unit_says_so_in_one_sentence():
    report = draft_template(score(no_deviation_case()))
    assert prose(report, "deviations") == "我单位各项目均按计划执行，未发现明显偏离绩效目标的情况。"


def test_case_outline_is_used_and_single_title():
    report = draft_template(score(single_case()))
    assert report.outline == "single_project"
    assert report.title == "学生营养改善计划项目2023年度绩效自评报告"
    tables = report.tables
    assert len(tables) == 2  # funds block and indicator block of the 自评表
    assert tables[1].total == ["总分", "", "", "", "", "", "100", "84.00", "良"]
    assert tables[0].rows[1][0] == "其中：当年财政拨款"


def test_outline_argument_overrides_the_case():
    unit = score(single_case())
    assert draft_template(unit, "unit_multi").outline == "unit_multi"
    assert draft_template(unit, load_outline("unit_multi")).outline == "unit_multi"


def test_indicator_deviations_are_described():
    report = draft_template(score(yuan_case()))
    text = prose(report, "deviations")
    assert (
        "学生营养改善计划项目“受益学生人数”指标年度指标值5000人，实际完成值4500人，完成率90.00%，得分45.00分（分值50分），未完全达成年度指标。"
        in text
    )
    assert "“营养状况改善”指标评价为“部分达成并具有一定效果”" in text
    assert CAUSE_PLACEHOLDER in text and MEASURE_PLACEHOLDER in text


def test_indicator_note_covers_an_indicator_only_deviation():
    data = single_case()
    data["项目"][0]["全年执行数"] = 1200000
    data["项目"][0]["资金来源"] = None
    data["项目"][0]["绩效指标"][1].update({"评价档次": "达成年度指标", "得分": 30})
    report = draft_template(score({k: v for k, v in data.items()}), "unit_multi")
    text = prose(report, "deviations")
    assert "“受益学生人数”指标偏差原因分析及改进措施：部分学生转学，下年度据实测算。" in text
    assert CAUSE_PLACEHOLDER not in text and MEASURE_PLACEHOLDER not in text


def test_over_budget_and_measure_only():
    report = draft_template(score(over_budget_case()))
    use = prose(report, "funds_use")
    assert "道路养护项目全年预算数8万元，全年执行数8.4万元，预算执行率105.00%。" in use
    assert "【待核实：超预算执行原因】" in use
    text = prose(report, "deviations")
    assert "防汛物资储备项目偏差原因：【待补充：偏差原因】。" in text
    assert "防汛物资储备项目改进措施：提前编制采购计划。" in text


# --- outlines --------------------------------------------------------------------------------------


def test_shipped_outlines_load_and_every_template_is_implemented():
    assert set(OUTLINES) <= set(available_outlines())
    for name in available_outlines():
        outline = load_outline(name)
        assert outline.id == name
    assert set(TEMPLATES["facts"]) | set(TEMPLATES["narrative"]) == set(WRITERS)
    assert set(TEMPLATES["table"]) == set(TABLES)


def test_unit_multi_follows_the_seed_outline():
    headings = load_outline("unit_multi").numbered_headings()
    assert headings == [
        "一、基本情况",
        "（一）项目基本背景及绩效目标",
        "1.项目背景简要情况",
        "2.绩效目标",
        "（二）预算资金规模、来源及使用情况",
        "1.预算资金来源",
        "2.预算资金基本使用情况",
        "二、绩效自评工作情况",
        "（一）绩效评价目的",
        "（二）绩效评价原则、评价指标体系、评价方法",
        "1.绩效评价原则",
        "2.绩效指标体系",
        "3.评价方法",
        "（三）绩效评价工作过程",
        "三、综合评价结论",
        "四、绩效目标完成情况总体分析",
        "五、偏离绩效目标的原因和改进措施",
        "附件：评分表",
    ]


def test_single_project_follows_the_reference_outline():
    level1 = [h for h, s in zip(*_headings("single_project"), strict=True) if s.level == 1]
    assert level1 == [
        "一、基本情况",
        "二、绩效评价工作开展情况",
        "三、综合评价情况及评价结论",
        "四、绩效评价指标分析",
        "五、主要经验及做法、存在的问题及原因分析",
        "六、有关建议",
        "七、其他需要说明的问题",
        "附件：项目支出绩效自评表",
    ]


def _headings(name: str):
    outline = load_outline(name)
    return outline.numbered_headings(), outline.sections


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "outline.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "id: mine\nname: 我的提纲\ntitle: '{{unit.name}}报告'\nsections:\n  - {id: a, heading: 基本情况, level: 1, kind: fixed}\n"


def test_outline_from_a_path(tmp_path: Path):
    outline = load_outline(_write(tmp_path, GOOD))
    assert outline.id == "mine"
    report = draft_template(score(no_deviation_case()), outline)
    assert report.title == "某市档案馆报告"


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
    outline = load_outline(
        _write(tmp_path, GOOD.replace("kind: fixed", "kind: fixed, text: ['{{p9.rate}}']"))
    )
    from assistant.facts import UnknownSlotError

    with pytest.raises(UnknownSlotError):
        draft_template(score(no_deviation_case()), outline)


def test_fact_sheet_holds_the_unit_totals_as_display_strings():
    facts = build_facts(score(no_deviation_case()))
    assert (facts["unit.name"], facts["unit.year"], facts["total.projects"]) == ("某市档案馆", "2024", "2")
    assert (facts["total.budget"], facts["total.rate"], facts["total.mean_score"]) == (
        "13.5",
        "100.00",
        "99.00",
    )
    assert facts.kinds["unit.year"] == "year" and facts.kinds["unit.name"] == "text"
