"""UNEXPLAINED_DEVIATION and MISSING_PROJECT_ANALYSIS: what the report leaves out.

Bad: a project at 30% execution that no paragraph explains.  Good: its cause and an improvement measure,
in the paragraph that names it. A visible placeholder 【待补充：…】 is reported as a warning: the officer knows.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER

from ..context import AuditContext
from ..cues import cues
from ..document import Heading
from ..findings import Finding
from ..registry import Code, check_unit

_CUES = cues(__name__)
_SOME_ANALYSIS = 20  # characters of a section body that say something of its one project
_FORM_ROWS = 3  # indicator rows that make a 自评表 of the text


@check_unit(
    Code("UNEXPLAINED_DEVIATION", "error", "需说明的偏差未写原因或改进措施"),
    Code("MISSING_PROJECT_ANALYSIS", "warning", "项目未在目标完成情况分析中分析"),
)
def check(ctx: AuditContext) -> list[Finding]:
    return _deviations(ctx) + _analysis(ctx)


def _paragraphs_naming(ctx: AuditContext) -> dict[int, list[tuple[int, int]]]:
    """Project → the paragraphs (and level-2+ heading blocks) that speak of it, in one pass over the report.

    A paragraph speaks of the projects it names; one naming none speaks of those the paragraph before it spoke
    of (up to the next heading) when it sits in the deviation section ("预算执行方面，偏差原因为：……") or opens
    with a cause or measure label ("偏差原因：……"). Elsewhere such a paragraph is a list of indicators or the
    like: a "尚未" in it explains no project. In a report of one project, a paragraph of the deviation section
    that names none speaks of that project ("四、偏离绩效目标的原因和改进措施 预算执行率未达到100%，主要是…"): there is no
    other it could speak of.
    """
    spans: dict[int, set[tuple[int, int]]] = {}
    named: dict[tuple[int, int], set[int]] = {}
    for sentence in ctx.doc.sentences:
        if sentence.end > ctx.doc.body_end:
            break
        found = named.setdefault((sentence.para_start, sentence.para_end), set())
        found.update(m.project for m in ctx.extractor.mentions_between(sentence.start, sentence.end))
    heading_starts = sorted(h.start for h in ctx.doc.headings)
    current: set[int] = set()
    previous_end = 0
    for (start, end), projects in named.items():
        k = bisect_left(heading_starts, previous_end)  # a heading between the last paragraph and this one
        if k < len(heading_starts) and heading_starts[k] < start:
            current = set()
        in_deviation = _role_at(ctx, start) == "deviation"
        goes_on = in_deviation or _CUES.continues.match(ctx.doc.text[start:end])
        if (
            not projects
            and len(ctx.ref.projects) == 1
            and (in_deviation or _of_the_one(ctx.doc.text[start:end]))
        ):
            projects = {ctx.ref.projects[0].index}
        if projects or not goes_on:
            current = projects
        for project in current:
            spans.setdefault(project, set()).add((start, end))
        previous_end = end
    headings = ctx.doc.headings
    for k, heading in enumerate(headings):
        if heading.level <= 1:
            continue
        named = {m.project for m in ctx.extractor.mentions_between(heading.start, heading.end)}
        if not named:
            continue
        nxt = next(
            (h.start for h in islice(headings, k + 1, None) if h.level <= heading.level), ctx.doc.body_end
        )
        for project in named:
            spans.setdefault(project, set()).add((heading.start, nxt))
    return {project: sorted(found) for project, found in spans.items()}


def _of_the_one(paragraph: str) -> bool:
    """In a report of one project, does a paragraph naming none speak of it all the same: "本项目…", or the
    shortfall itself ("预算执行率低于90%的原因：…", "预算执行率低于90%，主要原因是…")?"""
    return bool(_CUES.the_one_project.search(paragraph) or _CUES.shortfall_said.search(paragraph))


def _relevant(ctx: AuditContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the report has a deviation section, only it and the analysis count as explaining — and a paragraph
    elsewhere that states the shortfall and its cause ("预算执行率低于90%，主要原因是…" in 自评结论)."""
    if not ctx.doc.sections("deviation"):
        return spans
    text = ctx.doc.text
    return [
        s
        for s in spans
        if _role_at(ctx, s[0]) in ("deviation", "analysis")
        or (_CUES.shortfall_said.search(text[s[0] : s[1]]) and _CUES.cause.search(text[s[0] : s[1]]))
    ]


def _role_at(ctx: AuditContext, offset: int) -> str:
    section = ctx.doc.section_at(offset)
    return section.role if section else "body"


def _anchor(ctx: AuditContext, role: str) -> Heading | None:
    found = ctx.doc.sections(role)
    return found[0] if found else None


