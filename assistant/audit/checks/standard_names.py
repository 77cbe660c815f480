"""Which figures a standard's words name as its own, for ``text_standard_products``: the longest run of characters
two clauses share, when it holds a name (four characters, two past the words every fund shares).

Why apart: a standard paid per head is paired by words, not by place, when its sentence states no count or money of its
own; how well two clauses share a name is one reading, used for counts and for money alike, and for the check's own
"does any named reading fit".
Good: 100周岁及以上老年人每人每月300元 … 100周岁及以上23人 … 100周岁及以上老年人津贴8.64万元 (the count and the money
share "100周岁及以上" with the standard: named its own).
Bad (no name): "膳食补助" and "补助资金" share 补助 only, a word every fund holds: nothing is named by it; in
"全年保障机构集中养育孤儿36人、社会散居孤儿152人" 152人 is named 社会散居孤儿 only (its own 、-item).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..prose.clauses import clause_before
from ..prose.model import Statement

_CUES = cues(__name__)

_MIN_RUN = 4


def common(a: str, b: str) -> str:
    """The longest run of characters two clauses share."""
    best = ""
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > len(best):
                best = a[i : i + k]
    return best


def shared_name(a: str, b: str) -> int:
    """How long a name two clauses share: their longest common run, when it holds at least four characters and two
    besides the words every fund shares ("膳食补助" holds 膳食; "补助资金" nothing); else 0."""
    run = common(a, b)
    return len(run) if len(run) >= _MIN_RUN and len(_CUES.shared.sub("", run)) >= 2 else 0


def best_named(ctx: AuditContext, price: Statement, candidates: list[Statement]) -> list[Statement]:
    """The candidates whose words share the standard's name best; all of them when they state one value (a figure
    repeated), none when two values tie or none shares a name."""
    name = own_words(ctx, price)
    scored = [(shared_name(name, own_words(ctx, c)), c) for c in candidates]
    top = max((score for score, _ in scored), default=0)
    if top == 0:
        return []
    chosen = [c for score, c in scored if score == top]
    return chosen if len({c.value for c in chosen}) == 1 else []


def own_words(ctx: AuditContext, s: Statement) -> str:
    """The words of the statement's own 、-item: in "全年保障机构集中养育孤儿36人、社会散居孤儿152人" the 152人 is named
    社会散居孤儿 only, the words before 36人 naming that item."""
    return clause_before(ctx, s).split("、")[-1]


def named(ctx: AuditContext, price: Statement, candidates: list[Statement]) -> list[Statement]:
    """Every candidate whose words share a name with the standard's, however well."""
    name = own_words(ctx, price)
    return [c for c in candidates if shared_name(name, own_words(ctx, c))]
