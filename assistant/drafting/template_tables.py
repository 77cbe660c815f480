"""The attached tables: the unit's 汇总表 (one row per project) and, per project, the national
项目支出绩效自评表 (funds block by source, 年度总体目标, indicator rows, 总分 and 等级) as a form with merged cells.

Cells are fact-sheet display strings; a fact the officer still has to give is a 【待补充】 marker, a source
row the data does not hold is left blank for the officer to fill, as on the paper form.
"""

from __future__ import annotations

from assistant.drafting.outline import OutlineSection
from assistant.drafting.template_writer import Writer
from assistant.report import Table
from assistant.scoring import ProjectScore
from assistant.vocabulary import ACTUAL, DEVIATION_NOTE, INDICATOR_NAME, LEVEL1, LEVEL2, POINTS, SCORE, TARGET

# The indicator columns of the national 项目支出绩效自评表, in the form's order.
INDICATOR_COLUMNS = (LEVEL1, LEVEL2, INDICATOR_NAME, TARGET, ACTUAL, POINTS, SCORE, DEVIATION_NOTE)

_SOURCES = (("appropriation", "其中：当年财政拨款"), ("carry_over", "上年结转资金"), ("other", "其他资金"))
_COMPARATORS = ("≥", "≤", ">", "<")
GRID = 9


def score_table(w: Writer, section: OutlineSection) -> list[Table]:
    money = w.unit.case.money_unit
    header = [
        "序号",
        "项目名称",
        f"全年预算数（{money}）",
        f"全年执行数（{money}）",
        "执行率（%）",
        "自评得分",
        "等级",
    ]
    rows = []
    for ps in w.unit.projects:
        get = w.facts.get
        key = w.facts.key_of(ps)
        rows.append(
            [
                w.facts[f"{key}.index"],
                w.facts[f"{key}.name"],
                w.facts[f"{key}.budget"],
                w.facts[f"{key}.executed"],
                get(f"{key}.rate", "—") or "—",
                get(f"{key}.score", "—") or "—",
                get(f"{key}.grade", "—") or "—",
            ]
        )
    total = [
        "",
        "合计",
        w.facts["total.budget"],
        w.facts["total.executed"],
        w.facts.get("total.rate", "—") or "—",
        w.facts.get("total.mean_score", "") or "",
        "",
    ]
    caption = section.caption or "项目支出绩效自评汇总表"
    title = w.fill("{{unit.name}}{{unit.year}}年度") + caption
    return [Table(header=header, rows=rows, total=total, title=title)]


def self_eval_table(w: Writer, section: OutlineSection) -> list[Table]:
    caption = section.caption or "项目支出绩效自评表"
    return [_form(w, ps, w.fill(caption + "（{{unit.year}}年度）")) for ps in w.unit.projects]


class _FormBuilder:
    """Rows of a form with their spans, label rows and the cells continuing a label above."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.spans: list[list[int]] = []
        self.merged_down: list[list[int]] = []
        self.emphasis: list[int] = []

    def add(self, cells: list[tuple[str, int]], *, label: bool = False, continues: bool = False) -> None:
        assert sum(span for _, span in cells) == GRID
        if label:
            self.emphasis.append(len(self.rows))
        if continues:
            self.merged_down.append([len(self.rows), 0])
        self.rows.append([text for text, _ in cells])
        self.spans.append([span for _, span in cells])


def _form(w: Writer, ps: ProjectScore, title: str) -> Table:
    key = w.facts.key_of(ps)
    get = w.facts.get
    money = w.unit.case.money_unit
    form = _FormBuilder()
    form.add([("项目名称", 1), (w.facts[f"{key}.name"], 8)])
    department = get(f"{key}.department") or w.facts["unit.name"]
    # A fact the officer has not given stays blank in the form: the body's 【待补充】 asks for it once.
    implementer = get(f"{key}.implementer") or ""
    form.add([("主管部门", 1), (department, 3), ("实施单位", 2), (implementer, 3)])
    form.add(
        [
            (f"项目资金（{money}）", 1),
            ("", 2),
            ("年初预算数", 1),
            ("全年预算数", 1),
            ("全年执行数", 1),
            ("分值", 1),
            ("执行率（%）", 1),
            ("得分", 1),
        ],
        label=True,
    )
    form.add(
        [
            ("", 1),
            ("年度资金总额", 2),
            (get(f"{key}.budget_initial") or "", 1),
            (w.facts[f"{key}.budget"], 1),
            (w.facts[f"{key}.executed"], 1),
            (w.facts["rules.exec_points"], 1),
            (get(f"{key}.rate") or "—", 1),
            (w.facts[f"{key}.rate_score"], 1),
        ],
        continues=True,
    )
    has_sources = ps.project.sources is not None
    for attr, label in _SOURCES:
        src = f"{key}.src.{attr}"
        blank = "—" if has_sources else ""
        form.add(
            [
                ("", 1),
                (label, 2),
                (get(f"{src}.budget_initial") or blank, 1),
                (get(f"{src}.budget") or blank, 1),
                (get(f"{src}.executed") or blank, 1),
                ("—", 1),
                ("—", 1),
                ("—", 1),
            ],
            continues=True,
        )
    form.add([("年度总体目标", 1), ("预期目标", 4), ("实际完成情况", 4)], label=True)
    goal = get(f"{key}.goal") or ""
    outcome = get(f"{key}.outcome") or ""
    form.add([("", 1), (goal, 4), (outcome, 4)], continues=True)
    form.add(
        [
            ("绩效指标", 1),
            *((term.key, 1) for term in INDICATOR_COLUMNS),
        ],
        label=True,
    )
    for k, s in enumerate(ps.indicators, 1):
        ik = f"{key}.i{k}"
        unit = get(f"{ik}.unit") or ""
        comparator = s.indicator.kind if s.indicator.kind in _COMPARATORS else ""
        target, actual = get(f"{ik}.target"), get(f"{ik}.actual")
        note = get(f"{ik}.note") or ("见正文第五部分" if s.missed or s.over_achieved else "")
        form.add(
            [
                ("", 1),
                (w.facts[f"{ik}.level1"], 1),
                (w.facts[f"{ik}.level2"], 1),
                (w.facts[f"{ik}.name"], 1),
                (f"{comparator}{target}{unit}" if target is not None else "—", 1),
                (f"{actual}{unit}" if actual is not None else "—", 1),
                (w.facts[f"{ik}.points"], 1),
                (get(f"{ik}.score") or "—", 1),
                (note, 1),
            ],
            continues=True,
        )
    if not ps.indicators:
        form.add([("", 1), ("未分项填报绩效指标", 8)], continues=True)
    grade = get(f"{key}.grade")
    form.add(
        [
            ("总分", 6),
            (w.facts["rules.total_points"], 1),
            (get(f"{key}.score") or "—", 1),
            (f"自评等级：{grade}" if grade else "自评等级：—", 1),
        ],
        label=True,
    )
    return Table(
        header=[],
        rows=form.rows,
        title=title,
        spans=form.spans,
        merged_down=form.merged_down,
        emphasis=form.emphasis,
    )
