"""Chinese number and unit parsing for 绩效自评报告 text: pure functions, stdlib only.

``numerals`` reads number strings (Chinese and Arabic), ``units`` holds the word tables, ``mentions`` finds and
classifies every number in a text, ``model`` defines the ``NumberMention`` record.
"""

from __future__ import annotations

from assistant.numbers.mentions import find_numbers, writes_spaced_thousands
from assistant.numbers.model import NON_CLAIM_KINDS, Kind, NumberMention
from assistant.numbers.numerals import parse_chinese_numeral, parse_number
from assistant.numbers.units import amount_factor, base_unit, count_factor, is_amount_unit

__all__ = [
    "NON_CLAIM_KINDS",
    "Kind",
    "NumberMention",
    "amount_factor",
    "base_unit",
    "count_factor",
    "find_numbers",
    "is_amount_unit",
    "parse_chinese_numeral",
    "parse_number",
    "writes_spaced_thousands",
]
