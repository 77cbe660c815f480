"""One narrative section's conversation with the model, written once for the threaded and the async runs.

``SectionJob.steps`` is the whole conversation as a generator of steps (sans I/O): it yields ``Ask`` (send
these messages with this token limit; the runner sends back the model's ``Answer``) and ``Judge`` (validate
this text; the runner sends back the ``Candidate``). An answer cut off at the token limit is continued (the
cut text goes back as the assistant's turn, ``prompts/continue.j2`` asks for the rest) up to
``MAX_CONTINUATIONS`` times; one still cut off is judged as such and re-asked shorter, never dropped silently.
An answer with problems is re-asked with all of them (``prompts/reask.j2``) up to ``max_reasks`` times, then
the section keeps the template text. ``run_job`` and ``arun_job`` only carry the steps out: the model call
and the check in a thread, or awaited. Any failure of the model path leaves the template text in place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.drafting.answer import join_continuation
from assistant.drafting.brief import Brief, render_continue, render_reask
from assistant.drafting.disclosure import FAILURE_BRIEF, SectionOutcome
from assistant.drafting.issues import Issue, reasons
from assistant.drafting.outline import OutlineSection
from assistant.drafting.validate import Candidate, SectionValidator
from assistant.facts import count_cn

if TYPE_CHECKING:
    from assistant.drafting.run import DraftRun
    from assistant.llm.client import Answer, Message

MAX_CONTINUATIONS = 2
_SECRET_ISSUE = "回复中出现了不应出现的内容（接口密钥），请只输出本节正文。"
_ANSWER_SHOWN = 6000


@dataclass(frozen=True)
class Ask:
    """Send ``messages`` to the model with at most ``max_tokens`` for the answer."""

    messages: list[Message]
    max_tokens: int


@dataclass(frozen=True)
class Judge:
    """Validate ``text`` (``cut_off``: it still stopped at the token limit)."""

    text: str
    cut_off: bool


Step = Ask | Judge


class SectionJob:
    """Prompts, checks and the outcome of one narrative section."""

    def __init__(self, run: DraftRun, index: int, outline_section: OutlineSection) -> None:
        self.run = run
        self.index = index
        self.section = run.template.sections[index]
        self.outcome = SectionOutcome(self.section.id, run.labels[index])
        self.validator = SectionValidator(
            run.unit, run.facts, run.template, index, run.baseline_for(index), run.audit_ok
        )
        self.brief = Brief(run.unit, run.facts, outline_section, self.validator)
        self.max_tokens = self.brief.answer_tokens(run.settings.max_tokens)
        self._user_prompt: str | None = None

    def user_prompt(self) -> str:
        if self._user_prompt is None:
            self._user_prompt = self.brief.user_prompt(self.section.heading)
        return self._user_prompt

    # --- the conversation ---

    def steps(self) -> Generator[Step, Answer | Candidate, None]:
        """The conversation: ask, continue a cut-off answer, judge, re-ask with every problem, give up."""
        run = self.run
        messages: list[Message] = [("system", run.system_prompt), ("user", self.user_prompt())]
        for round_ in range(run.settings.max_reasks + 1):
            if round_:
                run.reset_stream(self.section.id)
            text, cut_off = "", True
            for part in range(MAX_CONTINUATIONS + 1):
                ask = messages if not part else [*messages, ("assistant", text), ("user", self._continue())]
                answer = yield Ask(ask, self.max_tokens)
                assert not isinstance(answer, Candidate)
                text = join_continuation(text, answer.text)
                cut_off = answer.cut_off
                if not cut_off:
                    break
                self.outcome.continued += 1
            candidate = yield Judge(text, cut_off)
            assert isinstance(candidate, Candidate)
            if candidate.ok:
                self.accept(candidate)
                return
            messages = [*messages[:2], ("user", self._reask(run.redact(text), candidate.issues))]
        self.exhausted()

    def _continue(self) -> str:
        return render_continue(self.section.heading)

    def _reask(self, answer: str, issues: list[Issue]) -> str:
        shown = answer.strip()
        if len(shown) > _ANSWER_SHOWN:
            shown = shown[:_ANSWER_SHOWN] + "……（以下略）"
        return render_reask(self.section.heading, shown, [issue.message for issue in issues])

    def call_options(self, step: Ask) -> dict[str, Any]:
        """How the model is called for ``step`` (the same for the threaded and the async run)."""
        return {
            "label": self.outcome.label,
            "stream_id": self.section.id,
            "on_token": self.run.on_token,
            "max_tokens": step.max_tokens,
        }

    def judge(self, step: Judge) -> Candidate:
        self.outcome.answers += 1
        secret = self.run.settings.secret()
        if secret and len(secret) >= 4 and secret in step.text:  # an echoing server: never keep it
            candidate = Candidate([], [], [Issue("secret", _SECRET_ISSUE)])
        else:
            candidate = self.validator.check(step.text, step.cut_off)
            if self.validator.audit_failure:
                self.run.audit_failure = self.validator.audit_failure
        if not candidate.ok:
            self.outcome.issues.append(candidate.issues)
        return candidate

    # --- outcomes ---

    def accept(self, candidate: Candidate) -> None:
        self.run.chosen[self.index] = self.validator.section_from(candidate.paragraphs)
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
        message = self.run.redact(str(exc)) or type(exc).__name__
        kind = getattr(exc, "kind", "error")
        self.give_up(f"模型调用失败（{message}）", FAILURE_BRIEF.get(kind, "模型调用失败"))


def run_job(job: SectionJob) -> None:
    """Carry out a job's steps in this thread."""
    client = job.run.client
    steps = job.steps()
    try:
        step = next(steps)
        while True:
            if isinstance(step, Ask):
                result: Answer | Candidate = client.complete(step.messages, **job.call_options(step))
            else:
                result = job.judge(step)
            step = steps.send(result)
    except StopIteration:
        return
    except Exception as exc:  # any failure of the model path: the template text stays
        job.failed(exc)


async def arun_job(job: SectionJob, gate: asyncio.Semaphore) -> None:
    """Carry out a job's steps on the event loop: model calls awaited, checks in a worker thread."""
    client = job.run.client
    steps = job.steps()
    async with gate:
        try:
            step = next(steps)
            while True:
                if isinstance(step, Ask):
                    result: Answer | Candidate = await client.acomplete(
                        step.messages, **job.call_options(step)
                    )
                else:
                    result = await asyncio.to_thread(job.judge, step)
                step = steps.send(result)
        except StopIteration:
            return
        except Exception as exc:
            job.failed(exc)
