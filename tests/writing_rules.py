"""The writing rules a 财政局 reviewer reads a draft for, each a function returning what breaks it (empty: kept).

Shared by the per-case tests (``test_drafting_prose``), the property test over generated cases and the
benchmark (``bench/writing_bench.py``, figures in BENCHMARKS.md), so all three measure the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.drafting import Report
from assistant.facts import build_facts
from assistant.scoring import UnitScore
from tests.drafting_helpers import masked, prose, prose_pieces, repeated_passages

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

Rule = Callable[[UnitScore, Report], list[str]]


def no_repeat(unit: UnitScore, report: Report) -> list[str]:
    """No passage of more than 30 characters twice in the prose (the annex tables left out)."""
    return sorted(set(repeated_passages(masked(report, unit))))


def form_labels(unit: UnitScore, report: Report) -> list[str]:
    text = "\n".join(prose_pieces(report))
    return [phrase for phrase in FORM_PHRASES if phrase in text]


def one_term(unit: UnitScore, report: Report) -> list[str]:
    text = "\n".join(prose_pieces(report))
    found = [other for other in ("执行差异原因", "偏离原因", "差异原因") if other in text]
    if "预算执行率" not in text:
        found.append("no 预算执行率")
    if "执行率为" in text:
        found.append("执行率为")
    return found


def markers_name_the_fact(unit: UnitScore, report: Report) -> list[str]:
    """Every 【…】 is a 【待补充：…】 or 【待核实：…】 naming what is missing; a draft always has one (成文日期)."""
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
    if not markers:
        return ["no marker"]
    return [m for m in markers if not re.fullmatch(r"【待(?:补充|核实)：[^】]{2,}】", m)]


def project_named_once(unit: UnitScore, report: Report) -> list[str]:
    """In 四/五/背景 a paragraph that refers to a project as 该项目 names it once."""
    found = []
    labels = [ps.project.name for ps in unit.projects]
    for paragraph in prose(report, "completion", "deviations", "background").split("\n"):
        for label in labels:
            if label + "项目" in paragraph and "该项目" in paragraph and paragraph.count(label + "项目") != 1:
                found.append(paragraph[:60])
    if any(ps.indicators for ps in unit.projects) and "该项目" not in prose(report, "completion"):
        found.append("no 该项目 in 四")
    return found


def one_money_precision(unit: UnitScore, report: Report) -> list[str]:
    """Every amount the template writes, prose and tables, shows the same number of decimals; 元 amounts
    carry thousands separators. Officer texts are quoted as written and left out, and so are per-unit values
    (1250元/生·年)."""
    facts = build_facts(unit)
    text = "\n".join(prose_pieces(report))
    for key, value in sorted(facts.values.items(), key=lambda item: -len(item[1])):
        if facts.kinds[key] == "text" and len(value) > 4:
            text = text.replace(value, "〔引文〕")
    text = INDICATOR_VALUE.sub("〔指标值〕", text)  # an indicator measured in 万元 is a value, not money
    text += "".join(f"\n{cell}{unit.case.money_unit}" for cell in amount_cells(report) if cell)
    places = set()
    found = []
    for whole, decimals, money in AMOUNT.findall(text):
        if money != unit.case.money_unit:
            continue
        places.add(len(decimals))
        if money == "元" and len(whole.replace(",", "")) > 3 and "," not in whole:
            found.append(whole)
    if len(places) != 1:
        found.append(f"precisions {sorted(places)}")
    return found


def amount_cells(report: Report) -> list[str]:
    """The money cells of the attached tables: 汇总表 columns headed in the money unit, 自评表 funds rows."""
    cells = []
    for table in report.tables:
        if table.is_form:
            cells += [c for row in table.rows if row[1] in FUND_ROWS for c in row[2:5] if c != "—"]
        else:
            columns = [i for i, h in enumerate(table.header) if h.endswith("元）")]
            cells += [row[i] for row in table.all_rows() for i in columns]
    return cells


def title_and_closing(unit: UnitScore, report: Report) -> list[str]:
    found = []
    if not (report.signature and report.signature[0] == unit.case.unit):
        found.append("落款 without the unit")
    if not (report.signature and report.signature[-1] == "【待补充：成文日期】"):
        found.append("落款 without the date marker")
    if not (report.annex_note and report.annex_note[0].startswith("附件：")):
        found.append("no 附件说明")
    return found


NO_REPEAT = "no passage of more than 30 characters twice"
RULES: dict[str, Rule] = {
    NO_REPEAT: no_repeat,
    "no form labels or system phrases": form_labels,
    "one term per concept": one_term,
    "every marker names the missing fact": markers_name_the_fact,
    "a project named once per paragraph, then 该项目": project_named_once,
    "one money precision per report": one_money_precision,
    "title and closing (落款, 附件说明)": title_and_closing,
}
