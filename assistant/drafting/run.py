"""What the section jobs of one model draft share: the case, the template draft and its audit, the client.

Kept apart from ``assistant.drafting.llm`` (which creates the jobs) so that ``assistant.drafting.conversation``
can name the type without an import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.drafting.disclosure import section_labels
from assistant.drafting.outline import Outline
from assistant.drafting.template import draft_template
from assistant.drafting.validate import findings_in, run_audit, section_spans
from assistant.facts import build_facts
from assistant.placeholders import ANY_PLACEHOLDER, CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.report import Section
from assistant.scoring import UnitScore

if TYPE_CHECKING:
    from assistant.llm.client import ChatClient, TokenCallback
    from assistant.llm.settings import LLMSettings


class DraftRun:
    """Everything the jobs of one run share: the case, the template draft and its audit, the client."""

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

    def reset_stream(self, section_id: str) -> None:
        if self.on_token is not None:
            self.on_token(section_id, "")


def has_substance(section: Section) -> bool:
    """False when the template section is only 【待补充】 markers (nothing true to write about)."""
    rest = ANY_PLACEHOLDER.sub("", "".join(section.paragraphs))
    return bool(rest.strip("，。；：、 \n"))
