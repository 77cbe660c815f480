"""A claim of good or full completion against the indicators the text itself says were missed.

Why apart: this reading decides which missed indicators a claim speaks of: of its period, of its paragraph's
project, of the class it names ("各项产出指标全部完成": a row's class from its level cells, else from the row's
own name, a warning then), of the indicators it quotes or lists. Bad: "各项绩效指标均已全面完成" beside an
indicator with target ≥300盏 and actual 276盏 (an error: the claim names every indicator and the text states one
missed). Good: "满意度指标均达到年度指标值" beside a missed 产出 indicator. A claim that does not name every
indicator, or a miss that is a bare row target the form scored short (its direction unwritten), is a warning.
A claim whose clause opens with a count ("6座水库安全鉴定外业工作全部完成") is of the things it counts: only a miss
counted in the same measure word (座) can contradict it, not a rate row elsewhere (巡查记录完整率92.0%).
A claim naming one job and the day it ended ("配送工作于10月18日全部完成") is of that job: only a miss of it counts.
A claim of overall quality ("项目总体完成良好") is not of each indicator: only one said of every item ("各项指标完成
良好") is weighed. A claim of the year's tasks right before the claim weighed, in its sentence ("项目年度建设任务全部完成，各项产出指标均
达到年初设定目标"), is contradicted too by a missed output row: the finding covers both.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import clause_of, first_clause
from ..findings import Finding
from ..prose.model import Statement
from ..prose.periods import period_of
from .claim_reading import claim_period, clause_head
from .missed_targets import (
    direction_written,
    heading_class,
    names_any,
    own_words,
    row_of_class,
    run_in_class,
)

_CUES = cues(__name__)
_PERIODS = cues("assistant.audit.prose.periods")
_CLAIMS = cues(f"{__package__}.text_claims")  # the wordings of a claim of completion


def against_missed(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], missed: list[tuple[Statement, Statement]]
) -> list[Finding]:
    """A claim of good or full completion against the indicators the text itself says were missed: one warning
    at the claim (the sentence a writer must mend), naming each missed indicator and its line (whether the claim
    meant the indicators is the reader's call)."""
    if len(ctx.facts.projects) > 1 or len(ctx.ref.projects) > 1:
        # several projects: a claim speaks of its own paragraph's project, not of a miss written of another
        at = sentence.start + match.start()
        missed = [
            (t, a) for t, a in missed if "\n" not in ctx.doc.text[min(at, a.span[0]) : max(at, a.span[1])]
        ]
    said_of = claim_period(sentence, match)
    missed = [(t, a) for t, a in missed if not _other_period(said_of, _period_of_miss(ctx, a))]
    classes, lead = _classes(clause_head(sentence, match))
    titled = run_in_class(ctx, sentence)
    if not classes and titled and not _CUES.every_indicator.search(clause_of(sentence.text[: match.end()])):
        classes = [
            titled
        ]  # "（一）产出指标。完成…，均达到年度计划": of the class its paragraph's title names
    # rows put in the class by their own name only: whether the claim meant them is a doubt
    by_name: set[int] = set()
    if (
        classes
    ):  # "满意度指标均达到年度指标值", "产出、效益和满意度指标均达到": of those classes of indicators only
        by_name = {
            id(a)
            for t, a in missed
            if not names_any(ctx, a, classes) and any(row_of_class(ctx, t, a, c) for c in classes)
        }
        missed = [
            (t, a)
            for t, a in missed
            if a.sentence is sentence
            or names_any(ctx, a, classes)
            or heading_class(ctx, a) in classes
            or id(a) in by_name
        ]
    clause = clause_of(sentence.text[: match.end()])
    # "各项绩效指标均已全面完成": the claim names them all
    every = _CUES.every_indicator.search(clause) is not None or bool(
        classes and _CUES.every_lead.search(lead)
    )
    named = _CUES.quoted_name.findall(sentence.text[: match.start()])
    if named and not every:  # "“A”实际为15台、“B”实际为50台，均达到年度指标值": of the indicators it names
        # (a claim of "各项绩效指标" is of them all, whatever tasks a clause before it quotes)
        missed = [(t, a) for t, a in missed if a.sentence is sentence or names_any(ctx, a, named)]
    listed = _CUES.listed_names.search(clause_head(sentence, match))
    if (
        listed and not every and len(classes) < 2
    ):  # "培训合格率、课程按期完成率等指标均达到目标": of the indicators it lists
        names = re.split(r"[、和及与]", listed.group("names"))
        missed = [(t, a) for t, a in missed if any(name in own_words(ctx, a) for name in names)]
    counted = _CUES.counted_task.search(clause_head(sentence, match))
    if counted and not every and not classes:  # "6座水库安全鉴定外业工作全部完成": of the things it counts
        missed = [(t, a) for t, a in missed if a.sentence is sentence or a.unit == counted.group("unit")]
    dated = _CUES.dated_task.search(clause_head(sentence, match))
    if dated and not every and not classes:  # "配送工作于10月18日全部完成": of that job, when it ended
        job = dated.group("task")[-2:]
        missed = [(t, a) for t, a in missed if a.sentence is sentence or job in own_words(ctx, a)]
    if not missed:
        return []
    start = _task_claim_before(ctx, sentence, match, missed)
    claimed = sentence.text[start : match.end()]
    tail = first_clause(sentence.text[match.start() :])
    said, expected, proven = [], [], False
    for target, actual in missed:
        ctx.facts.mark(target, actual)
        line = ctx.doc.line_of(actual.span[0])
        if target is actual and actual.kind == "count":  # "剩余6.5公里…顺延": a part of the task left undone
            said.append(f"第{line}行写明尚有 {actual.text} 未按期完成")
            expected.append(f"说明未完成部分（{actual.text}）")
        elif target is actual:  # a completion rate below 100 %: of what, the text may not say (a doubt)
            said.append(f"第{line}行完成率 {actual.text}，未全部完成")
            expected.append(f"说明未完成部分（{actual.text}）")
        else:
            said.append(f"第{line}行指标目标 {target.text}、实际完成 {actual.text}，未达到目标")
            expected.append(f"说明未完成的指标（{actual.text}，目标{target.text}）")
            proven = (
                proven
                or (every and id(actual) not in by_name and direction_written(target))
                or (actual.sentence is sentence and bool(_CUES.task.search(clause + tail)))
            )
    shown_said = "；".join(dict.fromkeys(said[:4])) + ("等" if len(said) > 4 else "")
    return [
        ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称“{claimed}”，但{shown_said}",
            (sentence.start + start, sentence.start + match.end()),
            expected="；".join(dict.fromkeys(expected[:4])),
            found=claimed,
            proven=proven,
            quote=sentence.text,
        )
    ]


