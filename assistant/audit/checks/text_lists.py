"""COUNT_MISMATCH from the text alone: "N个，即A、B、C" or "A、B、C这N项" — a count against the names listed.

Bad: 直属事业单位10个，即国库集中支付中心、财政信息中心、…、经济开发区财政所 (nine names).
Good: the same with 9个; "下设办公室、预算股等16个股室" and "下属A、B等二级单位4个" (an 等-list is partial: nothing
to count).
Counts of things (个, 家, 所…) and of events (次, 场, 期, 批: "召开会议3次，分别是：党组会、专题会、推进会") are counted.
Only a list the wording says is the whole (即, 分别为/分别是, 为/是 followed by a colon after the count; 这/此/上述
right before it) and that ends without 等 is counted; its items are split on 、 and on 和/及/与. A name may hold
和/及 ("全科医生转岗培训及基层卫生人才培养"), so a count between the names read without and with those splits is
silent — unless every name opens alike ("县人大A委员会、…、县人大B委员会和县人大办公室"): then a 和 followed by that
opening joins two names and any other is inside one (a warning, the opening being a reading). A list that a
semicolon ends, with words after it that open no list of their own (no number, colon, 即
or 分别), may go on there, and one opening
with 其中/包括/主要/重点 ("5个：其中城关镇、河口镇为重点乡镇") may name only some: like an
等-list, it contradicts its count only by naming more.
Error conditions: the names outnumber or fall short of the count with no 和/及 in the list, and no name of a project
or fund ("…项目", "…资金") is preceded by a part that lacks that noun ("农村道路、桥梁养护项目" may be one project's
name, as "中央、省、市财政补助资金" is when unquoted) unless the count is off under both readings; otherwise a
warning ("uncertain").
A list of items split by ； that each carry their own quantity and bracketed notes ("任务共三个，即A药费补助1120人
(省任务数502人)；B抢救性康复82人(其中…)。") is no 、-list of names: each ；-item that reads as a name then one quantity
counts once (``_quantified``), and a count they do not match is a warning — an item may hold two tasks. Items
split by 、 that each carry their own amount ("共实施除险加固8座，具体为：A水库186万元、B水库142万元、…") are read
the same way, when no 等 ends them and no word says only some follow (主要为, 其中, 包括: a count above those is
silent); so are items split by ， each a name and its amount ("分别为：A经费186.40万元，B经费92.35万元，合计…"), a
合计 closing them being their sum, no item; a 合计 after the last item ends any such list, with what follows it in
the sentence ("、E工程41.00万元，合计总投资218.60万元，资金来源为…"). When each item carries one amount and together they make exactly a total
the text states above the list or as its closing 合计 (``listed_total``), nothing is left out of the list: a count
it does not match is an error.
The noun may be followed by what was done there before 分别为 ("12个乡镇（街道）服务站标准化建设，分别为：A镇、…"):
such names are the counted things only when each ends in a character of the noun or of its kind (``prose.quantity_lists.cue_after``:
"12家预算单位纳入评价范围，分别是：县教育局、…", 局 of 单位; a longer noun of a kind of place or body too:
"5个公共文化场馆实施免费开放，分别为县图书馆、…、县非物质文化遗产展示中心", 馆 and 中心 of 场馆). A clause saying what each of them has may stand
before the cue ("7个乡镇，各乡镇建设面积分别为：城关镇0.52万亩、…"). Two counts glued by the first one's noun
("覆盖5个乡镇23个村，分别为A镇、…") may each own the list.
Items in the count's own unit split it ("指标33个，分别为数量指标23个、…"), unless the count counts places and each
item is one by its own name ("涉及9个乡镇，分别为：东岗镇6个、…、桐木乡7个", eight towns with their centres:
``prose.places``) and their figures do not make the count: then they are the places, counted.
A whole list may come grouped by where its names are, each ；-group closed by the same words ("分别为：甲镇A村、B村
服务站；乙乡C村服务站。", ``_grouped``): the groups are one list. 分别位于/分别设在 after a count names one place for each.
A single name after 即/分别为 ("建设项目任务1个，即2023年某某建设项目"; a leading year is no number of a name) names
one thing: a count above it is a warning.
A 、-list right before its count with no 等 ("内设办公室、财审科、人事科共3个科室", "东村、西村2个村") names what it
counts when a verb that sets up bodies opens it or every name ends with the counted noun (``_named_before``): names
above the count are an error, a count above the names a warning (no word says the list is whole) — unless the count
is over twice the names ("下辖中小学、幼儿园共142所"): names that few are the kinds it counts, not its items.
Any other 、-list tied to its count by 共/合计 ("推进了道路硬化、路灯安装、…、停车位划设共4项工程") sums its names up:
names above the count are a warning (they may be kinds of the counted items), a count above them says nothing.
A count followed by 包括 and names ("共设4个内设机构，包括：A、B、C、D"), or by names in brackets right after its noun
("3个行政部门(人大、政府和党委)", "13宗(东坑、…)水库"), is read the same way: 包括 may name all or some.
When names share their last character ("办公室、观测预报科、防灾与减灾科"), a 和/与/及 whose left side lacks it is
inside a name (``ending_alike``), a reading like the shared opening: a count it contradicts is a warning.
The list after a count's cue and its items each with a quantity are read in ``prose.quantity_lists``, shared with
the other count checks (``text_counted_apart``, ``text_shared_out``) so each reads such a list alike.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of
from ..prose.listed_total import listed_total
from ..prose.model import Statement
from ..prose.name_lists import (
    LONGEST_NAME,
    before_next_clause,
    ending_alike,
    halves,
    is_no_name,
    list_parts,
    list_up_to_its_end,
    listed_names,
    names_clause,
    opening_alike,
    without_name_numbers,
)
from ..prose.quantity_lists import cue_after, item_spans, quantity_list
from ..registry import check_unit

_CUES = cues(__name__)
_ITEM_CUES = cues("assistant.audit.prose.quantity_lists")  # the item readers' own cues: a list read alike
_COUNTED_UNITS = frozenset(
    {"个", "家", "所", "项", "名", "位", "座", "处", "次", "场", "期", "类", "种", "条", "件", "批", "宗"}
)
_KIND_TAIL = 2  # last characters of what two counts count that make them counts of one kind ("…指标")
_GROUP_TAIL = 2  # closing characters every ；-group of one list shares ("…服务站；…服务站")
_GROUP_REACH = 400  # characters after a list's first ；-group where its sentence (and the list) may go on
_KINDS_BEYOND = 2  # a count above this many times the names listed before it counts items of those kinds


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    text = ctx.doc.running_text  # a list a PDF's line end broke is one list
    for s in ctx.facts.statements:
        if s.kind != "count" or s.origin != "prose" or s.unit not in _COUNTED_UNITS or not s.exact_claim:
            continue
        if s.sentence is None or _tier_name(ctx, s):
            continue
        found = _listed(text, s.span, s.sentence.start, s.sentence.end)
        partial = found is not None and found[1] is True
        short = found is not None and found[1] is None  # the list may leave a name out
        listed = _ITEM_CUES.bracketed.sub("", found[0] if found is not None else "")
        # "分别为：（1）A…；（2）B…": numbered items (counted by text_numbered_items), not one name
        whole = found is not None and found[1] is False and not _CUES.numbered_start.match(found[0])
        items = listed_names(listed, whole=whole and _named_after(text, s))
        if items is None:
            findings.extend(_quantified(ctx, s))
            continue
        ctx.facts.mark(s)
        plain = len(list_parts(listed.strip(" \u3000。")))  # with every 和/及 inside a name
        noun = _CUES.counted_noun.match(text[s.span[1] : s.span[1] + 8])
        if noun and len(noun.group(1)) >= 2 and all(n.endswith(noun.group(1)) for n in items):
            plain = len(items)  # "3个项目，分别是A项目、B项目和C项目": each 和 joins two names
        parts = list_parts(listed.strip(" \u3000。"))
        # a reading of each 和/及 (joining two names or inside one), by the names' shared opening or ending
        alike = opening_alike(parts) or (None if partial else ending_alike(parts))
        by_prefix = alike is not None and plain < len(items) and plain <= len(alike) <= len(items)
        if alike is not None and by_prefix:
            items, plain = alike, len(alike)
        partial = partial or bool(_CUES.some_of.match(listed))
        # "下设4个科和1个事业单位，即A、B、C、D和E": the names may be of both counts, or of the last one only
        joined = _joined_count(ctx, s)
        values = [s.value] if joined is None else [s.value, s.value + joined.value]
        if joined is not None and _CUES.glued_counts.fullmatch(ctx.doc.text[joined.span[1] : s.span[0]]):
            # "覆盖5个乡镇23个村，分别为A镇、…": the names may be the first count's
            values.append(joined.value)
        said = s.text if joined is None else f"{joined.text}和{s.text}（共{values[-1]}{s.unit}）"
        # "学校共9所，较上年（6所）增加3所，分别为：…": the list may be of the change or of the whole before it
        whole_before = _whole_before_change(ctx, s)
        if whole_before is not None:
            values.append(whole_before.value)
            said = f"{whole_before.text}（其中较上年变动 {s.text}）"
        if any(plain <= value <= len(items) or (partial and value >= plain) for value in values):
            if partial:
                findings.extend(_run_on(ctx, s, plain))
            continue  # each 和/及 may join two names or sit inside one ("转岗培训及基层卫生人才培养");
            # "A、B等N个" may leave names out, never name more than N
        if short and all(value > _KINDS_BEYOND * len(items) for value in values):
            continue  # "下辖中小学、幼儿园共142所": names far fewer than the count, with no word that they are all, are kinds
        findings.append(
            ctx.relation_finding(
                "COUNT_MISMATCH",
                f"文中写 {said}，其后列出的是 {len(items)} 个：{'、'.join(items[:12])}",
                s.span if whole_before is None else (whole_before.span[0], s.span[1]),
                expected=f"{len(items)}{s.unit}",
                found=s.text if whole_before is None else whole_before.text,
                proven=plain == len(items) > 1  # one name may stand for a group ("即两所中心校")
                and not by_prefix
                and not (found is not None and found[2])  # names summed up by 共 may be kinds, not items
                and not any(
                    (short and value > plain) or len(items) - halves(items) <= value <= len(items)
                    for value in values
                ),  # under every reading of the count
                quote=quote_of(ctx.doc.text, s),
            )
        )
    return findings


def _tier_name(ctx: AuditContext, count: Statement) -> bool:
    """ "一类对象（无劳动能力、无生活来源）…二类对象…": a numeral and 类 whose noun follows another grade's numeral
    elsewhere in the text names a tier (its brackets describe it), not a count of kinds."""
    if count.unit != "类":
        return False
    tier = _CUES.tier_name.match(ctx.doc.text, count.span[0])
    if tier is None:
        return False
    return any(
        other.start() != tier.start()
        and other.group("noun") == tier.group("noun")
        and other.group(0)[0] != tier.group(0)[0]
        for other in _CUES.tier_name.finditer(ctx.doc.text)
    )


def _whole_before_change(ctx: AuditContext, count: Statement) -> Statement | None:
    """The whole a change count follows in its sentence ("学校共9所，较上年（6所）增加3所"): the count of the same
    unit before it, outside brackets, when the change's own words (较上年…增加) make it a change of that whole."""
    if count.sentence is None:
        return None
    text = ctx.doc.text
    earlier = [
        o
        for o in ctx.facts.statements
        if o.kind == "count"
        and o.unit == count.unit
        and o.sentence is count.sentence
        and o.span[1] <= count.span[0]
        and o.exact_claim
    ]
    outside = [o for o in earlier if not _in_brackets(text, count.sentence.start, o.span[0])]
    if not outside or not _CUES.change_of_whole.search(text[outside[0].span[1] : count.span[0]]):
        return None
    return outside[0]


