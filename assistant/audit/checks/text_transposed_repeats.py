"""REPEAT_MISMATCH from the text alone: one fund's amount written again with two neighbouring digits swapped
("中央财政下达3862万元" … "中央资金3826万元全部用于…").

Why: the commonest slip of a figure copied by hand is a transposition. The plain repeat check pairs a source's
amounts only at one stage of the money (下达 with 下达), since 下达 3862 and 支出 3826 may both be true; but two amounts
of one subject whose digits are the same but for two neighbours swapped are very rarely two true stages, and a
reviewer asks which is right. Same subject (a fund source, the project, the unit, or the unit's “三公”经费), same
口径 or none written (a budget and an amount paid, 预算150.00万元 … 已支付105.00万元, may well be two true figures) or
the same name of four characters or more right before both (其中中央资金1260万元 … 中央资金1206万元…均已到位: the name
says what the figure is),
same unit, same written precision, different sentences, not of two periods, days, versions or list items. The tie rests
on the digits, not on the text's words: always a warning ("uncertain").
Bad: 中央补助资金1,500.00万元 … 中央补助1,050.00万元; “三公”经费支出18.64万元 … “三公”经费支出16.84万元.
The report's own headline figures (本项目总投资3,450.00万元 … 项目总投资3,540.00万元) are tied the same way, and so are
figures of no subject the reader settled whose name, written alike before both, says what they are (中标合同金额
1,386.72万元 … 施工单位…合同金额1,368.72万元); a contract has one price, so the dates of their sentences (2024年10月完工,
2023年8月招标) do not make two periods of it. A contract's whole price worded apart ("施工合同总价1,347.26万元" …
"支付至合同价款1,374.26万元的90%") is one figure too when the amounts listed right before one of them add up to it
exactly (一标段452.18万元、二标段508.37万元、三标段386.71万元): the parts make that one the whole, and the finding
points at the other, whichever comes first. A list item's price written plainly in a list of 合同金额 ("其中：一标段
1,267.45万元") and again with its price's name ("一标段（合同金额1,276.45万元）", "一标段合同金额为…") is one figure too;
the list, when its items add up to the total with one of the two values, says which is right. Two
instalments (第一批…360万元 … 第二批…630万元), two differently named items (重点项目前期工作经费预算326.40万元 …
粮食安全保障经费预算362.40万元), two places (甲县… / 乙县…) and last year's figure beside one of no period are two
quantities.
Good: 中央资金3862万元 … 中央资金3682万元 (not neighbours); 下达480万元 … 支出408万元 (a 0 moved: the same digits but for
one, of two stages); 2022年中央资金35万元 … 2023年中央资金53万元 (two years).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.keystroke import transposed, written_digits

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.items import in_table_row, other_items, restarted_list, sentence_place
from ..prose.model import Statement
from ..prose.periods import conflicting, last_year_and_this, other_days, other_versions, other_years
from ..registry import check_unit
from .repeat_keys import batch
from .text_repeats import named_apart, repeat_finding

_CUES = cues(__name__)
_SUBJECTS = ("source", "project", "unit")
# why a swap of two neighbouring digits is read as one figure miswritten (the head-count twin says it too)
TRANSPOSED_WHY = "两数仅相邻两位数字互换，疑为笔误"
_NAME_CHARS = 4


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    amounts = [s for s in ctx.facts.statements if _candidate(text, s)]
    for k, later in enumerate(amounts):
        for earlier in amounts[:k]:
            if (
                earlier.subject == later.subject
                and (
                    (earlier.subject is not None and len({earlier.field, later.field} - {None}) <= 1)
                    or _named_alike(text, earlier, later)
                    or _same_item(text, earlier, later)
                    or _decided(ctx, earlier, later)
                )
                and earlier.unit == later.unit
                and earlier.places == later.places
                and earlier.sentence is not later.sentence
                and transposed(_digits(earlier), _digits(later))
                and (
                    _one_contract(text, earlier, later)
                    or _same_item(text, earlier, later)
                    or _decided(ctx, earlier, later)
                    or not _two_periods(text, earlier, later)
                )
                and not other_versions(text, earlier, later)
                and not other_items(text, earlier, later)
                and not restarted_list(text, earlier, later)
                and batch(ctx, earlier) == batch(ctx, later)
                and (
                    not named_apart(ctx, earlier, later)
                    or _decided(ctx, earlier, later)
                    or _same_item(text, earlier, later)  # the item's name, not its clause's label, says it
                )
                and not two_places(text, earlier, later)
            ):
                ctx.facts.mark(earlier, later)
                right, wrong = earlier, later
                if parts := _parts_of(
                    ctx, later
                ):  # the parts before the later figure make it: the earlier is the slip
                    right, wrong = later, earlier
                else:
                    parts = _parts_of(ctx, earlier)
                if not parts and _same_item(text, earlier, later):
                    right, wrong, parts = _item_in_list(ctx, earlier, later)
                why = TRANSPOSED_WHY + (f"；{_shown_sum(parts)}" if parts else "")
                what = (
                    "同一合同的总价"
                    if _both_contracts(text, right, wrong) and not _named_alike(text, right, wrong)
                    else _what(text, right)
                )
                yield repeat_finding(ctx, right, wrong, what, proven=False, why=why)
                break


def _candidate(text: str, s: Statement) -> bool:
    """A plain amount of prose said of a fund source, the project, the unit or the unit's “三公”经费, a contract's
    price (合同金额, 中标总价), or of no subject a reader settled (paired then only by its name)."""
    return (
        s.kind == "amount"
        and s.origin == "prose"
        # a bracketed aside may be an item's price ("一标段（合同金额1,276.45万元）")
        and (s.role == "value" or (s.role == "aside" and _item_contract(text, s) is not None))
        and (
            s.subject is None  # paired only by a name written alike before both ("合同金额")
            or s.subject.kind in _SUBJECTS
            or s.extra.get("category") == "named"
            or (s.subject.kind == "report" and "headline" in s.extra)  # the report's 预算数, 总投资, 执行数
            or _CUES.contract_name.search(_name_before(text, s)) is not None  # its contract's one price
            or _item_contract(text, s) is not None  # a list item's contract price ("一标段（合同金额")
        )
        and s.hedge is None
        and s.high is None
        and s.sentence is not None
        and not in_table_row(text, s)
    )


def _two_periods(text: str, earlier: Statement, later: Statement) -> bool:
    return (
        conflicting(text, earlier, later)
        or other_years(text, earlier, later)
        or last_year_and_this(text, earlier, later)
        or other_days(text, earlier, later)
    )


def _one_contract(text: str, earlier: Statement, later: Statement) -> bool:
    """Both figures follow one contract price's name written alike ("中标合同金额1,386.72万元" … "合同金额1,368.72万元"):
    a contract has one price, whatever dates its sentences write (2024年10月完工, 2023年8月招标)."""
    name = _name_before(text, earlier)
    return _named_alike(text, earlier, later) and _CUES.contract_name.search(name) is not None


def _same_item(text: str, earlier: Statement, later: Statement) -> bool:
    """Both figures are one list item's contract price ("其中：一标段1,267.45万元" in a list of 合同金额 … "一标段（合同
    金额1,276.45万元）"): an item has one price; two items (一标段, 二标段) are two."""
    item = _item_contract(text, earlier)
    return item is not None and item == _item_contract(text, later)


