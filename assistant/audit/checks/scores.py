"""SCORE_MISMATCH, GRADE_MISMATCH, and grade claims (全部为“优”, 其中“优”12个).

Bad: 得分90分，等级为“良” (90 is 优 under the rule set).  Good: 得分90分，等级为“优”.
Scores are compared at the precision written; rule statements in the method section (90～100分为“优”)
are descriptions of the rule set, not claims about projects, and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers import parse_number
from assistant.numbers.precision import shown

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.scale import states_the_scale
from ..registry import Code, check_unit

GRADE_WORDS = {"优秀": "优", "良好": "良", "优": "优", "良": "良", "中": "中", "差": "差", "合格": "中"}
_CUES = cues(__name__)


@check_unit(
    Code("SCORE_MISMATCH", "error", "文中得分与评分结果不符"),
    Code("GRADE_MISMATCH", "error", "文中等级与得分所在等级区间不符"),
    also=("CLAIM_MISMATCH", "COUNT_MISMATCH"),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    yield from _check_scores(ctx)
    for sentence in ctx.doc.sentences:
        if states_the_scale(sentence):
            continue
        yield from _check_grade_statements(ctx, sentence)
        yield from _check_universal_grade(ctx, sentence)
        yield from _check_grade_counts(ctx, sentence)


def _check_scores(ctx: AuditContext) -> list[Finding]:
    findings = []
    for claim in ctx.claims:
        m = claim.mention
        if claim.kind != "score" or claim.field not in ("score", "rate_score") or m.high is not None:
            continue
        # An indicator's score (see ``indicators``) or the rule set's description; "预算执行率得分8.13分（分值10分）"
        # names the execution-rate part of the project's score even with its 分值 after it.
        about_indicator = claim.about_indicator and claim.field != "rate_score"
        if claim.indicator is not None or about_indicator or states_the_scale(claim.sentence):
            continue
        if claim.scope == "project":
            project = ctx.project(claim.project)
            truth = (
                project.rate_score
                if project and claim.field == "rate_score"
                else project.score
                if project
                else None
            )
            if project is None or truth is None:
                continue
            who = project.name
        elif claim.scope == "total" and "平均" in claim.sentence.text and claim.field == "score":
            scores = [p.score for p in ctx.ref.projects if p.score is not None]
            if not scores:
                continue
            who, truth = "全部项目平均", sum(scores, Decimal(0)) / len(scores)
        else:
            continue
        if claim.fits(truth):
            continue
        findings.append(
            ctx.claim_finding(
                claim,
                "SCORE_MISMATCH",
                f"「{who}」{'预算执行率得分' if claim.field == 'rate_score' else '得分'}应为 "
                f"{shown(truth, max(m.places, 0))}分，文中写作 {m.text}",
                subject=who,
                expected=f"{format(truth, 'f')}分",
            )
        )
    return findings


def _check_grade_statements(ctx: AuditContext, sentence: Sentence) -> list[Finding]:
    findings = []
    for match in _CUES.grade_statement.finditer(sentence.text):
        if _CUES.negated.search(sentence.text[: match.start()]):
            continue  # "唯一未评为“优”的项目" states what the project is not
        if _CUES.grade_bucket.search(sentence.text[match.end() :]):
            continue  # "等级为“中”有5个": a bucket of projects, not one graded project
        written = GRADE_WORDS[match.group(1) or match.group(2) or match.group(3)]
        offset = sentence.start + match.start()
        scope, index, _ = ctx.extractor.attribute_at(sentence, offset)
        project = ctx.project(index) if scope == "project" else None
        span = (offset, sentence.start + match.end())
        if project is not None and project.grade and project.grade != written:
            findings.append(
                ctx.finding(
                    "GRADE_MISMATCH",
                    f"「{project.name}」得分 {format(project.score, 'f')} 分，按评分规则等级应为“{project.grade}”，文中写作“{written}”",
                    span=span,
                    quote=sentence.text,
                    project=project.name,
                    expected=project.grade,
                    found=written,
                )
            )
            continue
        stated = _score_before(ctx, sentence, match.start())
        if stated is not None and ctx.ref.rules.grade_for(stated) != written:
            band = ctx.ref.rules.grade_for(stated)
            findings.append(
                ctx.finding(
                    "GRADE_MISMATCH",
                    f"文中得分 {format(stated, 'f')} 分按评分规则属“{band}”，却写作“{written}”",
                    span=span,
                    quote=sentence.text,
                    project=project.name if project else None,
                    expected=band,
                    found=written,
                )
            )
    return findings


def _score_before(ctx: AuditContext, sentence: Sentence, position: int) -> Decimal | None:
    scores = [
        c.mention.value
        for c in ctx.claims_of(sentence)
        if c.kind == "score"
        and c.field == "score"
        and c.mention.start < position
        and c.mention.high is None
        and not _CUES.bound_before.search(sentence.text[: c.mention.start])  # "未达到90分": a band's edge
    ]
    return scores[-1] if scores else None


def _check_universal_grade(ctx: AuditContext, sentence: Sentence) -> list[Finding]:
    match = _CUES.universal_grade.search(sentence.text)
    if not match or (
        ctx.extractor.sentence_projects(sentence) and "项目" not in sentence.text[: match.start()]
    ):
        return []
    written = GRADE_WORDS[match.group(1)]
    others = [f"{p.name}（{p.grade}）" for p in ctx.ref.projects if p.grade and p.grade != written]
    if not others:
        return []
    return [
        ctx.phrase_finding(
            sentence,
            match,
            "CLAIM_MISMATCH",
            f"文中称全部为“{written}”，但以下项目等级不是“{written}”：{'、'.join(others[:5])}"
            + ("等" if len(others) > 5 else ""),
            expected=f"{len(others)}个项目不是“{written}”",
        )
    ]


def _check_grade_counts(ctx: AuditContext, sentence: Sentence) -> list[Finding]:
    findings = []
    counts: dict[str, int] | None = None
    for match in _CUES.grade_count.finditer(sentence.text):
        counts = counts if counts is not None else ctx.ref.grade_counts()  # only where a count is written
        grade = GRADE_WORDS[match.group(1) or match.group(2)]
        try:
            written = int(parse_number(match.group(3)))
        except ValueError:
            continue
        if grade in counts and counts[grade] != written:
            findings.append(
                ctx.phrase_finding(
                    sentence,
                    match,
                    "COUNT_MISMATCH",
                    f"等级为“{grade}”的项目应为 {counts[grade]} 个，文中写作 {written} 个",
                    expected=f"{counts[grade]}个",
                )
            )
    return findings
