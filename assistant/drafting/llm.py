"""The LLM drafter: the template draft with its narrative sections rewritten by a model, each one checked.

``draft_llm``/``adraft_llm`` start from ``draft_template``; every narrative section (背景, 绩效目标, 目标完成情况,
偏离原因和改进措施…) that has facts to write about is asked of the model with ``prompts/section.j2``, parsed
tolerantly and validated (``assistant.drafting.validate``). Problems go back to the model through
``prompts/reask.j2`` (at most ``max_reasks`` times); then the section keeps the template text. A failing model
(timeouts, rate limits, budget used up) never crashes a draft: that section keeps the template text too.
Finally the assembled report is audited once more and any section that brings an error the template draft
does not have is reverted. The result, ``LLMDraft``, says which sections the model wrote (``disclosure``).

langchain is imported only inside ``assistant.llm.client`` functions, reached from here lazily.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.drafting.outline import Outline, OutlineSection, outline_for
from assistant.drafting.template import draft_template
from assistant.drafting.validate import (
    Candidate,
    Issue,
    SectionValidator,
    findings_in,
    new_errors,
    project_names,
    reasons,
    run_audit,
    section_spans,
    segments,
)
from assistant.facts import FactSheet, build_facts, count_cn
from assistant.placeholders import ANY_PLACEHOLDER, CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.report import Report, Section
from assistant.scoring import ProjectScore, UnitScore

if TYPE_CHECKING:
    from assistant.llm.client import ChatClient, Message
    from assistant.llm.settings import LLMSettings

TokenCallback = Callable[[str, str], None]
_TEXT_LIMIT = 120
# Preparing a draft (template, baseline audit, prompts) is CPU work. Under the GIL, cases of a
# batch preparing side by side all finish late, so no request leaves until nearly every case is ready; one at
# a time, the first case's requests leave after one preparation and the rest prepare while they wait.
_PREPARING = threading.Lock()
_FAILURE_BRIEF = {
    "timeout": "模型请求超时",
    "rate_limit": "模型接口限流",
    "server": "模型服务端出错",
    "connection": "模型连接中断",
    "malformed": "模型返回内容无法解析",
    "budget": "模型调用次数已用完",
    "time_budget": "模型调用总时限已到",
    "truncated": "模型回答被截断",
    "status": "模型接口拒绝请求",
}
_SECRET_ISSUE = "回复中出现了不应出现的内容（接口密钥），请只输出本节正文。"


@dataclass
class SectionOutcome:
    """What happened to one narrative section: who wrote it, in how many answers, and why it fell back."""

    section_id: str
    label: str
    source: str = "template"
    answers: int = 0
    issues: list[list[Issue]] = field(default_factory=list)
    reason: str | None = None
    brief: str | None = None  # the reason as the disclosure states it (no digits)

    def note(self) -> str:
        if self.source == "llm":
            tail = (
                "" if self.answers <= 1 else f"（此前 {self.answers - 1} 次回答未通过校验：{self._seen()}）"
            )
            return f"{self.label}：由模型起草，第 {self.answers} 次回答通过校验{tail}。"
        return f"{self.label}：{self.reason or '未采用模型输出'}，改用模板。"

    def _seen(self) -> str:
        return reasons(issue for round_ in self.issues for issue in round_)


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


# --- the shared per-section job ----------------------------------------------------------------------


class _Job:
    """Prompts and checks for one narrative section; the sync and async loops drive it the same way."""

    def __init__(self, ctx: _Context, index: int, outline_section: OutlineSection) -> None:
        self.ctx = ctx
        self.index = index
        self.outline_section = outline_section
        self.section = ctx.template.sections[index]
        self.outcome = SectionOutcome(self.section.id, ctx.labels[index])
        self._user_prompt: str | None = None
        self.validator = SectionValidator(
            ctx.unit, ctx.facts, ctx.template, index, ctx.baseline_for(index), ctx.audit_ok
        )

    def first_messages(self) -> list[Message]:
        return [("system", self.ctx.system_prompt), ("user", self.user_prompt())]

    def user_prompt(self) -> str:
        if self._user_prompt is None:
            self._user_prompt = self._render_user_prompt()
        return self._user_prompt

    def _render_user_prompt(self) -> str:
        from assistant.llm.prompts import render_prompt

        brief = _Brief(self.ctx, self.section, self.outline_section, self.validator)
        return render_prompt(
            "section.j2",
            heading=self.section.heading,
            guidance=self.outline_section.guidance or "",
            must_cover=brief.must_cover(),
            keep=self.validator.markers,
            slots=brief.slots(),
            facts_json=json.dumps(brief.facts_json(), ensure_ascii=False, separators=(",", ":")),
            min_chars=max(100, min(len(self.validator.template_text) // 2, 800)),
        )

    def reask_messages(self, answer: str, issues: list[Issue]) -> list[Message]:
        from assistant.llm.prompts import render_prompt

        reask = render_prompt(
            "reask.j2",
            heading=self.section.heading,
            answer=_clip(answer.strip()) or "（空）",
            problems=[issue.message for issue in issues],
        )
        return [("system", self.ctx.system_prompt), ("user", self.user_prompt()), ("user", reask)]

    def judge(self, answer: str) -> Candidate:
        self.outcome.answers += 1
        secret = self.ctx.settings.secret()
        if secret and len(secret) >= 4 and secret in (answer or ""):  # an echoing server: never keep it
            candidate = Candidate([], [], [Issue("secret", _SECRET_ISSUE)])
            self.outcome.issues.append(candidate.issues)
            return candidate
        candidate = self.validator.check(answer)
        if self.validator.audit_failure:
            self.ctx.audit_failure = self.validator.audit_failure
        if not candidate.ok:
            self.outcome.issues.append(candidate.issues)
        return candidate

    def accept(self, candidate: Candidate) -> None:
        self.ctx.chosen[self.index] = self.validator.section_from(candidate.paragraphs)
        self.outcome.source = "llm"

    def give_up(self, reason: str, brief: str) -> None:
        self.outcome.source = "template"
        self.outcome.reason = reason
        self.outcome.brief = brief

    def exhausted(self) -> None:
        last = reasons(self.outcome.issues[-1] if self.outcome.issues else [])
        answers = self.outcome.answers
        self.give_up(
            f"模型 {answers} 次回答均未通过校验（{last}）",
            f"模型{count_cn(answers)}次回答均未通过校验（{last}）",
        )

    def failed(self, exc: BaseException) -> None:
        message = self.ctx.redact(str(exc)) or type(exc).__name__
        kind = getattr(exc, "kind", "error")
        self.give_up(f"模型调用失败（{message}）", _FAILURE_BRIEF.get(kind, "模型调用失败"))


def _clip(text: str, limit: int = 6000) -> str:
    return text if len(text) <= limit else text[:limit] + "……（以下略）"


class _Context:
    """Everything shared by the jobs of one run."""

    def __init__(
        self,
        unit: UnitScore,
        outline: Outline,
        settings: LLMSettings,
        client: ChatClient,
        on_token: TokenCallback | None,
    ) -> None:
        from assistant.render.markdown import render_markdown

        self.unit = unit
        self.outline = outline
        self.settings = settings
        self.client = client
        self.on_token = on_token
        self.facts = build_facts(unit)
        self.template = draft_template(unit, outline)
        self.labels = section_labels(self.template)
        self.template_markdown = render_markdown(self.template)
        self.template_findings, self.audit_failure = run_audit(self.template_markdown, unit)
        self.audit_ok = self.template_findings is not None
        self.spans = section_spans(self.template_markdown)
        self.chosen: dict[int, Section] = {}
        self._system_prompt: str | None = None

    @property
    def system_prompt(self) -> str:
        from assistant.llm.prompts import render_prompt

        if self._system_prompt is None:
            self._system_prompt = render_prompt(
                "system.j2",
                unit_name=self.facts["unit.name"],
                year=self.facts["unit.year"],
                cause_placeholder=CAUSE_PLACEHOLDER,
                measure_placeholder=MEASURE_PLACEHOLDER,
            )
        return self._system_prompt

    def redact(self, text: str) -> str:
        return self.settings.redact(text)

    def baseline_for(self, index: int) -> list[Any] | None:
        if self.template_findings is None or index >= len(self.spans):
            return None
        return findings_in(self.template_findings, self.spans[index])

    def jobs(self) -> tuple[list[_Job], list[str]]:
        """A job per narrative section with facts to write about; notes for the skipped ones."""
        jobs, notes = [], []
        for index, outline_section in enumerate(self.outline.sections):
            if outline_section.kind != "narrative":
                continue
            section = self.template.sections[index]
            if not _has_substance(section):
                notes.append(f"{self.labels[index]}：无可供撰写的事实，保留模板文字（待补充标记）。")
                continue
            jobs.append(_Job(self, index, outline_section))
        return jobs, notes

    def reset_stream(self, job: _Job) -> None:
        if self.on_token is not None:
            self.on_token(job.section.id, "")


def _has_substance(section: Section) -> bool:
    """False when the template section is only 【待补充】 markers (nothing true to write about)."""
    rest = ANY_PLACEHOLDER.sub("", "".join(section.paragraphs))
    return bool(rest.strip("，。；：、 \n"))


# --- the loops ---------------------------------------------------------------------------------------


def _run_job(job: _Job) -> None:
    ctx = job.ctx
    try:
        messages = job.first_messages()
        for round_ in range(ctx.settings.max_reasks + 1):
            if round_:
                ctx.reset_stream(job)
            answer = ctx.client.complete(
                messages, label=job.outcome.label, stream_id=job.section.id, on_token=ctx.on_token
            )
            candidate = job.judge(answer)
            if candidate.ok:
                job.accept(candidate)
                return
            messages = job.reask_messages(ctx.redact(answer), candidate.issues)
        job.exhausted()
    except Exception as exc:  # any failure of the model path: the template text stays
        job.failed(exc)


async def _arun_job(job: _Job, gate: asyncio.Semaphore) -> None:
    ctx = job.ctx
    async with gate:
        try:
            messages = job.first_messages()
            for round_ in range(ctx.settings.max_reasks + 1):
                if round_:
                    ctx.reset_stream(job)
                answer = await ctx.client.acomplete(
                    messages, label=job.outcome.label, stream_id=job.section.id, on_token=ctx.on_token
                )
                candidate = await asyncio.to_thread(job.judge, answer)
                if candidate.ok:
                    job.accept(candidate)
                    return
                messages = job.reask_messages(ctx.redact(answer), candidate.issues)
            job.exhausted()
        except Exception as exc:
            job.failed(exc)


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
        ctx, jobs, notes = _start(unit, outline, settings, on_token, chat_model, client)
    if jobs:
        with ThreadPoolExecutor(
            max_workers=ctx.settings.concurrency, thread_name_prefix="jixiao-llm"
        ) as pool:
            list(pool.map(_run_job, jobs))
    return _finish(ctx, jobs, notes)


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
    ctx, _, _ = _start(unit, outline, settings, on_token, chat_model, None)
    outline_section = outline.sections[index]
    if outline_section.kind != "narrative":
        return ctx.template.sections[index], "该节不是叙述性章节，按模板生成。"
    job = _Job(ctx, index, outline_section)
    _run_job(job)
    return ctx.chosen.get(index) or ctx.template.sections[index], job.outcome.note()


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
    ctx, jobs, notes = _start(unit, outline, settings, on_token, chat_model, client)
    gate = asyncio.Semaphore(ctx.settings.concurrency)
    await asyncio.gather(*(_arun_job(job, gate) for job in jobs))
    return _finish(ctx, jobs, notes)


def _start(
    unit: UnitScore,
    outline: Outline | str | None,
    settings: LLMSettings | None,
    on_token: TokenCallback | None,
    chat_model: Any | None,
    client: ChatClient | None,
) -> tuple[_Context, list[_Job], list[str]]:
    from assistant.llm.client import ChatClient
    from assistant.llm.settings import load_llm_settings, use_llm

    settings = settings or (client.settings if client is not None else load_llm_settings())
    if chat_model is None and client is None:
        use_llm("on", settings)  # an unconfigured endpoint is the user's error, said in Chinese
    if not isinstance(outline, Outline):
        outline = outline_for(unit.case.outline, outline)
    client = client or ChatClient(settings, chat_model=chat_model)
    ctx = _Context(unit, outline, settings, client, on_token)
    jobs, notes = ctx.jobs()
    return ctx, jobs, notes


def _finish(ctx: _Context, jobs: list[_Job], skipped: list[str]) -> LLMDraft:
    report = copy.copy(ctx.template)
    report.sections = list(ctx.template.sections)
    for index, section in ctx.chosen.items():
        report.sections[index] = section
    reverted = _final_audit(ctx, report, jobs)
    outcomes = {job.section.id: job.outcome for job in jobs}
    notes = [job.outcome.note() for job in jobs] + skipped + reverted
    if ctx.audit_failure:
        notes.append(
            f"数字审核未能运行（{ctx.audit_failure[:_TEXT_LIMIT]}），模型文字只做了占位符和数字校验。"
        )
    retries = [ctx.redact(line) for line in ctx.client.report.lines()]
    notes += retries
    model = [job.section.id for job in jobs if job.outcome.source == "llm"]
    fallback = [job.section.id for job in jobs if job.outcome.source != "llm"]
    return LLMDraft(
        report=report,
        notes=[ctx.redact(note) for note in notes],
        model_sections=model,
        fallback_sections=fallback,
        outcomes=outcomes,
        retries=retries,
        calls=ctx.client.budget.used,
        disclosure=ctx.redact(disclosure(section_places(ctx.template), jobs)),
    )


def _final_audit(ctx: _Context, report: Report, jobs: list[_Job]) -> list[str]:
    """Revert model sections that bring audit errors the template draft lacks (checked on the whole report)."""
    from assistant.render.markdown import render_markdown

    if ctx.template_findings is None:
        return []
    by_index = {job.index: job for job in jobs}
    notes = []
    for _ in range(len(jobs) + 1):
        model_indexes = [i for i, s in enumerate(report.sections) if s.source == "llm"]
        if not model_indexes:
            break
        markdown = render_markdown(report)
        findings, failure = run_audit(markdown, ctx.unit)
        if findings is None:
            ctx.audit_failure = failure
            break
        extra = new_errors(findings, ctx.template_findings)
        if not extra:
            break
        spans = section_spans(markdown)
        blamed = {i for i in model_indexes if i < len(spans) and findings_in(extra, spans[i])}
        if not blamed:  # the new error sits outside the model's sections: blame them all
            blamed = set(model_indexes)
        for i in sorted(blamed):
            report.sections[i] = ctx.template.sections[i]
            job = by_index.get(i)
            if job is not None:
                job.give_up("合并全文后数字审核发现新的错误", "合并全文后数字审核发现新的错误")
            notes.append(f"{ctx.labels[i]}：合并全文后审核发现新的错误，已改用模板。")
    return notes


# --- what a section prompt contains ------------------------------------------------------------------


class _Brief:
    """The must-cover list, the slot list and the facts JSON for one section, derived from its template text."""

    def __init__(
        self, ctx: _Context, section: Section, outline_section: OutlineSection, validator: SectionValidator
    ) -> None:
        self.ctx = ctx
        self.facts: FactSheet = ctx.facts
        self.section = section
        self.outline_section = outline_section
        self.validator = validator
        by_index = {ps.index: ps for ps in ctx.unit.projects}
        self.projects: list[ProjectScore] = [by_index[i] for i in validator.required]
        self.template_segments = segments(validator.template_text, project_names(self.facts))

    def has(self, key: str) -> bool:
        return key in self.facts

    def must_cover(self) -> list[str]:
        topic = self.outline_section.template or ""
        items = []
        if topic == "background" and self.has("unit.background"):
            items.append("单位职责和概况（{{unit.background}}）")
        if topic == "background" and len(self.ctx.unit.projects) > 1:
            items.append("共安排项目支出{{total.projects}}个，列出各项目名称")
        for ps in self.projects:
            items.append(self._project_item(ps, topic))
        if not self.projects:
            if topic in ("deviations", "experience", "suggestions", "problems"):
                items.append("{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况（不要编造问题）")
            else:
                items.append("按本节写作要求概括，不编造事实")
        return items

    def _project_item(self, ps: ProjectScore, topic: str) -> str:
        p = self.facts.key_of(ps)
        parts: list[str] = []
        flagged = [(k, s) for k, s in enumerate(ps.indicators, 1) if s.missed or s.over_achieved]
        if topic == "background":
            if self.has(f"{p}.background"):
                parts.append(f"项目背景（{{{{{p}.background}}}}）")
            for key, what in (("implementer", "实施单位"), ("department", "主管部门")):
                if self.has(f"{p}.{key}") and self.facts[f"{p}.{key}"] in self.validator.template_text:
                    parts.append(f"{what}（{{{{{p}.{key}}}}}）")
        elif topic == "goals":
            if self.has(f"{p}.goal"):
                parts.append(f"年度总体目标（{{{{{p}.goal}}}}）")
            else:
                parts.append("未填报年度总体目标，如实说明待补充")
            if ps.indicators:
                parts.append(f"设置绩效指标{{{{{p}.indicators}}}}个及各指标的年度指标值和分值")
        elif topic == "completion":
            parts.append(
                "全年预算数、全年执行数、预算执行率" + ("、自评得分和等级" if self.has(f"{p}.score") else "")
            )
            if self.has(f"{p}.goal") or self.has(f"{p}.outcome"):
                parts.append("年度总体目标和实际完成情况（引用占位符）")
            parts += [self._indicator(p, k, s) for k, s in flagged]
        elif topic == "indicators":
            level1 = self.outline_section.level1 or ""
            for k, s in enumerate(ps.indicators, 1):
                if not level1 or s.indicator.level1[:2] == level1[:2]:
                    parts.append(f"“{{{{{p}.i{k}.name}}}}”的年度指标值、实际完成值和得分")
        elif topic in ("deviations", "experience", "suggestions"):
            parts += self._deviation(ps, p, flagged, topic)
        elif topic == "problems":
            if (
                ps.rate_shown is not None
                and ps.rate_shown < self.ctx.unit.ruleset.deviation.explain_rate_below
            ):
                parts.append("预算执行率低于{{rules.explain_rate_below}}%（不写原因）")
            parts += [self._indicator(p, k, s) for k, s in flagged]
            if not self.has(f"{p}.goal"):
                parts.append("未填报年度总体目标")
        elif topic.startswith("management_") and self.has(f"{p}.implementer"):
            parts.append(f"实施单位（{{{{{p}.implementer}}}}）")
        else:
            parts.append("本节涉及的情况")
        segment = self.template_segments.get(ps.index, "")
        marks = [m for m in dict.fromkeys(ANY_PLACEHOLDER.findall(segment))]
        if marks:
            parts.append("原样写" + "、".join(marks))
        return "{{" + p + ".label}}：" + "；".join(parts)

    def _indicator(self, p: str, k: int, s: Any) -> str:
        how = "超额完成" if s.over_achieved else "未达成年度指标值"
        i = f"{p}.i{k}"
        if s.indicator.is_qualitative:
            return f"“{{{{{i}.name}}}}”指标{how}（评价档次、得分）"
        return f"“{{{{{i}.name}}}}”指标{how}（年度指标值、实际完成值、得分）"

    def _deviation(self, ps: ProjectScore, p: str, flagged: list[tuple[int, Any]], topic: str) -> list[str]:
        parts = []
        if topic != "suggestions":
            rules = self.ctx.unit.ruleset
            if rules.rate_needs_explanation(ps.rate):
                parts.append(f"预算执行率{{{{{p}.rate}}}}%低于{{{{rules.explain_rate_below}}}}%")
            elif self.has(f"{p}.rate"):
                parts.append(f"全年预算数、全年执行数、预算执行率{{{{{p}.rate}}}}%")
            parts += [self._indicator(p, k, s) for k, s in flagged]
        notes = [f"{{{{{p}.i{k}.note}}}}" for k, _ in flagged if self.has(f"{p}.i{k}.note")]
        if notes:
            parts.append("指标偏差原因分析及改进措施（" + "、".join(notes) + "）")
        wanted = [("cause", "偏差原因", CAUSE_PLACEHOLDER), ("measure", "改进措施", MEASURE_PLACEHOLDER)]
        if topic == "experience":
            wanted = wanted[:1]
        elif topic == "suggestions":
            wanted = wanted[1:]
        segment = self.template_segments.get(ps.index, "")
        for key, what, mark in wanted:
            if self.has(f"{p}.{key}"):
                parts.append(f"{what}（{{{{{p}.{key}}}}}，只引用，不发挥）")
            elif mark in segment:
                parts.append(f"未填报{what}，写{mark}，不得编写")
        return parts

    def slots(self) -> list[tuple[str, str]]:
        """Number-like keys with their values, plus names; officer texts are only in the facts JSON."""
        wanted = tuple(f"{self.facts.key_of(ps)}." for ps in self.projects)
        out = []
        for key, value in self.facts.values.items():
            head = key.split(".", 1)[0]
            if head == "rules" and key not in _RULE_SLOTS:
                continue
            if not (head in ("unit", "total", "grade_count", "rules") or key.startswith(wanted)):
                continue
            if self.facts.kinds.get(key) == "text" and not _NAME_SLOT.search(key):
                continue
            out.append(("{{" + key + "}}", value))
        return out

    def facts_json(self) -> dict[str, Any]:
        """The section's facts, pruned to what its topic needs (background needs no indicators)."""
        data = self.facts.section_facts(self.projects)
        data.pop("rules", None)  # the few rule keys a section needs are in the slot list
        topic = self.outline_section.template
        level1 = (self.outline_section.level1 or "")[:2]
        for project in data["projects"]:
            indicators = project.get("indicators", [])
            if topic == "background" or (topic or "").startswith("management_"):
                indicators = []
                project.pop("src", None)
            elif topic in ("deviations", "experience", "suggestions", "problems"):
                indicators = [i for i in indicators if i.get("missed") or i.get("over_achieved")]
            elif topic == "indicators" and level1:
                indicators = [i for i in indicators if str(i.get("level1", ""))[:2] == level1]
            project["indicators"] = indicators
        return data


