"""Prose slips: a deviation's cause or a project's analysis deleted, a sweeping claim the data makes false
appended; each counts only if the omission or the falsehood is genuine."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.audit.names import NameIndex
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER

from .mutation import Mutation, Site, prose_end

_HEADING = re.compile(r"^#*\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])")
_LEVEL1 = re.compile(r"^#*\s*[一二三四五六七八九十]+、.*$", re.M)
# What explains a deviation, read broadly: a mutation is genuine only if none of it is left.
_EXPLANATION_MISSING = (CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER)
_CAUSE = re.compile(r"原因|由于|因为|导致|致使|造成|受[^，。]{0,12}影响|延期|滞后|尚未|未能|推迟|顺延")
_EXPLAINS = re.compile(_CAUSE.pattern + r"|措施|下一步|改进")
_CROSS_REFERENCE = re.compile(
    r"[^，。；\n]*见(?:第[一二三四五六七八九十\d]+部分|下文|后文|附件|本报告)[^，。；\n]*"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line) + 1))
        start += len(line) + 1
    return spans


def _section_span(text: str, keywords: tuple[str, ...]) -> tuple[int, int] | None:
    end_of_prose = prose_end(text)
    headings = list(_LEVEL1.finditer(text))
    for i, h in enumerate(headings):
        if any(k in h.group(0) for k in keywords):
            end = headings[i + 1].start() if i + 1 < len(headings) else end_of_prose
            return h.end(), min(end, end_of_prose)
    return None


def _blocks_naming(
    text: str, section: tuple[int, int], index: NameIndex, project: int
) -> list[tuple[int, int]]:
    """Paragraphs in ``section`` that name the project; a numbered sub-heading that names it takes its whole
    block (down to the next sub-heading) with it."""
    paragraphs = [p for p in _paragraphs(text) if section[0] <= p[0] < section[1]]
    doomed: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        s, e = paragraphs[i]
        line = text[s:e]
        names = any(m.project == project for m in index.find(line))
        if names and _HEADING.match(line.strip()) and len(line.strip()) <= 40:
            j = i + 1
            while j < len(paragraphs) and not _is_subheading(text, paragraphs[j]):
                j += 1
            doomed.append((s, paragraphs[j - 1][1]))
            i = j
            continue
        if names:
            doomed.append((s, e))
        i += 1
    return doomed


def _is_subheading(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]].strip()
    return bool(re.match(r"^#*\s*\d{1,2}[.、．]", line)) and len(line) <= 40


def _delete(text: str, spans: list[tuple[int, int]]) -> str:
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + text[e:]
    return text


def mutate_delete_cause(site: Site) -> Iterator[Mutation]:
    """Remove what the deviation section says about a project that must explain a deviation: the whole
    block, or only its sentences that give a cause (the measures stay).

    Only a genuine omission counts: if a cause is still written anywhere for it, no mutation.
    """
    text = site.text
    section = _section_span(text, ("偏离", "偏差", "问题"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in site.unit.projects])
    for p in site.unit.needing_explanation:
        doomed = _blocks_naming(text, section, index, p.index - 1)
        if not doomed or _already_unexplained(text, index, p.index - 1):
            continue  # the clean report already says a cause or measure is missing: nothing left to omit
        whole = _delete(text, doomed)
        variants = [("原因段", whole, _explained_elsewhere(whole, index, p.index - 1))]
        causes = [c for block in doomed for c in _sentences(text, block) if _CAUSE.search(text[c[0] : c[1]])]
        if causes and len(causes) < sum(len(_sentences(text, b)) for b in doomed):
            partial = _delete(text, causes)
            kept = "".join(partial[s:e] for s, e in _shifted(doomed, causes))
            variants.append(
                (
                    "原因所在句",
                    partial,
                    bool(_CAUSE.search(kept)) or _explained_elsewhere(partial, index, p.index - 1),
                )
            )
        for label, new_text, explained in variants:
            if explained:
                continue
            yield Mutation(
                "cause_deleted",
                new_text,
                None,
                p.project.name,
                frozenset({"UNEXPLAINED_DEVIATION"}),
                f"删除「{p.project.name}」偏离{label}",
            )


def _sentences(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Sentences (ending in 。 or a line end) inside ``span``."""
    result, start = [], span[0]
    for match in re.finditer(r"[。\n]", text[span[0] : span[1]]):
        end = span[0] + match.end()
        if text[start:end].strip():
            result.append((start, end))
        start = end
    if text[start : span[1]].strip():
        result.append((start, span[1]))
    return result


