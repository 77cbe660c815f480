"""Which rule set a self-audited report was scored under, read from its own method section.

Without ``--data`` or ``--rules`` the report says how it scored: "预算执行率分值20分" picks a shipped rule set
with that 分值 (the national default when it fits); a 分值 no shipped rule set has is applied to the default,
so the 执行率得分 written in the report is checked under the report's own rule.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.rules import DEFAULT_RULESET, RuleSet, available_rulesets, load_ruleset

from .cues import cues
from .document import Document

_CUES = cues(__name__)


def stated_execution_points(text: str) -> Decimal | None:
    for pattern in _CUES.execution_points:
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
    middle = _CUES.middle_tier.search(prose)
    linear = bool(_CUES.linear.search(prose))

    def fit(rules: RuleSet) -> int:
        score = 0
        if middle and len(rules.qualitative_tiers) > 1:
            score += rules.qualitative_tiers[1].min == Decimal(middle.group(1))
        score += (rules.quantitative.negative_formula == "linear") == linear
        return score

    return max(candidates, key=fit)
