"""CLAIM_MISMATCH net: a floor every item is said to clear ("执行率均在90%以上", "满意度均不低于95%") against a rate
of the same name the text writes below it, read from the raw figures, whatever the claim's wording around them.

Why: the statement readers take a rate claim only when they know its projects or its table; a claim over a list
in the same sentence ("…均在90%以上，其中：A项目…执行率94.22%；B项目…执行率85.60%") or over rates written
anywhere in the text escaped them. This net reads by form: the claim is a percent right after 均/都/全部 (a floor:
以上, ≥, 不低于, 达到); its scope is the rate name right before (…率/…度, compared by its last two characters); a
shortfall is an exact percent under that name, in its own clause, below the floor, not a target, a plan or
another period's. Bad: 各子项目预算执行率均在90%以上，其中…村卫生室项目执行率85.60% (an error: the same
paragraph lists it). Good: 除村卫生室项目外，其余项目执行率均在90%以上 (the exception is named); 执行率基本在90%以上
(not of each); 上年执行率85% (another year); 目标执行率≥85% (a target). A shortfall written in another paragraph is
a warning: whether the claim meant it is a reading.
Second net, of a 自评表 flattened one cell a line: a line that is only a directed target ("≥24个", or a bare 100%)
and the next line only a figure of its kind and unit that misses it, under a claim that names every indicator
("各项绩效指标均已达到") or the class heading above the pair ("产出指标均…"). Bad: 新建村级服务站 / ≥24个 / 22个 …
各项绩效指标均已达到年度目标值 (a warning: the cells' order is a reading). Good: the same under 主要指标基本达到.
Third, the same claim against rows read by form (net_target_rows: a header's 目标/指标值 and 实际完成 columns,
piped or joined by bars; a bare target is a floor only when the row scored its share, 10 × 5/6 = 8.33), an outcome
with its target after it in brackets ("52.3%（年度目标值为≥55%）"), or a rate's target and the next rate of its
name later in the sentence ("取证率目标值≥85%，参训2,000人中取证1,652人，取证率82.6%"). A sentence's claims are
weighed each by its own clause ("资金到位及时…，各项绩效指标均达到": a hedge elsewhere is not this claim's), and
"各项产出、效益和满意度指标" names every row of those classes (a 预算执行 row is none of them).
Where a check that reads the words reports the code on the same characters, its finding stands (registry.resolve).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise

from assistant.numbers import find_numbers, writes_spaced_thousands
from assistant.numbers.model import NumberMention

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import EXCEPT_CLAUSE
from ..findings import Finding
from ..registry import check_unit
from .net_target_rows import AT_LEAST as _AT_LEAST
from .net_target_rows import AT_MOST as _AT_MOST
from .net_target_rows import Miss as _Miss
from .net_target_rows import misses_target, table_misses

_CUES = cues(__name__)
_RISE = cues(
    f"{__package__}.text_rise_claims"
)  # words that make a claim less than one of each (基本, 大部分)
_CLAIMS = cues(f"{__package__}.text_claims")  # the wordings of a claim of completion
_MISSED = cues(f"{__package__}.text_claims_missed")  # a claim that names every indicator
_SENTENCE_END = re.compile(r"[。；;\n]")
_BOUNDARY = re.compile(r"[，,。；;：:\n|（）()、]")


@check_unit(also=("CLAIM_MISMATCH",), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    mentions = [m for m in find_numbers(text) if m.kind == "percent"]
    for sentence in ctx.doc.sentences:
        for floor in mentions:
            if not sentence.start <= floor.start < sentence.end:
                continue
            finding = _against_floor(ctx, sentence, floor, mentions)
            if finding is not None:
                yield finding
    misses = _cell_misses(text) + _prose_misses(text) + _named_misses(text) + table_misses(text)
    if misses:
        for sentence in ctx.doc.sentences:
            finding = _against_cells(ctx, sentence, misses)
            if finding is not None:
                yield finding


def _against_floor(
    ctx: AuditContext, sentence: Sentence, floor: NumberMention, mentions: list[NumberMention]
) -> Finding | None:
    """The rates under the claim's name below its floor: an error when one is in the claim's own paragraph."""
    text = ctx.doc.text
    head = text[sentence.start : floor.start]
    claim = _CUES.floor_claim.search(head)
    if claim is None or floor.hedge in ("以下", "≤", "不高于", "以内"):
        return None
    if _RISE.not_each.search(head) or EXCEPT_CLAUSE.search(head):
        return None
    name = claim.group("name")[-3:]
    stem = name[-2:]
    below = [
        m
        for m in mentions
        if m is not floor
        and m.value < floor.value
        and m.hedge is None
        and m.is_claim
        and _named(text, m, stem)
    ]
    if not below:
        return None
    own = [m for m in below if sentence.para_start <= m.start < sentence.para_end]
    listed = "、".join(f"第{ctx.doc.line_of(m.start)}行 {m.text}" for m in below[:4]) + (
        "等" if len(below) > 4 else ""
    )
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称{name}均在 {floor.text}，但文中所写{name}有低于此数的：{listed}",
        (floor.start, floor.end),
        expected=f"{len(below)}项低于 {floor.text}，应说明或改写",
        found=floor.text,
        proven=bool(own) and len(own) == len(below),
        quote=sentence.text,
    )


def _named(text: str, m: NumberMention, stem: str) -> bool:
    """Whether a percent is a rate of the claim's name, stated as done: the name in the figure's own clause, right
    before it, and no word of a target, a plan or another period there."""
    start = m.start
    while start > 0 and not _BOUNDARY.match(text[start - 1]) and m.start - start < 24:
        start -= 1
    clause = text[start : m.start]
    if _CUES.not_done.search(clause):
        return False
    if stem in clause[-12:]:
        return True
    if _CUES.any_name.search(clause):
        return False  # a rate of its own name ("优良率95%")
    # "满意度：指标值≥90%，实际93.8%", "| 满意度 | ≥95% | 93.8% |": the line's label names the figure
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    if line.lstrip().startswith("|"):  # a table row: its cells before the figure, else its column's header
        return stem in line or stem in _column_header(text, m.start, line.count("|"))
    label = _CUES.line_label.match(line)
    return label is not None and stem in label.group("label")


def _cell_misses(text: str) -> list[_Miss]:
    """A 自评表 flattened one cell a line: a line that is only a target with its direction (≥18,000人次), the next
    line only a figure of its kind and unit that misses it; with the class heading above (产出/效益/满意度)."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    lone: list[NumberMention | None] = []
    spaced = writes_spaced_thousands(text)
    for start, line in lines:
        found = find_numbers(line, spaced)
        whole = len(found) == 1 and line.strip() == found[0].text.strip()
        ok = whole and found[0].kind in ("count", "percent", "amount")
        lone.append(replace(found[0], start=start + found[0].start, end=start + found[0].end) if ok else None)
    misses: list[_Miss] = []
    kind_of = ""
    for k, (_, line) in enumerate(lines):
        heading = _CUES.class_line.match(line.strip())
        if heading:
            kind_of = heading.group("cls")
        target, actual = lone[k], lone[k + 1] if k + 1 < len(lone) else None
        if target is None or actual is None or actual.hedge is not None:
            continue
        if (target.kind, target.unit) != (actual.kind, actual.unit):
            continue
        # a bare 100% target has one direction: nothing exceeds it
        floor = target.hedge in _AT_LEAST or (
            target.hedge is None and target.kind == "percent" and target.value == 100
        )
        short = floor and actual.value < target.value
        over = target.hedge in _AT_MOST and actual.value > target.value
        if short or over:
            misses.append((target, actual, kind_of))
    return misses


