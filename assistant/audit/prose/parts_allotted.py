"""A fund shared out by a counted list in a sentence of its own: "中央资金按因素法分配至4个县区：甲县820万元、乙县…、
丙县…、丁县…", after the sentence that states the fund's money ("…补贴资金，合计下达3260万元"); or one recipient a
numbered line after the list sentence ("项目资金按因素法分配至9个县（市、区），具体如下：⏎1.麒麟区，…362万元；⏎2.…").

Why: a report states what it received, then how it passed the money on. The list sentence states no total of its
own, but it counts its recipients and lists as many amounts, with no 等: the list is complete. Its whole is the
money of the nearest sentence before it that states money, when that sentence states one amount only, in the same
section, and names the fund the list names ("中央"); a list of bare 资金 ("资金按…分配至5个县区，分别为：", "项目资金…") shares out
the fund that sentence states, its first amount, when its other amounts are only that fund's sources. The pairing rests on that reading, so a sum off the total is a
warning (``loose``); the count makes the list whole (``exhaustive``), so a sum short of it is said as well.
Also a split by place announced with no count ("分县（市、区）资金分配情况如下：甲区98万元、…", "分县情况为：城区7个、
35万元；…", "按乡镇分配如下：…"), its items maybe one a ；-sentence: 分县/按乡镇 says the list is the fund's whole split
(a warning either way, the whole being the reading above; a list ending in 等 is left alone). A sentence stating only
a standard ("按每站每年5万元的标准切块下达") states no money of its own and is passed over on the way up.
Bad: 共安排资金1,860万元…。分县资金分配情况如下：甲区98万元、…（合计1,878万元）.  Good: the same summing to 1,860万元.
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


def split_by_place(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """Breakdowns of a fund's split by place or recipient told in a sentence of its own, with no count: "分县（市、区）
    资金分配情况如下：甲区98万元、乙县146万元…", "分县情况为：城区7个、35万元；…；沁水县14个、70万元。", "按乡镇分配如下：…".
    The list may run over sentences that end in ；. Its whole is the fund the nearest sentence before it states
    (``_money_before``); a split written as 分X…如下/为 is the whole split, but which earlier amount it splits is a
    reading, so the breakdown is ``loose`` (a warning)."""
    found = []
    for k, sentence in enumerate(doc.sentences):
        match = _CUES.split_by_place.search(sentence.text)
        if match is None or _CUES.more.search(_run_of(doc, k)):
            continue
        opened = sentence.start + match.end()
        run = _run_sentences(doc, k)
        own = [s for s in statements if s.sentence in run and s.kind == "amount" and s.span[0] >= opened]
        if len(own) < 2 or any(s.span in taken or s.role != "value" or not s.exact_claim for s in own):
            continue
        name = _CUES.generic_name.sub("", _CUES.year.sub("", clause_of(match.group("name"))).strip())
        whole = _money_before(doc, statements, k, name)
        if whole is not None and all(_CUES.money_unit.fullmatch(s.unit or "") for s in own):
            found.append(Breakdown(whole, tuple(own), True, "分配情况", loose=True))
    return found


def _run_sentences(doc: Document, k: int) -> list[Sentence]:
    """The ``k``-th sentence and those after it in its paragraph while each before ends in ；: one list's items."""
    run = [doc.sentences[k]]
    for sentence in doc.sentences[k + 1 :]:
        if sentence.para_start != run[-1].para_start or not run[-1].text.rstrip().endswith(("；", ";")):
            break
        run.append(sentence)
    return run


def _run_of(doc: Document, k: int) -> str:
    return "".join(s.text for s in _run_sentences(doc, k))


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
        amounts = [
            s for s in statements if s.sentence is sentence and s.kind == "amount" and s.field != "unit_price"
        ]
        if not amounts:
            continue  # no money, or only a standard ("按每站每年5万元的标准…切块下达")
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
