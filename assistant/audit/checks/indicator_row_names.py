"""The indicator row a prose figure's words name, for ``text_indicator_repeats``: the row most of whose own words
(generic words aside) the figure's clause holds, by the longest run of characters they share or, past such a run,
by pieces of the name in another order covering most of it; or the one row whose value is the figure with two
neighbouring digits swapped. Only a figure and a row in one unit are tied.

Apart from the check because tying by wording is a job of its own: the check weighs the tied figures.
"""

from __future__ import annotations

from assistant.numbers.keystroke import transposed, written_digits

from ..context import AuditContext
from ..cues import cues
from ..fields import first_clause
from ..prose.clauses import clause_before
from ..prose.model import Statement

_CUES = cues(__name__)
MIN_SHARED = 4
_SHARE = 0.6  # of the indicator's own words
_PEOPLE = {"名": "人", "位": "人"}  # units that count people, as 人 does
_COVER = 0.8  # of the indicator's own words, covered by pieces of the clause in any order
_SCALES = frozenset("万千亿")  # a count's unit scaled (万亩, 万人次)
_MIN_WORD = 2  # characters of the row's name a transposed count's clause must share
_MIN_SWAPPED = 4  # digits a transposed count must carry (12 and 21 differ by plain arithmetic)
_NOUN_AFTER = 8  # characters after a count that name what it counts ("户脱贫户")
_MIN_NOUN = 3  # characters of the row's name that noun must share for a three-digit count to be tied


def transposed_row(ctx: AuditContext, s: Statement, actuals: list[Statement]) -> Statement | None:
    """The one row whose 实际完成值 is the prose count with two neighbouring digits swapped, in the same unit, when the
    count's clause shares a word of two characters or more with the row's name ("全年累计资助7,767人次" beside
    “资助学生人次 | 7,677人次”): too few words to tie them by name, but a transposition of one count in one unit is
    the commonest copying slip, and a reviewer asks which is right."""
    if s.kind != "count" or s.unit is None or s.sentence is None:
        return None
    clause = _CUES.generic.sub("|", clause_before(ctx, s)[-24:])
    noun = _CUES.generic.sub("|", ctx.doc.text[s.span[1] : s.span[1] + _NOUN_AFTER])
    found = []
    for r in actuals:
        if r.kind != "count" or r.unit != s.unit or r.subject is None:
            continue
        name = _CUES.generic.sub("", r.subject.name)
        # three digits swap by plain arithmetic too (326 and 362): tied only when the noun after the count is
        # the row's too ("带动326户脱贫户" and “带动脱贫户户数”)
        digits = _MIN_SWAPPED if _shared(noun, name) < _MIN_NOUN else _MIN_SWAPPED - 1
        if swapped(s, r, digits) and _shared(clause, name) >= _MIN_WORD:
            found.append(r)
    return found[0] if len(found) == 1 else None


def swapped(s: Statement, row: Statement, digits: int = _MIN_SWAPPED - 1) -> bool:
    """Are the two figures, as written, the same digits but for two neighbours swapped (``digits`` at least)?"""
    return s.places == row.places and transposed(
        written_digits(s.raw, s.places), written_digits(row.raw, row.places), digits
    )


class Rows:
    """The indicator rows grouped by their own words (generic words removed) and unit, each group indexed by every
    run of ``MIN_SHARED`` characters of its words: a clause can only be tied to a row it shares such a run with,
    and rows of one wording score alike, so a prose number scores each wording once instead of every row of every
    form (quadratic in a report of many projects that repeat their indicators)."""

    def __init__(self, actuals: list[Statement]) -> None:
        self.groups: list[tuple[str, Statement, list[Statement]]] = []  # (own words, first row, rows)
        at: dict[tuple[str, str, str | None], int] = {}
        for row in actuals:
            if row.subject is None:
                continue
            own = _CUES.generic.sub("", row.subject.name)
            key = (own, row.kind, row.unit)
            if key not in at:
                at[key] = len(self.groups)
                self.groups.append((own, row, []))
            self.groups[at[key]][2].append(row)
        self.by_run: dict[str, set[int]] = {}
        for g, (own, _, _) in enumerate(self.groups):
            for i in range(len(own) - MIN_SHARED + 1):
                self.by_run.setdefault(own[i : i + MIN_SHARED], set()).add(g)

    def sharing(self, clause: str) -> list[int]:
        """The groups whose words share a run of ``MIN_SHARED`` characters with ``clause``."""
        found: set[int] = set()
        for i in range(len(clause) - MIN_SHARED + 1):
            found |= self.by_run.get(clause[i : i + MIN_SHARED], set())
        return sorted(found)