def _prose_misses(text: str) -> list[_Miss]:
    """ "目标值≥90%，实际完成87.6%": a directed target, then right after it, the next figure of its kind and unit,
    only words of the outcome between (实际, 完成), that misses it; the class the line names before it."""
    found = find_numbers(text)
    misses: list[_Miss] = []
    for first, second in pairwise(found):
        between = text[first.end : second.start]
        if _CUES.outcome_between.match(between):
            target, actual = first, second
        elif _CUES.target_after.match(between):  # "达到52.3%（年度目标值为≥55%）"
            target, actual = second, first
        else:
            continue
        directed = target.hedge in _AT_LEAST or target.hedge in _AT_MOST
        if target.kind in ("count", "percent", "amount") and directed and misses_target(target, actual):
            line = text[text.rfind("\n", 0, target.start) + 1 : target.start]
            classes = _CUES.class_word.findall(line)
            misses.append((target, actual, classes[-1] if classes else ""))
    return misses


def _named_misses(text: str) -> list[_Miss]:
    """ "取证率目标值≥85%，参训2,000人中取证1,652人，取证率82.6%": a rate's directed target, and later in the same
    sentence the next rate of its unit, written under the same name in its own clause, that misses it."""
    found = [m for m in find_numbers(text) if m.kind == "percent"]
    misses: list[_Miss] = []
    for k, target in enumerate(found):
        name = _CUES.target_name.search(text[max(0, target.start - 16) : target.start])
        if name is None or not (target.hedge in _AT_LEAST or target.hedge in _AT_MOST):
            continue
        later = [m for m in found[k + 1 :] if m.unit == target.unit][:1]
        if not later or _SENTENCE_END.search(text[target.end : later[0].start]):
            continue
        actual = later[0]
        start = actual.start
        while start > target.end and not _BOUNDARY.match(text[start - 1]):
            start -= 1
        clause = text[start : actual.start]
        if name.group("name")[-2:] in clause[-8:] and not _CUES.not_done.search(clause):
            if misses_target(target, actual):
                line = text[text.rfind("\n", 0, target.start) + 1 : target.start]
                classes = _CUES.class_word.findall(line)
                misses.append((target, actual, classes[-1] if classes else ""))
    return misses


