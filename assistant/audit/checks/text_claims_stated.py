"""CLAIM_MISMATCH from the text alone: a claim about a quantity the same report measures and states otherwise.

Bad: 受益群众满意度达到90%以上 beside a survey's 满意率为88.1%; 三项满意度指标均在95%以上 beside a satisfaction
indicator row written in prose ("被害人满意度：指标值≥90%，实际93.8%") or in a 自评表 (piped, spaced or one cell per
line: "受益农户满意度 | ≥90% | 92%").  Bad: 项目按期完成全部建设内容 beside 实际于11月20日
完成竣工验收，较计划延期51天.  Good: the survey's figure at or above the bound (满意率93.6%); 比计划提前10天; a claim
conditioned or negated ("确保按期完成", "未能按期完成").
Why: a bound the text claims ("90%以上") and a measured figure of the same name below it cannot both hold, nor can
"按期" and a delay the text states. Which group a survey asked, or which part of the work ran late, the text may
not settle (a report may survey several groups, or a delay may be of one item): a warning ("uncertain"), never an
error, and only in a report of one project (with several, the claim may speak of another).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from assistant.numbers.precision import hedge_kind

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..registry import check_unit
from .claim_reading import doubt_of_claim

_CUES = cues(__name__)
_CLAIMS = cues(f"{__package__}.text_claims")  # one wording of negation and of condition for every claim


@check_unit(also=("CLAIM_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    if len(ctx.facts.projects) > 1 or len(ctx.ref.projects) > 1:
        return
    yield from _satisfaction(ctx)
    yield from _on_time(ctx)


def _satisfaction(ctx: AuditContext) -> Iterator[Finding]:
    """ "满意度达到90%以上" against a 满意度 the text measured below 90 %."""
    own = [
        s for s in ctx.facts.statements if s.field == "satisfaction" and s.kind == "percent" and s.sentence
    ]
    measured = [s for s in own if s.exact_claim and not _CUES.target_words.search(clause_before(ctx, s))]
    measured += _measured_rows(ctx)
    for bound in own:
        if hedge_kind(bound.hedge) != "at_least" or bound.sentence is None:
            continue
        head = clause_before(ctx, bound)
        if _under_goals(ctx, bound.sentence):
            continue  # "（二）绩效目标 … 服务对象满意度达到90%以上": the goal set, not a claim of what was reached
        if (
            not _CUES.reached.search(head)
            or _CUES.target_words.search(head)
            or _said_away(bound.sentence, head)
        ):
            continue
        below = [s for s in measured if s.interval().below(bound.interval())]
        if not below:
            continue
        low = below[0]
        ctx.facts.mark(bound, low)
        yield ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称满意度 {bound.text}，但第{ctx.doc.line_of(low.span[0])}行所写满意度为 {low.text}",
            bound.span,
            expected=f"满意度 {low.text}",
            found=bound.text,
            proven=False,
            quote=bound.sentence.text,
        )


def _measured_rows(ctx: AuditContext) -> list[Statement]:
    """The satisfaction an indicator row reports as reached, wherever the row is written: the 实际完成值 cell of a
    自评表 row named for a 满意度 (piped, spaced or one cell per line), or the actual written right after a
    satisfaction target in prose ("被害人满意度：指标值≥90%，实际93.8%"), whose own clause names no field."""
    rows = [
        s
        for s in ctx.facts.statements
        if s.origin == "table"
        and s.field == "actual"
        and s.kind == "percent"
        and s.exact_claim
        and s.subject is not None
        and _CUES.satisfied.search(s.subject.name)
    ]
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose" and s.kind == "percent"]
        rows += [
            actual
            for target, actual in pairwise(own)
            if target.field == "satisfaction"
            and actual.field in (None, "satisfaction")
            and actual.exact_claim
            and (
                hedge_kind(target.hedge) == "at_least"
                or _CUES.target_words.search(clause_before(ctx, target))
            )
            and _CUES.actual_after.search(clause_before(ctx, actual))
        ]
    return rows


def _under_goals(ctx: AuditContext, sentence: Sentence) -> bool:
    """A sentence under a heading of the goals set ("（二）绩效目标", "年度绩效目标"), not of their completion, or in a
    paragraph a run-in title of the goals opens ("（三）绩效目标。2023年8月底前完成…；师生满意度达到95%以上。",
    "年度绩效目标：…")."""
    heading = sentence.subsection or sentence.section
    if heading is not None and _CUES.goals_heading.search(heading.text):
        return True
    title = _CUES.run_in_title.match(ctx.doc.text, sentence.para_start, sentence.start + len(sentence.text))
    return title is not None and bool(_CUES.goals_heading.search(title.group("title")))


def _said_away(sentence: Sentence, head: str) -> bool:
    """A claim negated or conditioned ("确保满意度达到90%以上")."""
    before = sentence.text[: max(0, sentence.text.find(head))] + head
    return bool(_CLAIMS.negated.search(before) or _CLAIMS.condition.search(before))


def _on_time(ctx: AuditContext) -> Iterator[Finding]:
    """ "项目按期完成" against a delay the text states ("较计划延期51天")."""
    delays = [m for m in _CUES.delay.finditer(ctx.doc.text) if not _CLAIMS.negated.search(_before(ctx, m))]
    if not delays:
        return
    for sentence in ctx.doc.sentences:
        for match in _CUES.on_time.finditer(sentence.text):
            head = sentence.text[: match.start()]
            if _CLAIMS.negated.search(head) or _CLAIMS.condition.search(head):
                continue
            if _CUES.part_before.search(head):
                continue  # "其中10所按期完工": a claim of a part, the rest may be the delay
            delay = next((d for d in delays if not sentence.start <= d.start() < sentence.end), None)
            if delay is None:
                continue
            line = ctx.doc.line_of(delay.start())
            yield doubt_of_claim(
                ctx, sentence, match, f"第{line}行写明“{delay.group(0)}”", f"说明延期（{delay.group(0)}）"
            )
            break


def _before(ctx: AuditContext, match: re.Match[str]) -> str:
    """The words of the delay's clause before it."""
    start = max(ctx.doc.text.rfind(mark, 0, match.start()) for mark in "，,。；;\n") + 1
    return ctx.doc.text[start : match.start()]