_RULE_SLOTS = (
    "rules.explain_rate_below",
    "rules.exec_points",
    "rules.total_points",
    "rules.indicator_points",
)
_NAME_SLOT = re.compile(
    r"(?:^unit\.(?:name|self|money_unit)|\.(?:name|label|level1|level2|kind|unit|tier|grade))$"
)


# --- disclosure --------------------------------------------------------------------------------------


def section_places(report: Report) -> list[tuple[int, str | None]]:
    """Where each section sits: (level-1 ordinal, heading below level 1 or None); ordinal 0 = unnumbered."""
    places: list[tuple[int, str | None]] = []
    part = 0
    for section in report.sections:
        numbered = section.heading[:1] in "一二三四五六七八九十"
        if section.level == 1 and numbered:
            part += 1
        bare = section.heading
        for sep in ("、", "）", "."):
            head, found, rest = bare.partition(sep)
            if found and len(head) <= 4:
                bare = rest
                break
        places.append((part, None) if section.level == 1 and numbered else (part, bare))
    return places


def section_labels(report: Report) -> list[str]:
    """How notes name each section: 第四部分, or 第一部分“项目背景简要情况” below level 1."""
    return [_place_label(part, sub) for part, sub in section_places(report)]


def _place_label(part: int, sub: str | None) -> str:
    if part == 0:
        return f"“{sub}”"
    return f"第{count_cn(part)}部分" + (f"“{sub}”" if sub else "")


