"""REPEAT_MISMATCH as a net: one figure written twice, the second time one keystroke off, whatever words carry it
("惠及农户18,462户" … "受益农户18,642户"; "项目支出813.46万元" … "项目支出831.46万元").

Why: ``text_transposed_repeats`` and ``text_transposed_counts`` tie two figures only for subjects the statement
reader settled or head counts; the slip of a figure copied by hand (two neighbours swapped, or one digit struck in a
figure of four significant digits or more) falls on any quantity: households, kilometres, square metres, an amount
of no settled subject, a row of the 自评表. Two figures of one kind and unit family in different sentences or cells,
one keystroke apart, with the same name of two characters or more written right before both (or the same row name)
are very rarely two true quantities. Not of two periods, days, versions, places, batches, list items or stages
(计划 / 实际, 目标 / 完成, 年初 / 年末, 新增, 累计); not two cells of one row (target and actual). The tie rests on the
digits, so always a warning.
A verb of reach before the noun (惠及农户 / 受益农户) names one group, a qualifier (城镇 / 农村) two. Where the
text's own arithmetic makes exactly one of the two (``repeat_confirm``: a sum of parts, a part of a stated whole,
count × standard, a rate's dividend or divisor), a weaker shared name ties them, a part's 其中 or a row's 实际 is no
other stage, and the unmade one is pointed at. Without such arithmetic, a row's 实际 against a plain prose figure is tied only by a
long name both sentences write (基本殡葬服务费用). A bracketed figure ("一标段（合同金额…）") is named by the item
before its bracket; bars may be full-width (｜).
Bad: 惠及农户18,462户 … 受益农户18,642户; 新建道路12.48公里 … 新建道路12.84公里; 下达6,240.00万元，其中中央4,680.00万元、
省级1,560.00万元 … 全州6,420.00万元.
Good: 计划新建道路12.48公里 … 实际新建道路12.84公里 (two stages); 甲县农户1,326户 … 乙县农户1,362户 (two places);
2023年农户1,326户 … 2024年农户1,362户 (two years); 农户326户 … 农户362户 (a swap in three digits with no row name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.keystroke import one_keystroke, transposed, written_digits

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.items import in_table_row, other_items, other_line_heads, restarted_list
from ..prose.model import Statement
from ..prose.periods import conflicting, last_year_and_this, other_days, other_versions, other_years
from ..registry import check_unit
from .repeat_confirm import confirmed
from .repeat_index import SlipIndex
from .repeat_keys import batch
from .text_repeats import repeat_finding
from .text_transposed_counts import clause_scope
from .text_transposed_repeats import two_places

_CUES = cues(__name__)
_KINDS = frozenset({"amount", "count", "percent", "score"})
# written units of one family: the same quantity may be written in either
_BOUND_MARKS = ("≥", "≤", "≧", "≦", ">", "<", "＞", "＜")
_NARROW = frozenset({"percent", "score"})
_FAMILY = {"名": "人", "km": "公里", "千米": "公里", "㎡": "平方米", "m2": "平方米", "m²": "平方米"}
_NAME_REACH = 8
_QUOTES = "“”‘’「」"
_MIN_NAME = 2
_MIN_COMMON = 3
_MIN_SHARED = 4  # characters two sentences must share to tie a pair the text's arithmetic settles
_MIN_LONG = 6  # characters of a name two sentences share that ties a pair no arithmetic settles
_LOOSE_SCOPE = frozenset(
    {"其中", "实际"}
)  # a part named again alone, a row's actual value: not another stage
_JOINERS = "和及与"  # conjunctions that join two nouns of one group
_JOINT_REACH = 4  # characters further back a joint name's qualifier may stand
_WHY_SWAP = "两数仅相邻两位数字互换，疑为笔误"
_WHY_STRUCK = "两数仅一位数字不同，疑为笔误"


@check_unit(also=("REPEAT_MISMATCH",), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    figures = [s for s in ctx.facts.statements if _candidate(s)]
    near = SlipIndex(figures, lambda s: (s.kind, _family(s), s.places))
    for k, later in enumerate(figures):
        for earlier in (figures[i] for i in near.before(k)):
            if (
                earlier.kind == later.kind
                and _family(earlier) == _family(later)
                and earlier.places == later.places
                and earlier.sentence is not later.sentence
                and not _one_line(text, earlier, later)
                and (why := _slip(earlier, later))
                and not _apart(ctx, earlier, later)
            ):
                made = {s.span: confirmed(ctx, s) for s in (earlier, later)}
                one_made = bool(made[earlier.span]) != bool(made[later.span])
                scoped = _same_scope(text, earlier, later)
                loose = _part_or_actual(text, earlier, later)
                if not (scoped or loose):
                    continue
                right, wrong = earlier, later
                name = _shared_name(text, earlier, later) if scoped else _long_name(earlier, later)
                if not (scoped or one_made or name):
                    continue
                # the text's own arithmetic makes one: it is right, and a weaker name ties the two
                if one_made:
                    right, wrong = (earlier, later) if made[earlier.span] else (later, earlier)
                    rate = _wide_name(text, right) if right.kind == "percent" else ""
                    name = name or _weak_name(text, earlier, later) or rate
                    why = f"{why}；{made[right.span]}"
                # a bracketed figure is tied only by the item its bracket describes ("一标段（合同金额…）")
                if not name or any(
                    s.role == "aside" and name not in _bracketed(text, s) for s in (earlier, later)
                ):
                    continue
                ctx.facts.mark(earlier, later)
                # "同一…" sorts after the other repeat checks' messages: where one of them reports the pair, its finding stands
                yield repeat_finding(ctx, right, wrong, f"同一“{name}”", proven=False, why=why)
                break


def _candidate(s: Statement) -> bool:
    """An exact figure of a kind a slip can be told in (an amount, a count, a rate, a score)."""
    return (
        s.kind in _KINDS
        and s.exact_claim
        and s.sentence is not None
        and s.unit is not None
        and not s.text.startswith(_BOUND_MARKS)  # a target's bound ("≥120场") is not a figure reached
    )


def _family(s: Statement) -> str | None:
    return _FAMILY.get(s.unit or "", s.unit)


def _slip(a: Statement, b: Statement) -> str:
    """The slip that takes one figure to the other, for the message: two neighbours swapped (three digits or
    more), or one digit struck (four significant digits or more); "" when neither."""
    da, db = written_digits(a.raw, a.places), written_digits(b.raw, b.places)
    # a swap of a round figure's zero (150 / 105, 120.00 / 102.00) is two round figures more often than a slip
    if transposed(da, db, 3) and min(len(da.rstrip("0")), len(db.rstrip("0"))) >= 3:
        return _WHY_SWAP
    # rates and scores crowd a narrow range (95.74, 97.74): one digit struck ties them only at five digits
    if abs(a.raw - b.raw) == Decimal(1).scaleb(-a.places):
        return ""  # the last place one apart (248.73 / 248.74) is a rounding more often than a slip
    if one_keystroke(a.raw, b.raw, a.places, 5 if a.kind in _NARROW else 4):
        return _WHY_STRUCK
    return ""


def _in_row(text: str, s: Statement) -> bool:
    """A cell of a row, its cells set off by ASCII or full-width bars ("新建污水管网长度｜≧16公里｜16.84公里")."""
    start = text.rfind("\n", 0, s.span[0]) + 1
    end = text.find("\n", s.span[1])
    return in_table_row(text, s) or "｜" in text[start : len(text) if end < 0 else end]


def _one_line(text: str, a: Statement, b: Statement) -> bool:
    """Two cells of one row (指标值 and 实际完成值) are two quantities."""
    first, second = sorted((a.span[0], b.span[0]))
    return (_in_row(text, a) or _in_row(text, b)) and text.find("\n", first, second) < 0


def _same_scope(text: str, a: Statement, b: Statement) -> bool:
    """The same stage and scope words in both figures' clauses (计划 / 实际, 年初 / 年末, 新增, 累计); a row's cell
    says its stage by its column, so beside one only a plan's or a past's word in the prose sets the two apart."""
    first, second = clause_scope(text, a), clause_scope(text, b)
    if first == second:
        return True
    cell = [_in_row(text, s) for s in (a, b)]
    if cell[0] == cell[1]:
        return False
    prose = second if cell[0] else first
    return not any(_CUES.plan.fullmatch(word) for word in prose)


def _apart(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Do the words around the two figures make them two quantities (periods, days, versions, places, list items,
    instalments)?"""
    text = ctx.doc.text
    return (
        conflicting(text, a, b)
        or other_years(text, a, b)
        or last_year_and_this(text, a, b)
        or other_days(text, a, b)
        or other_versions(text, a, b)
        or other_items(text, a, b)
        or other_line_heads(text, a, b)
        or restarted_list(text, a, b)
        or two_places(text, a, b)
        or batch(ctx, a) != batch(ctx, b)
        or _months(text, a) != _months(text, b)
        or _two_stages(text, a, b)
        or _two_rows(text, a, b)
        or _gap_stated(ctx, a, b)
        or _two_bracketed_items(text, a, b)
        or (a.kind == "percent" and a.value + b.value == 100)  # two shares of one whole (72.50% / 27.50%)
    )


