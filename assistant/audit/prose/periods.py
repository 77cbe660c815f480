"""The period a number is said of: the year, 本年/上年 or the project's whole life (总投资, 累计) written last
before it in its sentence.

Why: figures of different periods are different quantities. "2023年预算数350万元 … 2022年预算数300万元" states two
budgets, not one written two ways; "项目总投资1200万元，2023年完成投资420万元，执行率100%" joins a whole-life
figure to a year's, so the 100 % may well be the year's own rate. 当年/本年 in a report whose title names its year
is that year ("当年支出…执行率96.09%" in a 2023 report and "2022年支出…执行率95.07%" are two years' rates), and a
clause with no period of its own after a semicolon is of the year its sentence opens with ("2022年部门支出合计…；项目
支出…"). A relation between such figures rests on an
attribution the text does not settle: never proven by the text alone.
"""

from __future__ import annotations

from ..cues import cues
from .model import Statement

_CUES = cues(__name__)


def period_of(text: str, statement: Statement) -> str | None:
    """ "2023", "current" (本年度, 当年), "prior" (上年, 去年), "whole" (总投资, 累计, 截至…), or None."""
    if statement.sentence is None:
        return None
    head = text[statement.sentence.start : statement.span[0]]
    last = None
    for match in _CUES.marker.finditer(head):
        last = match
    if last is None:
        return None
    kind = last.lastgroup
    return last.group("year") if kind == "year" else kind


def conflicting(text: str, *statements: Statement) -> bool:
    """Two of ``statements`` are said of different periods (an unmarked figure conflicts with none; 本年度 is
    the year the report's title names, or, with no such title, taken for whatever year the text writes)."""
    periods = {p for p in (period_of(text, s) for s in statements) if p is not None}
    years = {p for p in periods if p.isdigit()}
    if years and "current" in periods and (own := own_year(text)) is not None:
        years.add(own)  # 当年/本年 in a report whose title names its year: that year
    named = periods - years - ({"current"} if years else set())
    return len(years) > 1 or len(named) + bool(years) > 1


def last_year_and_this(text: str, a: Statement, b: Statement) -> bool:
    """ "其中公务接待费2.16万元" and "上年“三公”经费支出中，公务接待费2.61万元": one figure whose sentence says it is last
    year's (上年, 去年) and one whose sentence names no period: a report speaks of its own year unless it says
    otherwise, so the two are of two years, not one figure written twice."""
    periods = {period_of(text, a), period_of(text, b)}
    return "prior" in periods and None in periods


def other_versions(text: str, a: Statement, b: Statement) -> bool:
    """One of two figures is written after its sentence says the plan was changed (``revised``), the other not:
    the plan and its change, two versions of one quantity, not one figure written twice."""
    return revised(text, a) != revised(text, b)


def revised(text: str, statement: Statement) -> bool:
    """ "由原规划的硬化道路4.7公里…调整为硬化道路3.71公里": a figure written after its sentence says the plan was
    changed is the changed one; the figure of the plan it replaces, stated elsewhere, is another version."""
    if statement.sentence is None:
        return False
    return _CUES.changed_to.search(text, statement.sentence.start, statement.span[0]) is not None


def other_year(text: str, stated: Statement, *amounts: Statement) -> bool:
    """ "2022年执行率95%。2023年项目预算100万元…": ``stated`` names a year and each of ``amounts`` names
    another: a figure of another year, a different quantity by the text's own words (not a doubt)."""
    own = period_of(text, stated)
    if own is None or not own.isdigit():
        return False
    years = [period_of(text, s) for s in amounts]
    return all(y is not None and y.isdigit() and y != own for y in years)


def other_days(text: str, a: Statement, b: Statement) -> bool:
    """ "2023年11月15日,《…》下达…11,193万元" and "2024年7月3日,《…》下达…2,611万元": amounts whose sentences date
    them on two different days are two events (two batches, two moments), not one quantity written twice."""
    first, second = _day(text, a), _day(text, b)
    return first is not None and second is not None and first != second


def other_years(text: str, a: Statement, b: Statement) -> bool:
    """ "全市2020年批复…年度计划59项,总投资15314.35万元" and "全市2021年批复…年度计划39个,总投资18972.692万元": the
    last marker before each amount is 总投资, yet each sentence names its year earlier on. Amounts whose sentences
    name two different years (the last year written before each, in any position, outside a document title) are
    said of two periods, not one quantity written twice."""
    first, second = _year(text, a), _year(text, b)
    return first is not None and second is not None and first != second