def join_places(places: list[tuple[int, str | None]]) -> str:
    """[(1, 背景), (1, 目标), (4, None), (5, None)] → 第一部分“背景”“目标”，第四、五部分."""
    tokens: list[str] = []
    wholes: list[int] = []

    def flush() -> None:
        if wholes:
            tokens.append("第" + "、".join(count_cn(n) for n in wholes) + "部分")
            wholes.clear()

    by_part: dict[int, list[str | None]] = {}
    for part, sub in places:
        by_part.setdefault(part, []).append(sub)
    for part, subs in by_part.items():
        if part and None in subs:
            wholes.append(part)
            continue
        flush()
        named = "".join(f"“{sub}”" for sub in subs if sub)
        tokens.append((f"第{count_cn(part)}部分" if part else "") + named)
    flush()
    return "，".join(tokens)


def disclosure(places: list[tuple[int, str | None]], jobs: list[_Job]) -> str:
    """The closing line naming model-written and fallen-back sections (no digits, so the audit ignores it)."""
    model = [places[job.index] for job in jobs if job.outcome.source == "llm"]
    fallen = [job for job in jobs if job.outcome.source != "llm"]
    if model:
        text = f"说明：本报告{join_places(model)}由大模型辅助起草，其余部分由模板生成"
    else:
        text = "说明：本报告全部由模板生成"
    if fallen:
        causes = "；".join(
            f"{join_places([places[job.index]])}因{job.outcome.brief or '未采用模型输出'}" for job in fallen
        )
        text += f"；{causes}，改用模板"
    return text + "。文中数字均由事实表自动填入，请经办人员核对后使用。"


__all__ = ["LLMDraft", "SectionOutcome", "adraft_llm", "disclosure", "draft_llm", "section_labels"]
