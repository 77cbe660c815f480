"""Deductions a report states for its indicators ("取证率未达标扣5分", "就业率未达标扣4分").

Why: a report that explains the points it took off an indicator scores it by its own rule; a score that differs from
the national proportional rule by exactly that deduction is no slip. The 自评表 readers (``checks.form_scores`` on a
form read as a table, ``checks.text_form`` on one flattened into the text) ask this before they doubt a score, and
``checks.text_part_deductions`` sums a part's deductions. A row whose 偏差原因 cell gives the reason it fell short
explains its deduction as a 扣分 column would, without the number (``shortfall_explained``); so does a sentence of the
form's one 偏差原因 cell, or of a note below it, that names the missed indicator and says why (``shortfall_note``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.rules import Band

from ..cues import cues

_CUES = cues(__name__)
_NAME_PIECE = 3  # characters of an indicator's name a deduction's words must share to be said of it
_NOTE_RUN = 4  # characters of an indicator's name a note's subject must share to be said of it
_SENTENCE_STOPS = ("。", "；", ";", "\n", "|")  # a deduction's sentence begins after the last of these


def points_taken(text: str) -> list[Decimal]:
    """The points each deduction of ``text`` takes off ("…扣3分；…扣减1.5分" → 3, 1.5)."""
    return [Decimal(found.group("n")) for found in _CUES.deduction.finditer(text)]


def deduction_stated(text: str, name: str, lost: Decimal) -> bool:
    """Does ``text`` say it took ``lost`` points off the indicator ``name`` ("取证率未达标扣5分": the words before 扣
    share a piece of the name)?"""
    pieces = {name[k : k + _NAME_PIECE] for k in range(len(name) - _NAME_PIECE + 1)}
    return any(
        Decimal(found.group("n")) == lost and any(piece in words for piece in pieces)
        for found, words in _said_of(text)
    )


def _said_of(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each deduction of ``text`` with the words it is said of: its own clause ("取证率未达标扣5分"), and the
    sentence it closes back to the previous deduction. A deviation note names the indicator at the sentence's head
    and gives the reason in the clauses between ("临时救助人次较目标少56人次，主要是…少于预期，扣2分；"), so
    the indicator's name is in the sentence, not in the deduction's own clause."""
    after = 0  # the end of the previous deduction: the words before it are said of that one
    for found in _CUES.deduction.finditer(text):
        head = max(after, *(text.rfind(stop, after, found.start()) + 1 for stop in _SENTENCE_STOPS))
        yield found, text[head : found.end("words")]
        after = found.end()


def shortfall_explained(
    note: str | None, score: Decimal, points: Decimal, completion: Decimal, tiers: tuple[Band, ...]
) -> bool:
    """Is a missed row's score below the proportional one the evaluator's own deduction? It is when the row's
    偏差原因 cell gives the reason ("资金因学生数据核定延后拨付") and the score's share of the points lies in the
    rule set's tier of the row's completion (92 % done, 4 of 5 points: both 达成), as a 定性 row is scored; a score
    below that tier (60 % of 90 % done, 10 of 20) is not explained by a reason alone."""
    if note is None or _CUES.reason_given.search(note) is None or points <= 0:
        return False
    tier = next((t for t in tiers if completion >= t.min), None)
    return tier is not None and score * 100 / points >= tier.min


def judged_down(note: str | None) -> bool:
    """Does a met row's 偏差原因 cell give the reason the evaluator marked it below full points ("部分群众对服务时间
    意见较多")? A cell that says the row was met or shows no deviation ("已完成年度目标", "无偏差") gives none: the
    row's points are the rule's; so does the rest of a form glued into one line, the next row's cells."""
    return (
        note is not None
        and _CUES.reason_given.search(note) is not None
        and _CUES.no_deviation.search(note) is None
        and _CUES.next_cells.search(note) is None
    )


def shortfall_note(text: str, name: str) -> str | None:
    """The sentence of ``text`` that says why the indicator ``name`` fell short, read as that row's 偏差原因 cell. A
        form with one 偏差原因 cell for all its rows, or a note below it, names the missed indicator by a run of its words,
        says it fell short and why ("老年人健康管理率低于目标2.2个百分点，主要是部分高龄老人外出…"), or gives the reason first
    ("受…用工岗位有限等因素影响，培训后就业率为66.8%，低于70%的年度目标"). A sentence that also
        states the points it took ("…，扣3分") is scored by that number (``deduction_stated``), not by its reason."""
    runs = {name[k : k + _NOTE_RUN] for k in range(len(name) - _NOTE_RUN + 1)}
    for cue in (_CUES.shortfall_why, _CUES.why_shortfall):
        for found in cue.finditer(text):
            if any(run in found.group("who") for run in runs):
                return None if points_taken(found.group(0)) else found.group(0)
    return None


def line_rest(text: str, end: int) -> str:
    """The rest of a flattened form row's line after its 得分 cell ending at ``end``: its 偏差原因 cell, where the
    flattening kept the row on one line (a form one cell a line gives none: the next line may be the next row)."""
    stop = text.find("\n", end)
    return text[end : len(text) if stop < 0 else stop].strip(" |\t")
