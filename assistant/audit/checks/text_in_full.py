"""REPEAT_MISMATCH from the text alone: an amount said to have gone through in full ("中央资金65万元已全部支出",
"中央资金105万元已经全部到位" though the words before it read as a budget) is all of that source's money, against the
budget last stated for it ("其中中央资金60万元"): a warning, the budget may have changed between the two.

Its own check because the pair is a budget and words saying all of it went through, not one quantity written twice
(``text_repeats``). A money noun may stand between ("8010万元项目资金已全部
到位", not after a fund source's amount: "中央安排和省级配套的120万元资金" may be both sources'), and so may a date
("已于2023年5月20日全部到位"); in a report of one project's money (not a unit's whole, no several projects) the
report's unnamed money counts as that project's, its shares ("其中…", "第一批…") left out. An amount in full that
agrees with an earlier amount of its subject, other than the last budget ("公共管护支出按每亩0.25元标准安排，计215,612.50元"
… "以上两项合计13,799,200.00元" … "公共管护支出21.56万元已全部使用"), is that item's money gone through in full: no finding.
Budgets each computed at a standard of its own ("禁牧…标准为每亩7.50元，测算资金1,398万元；草畜平衡…每亩2.50元，测算资金
232万元") are items' money, none the whole's: "补奖资金1,630万元已全部到位" is set against none of them. A budget that
adds up the budgets of its subject read right before it ("机耕…补助资金371.20万元；…机收…236.00万元。以上合计补助资金
1,157.40万元") is what those items were granted, not the whole restated: the budget stated before the list stands
(Bad: 下达项目资金400万元 … 以上合计补助资金350万元 … 本项目资金420万元已全部拨付到位, against the 400; Good: … 400万元已全部
拨付到位, the 50万元 left over).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.model import Statement, Subject
from ..prose.periods import conflicting, other_years
from ..registry import check_unit
from .own_money import a_share, one_project
from .repeat_parts import sum_start
from .text_repeats import at_two_standards, list_members, priced, repeat_finding

_CUES = cues(__name__)
_IN_FULL_REACH = 30  # characters after an amount where 已于…全部到位 may be written


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    _, own_parts = list_members(ctx.facts.breakdowns)
    return _spent_in_full(ctx, own_parts)


def _spent_in_full(ctx: AuditContext, own_parts: set[tuple[int, int]]) -> list[Finding]:
    """ "其中中央资金60万元" … "中央资金65万元已全部支出": an amount said to have gone through in full (全部支出, 足额到位)
    is all of its subject's money, so it restates the budget last stated for that subject (a warning: the budget may
    have changed between the two)."""
    text = ctx.doc.text
    findings: list[Finding] = []
    budgets: dict[Subject, Statement] = {}
    stated: dict[Subject, list[Statement]] = {}  # every amount of a subject so far, any 口径, list parts too
    whole = one_project(ctx)
    items: set[Subject] = set()  # subjects whose last budgets are items priced at standards of their own
    # each subject's budgets read in a row, each with the budget that stood before it
    listed: dict[Subject, list[tuple[Statement, Statement | None]]] = {}
    for s in ctx.facts.statements:
        if s.origin != "prose" or s.kind != "amount" or s.subject is None or not s.exact_claim:
            continue
        # "衔接资金105万元已经全部到位" reads as a budget by the words before it; the words after say it went through
        in_full = _in_full(text, s)
        if s.subject.kind == "report" and (not whole or a_share(text, s)):
            continue  # the report's unnamed money is one whole only in a one-project report, and not a batch of it
        if s.role == "value" and not in_full:
            stated.setdefault(s.subject, []).append(s)
        if s.field == "budget" and s.role == "value" and s.span not in own_parts and not in_full:
            run = listed.setdefault(s.subject, [])
            start = sum_start([m for m, _ in run], s)
            if start is not None:
                # "以上合计补助资金1,157.40万元" after the items it adds up: what the items were granted, not the
                # whole's budget; the whole stated before the list stands
                before = run[start][1]
                budgets.pop(s.subject, None)
                if before is not None:
                    budgets[s.subject] = before
                items.discard(s.subject)
                run.clear()
                continue
            run.append((s, budgets.get(s.subject)))
            previous = budgets.pop(s.subject, None)
            if (previous is not None and at_two_standards(ctx.facts, previous, s)) or (
                s.subject in items and priced(ctx.facts, s)
            ):
                items.add(
                    s.subject
                )  # items each computed at a standard of its own: none is the whole's budget
            else:
                items.discard(s.subject)
                budgets[s.subject] = s
        elif (s.field in ("executed", "arrived", "budget") or (s.field is None and whole)) and in_full:
            budget = budgets.get(s.subject)
            if (
                budget is not None
                and budget.sentence is not s.sentence
                and s.subject.kind in ("source", "project", "report")
                and not budget.interval().overlaps(s.interval())
                and not conflicting(text, budget, s)
                and not other_years(text, budget, s)
                and not any(b.interval().overlaps(s.interval()) for b in stated.get(s.subject, []))
            ):
                ctx.facts.mark(budget, s)
                findings.append(repeat_finding(ctx, budget, s, f"{s.subject.label}的资金总额", proven=False))
    return findings


def _in_full(text: str, s: Statement) -> bool:
    """Do the words after ``s`` say all of it went through ("…已全部到位", "…已于1月11日全部到位")? A money noun between
    ("8010万元项目资金已全部到位") names the project's money; after a fund source's amount it may name more than that
    source ("中央财政安排和省级财政配套的14856.17万元资金全部拨付到位")."""
    found = _CUES.spent_in_full.match(text[s.span[1] : s.span[1] + _IN_FULL_REACH])
    if found is None:
        return False
    return not (found.group("noun") and s.subject is not None and s.subject.kind == "source")
