"""REPEAT_MISMATCH for the whole of what a report evaluates: a report of one thing says how much money it got
("共获下达衔接资金105万元") and says it again where the money arrived or went ("衔接资金105万元已经全部到位",
"下达的建设资金56万元全部用于…"). Each is written as the whole (共, 合计, 全部, 全额), so two different values for
it cannot both hold.

Bad: 共获下达衔接资金105万元 … 衔接资金100万元已经全部到位.
Good: 共下达资金105万元 … 其中第一批下达60万元 (a batch, not the whole); 共下达105万元 … 共支付100万元 (another
stage); 资金来源…合计100万元 … 实际到位…合计95万元 (received, not said to be in full); 共投资40万元 … 维修…共计25万元，购买…共计15万元
(amounts of one sentence that add up to the whole: its parts); 为186名…每人5,000元，共计93.00万元 … 为1,254名…每人1,000元，共计125.40万元 (a priced item's total, count × price); 共下达650万元，其中市级400万元、区级150万元、自筹100万元 …
市级和区级资金550万元已全部到位 (some of the listed sources said together: their sum, not the whole); 共下达9,862.40万元…；另有上年结转资金124.60万元，
全年预算数合计9,987.00万元 (an amount written between them makes up the difference: a larger whole). Money the project earns (运营期收益合计, 收费收入…合计, 租金) is no money it was given: never such a whole, nor the firms' own spending or output it helps (企业研发费用合计, 带动社会投资); nor is a 合计 that adds up the amounts of its 口径 listed right above it (机耕…补助资金200万元。统防统治…150万元。以上两个环节合计补助资金350万元 … 本项目资金400万元已全部拨付到位: what the items got, the rest left over).
Only a report that names no project, and counts no two, is read so (its unnamed numbers are about what it evaluates); the
pairing rests on reading both as that whole: a warning, "uncertain".
"""

from __future__ import annotations

from itertools import combinations, pairwise

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..prose.budgets import other_budgets
from ..prose.interval import total
from ..prose.items import in_table_row, other_items, restarted_list
from ..prose.model import Breakdown, Statement, list_places
from ..registry import check_unit
from .own_money import several_projects
from .repeat_parts import sum_start
from .text_repeats import adds_up_in_its_sentence, repeat_finding

_CUES = cues(__name__)
_MOST_PARTS = 8  # the subsets of a longer list are too many to try, and one of them fits too easily
# 口径 of money given or received; 到位 in full is the money given
_WHOLE_FIELDS = frozenset({"budget", "arrived", None})


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    if facts.projects or several_projects(ctx):
        return []  # "项目建设数量6个,其中:…总共投资200万元;产业项目3个,总共投资1288.64万元": each group's whole
    parts = {p.span for b in facts.breakdowns for p in b.parts}
    wholes = [
        s
        for k, s in enumerate(facts.statements)
        if s.span not in parts
        and _whole(ctx, s)
        and not in_table_row(ctx.doc.text, s)
        and not _sums_the_items_above(facts.statements[:k], s)
        and not _priced_in_its_sentence(s, facts.statements)
        and not _sums_its_line(ctx.doc.text, s, facts.statements)
    ]
    findings = []
    for earlier, later in pairwise(wholes):
        if earlier.sentence is later.sentence or earlier.interval().overlaps(later.interval()):
            continue
        if other_items(ctx.doc.text, earlier, later) or restarted_list(ctx.doc.text, earlier, later):
            continue  # "一是…合计75万元；…四是…共4194.23万元": the wholes of two items of one list (or of two lists)
        if _stage(ctx, earlier) != _stage(ctx, later):
            continue  # "资金来源…合计100万元" and "实际到位…合计95万元": the money given and the money received
        if _parts_of_year(ctx, earlier) != _parts_of_year(ctx, later):
            continue  # "春季学期共拨付…1396.75万元" and "秋季学期合计拨付…1249.7万元": two terms' wholes, not the year's
        if other_budgets(ctx.doc.text, earlier, later):
            continue  # "(一)一般公共预算…收入总计1,867.48万元" and "(二)政府性基金…收入总计0万元": two budgets' wholes
        if adds_up_in_its_sentence(earlier, later, facts.statements):
            continue  # "共投资40万元" … "维修温室…共计25万元,…购买菌棒…共计15万元": the wholes of its parts
        if _some_of_its_parts(earlier, later, facts.breakdowns) or _some_of_its_parts(
            later, earlier, facts.breakdowns
        ):
            continue  # "共下达1200万元，其中中央840万元、省级240万元、县级120万元" … "中央和省级资金1080万元已全部到位"
        if _grown_between(ctx.doc.text, earlier, later, facts.statements):
            continue  # "共下达资金9,862.40万元…；另有上年结转资金124.60万元，全年预算数合计9,987.00万元": a larger whole
        facts.mark(earlier, later)
        findings.append(repeat_finding(ctx, earlier, later, "本报告评价对象的资金总额", proven=False))
    return findings


def _sums_the_items_above(before: list[Statement], s: Statement) -> bool:
    """ "机耕…补助资金200.00万元。统防统治…补助资金150.00万元。以上两个环节合计补助资金350.00万元": a 合计 that adds up
    the amounts of its subject and 口径 written right above it is what those items got, not the money the report's
    project got (the rest of that may be left over): no whole to set against "本项目资金400.00万元已全部拨付到位"."""
    run = []
    for other in reversed(before):
        if other.kind != "amount" or other.role != "value" or other.field == "unit_price":
            continue  # "补助标准20元/亩" prices an item: no money of the list
        if other.subject != s.subject or other.field != s.field or not other.exact_claim:
            break
        run.insert(0, other)
    return sum_start(run, s) is not None


