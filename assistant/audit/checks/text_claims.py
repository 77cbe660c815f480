"""CLAIM_MISMATCH from the text alone: a sweeping or qualitative claim the report's own numbers contradict.

Bad: 资金已全部执行完毕 beside 预算59.2万元、执行57.04万元.  Bad: 项目运行正常，没有发现问题 beside 239万元 of
which 87.06万元 was spent (36.43 %).  Good: the claim names the exception ("除受益人数外，其余绩效目标全部完成"), or the numbers bear it out.
This module finds the claims (all spent, good completion, kept to the budget) in the prose and leaves out those
negated, conditional ("确保…全部完成"), naming their exception or their sources, and a form's lone "全部完成"
cell; each claim is then weighed where its evidence is read: against the execution rate of its subject
(``text_claims_rates``), against the indicators the text says were missed (``text_claims_missed``); a claim
that the money all arrived against the money arrived (``text_claims_arrival``), and a 自评表's own cells
against its 年度资金总额 row (``text_claims_form``).
Of several claims of completion, the first said of indicators ("各项绩效指标均达到年度指标值") is the one weighed
against the missed indicators, else the first. A sentence that claims completion twice ("年度绩效目标已全部完成，各项绩效指标全部完成") is read by its claim of the
indicators, the one a missed indicator contradicts and where the finding points.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import clause_of
from ..findings import Finding
from ..registry import check_unit
from .claim_reading import claim_period
from .missed_targets import missed_targets
from .text_claims_arrival import arrival
from .text_claims_form import form_cells
from .text_claims_missed import against_missed, of_each_item
from .text_claims_rates import against_rates

_CELL = 40  # the longest line still read as one cell of a form flattened one cell per line

_CUES = cues(__name__)


@check_unit(
    also=("CLAIM_MISMATCH",),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    values = ctx.values
    missed = missed_targets(ctx)
    claim: tuple[Sentence, re.Match[str]] | None = None  # the first claim of completion no rate contradicts
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        if sentence.role == "method":
            continue
        for pattern, about in ((_CUES.spent, "spent"), (_CUES.good, "good"), (_CUES.close, "close")):
            match = (
                _of_indicators(pattern, sentence.text) if about == "good" else pattern.search(sentence.text)
            )
            if match is None or _CUES.negated.search(sentence.text[: match.start()]):
                continue
            head = sentence.text[max(0, match.start() - 40) : match.start()]
            if _CUES.condition.search(sentence.text[: match.start()]) or _CUES.exception.search(head):
                continue  # "除…外，其余…全部完成": the claim leaves out what it names
            if about != "good" and _CUES.of_sources.search(sentence.text[: match.start()]):
                continue
            if about == "good" and _a_form_cell(ctx, sentence):
                continue  # "全部完成" alone on its line among short lines: one indicator's value, not the report's
            finding = against_rates(ctx, values, sentence, match, about)
            if (
                finding is None
                and about == "good"
                and (
                    claim is None
                    or (not _of_indicator_values(*claim) and _of_indicator_values(sentence, match))
                )
                and claim_period(sentence, match) != "prior"
                and of_each_item(sentence, match)
            ):
                claim = (sentence, match)
            if finding is not None:
                findings.append(finding)
                break
    if claim is not None:
        findings.extend(against_missed(ctx, *claim, missed))
    findings += [f for sentence in ctx.doc.sentences if (f := arrival(ctx, sentence)) is not None]
    return findings + [f for form in ctx.forms for f in form_cells(ctx, form)]


def _of_indicator_values(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether a claim of completion is said of indicators ("各项绩效指标均达到年度指标值"): the one the missed
    indicators are weighed against, rather than an earlier claim of one task ("不合格食品全部完成核查处置")."""
    return "指标" in clause_of(sentence.text[: match.end()])


def _of_indicators(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The claim of good completion a sentence makes of its indicators when it makes more than one ("年度绩效目标已
    全部完成，各项绩效指标全部完成"): the one a missed indicator contradicts, where the finding points; else its first."""
    matches = list(pattern.finditer(text))
    return next((m for m in matches if "指标" in clause_of(text[: m.end()])), matches[0] if matches else None)


def _a_form_cell(ctx: AuditContext, sentence: Sentence) -> bool:
    """Whether ``sentence`` is a cell of a form flattened one cell per line: the whole of its line, with no clause
    mark outside brackets, and the lines around it short too. Such a "全部完成" is the 年度指标值 or 实际完成值 of one
    indicator row (the next cell may well read "完成90%"), not a claim about the project."""
    text = ctx.doc.text
    begin = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    line = text[begin : len(text) if end < 0 else end].strip()
    if line != sentence.text.strip() or _CUES.clause_mark.search(_CUES.bracketed.sub("", line)):
        return False
    before = text[:begin].rstrip().rpartition("\n")[2].strip()
    after = text[len(text) if end < 0 else end :].lstrip().partition("\n")[0].strip()
    return len(before) <= _CELL and len(after) <= _CELL and bool(before or after)
