"""ARITHMETIC_MISMATCH from the text alone: a line's count and the money it pays right after it ("2.寄宿制初中生2,184人，
发放2,685,000元"), against the standard per head, 户, 亩, 公里 or 平方米 the report states elsewhere ("寄宿制小学生每生每
年1,000元、初中生每生每年1,250元").

Bad: standards 城市特困人员每人每月780元、农村特困人员每人每月520元 in one section, then "2. 农村：供养3,860人，全年发放
2,480.64万元" in another (520元 × 12 × 3,860 = 2,408.64万元); "完成改造125.8公里（补助标准每公里40万元），下达补助资金
5,140.00万元" (5,032.00万元).
Good: the same with 2,408.64万元; a ceiling (最高不超过), an average (平均, 人均) or a standard raised in the year
(提高至) as the only standard; money holding more (含工作经费) after the count.
Why: a standard says what each head is paid; a line that names a count and the money paid for it is their product.
Which standard the line's group takes is read by the words the two share (城市, 寄宿, 初中), also those between the
count and its money ("任务2.40万亩第五年补助960.00万元" takes 第五年每亩400元 beside 每亩1,500元分三次下达); a qualifier written once
and dropped later ("寄宿制小学生…、初中生…") leaves several standards a line may take, so every standard the line's
words admit, and every period the standard's words admit (a year or a term, a month times the months said), is tried:
a warning only when none gives the money, written in 元 or 万元 (a swap of the two is the unit checks' business).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_value
from ..prose.interval import Interval
from ..prose.model import Statement
from ..prose.standards import fits
from ..registry import check_unit

_CUES = cues(__name__)
# the heads a standard is paid per, by the unit of the count it multiplies
PAID_PER = {
    "人": ("人", "生", "名"),
    "名": ("人", "生", "名"),
    "人次": ("人次", "人"),
    "户": ("户",),
    "亩": ("亩",),
    "万亩": ("亩",),
    "公里": ("公里",),
    "平方米": ("平方米",),
    "万平方米": ("平方米",),
}
_LOOK_BACK = 14  # characters before a standard's value that hold its "每生每年"


class Standard:
    """A standard's value, the head and period it is paid per and the words that name its group."""

    def __init__(self, price: Statement, head: str, period: str | None, label: str) -> None:
        self.price, self.head, self.period, self.label = price, head, period, label


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    standards = standards_of(ctx)
    if not standards:
        return
    text = ctx.doc.text
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    pairs: list[tuple[Statement, Statement, list[Standard], str]] = []
    for i, count in enumerate(prose):
        if (
            count.kind != "count"
            or count.unit not in PAID_PER
            or not count.exact_claim
            or count.role != "value"
        ):
            continue
        found = _paid_after(text, prose[i + 1 :], count)
        if found is None:
            continue
        paid, inside = found
        line = _line_before(text, count.span[0])
        between = text[count.span[1] : paid.span[0]]
        if _CUES.planned.search(line + between) or any(
            o.kind == "count" and count.span[0] - len(line) <= o.span[0] < count.span[0] for o in prose[:i]
        ):
            continue  # a planned count, or the last of a list of counts the money is the whole of
        if inside is not None:  # "125.8公里（补助标准每公里40万元），下达…": the line's own standard
            chosen = [s for s in standards if s.price is inside]
        else:
            chosen = [s for s in standards if s.head in PAID_PER[count.unit] and shares_words(s.label, line)]
            # "任务2.40万亩第五年补助960.00万元": words between the count and its money name its tier too
            chosen += [
                s
                for s in standards
                if chosen
                and s not in chosen
                and s.head in PAID_PER[count.unit]
                and shares_words(s.label, between)
            ]
        if not chosen:
            continue
        pairs.append((count, paid, chosen, line))
    fits = [_fit(text, *pair) for pair in pairs]
    exact_lines = fits.count("exact")
    for (count, paid, chosen, line), fit in zip(pairs, fits, strict=True):
        if fit in ("exact", "slack", "unread") or (fit == "loose" and exact_lines == 0):
            continue  # a term's range fits: a slip only when the list's other lines are exact
        standard, lo, hi = min(
            ((s, lo, hi) for s in chosen for lo, hi, _ in periods_of(text, s, line, count)),
            key=lambda c: abs(count.value * c[0].price.value * c[2] - paid.value),
        )  # the standard whose product is nearest the money, for the message
        exact = count.value * standard.price.value
        ctx.facts.mark(count, standard.price, paid)
        expected = show_value(exact * (hi if paid.value > exact * hi else lo), paid)
        yield ctx.relation_finding(
            "ARITHMETIC_MISMATCH",
            f"按文中所写标准 {standard.label or ''}{_per(standard)}{standard.price.text}，{count.text}应发 {expected}，"
            f"而文中所写金额为 {paid.text}（若该组另有标准或资金另有用途，请在文中说明）",
            (count.span[0], paid.span[1]),
            expected=expected,
            found=paid.text,
            proven=False,
            quote=quote_of(text, paid),
        )


