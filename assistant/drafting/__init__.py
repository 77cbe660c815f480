"""Drafting: outlines as data (``outline``), the template drafter (``template``) and the model drafter (``llm``,
with ``validate`` checking each model-written section). Both write an ``assistant.report.Report``.

The template drafter (``draft_template``) needs no model and is the default; the model drafter replaces the
narrative sections when a model is configured, using the same fact sheet (``assistant.facts``) and falling back
to ``draft_section`` per section.
"""

from assistant.drafting.outline import Outline, OutlineSection, load_outline, outline_for
from assistant.drafting.template import draft_section, draft_template
from assistant.report import Report, Section, Table

__all__ = [
    "Outline",
    "OutlineSection",
    "Report",
    "Section",
    "Table",
    "draft_section",
    "draft_template",
    "load_outline",
    "outline_for",
]
