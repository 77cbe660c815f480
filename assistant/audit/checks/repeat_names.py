"""What tells two figures of ``text_repeats``' one key apart by the names around them: two differently named items
(their "…项目", or the labels of their own clauses), the whole and one item by what a bare rate's sentence opens
with, two paragraphs each opening with a project of their own, and sections headed by two fund sources.

Why apart: the key (``repeat_keys``) sorts figures by subject, 口径 and stage; whether two of one key are still
two things is read from their names, and so is whether the name before a figure is the report's own project (its
title, 本项目/该项目) rather than an item of it. Bad: "农村公路养护项目…执行率100%" and "安全生产项目…执行率95%" read
as one rate written twice. Good: "2019年某区植被恢复项目…项目总投资199.88万元" and "项目计划总投资299.88万元" are one
figure: the title's project is no item of itself.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..names import name_key
from ..prose.items import sentence_scope
from ..prose.model import Statement
from ..prose.subjects import source_label
from .own_money import TITLE_REACH, one_project, points_at_own_project
from .repeat_keys import after_last_stage, dated_spending, own_clause

_CUES = cues(__name__)
_MIN_OWN_NAME = 4  # characters an item name needs to be read as the project's own name


def differently_named(ctx: AuditContext, a: Statement, b: Statement) -> bool:
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


def spent_by_one_day(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """ "截至2023年12月31日，累计支出资金1,208.45万元" and "截至2023年12月31日，项目资金支出1,280.45万元": money spent
    up to one stated day, named with no item but the spending's own words (累计, 项目资金, 支出), is all spent by then:
    one figure, the 累计 word naming no other period (本年 is keyed apart; "设备购置支出" names an item)."""
    day = dated_spending(ctx, a)
    if day is None or day != dated_spending(ctx, b):
        return False
    names = {_CUES.spent_words.sub("", _named_thing(ctx, s) or "") for s in (a, b)}
    return names == {""}


def one_allocation(ctx: AuditContext, a: Statement, b: Statement, restated: set[tuple[int, int]]) -> bool:
    """ "省财政下达我市职业技能提升行动专项资金3,456,800.00元" and "省级下达的专项资金345.86万元" (a source's 下达 amount
    read as the project's allocation, ``restated``): one names the fund at length, the other by the source, its
    stage and a word of the name (专项); "省级下达的设备购置资金" names another fund (an item)."""
    pair = [x for x in (a, b) if x.span in restated]
    if len(pair) != 1:
        return False
    other = b if pair[0] is a else a
    short, long = _named_thing(ctx, pair[0]), _named_thing(ctx, other)
    if short is None or long is None:
        return False
    return _CUES.allocation_words.sub("", short) in long


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


def whole_and_item(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Two bare rates, one in a sentence about the whole's money ("全年实际支出…，预算执行率95.98%"), the other in a
    sentence opening with an item's ("公立医院改革补助预算…，执行率95.07%"): the whole's rate and one item's."""
    first, second = _opening_item(ctx, a), _opening_item(ctx, b)
    return first is not None and second is not None and (first == "") != (second == "")


def two_items_opening(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """Two bare rates in sentences opening with two differently named moneys ("收到中央补助资金…执行率为100%",
    "地方应配套…执行率为400.12%"): perhaps two items' rates, so a difference is a doubt, not a proof."""
    first, second = _opening_item(ctx, a), _opening_item(ctx, b)
    return bool(first) and bool(second) and first != second


def projects_apart(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """ "1.某养殖基地建设项目。…统筹整合资金303万元" and "2.某基础设施建设项目。…统筹整合资金107.13万元": the
    report's unnamed money written in two paragraphs that each open by naming a project of their own is two
    projects' money, though no reader named either (asked only of money admitted by ``project_money``)."""
    if any(s.subject is None or s.subject.kind != "report" or "headline" in s.extra for s in (a, b)):
        return False
    names = [_paragraph_item(ctx, s) for s in (a, b)]
    return names[0] is not None and names[1] is not None and names[0] != names[1]


def project_sets_apart(ctx: AuditContext, a: Statement, b: Statement) -> bool:
    """ "全年支出3,098.19万元，预算执行率97.42%" and "我局共实施项目9个，全年预算2,684.50万元，执行2,611.27万元，执行率
    97.27%": figures whose sentence counts the projects they are of before them are that set of projects' money, not
    the unit's whole, and two sets counted apart ("共实施项目9个" and "其中4个重点项目") are two sets. Figures of two
    sets of projects, or of the whole and a set counted after it, are two quantities; two of one count are still
    one, and so is a counted set's figure restated later with no count ("综上，全年预算320.00万元": the set again).
    ``a`` is the earlier figure."""
    first, second = _projects_counted(ctx, a), _projects_counted(ctx, b)
    return second is not None and first != second


def _projects_counted(ctx: AuditContext, s: Statement) -> str | None:
    """The count of projects (its digits) the sentence of ``s`` writes before it, or None."""
    if s.sentence is None:
        return None
    found = _CUES.projects_counted.search(ctx.doc.text[s.sentence.start : s.span[0]])
    return None if found is None else (found.group("n") or found.group("m"))


def _paragraph_item(ctx: AuditContext, s: Statement) -> str | None:
    """The first "…项目/…工程" the paragraph of ``s`` names before its sentence, or None."""
    if s.sentence is None:
        return None
    found = _CUES.item.search(ctx.doc.text, s.sentence.para_start, s.sentence.start)
    return found.group("name") if found is not None else None


def _title_project(ctx: AuditContext, item: re.Match[str]) -> bool:
    """Is ``item`` the "…项目" the report's title names ("2019年某区植被恢复项目 绩效评价报告"), in a report of one
    project? Then it is what the report evaluates, no item of it. A title is a line of the text's head that holds no
    clause mark (a sentence of a short text is no title)."""
    name = _CUES.acting_lead.sub("", item.group("name"))  # "…组织实施X项目": the project is X
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


def sections_of_two_sources(a: Statement, b: Statement) -> bool:
    """ "二、中央福彩公益金使用情况 …社会公益类项目100万元" and "三、省级福彩公益金使用情况 …社会公益类项目15万元":
    one item under sections headed by two different fund sources is two items, one of each source's money."""
    if a.sentence is None or b.sentence is None:
        return False
    heads = [s.sentence.section for s in (a, b)]  # type: ignore[union-attr]
    if heads[0] is None or heads[1] is None or heads[0] == heads[1]:
        return False
    first, second = source_label(heads[0].text), source_label(heads[1].text)
    return first is not None and second is not None and first != second
