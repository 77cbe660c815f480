"""PLACEHOLDER_LEFT: a 【待补充：…】 marker is still in the report, so the report is not finished.

Bad: "资金来源（当年财政拨款、上年结转资金、其他资金）：【待补充：资金来源】".  Good: the officer's fact in its place.
Every marker is one warning (verdict "missing"), located at its sentence and naming the project its paragraph is
about, so an unfinished report never reads as clean; the markers of one section asking several projects for the
same fact (one sentence per project) are one warning naming them all, not ten alike. The workspace does not let these be dismissed: they go
away when the fact is supplied.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.placeholders import find_markers, topic_of

from ..context import AuditContext
from ..document import Sentence
from ..findings import Finding
from ..registry import Code, check_unit

CODE = "PLACEHOLDER_LEFT"
HEAD = "报告尚未完成："


@check_unit(
    Code(CODE, "warning", "报告中还有【待补充】，尚未完成"),
    runs=("reference", "text"),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    sentences = ctx.doc.sentences
    k = 0
    runs: dict[tuple[object, ...], list[_Left]] = {}
    for marker in find_markers(ctx.doc.text):
        while k < len(sentences) and sentences[k].end <= marker.start:
            k += 1
        sentence = sentences[k] if k < len(sentences) and sentences[k].start <= marker.start else None
        start, end = (sentence.para_start, sentence.para_end) if sentence else (marker.start, marker.end)
        named = list(dict.fromkeys(m.project for m in ctx.extractor.mentions_between(start, end)))
        project = ctx.project(named[0]) if len(named) == 1 else None
        left = _Left(
            marker.text, marker.start, marker.end, sentence, project.name if project else None, len(named)
        )
        # one project's fact asked for in several projects' sentences of a section: one finding for them all
        key: tuple[object, ...] = (
            (ctx.section_title(marker.start), topic_of(marker.text) or marker.text)
            if project
            else (marker.start,)
        )
        runs.setdefault(key, []).append(left)
    for run in runs.values():
        yield _finding(ctx, run)


@dataclass(frozen=True)
class _Left:
    """One marker left in the text, and the project its paragraph is about (if one)."""

    mark: str
    start: int
    end: int
    sentence: Sentence | None
    project: str | None
    named: int


def _finding(ctx: AuditContext, run: list[_Left]) -> Finding:
    first = run[0]
    if len(run) > 1:  # "10 个项目（「A」、「B」…）待补充：年度总体目标", the first mark's hint with it
        names = "、".join(f"「{left.project}」" for left in run)
        message = f"{HEAD}{len(run)} 个项目（{names}）{first.mark.strip('【】')}"
        project = None
    else:
        project = first.project
        about = f"「{project}」" if project else (f"（涉及 {first.named} 个项目）" if first.named else "")
        message = f"{HEAD}{about}{first.mark.strip('【】')}"
    return ctx.finding(
        CODE,
        message,
        sentence=first.sentence,
        span=None if first.sentence else (first.start, first.end),
        project=project,
        expected="经办人补充的内容",
        found=first.mark,
        verdict="missing",
    )
