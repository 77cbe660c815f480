"""What makes listed amounts the parts of a total, apart from how the list is found (``parts``): parts cannot be
the shares of a tree of projects, government levels run down to the local one
(``parts_levels``), one breakdown per total and list.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from ..cues import cues
from ..fields import clause_of, generic_only
from .model import Statement
from .periods import period_of

if TYPE_CHECKING:
    from .parts import Breakdown

_CUES = cues(__name__)
# Cues that say the parts after them are the whole.
EXHAUSTIVE_CUES = (
    "分别为",
    "分别是",
    "分为",
    "具体为",
    "具体是",
    "具体如下",
    "分配如下",
    "安排如下",
    "分解如下",
)
# Counted things that are labels as often as quantities ("一批项目" is the first batch).
_ORDINAL_UNITS = frozenset({"批", "期", "轮", "届", "次", "批次", "期次"})
BUDGET_FAMILY = frozenset({"budget", "budget_initial", None})
PART_ROLES = ("value", "part")


# Measure words in brackets right after a count's own ("16954套(台、块、项)", "14666台(套)"): the count is of
# things counted in any of them.
_VARIANTS = re.compile(r"[(（]([\u4e00-\u9fff](?:[、/，,][\u4e00-\u9fff])*)[)）]")
_VARIANT_WORDS = frozenset("套台块项件个辆部只座处条张册头匹羽")


_SCALES = ("万", "千", "亿", "百")


def _word(unit: str | None) -> tuple[str, str | None]:
    """A count's unit as scale and measure word: "万头" is ("万", "头"), "台" is ("", "台")."""
    if unit is not None and len(unit) == 2 and unit[0] in _SCALES:
        return unit[0], unit[1]
    return "", unit


def _units(statement: Statement) -> set[str | None]:
    """The count's measure word and the variants bracketed right after it, each with the count's scale:
    "29.05万头（只）次" counts in 万头 and 万只."""
    scale, word = _word(statement.unit)
    units: set[str | None] = {statement.unit}
    sentence = statement.sentence
    if word in _VARIANT_WORDS and sentence is not None:
        found = _VARIANTS.match(sentence.text, statement.span[1] - sentence.start)
        if found and set(words := re.split("[、/，,]", found.group(1))) <= _VARIANT_WORDS:
            units.update(scale + w for w in words)
    return units


def same_unit(total: Statement, part: Statement) -> bool:
    """Counts in one unit; 人 and 名 both count people ("新生3000名(其中市直属学校1150人…)"); a measure word
    with bracketed variants is any of them ("共16954套(台、块、项),其中…14666台(套)")."""
    if part.unit in _ORDINAL_UNITS or total.unit in _ORDINAL_UNITS:
        return False
    if part.unit == total.unit or {part.unit, total.unit} <= {"人", "名"}:
        return True
    (scale, word), (part_scale, part_word) = _word(total.unit), _word(part.unit)
    return (
        scale == part_scale
        and word in _VARIANT_WORDS
        and part_word in _VARIANT_WORDS
        and bool(_units(total) & _units(part))
    )


def compatible(total: Statement, part: Statement) -> bool:
    """Can ``part`` be a part of ``total``: same kind, and one unit (counts) or one 口径 (amounts)?"""
    # "截至9月底…项目共投入950160元，其中…703944元，…78216元": parts said of the moment the total is said of
    timed = total.role == part.role == "timed"
    if (part.role not in PART_ROLES and not timed) or part.kind != total.kind:
        return False
    if total.kind == "count":
        if part.unit in _ORDINAL_UNITS or total.unit in _ORDINAL_UNITS:
            return False
        noun = part.extra.get("noun")
        return same_unit(total, part) or (noun is not None and noun == total.extra.get("noun"))
    if total.kind != "amount":
        return False
    if part.field == total.field or part.field is None:
        return True
    if total.field is None and part.field in ("unspent", "executed"):
        # "收入总计…，其中：…其他收入42.76万元，年初结转和结余100万元": the balance brought in is an item; "本级留用
        # 19.00万元。其中体育部门支出15.2万元…": what was spent of a total that names no 口径 is a part of it
        return True
    return total.field in BUDGET_FAMILY and part.field in BUDGET_FAMILY


