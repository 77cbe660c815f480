"""Where a list of parts ends, when the text does not say: an item opening with 另 ("分别为A、B、C，另安排D") or a
list opening inside another ("人员培训50万元，其中培训教材30万元，日常运维30万元").

Why: a total against the sum of its parts proves a contradiction only when the parts are the total's split. Where
the list's end is inferred, the sum may take in an item of another list or money beside it: a reading, not the
text's arithmetic (the breakdown is ``loose``: a warning with verdict "uncertain", never an error).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..cues import cues
from ..document import Sentence
from .model import Statement

_CUES = cues(__name__)


def opens(text: str, statement: Statement, cue: re.Pattern[str]) -> bool:
    """Does the clause holding ``statement`` (its words back to the last ，；、：) open with ``cue``?"""
    clause = _clause(text, statement)
    return clause is not None and bool(cue.match(clause.strip()))


def beside(text: str, statement: Statement) -> bool:
    """Does the item open with 另 (money beside the list, or its last part when a count says so)?"""
    return opens(text, statement, _CUES.beside)


def split_beside(text: str, segments: list[list[Statement]]) -> list[list[Statement]]:
    """A 、-split segment holding "…50万元，另安排…60万元" is two items: split before an item opening with 另."""
    out: list[list[Statement]] = []
    for segment in segments:
        cuts = [k for k, s in enumerate(segment) if k and beside(text, s)]
        out.extend(segment[lo:hi] for lo, hi in pairwise([0, *cuts, len(segment)]))
    return out


def after_notice(text: str, before: Statement, after: Statement) -> bool:
    """ "…63.49万元川财农〔202344号下达省级…99.47万元": a notice number and its verb between two amounts, with no
    punctuation left by the repost, open a new statement: the list ended with the amount before them."""
    return _CUES.notice_turn.search(text, before.span[1], after.span[0]) is not None


def runs_into_nested(text: str, parts: list[Statement]) -> bool:
    """ "17347万元其中第一批资金9910万元,分别支持A项目3000万元、B项目3357.17万元…;第二批资金7437万元…": an item
    that opens a list of its own (分别…, 其中…) keeps the amounts after it, up to the next ； or line, as that
    list's items; a reading that takes one of them as a part of the outer list mixes the two levels."""
    for before, after in pairwise(parts):
        gap = _outside_sub_lists(
            text[before.span[1] : after.span[0]]
        )  # "…98,460.00元（其中：…），公务接待费…"
        cue = _CUES.nested.search(gap)
        if cue is not None and not _CUES.coarse_break.search(gap, cue.end()):
            return True
    return False


def first_opens_list(text: str, after: list[Statement]) -> bool:
    """ "其中第一批资金9910万元,分别支持A项目3000万元、B项目…;第二批资金7437万元,分别支持…": the first amount after a
    其中 opens a list of its own (分别…, 其中…) before the next amount; the sentence then holds one item of the 其中
    list and that item's own parts, and the ；-ended sentences after it hold the other items, as after a lone item."""
    return len(after) >= 2 and _CUES.nested.search(text, after[0].span[1], after[1].span[0]) is not None


def unsure_end(
    text: str,
    statements: list[Statement],
    sentence: Sentence,
    cue_start: int,
    parts: list[Statement],
    openers: re.Pattern[str],
) -> bool:
    """Is the list's end a reading: it opens inside another list (one of ``openers``, then two amounts, before its
    own cue at ``cue_start``), or another list cue stands between its parts?"""
    outer = openers.search(text, sentence.start, cue_start)
    if outer is not None:
        inside = [s for s in statements if s.sentence is sentence and outer.end() <= s.span[0] < cue_start]
        if len(inside) >= 2:
            return True
    return _CUES.reopens.search(_outside_sub_lists(text[parts[0].span[1] : parts[-1].span[0]])) is not None


def sub_breakdowns(region: str) -> list[tuple[int, int]]:
    """The spans of ``region`` that are brackets splitting the item before them ("…运行维护费98,460.00元（其中：购置费
    0.00元，运行维护费98,460.00元），公务接待费…"): a closed list of their own, no items of the list around them, and
    no doubt about where that list ends."""
    return [(m.start(), m.end()) for m in _CUES.sub_breakdown.finditer(region)]


def _outside_sub_lists(region: str) -> str:
    """``region`` with its sub-lists in brackets (``sub_breakdowns``) blanked, offsets kept."""
    for lo, hi in reversed(sub_breakdowns(region)):
        region = region[:lo] + " " * (hi - lo) + region[hi:]
    return region


def _clause(text: str, statement: Statement) -> str | None:
    """The words of the statement's clause before it: back to the last ，；、： of its sentence."""
    if statement.sentence is None:
        return None
    return re.split("[，,；;、:：]", text[statement.sentence.start : statement.span[0]])[-1]