def _deviations(ctx: AuditContext) -> list[Finding]:
    findings = []
    text = ctx.doc.text
    anchor = _anchor(ctx, "deviation")
    naming = _paragraphs_naming(ctx) if any(p.deviations for p in ctx.ref.projects) else {}
    cleaned: dict[tuple[int, int], _Paragraph] = {}  # a paragraph many projects share is read once
    for project in ctx.ref.projects:
        if not project.deviations:
            continue
        spans = _relevant(ctx, naming.get(project.index, []))
        read_in = text
        if len(ctx.ref.projects) == 1 and _received_without_outline(ctx):
            # a lone 自评表: its cells speak of its one project; the column labels (未完成原因和改进措施) explain nothing
            if ctx.forms and _CUES.form_labels.search(text) is None:
                continue  # the form's copy stops before its explanation cells: nothing to judge them by
            spans, read_in = [(0, len(text))], _CUES.form_labels.sub(lambda m: " " * len(m.group()), text)
        read = [cleaned.get(span) or cleaned.setdefault(span, _Paragraph.of(read_in, span)) for span in spans]
        paragraphs = [p.text for p in read]
        why = "；".join(project.deviations)
        joined = "\n".join(paragraphs)
        has_cause = any(p.cause for p in read)
        has_measure = any(p.measure for p in read)
        # Quoting the officer's own 偏差原因分析及改进措施 (or 偏差原因/改进措施) explains, whatever the wording.
        quoted = _quoted_texts(ctx, project.index + 1, joined)
        has_cause = has_cause or bool(quoted & {"cause", "notes"})
        has_measure = has_measure or bool(quoted & {"measure", "notes"})
        where = spans[-1] if spans else ((anchor.start, anchor.end) if anchor else (0, 0))
        quote = text[where[0] : where[1]].strip() or "（全文）"
        missing = [label for label, ok in (("偏差原因", has_cause), ("改进措施", has_measure)) if not ok]
        placeholders = [p for p in (CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER) if p in joined]
        if placeholders:
            findings.append(
                ctx.finding(
                    "UNEXPLAINED_DEVIATION",
                    f"「{project.name}」{why}，{'、'.join(p.strip('【】') for p in placeholders)}",
                    span=where,
                    quote=quote,
                    project=project.name,
                    expected="偏差原因和改进措施",
                    found="占位符",
                    verdict="missing",
                    severity="warning",
                )
            )
            continue
        if missing:
            findings.append(
                ctx.finding(
                    "UNEXPLAINED_DEVIATION",
                    f"「{project.name}」{why}，但文中{'未提及该项目' if not paragraphs else '未说明' + '和'.join(missing)}",
                    span=where,
                    quote=quote,
                    project=project.name,
                    expected="偏差原因和改进措施",
                    found="缺少" + "、".join(missing),
                    verdict="missing",
                    # a received bare 自评表 may explain in cells or papers the copy left out: a doubt, not a proof
                    severity="warning" if _received_without_outline(ctx) else None,
                )
            )
    return findings


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph with its cross-references ("原因见第五部分") removed, and whether it states a cause or a measure."""

    text: str
    cause: bool
    measure: bool

    @classmethod
    def of(cls, text: str, span: tuple[int, int]) -> _Paragraph:
        own = _CUES.cross_reference.sub("", text[span[0] : span[1]])
        return cls(
            own,
            bool(_CUES.cause.search(own.replace(CAUSE_PLACEHOLDER, ""))),
            bool(_CUES.measure.search(own.replace(MEASURE_PLACEHOLDER, ""))),
        )


def _quoted_texts(ctx: AuditContext, project: int, text: str) -> set[str]:
    """Which of the project's filed cause, measure and indicator-note texts ``text`` quotes verbatim."""
    filed = ctx.ref.filed.projects.get(project, {}) if ctx.ref.filed else {}
    found = set()
    for name in ("cause", "measure", "notes"):
        pieces = [piece for piece in filed.get(name, "").split("\n") if len(piece) >= 6]
        if any(piece in text for piece in pieces):
            found.add(name)
    return found


def _received_without_outline(ctx: AuditContext) -> bool:
    """A text received without case data that has no report outline at all (a data table, a copied 自评表)."""
    return ctx.ref.source != "data" and not any(
        h.level == 1 and h.role not in ("body", "attachment") for h in ctx.doc.headings
    )


def _form_states_goals(ctx: AuditContext) -> bool:
    """A text received without case data that carries its own 自评表 with indicator rows (年度指标值 beside 实际完成值)
    or a 总分 they add up to: the form is where such a short report accounts for each goal's completion; no
    analysis section is missing."""
    if ctx.ref.source == "data":
        return False
    if any(form.indicators or form.total is not None for form in ctx.forms):
        return True
    # rows of cells the form reader did not take ("产出指标-…数量 | ≥ | 86处 | 86处 | 15 | 15"): the goals are there
    return len(_CUES.indicator_row.findall(ctx.doc.text)) >= _FORM_ROWS


def _analysis(ctx: AuditContext) -> list[Finding]:
    sections = ctx.doc.sections("analysis")
    if not sections:
        if _received_without_outline(ctx):
            return []  # a received text with no report outline (a data table, a copied form): no section is missing
        if _form_states_goals(ctx):
            return []  # a short report whose 自评表 gives each indicator's target and completion
        return [
            ctx.finding(
                "MISSING_PROJECT_ANALYSIS",
                "报告没有“绩效目标完成情况分析”一节，各项目的目标完成情况未作分析",
                span=(0, 0),
                quote="（全文）",
                expected="绩效目标完成情况分析",
                verdict="missing",
            )
        ]
    findings = []
    for section in sections:
        end = next(
            (h.start for h in ctx.doc.headings if h.start > section.start and h.level == 1), ctx.doc.body_end
        )
        covered = {m.project for m in ctx.extractor.mentions_between(section.start, end)}
        body = ctx.doc.text[section.end : end].strip()
        if ctx.ref.source != "data" and len(ctx.ref.projects) == 1 and len(body) >= _SOME_ANALYSIS:
            # a received report of one project speaks of it without naming it ("全年执行1421.4万元，…")
            covered.add(ctx.ref.projects[0].index)
        for project in ctx.ref.projects:
            if project.index in covered:
                continue
            findings.append(
                ctx.finding(
                    "MISSING_PROJECT_ANALYSIS",
                    f"「{project.name}」未在“{section.text}”中分析（预算、执行、目标完成情况均未提及）",
                    span=(section.start, section.end),
                    quote=section.text,
                    project=project.name,
                    expected="逐项目分析",
                    found="未提及",
                    verdict="missing",
                )
            )
    return findings