def _shifted(blocks: list[tuple[int, int]], removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where ``blocks`` are once ``removed`` (all inside them) is cut out of the text."""
    result = []
    for s, e in blocks:
        before = sum(b - a for a, b in removed if b <= s)
        inside = sum(b - a for a, b in removed if s <= a and b <= e)
        result.append((s - before, e - before - inside))
    return result


def _already_unexplained(text: str, index: NameIndex, project: int) -> bool:
    """Does a line naming the project say its cause or measure is still to be written?"""
    return any(
        any(mark in line for mark in _EXPLANATION_MISSING)
        and any(m.project == project for m in index.find(line))
        for line in text.splitlines()
    )


def _explained_elsewhere(text: str, index: NameIndex, project: int) -> bool:
    """Is a cause still written for the project: in the words from a mention of it up to the next mention
    of another project (or the end of the paragraph), anywhere in the prose?"""
    for s, e in _paragraphs(text[: prose_end(text)]):
        para = _CROSS_REFERENCE.sub("", text[s:e])
        mentions = index.find(para)
        for i, mention in enumerate(mentions):
            if mention.project != project:
                continue
            nxt = next((m.start for m in mentions[i + 1 :] if m.project != project), len(para))
            if _CAUSE.search(para[mention.start : nxt]):
                return True
    return False


def mutate_delete_project(site: Site) -> Iterator[Mutation]:
    """Remove a project's paragraph(s) from the goal-completion analysis."""
    text = site.text
    section = _section_span(text, ("完成情况", "指标分析"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in site.unit.projects])
    for p in site.unit.projects:
        doomed = _blocks_naming(text, section, index, p.index - 1)
        if not doomed:
            continue
        new_text = _delete(text, doomed)
        left = _section_span(new_text, ("完成情况", "指标分析"))
        if left and any(m.project == p.index - 1 for m in index.find(new_text[left[0] : left[1]])):
            continue  # still named elsewhere in the analysis: not an omission
        yield Mutation(
            "project_paragraph_deleted",
            new_text,
            None,
            p.project.name,
            frozenset({"MISSING_PROJECT_ANALYSIS"}),
            f"删除「{p.project.name}」分析段",
        )


def mutate_universal(site: Site) -> Iterator[Mutation]:
    """Append a sweeping claim that the data makes false to a paragraph of the conclusion or analysis."""
    unit, text = site.unit, site.text
    claims = []
    grades = {p.grade for p in unit.projects if p.grade}
    if len(grades) > 1 or "优" not in grades:
        claims.append("各项目考评等级全部为“优”。")
    # "均达到100%" is written at whole percent: 99.996 % reads as 100 % there, so it is no contradiction.
    if any(p.rate is not None and unit.ruleset.round_at(p.rate, 0) < 100 for p in unit.projects):
        claims.append("各项目预算执行率均达到100%。")
    if any(unit.ruleset.rate_needs_explanation(p.rate) for p in unit.projects):
        claims.append("各项目均已全面完成年度目标。")
    section = _section_span(text, ("评价结论", "综合评价", "完成情况"))
    if section is None:
        return
    paragraphs = [
        (s, e)
        for s, e in _paragraphs(text)
        if section[0] <= s < section[1] and text[s:e].strip() and not text[s:e].lstrip().startswith("#")
    ]
    for claim in claims:
        for _start, e in paragraphs[:3]:
            at = e - 1 if text[e - 1 : e] == "\n" else e
            yield site.slip("universal_claim_false", at, at, claim, frozenset({"CLAIM_MISMATCH"}), claim)
