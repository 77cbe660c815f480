"""SCORE_MISMATCH from the text alone: the score a sentence gives the budget execution against 执行率 × 分值.

Why: 财预〔2020〕10号 scores the 预算执行率 item as its rate times its weight (a rate above 100 % counts as 100 %);
a report that writes "预算执行率86%，得9.6分" under "预算执行率（10分）" gives the item more than the rule allows.
Bad: （一）预算执行率（10分） / 项目预算100万元，实际支出86万元，预算执行率86%，得9.6分 (10 × 86 % = 8.6).
Good: the same with 得8.6分; a sentence with two rates or two scores (which goes with which is a reading).
The weight is a 分值/权重 in the sentence, or the one its own heading gives the item at its start ("（四）预算执行率
（10分）：预算执行率82.50%，得9.25分"), else the one the heading right above the paragraph gives the 执行率 item, else
the one the report's own method states for it anywhere ("采用百分制：预算执行率分值10分，得分按“执行率×10”计算").
else the one the report's only 自评表 gives its 预算执行率 row (a flattened row "年度资金总额 226.80 226.80 190.47 10
83.98% 9.40": 分值 10), so "本项目预算执行率83.98%，执行率得分9.40分" below the form is read against 10 × 83.98%.
Provinces may score the item in steps instead: a warning ("uncertain"), unless the text itself states the
proportional rule ("得分=预算执行率×该指标分值", a 评分标准 cell "得分=执行率×分值") and no stepped one ("执行率达到95%
以上得满分"): then its own arithmetic proves the score wrong (an error).
Also a score table's 预算执行率 row ("预算执行率 | 10 | 9.64" under "指标名称 | 分值 | 得分", piped, tabbed or one cell a
line; the item's name in any cell before the 分值): its 得分 against its 分值 × the rate the row writes, else the
report's one stated execution rate ("全年实际支出2,585.49万元，预算执行率91.36%": 10 × 91.36 % = 9.14, written 9.64).
Rows the 自评表 reader read are its own (``checks.form_funds``). And the item scored in a sentence of its own
("预算执行率（10分）按“预算执行率×分值”计分，得9.50分") against the rate the funds section states (85.00 %: 8.50).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..infer import stated_execution_points
from ..prose.cells import Cell, cells_of
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.interval import Interval
from ..prose.model import Statement
from ..prose.score_table import ScoreRow, read_score_tables
from ..registry import check_unit
from .rate_basis import basis_of

_CUES = cues(__name__)
HUNDRED = Decimal(100)


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    stated = stated_execution_points(
        ctx.doc.text[: ctx.doc.body_end]
    )  # the report's method: "执行率分值10分"
    rule = rule_stated(ctx.doc.text[: ctx.doc.body_end])
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose" and s.exact_claim]
        rates = [s for s in own if s.kind == "percent" and s.field == "rate" and s.role == "value"]
        if len(rates) != 1:
            continue
        head = _CUES.heading_weight.search(ctx.doc.text, sentence.start, rates[0].span[0])
        # "（四）预算执行率（10分）：预算执行率82.50%，得9.25分": the heading's (10分) is the item's weight
        scores = [
            s
            for s in own
            if s.kind == "score"
            and s.field in ("score", "rate_score")  # "得8.6分", "执行率得分8.6分"
            and (head is None or s.span[0] >= head.end())
        ]
        if len(scores) != 1 or scores[0].span[0] < rates[0].span[1]:
            continue
        rate, score = rates[0], scores[0]
        weight = (
            _weight(ctx, sentence, own, stated)
            if head is None
            else Interval.exact(Decimal(head.group("points")))
        )
        if weight is None:
            continue
        finding = _product(ctx, rate, score, weight, rule)
        if finding is not None:
            yield finding
    yield from _table_rows(ctx, rule)
    yield from _items_apart(ctx, rule)


def _stated_rates(ctx: AuditContext) -> dict[Decimal, Statement]:
    """The execution rates the prose states, by value (one value: the report's rate, however often repeated)."""
    return {
        s.value: s
        for s in ctx.facts.statements
        if s.kind == "percent"
        and s.field == "rate"
        and s.origin == "prose"
        and s.role == "value"
        and s.exact_claim
    }


def _items_apart(ctx: AuditContext, rule: bool) -> Iterator[Finding]:
    """The execution item scored in a sentence of its own with its weight ("预算执行率（10分）…得9.50分") while the
    rate is stated in the funds section: its score against 分值 × the report's one stated execution rate. Only
    for one project and one stated rate, an item named by its rate (not "预算执行（30分）", a group of items), and
    the item's first score after its weight, no other item's weight ("资金管理（5分）") between them."""
    stated = _stated_rates(ctx)
    if len(stated) != 1 or _CUES.stepped_rule.search(ctx.doc.text):
        return
    (rate,) = stated.values()
    if len(ctx.facts.projects) > 1 and not _whole_rate(ctx, rate):
        return  # several projects and a rate not the whole's: whose item the score is would be a reading
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose"]
        head = _CUES.heading_weight.search(ctx.doc.text, sentence.start, sentence.end)
        if head is None and not any(s.kind == "percent" for s in own):
            finding = _named_item(ctx, rate, own, rule)
            if finding is not None:
                yield finding
            continue
        if head is None or "执行率" not in head.group(0) or any(s.kind == "percent" for s in own):
            continue  # no rate item ("预算执行（30分）" is a group of items), or a rate of its own (read above)
        after = [s for s in own if s.kind == "score" and s.span[0] >= head.end()]
        if not after or after[0].role != "value" or not after[0].exact_claim:
            continue  # the next number is another item's weight
        score, weight = after[0], Interval.exact(Decimal(head.group("points")))
        finding = _apart(ctx, rate, score, weight, rule)
        if finding is not None:
            yield finding


def _whole_rate(ctx: AuditContext, rate: Statement) -> bool:
    """Is the rate the whole's? Said of the unit or the report, or of no one in a sentence that names no project
    ("全年支出10,142.66万元，预算执行率94.27%。按资金用途划分：1.城乡低保资金…": the report's one stated rate; the
    uses listed after it have none of their own)."""
    if rate.subject is not None:
        return rate.subject.kind in ("unit", "report")
    sentence = rate.sentence
    return sentence is not None and not ctx.extractor.mentions_between(sentence.start, sentence.end)


def _named_item(ctx: AuditContext, rate: Statement, own: list[Statement], rule: bool) -> Finding | None:
    """ "该项分值10分，本项目预算执行率得分9.5分": a sentence with no rate of its own that gives the execution item's
    score by name (执行率得分) beside one weight (before it, or in brackets right after it: "执行率得分8.20分（分值10
    分）"): the score against 分值 × the report's one stated rate."""
    scores = [s for s in own if s.kind == "score" and s.field == "rate_score" and s.role == "value"]
    points = [s for s in own if s.kind == "score" and s.field == "points" and s.role == "value"]
    if len(scores) == 1 and not points:
        points = [
            s for s in own if s.kind == "score" and s.field == "points" and _bracketed(ctx, scores[0], s)
        ]
    if len(scores) != 1 or len(points) != 1 or not scores[0].exact_claim:
        pair = _item_pair(ctx, own)
        if pair is None:
            return None
        score, weight = pair[1], Interval.exact(pair[0].value)
        return _apart(ctx, rate, score, weight, rule)
    if points[0].span[1] > scores[0].span[0] and not _bracketed(ctx, scores[0], points[0]):
        return None  # "执行率得分9.52分，产出、效益、满意度指标满分90分": a weight after the score is another item's
    score, weight = scores[0], Interval.exact(points[0].value)
    return _apart(ctx, rate, score, weight, rule)


def _bracketed(ctx: AuditContext, score: Statement, weight: Statement) -> bool:
    """Is the weight the score's own, in brackets right after it ("执行率得分8.20分（分值10分）")?"""
    between = ctx.doc.text[score.span[1] : weight.span[0]]
    return weight.span[0] >= score.span[1] and _CUES.weight_bracket.fullmatch(between) is not None


def _apart(
    ctx: AuditContext, rate: Statement, score: Statement, weight: Interval, rule: bool
) -> Finding | None:
    """The item scored apart from its rate: none for a score above its weight (another finding), nor for one that
    follows the rate the amounts give where the written rate does not ("实际支出2985.61万元，执行率94.35%" over
    3268.40 (91.35 %), "得分9.13分"): the rate is that slip, told by RATE_MISMATCH."""
    if score.value > weight.hi:
        return None
    basis = basis_of(ctx, ctx.values, rate)
    share = None if basis is None else basis.executed_iv.divided_by(basis.budget_iv)
    if share is not None and not share.scaled(HUNDRED).overlaps(rate.interval()):
        computed = Interval(min(share.lo, Decimal(1)), min(share.hi, Decimal(1)))
        if (weight * computed).overlaps(score.interval()):
            return None
    return _product(ctx, rate, score, weight, rule)


def _item_pair(ctx: AuditContext, own: list[Statement]) -> tuple[Statement, Statement] | None:
    """ "预算执行率分值10分，得分9.36分；产出、效益、满意度指标分值90分，得分86.00分": items listed each with its
    weight and its score; the (weight, score) the clause naming the execution rate gives, the score right after
    its weight. None unless exactly one such pair."""
    text = ctx.doc.text
    ordered = sorted(own, key=lambda s: s.span)
    found = []
    for i, weight in enumerate(ordered[:-1]):
        score = ordered[i + 1]
        if weight.kind != "score" or weight.field != "points" or weight.role != "value":
            continue
        if score.kind != "score" or score.field not in ("score", "rate_score") or score.role != "value":
            continue
        start = ordered[i - 1].span[1] if i else weight.sentence.start if weight.sentence else 0
        if _CUES.item_weight.search(text[start : weight.span[0]]) is None:
            continue
        if score.exact_claim and _CUES.weight_then_score.fullmatch(text[weight.span[1] : score.span[0]]):
            found.append((weight, score))
    return found[0] if len(found) == 1 else None


def _product(
    ctx: AuditContext, rate: Statement, score: Statement, weight: Interval, rule: bool
) -> Finding | None:
    """The item's score against 分值 × 执行率 (a rate above 100 % counts as 100 %): a finding when they differ, an
    error only where the text states the proportional rule."""
    share = Interval(min(rate.interval().lo, HUNDRED), min(rate.interval().hi, HUNDRED)).scaled(
        Decimal("0.01")
    )
    expected = weight * share
    ctx.facts.mark(rate, score)
    if expected.overlaps(score.interval()):
        return None
    return ctx.relation_finding(
        "SCORE_MISMATCH",
        f"预算执行率 {rate.text} × 分值 {_shown(weight)}分 ＝ {show_interval(expected, score)}，文中得分写作 "
        f"{score.text}{'' if rule else '（评分规则可能不同，请核对）'}",
        span_of(rate, score),
        expected=show_interval(expected, score),
        found=score.text,
        proven=rule,
        quote=quote_of(ctx.doc.text, score),
    )


def rule_stated(text: str) -> bool:
    """Does the report state the proportional rule for the execution item ("得分=预算执行率×该指标分值") and no
    stepped one ("执行率达到95%以上得满分", "每低1个百分点扣0.5分")?"""
    return _CUES.proportional_rule.search(text) is not None and _CUES.stepped_rule.search(text) is None


def _table_rows(ctx: AuditContext, rule: bool) -> Iterator[Finding]:
    """A score table's 预算执行率 row: its 得分 against 分值 × the rate (the row's one rate cell, else the report's one
    stated execution rate); none where the text states a stepped rule of its own."""
    text = ctx.doc.text
    if len(ctx.facts.projects) > 1 or _CUES.stepped_rule.search(text[: ctx.doc.body_end]):
        return  # a score by the text's own stepped rule is no product
    taken = ctx.facts.form.spans()
    stated = _stated_rates(ctx)
    for table in read_score_tables(text):
        for row in table.rows:
            if any(a < row.score[0].end and row.label.start < b for a, b in taken):
                continue
            if not _names_execution(cells_of(text, row.label.start, row.points[0].start)):
                continue
            finding = _row_finding(ctx, row, stated, rule)
            if finding is not None:
                yield finding


def _names_execution(before: list[Cell]) -> bool:
    """Does the row score the execution item itself? Its last name cell must name it: in a 部门整体 sheet "预算执行"
    is the 二级指标 grouping 预算执行率, 预算调整率 and 结转结余率, so "| 过程 | 预算执行 | 预算调整率 | 5 | 4 |" scores
    the adjustment, not the execution rate."""
    names = [c for c in before if c.text.strip() and not c.empty and c.number is None]
    return bool(names) and _CUES.execution_row.fullmatch(names[-1].text.strip()) is not None


def _row_finding(
    ctx: AuditContext, row: ScoreRow, stated: dict[Decimal, Statement], rule: bool
) -> Finding | None:
    text = ctx.doc.text
    own = [
        c for c in cells_of(text, row.label.start, row.score[0].start) if c.number and c.number.unit == "%"
    ]
    if len(own) == 1 and own[0].number is not None:
        rate_text, rate, at = own[0].text, own[0].number.interval(), (own[0].start, own[0].end)
    elif not own and len(stated) == 1:
        (said,) = stated.values()
        rate_text, rate, at = said.text, said.interval(), said.span
    else:
        return None  # no rate, or several: which is the row's is a reading
    weight, score = row.points[1].value, row.score[1]
    if score.value > weight:
        return None  # a score above its weight is another finding
    expected = Interval(min(rate.lo, HUNDRED), min(rate.hi, HUNDRED)).scaled(
        Decimal("0.01")
    ) * Interval.exact(weight)
    got = score.interval()
    if expected.overlaps(got):
        return None
    shown = _score_shown(expected)
    ctx.facts.mark(row.score[0])
    line = (text.rfind("\n", 0, row.score[0].start) + 1, text.find("\n", row.score[0].end))
    return ctx.relation_finding(
        "SCORE_MISMATCH",
        f"评分表“预算执行率”行：执行率 {rate_text} × 分值 {row.points[0].text}分 ＝ {shown}，表中得分写作 "
        f"{row.score[0].text}{'' if rule else '（评分规则可能不同，请核对）'}",
        (min(row.label.start, at[0]), max(row.score[0].end, at[1])),
        expected=shown,
        found=f"{row.score[0].text}分",
        proven=rule,
        quote=text[line[0] : line[1] if line[1] >= 0 else len(text)].strip(),
    )


def _weight(
    ctx: AuditContext, sentence: Sentence, own: list[Statement], stated: Decimal | None
) -> Interval | None:
    """The item's 分值 (a weight is set, not measured: exact): one stated in the sentence, else the one in the
    heading right above its paragraph, else the one the report's method states."""
    points = [s for s in own if s.kind == "score" and s.field == "points"]
    if len(points) == 1:
        return Interval.exact(points[0].value)
    if points:
        return None
    above = [h for h in ctx.doc.headings if h.end <= sentence.para_start]
    right_above = above and not ctx.doc.text[above[-1].end : sentence.para_start].strip()
    match = _CUES.heading_weight.search(above[-1].text) if right_above else None
    if match is not None:
        return Interval.exact(Decimal(match.group("points")))
    if stated is not None:
        return Interval.exact(stated)
    return _form_points(ctx, sentence)


def _form_points(ctx: AuditContext, sentence: Sentence) -> Interval | None:
    """The weight the report's one 自评表 gives its 预算执行率 row ("年度资金总额 226.80 226.80 190.47 10 83.98% 9.40":
    分值 10), or its funds heading (预算执行情况（10分）): the same item the prose scores. Not with several forms (which
    project's sentence it is would be a reading), nor for the form's own row read as a sentence (a glued copy)."""
    if len(ctx.forms) != 1:
        return None
    form = ctx.forms[0]
    total = form.fund()
    cells = total.cells.values() if total is not None else ()
    if any(sentence.start <= cell.start < sentence.end for cell in cells):
        return None
    points = (total.number("points") if total is not None else None) or form.execution_points
    return None if points is None else Interval.exact(points)


def heading_points(line: str) -> Decimal | None:
    """The weight a line gives the execution item ("（一）预算执行率（10分）", "预算执行情况（分值10分）：")."""
    match = _CUES.heading_weight.search(line)
    return None if match is None else Decimal(match.group("points"))


def _score_shown(value: Interval) -> str:
    """A computed score at two decimals, or its range when the rate's rounding leaves it wide."""
    low, high = (round(v, 2).normalize() for v in (value.lo, value.hi))
    return f"{low:f}分" if low == high else f"{low:f}～{high:f}分"


def _shown(weight: Interval) -> str:
    middle = (weight.lo + weight.hi) / 2
    return format(middle.normalize(), "f")
