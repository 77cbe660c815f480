"""The budget and executed amounts a stated 执行率 or 剩余/结余 is read against: the pair the text states for the
rate's subject, unless the text itself sets them apart (another year's rate, each listed item's own rate, a rate
whose sentence names an item the amounts' sentences do not name), and
whether the pairing is settled (periods differ, or the rate names a fund source the amounts are not of).

Why apart: ``text_rates`` (RATE_MISMATCH) and ``remainders`` (REMAINDER_MISMATCH) judge a stated figure over the
same basis; each reads its own figure, this module only which amounts it is read against.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.interval import Interval
from ..prose.interval import total as sum_of
from ..prose.model import Statement, list_places
from ..prose.periods import conflicting, other_year
from ..prose.subject_values import SubjectValues
from .rate_slips import stated_finding

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@dataclass(frozen=True)
class Basis:
    """The budget and executed amounts a stated rate or remainder is read against, at one precision."""

    stated: Statement
    budget: Statement
    executed: Statement
    local: bool  # both stand beside the stated figure, not elsewhere in the text
    places: int
    # periods differ (总投资 vs a year), the rate names a source the amounts are not of, or the base is a reading
    unsettled: bool = False

    @property
    def budget_iv(self) -> Interval:
        return self.budget.interval(self.places)

    @property
    def executed_iv(self) -> Interval:
        return self.executed.interval(self.places)

    def mark(self, ctx: AuditContext) -> None:
        ctx.facts.mark(self.stated, self.budget, self.executed)

    @property
    def proven(self) -> bool:
        """All three figures stand together, claim exact values and are of one period (总投资 beside the year's
        完成投资 is not): a contradiction, not a doubt."""
        figures = (self.stated, self.budget, self.executed)
        return self.local and all(s.exact_claim for s in figures) and not self.unsettled

    def finding(
        self, ctx: AuditContext, code: str, message: str, computed: Interval, proven: bool
    ) -> Finding:
        """A stated rate or remainder that the budget and executed amounts do not give."""
        return stated_finding(ctx, code, message, self.stated, (self.budget, self.executed), computed, proven)


def fiscal_budgets(ctx: AuditContext, basis: Basis) -> list[Interval]:
    """The basis's budget less the money of other kinds its own breakdown lists, when the words before the stated
    figure (its paragraph up to it) put it on the 财政 money ("资金总额46,380.50万元，其中中央财政资金…、单位自有资金
    440.00万元" … "预算执行率按财政资金口径计算…财政资金共支出44,108.27万元，预算执行率96.01%": 44,108.27 ÷ 45,940.50).
    The text states the base it means; a figure that fits it is no slip."""
    stated = basis.stated
    if stated.sentence is None:
        return []
    if not _CUES.fiscal_scope.search(ctx.doc.text, stated.sentence.para_start, stated.span[0]):
        return []
    found = []
    for breakdown in ctx.facts.breakdowns:
        if breakdown.total.span != basis.budget.span:
            continue
        other = [p for p in breakdown.parts if _CUES.other_money.search(clause_before(ctx, p))]
        if other and len(other) < len(breakdown.parts):
            found.append(basis.budget_iv - sum_of([p.interval(basis.places) for p in other]))
    return found


def basis_of(ctx: AuditContext, values: SubjectValues, stated: Statement) -> Basis | None:
    pair = values.budget_and_executed(stated)
    if pair is None:
        return None
    budget, executed, local = pair
    if other_year(ctx.doc.text, stated, budget, executed):
        return None  # "2022年执行率95%" beside 2023's amounts: another year's rate
    if not local and _among_items(ctx, stated):
        return None  # "竹编…使用率100%；薅草锣鼓项目资金使用334896元，使用率83.72%": each item's own rate
    if not local and _of_a_listed_part(ctx, stated, budget, executed):
        return None  # "其中机关本级支出…、下属中心支出…。机关本级执行率96%": one part's rate, not the whole's
    if not local and _first_of_a_list(ctx, executed):
        return None  # "资金支出包括：设备购置费86.40万元、培训费12.60万元…": one item of the spending, not its whole
    if not local and _another_item(ctx, stated, budget, executed):
        return (
            None  # "校舍维修改造项目…执行率为93.36%" beside the three projects' sums: that project's own rate
        )
    differ = conflicting(ctx.doc.text, stated, budget, executed) or _of_a_source(ctx, stated, budget)
    return Basis(stated, budget, executed, local, list_places([budget, executed]), differ)


def _another_item(ctx: AuditContext, stated: Statement, budget: Statement, executed: Statement) -> bool:
    """Does the rate's sentence name an item ("校舍维修改造项目有2所学校…执行率为93.36%") that neither the budget's
    nor the executed amount's sentence names ("三个重点项目预算合计4,150.00万元，执行3,937.99万元")? The rate is that
    item's, read from elsewhere against amounts of another whole it says nothing."""
    if stated.sentence is None:
        return False
    text = ctx.doc.text
    named = list(_CUES.named_item.finditer(text, stated.sentence.start, stated.span[0]))
    if not named:
        return False
    name = named[-1].group("name")
    own = stated.subject.name if stated.subject is not None else ""
    if own and (name in own or own in name):
        return False  # the item is the rate's own subject, whose amounts the pair are ("2.乡村道路建设项目" above them)
    return all(
        s.sentence is not None and name not in text[s.sentence.para_start : s.sentence.end]
        for s in (budget, executed)
    )


def _among_items(ctx: AuditContext, stated: Statement) -> bool:
    """Does the rate's sentence (up to its full stop: "；" joins the items of a list) state another rate of its
    口径 with another value? Then it lists items, each with its own rate, and a budget from elsewhere (of the
    whole) is none of theirs."""
    if stated.sentence is None:
        return False
    text = ctx.doc.text
    for o in ctx.values.stated(stated.subject, stated.field):
        if o.kind != stated.kind or o is stated or o.value == stated.value or o.sentence is None:
            continue
        if o.role != stated.role:
            continue  # "截至2018年底…69.21%；截至2019年8月底…70.29%": one subject at two moments, not two items
        low, high = sorted((o.span, stated.span))
        if o.sentence.para_start == stated.sentence.para_start and "。" not in text[low[1] : high[0]]:
            return True
    return False


def _of_a_listed_part(ctx: AuditContext, stated: Statement, budget: Statement, executed: Statement) -> bool:
    """Does the rate's clause name an item of a list that splits the amounts it would be read against ("全年支出
    968万元，其中机关本级支出712万元、下属中心支出256万元" then "机关本级执行率96.35%")? The rate is then that item's,
    whose own budget the text does not give; read against the whole's amounts it says nothing."""
    if stated.sentence is None:
        return False
    clause = "".join(clause_before(ctx, stated).split())
    for breakdown in ctx.facts.breakdowns:
        if breakdown.total is not budget and breakdown.total is not executed:
            continue
        for part in breakdown.parts:
            name = _item_name(ctx, part)
            if name is not None and name in clause:
                return True
    return False


def _first_of_a_list(ctx: AuditContext, executed: Statement) -> bool:
    """Is the amount read as spent the first item of a list its sentence opens ("资金支出包括：设备购置费86.40万元、
    人员培训费12.60万元…"), with more amounts after it? It is then one part of the spending, not the whole a rate
    stated elsewhere is of."""
    sentence = executed.sentence
    if sentence is None:
        return False
    text = ctx.doc.text
    if _CUES.list_opened.search(text, sentence.start, executed.span[0]) is None:
        return False
    return any(
        o.kind == "amount" and o.span[0] > executed.span[1] and o.unit in ("元", "万元", "亿元")
        for o in ctx.facts.in_sentence(sentence)
    )


def _item_name(ctx: AuditContext, part: Statement) -> str | None:
    """What a listed item's words name, without its list cue and money words ("其中机关本级支出" → 机关本级); None
    when nothing of two characters or more is left."""
    words = _CUES.item_split.split("".join(clause_before(ctx, part).split()))[-1]
    name = _CUES.money_words_after.sub("", _CUES.list_lead.sub("", words))
    return name if len(name) >= 2 else None


def _of_a_source(ctx: AuditContext, stated: Statement, budget: Statement) -> bool:
    """ "当年拨款执行率100%" read against the whole's budget: the rate names a fund source the amounts are not of,
    so the pairing rests on an attribution the text does not settle."""
    if stated.sentence is None or (budget.subject is not None and budget.subject.kind == "source"):
        return False
    clause = clause_before(ctx, stated)
    return _CUES.source_named.search(clause) is not None
