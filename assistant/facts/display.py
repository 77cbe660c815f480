"""How a fact is shown: the one display policy for numbers and officer texts.

Display policy (one formatter, ``Formatter``, driven by the rule set and the case):

- amounts: in the case's money unit, at one precision for the whole report (``amount_places``: the most
  decimals any amount of the case has, at least 2), so 356 and 498.638 print as 356.0000 and 498.6380 beside
  62.3205; 元 amounts with thousands separators (36,625,950.00); sums are exact. 元 amounts of five or more
  digits inside officer texts get the same separators and two decimals (the value is unchanged);
- rates (percent, no ``%`` sign in the value): at ``rules.rounding.rate_places`` (``"84.21"``, ``"30.00"``);
- computed scores: at ``rules.rounding.score_places`` (``"97.35"``); scores the officer filed: as written
  (``"100"``, ``"90"``); rule-set numbers and indicator 分值: as written (``"10"``, ``"90"``);
- counts: digits (``"14"``), and for counts ≤ 99 a Chinese-numeral twin under ``…_cn`` (``"十四"``).

Drafters and the audit never format a number themselves; they read it from the fact sheet, which this fills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.models import YUAN_PER_WAN, format_amount
from assistant.rules import RuleSet
from assistant.scoring import UnitScore

_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+|\\s+(?=[{_CJK}])")
_CN_DIGITS = "零一二三四五六七八九"
# "35221200.00元", "1145472元" in officer text (not "345.3480万元", not "2400元" standards).
_YUAN_IN_TEXT = re.compile(r"(?<![\d.,])(\d{5,})(\.\d+)?(?=\s*元)")
_SELF_NAMES = (
    ("部", "我部"),
    ("局", "我局"),
    ("委", "我委"),
    ("委员会", "我委"),
    ("办", "我办"),
    ("院", "我院"),
    ("校", "我校"),
)


def count_cn(n: int) -> str:
    """Chinese numeral for 0–99 (14 → 十四, 20 → 二十); larger counts stay in digits."""
    if not 0 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def self_name(unit_name: str) -> str:
    """How the unit refers to itself in its own report: 组织部 → 我部, 教育局 → 我局, otherwise 我单位."""
    for suffix, name in _SELF_NAMES:
        if unit_name.endswith(suffix):
            return name
    return "我单位"


def project_label(name: str) -> str:
    """A project's name as the subject of a sentence: 党代表活动经费 → 党代表活动经费项目."""
    return name if name.endswith("项目") else f"{name}项目"


def clean_note(text: str | None) -> str | None:
    """Officer text ready to embed in a sentence: no line-folding gaps, no closing full stop, 元 amounts of
    five or more digits written with thousands separators and two decimals (the value is unchanged)."""
    if text is None:
        return None
    text = _CJK_GAP.sub("", text.strip()).rstrip("。；;.，, ")
    return _YUAN_IN_TEXT.sub(_group_yuan, text) or None


def _group_yuan(match: re.Match[str]) -> str:
    value = Decimal(match.group(1) + (match.group(2) or ""))
    return format(value.quantize(Decimal("0.01")) if -value.as_tuple().exponent < 2 else value, ",f")


def decimals(value: Decimal) -> int:
    """How many decimals a value needs (62.3205 → 4, 20 → 0, 1.50 → 1)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_places(unit: UnitScore) -> int:
    """The one precision every amount of the report is shown at: the most decimals any amount has, at least 2."""
    to_shown = YUAN_PER_WAN if unit.case.money_unit == "元" else Decimal(1)
    values: list[Decimal] = []
    for ps in unit.projects:
        p = ps.project
        values += [v for v in (p.budget_initial, p.budget, p.executed) if v is not None]
        if p.sources:
            for row in p.sources.rows().values():
                values += [v for v in (row.budget_initial, row.budget, row.executed) if v is not None]
    return max([2, *(decimals(v * to_shown) for v in values)])


@dataclass(frozen=True)
class Formatter:
    """The one display policy for numbers: money unit from the case, precision from the rule set."""

    rules: RuleSet
    money_unit: str = "万元"
    amount_places: int = 2

    def amount(self, value_wan: Decimal) -> str:
        """An amount at the report's one precision; 元 with thousands separators."""
        shown = Decimal(format_amount(value_wan, self.money_unit)).quantize(
            Decimal(1).scaleb(-self.amount_places)
        )
        return format(shown, ",f" if self.money_unit == "元" else "f")

    def amount_raw(self, value_wan: Decimal) -> Decimal:
        return value_wan * YUAN_PER_WAN if self.money_unit == "元" else value_wan

    def rate(self, value: Decimal) -> str:
        return format(self.rules.round_rate(value), "f")

    def score(self, value: Decimal) -> str:
        """A computed score, at the rule set's score precision."""
        return format(self.rules.round_score(value), "f")

    @staticmethod
    def written(value: Decimal) -> str:
        """A number the officer or the rule set wrote, shown as written (no exponent, no float noise)."""
        return format(value, "f")
