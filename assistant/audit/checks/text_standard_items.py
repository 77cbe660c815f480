"""ARITHMETIC_MISMATCH from the text alone: a standard per item (每场, 每期, 每公里), the count of those items and the
money spent on them, each stated in a different part of the report and tied by the item's own name.

Bad: 按照每场1.20万元的标准对承演团队给予补助 (资金安排) … 演出补助支出150.00万元 (资金使用) … 全年完成惠民演出130场
(产出指标): 130 × 1.20万元 = 156.00万元, not 150.00万元. The count's name (演出) names the money (演出补助支出), the text
states one standard per 场 and one count of 场 besides its 其中 parts: an error.
Uncertain: the same with planned figures (计划演出130场 … 演出补助预算150.00万元): a plan against a plan is a
reading of the budget's make-up, a warning.
Good: the figures that agree; a standard that is a ceiling or an average (每场最高1.20万元, 平均每场); money that
holds other things (演出补助及宣传支出, 演出补助支出…（含舞台搭建）); money of another item (宣传支出) or of the whole
project (项目实际支出); the actual count against a budget, or a planned count against the money spent; two counts
or two standards of the unit the money cannot tell apart; a product that fits with 元 and 万元 swapped (another
check's slip) or is far from the money (another reading).

Heads too (每户3,200元, 每人每月150元, 生均800元/年) when ``text_standard_products`` reads no count and money of the
standard by a shared name of four characters (one finding per relation): 农村户厕改造按每户3,200元的标准给予改厕奖补 …
改厕奖补支出48.00万元 … 全年完成改厕145户 (145 × 3,200元 = 46.40万元). Heads are named by who they are, their money by
what they got ("享受护理服务的失能老人" … "护理补助发放支出": 护理), and a monthly standard counts the months: an error
only with one standard, one count so named and the months stated. Silent: a standard raised within the year
(由…提高至, 7月起上调), or any reading of the periods that fits.

Why apart: ``text_arithmetic`` pairs a standard within its paragraph and ``text_standard_products`` pairs standards
per head, household or area by a shared four-character label; a standard per event or thing is paired by the
item's noun, the one word its count and its money share, wherever each stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.numbers import base_unit

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value
from ..prose.interval import Interval
from ..prose.model import Statement
from ..prose.standards import fits, holds_more, of_unit, paid_per, periods, planned, raised_in_year
from ..registry import check_unit
from .standard_counts import counts_for, money_for
from .standard_names import common
from .text_standard_products import near_enough

_CUES = cues(__name__)
_HAN = re.compile(r"[\u4e00-\u9fff]+$")
_SAME = {"场次": "场", "批次": "批", "班次": "班", "千米": "公里"}  # one item written two ways
_HEADS = frozenset({"人", "生", "名", "户"})  # per person, student or household: counted in 人/名 or 户
Unit = tuple[str, str | None]  # the unit a standard is paid per, and its period (per head only)


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    # text_arithmetic's business: a standard its paragraph pairs, and that standard restated elsewhere
    read = {price.value for group in ctx.pairings for _, price in group.pairs}
    standards: dict[Unit, list[Statement]] = {}
    for price in prose:
        if price.kind == "amount" and price.field == "unit_price" and price.value not in read:
            unit = _item_unit(ctx, price) or _head_unit(ctx, prose, price)
            if unit is not None and not raised_in_year(ctx, price):
                standards.setdefault(unit, []).append(price)
    for unit, prices in standards.items():
        if len({p.value for p in prices}) != 1 or not all(_set_standard(ctx, p) for p in prices):
            continue  # several standards of the unit, or a ceiling or an average: no one product
        finding = _compare(ctx, prose, prices, unit, _counts(ctx, prose, unit[0]))
        if finding is not None:
            yield finding


def _item_unit(ctx: AuditContext, price: Statement) -> Unit | None:
    """The item a standard is written per ("每场1.50万元", "1.5万元/场"), with no period besides ("每场每年" is
    someone else's product)."""
    text = ctx.doc.text
    before = _CUES.per_item.search(clause_before(ctx, price))
    after = _CUES.per_item_after.match(text[price.span[1] : price.span[1] + 5])
    found = before or after
    return (_SAME.get(found.group("unit"), found.group("unit")), None) if found else None


def _head_unit(ctx: AuditContext, prose: list[Statement], price: Statement) -> Unit | None:
    """The head a standard is paid per (每人每月500元, 每户3,000元, 生均800元/年), by a year or a month, when
    ``text_standard_products`` pairs no count and money of it by their shared name (one finding per relation)."""
    per = paid_per(ctx, price) or _per_student(ctx, price)
    if per is None or per[0] not in _HEADS or per[1] not in (None, "年", "月"):
        return None
    counts = counts_for(ctx, prose, price, *per)
    if counts and money_for(ctx, prose, price, counts[0]):
        return None  # text_standard_products' relation
    return per


def _per_student(ctx: AuditContext, price: Statement) -> Unit | None:
    """ "生均800元/年", "生均补助标准为1,200元": a standard per student written 生均 (no average taken of the money,
    as 人均 or 户均 may be)."""
    if not _CUES.per_student.search(clause_before(ctx, price)):
        return None
    after = ctx.doc.text[price.span[1] : price.span[1] + 3]
    return "生", ("月" if _CUES.per_month_after.match(after) else None)


def _set_standard(ctx: AuditContext, price: Statement) -> bool:
    """A standard paid as written, not a ceiling (最高, 不超过) or an average (平均) the money may fall short of."""
    assert price.sentence is not None
    tail = re.split(r"[，,；;。]", ctx.doc.text[price.span[1] : price.sentence.end])[0]
    return (
        price.hedge is None
        and price.exact_claim
        and not _CUES.not_set.search(clause_before(ctx, price) + tail)
    )


def _counts(ctx: AuditContext, prose: list[Statement], unit: str) -> list[Statement]:
    """The counts of the unit that are no 其中 part of another ("148场，其中乡镇96场，村52场": 148 only); heads
    counted in 人 or 名, households in 户."""
    found = []
    heads = of_unit(prose, unit) if unit in _HEADS else []
    for s in prose:
        if s.kind != "count" or not s.exact_claim or s.unit is None:
            continue
        if unit in _HEADS and s not in heads:
            continue
        if unit not in _HEADS and _SAME.get(base_unit(s.unit), base_unit(s.unit)) != unit:
            continue
        assert s.sentence is not None
        if "其中" in ctx.doc.text[s.sentence.start : s.span[0]] or s.span in ctx.facts.parts:
            continue
        found.append(s)
    return found


def _noun(words: str, other: str) -> str:
    """The longest end of a count's words ("全年完成送戏下乡演出") that ``other`` holds too, past the words every
    count or fund shares: the item's noun (演出), or "" when they share none. A total's word at the end ("资助学生共",
    "演出累计") is no part of the noun."""
    han = _HAN.search(words)
    if han is None:
        return ""
    run = _CUES.total_end.sub("", han.group(0))
    best = ""
    for k in range(2, len(run) + 1):
        end = run[-k:]
        if end not in other:
            break
        best = end
    return best if len(_CUES.generic.sub("", best)) >= 2 else ""


def _money(
    ctx: AuditContext, prose: list[Statement], count: Statement, heads: bool = False
) -> tuple[str, list[Statement]]:
    """The item's noun and the money its words name as that item's own, of the count's kind (spent against what
    was done, budget against what was planned): no money of several items (、, 及, 含), of the whole project, or a
    share of the money by source or tranche. Heads are named by who they are ("享受津贴老人"), their money by what
    they got ("津贴发放支出"): for ``heads`` the noun may be the benefit inside the count's words."""
    words = clause_before(ctx, count)
    is_plan = planned(ctx, count)
    found: list[Statement] = []
    noun = ""
    for s in prose:
        if s.kind != "amount" or s.field == "unit_price" or not s.exact_claim or s.role != "value":
            continue
        assert s.sentence is not None
        name = clause_before(ctx, s)
        own = _noun(words, name) or (_benefit(words, name) if heads else "")
        if (
            not own
            or not _of_the_count(words, name[name.find(own) + len(own) :])
            or planned(ctx, s) != is_plan
        ):
            continue
        if _CUES.not_own.search(name) or holds_more(ctx, s):
            continue
        found.append(s)
        noun = max(noun, own, key=len)
    return noun, found


def _benefit(words: str, name: str) -> str:
    """The longest run of two characters or more a head count's words and a money's name share past the words every
    count or fund shares ("享受津贴老人" and "津贴发放支出" share 津贴), or ""."""
    run = common(_CUES.generic.sub("|", words), _CUES.generic.sub("|", name))
    return run if len(run) >= 2 and _HAN.fullmatch(run) else ""


def _of_the_count(words: str, rest: str) -> bool:
    """Does the money's name after the noun say it paid for the item ("补助支出", "建设补助资金"), and for what the
    count did? The words before its spending word ("建设", "养护") must share a character with the count's own
    ("新建…公路"): "道路养护资金" is not the money of "新建道路18公里"."""
    spent = _CUES.spent.search(rest)
    if spent is None:
        return False
    qualifier = re.sub(r"[^\u4e00-\u9fff]", "", rest[: spent.start()])
    return not qualifier or bool(set(qualifier) & set(words))


def _compare(
    ctx: AuditContext, prose: list[Statement], prices: list[Statement], unit: Unit, counts: list[Statement]
) -> Finding | None:
    price = prices[0]
    heads = unit[0] in _HEADS
    if heads:
        counts = [
            c for c in counts if _money(ctx, prose, c, heads)[1]
        ]  # 人 counts many things: the money's own
    done = [c for c in counts if not planned(ctx, c)]
    if len({c.value for c in done}) == 1:
        counts = done  # "目标148场 … 完成150场": what was done, the target aside
    if len({c.value for c in counts}) != 1:
        return None  # no count of the unit, or two the money cannot tell apart
    count = counts[0]
    noun, money = _money(ctx, prose, count, heads)
    if len({a.value for a in money}) != 1:
        return None
    amount = money[0]
    if _own_basis(prose, price, amount):
        return (
            None  # the money's own sentence counts what it paid ("3,195人·月，共发放…"): that product decides
        )
    readings = periods(ctx, price, unit[1])
    stated = amount.interval()
    ctx.facts.mark(price, count, amount)
    for n in readings:
        product = count.interval() * Interval.exact(price.value) * Interval.exact(n)
        if fits(product, stated):
            return None  # it fits, or fits with 元 and 万元 swapped: a unit slip is another check's
    n = readings[-1]
    product = count.interval() * Interval.exact(price.value) * Interval.exact(n)
    if not near_enough(product, stated):
        return None  # far from the money: another reading (part of the items, more money), no slip
    expected = show_value(product.mid, amount)
    is_plan = planned(ctx, count)
    times = f"×{n}个月" if unit[1] == "月" else ""
    one = len(prices) == 1 and len(counts) == 1 and (unit[1] != "月" or f"{n}个月" in ctx.doc.text)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"按 {price.text} 的标准，{noun}{count.text}×{price.text}{times} ＝ {expected}，而文中"
        f"{clause_before(ctx, amount).strip()}为 {amount.text}（若标准另有适用范围或资金另有用途，请在文中说明）",
        amount.span,
        expected=expected,
        found=amount.text,
        proven=not is_plan and _names_the_item(ctx, price, noun) and (one or not heads),
        quote=quote_of(ctx.doc.text, amount),
    )


def _own_basis(prose: list[Statement], price: Statement, amount: Statement) -> bool:
    """Does a count in the money's own sentence times the standard make the money ("全年累计在岗3,195人·月，共发放
    岗位补贴511.20万元" at 1,600元 a month)? Then the money states its basis, and a count from elsewhere is not it."""
    stated = amount.interval()
    return any(
        s.kind == "count"
        and s.sentence is amount.sentence
        and (s.interval() * Interval.exact(price.value)).overlaps(stated)
        for s in prose
    )


def _names_the_item(ctx: AuditContext, price: Statement, noun: str) -> bool:
    """Is the standard's item the noun's beyond doubt: named in the standard's paragraph ("培训…按每期4.50万元") or in
    the report's title ("送戏下乡文化惠民演出项目…报告", a report of that one item)? Otherwise only the unit ties them."""
    assert price.sentence is not None
    text = ctx.doc.text
    title = text.strip().split("\n", 1)[0]
    return noun in text[price.sentence.para_start : price.sentence.para_end] or noun in title