def _fit(text: str, count: Statement, paid: Statement, chosen: list[Standard], line: str) -> str:
    """How the money fits the count times a standard: at a whole period ("exact"), only within a term's range
    ("loose") or a month's ("slack"), or not at all ("off")."""
    stated = paid.interval()
    if not any(periods_of(text, s, line, count) for s in chosen):
        return "unread"  # a day's standard, or a month's with no months said
    best = "off"
    for s in chosen:
        product = count.interval().scaled(s.price.value)  # a set standard is exact
        for lo, hi, kind in periods_of(text, s, line, count):
            if fits(Interval(product.lo * lo, product.hi * hi), stated):
                if kind == "exact":
                    return kind
                best = kind if best == "off" or kind == "slack" else best
    return best


def standards_of(ctx: AuditContext) -> list[Standard]:
    """Every plain standard the text states ("城市特困人员每人每月780元"); none when the text says a standard changed
    in the year ("自8月1日起提高", "原标准…新标准"), since a year's money then mixes two levels."""
    text = ctx.doc.text
    if _CUES.changed.search(text):
        return []
    found: list[Standard] = []
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.field != "unit_price" or s.origin != "prose" or s.hedge is not None:
            continue
        before = text[max(0, s.span[0] - _LOOK_BACK) : s.span[0]]
        per = _CUES.per_head.search(before)
        if per is None:
            continue
        lead = re.split(r"[。；;\n]", text[max(0, s.span[0] - 40) : s.span[0]])[-1]
        if _CUES.not_plain.search(lead):
            continue
        head_start = s.span[0] - len(before) + per.start()
        label = re.split(r"[，,、；;：:（(为\n]", text[max(0, head_start - 12) : head_start])[-1]
        found.append(Standard(s, per.group("head"), per.group("period"), label))
    return found


def _paid_after(
    text: str, rest: list[Statement], count: Statement
) -> tuple[Statement, Statement | None] | None:
    """The money the count's own line pays right after it ("3,860人，全年发放2,480.64万元") and the standard written
    between them, if any; None when another count comes first, the money is a 分别/合计 figure or holds more."""
    inside: Statement | None = None
    for s in rest:
        between = text[count.span[1] : s.span[0]]
        if re.search(r"[。；;\n]", between):
            return None
        if s.kind == "amount" and s.field == "unit_price":
            inside = inside or s
            continue
        if s.kind != "amount" or s.unit not in ("元", "万元") or not s.exact_claim or s.role != "value":
            return None
        if _CUES.respective.search(between) or not _CUES.pays.search(between):
            return None
        if _CUES.holds_more.search(text[s.span[1] : s.span[1] + 12]):
            return None
        return s, inside
    return None


def _line_before(text: str, at: int) -> str:
    """The words of the count's line before it ("2.寄宿制初中生", "1. 城市：供养"): what names its group."""
    return re.split(r"[。；;\n]", text[max(0, at - 40) : at])[-1]


def shares_words(label: str, line: str) -> bool:
    """Do the standard's group and the line share two characters in a row (城市, 寄宿, 初中)?"""
    return any(
        label[k : k + 2] in line
        for k in range(len(label) - 1)
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", label[k : k + 2])
    )


def periods_of(
    text: str, standard: Standard, line: str, count: Statement
) -> list[tuple[Decimal, Decimal, str]]:
    """The factors a standard's period admits: a year's standard paid by term (学期) for one term or both, or
    anything between when heads change between terms; a term's for one term or both; a month's for the months the
    line says, or one to twelve over a whole year (heads join and leave in the year); a day's is not read."""
    one, half, two = Decimal(1), Decimal("0.5"), Decimal(2)
    period = standard.period
    if period in (None, "年", "学年"):
        return (
            [(one, one, "exact"), (half, half, "exact"), (half, one, "loose")]
            if "学期" in text
            else [(one, one, "exact")]
        )
    if period == "学期":
        return [(one, one, "exact"), (two, two, "exact"), (one, two, "loose")]
    if period == "月":
        months = [(Decimal(m.group(1)), Decimal(m.group(1)), "exact") for m in _CUES.months.finditer(line)]
        if _CUES.whole_year.search(line) or _CUES.whole_year.search(text):
            months += [(Decimal(12), Decimal(12), "exact"), (one, Decimal(12), "slack")]
        if count.unit == "人次":
            months.append((one, one, "exact"))  # person-months counted: the monthly level times them
        return months
    return []


def _per(standard: Standard) -> str:
    return f"每{standard.head}" + (f"每{standard.period}" if standard.period else "")