def _sums_its_line(text: str, s: Statement, statements: list[Statement]) -> bool:
    """ "1-6月…支出257.76万元；7-12月…支出285.48万元；全年合计543.24万元": a 合计 that adds up the amounts written
    right before it on its own line (whatever their 口径) is that item's sum, not the money of the report."""
    start = text.rfind("\n", 0, s.span[0]) + 1
    run = [
        o
        for o in statements
        if o.kind == "amount"
        and o.role == "value"
        and o.field != "unit_price"
        and start <= o.span[0]
        and o.span[1] <= s.span[0]
    ]
    return sum_start(run, s) is not None


def _priced_in_its_sentence(s: Statement, statements: list[Statement]) -> bool:
    """ "为186名首次创业人员发放一次性创业补贴，每人5,000元，共计93.00万元": a 共计 after a price per head (per
    mu, per item) in its own sentence totals that one item's grant (count × price), not the money of the report."""
    return any(
        o.sentence is s.sentence and o.field == "unit_price" and o.span[1] <= s.span[0] for o in statements
    )


def _grown_between(text: str, earlier: Statement, later: Statement, statements: list[Statement]) -> bool:
    """Does an amount written between the two wholes, in their paragraph, make up their difference ("共下达…
    9,862.40万元…；另有上年结转资金124.60万元，全年预算数合计9,987.00万元")? Then the later whole is the earlier one
    with that money added (or taken away): another, larger (smaller) whole, not the same one written again."""
    if "\n" in text[earlier.span[1] : later.span[0]]:
        return False
    between = [
        s
        for s in statements
        if s.kind == "amount" and earlier.span[1] <= s.span[0] and s.span[1] <= later.span[0]
    ]
    places = list_places([earlier, later, *between])
    first, second = earlier.interval(places), later.interval(places)
    return any(
        (first + s.interval(places)).overlaps(second) or (first - s.interval(places)).overlaps(second)
        for s in between
    )


def _some_of_its_parts(whole: Statement, other: Statement, breakdowns: list[Breakdown]) -> bool:
    """Is ``other`` the sum of some (not all) of the listed parts of ``whole`` — the money of some of its fund
    sources or items, said of them together ("中央和省级资金…已全部到位" of a whole that a 县级 share completes)?"""
    target = other.interval()
    for breakdown in breakdowns:
        if breakdown.total is not whole or len(breakdown.parts) > _MOST_PARTS:
            continue
        parts = breakdown.parts
        if any(
            total([p.interval() for p in chosen]).overlaps(target)
            for size in range(2, len(parts))
            for chosen in combinations(parts, size)
        ):
            return True
    return False


def _parts_of_year(ctx: AuditContext, s: Statement) -> str | None:
    """The part of the year (春季, 秋季, 上半年, 第二季度…) written last before ``s`` in its sentence, if any."""
    assert s.sentence is not None
    found = _CUES.part_of_year.findall(ctx.doc.text[s.sentence.start : s.span[0]])
    return found[-1] if found else None


def _whole(ctx: AuditContext, s: Statement) -> bool:
    """Is ``s`` written as the whole of the report's money (共…, …全部到位)?"""
    if (
        s.kind != "amount"
        or s.origin != "prose"
        or s.role != "value"
        or s.subject is None
        or s.subject.kind != "report"
        or s.field not in _WHOLE_FIELDS
        or s.hedge is not None
        or s.high is not None
        or s.sentence is None
    ):
        return False
    before = ctx.doc.text[s.sentence.start : s.span[0]]
    clause = clause_of(before)
    after = ctx.doc.text[s.span[1] : s.sentence.end]
    if _CUES.share_opening.match(before):
        return False  # "其中，石门镇2所学校…合计95.65万元": a share of the money before it
    if _CUES.stock.search(clause):
        return False  # "年末资产总额3,215.47万元": what the unit holds at a moment, not the money of its year
    if _CUES.earned.search(clause) or (
        _CUES.sum_word.fullmatch(clause.strip()) and _CUES.earned.search(before)
    ):
        return False  # "预测运营期收益合计…", "收费收入…，租金…，合计…": money the project earns, not the money it got
    if _CUES.recipients_own.search(clause):
        return False  # "获得补助的企业研发费用合计12.68亿元": what the firms helped spend, not the money they got
    if _CUES.named_items.search(clause):
        return (
            False  # "“三公”经费和会议费、培训费合计…": the sum of the items it names, not the report's money
        )
    if _CUES.batch.search(clause) or _CUES.batch.search(after[:6]):
        return False  # "第一批下达…", "本次下达…": one batch, not the whole
    if _CUES.upper_body.search(_CUES.title.sub("", before)):
        return False  # "省水利厅…下达投资计划共计30.9万元": what one level handed down, maybe a share
    return bool(_CUES.whole_before.search(clause) or _CUES.whole_after.match(after))


def _stage(ctx: AuditContext, s: Statement) -> str:
    """ "arrived" for money its sentence says was received (实际到位…合计95万元) but not in full; else "given"
    (下达, 安排, 来源, or 全部到位: all of the money given arrived)."""
    assert s.sentence is not None
    before = ctx.doc.text[s.sentence.start : s.span[0]]
    after = ctx.doc.text[s.span[1] : s.sentence.end]
    if _CUES.received.search(before) and not _CUES.whole_after.match(after):
        return "arrived"
    return "given"