def _item_in_list(
    ctx: AuditContext, earlier: Statement, later: Statement
) -> tuple[Statement, Statement, list[Statement]]:
    """Which of one item's two prices is right, by the list one of them stands in ("合同金额合计3,200.57万元，其中：
    一标段1,267.45万元，二标段…，三标段…"): the listed one when the items add up to the total as written, the other
    when they add up with its value instead; no parts shown when neither fits."""
    for listed, other in ((earlier, later), (later, earlier)):
        same = [
            s
            for s in ctx.facts.statements
            if s.kind == "amount"
            and s.sentence is listed.sentence
            and s.unit == listed.unit
            and s.places == listed.places
            and s.hedge is None
        ]
        if len(same) < 3 or same[0] is listed:
            continue
        total, parts = same[0], same[1:]
        if _sum(parts) == total.value:
            return listed, other, parts
        if _sum(parts) - listed.value + other.value == total.value:
            return other, listed, [other if s is listed else s for s in parts]
    return earlier, later, []


def _item_contract(text: str, s: Statement) -> str | None:
    """The list item ("一标段", "1号楼", "A区") whose contract price the figure is: the item's name right before it,
    with the price's name between ("一标段（合同金额1,276.45万元）", "2号楼合同金额为…") or, the item written plainly
    ("其中：一标段1,267.45万元"), a contract price the last money its sentence names before the item ("合同金额合计
    3,200.57万元，其中："; not "已支付…", "审定结算金额…")."""
    if s.sentence is None:
        return None
    found = _CUES.item_price.search(text, s.sentence.start, s.span[0])
    if found is None:
        return None
    if found.group("price") is None:
        words = list(_CUES.money_word.finditer(text, s.sentence.start, found.start()))
        if not words or _CUES.contract_name.search(words[-1].group()) is None:
            return None
    return found.group("item")


