"""The names of a 、-list, as a count's list gives them: where the list ends (its clause, a clause of its own after a
comma), its parts (a quoted name kept whole, 和/及/与 splitting or not by how the names open and end), and whether a
part reads as a name at all. Shared by the count checks (``checks.text_lists``, ``checks.text_listed_rows``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..cues import cues
from ..names import YEAR_PREFIX

_CUES = cues(__name__)
# A quoted name is one name whatever it holds: "共2个：“中央、省、市财政补助资金”、“农村道路养护”".
_BRACKETED = re.compile(r"「[^「」]*」|《[^《》]*》")
_QUOTE_MARKS = '“”"'  # paired in turn, whichever way each is written: “平安校园"建设, “七一“表彰
_HIDDEN = "\ue000"  # stands for one quoted name while a list is split
_SHARED_OPENING = 3  # names that all open with these many characters alike ("县人大…") are one list's names
LONGEST_NAME = 24  # characters of one listed name


def without_name_numbers(words: str) -> str:
    """The words with every number that is part of a name ("文化东路12号院", "东村3组", "G107沿线") blanked: no figure."""
    return _CUES.numbered_in_name.sub("〇", words)


def is_no_name(part: str) -> bool:
    """Does the part read as something else than a name (a number, a clause, a verb of what was done)? A number
    that is part of the name is no figure."""
    return _CUES.not_a_name.search(without_name_numbers(part)) is not None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the quoted names are. Curly and straight marks are paired in the order they come, not by shape:
    texts mix them (“平安校园"建设、"互联网+政务服务"平台运维), and pairing by shape hid the 、 between two names."""
    spans = [m.span() for m in _BRACKETED.finditer(text)]
    marks = [i for i, ch in enumerate(text) if ch in _QUOTE_MARKS and not any(a <= i < b for a, b in spans)]
    spans += [(marks[k], marks[k + 1] + 1) for k in range(0, len(marks) - 1, 2)]
    return sorted(spans)


def list_parts(listed: str) -> list[str]:
    """The parts of a 、-list, a quoted name kept whole."""
    spans = quoted_spans(listed)
    quoted = [listed[a:b] for a, b in spans]
    hidden, at = [], 0
    for a, b in spans:
        hidden += [listed[at:a], _HIDDEN]
        at = b
    parts = "".join([*hidden, listed[at:]]).split("、")
    restored = iter(quoted)
    return [re.sub(_HIDDEN, lambda _: next(restored), part) for part in parts]


def all_quoted(part: str) -> bool:
    """ "“A和B”": one quoted name, whose 和 is its own."""
    part = part.strip()
    return [(0, len(part))] == quoted_spans(part)


def names_clause(listed: str) -> str:
    """ "分别为：北山村、河湾村、…、柳林村集中供水工程，同步配套铺设供水管网…": a 、-list of names ends at the comma
    after it when the clause there names nothing more of their kind (its 、-parts end otherwise than the last name):
    the sentence goes on about what was done. A clause whose parts end as the last name does ("A、B村工程，C、D村
    工程"), or that is a 、-list of parts no longer than its names ("城关镇、东关镇，南庄乡、石门乡"), may go on with the list: the words are
    kept whole (and, holding a comma, read as no list)."""
    head, comma, rest = listed.partition("，")
    if not comma or "、" not in head:
        return listed
    last = head.strip()[-1:]
    following = _CUES.name_end.split(rest)[0].split("、")
    if any(part.strip().endswith(last) for part in following):
        return listed
    longest = max(len(name.strip()) for name in head.split("、"))
    if len(following) >= 2 and all(0 < len(part.strip()) <= longest for part in following):
        return listed  # "城关镇、东关镇，南庄乡、石门乡": a 、-list of names as short as the list's own, going on
    return head


def before_next_clause(listed: str) -> str:
    """ "8个乡（镇），即A镇、B镇、C乡，共141个村卫生室、168名乡村医生": the names end at the comma after which the
    sentence goes on with a clause of its own — one that states a number or opens with a word no name opens with
    (共, 合计, 均, 其中…); a name holds neither, so what follows is no name of the list."""
    found = _CUES.next_clause.search(listed)
    return listed if found is None else listed[: found.start()]


