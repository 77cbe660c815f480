"""REPEAT_MISMATCH for a count named by what it counts: "地质灾害重点村全部配备群测群防员95名" … "落实地质灾害防治
群测群防员99人".

Why: the subjects the other repeat checks read (a project, a fund source, the report's headline figures) miss a
count whose noun is a role, a kind of site or a kind of project; a reviewer ties two counts by that noun. Same
noun (one name ending with the other), same action (none for a stock: 配备, 落实, 聘请 say it is had), same unit
kind (名 = 人), same scope words (其中, 累计, 新增, 每, 计划…), same opening place, same period, in different
sentences and not two items of one list: one quantity. The tie rests on the words alone (the 95 may count only the
重点村), so a difference is a warning with verdict "uncertain".
Bad: 配备群测群防员95名 … 落实地质灾害防治群测群防员99人.
Good: 培训群测群防员95名 … 配备群测群防员99名 (two actions); 核定事业编制42名 … 实有在编…事业编制38人 (posts
allowed, staff had); 2020年配备…95名 … 2021年配备…99名 (two years);
其中女性群测群防员… (a part); 总占地面积335亩 … 其中 A 总占地面积35亩 … B 总占地面积300亩 (later counts
that add up to the first are its parts); 贵池区配备… / 青阳县配备… (two places); 人员 or 项目 alone (too generic to tie);
局机关现有干部职工128人 / 所属国有林场现有干部职工163人 (two holders); cells of a form row (预期目标 | 实际完成);
X项目…完成13项重点工作 / Y项目…完成8项重点工作 (two projects' counts); 1.甲河治理工程，治理河长9.2公里；/ 2.乙河治理工程，
治理河长6.4公里 (two lines of one section, each opened by its own number: two items); 免学费…投入183.82万元，受惠学生
1098人 / 助学金…投入1106.97万元，受惠学生5962人 (beneficiaries of two sums, each stated in its own sentence); 春季学期认定…寄宿生4,317人；秋季学期认定…寄宿生4,402人 (two terms:
``periods.other_terms``); 常住人口64.20万人，完成全程接种55.37万人 / 目标人群52.10万人，完成全程接种49.86万人 (each
counted right after a whole of its own, the wholes apart: two groups, ``repeat_parts.counted_over_two_bases``).
Beneficiaries are one role whatever verb says so: 惠及农户18,462户 … 受益农户18,642户 is one quantity (``labels``).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.facts import Facts
from ..prose.interval import total
from ..prose.items import in_table_row, line_head_of, other_item_lines, other_items_alike, restarted_list
from ..prose.labels import Label, count_label
from ..prose.model import Statement, list_places
from ..prose.periods import conflicting, other_days, other_terms, other_versions, other_years
from ..registry import check_unit
from .repeat_parts import counted_over_two_bases
from .text_repeats import at_two_standards, repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    text = ctx.doc.text
    parts = facts.parts
    labelled: list[tuple[Statement, Label]] = []
    for s in facts.statements:
        if (
            s.origin == "prose"
            and s.kind == "count"
            and s.exact_claim
            and s.span not in parts
            and not in_table_row(text, s)
        ):
            label = count_label(text, s)
            if label is not None:
                labelled.append((s, label))
    summed: set[tuple[int, int]] = set()  # wholes and the later counts that add up to them
    for whole, label in labelled:
        if found := _parts_after(whole, label, labelled):
            summed |= {whole.span, *(x.span for x in found)}
    findings: list[Finding] = []
    for k, (later, label) in enumerate(labelled):
        earlier = next(
            (
                e
                for e, other in labelled[:k]
                if other.same_quantity(label)
                # "共资助…学生3,412人…，受资助学生3,421人": the people acted on, named again by 受, restate the count
                # even in its sentence
                and (e.sentence is not later.sentence or (label.passive and not other.passive))
                and not any(
                    o.same_quantity(label)
                    for x, o in labelled
                    if x is not e and x is not later and x.sentence is e.sentence
                )
                and not conflicting(text, e, later)
                and not other_versions(text, e, later)
                and not other_years(text, e, later)
                and not other_days(text, e, later)
                and not other_terms(text, e, later)
                and not other_items_alike(text, e, later)
                and not other_item_lines(text, e, later)
                and _one_line_head(text, e, later, label.noun)
                and not restarted_list(text, e, later)
                and not _two_projects(text, e, later)
                and not at_two_standards(facts, e, later)
                and not counted_over_two_bases(facts, e, later)
                and not (label.action == "受益" and _groups_of_own_money(facts, e, later))
            ),
            None,
        )
        if earlier is None or earlier.span in summed or later.span in summed:
            continue
        facts.mark(earlier, later)
        if not earlier.interval().overlaps(later.interval()):
            findings.append(repeat_finding(ctx, earlier, later, f"“{label.noun}”的数量", proven=False))
    return findings


def _one_line_head(text: str, a: Statement, b: Statement, noun: str) -> bool:
    """Two counts on lines opened by one name, or by none; or one line labelled by the counted noun itself
    ("（1）农村公路：完成新改建46.8公里" beside "实际新建改建农村公路48.6公里"): the label names what is counted, no
    item of a list."""
    heads = {line_head_of(text, a), line_head_of(text, b)}
    return len(heads) == 1 or heads == {None, noun}


def _two_projects(text: str, earlier: Statement, later: Statement) -> bool:
    """ "X项目…完成13项重点工作" and "Y项目…完成8项重点工作": one noun, two projects' counts (told by the
    projects the statements are tied to, or by the project each line opens with)."""
    a, b = earlier.subject, later.subject
    if a is not None and b is not None and a.kind == b.kind == "project":
        return a != b
    heads = [_CUES.project_head.match(text, text.rfind("\n", 0, s.span[0]) + 1) for s in (earlier, later)]
    return all(heads) and heads[0].group("name") != heads[1].group("name")  # type: ignore[union-attr]


def _groups_of_own_money(facts: Facts, earlier: Statement, later: Statement) -> bool:
    """ "免学费…投入183.82万元，受惠学生1098人…。高中助学金…投入1106.97万元，受惠学生5962人": beneficiaries counted in
    two sentences that each state money of their own (no amount alike but a standard) are the beneficiaries of two
    sums, two groups."""
    money = [
        {s.value for s in facts.in_sentence(x.sentence) if s.kind == "amount" and s.field != "unit_price"}
        for x in (earlier, later)
    ]  # a standard the two share ("2000元/生") is no sum of either
    return bool(money[0]) and bool(money[1]) and not money[0] & money[1]


def _parts_after(whole: Statement, label: Label, labelled: list[tuple[Statement, Label]]) -> list[Statement]:
    """ "总占地面积335亩…其中:A…总占地面积35亩…B…总占地面积300亩": two or more later counts of the same noun (whatever
    place each names) that add up to the first are its parts, not restatements of it (nor of each other)."""
    later = [s for s, other in labelled if s.span[0] > whole.span[1] and other.noun == label.noun]
    if len(later) < 2 or any(s.unit != whole.unit for s in later):
        return []
    places = list_places([whole, *later])
    return later if total([s.interval(places) for s in later]).overlaps(whole.interval(places)) else []
