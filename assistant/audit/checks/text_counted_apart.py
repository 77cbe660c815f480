"""COUNT_MISMATCH from the text alone: "共实施…工程9个" against the one complete list of those things, item by item
with their money, that the text writes in another paragraph ("分项目支出情况为：A工程186.50万元，B工程…").

Bad: 共实施饮水工程6个 … (资金使用) 支出合计420.00万元。分项目支出情况为：A工程…、B工程…、…(five items adding to 420.00).
Good: the same with 5个; a list that 等 ends or whose amounts do not add up to a total stated (it may name some).
Why: a report counts its works in the 概况 and lists them with their spending under 资金使用. When every listed item
is named by the counted noun (…工程) and their amounts add up exactly to a total the text states, nothing is left
out of the list: a count that differs from it is a slip. Which list the count is of is a reading (the list may be of
one year's spending on works counted over two), so the finding is a warning ("uncertain").
A count of places ("资金惠及全县11个乡镇", the place noun after it) is read the same way against a list of places
each by its own name with its share ("具体为：城关镇40.00万元、…"), when the shares make exactly a total the text
states anywhere (``stated_sum``: "全年预算资金330.00万元" in 项目概况, not named a whole): a warning too.
Bad: 资金惠及全县11个乡镇 … 具体为：城关镇40.00万元、…（ten towns making the 330.00万元 budget）.
Good: the same with 10个乡镇; shares that make no amount the text writes (some places may be left out).
With no such list, a bare list of those places by their own names said whole (即, 分别为: "确定建设污水处理站的村庄，
即甲镇东村、…", no figure, no 等) in a sentence that counts nothing itself is the report's one list of them: a count
that differs is a warning too. Bad: 全年建成8个村的污水处理站 in the 总体评价 over such a list of seven villages.
Good: the same with 7个村; 2个乡镇 beside that list (another kind); a list that 等 ends or 主要有 opens.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.enumeration import announced_items
from ..prose.evidence import quote_of
from ..prose.listed_total import listed_total, stated_sum
from ..prose.model import Statement
from ..prose.places import all_places, named_places
from ..prose.quantity_lists import item_spans, quantity_items
from ..registry import check_unit

_CUES = cues(__name__)
_LIST_CUES = cues("assistant.audit.prose.quantity_lists")


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    works = [s for s in ctx.facts.statements if _counted_whole(ctx, s)]
    places = [s for s in ctx.facts.statements if _counted_places(ctx, s)]
    found = _against_list(ctx, works, places=False)
    return found if found else _against_list(ctx, places, places=True)


def _against_list(ctx: AuditContext, counts: list[Statement], places: bool) -> list[Finding]:
    """The one count of its kind against the one list of those things the text writes elsewhere."""
    if len(counts) != 1:
        return []  # several such counts: which the list is of is a guess
    count = counts[0]
    if places:
        noun = _CUES.place_count.match(ctx.doc.text[count.span[1] : count.span[1] + 8]).group("noun")  # type: ignore[union-attr]
    else:
        noun = _CUES.whole_count.search(clause_before(ctx, count)).group("noun")  # type: ignore[union-attr]
    lists = [f for f in (_list_in(ctx, s, noun, places) for s in ctx.doc.sentences) if f is not None]
    if not lists and places and announced_items(ctx.doc.text, count) is None:
        lists = [f for f in (_bare_list_in(ctx, s, noun) for s in ctx.doc.sentences) if f is not None]
    if len(lists) != 1:
        return []
    names, whole, start, end = lists[0]
    if count.sentence is not None and start < count.sentence.end and end > count.sentence.start:
        return []  # the list of the count's own sentence: text_lists reads it
    if count.value == len(names):
        return []
    ctx.facts.mark(count, whole)
    why = (
        "所列若为全部，则两处不一致"
        if whole is None
        else f"各项金额合计正等于文中所列总额 {whole.text}，所列应已齐全"
    )
    return [
        ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}，但文中逐项列出的是 {len(names)} 项：{'、'.join(names[:12])}；{why}",
            count.span,
            expected=f"{len(names)}{count.unit}",
            found=count.text,
            proven=False,
            quote=quote_of(ctx.doc.text, count),
        )
    ]


def exact_count(s: Statement) -> bool:
    """An exact count in prose, a value of its own."""
    return (
        s.kind == "count"
        and s.origin == "prose"
        and s.role == "value"
        and s.exact_claim
        and s.sentence is not None
    )


def _counted_whole(ctx: AuditContext, s: Statement) -> bool:
    """An exact count in prose said as the whole of a named kind of work ("共实施…工程9个")."""
    if not exact_count(s) or s.unit not in ("个", "项", "处", "座"):
        return False
    return _CUES.whole_count.search(clause_before(ctx, s)) is not None


def _counted_places(ctx: AuditContext, s: Statement) -> bool:
    """An exact count in prose of places, the place noun right after it ("资金惠及全县11个乡镇的困难群众")."""
    if not exact_count(s) or s.unit != "个":
        return False
    return _CUES.place_count.match(ctx.doc.text[s.span[1] : s.span[1] + 8]) is not None


def _bare_list_in(
    ctx: AuditContext, sentence: Sentence, noun: str
) -> tuple[list[str], None, int, int] | None:
    """(names, None, start, end) of a list said whole (即, 分别为: "确定建设污水处理站的村庄，即甲镇东村、…") of places of
    the counted kind each by its own name, no figure and no 等, in a sentence that counts nothing itself (a count of
    its own owns it): the one list of those places the report writes, which a count elsewhere should match."""
    text = ctx.doc.text
    opened = _CUES.whole_list_open.search(sentence.text)
    if opened is None or any(s.kind == "count" for s in ctx.facts.in_sentence(sentence)):
        return None
    start = sentence.start + opened.end()
    plain = _LIST_CUES.list_stop.split(text[start : sentence.end])[0].rstrip(" \u3000。")
    names = [n.strip() for n in plain.split("、")]
    if len(names) < 3 or plain.endswith("等") or not all(_CUES.place_name.fullmatch(n) for n in names):
        return None
    if not all_places(noun, names):
        return None
    return names, None, start, start + len(plain)


def _list_in(
    ctx: AuditContext, sentence: Sentence, noun: str, places: bool = False
) -> tuple[list[str], Statement, int, int] | None:
    """(names, total, start, end) of a list after 为：/如下： whose items are each a name ending in ``noun`` (or,
    for a count of places, each a place of its kind by its own name: ``named_places``) and one amount, none 等,
    together exactly a total the text states."""
    text = ctx.doc.text
    opened = _CUES.list_open.search(sentence.text)
    if opened is None:
        return None
    start = sentence.start + opened.end()
    stretch = _LIST_CUES.list_stop.split(text[start : sentence.end])[0]
    plain = stretch.rstrip(" \u3000。")
    if plain.endswith("等"):
        return None
    found = quantity_items(plain, "")
    if found is None:
        return None
    split, _mark, segments = found
    names = [_LIST_CUES.quantity_item.fullmatch(p).group("name") for p in segments]  # type: ignore[union-attr]
    if not (named_places(noun, names) if places else all(n.endswith(noun) for n in names)):
        return None
    spans = item_spans(text, start, plain, split)[: len(segments)]
    anchor = next((s for s in ctx.facts.in_sentence(sentence) if s.kind == "amount"), None)
    whole = listed_total(ctx, anchor, spans) if anchor is not None else None
    if whole is None and places:
        # "全年预算资金330.00万元" in 项目概况, not named a whole: the places' shares make it exactly
        whole = stated_sum(ctx, spans)
    if whole is None:
        return None
    return names, whole, start, start + len(plain)
