"""Subjects a report's numbers are about, found from the report's own structure, not from a list of names.

Projects come from the places a report names them as the head of something: a list item or heading
("3.基层党建信息化平台建设经费项目59.2万元", "（一）义务教育…补助项目", a run-in "（一）XX项目。全年预算…"), an enumeration line ("XX经费项目：1.92万元"),
a paragraph that opens with a name and a 口径 ("XX项目年初预算数468.75万元"), a quoted name followed by 项目.
Fund sources (中央/省级/市级/县级/自治区, 当年财政拨款, 上年结转…) are read from the words before a number.
Statements (numbers with subjects) are built in ``statements``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document
from ..fields import CARRY_IN, clause_of
from ..names import YEAR_PREFIX, name_key
from .model import Statement, Subject

_CUES = cues(__name__)
_GENERIC_KEYS = frozenset(
    {"项目", "专项", "预算", "财政", "财政资金", "专项资金", "项目资金", "预算资金", "资金", "经费", "工程"}
)

# Fund sources, by the labels messages show: the k-th is the one the group s<k> of the cue ``source_re`` finds
# (当年财政拨款, 上年结转, …; "我县/全县/本县…下达" names the place that receives the money, not a level).
_SOURCE_LABELS: tuple[str, ...] = (
    "当年财政拨款",
    "上年结转",
    "其他资金",
    "自筹资金",
    "社会资金",
    "单位资金",
    "财政专户资金",
    "银行贷款",
    "中央资金",
    "自治区资金",
    "省级资金",
    "市级资金",
    "县级资金",
    "区级资金",
    "地方资金",
    "本级资金",
    "上级资金",
    "财政拨款",
)


def _clean(name: str) -> str:
    """A discovered name as a project's display name: no quotes, no trailing 项目, no doubled 经费."""
    name = name.strip(' \t“”"「」『』')
    close = next((k for k, c in enumerate(name) if c in "”」』"), -1)
    rest = name[close + 1 :] if close > 0 else ""
    if close > 0 and not any(c in "“「『" for c in name[:close]) and re.match(r"项目\S", rest):
        # "“送戏下乡”项目为市级财政安排的…项目": the quote opened before the name closes inside it, 项目 and a clause
        # after it: the quoted words are the name, the rest says what the project is ("“春风行动”就业服务经费项目"
        # goes on naming it)
        name = name[:close]
    name = re.sub(r"(经费)+项目$", "经费", name)
    name = re.sub(r"(经费)(经费)+", r"\1", name)
    stripped = name.removesuffix("项目")
    return stripped if len(stripped) >= 4 else name


def _acceptable(name: str) -> bool:
    key = name_key(name)
    bare = YEAR_PREFIX.sub("", name)
    if (
        len(key) < 4
        or key in _GENERIC_KEYS
        or _CUES.not_a_name_start.match(bare)
        or _CUES.not_a_name_end.search(name)
    ):
        return False
    if _CUES.not_in_a_name.search(name) or len(_CUES.generic_words.sub("", bare)) < 4:
        return False
    return not _is_source_phrase(key)  # "中央补助资金" is a fund source, not a project


def without_source_names(text: str) -> str:
    """``text`` with its fund-source names taken out ("上年结转资金支出" → "资金支出"), so that the 口径 word left
    is the figure's own and a phrase made only of source words shows as such."""
    return CARRY_IN.sub("", _CUES.source_re.sub("", text))


def _is_source_phrase(key: str) -> bool:
    rest = without_source_names(key)
    return not re.sub(r"资金|财政|补助|专项|配套|转移支付|拨款|经费|衔接|预算内|下达|安排|项目", "", rest)


def find_project_names(doc: Document) -> list[str]:
    """Project names in the order the report first names them, one per distinct name key."""
    text = doc.text[: doc.body_end]
    found: list[tuple[int, str]] = []
    for heading in doc.headings:
        match = _CUES.heading_name.match(heading.text)
        if match:
            found.append((heading.start, match.group("name")))
    seen_paragraphs: set[int] = set()
    for sentence in doc.sentences:
        if sentence.para_start in seen_paragraphs:
            continue
        seen_paragraphs.add(sentence.para_start)
        line = text[sentence.para_start : sentence.para_end]
        match = _CUES.item_head.match(line) or _CUES.run_in_head.match(line)  # "（一）XX项目。全年预算…"
        if match and _item_of_spending(text, sentence.para_start, match.group("name")):
            continue
        rest = line[match.end("name") :] if match else ""
        if match and not _CUES.title_rest.match(rest) and not _CUES.document_line.match(rest):
            found.append((sentence.para_start + match.start("name"), match.group("name")))
    for pattern in (_CUES.quoted, _CUES.labelled, _CUES.inline_item, _CUES.sentence_head):
        for match in pattern.finditer(text):
            found.append((match.start("name"), match.group("name")))
    names: list[str] = []
    keys: set[str] = set()
    for _, raw in sorted(found):
        name = _clean(raw)
        key = name_key(name)
        if _acceptable(name) and key not in keys:
            keys.add(key)
            names.append(name)
    return names


def _item_of_spending(text: str, line_start: int, name: str) -> bool:
    """ "累计支出1,958.72万元，具体为：⏎（一）新建集中供水工程1,126.50万元；⏎（二）…": a numbered line under a paragraph
    that opens a list of what the money went to is an item of that money, not a project (unless it calls itself
    one: "1.XX项目59.2万元")."""
    line = text[line_start:].partition("\n")[0]
    if name.endswith("项目") or not _CUES.spending_item_line.match(line):
        return False
    before = text[:line_start].rstrip("\n")
    paragraph = before[before.rfind("\n") + 1 :]
    while paragraph and _CUES.spending_item_line.match(paragraph) and before:  # an earlier item of the list
        before = before[: before.rfind("\n")].rstrip("\n") if "\n" in before else ""
        paragraph = before[before.rfind("\n") + 1 :]
    return bool(_CUES.spending_list_opener.search(paragraph))


def source_start(clause: str) -> int | None:
    """Where the last fund source ``clause`` names begins ("长者食堂市级奖补" → 4), or None."""
    found = [m.start() for m in _CUES.source_re.finditer(clause)]
    return found[-1] if found else None


def of_sources(words: str) -> bool:
    """Does the last clause of ``words`` name fund sources ("截至年底，中央、省级资金" before 全部到位)? A claim of
    such a clause speaks of those sources, not of all the money."""
    return source_label(clause_of(words)) is not None


def source_label(clause: str) -> str | None:
    """The fund source the end of ``clause`` names (the last one written), or None."""
    found = [m.lastgroup for m in _CUES.source_re.finditer(clause) if m.lastgroup]
    return _SOURCE_LABELS[int(found[-1][1:])] if found else None


def issued_wholes(statements: list[Statement]) -> list[Statement]:
    """A budget "省级下达<project>…" is the project's whole budget, the level only who handed it down, when the text
    names no other fund source of that project ("中央下达…1200万元；省级下达…950万元" stay two sources' shares)."""
    labels: dict[Subject, set[str]] = {}
    for s in statements:
        if s.kind == "amount" and s.subject is not None and s.subject.kind == "source" and s.subject.parent:
            labels.setdefault(s.subject.parent, set()).add(s.subject.name)
    return [
        replace(s, subject=s.subject.parent)
        if s.extra.get("issued")
        and s.subject is not None
        and s.subject.parent is not None
        and len(labels.get(s.subject.parent, ())) == 1
        else s
        for s in statements
    ]
