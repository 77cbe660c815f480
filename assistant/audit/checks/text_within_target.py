"""CLAIM_MISMATCH from the text alone: a figure said to be kept within its target ("控制在年度目标以内") in the very
sentence that gives a ceiling target and a larger actual.

Bad: 重污染天数：目标值≤12天，全年重污染天数15天，控制在年度目标以内.  Good: the same with 10天; or a sentence whose
ceiling is met.  The numbers need not be counts the statement reader keeps (days, 微克/立方米): they are read here
from the sentence, the target the last ceiling ("≤12天", "不超过12天") before the claim, the actual the one exact figure
of the target's unit written after it. A warning ("uncertain"): the actual is tied to the target by its place in the
sentence only.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.numbers import find_numbers
from assistant.numbers.precision import hedge_kind

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("CLAIM_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        claim = _CUES.within.search(sentence.text)
        if claim is None:
            continue
        numbers = [m for m in find_numbers(sentence.text[: claim.start()], ctx.doc.spaced) if m.unit]
        ceilings = [k for k, m in enumerate(numbers) if hedge_kind(m.hedge) == "at_most" and m.high is None]
        if not ceilings:
            continue
        target = numbers[ceilings[-1]]
        after = [m for m in numbers[ceilings[-1] + 1 :] if m.unit == target.unit]
        if len(after) != 1 or after[0].hedge is not None or after[0].high is not None:
            continue  # no actual, or several figures of the unit: which one is the actual is unclear
        actual = after[0]
        if actual.value <= target.value:
            continue
        at = sentence.start
        yield ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称“{claim.group()}”，但同句目标 {target.text}、实际 {actual.text}，超出目标",
            (at + claim.start(), at + claim.end()),
            expected=f"说明超出目标（{actual.text}，目标{target.text}）",
            found=claim.group(),
            proven=False,
            quote=sentence.text,
        )
