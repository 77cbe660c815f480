"""Which of two figures written one keystroke apart the text's own arithmetic makes (for net_repeats).

Why: a figure copied by hand is slipped in one place and stays right where the report builds it, as the sum of its
parts written beside it ("下达6,240.00万元，其中中央4,680.00万元、省级1,560.00万元"), as a part of a stated whole
("三公经费5.18万元，其中公务用车运行维护费4.36万元，公务接待费0.82万元"), as a count times its standard ("9,856人 ×
960元 = 946.176万元" written as the amount), or as the divisor or dividend of a rate written in its sentence. Two true
quantities one keystroke apart where exactly one is so made are rare; the made one is right, the other slipped.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..context import AuditContext
from ..prose.items import list_after
from ..prose.model import Statement

_LONGEST_RUN = 8  # parts of one whole written in one paragraph
_SUMMED = frozenset({"amount", "count"})


def confirmed(ctx: AuditContext, s: Statement) -> str:
    """The arithmetic of the figure's own paragraph that makes it exactly ("4,680.00+1,560.00=6,240.00"), or ""."""
    if s.sentence is None:
        return ""
    # a paragraph ending "…情况如下：" is detailed by the numbered lines under it: their figures are its parts
    listed = list_after(ctx.doc.text, s.sentence.para_start)
    para = [
        t
        for t in ctx.facts.statements
        if t.sentence is not None
        and t.exact_claim
        and (
            t.sentence.para_start == s.sentence.para_start
            or (listed is not None and listed[0] <= t.span[0] < listed[1])
        )
    ]
    return _rate_made(ctx, s) or _summed(s, para) or _product(s, para) or _rated(s, para)


def _summed(s: Statement, para: list[Statement]) -> str:
    """``s`` the sum of a run of figures right after or right before it, or a part of a run that sums to the figure
    right before or right after the run."""
    if s.kind not in _SUMMED:
        return ""
    seq = [t for t in para if t.kind == s.kind and _per_time(t) == _per_time(s) and t.value > 0]
    i = next((k for k, t in enumerate(seq) if t is s), None)
    if i is None:
        return ""
    for n in range(2, _LONGEST_RUN + 1):
        for run in (seq[i + 1 : i + 1 + n], seq[max(0, i - n) : i]):
            if len(run) == n and sum(t.value for t in run) == s.value:
                return "+".join(t.text for t in run) + f"={s.text}"
        for start in range(max(0, i - n + 1), i + 1):
            run = seq[start : start + n]
            if len(run) < n:
                continue
            total = sum(t.value for t in run)
            for whole in (
                seq[start - 1] if start else None,
                seq[start + n] if start + n < len(seq) else None,
            ):
                if whole is not None and whole.value == total:
                    return "+".join(t.text for t in run) + f"={whole.text}"
    return ""


def _per_time(s: Statement) -> str | None:
    """The unit, a per-time count's 次 left off: 3,862人 and 3,905人 make 7,767人次."""
    return s.unit.removesuffix("次") if s.unit and s.unit != "次" else s.unit


def _product(s: Statement, para: list[Statement]) -> str:
    """A count of the paragraph times an amount (its standard) is another amount of it, ``s`` the count or the
    product."""
    counts = [t for t in para if t.kind == "count" and t.value > 1]
    amounts = [t for t in para if t.kind == "amount" and t.value > 0]
    if s.kind == "count":
        pairs = [(s, std, whole) for std in amounts for whole in amounts if whole is not std]
    elif s.kind == "amount":
        pairs = [(n, std, s) for n in counts for std in amounts if std is not s]
    else:
        return ""
    for n, std, whole in pairs:
        if std.value < whole.value and n.value * std.value == whole.value:
            return f"{n.text}×{std.text}={whole.text}"
    return ""


def _rated(s: Statement, para: list[Statement]) -> str:
    """An amount that is the dividend or divisor of a rate written, to a decimal place or more, in its sentence."""
    if s.kind != "amount":
        return ""
    own = [t for t in para if t.sentence is s.sentence]
    rates = [r for r in own if r.kind == "percent" and r.places >= 1 and 0 < r.value < 100]
    for r in rates:
        step = Decimal(1).scaleb(-r.places)
        for t in own:
            if t.kind != "amount" or t is s or t.value == s.value:
                continue
            part, whole = sorted((s, t), key=lambda x: x.value)
            if (part.value / whole.value * 100).quantize(step, ROUND_HALF_UP) == r.value:
                return f"{part.text}/{whole.text}={r.text}"
    return ""


def _rate_made(ctx: AuditContext, rate: Statement) -> str:
    """ "1,198.47万元/1,260.00万元=95.12%": two amounts of the rate's own sentence whose quotient, at the rate's
    written precision, is the rate; "" when none."""
    if rate.kind != "percent" or rate.sentence is None:
        return ""
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.sentence is rate.sentence and s.exact_claim
    ]
    step = Decimal(1).scaleb(-rate.places)
    for part in amounts:
        for whole in amounts:
            if part is not whole and whole.value > part.value > 0:
                quotient = (part.value / whole.value * 100).quantize(step, ROUND_HALF_UP)
                if quotient == rate.value:
                    return f"{part.text}/{whole.text}={rate.text}"
    return ""
