"""A fund shared out by a counted list in a sentence of its own: "中央资金按因素法分配至4个县区：甲县820万元、乙县…、
丙县…、丁县…", after the sentence that states the fund's money ("…补贴资金，合计下达3260万元"); or one recipient a
numbered line after the list sentence ("项目资金按因素法分配至9个县（市、区），具体如下：⏎1.麒麟区，…362万元；⏎2.…").

Why: a report states what it received, then how it passed the money on. The list sentence states no total of its
own, but it counts its recipients and lists as many amounts, with no 等: the list is complete. Its whole is the
money of the nearest sentence before it that states money, when that sentence states one amount only, in the same
section, and names the fund the list names ("中央"); a list of bare 资金 ("资金按…分配至5个县区，分别为：", "项目资金…") shares out
the fund that sentence states, its first amount, when its other amounts are only that fund's sources. The pairing rests on that reading, so a sum off the total is a
warning (``loose``); the count makes the list whole (``exhaustive``), so a sum short of it is said as well.
"""

from __future__ import annotations

from assistant.numbers.numerals import parse_number

from ..cues import cues
from ..document import Document, Sentence
from ..fields import clause_of
from .model import Breakdown, Statement

_CUES = cues(__name__)


def counted_allotment(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """Breakdowns of a counted, complete allocation list against the one amount stated in the sentence before."""
    found = []
    for k, sentence in enumerate(doc.sentences):
        match = _CUES.allotted_to.search(sentence.text)
        if match is None:
            continue
        opened = sentence.start + match.end()
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if not own and not sentence.text[match.end() :].strip():
            own = _lines_below(
                doc, statements, k
            )  # "…分配至9个县（市、区），具体如下：⏎1.甲区…362万元；⏎2.…"
        if len(own) < 2 or any(
            s.span[0] < opened or s.span in taken or s.role != "value" or not s.exact_claim for s in own
        ):
            continue  # an amount before the list (a share of its own), or one that is no plain value
        if len(own) != int(parse_number(match.group("count"))) or _CUES.more.search(
            sentence.text[match.end() :]
        ):
            continue  # as many amounts as recipients counted, none left to 等: the list is whole
        name = _CUES.generic_name.sub("", _CUES.year.sub("", clause_of(match.group("name"))).strip())
        whole = _money_before(doc, statements, k, name)
        if whole is not None and all(s.unit == whole.unit for s in own):
            found.append(Breakdown(whole, tuple(own), True, "分配至", loose=True))
    return found


def _lines_below(doc: Document, statements: list[Statement], k: int) -> list[Statement]:
    """The amounts of the lines right after the ``k``-th sentence, numbered 1, 2, 3… in order, one amount each: the
    list written one item a line. None when a numbered line holds no amount or more than one."""
    found: list[Statement] = []
    for sentence in doc.sentences[k + 1 :]:
        number = _CUES.item_line.match(sentence.text)
        if number is None or sentence.start != sentence.para_start or int(number.group(1)) != len(found) + 1:
            break
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if len(own) != 1:
            return []
        found.append(own[0])
    return found


def _money_before(doc: Document, statements: list[Statement], k: int, name: str) -> Statement | None:
    """The one amount of the nearest sentence before the ``k``-th that states money, in its section, named by
    ``name`` before the amount. A bare 资金 (no ``name``) is the fund that sentence states: its first amount,
    the others being only that fund's sources ("共下达…资金3,860万元，其中中央资金…，省级资金…")."""
    if len(name) == 1:
        return None
    here: Sentence = doc.sentences[k]
    for sentence in reversed(doc.sentences[:k]):
        if sentence.section is not here.section:
            return None
        amounts = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if not amounts:
            continue
        whole, rest = amounts[0], amounts[1:]
        if whole.role != "value" or whole.field not in ("budget", None):
            return None
        if not name:
            return (
                whole
                if all(s.subject.kind == "source" and s.subject is not whole.subject for s in rest)
                else None
            )
        return whole if not rest and name in doc.text[sentence.start : whole.span[0]] else None
    return None
