"""REPEAT_MISMATCH from the text alone: one quantity — same subject, same 口径 — stated twice with values that
cannot be the same number.

Bad: 中央资金30.9万元 … (later) 中央资金61.8万元, both of one project's budget.
Good: 预算59.2万元 … 预算59.20万元 (the same value at two precisions); 年初预算50万元 … 调整后预算45万元 (two 口径).
Both statements must be plain values (not an aside, a bound, a moment before the year's end, an item of a list
that adds up to the subject's own total, nor shares of two wholes of different values) of one period (2022年预算 and 2023年预算 are two budgets; amounts dated on two days, 2023年11月15日…下达 and
2024年7月3日…下达, are two batches; amounts of two terms, 春季学期… and 秋季学期…, 上半年… and 下半年…, are two; sentences naming two years anywhere before the amounts, 2020年批复…总投资 and
2021年批复…总投资, are two periods), one section's source (an item under 二、中央…使用情况 and under
三、省级…使用情况 is two items), one recipient (向我区下达 and 向各市县下达, the share handed on, are two), one holder (中央财政资金6000万元 and
市级统筹中央财政资金1000万元, the share the city pools, are two) and
one budget
(一般公共预算…支出总计1,867.48万元 and 政府性基金…支出总计0万元 are two), and one stage, the last stage word
written before the amount — the words between a fund source and its amount set it (中央资金完成636.75万元 and
中央资金投入776.84万元 are two; 投入 is no stage of its own: 中央资金776.84万元 and 中央资金投入776.84万元 are one) — or right after it (中央资金120万元已全部下达 and 中央资金100万元已到位 are two);
到位/到账/收到 are one stage, and so are 支出/使用/完成; an amount said not through a stage right after it ("省级资金420万元年底前
未拨付") is the rest short of it (stage 未拨付); a source's 当年 share of the money available beside money
carried in ("可用资金合计2617万元，其中当年中央资金2356万元、上年结转资金261万元") is its 下达 amount (stage 下达), and an
instalment word (提前下达, 再次, 追加, 第二批) names one batch, apart from the whole and from other batches. Written next
to their subject and 口径 both times (or a fund source named right before its amount, in a one-project report),
they prove it (an error); otherwise the pairing rests on how the subject was read (a warning, "uncertain").
In a report of one project's money (not a unit's whole, no several projects) an amount no reader gave a subject, whose clause points at the project ("该项目经费共35万元",
written before the project's name), is that project's money too: 该项目/本项目 can mean no other; and the
"…项目" its title names is no item of that project ("2019年某区植被恢复项目…项目总投资199.88万元" and "项目计划总投资
299.88万元" are one figure). Its unnamed budget, whatever money noun it is written with ("向某镇下达奖励资金28.6万元",
"项目资金28.6万元于10月30日下达某镇": a date may stand before the stage), is that project's (a warning), unless a
share (其中, 第二批, 提前下达) or under paragraphs that each open with a project of their own (``own_money``).
A named category's figure of the report ("全年“三公”经费支出18.64万元") is one quantity like a headline figure, and
stays one when the text splits it where it first states it (其中公务接待费…): its total is no mere list member, so a
later "“三公”经费支出16.84万元" of the same stage is a restatement (a warning: the pairing rests on the category's name).
A rate written right after one part of a list that splits the whole ("其中…项目支出2060万元,执行率92%") is that
part's rate; rates over two bases the text names ("按到位资金计算…93.99%；按资金计划计算…88.21%") are two rates.
A bare rate ("执行率95.07%") is of what its sentence opens with: "全年实际支出…，预算执行率95.98%" (the whole) and
"公立医院改革补助预算…，执行率95.07%" (an item) are two rates; two differently named openings leave a doubt (a
warning). A value of a list read respectively ("执行率分别为98.37%、93.36%、92.68%") is one member's, none the whole's.
A figure on a line a name opens as an item of a list ("1.现代农业产业园建设：…其中中央4,752.16万元") and one on a line no
name opens ("中央资金支出7,170.46万元") are the item's and the whole's. 完成投资 (work done) is no stage of 支出.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..names import name_key
from ..prose.budgets import other_budgets
from ..prose.evidence import quote_of, span_of
from ..prose.facts import Facts
from ..prose.interval import total
from ..prose.items import (
    in_table_row,
    item_of,
    line_head_of,
    one_item_line,
    other_item_lines,
    other_items,
    other_line_heads,
    places_line_by_line,
    restarted_list,
    sentence_scope,
)
from ..prose.model import Statement, list_places
from ..prose.parts import Breakdown
from ..prose.periods import conflicting, other_days, other_terms, other_versions, other_years
from ..prose.subjects import source_label
from ..registry import Code, check_unit
from .own_money import (
    TITLE_REACH,
    one_project,
    own_project_pointed,
    points_at_own_project,
    project_money,
    several_projects,
)
from .repeat_keys import (
    after_last_stage,
    batch,
    handed_on,
    held,
    initial_base,
    item_scope,
    last_clause,
    named_base,
    own_clause,
    source_in_brackets,
    stage_of,
    this_years_shares,
)

_CUES = cues(__name__)
_FIELDS = {"amount": ("budget", "budget_initial", "executed"), "percent": ("rate",)}
_MOST_NEIGHBOURS = 6  # amounts beside one in its sentence tried as its fellow parts (2^6 sums)
_MIN_OWN_NAME = 4  # characters an item name needs to be read as the project's own name


@check_unit(
    Code("REPEAT_MISMATCH", "error", "同一数字（同一对象、同一口径）在文中前后写法不一致"),
    also=(),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    shares, own_parts = list_members(facts.breakdowns)
    parts = {p.span for b in facts.breakdowns for p in b.parts}
    wholes = {p.span: b.total for b in facts.breakdowns for p in b.parts}
    groups: dict[tuple, list[Statement]] = {}
    whole = one_project(ctx)
    allocated = this_years_shares(ctx, facts.breakdowns)
    for s in own_project_pointed(ctx):
        if (
            s.origin == "prose"
            and (s.role == "value" or source_in_brackets(ctx, s))
            and s.subject is not None
            # "report" gathers every unnamed number: only its headline figures (预算数, 执行数…) are one quantity
            and (
                s.subject.kind in ("project", "source", "unit")
                or "headline" in s.extra
                or s.extra.get("category") == "named"  # the unit's “三公”经费 is one quantity too
                or (whole and project_money(ctx, s))
            )
            and (s.field in _FIELDS.get(s.kind, ()) or (s.kind == "amount" and _bare_source(s)))
            and (s.span not in own_parts or _category_total(s, facts.breakdowns))
            and not in_table_row(ctx.doc.text, s)
            and "respective" not in s.extra  # one member's of a list read respectively, not the subject's
            and s.hedge is None
            and s.high is None
            and not _rate_of_a_part(ctx, s, parts)
        ):
            key = (
                s.subject,
                s.field,
                s.kind,
                stage_of(ctx, s) or ("下达" if s.span in allocated else None),
                batch(ctx, s),
                initial_base(ctx, s),
                named_base(ctx, s),
                item_scope(ctx, s),
                handed_on(ctx, s),
                held(ctx, s),
                "category" in s.extra,  # “三公”经费's figures are the category's, never the whole's again
            )
            groups.setdefault(key, []).append(s)
    findings: list[Finding] = []
    places_listed = places_line_by_line(ctx.doc.text)
    for statements in groups.values():
        statements = _unpriced_items(facts, _alone_in_sentence(statements))
        for k, later in enumerate(statements[1:], start=1):
            earlier = next(
                (
                    e
                    for e in statements[:k]
                    if not e.interval().overlaps(later.interval())
                    and not conflicting(ctx.doc.text, e, later)
                    and not other_versions(ctx.doc.text, e, later)
                    and not other_budgets(ctx.doc.text, e, later)
                    and not _differently_named(ctx, e, later)
                    and not _whole_and_item(ctx, e, later)
                    and not other_items(ctx.doc.text, e, later)
                    and not other_item_lines(ctx.doc.text, e, later)
                    and not one_item_line(ctx.doc.text, e, later)
                    and not _shares_of_two_wholes(e, later, wholes)
                    and not other_days(ctx.doc.text, e, later)
                    and not other_terms(ctx.doc.text, e, later)
                    and not at_two_standards(facts, e, later)
                    and not other_years(ctx.doc.text, e, later)
                    and not _sections_of_two_sources(e, later)
                    and not restarted_list(ctx.doc.text, e, later)
                    and not _parts_of(ctx.doc.text, e, later, facts.statements, places_listed)
                    and not _projects_apart(ctx, e, later)
                ),
                None,
            )
            if earlier is None or earlier.sentence is later.sentence:
                continue
            facts.mark(earlier, later)
            findings.append(_finding(ctx, earlier, later, shares, places_listed))
    return findings


def at_two_standards(facts: Facts, earlier: Statement, later: Statement) -> bool:
    """ "小学每生每年720元，在校生21,850人…；初中每生每年940元，在校生10,420人…" or "（一）生活补贴。补贴标准为每人每月70元，
    全年享受补贴2,316人…（二）护理补贴。补贴标准为每人每月80元，全年享受补贴3,108人…": one noun counted in two
    sentences that each state a standard of their own, the two standards different, counts two groups paid at two
    rates, not one count written twice. So are amounts computed at two standards ("禁牧…标准为每亩7.50元，测算资金
    1,398万元；草畜平衡…标准为每亩2.50元，测算资金232万元"): two items' money."""
    rates = [_standards(facts, x) for x in (earlier, later)]
    return bool(rates[0]) and bool(rates[1]) and not rates[0] & rates[1]


def priced(facts: Facts, s: Statement) -> bool:
    """Does the sentence of ``s`` state a standard (每亩7.50元, 每人每月70元)?"""
    return bool(_standards(facts, s))


def _standards(facts: Facts, s: Statement) -> set[Decimal]:
    return {x.value for x in facts.in_sentence(s.sentence) if x.field == "unit_price" and x.kind == "amount"}


def list_members(breakdowns: list[Breakdown]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(shares, own parts): the spans of list parts that are a fund source's share of another subject's list, and
    those of every other part and every total: members of a list, none a restatement of the list's own figures."""
    shares = {p.span for b in breakdowns for p in b.parts if _source_share(b, p)}
    own = {p.span for b in breakdowns for p in b.parts if p.span not in shares}
    return shares, own | {b.total.span for b in breakdowns}


def _rate_of_a_part(ctx: AuditContext, s: Statement, parts: set[tuple[int, int]]) -> bool:
    """ "全年实际支出3105万元,预算执行率95%。其中基本支出1045万元,…;项目支出2060万元,执行率92%": a rate written right
    after one part of a list that splits the whole (no other number between) is that part's rate, not the whole's
    written again."""
    if s.kind != "percent" or s.sentence is None:
        return False
    before = [o for o in ctx.facts.in_sentence(s.sentence) if o.span[1] <= s.span[0]]
    return bool(before) and before[-1].kind == "amount" and before[-1].span in parts


def _category_total(s: Statement, breakdowns: list[Breakdown]) -> bool:
    """ "全年“三公”经费支出18.64万元，其中公务接待费3.21万元…" and later "全年“三公”经费支出16.84万元": the category's
    own figure heads its list of items, and it is still one quantity stated twice (its items are no repeat of it)."""
    return s.extra.get("category") == "named" and any(b.total.span == s.span for b in breakdowns)


def _projects_apart(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """ "1.某养殖基地建设项目。…统筹整合资金303万元" and "2.某基础设施建设项目。…统筹整合资金107.13万元": the
    report's unnamed money written in two paragraphs that each open by naming a project of their own is two
    projects' money, though no reader named either (asked only of money admitted by ``project_money``)."""
    if any(s.subject is None or s.subject.kind != "report" or "headline" in s.extra for s in (a, b)):
        return False
    names = [_paragraph_item(ctx, s) for s in (a, b)]
    return names[0] is not None and names[1] is not None and names[0] != names[1]


def _paragraph_item(ctx: AuditContext, s: Statement) -> str | None:
    """The first "…项目/…工程" the paragraph of ``s`` names before its sentence, or None."""
    if s.sentence is None:
        return None
    found = _CUES.item.search(ctx.doc.text, s.sentence.para_start, s.sentence.start)
    return found.group("name") if found is not None else None


def _parts_of(
    text: str, whole: Statement, later: Statement, group: list[Statement], places_listed: bool
) -> bool:
    """Is ``later`` a part of what ``whole`` states rather than a restatement of it? So it is when it sits on a line
    below one that ends on "其中:" ("…收到…资金7505万元…。其中:" / "收到…补助资金2666万元"), under a numbered item of
    a paragraph whose lead states an amount of the same subject ("共下达…15.4235亿元。主要包含三大方面:一是…9.9162亿元":
    the items are its parts, and so they are of the same figure written in another paragraph), or on a line of another
    place when the text reports places a line each ("…基础养老金实际支出4.99亿元" and "青阳县…基础养老金实际支出
    239.53万元")."""
    if _CUES.parts_below.search(text, whole.span[1], later.span[0]) or _item_lines_below(text, whole, later):
        return True
    if later.sentence is not None and item_of(text, later) is not None:
        para = later.sentence.para_start
        if any(
            s.sentence is not None
            and s.sentence.para_start == para
            and s.span[0] < later.span[0]
            and s.subject == later.subject
            and s.kind == later.kind
            and item_of(text, s) is None
            for s in group
        ):
            return True
    if adds_up_in_its_sentence(whole, later, group):
        return True
    return places_listed and line_head_of(text, whole) != line_head_of(text, later)


def _item_lines_below(text: str, whole: Statement, later: Statement) -> bool:
    """ "全年共实施项目3个，全年预算300万元。各项目执行情况如下：⏎1.农田水利设施维修：全年预算120万元；⏎2.…": a line
    that ends on 如下/分别为 after the whole, then lines each opened by a number (and a name, with a colon or a comma:
    "1.某镇片区，建设面积…，投资…"), ``later`` on one of them (a PDF page's rule or number may fall between them):
    those lines are the items of the whole, each with its own figures."""
    cues_found = list(_CUES.items_below.finditer(text, whole.span[1], later.span[0]))
    cue = cues_found[-1] if cues_found else None
    line_start = text.rfind("\n", 0, later.span[0]) + 1
    if cue is None or not _CUES.numbered_line.match(text, line_start):
        return False
    lines = [line for line in text[cue.end() : line_start].split("\n") if line.strip()]
    return all(_CUES.numbered_line.match(line) or _CUES.page_furniture.match(line) for line in lines)


def adds_up_in_its_sentence(whole: Statement, later: Statement, statements: list[Statement]) -> bool:
    """ "共投资资金40万元" … "维修温室…共计25万元(4万元尚未拨付),购买菌棒…共计15万元": amounts of one sentence that add
    up to the whole are its parts, though no list cue says so."""
    others = [
        s
        for s in statements
        if s.sentence is later.sentence and s is not later and s.kind == later.kind and s.role == "value"
    ]
    if not others or len(others) > _MOST_NEIGHBOURS:
        return False
    places = list_places([whole, later, *others])
    target = whole.interval(places)
    return any(
        total([later.interval(places), *(o.interval(places) for o in chosen)]).overlaps(target)
        for size in range(1, len(others) + 1)
        for chosen in combinations(others, size)
    )


def _source_share(breakdown: Breakdown, part: Statement) -> bool:
    """ "下达中央财政资金30.9万元，县财政资金30.9万元，两者合计下达61.8万元": a fund source's share of another
    subject's total is that source's own amount — stated again elsewhere it is the same quantity. Not so for the
    items of a numbered list ("(4)…中央补助…47.92万元。…(7)…中央补助…62.5万元"): each item is a subject of its
    own, and two items naming one source are two amounts of it."""
    if part.subject is None or part.subject.kind != "source" or part.subject == breakdown.total.subject:
        return False
    same_source = sum(p.subject == part.subject for p in breakdown.parts)
    return breakdown.items == 0 and same_source == 1


def _shares_of_two_wholes(a: Statement, b: Statement, wholes: dict[tuple[int, int], Statement]) -> bool:
    """ "免学费…投入183.82万元,其中…本级资金50.15万元" and "助学金…投入1106.97万元,其中…本级资金297.64万元": a
    source's share of one whole and its share of another whole (their totals differ) are two quantities."""
    first, second = wholes.get(a.span), wholes.get(b.span)
    return first is not None and second is not None and not first.interval().overlaps(second.interval())


def _sections_of_two_sources(a: Statement, b: Statement) -> bool:
    """ "二、中央福彩公益金使用情况 …社会公益类项目100万元" and "三、省级福彩公益金使用情况 …社会公益类项目15万元":
    one item under sections headed by two different fund sources is two items, one of each source's money."""
    if a.sentence is None or b.sentence is None:
        return False
    heads = [s.sentence.section for s in (a, b)]  # type: ignore[union-attr]
    if heads[0] is None or heads[1] is None or heads[0] == heads[1]:
        return False
    first, second = source_label(heads[0].text), source_label(heads[1].text)
    return first is not None and second is not None and first != second


def _differently_named(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Figures of the report (or of one project) said of two differently named items ("农村公路养护项目…执行率100%"
    and "安全生产项目…执行率95%"; "--厕所改造工程-…中央3.07万元" and "--校门改造工程-…中央10万元"; "老年人福利类资金
    49.78万元" and "残疾人福利类资金25.90万元") are two quantities, whatever subject they were read as. A fund
    source's figures are told apart only by a named item (…项目, …工程), not by their clause: a source's own name is
    its label ("中央资金", "中央财政资金"). Sentences opening with two places, or heading two moneys with a colon
    ("中央资金：…" and "项目资金合计：…"), are two places' or two moneys' figures."""
    if a.subject is None or a.subject.kind not in ("report", "project", "source"):
        return False
    if a.sentence is not b.sentence and sentence_scope(ctx.doc.text, a) != sentence_scope(ctx.doc.text, b):
        # "东城区已完成，执行率100%；西河县…执行率75%", "中央资金：…执行率98.87%；县级资金：…执行率84.20%": each
        # sentence opens with its own place, or heads its own money with a colon
        return True
    return named_apart(ctx, a, b)


def named_apart(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Are the figures said of two differently named items (their "…项目", or for other than a fund source's
    figures the labels of their own clauses: "重点项目前期工作经费预算" and "粮食安全保障经费预算")?"""
    labels = a.subject is None or a.subject.kind != "source"
    first, second = _named_thing(ctx, a, labels), _named_thing(ctx, b, labels)
    if first is None or second is None:
        return False
    if "" in (first, second):
        return first != second  # "本项目预算50万元" and "公用经费预算30万元": the whole and one item
    return not (first.endswith(second) or second.endswith(first))  # "我局实施的X" and "X" are one item


def _named_thing(ctx: AuditContext, s: Statement, labels: bool = True) -> str | None:
    """The item named last before the figure: a "…项目" of its sentence, else (with ``labels``) the label of its
    own clause ("其中公务接待费预算2万元" → 公务接待费; "“三公”经费预算12万元" → “三公”经费; "本项目年度预算资金为" → "",
    the project as a whole)."""
    if s.sentence is None:
        return None
    text = ctx.doc.text
    found = list(_CUES.item.finditer(text, s.sentence.start, s.span[0]))
    if not found and text.startswith("项目", s.sentence.start):
        # "(3)信访事务(印刷费)项目…综述。项目全年预算数5万元，执行数为5万元": a sentence opening with a bare 项目
        # speaks of the item its paragraph named before
        found = list(_CUES.item.finditer(text, s.sentence.para_start, s.sentence.start))
    if found:
        name = found[-1].group("name").removeprefix("其中")
        # "2022年某村养殖业基地建设项目,项目总投资39.27万元" names the statement's own project, no item of it: the
        # same thing as a bare "项目资金共39.27万元" (a year's digits cut off the name: "年某村…" is kept whole);
        # so does the name of the project the title evaluates, in a report of one project
        return "" if _own_project(s, name) or _title_project(ctx, found[-1]) else name
    if not labels:
        return None
    clause = own_clause(ctx, s).strip()
    label = _CUES.label_tail.sub("", _CUES.label_head.sub("", clause))
    label = _CUES.label_period.sub("", label)  # "本项目年度预算资金为" and "本项目预算" name one thing
    if _CUES.own_item.match(label) or points_at_own_project(clause) or _title_money(ctx, s, clause):
        return ""  # the report's own project as a whole ("本项目", "该项目经费共"), no item of it
    return label if len(label) >= 2 else None


def _opening_item(ctx: AuditContext, rate: Statement) -> str | None:
    """A rate whose clause names only the rate ("执行率95.07%") is said of what its sentence opens with: the item
    its first amount names ("公立医院改革补助预算6,200.00万元，支出…，执行率95.07%" → 公立医院改革补助), or the
    whole when that amount names none ("全年实际支出…，预算执行率95.98%" → ""). None for any other figure."""
    if rate.kind != "percent" or rate.sentence is None:
        return None
    label = _CUES.label_tail.sub("", _CUES.label_head.sub("", own_clause(ctx, rate).strip()))
    if not _CUES.rate_only.fullmatch(label):
        return None
    first = next(
        (
            x
            for x in ctx.facts.statements
            if x.sentence is rate.sentence and x.kind == "amount" and x.span < rate.span
        ),
        None,
    )
    return "" if first is None else (_named_thing(ctx, first) or "")


def _whole_and_item(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Two bare rates, one in a sentence about the whole's money ("全年实际支出…，预算执行率95.98%"), the other in a
    sentence opening with an item's ("公立医院改革补助预算…，执行率95.07%"): the whole's rate and one item's."""
    first, second = _opening_item(ctx, a), _opening_item(ctx, b)
    return first is not None and second is not None and (first == "") != (second == "")


def _two_items_opening(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Two bare rates in sentences opening with two differently named moneys ("收到中央补助资金…执行率为100%",
    "地方应配套…执行率为400.12%"): perhaps two items' rates, so a difference is a doubt, not a proof."""
    first, second = _opening_item(ctx, a), _opening_item(ctx, b)
    return bool(first) and bool(second) and first != second


def _title_project(ctx: AuditContext, item: re.Match[str]) -> bool:
    """Is ``item`` the "…项目" the report's title names ("2019年某区植被恢复项目 绩效评价报告"), in a report of one
    project? Then it is what the report evaluates, no item of it. A title is a line of the text's head that holds no
    clause mark (a sentence of a short text is no title)."""
    name = item.group("name")
    titles = [line for line in ctx.doc.text[:TITLE_REACH].splitlines() if not _CUES.clause_mark.search(line)]
    return len(name) >= _MIN_OWN_NAME and any(name in line for line in titles) and one_project(ctx)


def _title_money(ctx: AuditContext, s: Statement, clause: str) -> bool:
    """Is the money ``clause`` names ("向某镇下达奖励资金": 奖励资金, the words after its last stage word) the money the
    report's title evaluates ("…避险搬迁奖励资金项目支出绩效评价报告"), in a report of the report's unnamed money? Then
    it is the whole, as "项目资金" is, no item of it."""
    if s.subject is None or s.subject.kind != "report":
        return False
    money = after_last_stage(clause)
    titles = [line for line in ctx.doc.text[:TITLE_REACH].splitlines() if not _CUES.clause_mark.search(line)]
    return (
        len(money) >= _MIN_OWN_NAME
        and _CUES.money_noun.search(money) is not None
        and any(money in line for line in titles)
    )


def _own_project(s: Statement, name: str) -> bool:
    """Is ``name`` (an item named before ``s``) the project ``s`` is said of? Its name holds the whole item name,
    a year's tail ("年西平县…建设" of "2022年西平县…建设") taken off first."""
    if s.subject is None or s.subject.kind != "project":
        return False
    core = name_key(_CUES.year_tail.sub("", name))
    return len(core) >= _MIN_OWN_NAME and core in name_key(s.subject.name)


def _alone_in_sentence(statements: list[Statement]) -> list[Statement]:
    """Without the numbers that share their sentence with another of the same quantity: two 中央补助 amounts in
    one sentence ("中央补助1.5万元、…中央补助预算1.5万元") are items of an unnumbered list, neither is the whole."""
    per_sentence: dict[int, int] = {}
    for s in statements:
        per_sentence[id(s.sentence)] = per_sentence.get(id(s.sentence), 0) + 1
    return [s for s in statements if per_sentence[id(s.sentence)] == 1]


def _unpriced_items(facts: Facts, statements: list[Statement]) -> list[Statement]:
    """Without the amounts priced at standards of their own when two of them are at two standards ("水田按每亩120元
    标准安排资金360万元。旱地按每亩80元标准安排资金160万元。" … "耕地保护资金520万元已全部发放"): each is one item's
    money, neither the whole written again nor the other item."""
    priced_ones = [s for s in statements if priced(facts, s)]
    if any(at_two_standards(facts, a, b) for a, b in combinations(priced_ones, 2)):
        return [s for s in statements if s not in priced_ones]
    return statements


def _bare_source(s: Statement) -> bool:
    """ "中央资金30.9万元": a fund source's amount with no 口径 word is the amount that source gave."""
    return s.field is None and s.subject is not None and s.subject.kind == "source"


def _named_source(ctx: AuditContext, s: Statement) -> bool:
    """ "上年结转资金12.5万元": the fund source written right before its amount, in a report of one project (with
    several, each project may have its own 上年结转)."""
    if s.subject is None or s.subject.kind != "source" or len(ctx.facts.projects) > 1:
        return False
    window = last_clause(ctx.doc.text[max(0, s.span[0] - 10) : s.span[0]])
    return source_label(window) == s.subject.name


def _finding(
    ctx: AuditContext,
    earlier: Statement,
    later: Statement,
    shares: set[tuple[int, int]],
    places_listed: bool,
) -> Finding:
    who = earlier.subject.label if earlier.subject is not None else "本报告"
    # a share read out of another subject's list is the source's amount by a reading, not by the words
    pair = (earlier, later)
    proven = all(s.strong or _named_source(ctx, s) for s in pair) and not any(s.span in shares for s in pair)
    if _two_items_opening(ctx, earlier, later):
        proven = False  # "收到中央补助…执行率为100%" and "地方应配套…执行率为400.12%": maybe two items' rates
    if other_line_heads(ctx.doc.text, earlier, later):
        proven = False  # "2、油菜保险:…7.4万元" and "4、育肥猪保险:…237.99万元": two items, or two sections (a reading)
    if places_listed and earlier.sentence is not None and later.sentence is not None:
        # "贵池区…", "青阳县…" a line each: whose figure another paragraph's is, is a reading
        proven = proven and earlier.sentence.para_start == later.sentence.para_start
    if any(s.extra.get("category") == "item" for s in pair):
        proven = False  # "公务接待费实际支出1.1万元" in a “三公”经费 paragraph: which list's item it is, is a reading
    if any(s.subject is not None and s.subject.kind == "report" and "headline" not in s.extra for s in pair):
        proven = False  # "下达奖励资金28.6万元" is the project's budget by the one-project reading, not by its words
    if earlier.subject is not None and earlier.subject.kind == "report" and several_projects(ctx):
        proven = False  # "实施项目2个" with no name found: the two figures may be two projects' (a reading)
    return repeat_finding(ctx, earlier, later, f"{who}的同一数字", proven)


def repeat_finding(
    ctx: AuditContext, earlier: Statement, later: Statement, what: str, proven: bool, why: str = ""
) -> Finding:
    """REPEAT_MISMATCH on ``later``: ``what`` (the quantity, in words) was written ``earlier.text`` before
    (``why``: what makes it look like one figure, in brackets after the message)."""
    return ctx.relation_finding(
        "REPEAT_MISMATCH",
        f"{what}前文写作 {earlier.text}，此处写作 {later.text}" + (f"（{why}）" if why else ""),
        span_of(later, earlier),
        expected=earlier.text,
        found=later.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, later),
    )