def _in_brackets(text: str, start: int, at: int) -> bool:
    """Is ``at`` inside an open bracket of its sentence ("较上年（6所）")?"""
    before = text[start:at]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _joined_count(ctx: AuditContext, count: Statement) -> Statement | None:
    """A count of another kind joined to ``count`` by 和/及/与/、 right before it ("下设4个科和1个事业单位，即A、B、
    C、D和E"): the list after them may name both kinds, so their sum is a reading of its count too; or glued to it
    by its noun alone ("覆盖5个乡镇23个村，分别为…"): then the list may name the first kind only."""
    text = ctx.doc.text
    for other in ctx.facts.statements:
        if other.kind != "count" or other.unit != count.unit or other.sentence is not count.sentence:
            continue
        if other.span[1] < count.span[0] and _CUES.joining_counts.fullmatch(
            text[other.span[1] : count.span[0]]
        ):
            return other
    return None


def _run_on(ctx: AuditContext, count: Statement, plain: int) -> list[Finding]:
    """ "…等九个二级指标;A、B、…、L;M;N、O等十三个三级指标": in a run of ；-separated lists each closed by its count of
    one kind of thing (…指标;…指标), an 等-list whose sentence opens after a semicolon begins right after the last
    such count: the ；-segments of bare names between (no number, no 等, no clause) are its names too. Those names
    with the list's own outnumbering the count is a warning: that the segments belong to this list is a reading.
    Without a count of the same kind before them, segments of names may be lists of their own (or clauses:
    "严格执行A、B制度;落实C、D等2项措施"), and nothing is read."""
    text = ctx.doc.text
    sentence = count.sentence
    if sentence is None or text[sentence.start - 1 : sentence.start] not in (";", "；"):
        return []
    kind = text[count.span[1] : sentence.end].strip(" \u3000。")[-_KIND_TAIL:]
    names: list[str] = []
    for segment in reversed(re.split("[;；]", text[sentence.para_start : sentence.start - 1])):
        found = [n.strip() for n in list_parts(_ITEM_CUES.bracketed.sub("", segment).strip(" \u3000"))]
        listing = _CUES.not_run_on.search(segment) is not None  # numbers, 等 or a clause: not bare names
        if listing or any(not n or len(n) > LONGEST_NAME or is_no_name(n) for n in found):
            # the segment that ends the run must close a list of its own count of the same kind
            closed = listing and segment.strip(" \u3000").endswith(kind)
            names = names if closed and len(kind) == _KIND_TAIL else []
            break
        names = found + names
    else:
        names = []
    if not names or plain + len(names) <= count.value:
        return []
    ctx.facts.mark(count)
    return [
        ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}（“等”前只可少列，不可多列），连同其前以分号隔开的名称共列出 {plain + len(names)} 个："
            f"{'、'.join(names[:12])}…（若分号前各项不属此列，则不矛盾）",
            count.span,
            expected=f"至少{plain + len(names)}{count.unit}",
            found=count.text,
            proven=False,
            quote=quote_of(text, count),
        )
    ]


