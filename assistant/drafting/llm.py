"""The LLM drafter: the template draft with its narrative sections rewritten by a model, each one checked.

``draft_llm``/``adraft_llm`` start from ``draft_template``; every narrative section (背景, 绩效目标, 目标完成情况,
偏离原因和改进措施…) that has facts to write about becomes a ``SectionJob`` (``assistant.drafting.conversation``:
ask, continue a cut-off answer, validate, re-ask) whose prompt comes from ``assistant.drafting.brief``. A
failing model (timeouts, rate limits, budget used up) never crashes a draft: that section keeps the template
text. Finally the assembled report is audited once more and any section that brings an error the template
draft does not have is reverted. The result, ``LLMDraft``, says which sections the model wrote
(``assistant.drafting.disclosure``). langchain is imported only inside ``assistant.llm.client`` functions.
"""

from __future__ import annotations

import asyncio
import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.drafting.conversation import SectionJob, arun_job, run_job
from assistant.drafting.disclosure import (
    SectionOutcome,
    disclosure,
    join_places,
    section_labels,
    section_places,
)
from assistant.drafting.outline import Outline, outline_for
from assistant.drafting.run import DraftRun, has_substance
from assistant.drafting.validate import findings_in, new_errors, run_audit, section_spans
from assistant.report import Report, Section
from assistant.scoring import UnitScore

if TYPE_CHECKING:
    from assistant.llm.client import ChatClient, TokenCallback
    from assistant.llm.settings import LLMSettings

_TEXT_LIMIT = 120
# Preparing a draft (template, baseline audit, prompts) is CPU work. Under the GIL, cases of a
# batch preparing side by side all finish late, so no request leaves until nearly every case is ready; one at
# a time, the first case's requests leave after one preparation and the rest prepare while they wait.
_PREPARING = threading.Lock()


@dataclass
class LLMDraft:
    """A drafted report plus what the model did: notes, model-written and fallen-back section ids."""

    report: Report
    notes: list[str]
    model_sections: list[str]
    fallback_sections: list[str]
    outcomes: dict[str, SectionOutcome] = field(default_factory=dict)
    retries: list[str] = field(default_factory=list)
    calls: int = 0
    disclosure: str = ""

    def markdown(self, with_disclosure: bool = True) -> str:
        """The report as Markdown, ending with the disclosure paragraph."""
        from assistant.render.markdown import render_markdown

        text = render_markdown(self.report)
        if with_disclosure and self.disclosure:
            text = text.rstrip("\n") + "\n\n" + self.disclosure + "\n"
        return text


def _jobs(run: DraftRun) -> tuple[list[SectionJob], list[str]]:
    """A job per narrative section with facts to write about; notes for the skipped ones."""
    jobs, notes = [], []
    for index, outline_section in enumerate(run.outline.sections):
        if outline_section.kind != "narrative":
            continue
        section = run.template.sections[index]
        if not has_substance(section):
            notes.append(f"{run.labels[index]}：无可供撰写的事实，保留模板文字（待补充标记）。")
            continue
        jobs.append(SectionJob(run, index, outline_section))
    return jobs, notes


# --- the entry points --------------------------------------------------------------------------------


def draft_llm(
    unit: UnitScore,
    outline: Outline | str | None = None,
    settings: LLMSettings | None = None,
    on_token: TokenCallback | None = None,
    *,
    chat_model: Any | None = None,
    client: ChatClient | None = None,
) -> LLMDraft:
    """Draft with the model (sections in parallel threads, ``settings.concurrency`` at a time).

    ``settings`` default to the environment (``JIXIAO_LLM_*``, ``.env``); ``chat_model`` replaces the
    endpoint with any langchain chat model (tests), ``client`` supplies a ready ``ChatClient``.
    """
    with _PREPARING:
        run, jobs, notes = _start(unit, outline, settings, on_token, chat_model, client)
    if jobs:
        with ThreadPoolExecutor(
            max_workers=run.settings.concurrency, thread_name_prefix="jixiao-llm"
        ) as pool:
            list(pool.map(run_job, jobs))
    return _finish(run, jobs, notes)


async def adraft_llm(
    unit: UnitScore,
    outline: Outline | str | None = None,
    settings: LLMSettings | None = None,
    on_token: TokenCallback | None = None,
    *,
    chat_model: Any | None = None,
    client: ChatClient | None = None,
) -> LLMDraft:
    """Draft with the model, sections requested concurrently (``settings.concurrency`` at a time)."""
    run, jobs, notes = _start(unit, outline, settings, on_token, chat_model, client)
    gate = asyncio.Semaphore(run.settings.concurrency)
    await asyncio.gather(*(arun_job(job, gate) for job in jobs))
    return _finish(run, jobs, notes)


