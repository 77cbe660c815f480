"""A total said to come in a number of batches, then each batch by its ordinal: "分两批下达危改任务16971户，第一批任务
8167户，第二批任务8804户".

Why: the count of batches says how many parts there are; when the sentence then names exactly that many batches
(第一批 … 第N批, in order), each with one quantity of the total's kind and unit, the batches are the whole, and
their sum must be the total (``exhaustive``). Fewer or more batches named, or a batch with no quantity, and the
list is left alone.
Also one batch shared out in a later sentence ("（第一批3000万元，第二批2400万元）…其中第二批资金…分配至甲、乙、丙3县，
分别为甲县…、乙县…、丙县…"): the batch's amount stated once, by its ordinal, is the total of the list that names that batch
before its amounts, when the sentence counts as many recipients as it lists amounts. The pairing rests on the
ordinal only: a mismatch is a warning (``loose``).
Also the other way round, a 共/合计 total written after its members, each named by its order in one series (第一批 …
第N批, 首批/次批, 一期/二期, 上半年/下半年, 一季度 … 四季度), each with one quantity of the total's kind, unit and noun.
Bad: 第一批为甲、乙、丙、丁4个村；第二批为戊、己、庚3个村，两批共计8个村 (4 + 3 = 7). Good: 两批共计7个村.
An error when the wording counts the members and names exactly those (两批共计, 两期合计, 分两期实施 … 共计, 全年 after
both halves or all four quarters); otherwise a warning (other members may be left unsaid). Silent: a running figure
(累计, 截至) in the total's or a member's clause, a member of the series named elsewhere in the text (第三批), a member
with no quantity or several, or of another noun (第二批3个乡镇 under 8个村), or of another activity (下半年开展技能鉴定280人次
under 全年共开展培训610人次); rounding is the check's (written precision).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.numbers.numerals import parse_number

from ..cues import cues
from ..document import Document
from .model import Breakdown, Statement
from .parts_rules import compatible

_CUES = cues(__name__)


def in_batches(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of a total written after 分N批 into the N batches named after it in the same sentence."""
    found = []
    for sentence in doc.sentences:
        split = _CUES.split.search(sentence.text)
        if split is None:
            continue
        count = int(parse_number(split.group("n")))
        start = sentence.start + split.end()
        own = [s for s in statements if s.sentence is sentence and s.span[0] >= start and s.span not in taken]
        if not own or own[0].role != "value":
            continue
        total, rest = own[0], own[1:]
        marks = list(_CUES.ordinal.finditer(doc.text, total.span[1], sentence.end))
        if len(marks) != count or [int(parse_number(m.group("k"))) for m in marks] != list(
            range(1, count + 1)
        ):
            continue  # not each batch named once, in order
        parts = []
        for k, mark in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else sentence.end
            within = [s for s in rest if mark.end() <= s.span[0] < end and compatible(total, s)]
            if within:
                parts.append(within[0])
        if len(parts) == count:
            found.append(Breakdown(total, tuple(parts), True, "分批"))
    return found