def kind_of_money(text: str, total: Statement, item: Statement) -> bool:
    """ "基本支出1076.17万元。其中：人员经费896.34万元…；公用经费179.83万元…": an item whose own clause names its money
    by a generic noun only says what kind of money it is, not its 口径: it can be a part of a total of any 口径.
    Not a fund source's share ("累计拨付46.3亿元，其中中央补助资金16.6亿元、省级资金22.9亿元"): what the sources
    provided is no split of what was paid out of them and other money."""
    if item.kind != "amount" or total.kind != "amount" or item.sentence is None:
        return False
    if item.subject is not None and item.subject.kind == "source":
        return False
    clause = re.split(r"[，,；;、:：。]", text[item.sentence.start : item.span[0]])[-1]
    return generic_only(clause) and compatible(total, replace(item, field=None))


def carried_in(text: str, total: Statement, item: Statement, clause: str) -> bool:
    """ "预算数60万元，其中包括兵团补贴60万，2018年度农机购置补贴结余资金12.664万元": a balance brought in from an
    earlier year (its ``clause`` says 上年/以前年度…结余, or names a year before the total's, or any year when the
    total names none) is an item of a budget —
    this year's money plus what is carried in — though 结余 reads as money left unspent. So is any kind of income
    brought into a total of income (``income_item``)."""
    if income_item(text, total, item, clause) or raised_share(text, total, item, clause):
        return True
    if total.field not in ("budget", "budget_initial") or item.field != "unspent" or item.kind != "amount":
        return False
    if _CUES.carried_in.search(clause):
        return True
    year = _CUES.earlier_balance.search(clause)
    if year is None:
        return False
    own = period_of(
        text, total
    )  # a total of no year of its own: the balance a year names comes from before it
    return own is None or not own.isdigit() or int(year.group(1)) < int(own)


def income_item(text: str, total: Statement, item: Statement, clause: str) -> bool:
    """ "一般公共预算收入实际完成85.99亿元。其中：税收收入…；上级转移支付补助收入24.69亿元；动用预算稳定调节基金0.83亿元；
    …；上年结转5.24亿元": under a total of income (…收入…完成/总计), an item named as a kind of income (…收入, …调入,
    动用…基金, 上年结转) is one of its sources, though a word of its name (补助, 预算, 结转) reads as another 口径."""
    if total.kind != "amount" or item.kind != "amount" or total.sentence is None:
        return False
    if _by_own_field(total, item):
        return False  # a part by its own 口径 already, not one this reading brings in (nor makes loose)
    head = text[total.sentence.start : total.span[0]]
    return bool(_CUES.income_total.search(head)) and bool(_CUES.income_item.search(clause.strip()))


def raised_share(text: str, total: Statement, item: Statement, clause: str) -> bool:
    """ "筹集福利彩票公益金1149.07万元，其中上缴公益金923.27万元，县级留成225.80万元": money raised (筹集, 征收) is
    either paid up to a higher level (上缴, 上解) or kept (留成, 留存, 留用); both are its shares, though 上缴 reads
    as a 口径 of its own."""
    if total.kind != "amount" or item.kind != "amount" or total.sentence is None:
        return False
    head = text[total.sentence.start : total.span[0]]
    return bool(_CUES.raised_total.search(head)) and bool(_CUES.raised_share.search(clause.strip()))


def _by_own_field(total: Statement, item: Statement) -> bool:
    """Would ``item``'s 口径 make it a part of ``total`` anyway (the same, none, a balance under an unnamed total,
    or both of the budget family)?"""
    budget = (None, "budget", "budget_initial")
    return (
        item.field in (None, total.field)
        or (total.field is None and item.field == "unspent")
        or (total.field in budget and item.field in budget)
    )


