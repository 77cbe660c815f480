"""CLAIM_MISMATCH from the text alone: "各项目执行率均在90%以上" against a project the same text gives a lower rate.

Bad: （三）乡村医生培训项目…执行率60% … 全局各项目执行率均在90%以上.
Good: the same with 除乡村医生培训项目外，其余项目执行率均在90%以上 (the exception is named); a bound every project
the text gives a rate meets; a bound of one project ("该项目执行率在90%以上").
A project's rate is the one the text states for it (its own 执行率), else its executed ÷ budget. The claim must say
"every" (均, 都, 全部, 各项目, 所有项目) before its bound. A project's own exact rate below the bound, under a claim
that names the projects (各项目, 所有项目, 项目…均), proves it (an error); a rate computed from amounts found
elsewhere, or a claim that does not name the projects, leaves the attribution open (a warning, "uncertain").
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.precision import hedge_kind

from ..context import AuditContext
from ..cues import cues
from ..fields import EXCEPT_CLAUSE
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of
from ..prose.interval import Interval
from ..prose.model import Statement, Subject
from ..registry import check_unit
from .text_table_rates import money_rows

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("CLAIM_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    projects = ctx.facts.projects
    for bound in ctx.facts.statements:
        if bound.kind != "percent" or bound.field != "rate" or bound.sentence is None:
            continue
        if hedge_kind(bound.hedge) != "at_least" or bound.subject is None:
            continue
        clause = clause_before(ctx, bound)
        if not _CUES.every.search(clause):
            continue
        if bound.subject.kind == "project" and not _CUES.names_projects.search(_head(ctx, bound)):
            continue  # "该项目执行率均在90%以上": of its own project, unless the sentence says each project
        finding = _against_projects(ctx, bound, clause, projects) if len(projects) >= 2 else None
        finding = finding or _against_rows(ctx, bound, clause)
        if finding is not None:
            yield finding


def _against_projects(
    ctx: AuditContext, bound: Statement, clause: str, projects: list[Subject]
) -> Finding | None:
    assert bound.sentence is not None
    head = ctx.doc.text[bound.sentence.start : bound.span[0]]
    exception = EXCEPT_CLAUSE.search(head)
    left_out = exception.group(0) if exception else ""
    below: list[tuple[Subject, Interval, bool, list[Statement]]] = []
    for project in projects:
        if project.name and project.name in left_out:
            continue
        found = _rate_of(ctx, project)
        if found is None:
            continue
        rate, own, evidence = found
        if rate.below(bound.interval()):
            below.append((project, rate, own, evidence))
    if not below:
        return None
    for _, _, _, evidence in below:
        ctx.facts.mark(*evidence)
    ctx.facts.mark(bound)
    named = bool(_CUES.names_projects.search(clause) or _CUES.names_projects.search(_head(ctx, bound)))
    listed = "、".join(f"{p.name}（{_shown(rate)}%）" for p, rate, _, _ in below[:5]) + (
        "等" if len(below) > 5 else ""
    )
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称执行率均在 {bound.text}，但文中所写以下项目未达到：{listed}",
        bound.span,
        expected=f"{len(below)}个项目未达到",
        found=bound.text,
        proven=named and all(own for _, _, own, _ in below),
        quote=quote_of(ctx.doc.text, bound),
    )


def _against_rows(ctx: AuditContext, bound: Statement, clause: str) -> Finding | None:
    """The rows of a money table of the kind the claim names ("其余县区资金执行率均在90%以上" over a table whose name
    column is 县区), each row's rate agreeing with its own amounts (``money_rows``): a row below the bound, not left
    out by name, contradicts it (an error: the table's own figures, its rows the items the claim speaks of)."""
    assert bound.sentence is not None
    kind = _CUES.row_kind.search(clause)
    if kind is None:
        return None
    head = ctx.doc.text[bound.sentence.start : bound.span[0]]
    exception = EXCEPT_CLAUSE.search(head)
    left_out = exception.group(0) if exception else ""
    below = [
        row
        for row in money_rows(ctx.doc.text)
        if kind.group("kind") in row.title
        and row.name.text not in left_out
        and row.rate.interval().below(bound.interval())
    ]
    if not below:
        return None
    ctx.facts.mark(bound, *((r.rate_cell.start, r.rate_cell.end) for r in below))
    listed = "、".join(f"{r.name.text}（{r.rate_cell.text}）" for r in below[:5]) + (
        "等" if len(below) > 5 else ""
    )
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称{kind.group('kind')}执行率均在 {bound.text}，但表中以下{kind.group('kind')}未达到：{listed}",
        (bound.span[0], bound.span[1]),
        expected=f"{len(below)}个未达到",
        found=bound.text,
        proven=True,
        quote=quote_of(ctx.doc.text, bound),
    )


def _rate_of(ctx: AuditContext, project: Subject) -> tuple[Interval, bool, list[Statement]] | None:
    """The project's rate in percent: the one exact 执行率 the text states for it (own: True), else its executed
    ÷ budget (own: False); None when the text gives neither or states two."""
    stated = [s for s in ctx.values.stated(project, "rate") if s.kind == "percent" and s.exact_claim]
    if len({s.value for s in stated}) == 1:
        return stated[0].interval(), True, stated[:1]
    if stated:
        return None
    pair = ctx.values.of_subject(project)
    if pair is None:
        return None
    budget, executed = pair
    quotient = executed.interval().divided_by(budget.interval())
    return (quotient.scaled(HUNDRED), False, [budget, executed]) if quotient is not None else None


def _head(ctx: AuditContext, bound: Statement) -> str:
    """The words of the bound's sentence before it: "实施重点项目4个，各项目均按计划组织实施，预算执行率均在" says the
    bound of each project even when its own clause does not."""
    assert bound.sentence is not None
    return ctx.doc.text[bound.sentence.start : bound.span[0]]


def _shown(rate: Interval) -> str:
    return format(rate.mid.quantize(Decimal("0.01")).normalize(), "f")
