"""The rates of counts ``text_pay_rates`` reads besides the rates of money: a 受害率 (the quantity its stem names over
a larger total of its unit; a 核查/抽查覆盖率 only over a quantity named as checked, not the area served: Good
"覆盖耕地面积24.80万亩…补助面积核查覆盖率100%"), a rate of heads or batches against the two counts stated for it,
an "超任务X%" (the count done over the task), and the RATE_MISMATCH finding all of that check's rates share.

Bad: 应参保人员412,580人，实际参保401,236人，参保率96.25% (401,236 ÷ 412,580 = 97.25 %: both counts name 参保, an error).
Uncertain: 培训1,260人，实现就业902人，就业率70.59% (71.59 %; 培训 does not name 就业: the base may be another count).
Good: 下达1,200人，分配1,150人，到位1,100人，到位率95.65% (over 分配: any pairing that fits is silence).

Why apart: these read counts, not money, and ``text_pay_rates`` is long enough.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.interval import Interval
from ..prose.model import Statement

HUNDRED = Decimal(100)
_CUES = cues(__name__)
# the words of a task and of the count done are the pay-rate check's own (its 完成率 reads them too): one table
_TASKS = cues("assistant.audit.checks.text_pay_rates")


# --- 受害率 = 受害面积 ÷ a base area -----------------------------------------------------------------------


def stem_rate(ctx: AuditContext, rate: Statement, stem: str) -> Finding | None:
    """ "森林受害面积93.24公顷…森林受害率0.0738‰": the rate of a quantity the text states under the rate's own
    stem (in the count's own 、-item), over one of the larger totals of its unit the text states; none giving the
    rate is a doubt (the text does not say which base it divided by). The base of a compound unit ("0.064次/10万公顷") is no total.
    A total counted in times of the part's unit (人次 for 人) is a base too: a 就业率 of the people trained may be over
    the 人次 trained. A rate of checks ("补助面积核查覆盖率100%", "抽查覆盖率") is the share of what was checked: its part
    is a quantity the text names as checked ("抽查覆盖面积…"), not the area the project covered."""
    checked = _CUES.checked_rate.search(clause_before(ctx, rate))
    check = checked.group("check") if checked else ""
    counts = [s for s in ctx.facts.statements if s.kind == "count" and s.role == "value" and s.exact_claim]
    parts = [
        s
        for s in counts
        if stem in _own_item(ctx, s)
        and check in _own_item(ctx, s)
        and _CUES.measure.search(clause_before(ctx, s))
    ]
    if len({s.value for s in parts}) != 1:
        return None
    part = parts[0]
    bases = [
        s
        for s in counts
        if _measure_of(s) == _measure_of(part)
        and s.value > part.value
        and stem not in clause_before(ctx, s)
        and not _CUES.bound_words.search(clause_before(ctx, s))
        and not _CUES.per_unit.search(clause_before(ctx, s))
    ]
    if not bases:
        return None
    ctx.facts.mark(rate, part, *bases)
    if any(_fits(part, base, rate) for base in bases):
        return None
    shown = "；".join(f"{part.text}÷{b.text}＝{_in_rate_unit(_ratio(part, b), rate)}" for b in bases[:3])
    message = (
        f"文中{stem}率写作 {rate.text}，但按文中数字：{shown}，均不相符（若另有文中未写的基数，则不矛盾）"
    )
    return rate_finding(ctx, rate, message, (part,), None, proven=False)


def _own_item(ctx: AuditContext, s: Statement) -> str:
    """The words of the last 、-item of the count's clause: in "“资金拨付及时率”实际为100%、“数量（万亩）”实际为19.20万亩"
    the 及时 of an earlier item names that item's rate, not the 19.20万亩."""
    return clause_before(ctx, s).split("、")[-1]


def base_unit_of(s: Statement) -> str:
    """A count's unit without its magnitude (万公顷 → 公顷): what two counts must share to be of one measure."""
    return (s.unit or "").lstrip("万亿千百十")


def _measure_of(s: Statement) -> str:
    """What a count is counted in, times and heads alike (人次 → 人, 户次 → 户): "培训1,260人次" beside "就业902人"
    may be the base of a 就业率 (902 ÷ 1,260), the people trained counted once per course."""
    unit = base_unit_of(s)
    return unit.removesuffix("次") if len(unit) > 1 else unit


def _in_rate_unit(percent: Decimal, rate: Statement) -> str:
    """A computed share written as the rate is ("0.0700‰" beside "0.0738‰")."""
    if rate.unit == "‰":
        return f"{round(percent * 10, max(rate.places, 2))}‰"
    return show_value(percent, rate)


def _ratio(part: Statement, base: Statement) -> Decimal:
    return part.value / base.value * HUNDRED


# --- 参保率 = 实际参保 ÷ 应参保: a rate against the two counts stated for it ------------------------------------


def counted_rate(ctx: AuditContext, rate: Statement) -> tuple[bool, Finding | None]:
    """(whether the rate's sentence, or the one before, states a count its name names and a larger count of the same
    measure, the finding when no pairing gives the rate). "应参保人员412,580人，实际参保401,236人，参保率96.25%",
    "抽检120批次，合格118批次，合格率", "培训1,260人，实现就业902人，就业率": the count named by the rate's stem over
    a larger one beside it. Any pairing that fits at the written precision (the part over any count of its measure
    the text states, any two counts beside the rate) is silence: the rate may be over another base (到位 over 分配,
    not 下达). An error only when both counts' clauses name the stem and the window holds no other base."""
    stems = _stems(ctx, rate)
    window = _counts_near(ctx, rate)
    if not stems or len(window) < 2:
        return False, None
    parts = [s for s in window if _CUES.headcount.search(_measure_of(s)) and _named(ctx, s, stems)]
    if not parts:
        return False, None
    # "农村集中供水率" beside "集中供水工程342处、分散供水工程784处": the count that names more of the rate's name
    part = max(reversed(parts), key=lambda s: _named(ctx, s, stems))
    # a base that does not name the rate stands in its sentence: "联系…180人次。…劝返18人次，劝返率达100%" reads
    # nothing of the sentence before
    bases = [
        s
        for s in window
        if s is not part
        and _measure_of(s) == _measure_of(part)
        and s.value >= part.value
        and (s.sentence is rate.sentence or _named(ctx, s, stems))
    ]
    if not bases or rate.value > HUNDRED:
        return False, None
    ctx.facts.mark(rate, part, *bases)
    counts = [s for s in ctx.facts.statements if s.kind == "count" and s.role == "value" and s.exact_claim]
    if any(_fits(p, b, rate) for p, b in (*_pairs(parts, counts), *_pairs(window, window))):
        return True, None
    shown = "；".join(f"{part.text}÷{b.text}＝{_in_rate_unit(_ratio(part, b), rate)}" for b in bases[:3])
    proven = len(bases) == 1 and _named(ctx, bases[0], stems) > 0
    doubt = "" if proven else "（若另有文中未写的基数，则不矛盾）"
    message = f"文中{stems[0]}率写作 {rate.text}，但按文中数字：{shown}，与之不符{doubt}"
    expected = _in_rate_unit(_ratio(part, bases[0]), rate) if proven else None
    return True, rate_finding(ctx, rate, message, (part, *bases), expected, proven=proven)


def _named(ctx: AuditContext, s: Statement, stems: list[str]) -> int:
    """How much of the rate's name the count's own words carry: the longest of its endings, from its stem on."""
    words = _own_item(ctx, s)
    return max((len(w) for w in stems if w in words), default=0)


def _stems(ctx: AuditContext, rate: Statement) -> list[str]:
    """The words a count of the rate's reading names: the two characters before 率, or, when those name no count
    of their own (覆盖率, 达标率), the two before them ("参保覆盖率" → 参保)."""
    named = _CUES.rate_name.search(clause_before(ctx, rate))
    if named is None:
        return []
    name = named.group("name")
    if _CUES.generic_stem.search(name[-2:]):
        name = name[:-2]
    return [name[-n:] for n in range(2, len(name) + 1)]


def _counts_near(ctx: AuditContext, rate: Statement) -> list[Statement]:
    """The exact counts stated before the rate in its sentence, and in the sentence right before it in its paragraph."""
    sentence = rate.sentence
    assert sentence is not None
    counts = [
        s
        for s in ctx.facts.statements
        if s.kind == "count"
        and s.role == "value"
        and s.exact_claim
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and s.span[1] <= rate.span[0]
    ]
    own = [s for s in counts if s.sentence is sentence]
    earlier = [s for s in counts if s.sentence is not sentence]
    if not earlier:
        return own
    before = max(earlier, key=lambda s: s.span[0]).sentence
    assert before is not None
    if ctx.doc.text[before.end : sentence.start].strip(" 。；;\u3000\n"):
        return own  # words between: not the sentence right before
    return [s for s in earlier if s.sentence is before] + own


def _pairs(parts: list[Statement], bases: list[Statement]) -> list[tuple[Statement, Statement]]:
    """Each part with each other count of its measure no smaller than it."""
    return [
        (p, b)
        for p in parts
        for b in bases
        if b is not p and _measure_of(b) == _measure_of(p) and b.value >= p.value
    ]


def _fits(part: Statement, base: Statement, rate: Statement) -> bool:
    quotient = part.interval().divided_by(base.interval())
    return quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval())


