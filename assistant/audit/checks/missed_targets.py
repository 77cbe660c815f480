"""The targets a report says it missed, read for the claims of completion (``text_claims``) to be weighed against.

A (target, actual) pair is missed when one sentence states a plan and fewer done ("计划改造农村危房200户，实际完成
168户"), the count done and then its target ("购置教学设备850台（套），年度目标为1000台（套）"), an actual beyond a
不低于/不高于 target, or, in a one-project report, a completion rate short of 100 % or a row of its own 自评表 whose
actual misses its "≥"/"≤"/"=" target (a bare actual under a form's own 单位 column, "≥ | 1500 | 台 | 1362", is in
the target's unit), or a count said to be left and behind ("剩余6.5公里…顺延至2023年"). A row whose target is a bare count ("新建监测站 | 12座 | 10座 | 15 | 12") has
no written direction: it is read as missed only when the row's own 得分 falls short of its 分值 (the form itself
scored the shortfall) and its name is not one where less is better (a cost, an incident, a time). A rate written right after its own ≥/≤ target ("达标率≧85%，实际完成85%",
"目标≥75%，完成78.3%") is measured against that target, not against 100 %: met there, it is no shortfall.
A ≥/≤ target in brackets right after the figure done ("护理型床位占比52.3%（年度目标值为≥55%）") is that figure's target, not
the next figure's. A target named after its number, the text saying it was not reached ("覆盖率为86%，未达到年初
确定的95%目标"), is that figure's target. A growth rate ("品牌价值增长率为4.6%（目标值≥6%）") is the indicator's value,
unlike a rise ("较上年提高3.2%"). A ≥/≤ target whose actual stands further on in its sentence, other figures between them ("取证率目标值≥85%，参训
2,000人中取得证书1,652人，取证率82.6%"), is paired with it when the actual's clause names the same indicator. Rows of
indicator tables the form reader does not take (other headers, tabs, one cell per line) are read by ``missed_rows``.
Which class of indicators (产出, 效益, …) a missed row is of, for a claim about one class, is read here too: from
the level cells on its line, else from its own name (``row_of_class``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise

from assistant.numbers.precision import hedge_kind

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import first_clause
from ..prose.clauses import clause_before
from ..prose.model import Statement, Subject
from .missed_rows import missed_rows, misses_target

HUNDRED = Decimal(100)
_CUES = cues(__name__)
_SCORES = cues("assistant.audit.checks.text_indicator_scores")
_NAME_MIN = 4  # the fewest characters of an indicator's name that pair a target with a figure elsewhere
_RUN_IN = 16  # the longest run-in title ("（一）产出指标完成情况。") read for its class
_UNIT_OR = re.compile(r"([^()（）]+)[(（]([^()（）]+)[)）]")  # "台(套)": a unit and its alternative


def missed_targets(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """(target, actual) pairs the prose states in one sentence where the actual misses a 不低于/不高于 target:
    "年初指标值为不低于180人，全年实际完成值164人"."""
    missed = []
    # a bare completion rate may be of any project; with several, the claim may speak of another
    one_project = len(ctx.facts.projects) <= 1 and len(ctx.ref.projects) <= 1
    for sentence in ctx.doc.sentences:
        own = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.origin == "prose" and s.kind in ("count", "percent")
        ]
        paired = False
        answered: set[int] = set()  # actuals written right after their own ≥/≤ target, met or not
        for k, (target, actual) in enumerate(pairwise(own)):
            if _planned_and_done(ctx, target, actual):
                missed.append((target, actual))
                paired = True
                continue
            if _done_then_target(ctx, target, actual):
                missed.append((actual, target))
                paired = True
                continue
            side = hedge_kind(target.hedge)
            if side not in ("at_least", "at_most") or (
                k and _closed_between(ctx, own[k - 1], target, actual)
            ):
                continue  # "返工率3.5%（指标值≤2%），合格率98%": the bracket's target is of the figure before it
            if actual.unit != target.unit:
                actual = _named_again(ctx, target, own[k + 2 :]) or actual
            if not actual.exact_claim or actual.unit != target.unit:
                continue
            answered.add(id(actual))
            if (side == "at_least" and actual.interval().below(target.interval())) or (
                side == "at_most" and target.interval().below(actual.interval())
            ):
                missed.append((target, actual))
                paired = True
        if (
            not paired and one_project
        ):  # "道路硬化工程完成率85%": a completion short of the whole, target unwritten
            missed += [
                (s, s) for s in own if s.field == "completion" and _short(ctx, s) and id(s) not in answered
            ]
            missed += [(s, s) for s in own if _left_behind(ctx, s)]
    if one_project:  # a 自评表 row may be of any project too
        missed += _form_rows_missed(ctx) + missed_rows(ctx, ctx.facts.form.spans())
        paired_targets = {id(t) for t, _ in missed}
        missed += [(t, a) for t, a in _named_elsewhere(ctx) if id(t) not in paired_targets]
    return missed


def _named_elsewhere(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """A ≥/≤ target of the year's goals ("参加就业见习不少于300人") against its actual in a later sentence, often
    another section, whose clause names the indicator in the very same words ("参加就业见习268人"): the one later
    figure of its kind and unit so named, when it misses. Same words and one such figure keep chance out."""
    prose = [
        s
        for s in ctx.facts.statements
        if s.origin == "prose" and s.kind in ("count", "percent") and s.sentence is not None
    ]
    missed = []
    for k, target in enumerate(prose):
        side = hedge_kind(target.hedge)
        name = _indicator_name(clause_before(ctx, target))
        if side not in ("at_least", "at_most") or len(name) < _NAME_MIN:
            continue
        later = [
            s
            for s in prose[k + 1 :]
            if s.sentence is not target.sentence
            and s.kind == target.kind
            and s.unit == target.unit
            and s.hedge is None
            and s.exact_claim
            and _indicator_name(words := clause_before(ctx, s)) == name
            and not _CUES.not_the_value.search(words)  # "较上年增加…", "其中…": no actual of the goal
        ]
        if len(later) != 1:
            continue
        actual = later[0]
        if (side == "at_least" and actual.interval().below(target.interval())) or (
            side == "at_most" and target.interval().below(actual.interval())
        ):
            missed.append((target, actual))
    return missed


def _named_again(ctx: AuditContext, target: Statement, after: list[Statement]) -> Statement | None:
    """The actual of a ≥/≤ target written further on in its sentence, other figures between them ("取证率目标值≥85%，
    参训2,000人中取得证书1,652人，取证率82.6%"): the next figure in the target's unit, when its clause names the
    indicator the target's clause names (the words before 目标值/年度指标值), or says it is the value done
    ("实际完成82.6%"). Not a part or a change ("其中女性学员占80%", "较上年提高2%"): another figure of the indicator."""
    later = next((s for s in after if s.unit == target.unit), None)
    if later is None or hedge_kind(later.hedge) is not None:
        return None
    words = clause_before(ctx, later)
    if _CUES.not_the_value.search(words):
        return None
    name, named = _indicator_name(words), _indicator_name(clause_before(ctx, target))
    if (len(name) >= 2 and name in named) or (not name and _CUES.done.search(words)):
        return later
    return None


def _indicator_name(words: str) -> str:
    """The indicator a clause names before its figure: its words without those saying which value follows."""
    return _CUES.value_tail.sub("", _CUES.value_lead.sub("", words, count=1), count=1)


def _left_behind(ctx: AuditContext, part: Statement) -> bool:
    """ "剩余6.5公里因进入冬季停工期，顺延至2023年": a count of the year's task said to be left and behind, its
    target unwritten beside it; some of the task was not done."""
    if part.kind != "count" or not part.exact_claim or part.value <= 0:
        return False
    after = ctx.doc.text[part.span[1] : part.span[1] + 40]
    return bool(_CUES.remainder_before.search(clause_before(ctx, part)) and _CUES.delayed_after.search(after))


def _short(ctx: AuditContext, rate: Statement) -> bool:
    """A completion rate below the whole: not an indicator's value cell ("实际完成值82%"), whose target is elsewhere."""
    if _CUES.value_cell.search(clause_before(ctx, rate)):
        return False
    return rate.kind == "percent" and rate.exact_claim and rate.interval().hi < HUNDRED


def _planned_and_done(ctx: AuditContext, planned: Statement, done: Statement) -> bool:
    """ "计划改造农村危房200户，实际完成168户": fewer done than planned, in one sentence and one unit."""
    if planned.kind != "count" or done.kind != "count" or planned.unit != done.unit:
        return False
    if not (planned.exact_claim and done.exact_claim and done.interval().below(planned.interval())):
        return False
    return bool(
        _CUES.planned.search(clause_before(ctx, planned)) and _CUES.done.search(clause_before(ctx, done))
    )


def _done_then_target(ctx: AuditContext, done: Statement, planned: Statement) -> bool:
    """ "购置教学设备850台（套），年度目标为1000台（套）", "验收合格率96%，年度目标98%", "培训2,760人次（年度计划3,000
    人次）" (the target in brackets): the count or rate done written
    first, then its target, whose own words stand right before its number; less done than the target, in one
    unit. Not a rate named as one where less is better ("事故发生率3%，目标5%": the target is a ceiling)."""
    if planned.kind != done.kind or planned.kind not in ("count", "percent") or planned.unit != done.unit:
        return False
    said = clause_before(ctx, planned)
    # "培训2,760人次（年度计划3,000人次）", "占比52.3%（年度目标值为≥55%）": a target in brackets right after the
    # figure done is its row's target, bare or with its ≥/≤ sign (a ≤ target is missed by more done)
    side = hedge_kind(planned.hedge)
    if not ((planned.exact_claim or _bracketed(ctx, planned)) and done.exact_claim):
        return False
    if side == "at_most" and not planned.interval().below(done.interval()):
        return False
    if side != "at_most" and not done.interval().below(planned.interval()):
        return False
    words = clause_before(ctx, done)
    if done.kind == "percent" and side != "at_most" and _SCORES.lower_is_better.search(words):
        return False
    if side is not None and _CUES.not_the_value.search(words):
        return False  # "较上年提高3.2%（目标≥5%）" is a change of the indicator, not its value
    return (
        bool(_CUES.target_after.search(said)) or _named_short(ctx, planned, said)
    ) and not _CUES.planned.search(words)


def _named_short(ctx: AuditContext, planned: Statement, said: str) -> bool:
    """ "覆盖率为86%，未达到年初确定的95%目标": a target named after its number, the words before it saying the
    figure before did not reach it."""
    after = ctx.doc.text[planned.span[1] : planned.span[1] + 12]
    return bool(_CUES.short_before.search(said) and _CUES.target_named_after.match(after))


def _bracketed(ctx: AuditContext, target: Statement) -> bool:
    """ "（年度计划3,000人次）", "（年度目标值为≥55%）": a target opening a bracket, bare or with its ≥/≤ sign; it is
    the target of the figure written before the bracket."""
    side = hedge_kind(target.hedge)
    if target.high is not None or (target.hedge is not None and side not in ("at_least", "at_most")):
        return False
    if target.role not in (("aside",) if side is None else ("aside", "bound")):
        return False
    return "（" in clause_before(ctx, target)


def _closed_between(ctx: AuditContext, before: Statement, target: Statement, actual: Statement) -> bool:
    """A bracketed target right after a figure, closed before the next one: it is the target of the figure before
    it, not of the next ("返工率3.5%（指标值≤2%），合格率98%"; but "合格率（目标≥90%）实际86%" is of the next)."""
    text = ctx.doc.text
    return (
        _bracketed(ctx, target)
        and text[before.span[1] : target.span[0]].lstrip().startswith("（")
        and "）" in text[target.span[1] : actual.span[0]]
    )


def _form_rows_missed(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """(target, actual) of the report's own 自评表 rows whose actual misses a "≥"/"≤"/"=" target; asked in a report
    of one project only (with several, a claim may speak of another project than the row's)."""
    rows: dict[Subject, dict[str, Statement]] = {}
    for s in ctx.facts.statements:
        if s.origin == "table" and s.subject is not None and s.subject.kind == "indicator":
            if (s.field in ("target", "actual") and s.kind in ("count", "percent", "amount")) or (
                s.field in ("points", "score") and s.kind == "score"
            ):
                rows.setdefault(s.subject, {}).setdefault(s.field, s)
    missed = []
    for subject, row in rows.items():
        target, actual = row.get("target"), row.get("actual")
        if (
            target is None
            or actual is None
            or not _one_unit(ctx, target, actual)
            or _CUES.row_op.match(actual.text)
        ):
            continue
        if actual.unit is None and target.unit is not None:  # "≧ | 59.12 | 万亩 | 59.1284": the cell's unit
            actual = replace(
                actual, value=actual.value * target.factor, factor=target.factor, unit=target.unit
            )
        op = _CUES.row_op.match(target.text)
        if op is None:
            if _scored_short(subject, row, target, actual):
                missed.append((target, actual))
            continue
        low, high = actual.interval().below(target.interval()), target.interval().below(actual.interval())
        if misses_target(op.group(0), low, high):
            missed.append((target, actual))
    return missed


def _one_unit(ctx: AuditContext, target: Statement, actual: Statement) -> bool:
    """Whether a row's target and actual are in one unit: the same unit written (or one a target names with its
    alternative: "≥1200台（套）" beside "1136台"), or a bare actual on a form whose
    单位 column stands between them ("≥ | 1500 | 台 | 1362"): the target read with the unit of that cell, the
    actual's cell under the same unit."""
    if actual.unit == target.unit or (actual.unit is not None and actual.unit in _alternatives(target.unit)):
        return True
    written = ctx.doc.text[target.span[0] : target.span[1]]
    return (
        actual.unit is None and target.unit is not None and written.rpartition("|")[2].strip() == target.unit
    )


def _alternatives(unit: str | None) -> tuple[str, ...]:
    """The units a unit with its alternative in brackets names ("台(套)": 台 or 套): an actual counted in either is
    in the target's unit."""
    match = _UNIT_OR.fullmatch(unit or "")
    return match.groups() if match else ()


def _scored_short(subject: Subject, row: dict[str, Statement], target: Statement, actual: Statement) -> bool:
    """A bare count target ("12座") the actual falls below, on a row whose own 得分 is below its 分值: the form
    itself scored the shortfall. Not on a row named as one where less is better ("投诉件数"), whose bare target
    may be a ceiling."""
    points, score = row.get("points"), row.get("score")
    if (
        target.kind != "count"
        or not (target.exact_claim and actual.exact_claim)
        or points is None
        or score is None
    ):
        return False
    if _SCORES.lower_is_better.search(subject.name):
        return False
    return actual.interval().below(target.interval()) and score.interval().below(points.interval())


def direction_written(target: Statement) -> bool:
    """Whether a missed target's direction is the text's own: a prose plan or a row's written ≥/≤/=, not a bare
    row target read as missed because the form scored it short."""
    return target.origin != "table" or _CUES.row_op.match(target.text) is not None


def names_any(ctx: AuditContext, actual: Statement, names: list[str]) -> bool:
    """Whether the sentence of a missed indicator's actual value names one of ``names``; for a 自评表 row, its
    whole line, whose level cells before the indicator's name ("产出指标 | 数量指标 | 培训人次 | …") say its class.
    A name written after 另一项 ("另一项“质量成效”") is of another indicator that shares the name: not named so."""
    if actual.sentence is None:
        return False
    words = own_words(ctx, actual) if actual.origin == "table" else actual.sentence.text
    # "…均达到年度指标值；另一项“质量成效”…完成率62.50%": a name after 另一项 is another indicator of that name
    return any(name in _CUES.another_of_name.sub("", words) for name in names)


def heading_class(ctx: AuditContext, actual: Statement) -> str | None:
    """The class of indicators (产出, 效益, …) the headings above a missed indicator name, the nearest first ("（一）
    产出指标完成情况" or "1、产出指标" above "年度指标值≥3000亩，实际完成值2850亩"): the report files it there."""
    if actual.sentence is None:
        return None
    level = None
    for heading in reversed([h for h in ctx.doc.headings if h.start <= actual.sentence.start]):
        if level is not None and heading.level >= level:
            continue  # a sibling of a heading already read, not one above it
        level = heading.level
        found = _CUES.heading_class.search(heading.text)
        if found:
            return found.group(1)
    return None


def run_in_class(ctx: AuditContext, sentence: Sentence) -> str | None:
    """The class of indicators a run-in title before a sentence on its line names ("（一）产出指标。完成…，均达到
    年度计划"): the paragraph reports that class, and a claim in it without a class of its own speaks of it."""
    title = ctx.doc.text[sentence.para_start : sentence.start].strip()
    found = _CUES.heading_class.search(title) if len(title) <= _RUN_IN else None
    return None if found is None else found.group(1)


def own_words(ctx: AuditContext, actual: Statement) -> str:
    """The words a missed indicator's actual value is said in: its 自评表 row's line, or its sentence from the last
    ；before it (one sentence may report several indicators, the claim among them)."""
    if actual.sentence is None:
        return ""
    if actual.origin == "table":
        return ctx.doc.text[ctx.doc.text.rfind("\n", 0, actual.sentence.start) + 1 : actual.sentence.end]
    before = ctx.doc.text[actual.sentence.start : actual.span[0]]
    return before[max(before.rfind("；"), before.rfind(";")) + 1 :] + actual.text


def row_of_class(ctx: AuditContext, target: Statement, actual: Statement, kind: str) -> bool:
    """Is the missed pair a row of an indicator table whose own indicator name puts it in the class ``kind`` (a
    table flattened one cell per line, or set out in spaces, names no 一级指标 beside its rows)? A "…数量" row is a
    数量指标, and so is a row named by what was built or done ("安装太阳能路灯 ≥300盏 276盏"): the national
    framework puts 数量指标 under 产出 ("新建社区食堂数量 ≥12个 | 10个" for a claim about 产出指标)."""
    name = _row_name(ctx, target, actual)
    if name is None:
        return False
    line = own_words(ctx, actual) if actual.origin == "table" else ""
    classes = line[: line.find(name)] if name in line else ""
    if _CUES.class_cell.search(classes):
        # "效益指标 | 经济效益指标 | 市场主体数量增长率": the row's own 一级/二级 cells class it, not its name
        return kind in classes
    return kind in name or (
        kind in ("产出", "数量")
        and (_CUES.output_row.search(name) is not None or _CUES.output_made.match(name) is not None)
    )


def _row_name(ctx: AuditContext, target: Statement, actual: Statement) -> str | None:
    """The indicator name of a missed pair read from a table: the row's own subject, or, for a row the prose reader
    read (a table set out in spaces: "安装太阳能路灯    ≥300盏    276盏"), the words opening the target's line when
    both numbers stand on it and no clause mark comes before the target."""
    subject = actual.subject
    if actual.origin == "table":
        return subject.name if subject is not None and subject.kind == "indicator" else None
    text = ctx.doc.text
    begin = text.rfind("\n", 0, target.span[0]) + 1
    if "\n" in text[target.span[0] : actual.span[1]]:
        return None
    head = text[begin : target.span[0]]
    if first_clause(head) != head or not head.strip():
        return None
    return head.strip()
