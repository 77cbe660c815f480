"""The template drafter: deterministic 公文 prose for every outline section, no model needed (the default).

Every sentence is a template with ``{{slots}}`` filled from the fact sheet, so each number is true by
construction; officer texts (目标, 完成情况, 偏差原因, 改进措施) are quoted through text facts, and nothing is
invented: a missing fact becomes a visible 【待补充：…】 marker naming it (``【待补充：偏差原因】``,
``【待补充：改进措施】`` …), and what the data only suggests becomes a 【待核实：…】 marker.

Here: which template writes which outline topic, and the assembly of a whole report (title, sections, 附件说明
and 落款). The sentence writer is ``template_writer``; the sections are in ``template_basics`` (一 to 三) and
``template_analysis`` (四) and ``template_closing`` (项目管理情况, 五 to 七); the attached tables in ``template_tables``.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.drafting import template_analysis as analysis
from assistant.drafting import template_basics as basics
from assistant.drafting import template_closing as closing
from assistant.drafting import template_tables as tables
from assistant.drafting.outline import Outline, OutlineSection, outline_for
from assistant.drafting.passages import Passages
from assistant.drafting.template_deviations import NO_DEVIATION_REST
from assistant.drafting.template_writer import Writer
from assistant.facts import FactSheet, build_facts
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER, placeholder
from assistant.report import Report, Section, Table
from assistant.scoring import UnitScore

__all__ = [
    "CAUSE_PLACEHOLDER",
    "MEASURE_PLACEHOLDER",
    "NO_DEVIATION_REST",
    "TABLES",
    "WRITERS",
    "draft_section",
    "draft_template",
]

WRITERS: dict[str, Callable[[Writer, OutlineSection], list[str]]] = {
    "background": basics.background,
    "goals": basics.goals,
    "funds": basics.funds,
    "funds_sources": basics.funds_sources,
    "funds_use": basics.funds_use,
    "organisation": basics.organisation,
    "indicator_system": basics.indicator_system,
    "method": basics.method,
    "scope": basics.scope,
    "conclusion": basics.conclusion,
    "completion": analysis.completion,
    "indicators": analysis.indicators,
    "execution_analysis": analysis.execution_analysis,
    "management_implementation": closing.management_implementation,
    "management_funds": closing.management_funds,
    "management_rules": closing.management_rules,
    "management_procurement": closing.management_procurement,
    "problems": closing.problems,
    "deviations": closing.deviations,
    "experience": closing.experience,
    "suggestions": closing.suggestions,
    "application": closing.application,
    "other": closing.other,
}
TABLES: dict[str, Callable[[Writer, OutlineSection], list[Table]]] = {
    "score_table": tables.score_table,
    "self_eval_table": tables.self_eval_table,
}


def draft_section(
    unit: UnitScore,
    section: OutlineSection,
    facts: FactSheet | None = None,
    passages: Passages | None = None,
) -> Section:
    """Draft one outline section (heading unnumbered) with the templates; the LLM drafter's fallback.
    ``passages``: what the report says before this section (its paragraphs are then committed to it)."""
    w = Writer(unit, facts or build_facts(unit), passages)
    paragraphs: list[str] = []
    drafted_tables: list[Table] = []
    if section.kind == "fixed":
        paragraphs = [w.fill(text) for text in section.text]
    elif section.kind == "table":
        assert section.template is not None  # guaranteed by OutlineSection validation
        drafted_tables = TABLES[section.template](w, section)
    else:
        assert section.template is not None
        paragraphs = WRITERS[section.template](w, section)
    for text in paragraphs:
        w.passages.commit(text)
    return Section(
        id=section.id,
        heading=section.heading,
        level=section.level,
        kind=section.kind,
        paragraphs=paragraphs,
        tables=drafted_tables,
        source="template",
        page_break=section.page_break,
    )


def draft_template(unit: UnitScore, outline: Outline | str | None = None) -> Report:
    """Draft the whole report deterministically, under ``outline`` (else the case's 报告提纲, else default)."""
    if not isinstance(outline, Outline):
        outline = outline_for(unit.case.outline, outline)
    facts = build_facts(unit)
    title = outline.title_single if outline.title_single and len(unit.projects) == 1 else outline.title
    passages = Passages(ps.project.name for ps in unit.projects)
    passages.commit(facts.fill(title))
    sections = []
    for heading, section in zip(outline.numbered_headings(), outline.sections, strict=True):
        passages.commit(heading)
        drafted = draft_section(unit, section, facts, passages)
        drafted.heading = heading
        sections.append(drafted)
    return Report(
        title=facts.fill(title),
        sections=sections,
        outline=outline.id,
        annex_note=annex_note(outline),
        signature=[_signed(facts, facts.fill(line)) for line in outline.signature],
    )


def _signed(facts: FactSheet, line: str) -> str:
    """The 落款 date the officer gave in place of the outline's 【待补充：成文日期】."""
    date = facts.get("unit.signed_on")
    return line.replace(placeholder("成文日期"), date) if date else line


def annex_note(outline: Outline) -> list[str]:
    """附件说明: "附件：1.汇总表" and the further annexes numbered below it, from the table sections' captions."""
    captions = [s.caption for s in outline.sections if s.kind == "table" and s.caption]
    if not captions:
        return []
    if len(captions) == 1:
        return [f"附件：{captions[0]}"]
    return [f"附件：1.{captions[0]}", *(f"{n}.{caption}" for n, caption in enumerate(captions[1:], 2))]
