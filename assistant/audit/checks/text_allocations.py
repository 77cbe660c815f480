"""REPEAT_MISMATCH for an allocation named by its document: transfer reports cite the notice each sum came with
("按照…呼财农指【2023】41号文件…，获得资金5万元") and cite it again where they say what it paid for ("41号文件…下达
的是…维养补助6万元"). The document number is the subject: the first amount handed down after it is that notice's
sum, and two different sums for one notice cannot both hold.

Bad: 41号文件…获得资金5万元 … 41号文件…下达维养补助6万元.
Good: 10号文件…获得资金2263万元 … 10号文件…下达资金2263万元，分配如下：… (the same sum; its split is not compared).
The pairing rests on reading the notice's first sum as the whole of it (a warning, "uncertain"); amounts of another
stage (支付, 使用…) or of a named fund source are other quantities.
"""

from __future__ import annotations

from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.model import Statement, Subject
from ..prose.subjects import source_label
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    groups: dict[tuple, list[Statement]] = {}
    for sentence in ctx.doc.sentences:
        refs = list(_CUES.document.finditer(sentence.text))
        keys = {(m.group("org")[-2:], m.group("year"), m.group("no")) for m in refs}
        if len(keys) != 1:
            continue  # no notice, or several: which sum is whose the words do not say
        after = sentence.start + refs[-1].end()
        first = next(
            (s for s in ctx.facts.in_sentence(sentence) if s.kind == "amount" and s.span[0] >= after), None
        )
        if first is None or first.role != "value" or first.hedge is not None or first.high is not None:
            continue
        between = _CUES.title.sub("", ctx.doc.text[after : first.span[0]])
        if (
            _CUES.handed_down.search(between)
            and not _CUES.other_stage.search(between)
            and not _CUES.batch.search(between)
        ):
            groups.setdefault((*keys.pop(), _subject(first, between)), []).append(first)
    findings = []
    for statements in groups.values():
        for earlier, later in pairwise(statements):
            if earlier.sentence is later.sentence or earlier.interval().overlaps(later.interval()):
                continue
            ctx.facts.mark(earlier, later)
            findings.append(repeat_finding(ctx, earlier, later, "同一文件下达的资金", proven=False))
    return findings


def _subject(first: Statement, between: str) -> Subject | None:
    """The sum's subject, but a fund source read from the issuer before the notice ("市财政局…41号文件…下达…")
    is not the sum's: only one named after the notice is."""
    subject = first.subject
    if subject is not None and subject.kind == "source" and source_label(between) is None:
        return subject.parent
    return subject
