"""REMAINDER_MISMATCH from the text alone: a budget line's balance identity, 年初结转和结余 + 本年收入 − 本年支出 =
年末结转和结余, in the one sentence that writes all four ("…财政拨款年初结转和结余2.27万元,本年收入1446.02万元,本年支出
1448.11万元,年末结转和结余0.18万元").

Why: the 财政拨款 tables of a 决算 are built on that identity, so a 财政拨款 line that breaks it is proven wrong by its
own figures (an error). Other lines (a unit's whole 收入支出) may move money by 结余分配 or 使用非财政拨款结余, which
the sentence does not state: a break there is only a warning ("uncertain").

A 部门整体 report also writes its whole balance across its sections: 收入合计 (its 其中 may list 上年结转), 支出合计
and 年末结转结余, with the opening balance in the income list or beside it. Each figure named once (one value) and
the opening balance written somewhere, the year-end balance must be the income less the spending, or the opening
balance plus the income less the spending (the income total may hold the opening balance or not: either reading
clears it).
Bad: 收入合计18,462,735.48元，其中：…上年结转378,015.48元 … 支出合计17,935,206.19元 … 年末结转结余537,529.29元
(527,529.29 by either reading).
Good: 本年收入500万元，加上年结转30万元，本年支出480万元，年末结余50万元 (30 + 500 − 480); a total of one source or
one project (财政拨款收入合计, 项目支出合计) is no whole figure; two different values for one figure: silent.
A warning ("uncertain"): the unit may have moved money by 结余分配 the text does not state.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value
from ..prose.interval import Interval
from ..prose.model import Statement, list_places
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
    whole_lines = 0
    for line in ctx.facts.budget_lines:
        if line is None:
            continue
        named = {_ROLES[name]: s for name, s in line.values.items() if name in _ROLES}
        if set(named) != set(_FIELDS) or not all(s.exact_claim for s in named.values()):
            continue
        whole_lines += 1
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
    if not whole_lines and (finding := _whole_balance(ctx)) is not None:
        findings.append(finding)
    return findings


def _whole_balance(ctx: AuditContext) -> Finding | None:
    """The unit's whole balance written across the report: the year-end balance against income less spending, with
    the opening balance inside the income total or beside it (either reading clears it)."""
    named = _whole_figures(ctx)
    if named is None:
        return None
    opening, income, spending, closing = (named[k] for k in _FIELDS)
    figures = [opening, income, spending, closing]
    places = list_places(figures)
    readings = _readings(named, places)
    net = readings[0]
    if any(r.overlaps(closing.interval(places)) for r in readings):
        return None
    ctx.facts.mark(*figures)
    expected = show_value((net.lo + net.hi) / 2, closing)
    with_opening = show_value((readings[1].lo + readings[1].hi) / 2, closing)
    return ctx.relation_finding(
        "REMAINDER_MISMATCH",
        f"收入 {income.text} − 支出 {spending.text} = {expected}（收入不含上年结转 {opening.text} 时为 "
        f"{with_opening}），文中年末结转结余写作 {closing.text}",
        closing.span,
        expected=expected,
        found=closing.text,
        proven=False,
        quote=quote_of(ctx.doc.text, closing),
    )


def _readings(named: dict[str, Statement], places: int) -> tuple[Interval, Interval]:
    """The year-end balance the income less the spending gives, without and with the opening balance."""
    net = named["income"].interval(places) - named["spending"].interval(places)
    return net, net + named["opening"].interval(places)


def whole_balance_holds(ctx: AuditContext, closing: Statement) -> bool:
    """Is ``closing`` the unit's whole year-end balance that its income and opening balance less its spending give
    ("收入合计2,588.82万元…年初结转和结余47.30万元…支出合计2,437.91万元…年末结转和结余198.21万元")? Then it is
    no rest of a budget: the balance identity, not budget − executed, makes it."""
    named = _whole_figures(ctx)
    if named is None or named["closing"].span != closing.span:
        return False
    places = list_places(list(named.values()))
    return any(r.overlaps(closing.interval(places)) for r in _readings(named, places))


def _whole_figures(ctx: AuditContext) -> dict[str, Statement] | None:
    """The opening balance, income and spending totals and year-end balance, each named once in the text (one
    value however often written) and none of a narrower subject; None unless all four are."""
    found: dict[str, list[Statement]] = {k: [] for k in _FIELDS}
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.sentence is None:
            continue
        clause = "".join(clause_before(ctx, s).split())
        match = _CUES.whole_field.search(clause)
        if match is None or _CUES.narrow_subject.search(clause):
            continue
        found[match.lastgroup or ""].append(s)
    named = {}
    for field, statements in found.items():
        if not statements or not all(s.exact_claim for s in statements):
            return None
        first = statements[0]
        if any(s.value != first.value for s in statements):
            return None  # two values for one figure: of two units or two years, not read
        named[field] = first
    return named
