"""The rates of counts ``text_pay_rates`` reads besides the rates of money: a 受害率 (the quantity its stem names over
a larger total of its unit; a 核查/抽查覆盖率 only over a quantity named as checked, not the area served: Good
"覆盖耕地面积24.80万亩…补助面积核查覆盖率100%") and an "超任务X%" (the count done over the task), and the RATE_MISMATCH finding all of
that check's rates share.

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
    for base in bases:
        quotient = part.interval().divided_by(base.interval())
        if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
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