def of_each_item(sentence: Sentence, match: re.Match[str]) -> bool:
    """Whether a claim of completion speaks of each item, so a missed indicator can contradict it: a claim of
    overall quality ("项目总体完成良好") does not (a report says so beside a miss it scored down), one of every
    item ("各项指标完成良好", "全部完成") does. Nor does a claim of passing the money on ("拨付任务100%完成"): its
    subject is the money, not the indicators."""
    head = clause_head(sentence, match)
    if _CUES.money_task.search(head):
        return False
    return not _CUES.overall_quality.match(match.group(0)) or bool(_CUES.every_item.search(head))


def _task_claim_before(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], missed: list[tuple[Statement, Statement]]
) -> int:
    """Where the claim a missed output indicator contradicts begins: at an earlier claim of the year's tasks in
    the same sentence ("项目年度建设任务全部完成，各项产出指标均达到年初设定目标"), when an output row is among the misses
    (the tasks are what the output indicators count: a station not built leaves both claims wrong); else at the
    claim weighed."""
    outputs = any(
        row_of_class(ctx, t, a, "产出") or heading_class(ctx, a) == "产出" or names_any(ctx, a, ["产出"])
        for t, a in missed
    )
    for earlier in _CLAIMS.good.finditer(sentence.text, 0, match.start()):
        head = sentence.text[: earlier.start()]
        if _CLAIMS.negated.search(head) or _CLAIMS.condition.search(head):
            continue  # "确保建设任务全部完成": no claim
        if outputs and _CUES.task.search(clause_of(sentence.text[: earlier.end()])):
            return earlier.start()
    return match.start()


def _classes(head: str) -> tuple[list[str], str]:
    """The classes of indicators a claim names ("满意度指标均达到": 满意度; "产出、效益和满意度指标均达到": all three),
    none when it names no class ("各项绩效指标均达到"), and the words before them ("全年各项": each of them)."""
    kind = _CUES.indicator_class.search(head)
    if kind is None:
        return [], ""
    classes = [kind.group(1)]
    before = head[: kind.start()]
    while (more := _CUES.class_listed_before.search(before)) is not None:
        classes.append(more.group(1))
        before = before[: more.start()]
    return classes, before


def _period_of_miss(ctx: AuditContext, actual: Statement) -> str | None:
    """The period a missed indicator is said of: its sentence's own marker, else a year its heading names
    ("二、2023年度绩效目标完成情况")."""
    own = period_of(ctx.doc.text, actual)
    if own in ("prior",) or (own or "").isdigit():
        return own
    for heading in (actual.sentence.subsection, actual.sentence.section) if actual.sentence else ():
        year = _PERIODS.marker.search(heading.text) if heading is not None else None
        if year is not None and year.lastgroup == "year":
            return year.group("year")
    return None


def _other_period(claimed: str | None, missed: str | None) -> bool:
    """A claim of last year ("上年度绩效目标全部完成") says nothing of this year's misses, nor a claim of one year
    of another year's."""
    if claimed == "prior":
        return missed != "prior"
    return claimed is not None and missed is not None and claimed != missed
