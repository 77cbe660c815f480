"""The offline chat's parser: the common ways officers ask for things, as ``Intent``s.

Each recogniser is a small function of the message (and the case, to find names) returning an ``Intent``
or None; the first that matches wins, in the order of ``RECOGNISERS``. They live by concern: ``commands``
(help, undo, handing in, uploading, export, drafting, the audit, small talk, causes), ``pasted`` (a report pasted
into the chat), ``edits`` (changes to the data), ``lookups``
(questions and showing figures; the questions themselves are recognised in ``questions``), on the shared
readings of ``message``. What the intents do is dispatched in ``offline`` (through ``actions``).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.chat.commands import (
    MEASURE,
    recognise_audit,
    recognise_cause,
    recognise_chitchat,
    recognise_draft,
    recognise_export,
    recognise_help,
    recognise_readiness,
    recognise_redraft,
    recognise_style,
    recognise_undo,
    recognise_upload_help,
)
from assistant.chat.edits import recognise_add, recognise_set, recognise_statement, recognise_wrong_figure
from assistant.chat.lookups import recognise_explain, recognise_query, recognise_question
from assistant.chat.message import Intent, clean, normalise
from assistant.chat.pasted import recognise_pasted
from assistant.models import Case

__all__ = ["MEASURE", "RECOGNISERS", "Intent", "clean", "parse"]


RECOGNISERS: tuple[Callable[[str, Case], Intent | None], ...] = (
    recognise_help,
    recognise_undo,
    recognise_readiness,
    recognise_upload_help,
    recognise_export,
    recognise_style,
    recognise_redraft,
    recognise_add,
    recognise_set,
    recognise_wrong_figure,
    recognise_question,
    recognise_explain,
    recognise_query,
    recognise_statement,
    recognise_cause,
    recognise_audit,
    recognise_draft,
)


def parse(message: str, case: Case) -> Intent:
    """The intent of a chat message, or ``Intent("unknown")``."""
    pasted = recognise_pasted(message, case)  # a whole report, read with its line breaks
    if pasted is not None:
        return pasted
    # before ``clean``, which drops a leading 你
    chitchat = recognise_chitchat(normalise(message.strip()), case)
    if chitchat is not None:
        return chitchat
    text = clean(message)
    for recognise in RECOGNISERS:
        intent = recognise(text, case)
        if intent is not None:
            return intent
    return Intent("unknown")