def denied(text: str, total: Statement, item: Statement) -> bool:
    """ "到位资金1246.4万元，其中区级资金到位140万元，其余40万元暂未到位": an amount its own clause says did not
    reach the total's stage (arrived, spent) is no part of it, whatever 其余 suggests; nor one its clause names as
    not arrived before it ("未到位资金5.00万元")."""
    if item.sentence is None or total.kind != "amount":
        return False
    after = text[item.span[1] : item.sentence.end]
    if total.field == "arrived":
        # "…尚有5.00万元未到位", "未到位资金5.00万元": money that has not come is never a part of what came
        before = text[max(item.sentence.start, item.span[0] - 20) : item.span[0]]
        return bool(_CUES.not_arrived_after.match(after) or _CUES.not_arrived_before.search(before))
    return total.field == "executed" and bool(_CUES.not_spent_after.match(after))


def can_hold(total: Statement, parts: list[Statement]) -> bool:
    """A total is not one of its own parts' subjects, and a project does not hold other projects."""
    subjects = {p.subject for p in parts}
    whole = total.subject is None or total.subject.kind in (
        "unit",
        "report",
    )  # the report's subject holds all
    # Items named by a fund word ("省级…补助资金102.04万元") are read as sources: they do not make the list one
    # of projects beside the total's own.
    # An item that names no subject of its own says nothing against the total either: instalments of a fund
    # ("中央资金3万元，分两笔下达：补助资金1.5万元，…中央补助1.5万元"), or "资金共计1586万元,其中:中央广播电视节目…
    # 43.8万元;县级融媒体中心建设43万元;应急广播系统建设1500万元" (中央广播…, 县级融媒体… read as sources); nor
    # beside items of the total's own subject ("免费开放项目支出251384.66元,主要用于办公费…,其他资本性支出40000元").
    others = {
        s for s in subjects if s is not None and s != total.subject and s.kind not in ("source", "report")
    }
    if total.subject in subjects and not whole and others:
        return False
    return not (
        total.subject is not None
        and total.subject.kind == "project"
        and any(s is not None and s.kind == "project" and s != total.subject for s in subjects)
    )


_ONE_MONEY = (
    frozenset(("budget", "budget_initial")),
    frozenset(("executed",)),
    frozenset(("unspent", "unspent_part")),
)  # a budget, what was spent of it, and what is left


def mixed_kinds(parts: tuple[Statement, ...]) -> bool:
    """Are the parts one money said three ways ("其中，A项目预算80万元，支出72万元，结余8万元": a budget, a spending
    and a rest, in that order)? They never add up to one total. (Two of the kinds alone may be parts: what was spent and what is
    left make the budget; a list's items are read loosely as 支出 or 预算 by their own words.)"""
    kinds = [next((k for k, kind in enumerate(_ONE_MONEY) if p.field in kind), None) for p in parts]
    said = [k for k in kinds if k is not None]
    # written in the order the money goes (budget, then spent, then left), as one money's account is
    return set(said) == {0, 1, 2} and said == sorted(said)


def overlapping(text: str, breakdown: Breakdown) -> bool:
    """ "在册20,489人，其中享受生活补贴12,806人，享受护理补贴12,995人，两项补贴同时享受5,312人": the list says its
    groups overlap, so its items add up to more than the whole with no slip; it proves nothing by its sum."""
    last = breakdown.parts[-1]
    end = last.sentence.end if last.sentence is not None else last.span[1]
    return _CUES.overlap.search(text, breakdown.parts[0].span[0], end) is not None


def outermost(found: list[Breakdown]) -> list[Breakdown]:
    """One breakdown per total and list (the first found), so a list is not checked twice; a total may have two
    lists ("A、B、C…，共计671037万元。其中，约束性任务…，指导性任务…")."""
    seen: set[tuple[tuple[int, int], ...]] = set()
    kept = []
    for breakdown in found:
        key = (breakdown.total.span, *(p.span for p in breakdown.parts))
        if key not in seen:
            seen.add(key)
            kept.append(breakdown)
    return kept