def _both_contracts(text: str, earlier: Statement, later: Statement) -> bool:
    """Both figures follow a contract's whole price, however worded ("施工合同总价1,347.26万元" … "支付至合同价款
    1,374.26万元的90%")."""
    return all(_CUES.contract_name.search(_name_before(text, s)) is not None for s in (earlier, later))


def _decided(ctx: AuditContext, earlier: Statement, later: Statement) -> bool:
    """Two figures of a contract's whole price, however worded and whatever their clauses' labels, where the amounts
    listed right before one of them add up to it exactly (一标段452.18万元、二标段508.37万元、三标段386.71万元 before
    施工合同总价1,347.26万元 … 合同价款1,374.26万元): the text's own parts make the one the whole, the other its copy."""
    return _both_contracts(ctx.doc.text, earlier, later) and any(_parts_of(ctx, s) for s in (earlier, later))


def _parts_of(ctx: AuditContext, whole: Statement) -> list[Statement]:
    """The amounts of the figure's paragraph right before it, in its unit and precision, the shortest run of at
    least two of them ending right before it whose sum is the figure; none when no run makes it."""
    text = ctx.doc.text
    before = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.origin == "prose"
        and s.unit == whole.unit
        and s.places == whole.places
        and s.hedge is None
        and s.span[1] <= whole.span[0]
        and "\n" not in text[s.span[0] : whole.span[0]]
    ]
    for k in range(len(before) - 2, -1, -1):
        if _sum(before[k:]) == whole.value:
            return before[k:]
    return []


def _sum(parts: list[Statement]) -> Decimal:
    return sum((s.value for s in parts), Decimal(0))


def _shown_sum(parts: list[Statement]) -> str:
    """ "452.18万元+508.37万元+386.71万元=1,347.26": the parts' sum, for the message."""
    return "+".join(s.text for s in parts) + f"={_sum(parts):,}"


def two_places(text: str, earlier: Statement, later: Statement) -> bool:
    """ "甲县分配中央资金1,450万元" and "乙县分配中央资金1,540万元": sentences that each open with a place of their own
    give two places' figures (a sentence naming none may be of any)."""
    places = {sentence_place(text, earlier), sentence_place(text, later)}
    return None not in places and len(places) == 2


def _named_alike(text: str, earlier: Statement, later: Statement) -> bool:
    """Both figures follow the same name of at least four characters ("其中中央资金1260万元" … "中央资金1206万元、
    …均已到位"): the name, not the verb of its sentence, says what the figure is, so a 下达 and a 到位 sentence that
    name the one fund alike give its one amount."""
    name = _name_before(text, earlier)
    return len(name) >= _NAME_CHARS and name == _name_before(text, later)


def _name_before(text: str, s: Statement) -> str:
    """The run of Chinese characters right before a figure, at most ``_NAME_CHARS`` of them."""
    start = s.span[0]
    k = start
    while k > 0 and start - k < _NAME_CHARS and "\u4e00" <= text[k - 1] <= "\u9fff":
        k -= 1
    return text[k:start]


def _digits(s: Statement) -> str:
    """The digits as written, at the written precision, no separators: "1,500.00" → "150000"."""
    return written_digits(s.raw, s.places)


def _what(text: str, s: Statement) -> str:
    """The quantity in words, for the message."""
    if s.extra.get("category") == "named":
        return "“三公”经费"
    if (item := _item_contract(text, s)) is not None:
        return f"{item}合同金额"
    if s.subject is None:
        return f"同一“{_name_before(text, s)}”"
    return s.subject.name if s.subject is not None and s.subject.name else "本报告评价对象的同一笔资金"
