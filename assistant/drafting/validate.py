"""Checking a model-written section before it replaces the template's; every problem is found in one pass.

``SectionValidator.check`` parses the reply tolerantly (``assistant.drafting.answer``), checks its figures
through their slots (``assistant.drafting.slots``: right project, right 口径, literals quoted from filed text
or turned into slots), fills the slots, then checks structure (empty, not Chinese, headings, length, a cut-off
answer, a project the template names but the answer omits, a dropped 【待补充】 marker) and runs the audit on
the report with the section in place: errors the template draft does not have, and UNSUPPORTED_STATEMENT
findings (a cause, measure, outcome or goal the facts do not hold) are refusals for model text. The result is
a ``Candidate`` whose ``issues`` all go back to the model at once, each saying what to write instead.
No model and no langchain here; the conversation lives in ``assistant.drafting.conversation``.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.audit.names import NameIndex
from assistant.drafting.answer import clean_answer, is_heading_like, normalise_slots
from assistant.drafting.goal_slots import is_goals_section, results_in_goals
from assistant.drafting.issues import Issue, reasons
from assistant.drafting.slots import FigureReview
from assistant.facts import SLOT, FactSheet
from assistant.placeholders import ANY_PLACEHOLDER, CAUSE_PLACEHOLDER, GOAL, MEASURE_PLACEHOLDER, topic_of
from assistant.report import Report, Section
from assistant.scoring import UnitScore

# Audit findings a model's text may not have even as warnings: statements the data does not hold.
REFUSED = ("UNSUPPORTED_STATEMENT", "CLAIM_MISMATCH")
# Dropped markers whose place an invention would take (and any goal marker): refused, never put back.
_REFUSED_MARKS = (CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER)
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MIN_CHARS = 10
CJK_MIN_RATIO = 0.3
_AUDIT_SHOWN = 8

__all__ = [
    "Candidate",
    "Issue",
    "SectionValidator",
    "clean_answer",
    "findings_in",
    "new_errors",
    "reasons",
    "run_audit",
    "section_spans",
]


# --- project mentions ---------------------------------------------------------------------------------


class ProjectMentions:
    """Where a text names each project (1-based numbers), in any quote style, full name or short form."""

    def __init__(self, facts: FactSheet) -> None:
        self.numbers = [ps.index for ps in facts.unit.projects]
        self.names = {ps.index: ps.project.name for ps in facts.unit.projects}
        self.index = NameIndex([ps.project.name for ps in facts.unit.projects])

    def find(self, text: str) -> list[tuple[int, int]]:
        """(position, project number) of every mention."""
        return [(m.start, self.numbers[m.project]) for m in self.index.find(text)]

    def segments(self, text: str) -> dict[int, str]:
        """For each project, the text from each of its mentions up to the next other project's mention."""
        spots = self.find(text)
        out: dict[int, list[str]] = {}
        for n, (start, number) in enumerate(spots):
            end = next((at for at, other in spots[n + 1 :] if other != number), len(text))
            out.setdefault(number, []).append(text[start:end])
        return {number: "".join(parts) for number, parts in out.items()}


# --- audit helpers ------------------------------------------------------------------------------------


def error_key(finding: Any) -> tuple[Any, ...]:
    """What makes an audit error the same error in two drafts (the quote differs when the prose does)."""
    return (finding.code, finding.project, finding.expected, finding.found)


def new_errors(findings: Sequence[Any], baseline: Sequence[Any], codes: Iterable[str] = ()) -> list[Any]:
    """Error findings (and findings of ``codes`` at any severity) beyond those the baseline (the template
    draft) also has, counted per ``error_key``."""
    codes = set(codes)

    def counted(finding: Any) -> bool:
        return finding.severity == "error" or finding.code in codes

    budget = Counter(error_key(f) for f in baseline if counted(f))
    extra = []
    for finding in findings:
        if not counted(finding):
            continue
        key = error_key(finding)
        if budget[key] > 0:
            budget[key] -= 1
        else:
            extra.append(finding)
    return extra


def section_spans(markdown: str) -> list[tuple[int, int]]:
    """Character span of each section's body in ``render_markdown`` output, in report order.

    Headings are exactly the lines starting with ``#`` (the renderer escapes such paragraph starts); the
    first is the title.
    """
    starts = [m.start() for m in re.finditer(r"(?m)^#{1,6} ", markdown)]
    spans = []
    for n, start in enumerate(starts[1:], 1):
        body = markdown.find("\n", start)
        body = len(markdown) if body < 0 else body + 1
        end = starts[n + 1] if n + 1 < len(starts) else len(markdown)
        spans.append((body, end))
    return spans


def findings_in(findings: Iterable[Any], span: tuple[int, int]) -> list[Any]:
    return [f for f in findings if f.span is not None and span[0] <= f.span[0] < span[1]]


