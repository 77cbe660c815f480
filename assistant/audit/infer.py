"""Which rule set a self-audited report was scored under, read from its own method section.

Without ``--data`` or ``--rules`` the report says how it scored: "预算执行率分值20分" picks a shipped rule set
with that 分值 (the national default when it fits); a 分值 no shipped rule set has is applied to the default,
so the 执行率得分 written in the report is checked under the report's own rule.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.rules import DEFAULT_RULESET, RuleSet, available_rulesets, load_ruleset

from .document import Document

# "预算执行率分值20分", "得分为执行率乘以分值20分", "预算执行率（20分）", "预算执行率占20分".
_EXECUTION_POINTS = (
    re.compile(r"执行率[^。；\n]{0,4}?分值(?:为)?\s*(\d+(?:\.\d+)?)\s*分"),
    re.compile(r"执行率[^。；\n]{0,30}?乘以分值\s*(\d+(?:\.\d+)?)\s*分"),
    re.compile(r"执行率[（(]\s*(\d+(?:\.\d+)?)\s*分[）)]"),
    re.compile(r"执行率(?:占|为|计)\s*(\d+(?:\.\d+)?)\s*分"),
)
# "“部分达成并具有一定效果”按50%（含）至80%计分": the middle qualitative tier's lower bound.
_MIDDLE_TIER = re.compile(r"部分达成[^。；\n]{0,20}?(\d+)\s*%")
_LINEAR = re.compile(r"线性")


def stated_execution_points(text: str) -> Decimal | None:
    for pattern in _EXECUTION_POINTS:
        match = pattern.search(text)
        if match:
            return Decimal(match.group(1))
    return None


def infer_rules(doc: Document) -> RuleSet:
    """The rule set the report describes, or the national default when it describes none."""
    default = load_ruleset(DEFAULT_RULESET)
    prose = doc.text[: doc.body_end]
    points = stated_execution_points(prose)
    if points is None or points == default.execution.points:
        return default
    candidates = [r for r in (load_ruleset(i) for i in available_rulesets()) if r.execution.points == points]
    if not candidates:
        execution = default.execution.model_copy(update={"points": points})
        return default.model_copy(update={"execution": execution})
    middle = _MIDDLE_TIER.search(prose)
    linear = bool(_LINEAR.search(prose))

    def fit(rules: RuleSet) -> int:
        score = 0
        if middle and len(rules.qualitative_tiers) > 1:
            score += rules.qualitative_tiers[1].min == Decimal(middle.group(1))
        score += (rules.quantitative.negative_formula == "linear") == linear
        return score

    return max(candidates, key=fit)
