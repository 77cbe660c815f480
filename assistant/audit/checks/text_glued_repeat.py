"""RATE_MISMATCH from the text alone: a funds row of a 自评表 whose cells the flattening glued together, where one
amount is written three times in a row (年初预算 | 全年预算 | 全年执行 all A) and the 执行率 after them is not 100 %.

Uncertain: 年度资金总额3555035550355501082.12%8.5 (35550 three times, then 分值 10 and 执行率 82.12 %: executed equals the
budget, so the rate is 100 %). Good: 当年财政拨款404040100% (40 three times, 100 %); 年度资金总额3555035550
29193.661082.12% (the amount twice only: the third cell, the executed amount, is another).
How the glued digits after the repeated amount split (分值, then the rate) is left open: the finding is made only when
no split of them gives a rate of 100 % at its written precision. Always a warning ("uncertain"): the cells are read
from glued digits, and a form may print the columns in another order.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_HUNDRED = Decimal(100)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for match in _CUES.glued_row.finditer(text):
        digits = match.group("run")
        amount = _thrice(digits)
        if amount is None:
            continue
        rest = digits[len(amount) * 3 :]
        rates = _rates(rest)
        if not rates or any(_hundred(r) for r in rates):
            continue
        shown = max(rates, key=len)
        yield ctx.relation_finding(
            "RATE_MISMATCH",
            f"{match.group('label')}一行数字粘连：{amount} 连写三次（预算数与执行数相同），执行率应为 100%，"
            f"表中执行率读作 {shown}%（各格未分隔，请核对原表）",
            (match.start("run"), match.end()),
            expected="100%",
            found=f"{shown}%",
            proven=False,
            quote=match.group(),
        )


def _thrice(digits: str) -> str | None:
    """The amount the run opens with, written three times over (no leading zero, at most one point each)."""
    for size in range(2, len(digits) // 3 + 1):
        amount = digits[:size]
        if amount[0] == "0" or amount.endswith(".") or amount.count(".") > 1:
            continue
        if digits.startswith(amount * 3) and len(digits) > size * 3:
            return amount
    return None


def _rates(rest: str) -> list[str]:
    """The endings of the digits after the amounts that read as a rate (0 < r ≤ 200, no leading zero)."""
    out = []
    for start in range(len(rest)):
        piece = rest[start:]
        if piece[0] in "0." and not piece.startswith("0."):
            continue
        try:
            value = Decimal(piece)
        except InvalidOperation:
            continue
        if 0 < value <= 200:
            out.append(piece)
    return out


def _hundred(rate: str) -> bool:
    """Is 100 % the rate at its written precision ("100", "100.00", "99.995" rounds)?"""
    places = len(rate.split(".")[1]) if "." in rate else 0
    half = Decimal(1).scaleb(-places) / 2
    return abs(Decimal(rate) - _HUNDRED) <= half
