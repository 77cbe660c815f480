"""TOTAL_MISMATCH from the text alone: a department's "三公" spending against its three kinds, each stated once
anywhere in the report ("全年“三公”经费支出合计14.58万元" … "因公出国（境）费0万元；公务接待费3.12万元；公务用车
运行维护费12.46万元").

Why: “三公”经费 is by definition 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费; 部门整体 reports state the
total in one section (收支概况) and the kinds in another (“三公”经费使用情况), where a slip in either shows only
across the two. Read only when the report writes one 三公 total (the amount right after "三公经费(支出)(合计)")
and each kind once (公务用车 as one amount, or its 购置费 and 运行维护费 once each): more of either may be a budget
beside a spending, another year, a part of a kind — silent. So is a total whose own sentence names another year
than the kinds' ("2019年“三公”经费支出112,650.00元" beside "2020年…其中：公务接待费…"), or 上年: last year's total
beside this year's kinds is a comparison, not a sum. A warning: the total and the kinds may be two stages
of the money (a budget and a spending) the words do not tell apart.
Bad: "三公"经费支出合计9.40万元 … 因公出国（境）费0万元，公务接待费2.10万元，公务用车运行维护费6.30万元 (8.40).
Good: 8.40万元; or the kinds written twice (budget and spending): no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_TEN_THOUSAND = Decimal(10000)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    totals = list(_CUES.total.finditer(text))
    if len(totals) != 1:
        return
    kinds = {
        "abroad": list(_CUES.abroad.finditer(text)),
        "reception": list(_CUES.reception.finditer(text)),
        "cars": list(_CUES.cars.finditer(text)),
        "car_purchase": list(_CUES.car_purchase.finditer(text)),
        "car_running": list(_CUES.car_running.finditer(text)),
    }
    if any(len(found) > 1 for found in kinds.values()) or not kinds["abroad"] or not kinds["reception"]:
        return
    cars = kinds["cars"] or (kinds["car_purchase"] + kinds["car_running"])
    if not cars or (kinds["cars"] and (kinds["car_purchase"] or kinds["car_running"])):
        return
    parts = [*kinds["abroad"], *kinds["reception"], *cars]
    total = totals[0]
    if _other_year(text, total, parts):
        return
    stated, slack = _amount(total)
    values = [_amount(p) for p in parts]
    summed = sum((v for v, _ in values), Decimal(0))
    ctx.facts.mark(total.span("num"), *(p.span("num") for p in parts))
    if abs(summed - stated) <= slack + sum((s for _, s in values), Decimal(0)):
        return
    shown = "＋".join(p.group(0) for p in parts)
    yield ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"“三公”经费写作 {total.group('num')}{total.group('unit')}，而其三项 {shown} 合计 {summed}万元",
        total.span("num"),
        expected=f"{summed}万元",
        found=f"{total.group('num')}{total.group('unit')}",
        proven=False,
        quote=total.group(0),
    )


def _year_of(text: str, at: int) -> str | None:
    """The last year its sentence names before ``at`` (2019年, 上年, 本年…), or None."""
    start = max(text.rfind(mark, 0, at) for mark in "。\n；;") + 1
    found = list(_CUES.year_mark.finditer(text, start, at))
    return found[-1].group(0).replace(" ", "") if found else None


def _other_year(text: str, total: re.Match[str], parts: list[re.Match[str]]) -> bool:
    """Is the total last year's, or of another year than its kinds? Then it is compared with them, not summed."""
    year = _year_of(text, total.start())
    if year is None:
        return False
    if _CUES.last_year.fullmatch(year):
        return True
    kind_years = {y for p in parts if (y := _year_of(text, p.start())) is not None}
    return bool(kind_years) and year not in kind_years


def _amount(match: re.Match[str]) -> tuple[Decimal, Decimal]:
    """The amount in 万元 and half its last written place (the rounding it may carry)."""
    written = Decimal(match.group("num").replace(",", ""))
    factor = Decimal(1) if match.group("unit") == "万元" else 1 / _TEN_THOUSAND
    places = -int(written.as_tuple().exponent)
    half = Decimal(0) if written == 0 else Decimal(5).scaleb(-places - 1)  # "0万元" is none at all
    return written * factor, half * factor
