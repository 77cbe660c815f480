"""TOTAL_MISMATCH from the text alone: a budget adjusted in so many words — 年初预算 A, then one change or more
(追加 or 调增 B, 调减, 压减, 核减 or 收回 C …), then the adjusted budget D — must give A + B − C … = D.

Bad: 年初预算100万元，年中追加预算20万元，调整后预算130万元 (100 + 20 = 120). Good: 调整后预算120万元.
Bad: 年初预算1,250.00万元。年中追加180.00万元；年底收回35.00万元。调整后预算1,385.00万元 (1,395.00).
Bad: 项目预算由年初的640万元调减96万元，调整为554万元 (544). Good: 年初预算520万元，追加60万元，调减15.5万元，
调整后全年预算564.5万元.
Read only so: a run of plain exact amounts of one paragraph, one after the other (nothing between them), the first a
年初预算; each next one's clause names a change (追加, 调增, 调减, 压减, 核减, 收回, 调出), the last one's clause the
result (调整后, 调整为, 变更后, 调整预算, 全年预算; "追加预算至120万元" is the new budget, not the change), and no
amount spent ("全年预算执行数" is no adjusted budget). An amount in brackets is an aside, passed over
("（其中压减公用经费15万元）", "（已含提前下达的追加资金60万元）": the 年初 figure holds it, no change of it), and so
are the parts of the 年初预算 its own sentence lists after 其中 ("年初预算315万元，其中县级240万元，省级75万元。…追加
48.6万元；…调减22.5万元。调整后全年预算341.1万元": the parts neither break the run nor change the budget); a
project named between two amounts of the run ("甲项目…，乙项目追加…") ends it. A and the changes are read at the
precision the run is written at, D at its own: a sum rounded to fewer decimals ("100.45 + 20.3 → 120.8") is never a
contradiction.

Error (the text proves it): the run is one sentence and A ± the changes cannot be D at the written precision.
Warning ("uncertain"): the same, when the run spans sentences (which budgets the changes join is a reading) or the
sentence names money after D that the adjusted budget may hold beside A and the changes ("调整后全年预算130万元（含
上年结转资金10万元）"). Silent: a change of another paragraph, hedged amounts (约, 以上).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value, span_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

_CUES = cues(__name__)


def _aside(ctx: AuditContext, s: Statement) -> bool:
    """Is the amount inside brackets its paragraph opened before it ("（其中压减公用经费15万元）")?"""
    assert s.sentence is not None
    before = ctx.doc.text[s.sentence.para_start : s.span[0]]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _parts_of(ctx: AuditContext, initial: Statement, s: Statement) -> bool:
    """Is ``s`` a part of the 年初预算 its sentence breaks down ("其中县级财政资金240万元，省级75万元"), no change?"""
    if s.sentence is not initial.sentence or _role(ctx, s) is not None:
        return False
    return _CUES.parts.search(ctx.doc.text, initial.span[1], s.span[0]) is not None


def _role(ctx: AuditContext, s: Statement) -> str | None:
    """What an amount after a 年初预算 is in a run of an adjustment: "change", "down" (a cut), "result" or None."""
    clause = clause_before(ctx, s)
    change = list(_CUES.change.finditer(clause))
    result = [m.end() for m in _CUES.adjusted.finditer(clause)]
    if s.field == "executed" and not change:
        return None  # "全年预算执行数115万元": money spent, no adjusted budget
    if (result and (not change or result[-1] >= change[-1].end())) or (
        _CUES.to_total.search(clause) and change
    ):
        return "result"  # "调整为554万元", "调减为", "追加预算至120万元": the new budget
    if change:
        return "down" if _CUES.down.search(change[-1].group(0)) else "change"
    return None


def _runs(
    ctx: AuditContext, amounts: list[Statement]
) -> Iterator[tuple[Statement, list[Statement], Statement]]:
    """Each 年初预算 with the changes after it and the adjusted budget that closes them."""
    for i, initial in enumerate(amounts):
        if initial.field != "budget_initial" or _aside(ctx, initial):
            continue
        if any(o.field == "budget_initial" and _parts_of(ctx, o, initial) for o in amounts[:i]):
            continue  # a part of an earlier 年初预算 ("其中…公用经费300万元"), not the budget of the run
        changes: list[Statement] = []
        previous = initial
        for s in amounts[i + 1 :]:
            if s.sentence.para_start != initial.sentence.para_start:  # type: ignore[union-attr]
                break
            if _aside(ctx, s):
                continue
            if not changes and _parts_of(ctx, initial, s):
                continue  # "年初预算315万元，其中县级240万元，省级75万元": the initial budget's parts
            if _CUES.other_project.search(ctx.doc.text, previous.span[1], s.span[0]):
                break  # "…；桥梁检测项目追加…": another project's change
            role = _role(ctx, s)
            if role == "result" and changes and s.subject == initial.subject:
                yield initial, changes, s
            if role not in ("change", "down"):
                break
            changes.append(s)
            previous = s


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.origin == "prose" and s.role == "value" and s.sentence is not None
    ]
    amounts.sort(key=lambda s: s.span[0])
    for initial, changes, adjusted in _runs(ctx, amounts):
        run = [initial, *changes, adjusted]
        if not all(s.exact_claim for s in run):
            continue
        downs = {id(s) for s in changes if _role(ctx, s) == "down"}
        places = list_places(run)
        expected = initial.interval(places)
        value = initial.value
        for s in changes:
            sign = -1 if id(s) in downs else 1
            expected = expected - s.interval(places) if sign < 0 else expected + s.interval(places)
            value = value + sign * s.value
        ctx.facts.mark(*run)
        if expected.overlaps(adjusted.interval()):
            continue
        sentence = adjusted.sentence
        assert sentence is not None
        other = _CUES.other_money.search(ctx.doc.text[adjusted.span[1] : sentence.end])
        one_sentence = all(s.sentence is sentence for s in run)
        doubt = "（若调整后预算另含其后所列的结转等资金，则不矛盾）" if other else ""
        steps = "".join(f"{'调减' if id(s) in downs else '追加'} {s.text}，" for s in changes)
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"年初预算 {initial.text}，{steps}调整后应为 {show_value(value, adjusted)}，文中写作 {adjusted.text}{doubt}",
            span_of(adjusted, initial, *changes),
            expected=show_value(value, adjusted),
            found=adjusted.text,
            proven=other is None and one_sentence,
            quote=quote_of(ctx.doc.text, adjusted),
        )