# --- 超任务X% = (done − task) ÷ task ----------------------------------------------------------------------


def over_task(ctx: AuditContext, rate: Statement) -> Finding | None:
    pair = _task_and_done(ctx, rate)
    if pair is None:
        return None
    task, done, proven = pair
    over = (done.interval() - task.interval()).divided_by(task.interval())
    if over is None:
        return None
    computed: Interval = over.scaled(HUNDRED)
    ctx.facts.mark(rate, task, done)
    ratio = done.interval().divided_by(task.interval())
    if computed.overlaps(rate.interval()) or (ratio and ratio.scaled(HUNDRED).overlaps(rate.interval())):
        return None  # over the task, or (as some write it) the result as a share of the task
    where = "" if done.sentence is rate.sentence else "（任务数、完成数见文中他处）"
    message = (
        f"任务 {task.text}、实际完成 {done.text}，超出任务 ({done.text}－{task.text})÷{task.text}＝"
        f"{show_interval(computed, rate)}，文中写作超任务 {rate.text}{where}"
    )
    return rate_finding(ctx, rate, message, (task, done), show_value(computed.mid, rate), proven=proven)


def _task_and_done(ctx: AuditContext, rate: Statement) -> tuple[Statement, Statement, bool] | None:
    """The task count and the count done: from the rate's sentence, else the text's one value of each (then
    proven only when the two are also stated together somewhere)."""
    counts = [s for s in ctx.facts.statements if s.kind == "count" and s.role == "value" and s.exact_claim]
    tasks = [s for s in counts if _TASKS.task.search(clause_before(ctx, s))]
    dones = [s for s in counts if _TASKS.done.search(clause_before(ctx, s)) and s not in tasks]
    local_t = [s for s in tasks if s.sentence is rate.sentence and s.span[1] <= rate.span[0]]
    local_d = [s for s in dones if s.sentence is rate.sentence and s.span[1] <= rate.span[0]]
    if local_t and local_d and local_t[-1].unit == local_d[-1].unit:
        return local_t[-1], local_d[-1], True
    task_values = {s.value for s in tasks}
    done_values = {s.value for s in dones}
    if len(task_values) != 1 or len(done_values) != 1 or {s.unit for s in tasks + dones} != {tasks[0].unit}:
        return None
    together = any(t.sentence is d.sentence for t in tasks for d in dones)
    return tasks[0], dones[0], together


def rate_finding(
    ctx: AuditContext,
    rate: Statement,
    message: str,
    others: tuple[Statement, ...],
    expected: str | None,
    proven: bool,
) -> Finding:
    """A RATE_MISMATCH on ``rate``, spanning the numbers it was computed from."""
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message,
        span_of(rate, *others),
        expected=expected,
        found=rate.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, rate),
    )
