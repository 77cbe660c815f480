"""REMAINDER_MISMATCH from the text alone: a budget line's balance identity, 年初结转和结余 + 本年收入 − 本年支出 =
年末结转和结余, in the one sentence that writes all four ("…财政拨款年初结转和结余2.27万元,本年收入1446.02万元,本年支出
1448.11万元,年末结转和结余0.18万元").

Why: the 财政拨款 tables of a 决算 are built on that identity, so a 财政拨款 line that breaks it is proven wrong by its
own figures (an error). Other lines (a unit's whole 收入支出) may move money by 结余分配 or 使用非财政拨款结余, which
the sentence does not state: a break there is only a warning ("uncertain").
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_value
from ..prose.interval import Interval
from ..prose.model import list_places
from ..registry import check_unit

_CUES = cues(__name__)
_FIELDS = ("opening", "income", "spending", "closing")
# the field names ``prose.parts_kinds`` reads, by their place in the identity
_ROLES = {
    "年初结转和结余": "opening",
    "年初结转结余": "opening",
    "本年收入": "income",
    "本年收入合计": "income",
    "本年支出": "spending",
    "本年支出合计": "spending",
    "年末结转和结余": "closing",
    "年末结转结余": "closing",
}


@check_unit(also=("REMAINDER_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings = []
    for line in ctx.facts.budget_lines:
        if line is None:
            continue
        named = {_ROLES[name]: s for name, s in line.values.items() if name in _ROLES}
        if set(named) != set(_FIELDS) or not all(s.exact_claim for s in named.values()):
            continue
        opening, income, spending, closing = (named[k] for k in _FIELDS)
        places = list_places([opening, income, spending, closing])
        lo = opening.interval(places).lo + income.interval(places).lo - spending.interval(places).hi
        hi = opening.interval(places).hi + income.interval(places).hi - spending.interval(places).lo
        ctx.facts.mark(opening, income, spending, closing)
        if Interval(lo, hi).overlaps(closing.interval(places)):
            continue
        expected = show_value((lo + hi) / 2, closing)
        findings.append(
            ctx.relation_finding(
                "REMAINDER_MISMATCH",
                f"年初结转和结余 {opening.text} + 本年收入 {income.text} − 本年支出 {spending.text} = {expected}，"
                f"文中年末结转和结余写作 {closing.text}",
                closing.span,
                expected=expected,
                found=closing.text,
                proven=_CUES.fiscal.search(line.subject) is not None,
                quote=quote_of(ctx.doc.text, closing),
            )
        )
    return findings
