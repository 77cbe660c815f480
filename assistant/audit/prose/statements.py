"""Numbers in prose as statements: which subject each number is about and under which 口径.

Attribution (a project named in the sentence, the paragraph or the heading above; 我单位/合计 for the unit) and
the 口径 words are the audit's own (``audit.claims``, ``audit.fields``); this module adds what a report read
without data needs: the subjects come from the text (``subjects``), a fund source (中央资金…) becomes a
subject of its own under the project or the unit, and each statement says whether it is written explicitly
enough to prove a contradiction (``strong``) or is a bound, a part, a figure for a moment before year's end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.numbers import amount_factor
from assistant.numbers.precision import hedge_kind

from ..claims import Claim, ClaimExtractor
from ..cues import cues
from ..document import Document
from ..fields import AMOUNT_FIELDS, NAME_MASK, clause_of, issued_name, nearest_keyword, without_aside
from ..line_breaks import unwrapped
from ..names import NameIndex
from .cells import header_above
from .model import Role, Statement, Subject
from .subjects import find_project_names, issued_wholes, source_label, without_source_names

UNIT = Subject("unit", "")
REPORT = Subject("report", "")

_CUES = cues(__name__)
_TITLE = re.compile(r"《[^《》]*》")
_PERCENT_KINDS = ("percent", "percentage_point")
# The words that make a number the headline figure of its 口径 for its subject (预算数, 执行金额, 执行率,
# 得分), rather than one sum among several ("支付工程款80万元"). Only headline figures are compared when the
# same quantity is stated twice.
_HEADLINE = {
    "budget": r"(?:全年|调整后|年度)?预算(?:数|金额|总额|资金|资金总额)?|总预算|(?:年度)?资金总额|项目资金|总投资",
    "budget_initial": r"年初(?:预算|安排)(?:数|金额|资金)?",
    "executed": r"(?:全年)?执行(?:数|金额)|全年(?:共计?|累计|合计)?(?:执行|支出)|实际执行|实际支出|支出总额|执行总额|实际完成(?:预算)?资金|决算数",
    "rate": r"(?:预算)?执行率|支出进度",
    "score": r"(?:综合|自评|评价|考评|项目)?得分|总分|自评分",
}
_HEADLINE_TAIL = r"(?:合计|总计|共计|共|累计|总额)?(?:投入)?(?:是|为|达|达到|了)?\s*[:：]?\s*$"
_HEADLINE_RE = {f: re.compile(f"(?:{p}){_HEADLINE_TAIL}") for f, p in _HEADLINE.items()}


class StatementReader:
    """Builds statements for one document; the subjects come from the text unless names are given."""

    def __init__(
        self, doc: Document, names: list[str] | None = None, extractor: ClaimExtractor | None = None
    ) -> None:
        self.doc = doc
        self.names = (
            extractor.names.names if extractor else find_project_names(doc) if names is None else names
        )
        self.extractor = extractor or ClaimExtractor(doc, NameIndex(self.names), [])
        self.projects = [Subject("project", name) for name in self.names]
        self._first_named: int | None = None
        self._category_at: dict[int, int | None] = {}  # paragraph start → end of its first 三公, if any

    def statements(self, claims: list[Claim] | None = None) -> list[Statement]:
        result: list[Statement] = []
        for claim in self.extractor.claims() if claims is None else claims:
            statement = self._statement(claim)
            if statement is not None:
                result.append(_carried_source(statement, result))
        return issued_wholes(self._listed_sources(result))

    def _listed_sources(self, statements: list[Statement]) -> list[Statement]:
        """ "支出2310.4万元，其中中央资金1352.2万元，地方资金98.6万元": the fund sources a 其中-list names after an
        amount spent (or left, or arrived) are shares of that amount, though their own clauses say only 资金; so
        are the kinds of spending (基本支出, 项目支出, 人员经费…) a 其中-list names after any amount, a budget too."""
        result = list(statements)
        total: Statement | None = None
        for k, s in enumerate(result):
            if total is not None and (s.sentence is not total.sentence or s.kind != "amount"):
                total = None
            if s.kind != "amount":
                continue
            if total is not None:
                clause = _CUES.list_item.split(self.doc.text[s.sentence.start : s.span[0]])[-1]  # type: ignore[union-attr]
                if _CUES.spending_kind.fullmatch(clause.strip(" \u3000")):
                    # "调整后预算为6025.55万元，其中基本支出1035.42万元，项目支出4990.13万元": kinds of spending
                    # that split a budget are shares of the budget, though 支出 reads as money spent
                    result[k] = replace(s, field=total.field)
                    continue
                if total.field in _BUDGET_TOTAL_FIELDS:
                    total = None  # a budget's other items keep their own 口径
                elif s.field not in ("budget", None):
                    total = None
                elif _CUES.bare_source.fullmatch(clause.strip(" \u3000")) or _no_own_field(clause):
                    result[k] = replace(s, field=total.field)
                    continue
                else:
                    total = None
            after = self.doc.text[s.span[1] : s.sentence.end] if s.sentence is not None else ""
            if s.field in _LIST_TOTAL_FIELDS | _BUDGET_TOTAL_FIELDS and _CUES.list_opens.match(after):
                total = s
        return result

    # --- one claim ----------------------------------------------------------------------------------------

    def _statement(self, claim: Claim) -> Statement | None:
        m = claim.mention
        if m.kind not in ("amount", "percent", "percentage_point", "score", "count"):
            return None
        sentence = claim.sentence
        if (
            m.kind == "amount"
            and _CUES.notice_year_before.search(sentence.text, 0, m.start)
            and m.text[:2] in ("19", "20")
        ):
            return None  # "财建〔20202185000万元": a notice's year glued to the amount (its 〕 and 号 lost), unreadable
        window = self._masked_window(claim)
        clause = _label_clause(window)
        clause = _CUES.spaced_cells.split(clause)[-1]  # a flattened table's cells before it say nothing of it
        subject = self._subject(claim)
        field = claim.field
        extra: dict[str, str] = {}
        if m.kind == "amount":
            field, label = self._amount_field(claim, clause)
            if label is not None and subject is not None:
                subject = Subject("source", label, subject)
                if field == "budget" and issued_name(clause):
                    extra["issued"] = "1"
        elif m.kind == "count":
            field = "count"
            if m.noun:
                extra["noun"] = m.noun
        elif m.kind == "score" and claim.about_indicator:
            extra["indicator"] = "1"
        if claim.scope == "subset":
            extra["subset"] = str(claim.subset_size or "")
        if _respective(sentence.text, m.start):
            # "三个重点项目执行率分别为98.37%、93.36%、92.68%": each is one member's, none the group's own
            extra["respective"] = "1"
        if self._category_before(sentence.para_start, sentence.para_end, sentence.start + m.start):
            # a paragraph about “三公”经费: a category of the unit's money, not its whole; "named" when the
            # number's own clause says so ("“三公”经费预算12万元"), not one item of it (公务接待费实际支出1.1万元)
            extra["category"] = "named" if _CUES.spending_category.search(clause) else "item"
        if self._headline(field, clause) or _source_amount(subject, field, clause):
            extra["headline"] = "1"
            if field == "budget" and _CUES.full_year.search(clause):
                extra["full_year"] = "1"
        factor = m.value / m.raw_value if m.raw_value else amount_factor(m.unit)
        start = sentence.start + m.start
        return Statement(
            subject=subject,
            field=field,
            kind=m.kind,
            value=m.value,
            raw=m.raw_value,
            factor=factor,
            unit=m.unit,
            places=m.places,
            hedge=m.hedge,
            high=m.high,
            span=(start, sentence.start + m.end),
            text=m.text,
            sentence=sentence,
            strong=self._strong(claim, clause, subject),
            role=self._role(claim, window),
            extra=extra,
        )

    def _masked_window(self, claim: Claim) -> str:
        """The sentence up to the number with project names blanked (经费 inside a name is no 口径)."""
        sentence = claim.sentence
        end = sentence.start + claim.mention.start
        chars = list(self.doc.text[sentence.start : end])
        for mention in self.extractor.mentions_between(sentence.start, end):
            for i in range(max(mention.start, sentence.start), min(mention.end, end)):
                chars[i - sentence.start] = NAME_MASK
        return unwrapped("".join(chars))

    def _subject(self, claim: Claim) -> Subject | None:
        if claim.scope == "project" and claim.project is not None:
            return self.projects[claim.project]
        if claim.scope == "total":
            return (
                UNIT if self.projects else REPORT
            )  # no project named: the unit's totals are what is evaluated
        if claim.scope == "none":
            if not self.projects:
                return REPORT
            if len(self.projects) == 1 and self._named_before(claim) and not self._sibling_item(claim):
                return self.projects[0]
        return None

    def _sibling_item(self, claim: Claim) -> bool:
        """ "3、城乡就业工作经费5万元…" then "4、就业专项资金594.74万元…": a numbered line whose first sentence
        holds the number and does not name the one project is an item of its own beside it, not more about it
        ("(2)项目资金执行情况。全年实际执行…" is a numbered section of the project's analysis)."""
        sentence = claim.sentence
        line = self.doc.text[sentence.para_start : sentence.para_end]
        first = sentence.start == sentence.para_start
        if not first or not _CUES.numbered_line.match(line) or self.projects[0].name in line:
            return False
        return not self._led_in(sentence.para_start)

    def _led_in(self, start: int) -> bool:
        """ "2022年就业补助资金执行情况如下：" then "1.省级下达…", "2.已支付…": numbered lines under a lead-in line that
        names the one project and ends on a colon are the project's details, not items beside it."""
        text = self.doc.text
        while start > 0:
            above = text.rfind("\n", 0, start - 1) + 1
            line = text[above : start - 1].strip(" \u3000\t")
            if _CUES.numbered_line.match(line):
                start = above
                continue
            return line.endswith(("：", ":")) and self.projects[0].name in line
        return False

    def _named_before(self, claim: Claim) -> bool:
        """Has the text named its one project before this number? A number ahead of it ("资金共509774.50万元，
        …一是XX项目…") is about what the report evaluates, not that project."""
        if self._first_named is None:
            self._first_named = min(
                (m.start for m in self.extractor.mentions_between(0, len(self.doc.text))), default=0
            )
        return claim.sentence.start + claim.mention.start >= self._first_named

    def _category_before(self, para_start: int, para_end: int, at: int) -> bool:
        """Does the paragraph name “三公”经费 before ``at``? Its first mention is found once per paragraph."""
        if para_start not in self._category_at:
            found = _CUES.spending_category.search(self.doc.text, para_start, para_end)
            self._category_at[para_start] = found.end() if found is not None else None
        end = self._category_at[para_start]
        return end is not None and end <= at

    def _opened_above(self, at: int) -> int:
        """Brackets left open on the line above, when the line ``at`` is on opens with no bracket of its own: a PDF's
        line end may fall inside a bracket ("…41 236万元（含2021年11月提⏎前下达的12 370万元），其中…")."""
        text = self.doc.text
        start = text.rfind("\n", 0, at) + 1
        if start == 0 or _brackets(text[start:at]) != (0, 0):
            return 0
        above = text.rfind("\n", 0, start - 1) + 1
        line = text[above : start - 1]
        return _brackets(line)[0] if line.strip() else 0

    def _amount_field(self, claim: Claim, clause: str) -> tuple[str | None, str | None]:
        """The 口径 of an amount and the fund source its clause names (None when it names none)."""
        field = claim.field
        words = _TITLE.sub("", clause)  # "《关于下达…自治区水利发展资金…的通知》下达…6万元": a title's words
        # "中央、省两级下达的…资金合计1067.2万元": an amount of several sources together is none of them
        label = None if _CUES.joint_sources.search(words) else source_label(words)
        if label is not None and _CUES.source_included.search(words):
            label = None  # "以含上年结转的全年预算…": the whole the source is part of
        if label is not None and _CUES.adjusted_whole.search(words):
            label = (
                None  # "根据省级追加…调整为5,360万元": the whole budget after the change, a source its reason
            )
        if field in ("budget", "arrived", "executed", "source") and _CUES.joined_stage.search(clause):
            # "省级资金10月才下达且80万元次年到位": a part of the money, not its 下达 amount
            return None, None
        after = unwrapped(self.doc.text[claim.sentence.start + claim.mention.end : claim.sentence.end])
        if label is not None and _CUES.sources_listed_after.match(after) and label in _listed_sources(after):
            label = None  # "省财政厅下达…5 640.00万元，其中中央…省级…": the sources' whole, sent by the 省
        if field == "source":
            field = nearest_keyword(without_source_names(without_aside(clause)), AMOUNT_FIELDS)
            field = "budget" if field in (None, "budget") else field
        if field in ("budget", None) and (_CUES.done_hint.search(clause) or _CUES.spent_after.match(after)):
            field = "executed"
        elif field in ("budget", None) and _CUES.arrived_after.match(
            _CUES.listed_amounts.sub("", after, count=1)
        ):
            # "中央和省级资金8426.30万元全部到位": the money that came, not the budget; so is each amount of a
            # 、-list the words name so ("中央资金1800万元、自治区资金1000万元已全部到位")
            field = "arrived"
        if field == "executed" and _CUES.still_to_pay.search(clause):
            field = "unspent"  # "尚需拨付325万元": what is still to be paid is what was not
        if field == "executed" and _CUES.may_spend.search(clause):
            field = "budget"  # "全年可统筹使用资金8,860万元": what may be spent, the year's cap
        before = unwrapped(self.doc.text[claim.sentence.start : claim.sentence.start + claim.mention.start])
        if field == "executed" and "拨付" in clause and _CUES.paid_to_us.search(before):
            field = "budget"  # "省级向我区拨付…62万元，中央拨付16万元": money handed to the writer is money it got
        if field == "unspent" and (
            _CUES.prior_leftover.search(clause) or _CUES.carried_into_year.match(after)
        ):
            # "上年度结余的资金6.47万元", "结转资金35万元并入本年度使用": last year's leftover is this year's money
            return "budget", "上年结转"
        if field in ("unspent", "unspent_part", "change", "difference", "unit_price"):
            label = None  # "结余…其中上年结转1.7万元" is a part of the 结余, kept under its own 口径
        return field, label

    def _headline(self, field: str | None, clause: str) -> bool:
        if field == "budget" and _bare_name(clause):
            return True  # "XX经费项目：62.3205万元": the project's budget in an enumeration
        pattern = _HEADLINE_RE.get(field or "")
        if field in ("budget", "budget_initial", "executed") and _CUES.total_tail.search(clause):
            return True  # "支出合计87.06万元", "安排经费，合计239万元"
        return bool(pattern and pattern.search(clause))

    def _strong(self, claim: Claim, clause: str, subject: Subject | None) -> bool:
        if subject is None or claim.attribution not in ("sentence", "total", "none"):
            return False
        if claim.attribution == "none" and subject.kind != "report":
            return False
        if claim.mention.kind == "count":
            return True
        return bool(_CUES.specific.search(clause)) or _bare_name(clause)

    def _role(self, claim: Claim, window: str) -> Role:
        m = claim.mention
        if (
            claim.sentence.role == "method"
            and m.kind in ("score", "percent")
            and not _CUES.stated_result.search(
                self.doc.text[claim.sentence.para_start : claim.sentence.para_end]
            )
        ):
            return "rule"  # "90～100分为优", "执行率得分=执行率×10": the scoring rule, not a result
        if hedge_kind(m.hedge) in ("at_least", "at_most") or claim.field in ("condition", "cap"):
            return "bound"
        header = header_above(self.doc.text, claim.sentence.start + m.start)
        if header is not None and _CUES.target_column.search(header):
            return "bound"  # "预算执行率 | — | — | 100% | 98.00%" under 年度指标值: the target, not a result
        after = self.doc.text[claim.sentence.start + m.end : claim.sentence.end]
        if _CUES.condition_before.search(window) or _CUES.condition_after.match(after):
            return "bound"  # "执行率未达到90%的需说明原因": a condition of the rule, not a value
        # a bracket never closed in its sentence is a slip: what follows it is the main clause
        unclosed, _ = _brackets(window)
        if unclosed == 0:
            unclosed = self._opened_above(claim.sentence.start + m.start)
        if unclosed > 0 and _brackets(after)[1] > 0:
            return "aside"
        moment = _CUES.moment.search(window)
        if moment and int(moment.group(1)) < 12:
            return "timed"
        return "value"


def _respective(sentence: str, offset: int) -> bool:
    """Is the number at ``offset`` one of a list read respectively ("分别为98.37%、93.36%、92.68%", "分别达到
    4,215人次和1,860人次")? Each value belongs to one of the things named before, in turn."""
    return any(m.start("list") <= offset < m.end("list") for m in _CUES.respective_list.finditer(sentence))


def _listed_sources(after: str) -> set[str]:
    """The fund sources a 其中 list right after an amount names, one per clause ("，其中中央资金3 200.00万元，省级资金
    1 800.00万元…" → 中央资金, 省级资金), up to the sentence's end."""
    pieces = re.split(r"[，,、；;]", after.partition("。")[0])
    return {label for piece in pieces if (label := source_label(piece)) is not None}


def _source_amount(subject: Subject | None, field: str | None, clause: str) -> bool:
    """ "其中中央资金776.84万元", "中央资金投入776.84万元": a fund source's amount with no 口径 word of its own is that
    source's headline budget, which a rate of the source ("中央资金完成636.75万元,预算执行率81.97%") is written over."""
    if subject is None or subject.kind != "source" or field != "budget":
        return False
    rest = without_source_names(without_aside(_TITLE.sub("", clause))).strip(" \u3000，,、（(")
    return bool(_CUES.source_amount.fullmatch(rest))


def _brackets(words: str) -> tuple[int, int]:
    """(brackets left open, brackets closed that ``words`` never opened), read left to right: a stray ")" in a
    notice's title ("…资金)的通知》(财建…") closes nothing and leaves a later "(其中…" open."""
    opened = unopened = 0
    for char in words:
        if char in "（(":
            opened += 1
        elif char in "）)":
            if opened:
                opened -= 1
            else:
                unopened += 1
    return opened, unopened


def _bare_name(clause: str) -> bool:
    """Is the clause only a project's name (with a list marker, year, quotes)? "XX经费项目：1.92万元"."""
    rest = _CUES.name_lead.sub("", clause).strip(" \u3000:：，,（(“”\"'‘’" + NAME_MASK)
    return not rest and NAME_MASK in clause


def _label_clause(window: str) -> str:
    """The words that qualify the number: its clause, or the label before a colon ("预算执行率：100%")."""
    clause = clause_of(window)
    if clause.strip(" \u3000") or not window.rstrip(" \u3000").endswith((":", "：")):
        return clause
    return clause_of(window.rstrip(" \u3000")[:-1]) + "："


def is_rate(statement: Statement) -> bool:
    return statement.kind in _PERCENT_KINDS and statement.field == "rate"


_LIST_TOTAL_FIELDS = frozenset({"executed", "unspent", "arrived"})
_BUDGET_TOTAL_FIELDS = frozenset({"budget", "budget_initial"})


def _no_own_field(clause: str) -> bool:
    """ "共到位1130.71万元，其中财政衔接资金1077.56万元，预拨资金53.15万元": an item named by a kind of money with no
    口径 word of its own is a share of the amount the 其中-list follows, in that amount's 口径."""
    name = _CUES.money_noun.sub(
        "", clause.strip(" \u3000")
    )  # "资金" alone reads as a budget: no 口径 of its own
    return bool(name) and nearest_keyword(name, AMOUNT_FIELDS) is None


# 口径 that say what became of a fund's money, and words that make a number a whole of several funds.
_OUTCOME_FIELDS = frozenset({"executed", "unspent", "unspent_part", "rate", "remainder"})


def _closed_between(inner: Statement, statement: Statement) -> bool:
    """Is ``inner`` inside a bracket that closes before ``statement`` (both in one sentence)?"""
    if inner.sentence is None or inner.sentence is not statement.sentence:
        return False
    start = inner.sentence.start
    return _brackets(inner.sentence.text[inner.span[1] - start : statement.span[0] - start])[1] > 0


def _carried_source(statement: Statement, before: list[Statement]) -> Statement:
    """ "县级资金年初预算1887.85万元，按月发放1692.02万元，结余195.83万元": what was spent and what is left of the
    fund the sentence opened with are that fund's, though their own clauses name no fund. Not after a list of
    funds ("预算320万元，其中中央120万元、省级80万元、县级120万元，全年执行288万元"): the last item is no more the
    spender than the first, and the outcome after the list is the whole's. Nor from inside a bracket closed before
    the outcome ("预算数2,386.40万元（当年下达2,150.00万元加上年结转236.40万元），全年实际支出2,118.52万元"): the bracket
    makes up the amount before it, and what follows it is said of that amount, not of the bracket's last part."""
    previous = next((s for s in reversed(before) if not _closed_between(s, statement)), None)
    if (
        previous is None
        or previous.sentence is not statement.sentence
        or statement.sentence is None
        or previous.subject is None
        or previous.subject.kind != "source"
        or statement.subject is None
        or statement.subject != previous.subject.parent
        or statement.field not in _OUTCOME_FIELDS
    ):
        return statement
    between = statement.sentence.text[
        previous.span[1] - statement.sentence.start : statement.span[0] - statement.sentence.start
    ]
    if _CUES.whole_words.search(between) or source_label(between) is not None:
        return statement
    listed = set()
    for s in reversed(before):  # the sentence's statements only, read back from the last
        if s.sentence is not statement.sentence:
            break
        if s.subject is not None and s.subject.kind == "source":
            listed.add(s.subject.name)
    if len(listed) > 1:
        return statement
    return replace(statement, subject=previous.subject)
