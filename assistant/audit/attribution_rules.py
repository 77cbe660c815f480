"""Subject rules of claim attribution: where a name or an amount in a sentence is NOT what it first seems.

``claims.ClaimExtractor`` gives each number the project named nearest before it (or later in the sentence, or
earlier in the paragraph, or in the heading above). Three kinds of words break that reading, and each is a rule
here:

- a closed aside: a project named only inside a bracket that closes before the number speaks of the aside alone.
  Bad (the rate read as 园林绿化养护提升项目's): "…上年结转资金590.00万元（全部为园林绿化养护提升项目结转）；全年执行
  9,750.50万元". Good: the words after the bracket keep the sentence's own subject (the unit).
- a list of uses: a name that is one item of what the money is used for or covers is no subject of the words
  around that clause. Bad (amount and rate read as 学生资助's): "项目支出8,471.56万元，主要用于学生资助、教师培训、
  校园安全等。全年预算执行率98.07%". Good: both are the unit's.
- a rest list: the parts listed after a left-over amount are money left, not budgets. Bad (a budget of 354.78万元
  read from 工程款): "结转下年继续使用436.50万元，包括A尚未结算的工程款354.78万元和B未到验收节点的补助资金81.72万元".
  Good: both parts are ``unspent_part`` of the 436.50万元.
"""

from __future__ import annotations

from .cues import cues
from .fields import clause_of, opens_rest_parts, rest_part
from .names import NameMention

_CUES = cues(__name__)


def in_rest_list(field: str | None, window: str, since: str | None, listing: bool) -> tuple[str | None, bool]:
    """An amount's field, when a list of a left-over amount's parts may hold it ("结转下年继续使用436.50万元，包括A尚未
    结算的工程款354.78万元和B未到验收节点的补助资金81.72万元"): each part is money left (``unspent_part``), not a
    budget its money noun would read as. ``since`` is the text since the last left-over amount of the sentence (None:
    there is none); the list, once opened (包括, 其中…), stays open while its items name no other stage. Returns the
    field and whether the list is open."""
    if since is None:
        return field, False
    opened = (listing and not _CUES.rest_list_break.search(since)) or opens_rest_parts(since)
    if opened and rest_part(field, clause_of(window)):
        return (field if field == "unspent" else "unspent_part"), True
    return field, False


def closed_aside(text: str, start: int, name: NameMention, offset: int) -> bool:
    """Is ``name`` written inside a bracketed aside that closes before ``offset`` ("…上年结转资金590.00万元（全部为
    园林绿化养护提升项目结转）；全年执行9,750.50万元")? The aside speaks of that project; the words after it go on
    with the sentence's own subject."""
    return (
        _open_brackets(text[start : name.start]) > 0
        and _open_brackets(text[name.end : offset][::-1], "）)") > 0
    )


def listed_use(text: str, name: NameMention, offset: int | None = None) -> bool:
    """Is ``name`` one item of a list of what money is used for or what something covers ("主要用于学生资助、教师培训、
    校园安全等", "包括A和B") whose clause ends before ``offset`` (None: anywhere)? The list names several things the money
    went to; the words before it and after its clause speak of the money, not of the item named."""
    start = max(text.rfind(mark, 0, name.start) for mark in _CLAUSE_MARKS) + 1
    end = min((k for k in (text.find(mark, name.end) for mark in _CLAUSE_MARKS) if k >= 0), default=len(text))
    if offset is not None and end > offset:
        return False
    listed = _CUES.use_list.search(text[start:end])
    return listed is not None and start + listed.start() < name.start


_CLAUSE_MARKS = "，,；;。\n"


def _open_brackets(words: str, opening: str = "（(") -> int:
    """How many brackets ``words`` leaves open (read from its end back when ``opening`` is the closing marks)."""
    depth = 0
    for char in words:
        if char in opening:
            depth += 1
        elif char in "（()）" and depth:
            depth -= 1
    return depth
