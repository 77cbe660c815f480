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
Figures whose sentence counts the projects they are of before them ("我局共实施项目9个，全年预算2,684.50万元…执行率97.27%")
are that set's, not the unit's whole ("全年支出3,098.19万元，预算执行率97.42%"); two sets counted apart are two.
Two spendings each written with a rate of its own that pins a different budget the text states ("项目扶持资金全年支出
571.38万元，支出进度89.00%" over 642.00, "全年实际支出1,676.94万元，预算执行率95.96%" over 1,747.56) are a part's and
the whole's; amounts of one key where two add up to a third ("以上三项合计298.60万元…另…实际支出16.35万元…全年实际
支出314.95万元") are two parts and their whole, whichever subject each was read with; two counts each written right
after a whole of their own, the wholes apart ("常住人口64.20万人，完成全程接种55.37万人" and "目标人群52.10万人，完成
全程接种49.86万人"), are two groups' counts; amounts after a whole in its paragraph that add up to it ("支出562.09万元。其中…支出75.11万元；…支出
486.98万元") are its parts, and two such parts are two quantities.
A figure on a line a name opens as an item of a list ("1.现代农业产业园建设：…其中中央4,752.16万元") and one on a line no
name opens ("中央资金支出7,170.46万元") are the item's and the whole's. 完成投资 (work done) is no stage of 支出.
Where each reading lives: the key in ``repeat_keys`` and ``own_money``; what tells two figures apart by their
names (items, titles, openings, sections) in ``repeat_names``; what makes a figure a member of a list or a part of a
whole in ``repeat_parts``; the pairing and the finding here.
"""

from __future__ import annotations

from itertools import combinations

from ..context import AuditContext
from ..findings import Finding
from ..prose.budgets import other_budgets
from ..prose.evidence import quote_of, span_of
from ..prose.facts import Facts
from ..prose.items import (
    in_table_row,
    one_item_line,
    other_item_lines,
    other_items,
    other_line_heads,
    other_rows,
    places_line_by_line,
    restarted_list,
)
from ..prose.model import Statement
from ..prose.parts import Breakdown
from ..prose.periods import conflicting, other_days, other_terms, other_versions, other_years
from ..prose.subjects import source_label
from ..registry import Code, check_unit
from .own_money import one_project, own_project_pointed, project_money, several_projects
from .repeat_keys import (
    allocating_sources,
    as_allocation,
    batch,
    dated_spending,
    handed_on,
    held,
    initial_base,
    item_scope,
    last_clause,
    named_base,
    project_in_brackets,
    source_in_brackets,
    stage_of,
    this_years_shares,
    use_item,
)
from .repeat_names import (
    differently_named,
    named_apart,
    one_allocation,
    project_sets_apart,
    projects_apart,
    sections_of_two_sources,
    spent_by_one_day,
    two_items_opening,
    whole_and_item,
)
from .repeat_parts import (
    adds_up_in_its_sentence,
    at_two_standards,
    counted_over_two_bases,
    list_members,
    parts_of,
    priced,
    rated_on_two_bases,
    shares_of_two_wholes,
)

# the readings other repeat checks share, importable from here as before the split
__all__ = [
    "adds_up_in_its_sentence",
    "at_two_standards",
    "check",
    "list_members",
    "named_apart",
    "priced",
    "repeat_finding",
]

_FIELDS = {"amount": ("budget", "budget_initial", "executed"), "percent": ("rate",)}


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
    allocations = allocating_sources(ctx) if whole else {}
    restated: set[tuple[int, int]] = set()  # a source's 下达 amount read as the project's allocation
    for s in own_project_pointed(ctx):
        if (
            s.origin == "prose"
            and (s.role == "value" or source_in_brackets(ctx, s) or project_in_brackets(ctx, s))
            and s.subject is not None
            # "report" gathers every unnamed number: only its headline figures (预算数, 执行数…) are one quantity
            and (
                s.subject.kind in ("project", "source", "unit")
                or "headline" in s.extra
                or s.extra.get("category") == "named"  # the unit's “三公”经费 is one quantity too
                or dated_spending(ctx, s) is not None  # "截至…12月31日，…支出": the spending at that day
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
            project = as_allocation(ctx, s, allocations)
            if project is not None:
                restated.add(s.span)
            key = (
                project or s.subject,
                "budget" if project is not None else s.field,
                s.kind,
                stage_of(ctx, s) or ("下达" if s.span in allocated else None),
                batch(ctx, s),
                initial_base(ctx, s),
                named_base(ctx, s),
                item_scope(ctx, s),
                use_item(ctx, s),
                handed_on(ctx, s),
                held(ctx, s),
                "category" in s.extra,  # “三公”经费's figures are the category's, never the whole's again
                dated_spending(ctx, s),
            )
            groups.setdefault(key, []).append(s)
    findings: list[Finding] = []
    places_listed = places_line_by_line(ctx.doc.text)
    for statements in groups.values():
        statements = _without_sums(_unpriced_items(facts, _alone_in_sentence(statements)))
        for k, later in enumerate(statements[1:], start=1):
            earlier = next(
                (
                    e
                    for e in statements[:k]
                    if not e.interval().overlaps(later.interval())
                    and (spent_by_one_day(ctx, e, later) or not conflicting(ctx.doc.text, e, later))
                    and not other_versions(ctx.doc.text, e, later)
                    and not other_budgets(ctx.doc.text, e, later)
                    and (
                        spent_by_one_day(ctx, e, later)
                        or one_allocation(ctx, e, later, restated)
                        or not differently_named(ctx, e, later)
                    )
                    and not whole_and_item(ctx, e, later)
                    and not other_items(ctx.doc.text, e, later)
                    and not other_item_lines(ctx.doc.text, e, later)
                    and not other_rows(ctx.doc.text, e, later)
                    and not one_item_line(ctx.doc.text, e, later)
                    and not shares_of_two_wholes(e, later, wholes)
                    and not other_days(ctx.doc.text, e, later)
                    and not other_terms(ctx.doc.text, e, later)
                    and not at_two_standards(facts, e, later)
                    and not rated_on_two_bases(facts, e, later)
                    and not counted_over_two_bases(facts, e, later)
                    and not other_years(ctx.doc.text, e, later)
                    and not sections_of_two_sources(e, later)
                    and not restarted_list(ctx.doc.text, e, later)
                    and not parts_of(ctx.doc.text, e, later, facts.statements, places_listed)
                    and not projects_apart(ctx, e, later)
                    and not project_sets_apart(ctx, e, later)
                ),
                None,
            )
            if earlier is None or earlier.sentence is later.sentence:
                continue
            facts.mark(earlier, later)
            findings.append(
                _finding(ctx, earlier, later, shares | restated, places_listed)
            )  # a reading: no proof
    return findings


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


def _alone_in_sentence(statements: list[Statement]) -> list[Statement]:
    """Without the numbers that share their sentence with another of the same quantity: two 中央补助 amounts in
    one sentence ("中央补助1.5万元、…中央补助预算1.5万元") are items of an unnumbered list, neither is the whole."""
    per_sentence: dict[int, int] = {}
    for s in statements:
        per_sentence[id(s.sentence)] = per_sentence.get(id(s.sentence), 0) + 1
    return [s for s in statements if per_sentence[id(s.sentence)] == 1]


def _without_sums(statements: list[Statement]) -> list[Statement]:
    """Without the amounts that add up among themselves: "以上三项建设支出合计298.60万元。另…维护经费…实际支出
    16.35万元。全年项目实际支出314.95万元" (298.60 + 16.35 = 314.95) are two parts and their whole, whatever
    subject the reading gave each, not one figure written three ways."""
    amounts = [s for s in statements if s.kind == "amount"]
    summed: set[int] = set()
    for a, b in combinations(amounts, 2):
        for c in amounts:
            if c is a or c is b or c.value != a.value + b.value:
                continue
            summed.update((id(a), id(b), id(c)))
    return [s for s in statements if id(s) not in summed]


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
    if two_items_opening(ctx, earlier, later):
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
    (``why``: what makes it look like one figure, in brackets after the message). ``earlier`` may stand after
    ``later`` when the text's numbers decide the later one is right (the message then says 后文)."""
    where = "前文" if earlier.span < later.span else "后文"
    return ctx.relation_finding(
        "REPEAT_MISMATCH",
        f"{what}{where}写作 {earlier.text}，此处写作 {later.text}" + (f"（{why}）" if why else ""),
        span_of(later, earlier),
        expected=earlier.text,
        found=later.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, later),
    )
