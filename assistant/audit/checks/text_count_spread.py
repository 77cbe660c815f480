"""TOTAL_MISMATCH for counts from the text alone: a count of people (households, posts) spread out place by place,
month by month or kind by kind, announced as the whole spread ("按乡镇分布：城关镇72人，…", "分别为…"), against the one
count of that measure word the text states as a whole in another section ("全年在岗人员稳定在320人").

Bad: 全年共开发公益性岗位210个 … 公益性岗位按乡镇分布：甲镇50个，乙镇60个，丙镇70个 (180, not 210).
Good: silent for a list that is partial (其中, 主要, 包括, …等), for parts of another measure word (人次 against 人) or
followed by another noun ("甲镇12个村"), and for a planned count against an achieved one (计划/目标 on one side only).
Why: money lists are read against their totals by the parts readers; count lists with the total in another section
were not. When the list names the same noun as the total it is an error; when only the measure word ties them (the
noun of the total is not written with the list) it rests on reading them as one quantity: a warning.
"""

from __future__ import annotations

from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of
from ..prose.model import Statement
from ..registry import check_unit
from .text_counted_apart import exact_count

_CUES = cues(__name__)
_UNITS = frozenset({"人", "户", "个", "名", "家", "所"})
_LEAST_PARTS = 3


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    counts = [s for s in ctx.facts.statements if _plain_count(s)]
    findings = []
    for sentence in ctx.doc.sentences:
        spread = _spread_in(ctx, [s for s in counts if s.sentence is sentence])
        if spread is None:
            continue
        noun, parts = spread
        whole = _whole_of(ctx, counts, parts)
        if whole is None or sum(p.value for p in parts) == whole.value:
            continue
        lead = ctx.doc.text[whole.sentence.start : whole.span[0]]  # type: ignore[union-attr]
        if bool(_CUES.planned.search(lead)) != bool(_CUES.planned.search(sentence.text)):
            continue  # "计划开发岗位300个" against "实际…按乡镇分布": planned against achieved
        same_noun = len(noun) >= 2 and noun[-4:] in lead  # "公益性岗位按乡镇分布" … "共开发公益性岗位"
        total = sum(p.value for p in parts)
        ctx.facts.mark(whole, *parts)
        shown = "+".join(str(p.value) for p in parts)
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"文中分项列出的数量 {shown} = {total}{whole.unit}，但文中另处写的总数为 {whole.text}",
                parts[-1].span,
                expected=f"{total}{whole.unit}",
                found=whole.text,
                proven=same_noun,
                quote=quote_of(ctx.doc.text, parts[-1]),
            )
        )
    return findings


def _plain_count(s: Statement) -> bool:
    """An exact count in prose of people, households, posts or units, in a sentence."""
    return exact_count(s) and s.hedge is None and s.high is None and s.unit in _UNITS


def _spread_in(ctx: AuditContext, counts: list[Statement]) -> tuple[str, list[Statement]] | None:
    """(noun, parts) when the sentence spreads one count out name by name after 按…分布/分别为, all of it."""
    if len(counts) < _LEAST_PARTS or len({s.unit for s in counts}) != 1:
        return None
    text = ctx.doc.text
    sentence = counts[0].sentence
    assert sentence is not None
    head = text[sentence.start : counts[0].span[0]]
    # "（一）按乡镇分布。城关镇72人，…": the words that announce the spread may end a sentence of their own
    lead = text[sentence.para_start : sentence.start].rstrip() + head
    opened = _CUES.spread_open.search(lead)
    if opened is None or _CUES.partial.search(head):
        return None
    names = [
        lead[opened.end() :],
        *(text[a.span[1] : b.span[0]] for a, b in pairwise(counts)),
    ]
    if not all(_CUES.part_name.fullmatch(n) for n in names):
        return None  # "甲镇12个村、乙镇…" or words between the parts: no one spread
    after = text[counts[-1].span[1] : sentence.end]
    if not _CUES.list_end.match(after):
        return None  # "…66人等", "…66个村": partial, or of another noun
    return opened.group("noun") or "", counts


def _whole_of(ctx: AuditContext, counts: list[Statement], parts: list[Statement]) -> Statement | None:
    """The one count of the parts' measure word stated as a whole, in another section than the parts."""
    section = parts[0].sentence.section  # type: ignore[union-attr]
    found = []
    for s in counts:
        if s.unit != parts[0].unit or s in parts or s.sentence is None or s.sentence.section == section:
            continue
        lead = ctx.doc.text[s.sentence.start : s.span[0]]
        if not _CUES.whole_count.search(lead):
            continue
        if not _CUES.list_end.match(ctx.doc.text[s.span[1] : s.span[1] + 2] or "。"):
            continue  # "共覆盖12个村": a count of another noun
        found.append(s)
    return found[0] if len(found) == 1 else None
