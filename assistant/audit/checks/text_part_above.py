"""TOTAL_MISMATCH from the text alone: one part written after 其中 above the whole it belongs to.

Bad: 项目资金6万元，其中省级补助52万元，… (52 > 6, whatever else the list holds). Good: 项目资金60万元，其中省级补助52万元.
Where only one part of a 其中 list is readable (the rest cut by a page break or written without a number), the
sum check (``text_parts``) has no list to add; but a part cannot exceed its whole, so one part above it is enough.
The whole is the number right before 其中 (its clause, nothing between them but a separator or a bracket), the part
the first number after it in the same clause; both of one kind and unit (amounts of one 口径, counts of one thing).
An error when both are plain stated values; a warning when the whole is a standard per head or per unit ("每站每年
5万元(其中…43万元"): the 其中 may then split a total the text does not write; or when an earlier number of the
sentence could hold the part ("总投资500万元，已完成5万元，其中中央资金43万元": 其中 may split the 总投资). A change, a difference, a part written
per unit, or a whole already summed against its list is not read here.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..prose.parts_rules import BUDGET_FAMILY
from ..registry import check_unit

_CUES = cues(__name__)
_KINDS = ("amount", "count")
_NOT_WHOLES = ("change", "difference")


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    text = ctx.doc.text
    summed = {b.total.span for b in facts.breakdowns} | facts.parts
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        own = [s for s in facts.in_sentence(sentence) if s.kind in _KINDS]
        for match in _CUES.opener.finditer(sentence.text):
            at, after = sentence.start + match.start(), sentence.start + match.end()
            before = [s for s in own if s.span[1] <= at]
            later = [s for s in own if s.span[0] >= after]
            if not before or not later:
                continue
            whole, part = before[-1], later[0]
            if whole.span in summed or part.span in summed or not _joined(text, whole, at, part, after):
                continue
            if not _same_quantity(whole, part) or not whole.interval().below(part.interval()):
                continue
            facts.mark(whole, part)
            # "总投资500万元，已完成5万元，其中中央资金43万元": an earlier number that could hold the part may be
            # the whole 其中 splits
            other = any(_could_hold(s, part) for s in before[:-1])
            sure = whole.field != "unit_price" and whole.exact_claim and part.exact_claim and not other
            findings.append(
                ctx.relation_finding(
                    "TOTAL_MISMATCH",
                    f"其中所列一项 {part.text} 超过其总数 {whole.text}：部分不能大于整体"
                    + ("" if sure else "（若该项属于文中另一总数或总数为单位标准，则不矛盾）"),
                    span_of(whole, part),
                    expected=f"≤{whole.text}",
                    found=part.text,
                    proven=sure,
                    quote=quote_of(text, whole),
                )
            )
    return findings


def _joined(text: str, whole: Statement, at: int, part: Statement, after: int) -> bool:
    """The whole's clause runs straight into 其中 (only a separator or bracket between), and the part is in the
    clause 其中 opens."""
    return bool(_CUES.between.fullmatch(text[whole.span[1] : at])) and not _CUES.clause_end.search(
        text[after : part.span[0]]
    )


def _same_quantity(whole: Statement, part: Statement) -> bool:
    """One kind and unit: amounts of one 口径 (a part naming none takes the whole's); counts of one thing."""
    if (
        whole.kind != part.kind
        or whole.role not in ("value", "timed")
        or part.role not in ("value", "part", "aside")
    ):
        return False
    if whole.field in _NOT_WHOLES or part.field in (*_NOT_WHOLES, "unit_price"):
        return False
    if whole.kind == "amount":
        fields = {whole.field, part.field}
        return part.field is None or part.field == whole.field or fields <= BUDGET_FAMILY
    units = {whole.unit, part.unit}
    nouns = {whole.extra.get("noun"), part.extra.get("noun")}
    if whole.unit != part.unit and units != {"人", "名"}:
        return False
    return len(nouns) == 1 if (nouns - {None} or whole.unit in ("个", "项")) else True


def _could_hold(earlier: Statement, part: Statement) -> bool:
    """Could an earlier number of the sentence, whatever its 口径, be the whole the part belongs to?"""
    if earlier.kind != part.kind or earlier.role not in ("value", "timed") or earlier.field in _NOT_WHOLES:
        return False
    if earlier.kind == "count" and earlier.unit != part.unit:
        return False
    return not earlier.interval().below(part.interval())