def _against_cells(ctx: AuditContext, sentence: Sentence, misses: list[_Miss]) -> Finding | None:
    """A claim that every indicator (of the classes it names) was met, against flattened rows that missed."""
    match = next((m for m in _CLAIMS.good.finditer(sentence.text) if _of_every(sentence.text, m)), None)
    if match is None:
        return None
    head = _clause(sentence.text, match)
    classes = set(_CUES.class_word.findall(head))
    text = ctx.doc.text
    hits = [(t, a) for t, a, c in misses if _of_classes(text, t, c, classes)]
    if not hits:
        return None
    listed = "；".join(
        f"第{ctx.doc.line_of(a.start)}行实际 {a.text}（目标 {t.text}）" for t, a in hits[:3]
    ) + ("等" if len(hits) > 3 else "")
    # the sentence's claims of completion read together ("建设任务全部完成，各项产出指标均达到"): from the first
    first = next(m for m in _CLAIMS.good.finditer(sentence.text) if _unhedged(sentence.text, m))
    start = sentence.start + _clause_start(sentence.text, first)
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称“{match.group()}”，但文中以下指标未达到目标：{listed}",
        (start, sentence.start + match.end()),
        expected=f"{len(hits)}项指标未达到目标，应说明",
        found=text[start : sentence.start + match.end()],
        proven=False,
        quote=sentence.text,
    )


def _of_classes(text: str, target: NumberMention, cls: str, classes: set[str]) -> bool:
    """Is a missed row among the classes the claim names? A row under no class heading (a table of all indicators
    in one list) is of the class its own name says (…满意度), else of any: the claim spoke of each; a row of the
    budget's execution is of none."""
    if not classes or cls in classes:
        return True
    if cls:
        return False
    line = text[text.rfind("\n", 0, target.start) + 1 : target.start]
    if _CUES.budget_row.search(line):  # the money's row: of no indicator class
        return False
    named = set(_CUES.class_word.findall(line))
    return not named or bool(named & classes)


def _clause_start(text: str, match: re.Match[str]) -> int:
    """Where the claim's own clause begins: a hedge or an exception in another clause is not this claim's."""
    return max(text.rfind(c, 0, match.start()) for c in "，,；;：:") + 1


def _clause(text: str, match: re.Match[str]) -> str:
    """The claim's own clause, up to its words."""
    return text[_clause_start(text, match) : match.end()]


def _unhedged(text: str, match: re.Match[str]) -> bool:
    """Whether a claim's clause has no word that makes it less than of each, nor an exception."""
    head = _clause(text, match)
    return not (_RISE.not_each.search(head) or _CLAIMS.exception.search(head))


def _of_every(text: str, match: re.Match[str]) -> bool:
    """Whether a claim of completion speaks of every indicator (or every one of the classes it names), unhedged."""
    head = _clause(text, match)
    every = _MISSED.every_indicator.search(head) or _CUES.every_class.search(head)
    return bool(every) and _unhedged(text, match)


def _column_header(text: str, at: int, column: int) -> str:
    """The header cell of a piped table's column: the cell of that index on the table's first line."""
    start = text.rfind("\n", 0, at) + 1
    while start > 0:
        above = text.rfind("\n", 0, start - 1) + 1
        if not text[above:start].lstrip().startswith("|"):
            break
        start = above
    cells = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].split("|")
    return cells[column] if column < len(cells) else ""