def other_terms(text: str, a: Statement, b: Statement) -> bool:
    """ "春季学期认定小学寄宿生6,842人、初中寄宿生4,317人；秋季学期认定…初中寄宿生4,402人": figures whose sentences
    name two different parts of the year before them (春季/秋季学期, 上半年/下半年, 第一/第二季度, 一季度/二季度) or two
    stages (第一阶段/第二阶段, 1—6月/7—12月) are said of two terms, not one quantity written twice (an unmarked
    figure may be the year's or either term's); "第一季度" and "一季度" are one term."""
    first, second = _term(text, a), _term(text, b)
    return first is not None and second is not None and first != second


def _term(text: str, statement: Statement) -> str | None:
    return term_near(text, statement)


def term_in(words: str) -> str | None:
    """The part of the year (or stage) ``words`` name last ("秋季学期受助学生人数" → 秋季学期), in one spelling."""
    found = _CUES.term.findall(words)
    return _one_spelling(found[-1]) if found else None


def term_near(text: str, statement: Statement, after: int = 0) -> str | None:
    """The part of the year (or stage) the sentence of ``statement`` names last before it, else one named within
    ``after`` characters after it ("完成值12,650人（秋季学期）"), in one spelling; None when none is named."""
    if statement.sentence is None:
        return None
    found = _CUES.term.findall(text[statement.sentence.start : statement.span[0]])
    if not found and after:
        found = _CUES.term.findall(
            text[statement.span[1] : min(statement.sentence.end, statement.span[1] + after)]
        )
    return _one_spelling(found[-1]) if found else None


def _one_spelling(term: str) -> str:
    """ "第一季度", "一季度" and "第1季度" are one term; so are "1—6月" and "1-6月"."""
    term = "".join(term.split())
    if "季度" in term:
        return term.removeprefix("第").translate(_QUARTERS)
    return _CUES.range_mark.sub("-", term)


_QUARTERS = str.maketrans("1234", "一二三四")


def _year(text: str, statement: Statement) -> str | None:
    if statement.sentence is None:
        return None
    head = _CUES.title.sub("", text[statement.sentence.start : statement.span[0]])
    markers = [m.lastgroup for m in _CUES.marker.finditer(head)]
    found = [m.group("year") for m in _CUES.marker.finditer(head) if m.lastgroup == "year"]
    if found:
        return found[-1]
    lead = _lead_year(text, statement)
    if lead is not None or any(kind in ("prior", "whole") for kind in markers):
        return lead
    if "current" in markers and _CUES.this_year.search(head):
        return own_year(text)
    return None if markers else _opening_year(text, statement)


def own_year(text: str) -> str | None:
    """ "××县…2023年度城乡供水一体化工程项目绩效自评报告": the year the report's title line (one of its first
    lines) evaluates; 当年/本年 in its body mean that year."""
    for line in [line for line in text[:600].splitlines() if line.strip()][:3]:
        match = _CUES.report_title.search(line)
        if match is not None:
            return match.group("year") or match.group("late")  # "…绩效自评报告（2023年度）"
    return None


def _opening_year(text: str, statement: Statement) -> str | None:
    """ "2022年部门支出合计11,361.15万元，其中基本支出8,236.40万元；项目支出3,124.75万元": a clause with no period
    of its own, split off by a semicolon from a sentence that opens with a year, is of that year (no other period
    written between)."""
    assert statement.sentence is not None
    start = statement.sentence.start
    before = text[statement.sentence.para_start : start]
    opening = max(before.rfind("。"), before.rfind("\n")) + 1
    if opening == len(before) or not before.rstrip().endswith(("；", ";")):
        return None
    lead = _CUES.title.sub("", before[opening:]).strip()
    match = _CUES.opening_year.match(lead)
    if match is None:
        return None
    others = [m for m in _CUES.marker.finditer(lead, match.end()) if m.lastgroup != "current"]
    return None if others else match.group("year")


def _lead_year(text: str, statement: Statement) -> str | None:
    """ "2015年"三公"经费实际支出:1、…;2、公务用车运行维护费实际支出5.6万元;": an item of a list a lead clause opens
    with a colon, in its paragraph, is of the year that lead names."""
    assert statement.sentence is not None
    before = text[statement.sentence.para_start : statement.sentence.start]
    colon = max(before.rfind(":"), before.rfind("："))
    if colon < 0 or "。" in before[colon:]:
        return None
    lead = _CUES.title.sub("", before[before.rfind("。", 0, colon) + 1 : colon])
    found = [m.group("year") for m in _CUES.marker.finditer(lead) if m.lastgroup == "year"]
    return found[-1] if found else None


def _day(text: str, statement: Statement) -> str | None:
    if statement.sentence is None:
        return None
    head = _CUES.title.sub("", text[statement.sentence.start : statement.span[0]])
    found = _CUES.day.findall(head)
    return "".join(found[-1].split()) if found else None
