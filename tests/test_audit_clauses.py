"""One reading of a clause for every check: the words back to the last comma, semicolon, colon or full stop before
a number name it ("已分配33.80亿元"), and the first clause after a claim is its scope."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.audit.document import parse_document
from assistant.audit.fields import clause_of, first_clause
from assistant.audit.prose.clauses import clause_before
from assistant.audit.prose.facts import read_facts


@pytest.mark.parametrize(
    ("window", "last", "first"),
    [
        ("县区资金合计33.88亿元，已分配", "已分配", "县区资金合计33.88亿元"),
        ("资金使用情况：已下达", "已下达", "资金使用情况"),
        ("计划改造200户；实际完成", "实际完成", "计划改造200户"),
        ("中央、省、市财政补助资金", "中央、省、市财政补助资金", "中央、省、市财政补助资金"),
    ],
)
def test_clause_marks(window: str, last: str, first: str) -> None:
    assert clause_of(window) == last
    assert first_clause(window) == first


def test_clause_before_a_statement() -> None:
    text = "县区直达资金合计33.88亿元，已分配33.80亿元，未分配0.08亿元。"
    doc = parse_document(text)
    facts = read_facts(doc)
    amounts = [s for s in facts.statements if s.kind == "amount"]
    ctx = SimpleNamespace(doc=doc)  # all clause_before reads of a context
    assert [clause_before(ctx, s) for s in amounts] == ["县区直达资金合计", "已分配", "未分配"]  # type: ignore[arg-type]