def _quantified(ctx: AuditContext, count: Statement) -> list[Finding]:
    """ "任务共三个，即A 1120人(省任务数502人)；B 82人(其中…)。": after the count's cue, items split by ；, each a name
    with its own quantity and notes in brackets. A count the items do not match is a warning: whether an item's
    brackets hold more items, or an item holds two tasks, is a reading the text does not settle."""
    text = ctx.doc.text
    listed = quantity_list(text, count)
    if listed is None:
        return []
    start, stretch, (split, mark, segments) = listed
    ctx.facts.mark(count)
    some = _CUES.some_named.search(text[count.span[1] : start])  # "8座，主要为：…": some named, not all
    if count.value == len(segments) or (some is not None and count.value > len(segments)):
        return []
    names = [_ITEM_CUES.quantity_item.fullmatch(p).group("name") for p in segments]  # type: ignore[union-attr]
    # each item with one amount, together exactly the total stated above: none is left out of the list
    spans = item_spans(text, start, stretch, split)[: len(segments)]
    whole = listed_total(ctx, count, spans) if some is None else None
    return [
        ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}，其后以{mark}列出的是 {len(segments)} 项：{('；' if mark == '分号' else '、').join(names[:12])}"
            + (
                f"；各项金额合计正等于{'前文' if whole.span[0] < count.span[0] else '文中'}所列总额 {whole.text}，所列应已齐全"
                if whole is not None
                else "（若某项内含多项，则不矛盾）"
            ),
            (count.span[0], start + len(stretch)),
            expected=f"{len(segments)}{count.unit}",
            found=count.text,
            proven=whole is not None,
            quote=quote_of(text, count),
        )
    ]


