"""GRADE_MISMATCH from the text alone: a grade written after a score of the same sentence, against the grading
scale the report states (or the national one).

Bad: 该项目综合得分88分，评价等级为“优” (88 is 良 on the national scale). Good: 综合得分93分，评价等级为“优”.
Against the report's own scale ("90～100分为优…") the text proves it (an error); against the national bands it
rests on the rule (a warning, "uncertain"). A score written as 89.6 may be any grade its interval touches.
The score may also follow its grade, named as such ("等级为“优”,分数为97分").
The scores listed after "其中" are parts of the total before them ("自评得分95.6分，其中执行率得9.6分，
产出、效益、满意度指标共得86分，等级为优"): the grade is the total's, not the last part's.
A total named after its parts ("…绩效指标得分86.50分，合计96.32分，自评等级为“优”") is the graded score.
A grade with no score of its own is the grade of the total named in the sentence right before it on its line
("项目综合得分为78.50分。依据“…80分（含）至90分为良…”的评价标准，本项目自评等级为良"); never of a part's score.
Failing that, a grade of the report's own evaluation ("经综合评定，本项目绩效自评等级为“优”") is of the one total the
report states elsewhere: a reading, so a warning; not for a grade of another year or of a 满意度 survey.
A grade followed by a count ("等级为“中”有5个") or written after "N个项目" that follow the score is the grade of a
bucket of projects, not of the score: silent.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..prose.scale import GRADE_NAMES, NATIONAL_SCALE, scale_end, states_the_scale
from ..registry import check_unit
from .text_score_sum import stated_total

# the grade wording is the prose grade check's own (``scores``): one table for both
_SCORES = cues("assistant.audit.checks.scores")
_CUES = cues(__name__)


@check_unit(also=("GRADE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    scale = ctx.facts.scale or NATIONAL_SCALE
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        begin = 0
        if states_the_scale(sentence):
            begin = scale_end(sentence.text)  # its own score and grade may follow the scale it states
            if sentence.role == "method" or not begin:
                continue
        for match in _SCORES.grade_statement.finditer(sentence.text):
            if match.start() < begin:
                continue
            if _SCORES.negated.search(sentence.text[: match.start()]):
                continue
            if _SCORES.grade_bucket.search(sentence.text[match.end() :]):
                continue  # "等级为“中”有5个": a bucket of projects, not a graded score
            written = GRADE_NAMES[match.group(1) or match.group(2) or match.group(3)]
            at = sentence.start + match.start()
            scores = [
                s for s in _totals(ctx, sentence) if s.span[1] <= at and s.span[0] >= sentence.start + begin
            ]
            after = [  # "等级为“优”,分数为97分": the score named right after its grade
                s
                for s in ctx.facts.in_sentence(sentence)
                if s.kind == "score"
                and s.role == "value"
                and s.exact_claim
                and s.span[0] >= sentence.start + match.end()
                and _CUES.score_after.search(ctx.doc.text[sentence.start + match.end() : s.span[0]])
            ]
            apart = None
            if not scores and not after:
                scores = _whole_just_before(ctx, sentence, at)
            if not scores and not after:
                # "合计88.5分。…经综合评定，本项目绩效自评等级为“优”": a grade stated alone is the report's, of the
                # one total it states elsewhere (a reading: a warning)
                apart = _total_elsewhere(ctx, sentence, at)
                if apart is None:
                    continue
            score = apart or (_whole_before_parts(ctx, scores) if scores else after[0])
            if _CUES.projects_between.search(ctx.doc.text[span_of(score)[1] : at]):
                continue  # "97分，其中：本级48个项目评价等级为…": the grade is of those projects
            interval = score.interval()
            allowed = scale.grades_for(interval.lo, interval.hi)
            ctx.facts.mark(score)
            if not allowed or written in allowed:
                continue
            findings.append(
                ctx.relation_finding(
                    "GRADE_MISMATCH",
                    f"得分 {score.text} 按{'文中所述' if scale.proves(interval.lo) else '通用'}等级标准属“{'/'.join(sorted(allowed))}”，"
                    f"文中写作“{written}”" + ("（得分见文中他处）" if apart is not None else ""),
                    (span_of(score)[0], sentence.start + match.end()),
                    expected="/".join(sorted(allowed)),
                    found=written,
                    proven=apart is None and scale.proves(interval.lo),
                    quote=quote_of(ctx.doc.text, score),
                )
            )
    return findings


def _totals(ctx: AuditContext, sentence: Sentence) -> list[Statement]:
    """The scores of a sentence a grade may be given to: exact prose scores, not an indicator's."""
    return [
        s
        for s in ctx.facts.in_sentence(sentence)
        if s.kind == "score"
        and s.field == "score"
        and s.role == "value"
        and s.origin == "prose"
        and s.exact_claim
        and ("indicator" not in s.extra or _whole_after_parts(ctx, s))
        and not _SCORES.bound_before.search(clause_before(ctx, s))
    ]


