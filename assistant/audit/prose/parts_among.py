"""A list of counts that opens by naming the group it splits: "年末实有人数87人，其中在职56人、退休31人。在职人员中，
管理人员8人、专业技术人员35人、工勤技能人员11人。"

Why: a report states a group's size in one sentence and splits the group in the next, naming it first with 中 ("在职人员
中，", "退休人员中："). The counts after it are that group's parts; the whole is the one count of the sentence before
whose own words name the group ("其中在职56人"). The split may leave a kind out, so a mismatch is a warning
(``loose``, not ``exhaustive``).
Also a staff count followed, in its own sentence and with no 其中, by the counts of the post categories of a public
institution ("在职人员81人，专业技术人员57人、管理人员1人，工勤人员23人"): 管理, 专业技术 and 工勤技能 are the
three categories every post of a 事业单位 belongs to, so the counts named by them right after the staff count are its
parts. A category may be left out: short of the staff count, only a list of all three says something; a mismatch
is a warning either way (``loose``).
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from ..fields import clause_of
from .interval import total
from .model import Breakdown, Statement

_CUES = cues(__name__)
_SHORTEST_NAME = 2  # characters of a group's name (在职, 退休)
_CATEGORY_OF = {"管理": "管理", "专业技术": "专业技术", "工勤": "工勤", "工勤技能": "工勤"}
_FEWEST_CATEGORIES = 2  # post categories named: one alone is a 其中-less remark, not a split


def among(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of a count named by the group a sentence opens with (…中，) into the counts after it."""
    found = []
    sentences = doc.sentences
    for k, sentence in enumerate(sentences[1:], start=1):
        opening = _CUES.group_opening.match(sentence.text)
        if opening is None:
            continue
        group = _CUES.group_noun.sub("", opening.group("group")) or opening.group("group")
        parts = [s for s in statements if s.sentence is sentence and s.kind == "count" and s.role == "value"]
        if len(parts) < 2 or any(p.span in taken or p.unit != parts[0].unit for p in parts):
            continue
        before = sentences[k - 1]
        if before.para_start != sentence.para_start:
            continue
        wholes = [
            s
            for s in statements
            if s.sentence is before
            and s.kind == "count"
            and s.role == "value"
            and s.unit == parts[0].unit
            and _names(clause_of(doc.text[before.start : s.span[0]]), group)
        ]
        if len(wholes) == 1:
            found.append(Breakdown(wholes[0], tuple(parts), False, "中", loose=True))
    return found


def _names(clause: str, group: str) -> bool:
    """Do the words before a count ("其中在职") name the group ("在职")?"""
    label = _CUES.label_head.sub("", clause).strip()
    return len(label) >= _SHORTEST_NAME and (label.endswith(group) or group.endswith(label))


def post_categories(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """Breakdowns of a staff count into the post-category counts that follow it in the same sentence."""
    found = []
    counts = [s for s in statements if s.kind == "count" and s.role == "value" and s.sentence is not None]
    for k, whole in enumerate(counts):
        sentence = whole.sentence
        assert sentence is not None
        head = clause_of(doc.text[sentence.start : whole.span[0]])
        if not _CUES.staff_whole.search(head):
            continue
        parts: list[Statement] = []
        names: set[str] = set()
        end = whole.span[1]
        for part in counts[k + 1 :]:
            between = doc.text[end : part.span[0]]
            category = _CUES.post_category.fullmatch(between.strip(" ，,、;；\u3000"))
            if part.sentence is not sentence or part.unit != whole.unit or category is None:
                break
            name = category.group("category")
            if name in names or part.span in taken:
                break
            names.add(name)
            parts.append(part)
            end = part.span[1]
        every = {_CATEGORY_OF[n] for n in names} == set(_CATEGORY_OF.values())
        if len(parts) >= _FEWEST_CATEGORIES and (
            every or whole.interval().below(total([p.interval() for p in parts]))
        ):  # with a category left out, only a sum above the staff count says something
            found.append(Breakdown(whole, tuple(parts), False, "岗位类别", loose=True))
    return found