def _listed(text: str, span: tuple[int, int], start: int, end: int) -> tuple[str, bool | None, bool] | None:
    """The list a count names: after it (即…, 分别为…) or right before it (…这8项, …等8项: partial, True;
    "内设A、B、C3个科室": ``_named_before``); the last value says that the names being the counted items is a
    reading (they may be its kinds)."""
    cue = cue_after(text, span, end)
    if cue is not None:
        listed = names_clause(before_next_clause(list_up_to_its_end(text[span[1] + cue.end() : end])))
        after = span[1] + cue.end() + len(listed)
        if text[after : after + 1] not in ("；", ";"):
            return listed, False, False
        grouped = _grouped(listed, text[after + 1 : after + 1 + _GROUP_REACH])
        if grouped is not None:
            return grouped, False, False
        # "问题主要有3个：资金拨付较慢、项目进度滞后；绩效监控不到位": the list may go on after a semicolon, unless
        # what follows opens a list of its own ("；区公路养护中心内设4个科室，即…")
        following = list_up_to_its_end(text[after + 1 : after + 80])
        return (
            listed,
            bool(following.strip()) and not _CUES.own_list.search(without_name_numbers(following)),
            False,
        )
    # "共设4个内设机构，包括：A、B、C、D" and "3个行政部门(人大、政府和党委)": names with no word that they are all
    # (包括 may name some): a count above them is a doubt (None), names above the count are not
    loose = (
        _CUES.includes.match(text[span[1] : end])
        or _CUES.in_brackets.match(text[span[1] : end])
        or _places_in_brackets(text[span[1] : end])
    )
    if loose is not None:
        listed = list_up_to_its_end(loose.group("list"))
        return listed, True if listed.rstrip(" \u3000").endswith("等") else None, False
    before = _CUES.before.search(text[start : span[0]])
    if before is not None:
        return before.group("list"), "等" in (before.group("tail"), before.group("etc")), False
    return _named_before(text, span, start)