def _part_or_actual(text: str, a: Statement, b: Statement) -> bool:
    """Do the two figures' scope words differ only by a part's 其中 or an actual's 实际 ("其中公务用车运行维护费4.36万元"
    … "公务用车运行维护费4.63万元")? Those name the same quantity again, not another stage."""
    return clause_scope(text, a) ^ clause_scope(text, b) <= _LOOSE_SCOPE


def _weak_name(text: str, a: Statement, b: Statement) -> str:
    """A name both figures carry, for a pair the text's arithmetic settles: two characters or more of the words
    right by both (全年累计资助 / 资助学生人次), or four or more both sentences write; not a wide word alone."""
    runs = [
        re.findall(r"[\u4e00-\u9fff]+", s.sentence.text) if s.sentence is not None else [] for s in (a, b)
    ]
    for found, least in (
        (_common(_words(text, a), _words(text, b)), _MIN_NAME),
        (_common(*runs), _MIN_SHARED),
    ):
        if len(found) >= least and _CUES.wide.sub("", found) and not _staged_after(text, a, b, found):
            return found
    return ""


def _long_name(a: Statement, b: Statement) -> str:
    """A long name both sentences write (基本殡葬服务费用), for a pair whose scopes differ only by a row's 实际 or a
    part's 其中 and that no arithmetic settles: only a name of ``_MIN_LONG`` characters or more ties them then."""
    runs = [
        re.findall(r"[\u4e00-\u9fff]+", s.sentence.text) if s.sentence is not None else [] for s in (a, b)
    ]
    found = _common(*runs)
    return found if len(found) >= _MIN_LONG and _CUES.wide.sub("", found) == found else ""