def closed_at_break(text: str, total: Statement, parts: list[Statement]) -> list[Statement]:
    """ "其中:中央资金202377万元,市级资金87026万元;本次纳入评价范围的资金151640万元": items joined by a finer
    separator that already make up the total exactly, then a coarser break (；): the list ended at the break, and
    what follows it is a new statement, not one more item. Items all split by ； keep the whole list."""
    gaps = [text[a.span[1] : b.span[0]] for a, b in pairwise(parts)]
    for k, gap in enumerate(gaps, start=1):
        if not _CUES.list_break.search(gap):
            continue
        finer = k >= 2 and not any(_CUES.list_break.search(g) for g in gaps[: k - 1])
        if finer and sum(p.value for p in parts[:k]) == total.value:
            return parts[:k]
        return parts
    return parts


def before_comparison(parts: list[Statement]) -> list[Statement] | None:
    """ "培训支出56.40万元，其中师资费12.00万元、场地费8.40万元，比2022年的48.90万元增加7.50万元": the amount a
    comparison names is the earlier year's whole, no item of this year's list; the list ends before it. So does a
    count its own clause names as a plan, a cancellation or a change ("实施示范项目4个，其中3个已通过验收，原计划5个，
    1个项目因故取消"; "完成改造12户，其中8户已入住，计划新增5户"): another measure of the same things, no part of
    what was done, and an amount its clause names as an item's changed value ("调增至2,400.00万元"). An amount
    labelled by the year before alone ("公务接待费4.12万元，上年5.38万元，减少1.26万元") is
    left out of the list."""
    parts = [part for part in parts if not _prior_labelled(part)]
    changed = next((k for k, part in enumerate(parts) if _changed_to(part)), None)
    if changed is not None and changed < 2:
        return None  # "其中A年初预算2,000万元，调增至2,400万元": one item's two values, no list of parts
    k = next(
        (k for k, part in enumerate(parts) if _prior(part) or _other_measure(part) or k == changed), None
    )
    return (parts if k is None else parts[:k]) or None


def totals_in_order(candidates: list[Statement], statements: list[Statement], start: int) -> list[Statement]:
    """The numbers before a 其中 that may be its total, the likeliest last. "市本级直达资金45.66亿元，未分配0.32亿元，
    分配率99.3%。其中：中央安排直达资金39.64亿元…": when the nearest number has no 口径 and the list's first amount
    has one, an earlier number of that 口径 is the list's total, not the remainder written after it. An amount of
    the year before ("支出18.6万元，较上年的20万元下降7%，其中…") is no candidate: this year's parts are not its."""
    candidates = [c for c in candidates if not _prior(c) and not _prior_labelled(c)]
    after = next((s for s in statements if s.span[0] >= start and s.kind == "amount"), None)
    if not candidates or after is None or after.field is None or candidates[-1].field is not None:
        return candidates
    own = [c for c in candidates if c.field == after.field and c.kind == "amount"]
    return [c for c in candidates if c not in own] + own


def central_and_local(text: str, parts: list[Statement], total: Statement | None = None) -> bool:
    """Two parts named 中央… and 地方… ("其中:中央安排直达资金61.02亿元;地方安排直达资金13.78亿元"): every fund is
        central or local, so the pair is the whole, though 其中 alone does not say so. Likewise two parts written as
        基本支出 and 项目支出 right before their amounts ("其中：基本支出216万元，项目支出1230.14万元"): the national
        决算 split makes the two the whole of a budget's spending — not of a 支出总计 (which holds the balance carried
    forward) nor of an income or balance figure; and 人员经费 with 公用经费 the whole of a total named 基本支出."""
    if len(parts) != 2:
        return False
    heads, kinds = [], []
    for part in parts:
        clause = re.split(r"[，,；;。、]", text[max(0, part.span[0] - 30) : part.span[0]])[-1]
        m = _CUES.central_local.match(clause)
        heads.append(m.group(1) if m else None)
        k = _CUES.part_labelled_spending_kind.search(clause)
        kinds.append(k.group(1) if k else None)
    if heads == ["中央", "地方"]:
        return True
    if total is None:
        return False
    lead = re.split(r"[，,；;。]", text[max(0, total.span[0] - 30) : total.span[0]])[-1]
    if sorted(kinds, key=str) == ["人员经费", "公用经费"]:
        return _CUES.basic_spending_total.search(lead) is not None  # a 基本支出 is its 人员经费 and 公用经费
    return sorted(kinds, key=str) == ["基本支出", "项目支出"] and _CUES.gross_total.search(lead) is None