def row_named(ctx: AuditContext, s: Statement, rows: Rows) -> Statement | None:
    """The indicator row most of whose own words the number's clause holds (None when two tie or none does)."""
    if s.sentence is None:
        return None
    text = ctx.doc.text
    # "“甲”实际为133、“乙”实际为13辆", "86名在职人员及14个村": the words before the joiner are the item before's
    before = _CUES.item_joiner.split(clause_before(ctx, s)[-24:])[-1]
    after = first_clause(text[s.span[1] : s.sentence.end])[:16].split("、")[0]  # not the next item's name
    # "对320万亩禁牧草原和450万亩草畜平衡草原发放…": the words after the next number name that number, not this one
    after = _CUES.next_item.sub("", after)
    return row_for(rows, _CUES.generic.sub("|", before + "|" + after), s.kind, s.unit)


def row_for(rows: Rows, clause: str, kind: str, unit: str | None) -> Statement | None:
    best, found = 0, []
    for g in rows.sharing(clause):
        own, first, group = rows.groups[g]
        if not same_unit(kind, unit, first):  # the same for every row of the group (kind and unit)
            continue
        if _per_unit_only(first, clause):
            continue
        shared = _shared(clause, own)
        if shared >= MIN_SHARED:
            shared = max(shared, _covered(clause, own))
        if shared >= MIN_SHARED and shared >= _SHARE * len(own) and shared >= best:
            found = (found if shared == best else []) + group
            best = shared
    return found[0] if len(found) == 1 else None


def _per_unit_only(row: Statement, clause: str) -> bool:
    """A row named as a value per head or item ("人均培训补贴 | ≤2200元 | 2089元") beside a clause that says no such
    thing ("拨付培训补贴572.40万元"): the prose states a total, the row a quotient of it, so they are not one quantity."""
    per = _CUES.per_unit.search(row.subject.name) if row.subject is not None else None
    return per is not None and per.group() not in clause


def _shared(a: str, b: str) -> int:
    """Length of the longest run of characters both strings hold."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _covered(clause: str, own: str) -> int:
    """How many of ``own``'s characters runs of two or more that ``clause`` holds cover, read from the left, when
    they cover most of it (``_COVER``), else 0: "为2,436名重度残疾人发放护理补贴" names the row “重度残疾人护理补贴发放
    人数” in another order (重度残疾人, 护理补贴, 发放), no run of it long enough alone."""
    covered, i = 0, 0
    while i < len(own):
        j = i + 1
        while j < len(own) and own[i : j + 1] in clause:
            j += 1
        if j - i >= 2:
            covered += j - i
        i = j
    return covered if covered >= _COVER * len(own) else 0


def same_unit(kind: str, unit: str | None, row: Statement) -> bool:
    """A table cell without a unit is a count like the prose's; with one, they must agree. A cell without a unit
    under an indicator named as a share ("因贫辍学率 | 0 | 0") holds a rate, no count of anything."""
    if row.kind != "count" and row.kind != kind:
        return False
    if row.unit is None and row.subject is not None and _CUES.share_name.search(row.subject.name):
        return False
    if kind == row.kind == "amount":
        return True  # both on the 万元 scale, whichever of 元/百元/千元/万元 each was written in
    if row.unit is None and unit is not None and unit[:1] in _SCALES:
        return False  # "2.3万亩" beside a bare "2.3" whose 单位 column may say 万亩: the cell's scale is unknown here
    return (row.unit is None and kind == "count") or (
        row.unit is not None and _PEOPLE.get(row.unit, row.unit) == _PEOPLE.get(unit or "", unit)
    )  # "2,436名" and a row's "2,463人" both count people
