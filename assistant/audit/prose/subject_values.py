"""The amounts a relation needs for one subject: its budget and its executed amount, from the statement's own
sentence when written there, else the subject's headline figures elsewhere in the text (when they agree). A listed
part of a total of its subject is no figure of the subject (nor, in a report of one project, a part of the unit's
total of that 口径: the unit's money there is the project's).

``local`` tells the checks which case it was: a contradiction among numbers of one sentence is proven; one
among numbers from different places rests on reading them as the same 口径 and moment.
"""

from __future__ import annotations

from ..cues import cues
from ..fields import clause_of
from .facts import Facts
from .items import other_items
from .model import Statement, Subject

_USABLE = ("value",)
_CUES = cues(__name__)


class SubjectValues:
    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        own_parts = set()
        for breakdown in facts.breakdowns:
            for part in breakdown.parts:
                if part.subject == breakdown.total.subject or _of_the_one_project(
                    facts, part, breakdown.total
                ):
                    own_parts.add(part.span)
        self._own_parts = own_parts
        self._wholes = [
            b.total
            for b in facts.breakdowns
            if b.total.kind == "amount" and b.total.role == "value" and b.total.strong
        ]
        # each subject's statements, and its usable ones, in text order: a lookup per query, not a scan of the text
        self._of: dict[Subject | None, list[Statement]] = {}
        self._usable_of: dict[Subject | None, list[Statement]] = {}
        for s in facts.statements:
            self._of.setdefault(s.subject, []).append(s)
            if self._usable(s, s.subject):
                self._usable_of.setdefault(s.subject, []).append(s)

    def _usable(self, s: Statement, subject: Subject | None) -> bool:
        return (
            s.kind == "amount"
            and s.role in _USABLE
            and s.subject == subject
            and s.span not in self._own_parts
        )

    def budget_and_executed(self, statement: Statement) -> tuple[Statement, Statement, bool] | None:
        """(budget, executed, local) for the subject of ``statement``, or None when the text lacks one."""
        near = [s for s in self.facts.in_sentence(statement.sentence) if self._usable(s, statement.subject)]
        budget = _pick_budget(near)
        executed = _last(near, "executed")
        if budget is not None and executed is not None:
            return budget, executed, True
        subject = statement.subject
        if subject is None:
            return None
        paragraph = self._in_paragraph(statement)
        if (budget is None) != (executed is None) and self._paired_elsewhere(budget or executed, paragraph):
            return None  # the sentence's own budget (or executed) is not the other sentence's pair's
        budget = budget or _only([s for s in paragraph if not self._a_part(s)], "budget")
        executed = executed or _only(paragraph, "executed")
        budget = budget or self.whole_budget(subject)
        executed = executed or self._agreed(subject, ("executed",))
        if budget is None or executed is None:
            budget, executed = self._from_sole_source(statement, budget, executed)
        if budget is not None and executed is None and "headline" in budget.extra:
            # "专项资金预算189.28万元…共支出182.564万元…执行率为96%": beside a headline budget, the one amount spent
            # the text states for the subject is what was executed of it
            executed = self._sole(subject, "executed")
        if budget is None or executed is None:
            return None
        text = self.facts.doc.text
        if other_items(text, statement, budget) or other_items(text, statement, executed):
            return None  # "一是…合计75万元；二是…结余…3624.71万元": another item's figure is not this one's
        return budget, executed, False

    def _a_part(self, statement: Statement) -> bool:
        """ "资金主要用于A、B、C等，其中B 296.80万元": an amount its clause opens with 其中 is a share of something,
        not the paragraph's budget."""
        if statement.sentence is None:
            return False
        head = clause_of(self.facts.doc.text[statement.sentence.start : statement.span[0]])
        return head.lstrip().startswith("其中")

    def _paired_elsewhere(self, own: Statement | None, paragraph: list[Statement]) -> bool:
        """ "部门预算1200万元，执行1150万元。其中道路养护项目预算100万元，执行率100%": the missing half stated in
        another sentence beside a figure of the same 口径 as ``own`` and of another value pairs with that one, not
        with ``own`` — joining them is a guess the text does not support."""
        if own is None:
            return False
        return any(
            s.field == own.field
            and s.sentence is not own.sentence
            and not s.interval().overlaps(own.interval())
            and any(
                t.field in ("budget", "executed") and t.field != own.field
                for t in self.facts.in_sentence(s.sentence)
            )
            for s in paragraph
        )

    def of_subject(self, subject: Subject) -> tuple[Statement, Statement] | None:
        """(budget, executed) a subject's text states, from one sentence stating both or its agreed headlines."""
        for statement in self._of.get(subject, ()):
            if statement.kind == "amount" and statement.field == "executed":
                pair = self.budget_and_executed(statement)
                if pair is not None and pair[2]:
                    return pair[0], pair[1]
        budget = self.budget_of(subject)
        executed = self._agreed(subject, ("executed",))
        return (budget, executed) if budget is not None and executed is not None else None

    def _in_paragraph(self, statement: Statement) -> list[Statement]:
        """The subject's usable amounts in the statement's paragraph ("…支付9600万元。…共计9925万元，尚需拨付325
        万元")."""
        sentence = statement.sentence
        if sentence is None:
            return []
        return [
            s
            for s in self._usable_of.get(statement.subject, ())
            if s.sentence is not None and s.sentence.para_start == sentence.para_start
        ]

    def unnamed_pair(self, rate: Statement) -> tuple[Statement, Statement] | None:
        """ "收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%" / "中央集中彩票公益金10.7万元,执行数8.46万元,
        预算执行率为79.07%": the rate's sentence states no budget, but writes the subject's money (an amount of no
        口径) right before the amount spent, and the rate right after that, no other number between: (that money, the
        amount spent)."""
        own = [
            s
            for s in self.facts.in_sentence(rate.sentence)
            if s.kind == "amount" and s.span[1] <= rate.span[0] and s.role != "aside"
        ]
        if len(own) < 2 or any(s.field in ("budget", "budget_initial") for s in own):
            return None
        base, executed = own[-2], own[-1]
        if executed.field != "executed" or base.field is not None or base.role != "value":
            return None
        if any(executed.span[1] <= s.span[0] < rate.span[0] for s in self.facts.in_sentence(rate.sentence)):
            return (
                None  # "…执行数18万元,预算执行率为75%;基本支出执行率100%": the rate right after it is its own
            )
        if base.subject == executed.subject == rate.subject and base.exact_claim and executed.exact_claim:
            return base, executed
        return None

    def read_pair(self, rate: Statement) -> tuple[Statement, Statement] | None:
        """A budget and an amount spent for a rate whose subject has none, paired by the text's layout alone."""
        return self.unnamed_pair(rate) or self.untied_pair(rate) or self.previous_pair(rate)

    def previous_pair(self, rate: Statement) -> tuple[Statement, Statement] | None:
        """ "1.…资金预算安排805万元,实际到位567万元,实际支出567万元。2.资金预算执行率为70.4%": a rate whose sentence
        states no amount before it and names no other subject, right after the sentence (a numbered line often) that states
        one budget and one amount spent of a subject: (that budget, that amount). The pairing is a reading of the
        layout, so the checks doubt rather than prove."""
        if rate.sentence is None or any(
            s.kind == "amount" and s.span[0] < rate.span[0] for s in self.facts.in_sentence(rate.sentence)
        ):
            return None
        text = self.facts.doc.text
        if rate.origin != "prose" or not _CUES.money_rate.search(text[rate.sentence.start : rate.span[0]]):
            return None  # "政府采购管理执行率100%": a rate of something else than the money
        # the sentence before, looked up only now: a scan of every sentence for each rate read is the slow part
        sentences = self.facts.doc.sentences
        at = next((k for k, s in enumerate(sentences) if s is rate.sentence), None)
        if not at:
            return None
        own = [
            s for s in self.facts.in_sentence(sentences[at - 1]) if s.kind == "amount" and s.role == "value"
        ]
        subjects = {s.subject for s in own}
        if len(subjects) != 1 or rate.subject not in (None, *subjects):
            return None
        budgets = {s.value for s in own if s.field == "budget"}
        spent = [s for s in own if s.field == "executed"]
        if len(budgets) != 1 or len({s.value for s in spent}) != 1:
            return None
        budget = _last(own, "budget")
        assert budget is not None
        if not _CUES.budget_named.search(text[sentences[at - 1].start : budget.span[0]]):
            return None  # the budget named so: no income or target figure read as one
        return (budget, spent[-1]) if budget.exact_claim and spent[-1].exact_claim else None

    def untied_pair(self, rate: Statement) -> tuple[Statement, Statement] | None:
        """ "转移支付全年预算经费73.19万元,其中上年结转15.19万元,全年支出合计43.73万元,预算执行率59.75%": one budget
        (its 其中 sources aside) and the amount spent right before the rate, in the rate's own sentence, read as
        different subjects (合计 reads as the unit's): the sentence pairs them all the same."""
        own = [
            s
            for s in self.facts.in_sentence(rate.sentence)
            if s.kind == "amount" and s.span[1] <= rate.span[0] and s.role == "value" and s.exact_claim
        ]
        if len(own) < 2 or own[-1].field != "executed" or own[-1].subject != rate.subject:
            return None
        if any(own[-1].span[1] <= s.span[0] < rate.span[0] for s in self.facts.in_sentence(rate.sentence)):
            return None  # another number between the amount spent and the rate
        budgets = [s for s in own if s.field in ("budget", "budget_initial")]
        first = budgets[0] if budgets else None
        if first is None or first.subject == rate.subject or any(s.field == "executed" for s in own[:-1]):
            return None
        # "预算批复金额为900万元,实际执行资金总额977万元,资金执行率为100%,其中77万元为社会募集款": more spent than
        # the budget by a subject read apart is money from beyond that budget, not a rate over it
        if first.interval().below(own[-1].interval()):
            return None
        text = self.facts.doc.text
        if all(b is first or "其中" in text[first.span[1] : b.span[0]] for b in budgets):
            return first, own[-1]
        return None

    def paragraph_budget(self, statement: Statement) -> Statement | None:
        """The one budget the statement's paragraph states for its subject ("预算总资金18 189万元,其中…。总资金到位
        18 398.31万元,项目经费到位率101.15%"): nearer than a headline of another paragraph."""
        return _only(self._in_paragraph(statement), "budget")

    def stated(self, subject: Subject | None, field: str) -> list[Statement]:
        """Every statement of the subject with the given field (口径), in text order."""
        return [s for s in self._of.get(subject, ()) if s.field == field]

    def arrived(self, statement: Statement) -> Statement | None:
        """The 到位资金 of the statement's sentence, else the last one before it in its paragraph ("实际到位资金
        286.5万元，资金到位率100%；已支出资金231.4万元，支出进度为85.6%")."""
        near = [s for s in self.facts.in_sentence(statement.sentence) if self._usable(s, statement.subject)]
        before = [s for s in self._in_paragraph(statement) if s.span[1] <= statement.span[0]]
        return _last(near, "arrived") or _last(before, "arrived")

    def budget_of(self, subject: Subject | None) -> Statement | None:
        """The subject's headline budget (全年预算, else 年初预算) when every statement of it agrees. 年初预算 only when
        the text states no headline 全年预算 at all: "年初预算800万元…全年预算数为950万元…可用资金合计910万元"
        leaves the year's budget open between two figures, and the one before the adjustments is neither."""
        if subject is None:
            return None
        agreed = self._agreed(subject, ("budget",))
        if agreed is not None or any(
            s.field == "budget" and "headline" in s.extra for s in self._usable_of.get(subject, ())
        ):
            return agreed
        return self._agreed(subject, ("budget_initial",))

    def whole_budget(self, subject: Subject) -> Statement | None:
        """The money the subject had, wherever the text states it: its headline budget (``budget_of``), else the
        total of no 口径 its budgets add up to, else the one budget the whole text states for it."""
        return self.budget_of(subject) or self._available(subject) or self._sole(subject, "budget")

    def _available(self, subject: Subject) -> Statement | None:
        """ "省级拨付62万元，中央拨付16万元，上年度结余资金6.47万元，合计84.47万元": a total of no 口径 of its own whose
        listed parts are all budgets is the money the subject had to spend — when every such total agrees."""
        found = [
            b.total
            for b in self.facts.breakdowns
            if b.total.subject == subject
            and b.total.field is None
            and b.total.kind == "amount"
            and b.total.role == "value"
            and all(p.field in ("budget", "budget_initial") for p in b.parts)
        ]
        if found and all(found[0].interval().overlaps(s.interval()) for s in found[1:]):
            return found[0]
        return None

    def _sole(self, subject: Subject, field: str) -> Statement | None:
        """ "下达我局项目经费168.00万元。…实际支出项目资金168.00万元,项目资金执行率为100.00%": the one figure of the
        口径 the whole text states for the subject (no headline word needed when there is no other)."""
        found = [s for s in self._usable_of.get(subject, ()) if s.field == field]
        if len(found) != 1 or not found[0].exact_claim or found[0].sentence is None:
            return None
        if self._whole_investment(found[0]):
            return None  # "估算投资400600万元": the works' whole investment, not the money of the year
        if self._a_part(found[0]):
            return None  # "…等，其中护林员管护劳务186.40万元": a share of the money, not all of it
        if self._listed_part(found[0]):
            return None  # "资金构成:劳务补助462万元,保险费15.84万元": one part of the money, not all of it
        return found[0]

    def _listed_part(self, s: Statement) -> bool:
        """Is ``s`` listed after its sentence says it lists what the money is made of ("资金构成:生态护林员劳务补助
        462万元,人身意外伤害保险15.84万元"), beside another amount of that list? The subject's whole is the money stated
        before the list (477.84万元 of its fund source), and one part of it is no budget a rate is over."""
        if s.sentence is None:
            return False
        opened = _CUES.composition.search(self.facts.doc.text, s.sentence.start, s.span[0])
        return opened is not None and any(
            o.kind == "amount" and o is not s and o.span[0] >= opened.end()
            for o in self.facts.in_sentence(s.sentence)
        )

    def _whole_investment(self, s: Statement) -> bool:
        if s.sentence is None:
            return False
        return bool(
            _CUES.whole_investment.search(clause_of(self.facts.doc.text[s.sentence.start : s.span[0]]))
        )

    def _from_sole_source(
        self, statement: Statement, budget: Statement | None, executed: Statement | None
    ) -> tuple[Statement | None, Statement | None]:
        """The missing budget or executed amount from the one fund source of the statement's subject — unless the
        statement's sentence has an amount of its own that is neither ("1.购置健身器材20000元，项目支出进度100%":
        a rate of that item, not of the whole)."""
        subject = statement.subject
        if subject is None:
            return budget, executed
        # "支出总额为57296.97元，结余78671.03元": a headline total beside the statement is the whole, whatever items
        # the subject lists elsewhere
        whole = (
            executed is not None and "headline" in executed.extra and executed.sentence is statement.sentence
        )
        found = (
            budget or self.sole_source(subject, "budget", items_ok=whole),
            executed or self.sole_source(subject, "executed"),
        )
        # "项目预算执行率92.84%，结余资金78.74万元": what the subject left is of its whole, not an item's amount
        if any(
            s.kind == "amount"
            and s is not statement
            and not any(s is f for f in found)
            and not (s.field == "unspent" and s.subject == subject)
            for s in self.facts.in_sentence(statement.sentence)
        ):
            return budget, executed
        return found

    def sole_source(self, subject: Subject, field: str, items_ok: bool = False) -> Statement | None:
        """ "收到上级下达的公用经费补助资金118.92万元，全年发放108.61万元…该项目预算执行率91.33%": the subject states
        no figure of the 口径 of its own, and the one fund source the text ever names for it states one (every such
        figure agreeing): that source's money is all the subject had. Never local: the checks warn on it."""
        sources = [s for s in self._of if s is not None and s.kind == "source" and s.parent == subject]
        # "估算投资400600万元…下达本局项目前期工作经费200.00万元": the works' whole investment is no budget of the year
        # nor is one part of a list of what the money is made of ("资金构成:劳务补助462万元,…")
        own = [
            s
            for s in self._usable_of.get(subject, ())
            if not self._whole_investment(s) and not self._listed_part(s)
        ]
        if len(sources) != 1 or any(s.field == field for s in own):
            return None  # the subject's own figures of the 口径 (in any number) are its own, not the source's
        other = [s for s in own if s.field in ("budget", "executed")]
        if not items_ok and any(not other[0].interval().overlaps(s.interval()) for s in other[1:]):
            return None  # "支出总额57296.97元…其他竞技体育项目支出8000元": the subject's items, not its whole
        found = [
            s for s in self._usable_of.get(sources[0], ()) if s.field == field and s.sentence is not None
        ]
        if found and all(found[0].interval().overlaps(s.interval()) for s in found[1:]):
            return max(found, key=lambda s: s.canonical_places)
        # "下达412.85万元…追减223.57万元…预算189.28万元": money issued and taken back differ; the source's headline
        # budget (预算…, when every one agrees) is what it had
        return self._agreed(sources[0], (field,))

    def _agreed(self, subject: Subject, fields: tuple[str, ...]) -> Statement | None:
        """The subject's headline figure for the 口径 when every headline statement of it agrees."""
        found = [s for s in self._usable_of.get(subject, ()) if s.field in fields and "headline" in s.extra]
        if not found:
            return None
        first = found[0]
        # "学校层面:预算总资金18 189万元,其中…；专业群层面:预算资金7 895万元,其中…": a whole the text breaks down, written
        # as plainly (strong), is as much the subject's figure as a headline; two of different values leave it open
        wholes = [s for s in self._wholes if s.subject == subject and s.field in fields]
        if all(first.interval().overlaps(s.interval()) for s in found[1:] + wholes):
            return max(found, key=lambda s: s.canonical_places)
        return None


def _of_the_one_project(facts: Facts, part: Statement, total: Statement) -> bool:
    """ "兑付秸秆还田作业补贴1,917.60万元、秸秆离田利用补贴185.00万元，合计兑付2,102.60万元" in a report of one project:
    the 合计 reads as the unit's, the items as the project's, yet the unit's total there is the project's money, so
    each item is a share of it, not the project's own executed amount."""
    return (
        len(facts.projects) == 1
        and part.subject == facts.projects[0]
        and total.subject is not None
        and total.subject.kind == "unit"
        and total.field == part.field
    )


def _pick_budget(statements: list[Statement]) -> Statement | None:
    return _last(statements, "budget") or _last(statements, "budget_initial")


def _last(statements: list[Statement], field: str) -> Statement | None:
    found = [s for s in statements if s.field == field]
    return found[-1] if found else None


def _only(statements: list[Statement], field: str) -> Statement | None:
    """The one amount of the 口径 (None when there are several: which one the relation means is a guess)."""
    found = [s for s in statements if s.field == field]
    return found[0] if len(found) == 1 else None
