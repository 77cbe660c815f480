"""How plausible a reading of a funds row's glued cells is by their shape: amounts of one size, one precision, a
rate near the ratio of its amounts (``funds.read_fund_row`` prefers such readings among the splits of a glued run).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .align import Reading
from .fund_keys import MONEY_KEYS
from .model import Value

_HUNDRED = Decimal(100)


def one_size(reading: Reading) -> bool:
    """Are a reading's budget and executed amounts of one size (executed 5 %–200 % of the budget), as a row's
    amounts are, and its rate cell one such amounts could give ('490390100%' is 490 | 390 | 100%, not
    4903 | 90 | 100%, nor 4 | 90 | 390100%)?"""
    budget = reading.get("budget_net") or reading.get("budget")
    executed = reading.get("executed")
    if budget is None or executed is None or budget.number is None or executed.number is None:
        return True
    rate = reading.get("rate")
    if rate is not None and rate.percent and (rate.number is None or rate.number > SAME_SIZE[1] * _HUNDRED):
        return False
    if rate is not None and rate.number == 0 and executed.number:
        return False  # '123490%' is no 123 | 49 | 0%: a 0% beside money spent is a rate's last digits
    return bool(budget.number) and SAME_SIZE[0] <= executed.number / budget.number <= SAME_SIZE[1]


def amount_places_spread(reading: Reading) -> int:
    """How far apart the decimal places of a reading's amounts are: one export prints a row's amounts at one
    precision, so '2456.182456.182456.1810100%10' is 2456.18 three times, not 2456.1 | 82456.1 | 82456.18 or
    2456.182 | 456.182 | 456.18 (each keeps 执行率 and 得分)."""
    places = {v.places for k, v in reading.items() if k in MONEY_KEYS and v.places}
    return max(places) - min(places) if places else 0


SAME_SIZE = (Decimal("0.05"), Decimal(2))  # executed ÷ budget of one row: rarely outside


def rate_gap(reading: Reading, layout: Any) -> Decimal:
    """How far a reading's rate cell is from the ratio of its amounts, in points: of readings that all break it,
    the nearest is the likeliest slip ('47.6895.00%' under 50 is 47.68 | 95.00%, not 47.689 | 5.00%)."""
    rate = reading.get("rate")
    top, bottom = (reading.get(k) for k in layout.ratio_of("rate"))
    if rate is None or top is None or bottom is None:
        return Decimal(0)
    if rate.number is None or top.number is None or not bottom.number:
        return Decimal(0)
    percent = rate.number if rate.percent or rate.number > 2 else rate.number * _HUNDRED
    return abs(top.number / bottom.number * _HUNDRED - percent)


def places_spread(reading: Reading) -> int:
    """How far apart the decimal places of all a reading's figures with decimals are, rates too ('47.6895.00%':
    47.68 and 95.00% at one precision)."""
    places = {v.places for v in reading.values() if v.number is not None and v.places}
    return max(places) - min(places) if places else 0


def too_long(value: Value) -> bool:
    """A whole number too long for one cell ('40004000', '40004000100%'); amounts with decimals are not."""
    digits = re.sub(r"\D", "", value.text)
    if value.number is None or value.op is not None or value.places:
        return False
    return len(digits) >= (5 if value.percent else 8)