def batch_shared(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of one batch's amount, stated earlier by its ordinal, into the list a later sentence gives it."""
    found = []
    for sentence in doc.sentences:
        mark = _CUES.ordinal.search(sentence.text)
        if mark is None:
            continue
        opened = sentence.start + mark.end()
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if not own or own[0].span[0] < opened or any(s.role != "value" or s.span in taken for s in own):
            continue
        head = doc.text[opened : own[0].span[0]]
        counted = _CUES.counted_recipients.search(head)
        if len(own) < 2 or counted is None or int(parse_number(counted.group("n"))) != len(own):
            continue
        k = int(parse_number(mark.group("k")))
        earlier = [
            s
            for s in statements
            if s.span[1] <= sentence.start
            and s.kind == "amount"
            and s.role in ("value", "aside")
            and s.unit == own[0].unit
            and _batch_of(doc, s) == k
        ]
        if len({s.interval() for s in earlier}) != 1:
            continue  # no amount of that batch, or several: no safe total
        found.append(Breakdown(replace(earlier[-1], role="value"), tuple(own), True, "第…批", loose=True))
    return found


def _batch_of(doc: Document, statement: Statement) -> int | None:
    """The ordinal of the batch the words right before an amount name ("，第二批2400万元" → 2), or None."""
    assert statement.sentence is not None
    head = doc.text[statement.sentence.start : statement.span[0]]
    marks = list(_CUES.ordinal.finditer(head))
    if not marks or not _CUES.batch_amount_gap.fullmatch(head[marks[-1].end() :]):
        return None
    return int(parse_number(marks[-1].group("k")))


def members_closed(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """Breakdowns of a 共/合计 total written after its members, each named by its order in one series (第一批 …
    第二批, 一期 … 二期, 上半年 … 下半年, 一季度 … 四季度), each with one quantity of the total's kind, unit and noun."""
    found = []
    for total in statements:
        sentence = total.sentence
        if (
            sentence is None
            or total.role != "value"
            or total.kind not in ("count", "amount")
            or total.span in taken
        ):
            continue
        clause = _clause_before(doc, total)
        if not _CUES.closer.search(clause) or _CUES.cumulative.search(clause):
            continue
        read = _members_before(doc, statements, total, taken)
        if read is None:
            continue
        family, ordinals, parts = read
        if _named_elsewhere(doc, family, ordinals):
            continue  # "第三批…" elsewhere: the members read here may not be all of the series
        whole = _counted_whole(doc, total, clause, family, ordinals)
        found.append(Breakdown(total, parts, whole, "第…批合计", loose=not whole))
    return found


def _clause_before(doc: Document, statement: Statement) -> str:
    assert statement.sentence is not None
    return re.split(r"[，,；;。]", doc.text[statement.sentence.start : statement.span[0]])[-1]


def _members_before(
    doc: Document, statements: list[Statement], total: Statement, taken: set[tuple[int, int]]
) -> tuple[str, list[int], tuple[Statement, ...]] | None:
    """The series' family, its ordinals and one quantity per member, read back from the total to the paragraph's
    start or the last 共/合计 before it; None unless every member named there has exactly one quantity like the
    total's and all are of one series, each named once."""
    assert total.sentence is not None
    start = total.sentence.para_start
    clause_start = total.span[0] - len(_clause_before(doc, total))
    for closer in _CUES.closer.finditer(doc.text, start, clause_start):
        start = closer.end()
    marks = list(_CUES.member.finditer(doc.text, start, clause_start))
    if len(marks) < 2:
        return None
    named = [_member_of(m) for m in marks]
    families = {f for f, _ in named}
    ordinals = [k for _, k in named]
    if len(families) != 1 or len(set(ordinals)) != len(ordinals) or ordinals != sorted(ordinals):
        return None
    parts = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else clause_start
        within = [
            s
            for s in statements
            if mark.end() <= s.span[0] and s.span[1] <= end and s.kind == total.kind and s.unit == total.unit
        ]
        like = [s for s in within if compatible(total, s) and _same_noun(total, s)]
        if len(like) != 1 or len(within) != 1 or like[0].span in taken:
            return None  # a member with no quantity, or several, or one of another noun: no safe reading
        if _CUES.cumulative.search(_clause_before(doc, like[0])):
            return None  # "上半年累计…": a running figure holds the members before it
        if not _same_activity(doc.text[mark.end() : like[0].span[0]], _clause_before(doc, total)):
            return None  # "下半年开展技能鉴定280人次" under "全年共开展培训…": another activity, no member
        parts.append(like[0])
    return families.pop(), ordinals, tuple(parts)


def _same_activity(member_lead: str, total_clause: str) -> bool:
    """Whether a member's words name the total's activity: true unless both name one of their own (beside the plain
    words every member carries) and share no two characters in a row ("开展培训" and "全年共开展培训" share 培训;
    "开展技能鉴定" shares nothing of it)."""
    own = [
        re.sub(r"[^\u4e00-\u9fff]", "", _CUES.plain_words.sub("", words))
        for words in (member_lead, total_clause)
    ]
    if any(len(words) < 2 for words in own):
        return True
    pairs = {own[1][i : i + 2] for i in range(len(own[1]) - 1)}
    return any(own[0][i : i + 2] in pairs for i in range(len(own[0]) - 1))


def _member_of(mark: re.Match) -> tuple[str, int]:
    """ "第二批" → ("批", 2), "首批" → ("批", 1), "下半年" → ("半年", 2), "三季度" → ("季度", 3)."""
    if mark.group("half"):
        return "半年", 1 if mark.group("half") == "上" else 2
    if mark.group("first"):
        return "批", 1 if mark.group("first") == "首" else 2
    return mark.group("fam"), int(parse_number(mark.group("k")))


def _same_noun(total: Statement, part: Statement) -> bool:
    """ "第一批4个村 … 第二批3个乡镇": counts of another noun are no members of a total of villages."""
    a, b = total.extra.get("noun"), part.extra.get("noun")
    return a is None or b is None or a == b


def _named_elsewhere(doc: Document, family: str, ordinals: list[int]) -> bool:
    """Does the text name a member of the same series that is not among those read (a 第三批 further on)?"""
    return any(
        f == family and k not in ordinals for f, k in (_member_of(m) for m in _CUES.member.finditer(doc.text))
    )


def _counted_whole(doc: Document, total: Statement, clause: str, family: str, ordinals: list[int]) -> bool:
    """Does the wording say how many members the total has, and are exactly those named ("两批共计", "分两期实施 …
    共计", "全年共" after 上半年 and 下半年)? Then the members are all of the total."""
    assert total.sentence is not None
    complete = ordinals == list(range(1, len(ordinals) + 1))
    if not complete:
        return False
    counted = _CUES.members_counted.search(clause)
    if counted is not None:
        return counted.group("fam") == family and int(parse_number(counted.group("n"))) == len(ordinals)
    if _CUES.whole_year.search(clause):
        return (family, len(ordinals)) in (("半年", 2), ("季度", 4))
    splits = list(_CUES.split_into.finditer(doc.text, total.sentence.para_start, total.span[0]))
    if not splits:
        return False
    return splits[-1].group("fam") == family and int(parse_number(splits[-1].group("n"))) == len(ordinals)


def split_after_total(
    doc: Document, statements: list[Statement], totals: set[tuple[int, int]]
) -> list[Breakdown]:
    """ "中央资金1,000.00万元，分两批下达，第一批586.00万元、第二批441.00万元；省级资金…": an amount written right before
    分N批, then exactly its N batches by ordinal (each with its amount right after it) before the clause ends. The
    batches are that amount's own split, so they must make it up (``exhaustive``), whatever list the amount is itself
    an item of. ``totals``: amounts already read as a whole, left to their reader."""
    found = []
    for sentence in doc.sentences:
        for split in _CUES.split.finditer(sentence.text):
            at = sentence.start + split.start()
            before = [s for s in statements if s.sentence is sentence and s.span[1] <= at]
            if not before or before[-1].role != "value" or before[-1].span in totals:
                continue
            total = before[-1]
            if doc.text[total.span[1] : at].strip(" ，,") or not before[-1].kind == "amount":
                continue  # the amount is not the one 分N批 is said of
            count = int(parse_number(split.group("n")))
            end = _clause_end(doc.text, sentence.start + split.end(), sentence.end)
            marks = list(_CUES.ordinal.finditer(doc.text, sentence.start + split.end(), end))
            if [int(parse_number(m.group("k"))) for m in marks] != list(range(1, count + 1)):
                continue  # not each batch named once, in order, before the clause ends
            parts = [_batch_amount(doc, statements, total, mark) for mark in marks]
            if all(parts):
                found.append(Breakdown(total, tuple(p for p in parts if p), True, split.group()))
    return found


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the clause from ``start`` ends: the first ；/; (the next item of an outer list) or the sentence's end."""
    stop = re.compile("[；;。]").search(text, start, end)
    return stop.start() if stop else end


def _batch_amount(
    doc: Document, statements: list[Statement], total: Statement, mark: re.Match[str]
) -> Statement | None:
    """The amount written right after a batch's ordinal; None when words stand between. Its 口径 is the total's
    whatever verb the batches carry (分两批拨付 reads as paid money, yet each batch is a piece of the amount split)."""
    after = next((s for s in statements if s.span[0] >= mark.end()), None)
    if after is None or after.kind != total.kind or after.role != "value":
        return None
    return after if _CUES.batch_amount_gap.match(doc.text[mark.end() : after.span[0]]) else None


def own_splits_apart(found: list[Breakdown]) -> list[Breakdown]:
    """ "其中，中央资金180万元，分两批下达：第一批120万元…第二批60万元…；省级资金45万元": a list one of whose parts has its
    own split read as well (180 into 120 + 60) holds that split's parts as the part's, not as items of its own; they
    leave the outer list (which is dropped when fewer than two parts are left). Money only, split by a cue that says
    the split is whole: "涉及6个乡镇，分别为：A镇12个村…，共计50个村" counts places, then the villages of each."""
    kept = []
    for outer in found:
        spans = {p.span for p in outer.parts}
        inner = {
            p.span
            for b in found
            if b is not outer
            and b.total.kind == "amount"
            and b.exhaustive
            and b.total.span in spans
            and {q.span for q in b.parts} <= spans
            for p in b.parts
        }
        if not inner:
            kept.append(outer)
        elif len(spans - inner) >= 2:
            kept.append(replace(outer, parts=tuple(p for p in outer.parts if p.span not in inner)))
    return kept