def draft_one_section(
    unit: UnitScore,
    outline: Outline,
    index: int,
    settings: LLMSettings | None = None,
    on_token: TokenCallback | None = None,
    *,
    chat_model: Any | None = None,
) -> tuple[Section, str]:
    """Redraft section ``index`` alone (validated, re-asked, else the template text) and a note saying which.

    For the workspace's "redraft this section": the rest of the report is the template draft it is checked in.
    """
    run, _, _ = _start(unit, outline, settings, on_token, chat_model, None)
    outline_section = outline.sections[index]
    if outline_section.kind != "narrative":
        return run.template.sections[index], "该节不是叙述性章节，按模板生成。"
    job = SectionJob(run, index, outline_section)
    run_job(job)
    return run.chosen.get(index) or run.template.sections[index], job.outcome.note()


def _start(
    unit: UnitScore,
    outline: Outline | str | None,
    settings: LLMSettings | None,
    on_token: TokenCallback | None,
    chat_model: Any | None,
    client: ChatClient | None,
) -> tuple[DraftRun, list[SectionJob], list[str]]:
    from assistant.llm.client import ChatClient
    from assistant.llm.settings import load_llm_settings, use_llm

    settings = settings or (client.settings if client is not None else load_llm_settings())
    if chat_model is None and client is None:
        use_llm("on", settings)  # an unconfigured endpoint is the user's error, said in Chinese
    if not isinstance(outline, Outline):
        outline = outline_for(unit.case.outline, outline)
    client = client or ChatClient(settings, chat_model=chat_model)
    run = DraftRun(unit, outline, settings, client, on_token)
    jobs, notes = _jobs(run)
    return run, jobs, notes


def _finish(run: DraftRun, jobs: list[SectionJob], skipped: list[str]) -> LLMDraft:
    report = copy.copy(run.template)
    report.sections = list(run.template.sections)
    for index, section in run.chosen.items():
        report.sections[index] = section
    reverted = _final_audit(run, report, jobs)
    outcomes = {job.section.id: job.outcome for job in jobs}
    notes = [job.outcome.note() for job in jobs] + skipped + reverted
    if run.audit_failure:
        notes.append(
            f"数字审核未能运行（{run.audit_failure[:_TEXT_LIMIT]}），模型文字只做了占位符和数字校验。"
        )
    retries = [run.redact(line) for line in run.client.report.lines()]
    notes += retries
    places = section_places(run.template)
    return LLMDraft(
        report=report,
        notes=[run.redact(note) for note in notes],
        model_sections=[job.section.id for job in jobs if job.outcome.source == "llm"],
        fallback_sections=[job.section.id for job in jobs if job.outcome.source != "llm"],
        outcomes=outcomes,
        retries=retries,
        calls=run.client.budget.used,
        disclosure=run.redact(disclosure(places, [(job.index, job.outcome) for job in jobs])),
    )


def _final_audit(run: DraftRun, report: Report, jobs: list[SectionJob]) -> list[str]:
    """Revert model sections that bring audit errors the template draft lacks (checked on the whole report)."""
    from assistant.render.markdown import render_markdown

    if run.template_findings is None:
        return []
    by_index = {job.index: job for job in jobs}
    notes = []
    for _ in range(len(jobs) + 1):
        model_indexes = [i for i, s in enumerate(report.sections) if s.source == "llm"]
        if not model_indexes:
            break
        markdown = render_markdown(report)
        findings, failure = run_audit(markdown, run.unit)
        if findings is None:
            run.audit_failure = failure
            break
        extra = new_errors(findings, run.template_findings)
        if not extra:
            break
        spans = section_spans(markdown)
        blamed = {i for i in model_indexes if i < len(spans) and findings_in(extra, spans[i])}
        if not blamed:  # the new error sits outside the model's sections: blame them all
            blamed = set(model_indexes)
        for i in sorted(blamed):
            report.sections[i] = run.template.sections[i]
            job = by_index.get(i)
            if job is not None:
                job.give_up("合并全文后数字审核发现新的错误", "合并全文后数字审核发现新的错误")
            notes.append(f"{run.labels[i]}：合并全文后审核发现新的错误，已改用模板。")
    return notes


__all__ = [
    "LLMDraft",
    "SectionOutcome",
    "adraft_llm",
    "disclosure",
    "draft_llm",
    "draft_one_section",
    "join_places",
    "section_labels",
    "section_places",
]