def posts_and_heads(text: str, total: Statement, parts: list[Statement]) -> bool:
    """ "实有人员编制10人。其中:行政编制10人;在职在编实有行政人员12人": posts (编制) and the people in them (实有, 在职)
    are two quantities; a list that mixes them, or states the other one of its total, is no sum."""
    if total.kind != "count" or total.unit not in ("人", "名"):
        return False
    kinds = {_staff_kind(text, m) for m in (total, *parts)} - {None}
    return len(kinds) > 1


def stages_of_one_fund(parts: list[Statement]) -> bool:
    """ "其中，中央专项资金下达我单位500万元，当年支出460万元，其余结转下年": amounts of one named fund at different
    stages (下达, 到位, 支出, 结转) are one money told twice, not items of a sum."""
    stages: dict[object, set[str | None]] = {}
    for part in parts:
        if part.subject is not None and part.subject.kind != "report":
            stages.setdefault(part.subject, set()).add(part.field)
    # money given (下达, 到位) and spent of one fund; a balance carried in from a year before adds to it
    return any("executed" in fields and fields & _GIVEN for fields in stages.values())


_GIVEN = frozenset({"budget", "budget_initial", "arrived"})


def _staff_kind(text: str, count: Statement) -> str | None:
    """Whether a count of people counts posts ("行政编制10人"), leadership posts ("领导职数2名") or heads
    ("在职在编实有行政人员12人"), by its label."""
    start = count.sentence.start if count.sentence is not None else max(0, count.span[0] - 30)
    label = re.split(r"[，,；;、:：()（）。]", text[start : count.span[0]])[-1].strip()
    if _CUES.leader_posts.search(label):
        return "leader posts"
    if _CUES.posts.search(label):
        return "posts"
    return "heads" if _CUES.heads.search(label) else None


def _other_measure(count: Statement) -> bool:
    """Is the count one its clause names as planned, cancelled or changed ("原计划5个", "取消2个", "调减为3个")?"""
    if count.kind != "count" or count.sentence is None:
        return False
    head = count.sentence.text[: count.span[0] - count.sentence.start]
    return bool(_CUES.other_measure.search(clause_of(head)))


def _changed_to(amount: Statement) -> bool:
    """Is the amount what its clause says an item was changed to ("其中污水管网建设年初预算2,000.00万元，因新增管网
    调增至2,400.00万元")? The item's new value, the same money again: the list ends before it."""
    if amount.kind != "amount" or amount.sentence is None:
        return False
    head = amount.sentence.text[: amount.span[0] - amount.sentence.start]
    return bool(_CUES.changed_to.search(clause_of(head)))


def _prior(amount: Statement) -> bool:
    """Is the amount the one of the year before that a comparison names ("较上年的20万元", "比上年同期")?"""
    if amount.sentence is None:
        return False
    head = amount.sentence.text[: amount.span[0] - amount.sentence.start]
    return bool(_CUES.prior_year.search(clause_of(head)))


def _prior_labelled(amount: Statement) -> bool:
    """Is the amount one of the year before set beside this year's by its label alone ("三公经费决算12.48万元，
    2022年为15.90万元"; "公务接待费4.12万元，上年5.38万元")? The list drops it (the items after it are this year's
    again), and it is no total of this year's parts. A bare written year is the earlier one only when the sentence
    named a later year before it, not as the end of a span ("建设期为2021年至2023年，…：2021年2,400.00万元，2022年…":
    tranches by year, each an item)."""
    if amount.sentence is None:
        return False
    head = amount.sentence.text[: amount.span[0] - amount.sentence.start]
    clauses = re.split(r"[，,；;：:]", head)
    label = clauses[-1]
    if _CUES.prior_year_label.match(label):
        return True
    year = _CUES.earlier_year_label.match(label)
    before = _CUES.year_span.sub("", "".join(clauses[:-1]))
    return year is not None and any(int(y) > int(year.group(1)) for y in _CUES.any_year.findall(before))