def _grouped(listed: str, following: str) -> str | None:
    """ "分别为：甲街道A社区、B社区服务站；乙镇C村服务站；丙乡D村、E村服务站。": the names grouped by where they are,
    each group a 、-list closed by the same words (the counted thing's name) and split from the next by ；, up to the
    sentence's end. Every group ending alike and holding bare names only (no number, 等 or clause), they are one list
    in parts: their names joined. None when any segment ends otherwise or reads as no list of names."""
    tail = listed.strip(" \u3000")[-_GROUP_TAIL:]
    sentence = following.split("。")[0].split("\n")[0]
    segments = [g.strip(" \u3000") for g in re.split("[;；]", sentence)]
    if len(tail) < _GROUP_TAIL or not segments or any(not g.endswith(tail) for g in segments):
        return None
    if any(listed_names(g) is None and is_no_name(g) for g in [listed, *segments]) or "等" in sentence:
        return None
    return "、".join([listed.strip(" \u3000"), *segments])


def _places_in_brackets(words: str) -> re.Match[str] | None:
    """ "下辖11个行政村（白果村、柳林村、…）": a count of places with their names in brackets after its noun, each name
    of two characters or more ending in a character of the noun — not the other kinds the noun stands for ("5个县
    (市、区)", "3个乡镇（街道、场）")."""
    found = _CUES.places_in_brackets.match(words)
    if found is None:
        return None
    names = [n.strip() for n in list_parts(found.group("list"))]
    noun = found.group("noun")
    return found if all(len(n) >= 2 and n[-1] in noun for n in names) else None


def _named_before(text: str, span: tuple[int, int], start: int) -> tuple[str, bool | None, bool] | None:
    """ "内设办公室、财审科、人事科共3个科室", "忠诚村、安乐村、宰章村3个村": a 、-list right before its count with no 等
    names what the count counts — when it opens with a verb that sets up bodies (内设, 下辖, 设有…) or every name
    ends with the counted noun; any other list before a count may name kinds ("公厕、垃圾站15个"), not items.
    Without a word that says the list is whole, a count above its names is a doubt (a name may be left out):
    the second value is None, neither whole (False) nor partial (True).
    Any other list tied to its count by 共/合计 ("推进了道路硬化、路灯安装、…共4项工程") sums its names up: that they
    are the items is the likely reading, their kinds the other one. Names above the count are then a doubt (the
    third value, True); a count above them says nothing (kinds may hold several items each)."""
    found = _CUES.named_before.search(text[start : span[0]])
    if found is None:
        return None
    listed = found.group("list")
    if listed.count("(") + listed.count("（") != listed.count(")") + listed.count("）"):
        return None  # the list begins inside a bracket: its first name is cut
    opening = _CUES.sets_up.search(listed.split("、")[0])
    if opening is not None:
        return listed[opening.end() :], None, False
    noun = _CUES.noun_after.match(text[span[1] : span[1] + 8])
    names = [_ITEM_CUES.bracketed.sub("", n).strip() for n in listed.split("、")]
    if noun is not None and all(n and n[-1] == names[0][-1] and n[-1] in noun.group(0) for n in names):
        return listed, None, False
    if _CUES.summed_up.search(found.group(0)) and all(len(n) <= LONGEST_NAME for n in names):
        return listed, True, True
    return None


def _named_after(text: str, count: Statement) -> bool:
    """Is the count followed by 即/分别为 (its list after it, said to be whole), not a list before it ("上述两类")?"""
    assert count.sentence is not None
    cue = cue_after(text, count.span, count.sentence.end)
    return cue is not None and _CUES.whole_cue.search(cue.group()) is not None
