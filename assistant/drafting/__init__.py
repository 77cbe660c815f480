"""Drafting: outlines as data (``outline``), the report structure (``report``) and the template drafter.

The template drafter (``draft_template``) needs no model and is the default; an LLM drafter may replace the
narrative sections later, using the same fact sheet (``assistant.facts``) and falling back to
``draft_section`` per section.
"""

from assistant.drafting.outline import Outline, OutlineSection, load_outline, outline_for
from assistant.drafting.report import Report, Section, Table
from assistant.drafting.template import draft_section, draft_template

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
