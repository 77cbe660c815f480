"""A whole budget line and its 基本支出 and 项目支出 lines written as parallel sentences: "…一般公共预算财政拨款年初结转
和结余2.27万元,本年收入1446.02万元,本年支出1448.11万元,…。(一)基本支出情况 …财政拨款基本支出年初结转和结余0万元,本年收入
216万元,…。(二)项目支出情况 …财政拨款项目支出年初结转和结余2.27万元,本年收入1230.14万元,…".

Why: a 部门 report restates its 财政拨款 line, then the same line for 基本支出 and for 项目支出, each with the same
fields. The national 决算 split makes 基本支出 and 项目支出 the whole of a budget line by definition, so for each
field written in all three sentences the two parts must add up to the whole: a complete (exhaustive) breakdown.
The three sentences must write the same field sequence, the parts' subjects must differ only by the kind word,
and the whole's subject must name the same fund (the words after its year) without either kind word; otherwise
the sentences may be about different lines and no breakdown is read.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..cues import cues
from ..document import Document, Sentence
from .budgets import spending_kinds
from .model import Breakdown, Statement

_CUES = cues(__name__)
_WINDOW = 6  # sentences after the whole in which its two kind lines are looked for


class BudgetLine(NamedTuple):
    """One sentence's budget line: "…财政拨款基本支出年初结转和结余0万元,本年收入216万元,…"."""

    kind: str | None  # 基本支出 or 项目支出 in the subject, None for a whole line
    subject: str  # the words before the first field
    fields: tuple[str, ...]  # the fields written, in order
    values: dict[str, Statement]  # the amount read right after each field


def kinds(lines: list[BudgetLine | None], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Per field, the whole line's amount with its 基本支出 and 项目支出 amounts as the two parts; ``lines`` are
    ``budget_lines`` of the report, read once per audit (``Facts.budget_lines``)."""
    found: list[Breakdown] = []
    for k, whole in enumerate(lines):
        if whole is None or whole.kind is not None:
            continue
        fund = _fund(whole.subject)
        later = {line.kind: line for line in lines[k + 1 : k + 1 + _WINDOW] if line is not None and line.kind}
        if fund is None or set(later) != {"基本支出", "项目支出"}:
            continue
        basic, project = later["基本支出"], later["项目支出"]
        if basic.fields != whole.fields or project.fields != whole.fields:
            continue  # another field sequence: not the same line restated
        if basic.subject.replace("基本支出", "") != project.subject.replace("项目支出", ""):
            continue
        if not basic.subject.replace("基本支出", "").endswith(fund):
            continue
        for name, total in whole.values.items():
            parts = (basic.values.get(name), project.values.get(name))
            if None in parts or any(s.span in taken for s in (total, *parts)):
                continue
            found.append(Breakdown(total, (parts[0], parts[1]), True, "基本支出+项目支出"))  # type: ignore[arg-type]
    return found


def budget_lines(doc: Document, statements: list[Statement]) -> list[BudgetLine | None]:
    """Per sentence, the budget line it writes (its fields in order, an amount per field read), or None."""
    by_sentence: dict[int, list[Statement]] = {}
    for s in statements:
        if s.sentence is not None and s.kind == "amount" and s.role == "value":
            by_sentence.setdefault(id(s.sentence), []).append(s)
    return [_line(doc, sentence, by_sentence.get(id(sentence), [])) for sentence in doc.sentences]


def _line(doc: Document, sentence: Sentence, own: list[Statement]) -> BudgetLine | None:
    text = sentence.text
    written = list(_CUES.field.finditer(text))
    if len(written) < 2:
        return None
    subject = text[: written[0].start()]
    if _CUES.other_kind.search(subject):
        return None  # "…人员经费支出…": a part of 基本支出, not a budget line of its own
    kind_words = spending_kinds(subject)
    if len(kind_words) > 1:
        return None
    fields = tuple(m.group("name") for m in written)
    if len(set(fields)) != len(fields):
        return None
    values: dict[str, Statement] = {}
    for m in written:
        at = sentence.start + m.end()
        amount = next((s for s in own if s.span[0] == at), None)
        if amount is not None:
            values[m.group("name")] = amount
    kind = next(iter(kind_words)) if kind_words else None
    return BudgetLine(kind, subject, fields, values)


def _fund(subject: str) -> str | None:
    """The fund the whole line is about: its subject's words after the year ("一般公共预算财政拨款")."""
    tail = re.split(r"(?:19|20)\d{2}\s*年度?", subject)[-1].strip(" ，,：:")
    return tail if len(tail) >= 2 else None