def _two_rows(text: str, a: Statement, b: Statement) -> bool:
    """Two rows of a table under two names (生活补贴月均享受人数 / 护理补贴月均享受人数) are two indicators."""
    first, second = _row_name(text, a), _row_name(text, b)
    return bool(first) and bool(second) and first != second


def _gap_stated(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Is the gap between the two figures stated in one of their paragraphs ("中央救灾资金76178万元…（含省级配套资金
    2000万元）…合计分配下达资金78178万元")? Then the text makes the one from the other: two quantities."""
    gap = abs(a.value - b.value)
    paragraphs = {s.sentence.para_start for s in (a, b) if s.sentence is not None}
    return any(
        s.kind == a.kind and s.value == gap and s.sentence is not None and s.sentence.para_start in paragraphs
        for s in ctx.facts.statements
    )


def _two_stages(text: str, a: Statement, b: Statement) -> bool:
    """Do the names before the two figures say two stages of the money ("项目支出预算1,946.40" / "项目支出1,926.40",
    "其中：一标段1,153.62" / "一标段已支付1,135.62")?"""
    first, second = (frozenset(_CUES.stage.findall(_name_before(text, s))) for s in (a, b))
    return bool(first) and bool(second) and first != second


def _months(text: str, s: Statement) -> str | None:
    """The part of the year the figure's sentence says before it ("1—6月", "下半年", "第三季度"): two parts, two
    quantities."""
    if s.sentence is None:
        return None
    found = _CUES.months.findall(text, s.sentence.start, s.span[0])
    return found[-1] if found else None


def _shared_name(text: str, a: Statement, b: Statement) -> str:
    """The name written right before both figures: the longest common ending, two characters or more, of the
    Chinese words right before each (a linking word such as 为, 达, 共 left off), or the row name of two cells;
    "" when none, or only a word too wide to say which quantity (资金, 金额)."""
    na, nb = _name_before(text, a), _name_before(text, b)
    k = 0
    # "脱贫户和监测户" / "脱贫户及监测户": one joint group, whichever conjunction joins its two nouns
    while k < min(len(na), len(nb)) and (
        na[-1 - k] == nb[-1 - k] or (na[-1 - k] in _JOINERS and nb[-1 - k] in _JOINERS)
    ):
        k += 1
    if any(ch in _JOINERS for ch in na[len(na) - k :]) and k >= min(len(na), len(nb)):
        # a joint name fills the reach: its qualifier (甲县 / 乙县) stands further back, read it there
        na, nb = (_name_at(text, s.span[0], _NAME_REACH + _JOINT_REACH) for s in (a, b))
    name = na[len(na) - k :] if k else ""
    # with no common ending there is no shared noun to qualify: the two runs are just other words
    qualified = (
        k > 0
        and len(na) >= k + 2
        and len(nb) >= k + 2
        and na[-k - 2 : len(na) - k] != nb[-k - 2 : len(nb) - k]
    )
    reached = all(_CUES.reach.fullmatch(w[len(w) - k - 2 : len(w) - k]) for w in (na, nb))
    if (
        qualified and not reached
    ):  # 城镇低保对象 / 农村低保对象: two groups; 惠及农户 / 受益农户: one group reached
        return ""
    if len(name) >= _MIN_NAME and _CUES.stage.sub("", _CUES.wide.sub("", name)):
        return name  # not wide and stage words alone ("经费预算" ends two items' names alike)
    common = _common(_words(text, a), _words(text, b))
    if len(common) < _MIN_COMMON or not _CUES.stage.sub("", _CUES.wide.sub("", common)):
        return ""
    return "" if _staged_after(text, a, b, common) else common


def _staged_after(text: str, a: Statement, b: Statement, common: str) -> bool:
    """Is a stage written after the shared words ("一标段已支付")? It makes the figure that stage's, not the name's."""
    staged = [w for s in (a, b) if common in (w := _name_before(text, s))]
    # "三公经费支出" is what "三公经费" names: a cost's spending is no other stage of it
    return any(
        (after := w[w.index(common) + len(common) :])
        and _CUES.stage.search(after)
        and not (common.endswith("费") and after == "支出")
        for w in staged
    )


def _words(text: str, s: Statement) -> list[str]:
    """The words that may name a figure: the run right before it, its row's name cell, and the run right after its
    unit ("带动326户脱贫户增收" → 脱贫户增收)."""
    after = text[s.span[1] : s.span[1] + _NAME_REACH]
    run = _CUES.run.match(after)
    return [_name_before(text, s), _row_name(text, s), run.group(0) if run else "", _bracketed(text, s)]


def _two_bracketed_items(text: str, a: Statement, b: Statement) -> bool:
    """A bracketed figure's item against another item of the same noun ("乙标段（合同金额…）" / "甲标段…"): two items."""
    names = [_bracketed(text, s) or _name_before(text, s) for s in (a, b)]
    if not any(_bracketed(text, s) for s in (a, b)) or names[0] == names[1]:
        return False
    return min(len(n) for n in names) >= _MIN_NAME and names[0][-_MIN_NAME:] == names[1][-_MIN_NAME:]


def _bracketed(text: str, s: Statement) -> str:
    """For a figure in brackets ("一标段（合同金额1,276.45万元）"), the name right before the bracket: what it
    describes; "" for any other figure."""
    if s.role != "aside" or s.sentence is None:
        return ""
    bracket = max(text.rfind("（", s.sentence.start, s.span[0]), text.rfind("(", s.sentence.start, s.span[0]))
    return _name_at(text, bracket) if bracket >= 0 else ""


def _common(first: list[str], second: list[str]) -> str:
    """The longest run of characters written in one of ``first`` and one of ``second``."""
    best = ""
    for x in first:
        for y in second:
            for i in range(len(x)):
                for j in range(i + len(best) + 1, len(x) + 1):
                    if x[i:j] not in y:
                        break
                    best = x[i:j]
    return best


def _wide_name(text: str, s: Statement) -> str:
    """The words right before a figure that only a wide word names ("预算执行率"), for the message."""
    return _name_before(text, s) or s.text


def _name_before(text: str, s: Statement) -> str:
    """The run of Chinese characters right before a figure (at most ``_NAME_REACH``), its linking words left off."""
    return _name_at(text, s.span[0])


def _name_at(text: str, start: int, reach: int = _NAME_REACH) -> str:
    """The run of Chinese characters right before ``start`` (at most ``reach``), linking words left off."""
    k = start
    # a name in quotes ("“三公”经费") reads on through them
    while k > 0 and start - k < reach and ("\u4e00" <= text[k - 1] <= "\u9fff" or text[k - 1] in _QUOTES):
        k -= 1
    return _CUES.link.sub("", "".join(ch for ch in text[k:start] if ch not in _QUOTES))


def _row_name(text: str, s: Statement) -> str:
    """The name cell of the figure's row, when it stands in one: the last cell with Chinese words before the row's
    first figure ("产出指标 | 数量指标 | 受益农户数 | ≥18000户 | 18,462户" → 受益农户数); a column's word is none."""
    if not _in_row(text, s):
        return ""
    start = text.rfind("\n", 0, s.span[0]) + 1
    head = re.split(r"[0-9≥≤≧≦>＞＜<]", text[start : s.span[0]], maxsplit=1)[0]
    cells = [c.strip() for c in re.split(r"[|｜\s]+", head) if re.search(r"[\u4e00-\u9fff]", c)]
    return cells[-1] if cells and _CUES.wide.fullmatch(cells[-1]) is None else ""
