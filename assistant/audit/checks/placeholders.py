"""PLACEHOLDER_LEFT: a 【待补充：…】 marker is still in the report, so the report is not finished.

Bad: "资金来源（当年财政拨款、上年结转资金、其他资金）：【待补充：资金来源】".  Good: the officer's fact in its place.
Every marker is one warning (verdict "missing"), located at its sentence and naming the project its paragraph is
about, so an unfinished report never reads as clean. The workspace does not let these be dismissed: they go
away when the fact is supplied.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.placeholders import find_markers

from ..context import AuditContext
from ..findings import Finding
from ..registry import Code, check_unit

CODE = "PLACEHOLDER_LEFT"
HEAD = "报告尚未完成："


@check_unit(
    Code(
        CODE,
        "warning",
        "报告中还有【待补充】，尚未完成",
        bad="资金来源：【待补充：资金来源】",
        good="资金来源为当年财政拨款",
    ),
    runs=("reference", "text"),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    sentences = ctx.doc.sentences
    k = 0
    for marker in find_markers(ctx.doc.text):
        while k < len(sentences) and sentences[k].end <= marker.start:
            k += 1
        sentence = sentences[k] if k < len(sentences) and sentences[k].start <= marker.start else None
        start, end = (sentence.para_start, sentence.para_end) if sentence else (marker.start, marker.end)
        named = list(dict.fromkeys(m.project for m in ctx.extractor.mentions_between(start, end)))
        project = ctx.project(named[0]) if len(named) == 1 else None
        what = marker.text.strip("【】")
        about = f"「{project.name}」" if project else (f"（涉及 {len(named)} 个项目）" if named else "")
        yield ctx.finding(
            CODE,
            f"{HEAD}{about}{what}",
            sentence=sentence,
            span=None if sentence else (marker.start, marker.end),
            project=project.name if project else None,
            expected="经办人补充的内容",
            found=marker.text,
            verdict="missing",
        )