def _whole_after_parts(ctx: AuditContext, score: Statement) -> bool:
    """ "执行情况得分9.82分，绩效指标得分86.50分，合计96.32分": a score named as the whole alone (合计, 总得分) after the
    parts' scores is the total's, though the subject read for it carries over from the indicator part before. Not
    one with its own weight after it ("项目自评得分67分（满分70分…）"): no score on the 100-point bands."""
    clause = clause_before(ctx, score)
    after = ctx.doc.text[score.span[1] : score.span[1] + 20]
    return (
        _CUES.whole_named.search(clause) is not None
        and _CUES.part_named.search(clause) is None
        and _CUES.own_weight_after.search(after) is None
    )


def _whole_just_before(ctx: AuditContext, sentence: Sentence, at: int) -> list[Statement]:
    """The total score of the sentence right before a grade that names none of its own, on the same line ("项目综合
    得分为78.50分。依据“…”的评价标准，本项目自评等级为良", "…总计八十六点一分。评价结论：等级为“优”"): the grade
    is that total's. Only a score named as the whole (综合得分, 总分, 合计): a part's score ("效益指标得分18分。") is
    not graded."""
    before = next((s for s in reversed(ctx.doc.sentences) if s.end <= sentence.start), None)
    if before is None:
        return []
    own = _totals(ctx, before)
    if not own or "\n" in ctx.doc.text[own[-1].span[1] : at]:
        return []
    whole = _whole_before_parts(ctx, own)  # "自评得分98.8分，其中…扣分合计1.03分。": the total, not a part
    return [whole] if _CUES.whole_named.search(clause_before(ctx, whole)) else []


def _total_elsewhere(ctx: AuditContext, sentence: Sentence, at: int) -> Statement | None:
    """The report's one stated total score, before a grade sentence that names the report's own evaluation and
    states no score ("经综合评定，本项目绩效自评等级为“优”"); None for a grade of another year or of something else."""
    head = ctx.doc.text[sentence.start : at]
    if not _CUES.own_grade.search(head) or _CUES.other_grade.search(head):
        return None
    total = stated_total(ctx, (0, 0))
    return total if total is not None and total.exact_claim and total.span[1] <= at else None


def _whole_before_parts(ctx: AuditContext, scores: list[Statement]) -> Statement:
    """The score the grade is given to: the last one, unless it is named as a part of the evaluation (执行率,
    产出…指标) and an earlier one named as the total is followed by "其中" before it (the later scores are then
    its parts). "总分92分，其中甲项目得分85分，等级为良" keeps 85: a project's score may carry its own grade."""
    last = scores[-1]
    if not _CUES.part_named.search(clause_before(ctx, last)):
        return last
    for s in scores[:-1]:
        if _CUES.parts_follow.search(ctx.doc.text[s.span[1] : last.span[0]]) and _CUES.whole_named.search(
            clause_before(ctx, s)
        ):
            return s
    return last