def list_up_to_its_end(words: str) -> str:
    """The words of a list up to where the list ends (its clause or sentence closes, another clause begins)."""
    return _CUES.list_end.split(words)[0]


def listed_names(listed: str, whole: bool = False) -> list[str] | None:
    """The names of a 、-list (None when it is no plain list of names: 等, numbers, clauses, a single name — unless
    the words before it say it is the whole: "建设项目任务1个，即某某建设项目" names one)."""
    listed = listed.strip(" \u3000。").removesuffix("等")
    if whole and "、" not in listed:
        listed = _CUES.name_end.split(listed)[0]  # "即某某项目，同时安排…": one name, up to its clause's end
    if not listed or "等" in listed[-3:]:
        return None
    names = [
        n.strip()
        for part in list_parts(listed)
        for n in ([part] if all_quoted(part) else _CUES.and_word.split(part))
    ]
    if len(names) < (1 if whole else 2) or any(
        not n or len(n) > LONGEST_NAME or is_no_name(YEAR_PREFIX.sub("", n)) for n in names
    ):
        return None
    return names


def opening_alike(parts: list[str]) -> list[str] | None:
    """ "县人大A委员会、…、县人大B委员会和县人大办公室": when every name of a 、-list opens alike, a 和/及/与 followed by
    that opening joins two names, and one followed by anything else ("监察和法制委员会") is inside a name."""
    parts = [p.strip() for p in parts]
    openings = {p[:_SHARED_OPENING] for p in parts}
    if len(parts) < 3 or len(openings) != 1 or any(len(p) <= _SHARED_OPENING for p in parts):
        return None
    opening = openings.pop()
    joined = re.compile(f"(?:{_CUES.and_word.pattern})(?={re.escape(opening)})")
    return [name for part in parts for name in joined.split(part)]


def ending_alike(parts: list[str]) -> list[str] | None:
    """ "办公室、监测预报科、震害防御与法规科、科普宣传科": when names of a 、-list share their last character (科),
        a 和/及/与 whose left side ends in a shared one ("…服务中心及退役军人服务站") joins two names, one whose left side
    does not ("震害防御") is inside a name — when the whole part ends in a shared one ("车辆管理所及指挥中心", ending
    in neither, is two names). None when no two names end alike. Not used on an 等-list, whose count may exceed its
    names anyway: a reading could only raise a doubt there."""
    parts = [p.strip() for p in parts]
    ends = [p[-1] for p in parts if p]
    endings = {e for e in ends if ends.count(e) > 1}
    if len(parts) < 3 or not endings:
        return None
    names: list[str] = []
    for part in parts:
        pieces = _CUES.and_word.split(part)
        joined = [pieces[0]]
        if len(pieces) > 1 and part[-1] not in endings:
            return None  # "车辆管理所及指挥中心", "劳动就业和社会保障服务所": the endings say nothing of this 和/及
        for piece, gap in zip(pieces[1:], _CUES.and_word.findall(part), strict=True):
            # "××县职教中心和××县职业技术学校": a right side repeating the left one's opening is a name of its own
            if joined[-1] and (joined[-1][-1] in endings or _opens_alike(joined[-1], piece)):
                joined.append(piece)
            else:
                joined[-1] += gap + piece
        names.extend(joined)
    return names


def _opens_alike(left: str, right: str) -> bool:
    """Do two sides of a 和 open with the same characters ("××县职教中心", "××县职业技术学校"): two names of one place."""
    left, right = left.strip(), right.strip()
    return len(left) > _SHARED_OPENING and left[:_SHARED_OPENING] == right[:_SHARED_OPENING]


def halves(items: list[str]) -> int:
    """How many parts lack the noun of a project's or fund's name right before a name with it ("农村道路、桥梁养护项目"):
    each may be one name holding 、 with the next."""
    return sum(1 for a, b in pairwise(items) if not _CUES.name_noun.search(a) and _CUES.name_noun.search(b))