def run_audit(markdown: str, unit: UnitScore) -> tuple[list[Any] | None, str | None]:
    """The audit's findings, or ``None`` and the reason when the audit is unavailable or fails."""
    try:
        from assistant.audit import audit_text

        return list(audit_text(markdown, unit).findings), None
    except Exception as exc:  # the audit is optional for drafting: never let it crash a draft
        return None, f"{type(exc).__name__}: {exc}"


# --- the validator ------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A checked answer: filled paragraphs, the slot text they came from, and its issues."""

    paragraphs: list[str]
    raw: list[str]
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.paragraphs)


class SectionValidator:
    """Validates answers for one section of a template report (``index`` into ``report.sections``)."""

    def __init__(
        self,
        unit: UnitScore,
        facts: FactSheet,
        report: Report,
        index: int,
        baseline: list[Any] | None,
        audit_enabled: bool = True,
    ) -> None:
        self.unit = unit
        self.facts = facts
        self.report = report
        self.index = index
        self.template = report.sections[index]
        self.baseline = baseline
        self.audit_enabled = audit_enabled and baseline is not None
        self.audit_failure: str | None = None
        self.mentions = ProjectMentions(facts)
        self.figures = FigureReview(facts)
        self.template_text = "\n".join(self.template.paragraphs)
        self.required = sorted({number for _, number in self.mentions.find(self.template_text)})
        self.markers = list(dict.fromkeys(ANY_PLACEHOLDER.findall(self.template_text)))
        # The markers the template writes in each project's part (the prompt asks to keep them there); a
        # cause or measure marker must stay in that project's part of the answer.
        self.segment_marks = {
            number: list(dict.fromkeys(ANY_PLACEHOLDER.findall(segment)))
            for number, segment in self.mentions.segments(self.template_text).items()
        }
        self.project_marks = {
            number: [mark for mark in marks if mark in (CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER)]
            for number, marks in self.segment_marks.items()
        }
        # The projects the template gives a goal marker: each must be named in a paragraph of the answer that
        # keeps one (any label of the topic: one marker after the ten names it asks for is kept too).
        self.goal_marks = {
            number: mark
            for number, marks in self.segment_marks.items()
            for mark in marks
            if topic_of(mark) == GOAL
        }

    def label(self, number: int) -> str:
        return "{{" + f"p{number}.label" + "}}"

    def check(self, answer: str | None, cut_off: bool = False) -> Candidate:
        raw = [normalise_slots(p, self.facts) for p in clean_answer(answer, self.template.heading)]
        if not "".join(raw).strip():
            return Candidate([], raw, [Issue("empty", "回复为空。请输出本节正文。")])
        issues = self._form(raw)
        figures = self.figures.review(raw)
        issues += figures.issues
        if is_goals_section(self.template.id, self.template.heading):
            issues += results_in_goals(raw)  # the slots the model wrote, not those its literals became
        raw = figures.paragraphs
        restored = self._restorable(raw)
        if restored:  # a reminder the answer left out: put back, not a reason to ask again
            raw = [*raw, "".join(restored)]
        filled = [self._fill(p) for p in raw]
        issues += self._structure(filled, cut_off)
        issues += self._audit(filled, figures.flagged, self._with_unknown_slots(raw))
        return Candidate(filled, raw, list(dict.fromkeys(issues)))

    def _fill(self, paragraph: str) -> str:
        """Fill the slots, leaving the 【待补充】/【待核实】 marks the answer kept as they were: a mark is the
        template's own text (a hint may quote project names), never something to fill."""
        parts, at = [], 0
        for match in ANY_PLACEHOLDER.finditer(paragraph):
            parts += [SLOT.sub(self._value, paragraph[at : match.start()]), match.group()]
            at = match.end()
        return "".join([*parts, SLOT.sub(self._value, paragraph[at:])])

    def section_from(self, paragraphs: list[str]) -> Section:
        section = copy.copy(self.template)
        section.paragraphs = list(paragraphs)
        section.source = "llm"
        return section

    def _value(self, match: re.Match[str]) -> str:
        """A slot's display string; an unknown key (already reported) is left out of the text."""
        return self.facts.get(match.group(1)) or ""

    # --- individual checks ---

    def _form(self, raw: list[str]) -> list[Issue]:
        issues = []
        bare = SLOT.sub("", "\n".join(raw))
        letters = [c for c in bare if not c.isspace() and not re.match(r"[\W_]", c)]
        cjk = sum(1 for c in letters if _CJK_CHAR.match(c))
        if letters and cjk / len(letters) < CJK_MIN_RATIO:
            issues.append(Issue("language", "回复不是中文。请用规范的中文公文语体撰写本节正文。"))
        headings = [line for line in raw if is_heading_like(line)]
        if headings:
            shown = "、".join("「" + h + "」" for h in headings[:3])
            issues.append(Issue("heading", f"正文中不要写标题或小标题，请删去：{shown}。"))
        return issues

    def _restorable(self, paragraphs: list[str]) -> list[str]:
        """Markers of the template the answer dropped that stand for no statement a model could invent in their
        place (【待补充：实际完成情况（…）】, 【待核实：…】 hints): the drafter puts them back at the section's end.
        A dropped cause, measure or goal marker is refused instead (its place is where inventions go)."""
        text = "\n".join(paragraphs)
        kept = {m for marks in self.project_marks.values() for m in marks}
        return [
            mark
            for mark in self.markers
            if mark not in text and mark not in kept and mark not in _REFUSED_MARKS and topic_of(mark) != GOAL
        ]

    def _structure(self, filled: list[str], cut_off: bool) -> list[Issue]:
        issues = []
        text = "\n".join(filled)
        longest = max(4 * len(self.template_text), 3000)
        if cut_off:
            issues.append(
                Issue(
                    "cut_off", f"回答超出长度上限被截断，请精简：逐项写清要点，控制在 {longest // 2} 字以内。"
                )
            )
        if len(text) < MIN_CHARS:
            issues.append(Issue("length", "正文过短，请完整撰写本节内容。"))
        elif len(text) > longest:
            issues.append(Issue("length", f"正文过长（{len(text)} 字），请精简到 {longest} 字以内。"))
        said = {number for _, number in self.mentions.find(text)}
        missing = [n for n in self.required if n not in said]
        if missing:
            listed = "、".join(f"{self.mentions.names[n]}（{self.label(n)}）" for n in missing)
            issues.append(Issue("coverage", f"遗漏了以下项目，请逐个写到并写出项目全称：{listed}。"))
        own = self.mentions.segments(text)
        named: set[str] = set()
        for number, marks in self.project_marks.items():
            for mark in marks:
                if mark not in own.get(number, ""):
                    named.add(mark)
                    issues.append(
                        Issue(
                            "marker",
                            f"{self.mentions.names[number]}：在写该项目（{self.label(number)}）的文字中原样写{mark}，"
                            f"不得删除，也不得自行补写{mark[5:-1]}。",
                        )
                    )
        for number, mark in self.goal_marks.items():
            if not any(
                topic_of(kept) == GOAL
                for paragraph in filled
                if number in {n for _, n in self.mentions.find(paragraph)}
                for kept in ANY_PLACEHOLDER.findall(paragraph)
            ):
                named.add(mark)
                issues.append(
                    Issue(
                        "marker",
                        f"{self.mentions.names[number]}：未填报年度总体目标，在写该项目（{self.label(number)}）的"
                        f"句子中原样写{mark}，不得删除，也不得自行编写目标。",
                    )
                )
        for mark in self.markers:
            if mark not in text and mark not in named and topic_of(mark) != GOAL:
                issues.append(Issue("marker", f"必须原样保留标记{mark}，不得删除或自行补写内容。"))
        return issues

    def _with_unknown_slots(self, raw: list[str]) -> list[str]:
        """The sentences, filled, whose raw text has an unknown slot (rendered as nothing: reported already)."""
        sentences = [s for paragraph in raw for s in re.split(r"(?<=[。；;])", paragraph) if s.strip()]
        return [
            self._fill(s).strip()
            for s in sentences
            if any(m.group(1) not in self.facts for m in SLOT.finditer(s))
        ]

    def _audit(self, filled: list[str], flagged: set[str], gapped: list[str] | None = None) -> list[Issue]:
        """Audit the report with this section in place: new errors and refused statements, except those
        about a figure the slot check has already reported, or in a sentence with an unknown slot, which the
        unknown-slot issue reports (one problem, one message)."""
        if not self.audit_enabled or self.baseline is None:
            return []
        from assistant.render.markdown import render_markdown

        trial = copy.copy(self.report)
        trial.sections = list(self.report.sections)
        trial.sections[self.index] = self.section_from(filled)
        markdown = render_markdown(trial)
        findings, failure = run_audit(markdown, self.unit)
        if findings is None:
            self.audit_failure = failure
            return []
        spans = section_spans(markdown)
        if self.index >= len(spans):
            return []
        issues = []
        for f in new_errors(findings_in(findings, spans[self.index]), self.baseline, REFUSED):
            if f.quote and any(g and (g in f.quote or f.quote in g) for g in gapped or []):
                continue
            if f.code in REFUSED:
                issues.append(Issue("unsupported", f"“{f.quote}”：{f.message}。"))
            elif not any((f.found or "").startswith(value) for value in flagged):
                issues.append(Issue("audit", f"数字审核发现错误：{f.message}（原文：“{f.quote}”）。"))
        return issues[:_AUDIT_SHOWN]
