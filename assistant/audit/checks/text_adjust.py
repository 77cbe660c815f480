"""TOTAL_MISMATCH from the text alone: a budget adjusted in one sentence — 年初预算 A, 追加 (or 调减) B,
调整后预算 D — must give A ± B = D.

Bad: 年初预算100万元，年中追加预算20万元，调整后预算130万元 (100 + 20 = 120). Good: 调整后预算120万元.
Read only so: three plain exact amounts in a row in one sentence (nothing between them; an aside such as
"（其中压减公用经费15万元）" is no amount of the row), the first a 年初预算, the last a budget (not an amount
spent: "全年预算执行数" is no adjusted budget) of the same subject; the middle one's clause names a change
(追加, 调增, 调减, 压减, 核减) and not its result ("追加预算至120万元" is the new budget, not the change); the last
one's clause names the adjusted budget (调整后, 调整预算, 全年预算). A and B are read at the precision the three are
written at, D at its own: a sum rounded to fewer decimals ("100.45 + 20.3 → 120.8") is never a contradiction.

Error (the text proves it): A ± B cannot be D at the written precision. Warning ("uncertain"): the same, when the
sentence names money after D that the adjusted budget may hold beside A and B ("调整后全年预算130万元（含上年结转
资金10万元）"). Silent: two changes in a row (年初 100，追加 20，调减 5，调整后 115: no three amounts of that
shape), a change of another paragraph, hedged amounts (约, 以上). The row may run on over a sentence end in one
paragraph ("2020年年初预算1,980.00万元。年度执行中，上级追加…资金376.84万元，调整后全年预算2,365.84万元。"): the
sentence before's last amount is the 年初预算; proven when that sentence states it alone, else a warning.
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


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    previous: list[Statement] = []
    for k, sentence in enumerate(ctx.doc.sentences):
        own = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "amount" and s.origin == "prose" and s.role == "value" and s.exact_claim
        ]
        before, previous = previous, own
        # "2020年年初预算1,980.00万元。年度执行中，上级追加…资金376.84万元，调整后全年预算2,365.84万元。": the row
        # runs on from the paragraph's sentence before, whose last amount is the 年初预算 the change is added to
        lead = before[-1:] if k and ctx.doc.sentences[k - 1].para_start == sentence.para_start else []
        lone = len(before) == 1  # that sentence states the initial budget alone: the row is certain
        row = lead + own
        for initial, change, adjusted in zip(row, row[1:], row[2:], strict=False):
            carried = bool(lead) and initial is lead[0]
            if (
                initial.field != "budget_initial"
                or adjusted.field != "budget"
                or initial.subject != adjusted.subject
            ):
                continue
            changed = clause_before(ctx, change)
            word = _CUES.change.search(changed)
            if (
                word is None
                or _CUES.to_total.search(changed)
                or not _CUES.adjusted.search(clause_before(ctx, adjusted))
            ):
                continue
            down = bool(_CUES.down.search(word.group(0)))
            places = list_places([initial, change, adjusted])
            a, b = initial.interval(places), change.interval(places)
            expected = a - b if down else a + b
            ctx.facts.mark(initial, change, adjusted)
            if expected.overlaps(adjusted.interval()):
                continue
            value = initial.value - change.value if down else initial.value + change.value
            other = _CUES.other_money.search(ctx.doc.text[adjusted.span[1] : sentence.end])
            doubt = "（若调整后预算另含其后所列的结转等资金，则不矛盾）" if other else ""
            yield ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"年初预算 {initial.text}{'调减' if down else '追加'} {change.text}，调整后应为 {show_value(value, adjusted)}，"
                f"文中写作 {adjusted.text}{doubt}",
                span_of(adjusted, initial, change),
                expected=show_value(value, adjusted),
                found=adjusted.text,
                proven=other is None and (lone or not carried),
                quote=quote_of(ctx.doc.text, adjusted),
            )
