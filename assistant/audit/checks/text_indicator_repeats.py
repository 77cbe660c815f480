"""REPEAT_MISMATCH between the prose and the report's own 自评表: a quantity the narrative states for what an
indicator row measures, against that row's 实际完成值.

Bad: 完成美丽宜居自然村庄整治302个 … 指标2:建设美丽宜居自然村庄数量 | ≥200 | 202 |.
Good: the same with 202个; or a total in the prose ("拨付培训补贴572.40万元") beside a row per head ("人均培训补贴 |
≤2200元 | 2089元"), another quantity; or a prose number equal to the row's target (the text may restate the plan); or a
count said as a change ("较预计减少117人", "比上年增加3个": a gap between two figures, not a value); or a
smaller count said of the items that fell behind ("1台设备安装延后" beside 3台 bought: a part), or of the part not
done ("未完成的5公里" beside 20公里 done of 25: the shortfall); or a number said per month or per head ("频次由每周1次
增加到每周2次" beside a row's 96次 in the year: a rate of the row's count, not the count); or a smaller count named
as a cause ("结余6.74万元，主要因2场应急演练与县应急管理局联合组织" beside 14场 held: the items that caused it).
An indicator written as prose, its target then its actual value in one run of clauses ("基本殡葬服务费用减免人数，
年度指标值≥3,000人，实际完成3,428人"), is such a row too: "为3,482名逝者减免基本殡葬服务费用" elsewhere differs from it; so is a piped line of a 自评表
the form reader left to the prose ("新建污水管网长度｜≧16公里｜16.84公里｜…", ``pipe_indicator_rows``). A figure said
as a plan or of a later year ("计划明年再新建供水管网15公里") is not the row's value done.
The prose number is tied to the row by wording only (``indicator_row_names``: the longest run of characters its clause shares with the
indicator's name, generic words aside; or, past such a run, pieces of the name in another order covering most of it:
"为2,436名重度残疾人发放护理补贴" and “重度残疾人护理补贴发放人数”), so a mismatch is a warning with verdict
"uncertain"; 名 and 人 both count people. The rows are a scored 自评表's or a results table's (年度指标值 and
实际完成值 only, ``prose.form``'s results). Rows that share the
indicator's name (two projects' “质量成效”) cannot be told apart by it: one of them stating the figure is enough.
A number in the form's own 实际完成情况 cell (年度总体目标 row: "已建成…收容所1间200平方米" beside the row's 204.46平方米)
states what was done, not the plan: there a number equal to the target is no excuse, only the actual value agrees;
counts of one row for two terms there ("春季学期受益学生12,640人，秋季学期…12,518人") are siblings: one equal to it is enough.
A figure tied to a row in a sentence where another figure tied to the same row states its value is a sibling
item's ("新建项目亩均投入2,400元、改造提升项目亩均投入1,500元" beside “新建项目亩均投入 | 2,400元”): no finding.
Two or more prose figures tied to one row that add up to its value are its parts ("集体和个人所有的国家级公益林862,450
亩…国有国家级公益林126,300亩" beside “国家级公益林补偿面积 | 988,750亩”): no finding.
A count too loosely worded to tie by name is tied still when it is the row's value with two neighbouring digits
swapped, in the same unit, and shares a word with the row ("全年累计资助7,767人次" beside “资助学生人次 | 7,677人次”).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from assistant.forms import Form
from assistant.numbers import find_numbers

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of, first_clause
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..prose.periods import term_in, term_near
from ..registry import check_unit
from .indicator_row_names import MIN_SHARED, Rows, row_for, row_named, same_unit, swapped, transposed_row
from .pipe_indicator_rows import pipe_rows, row_of

_CUES = cues(__name__)
_TERM_AFTER = 8  # characters after a prose row's value that may name its term ("12,650人（秋季学期）")


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    actuals = [
        s
        for s in facts.statements
        if s.origin == "table"
        and s.field == "actual"
        and s.subject is not None
        and s.subject.kind == "indicator"
    ]
    targets: dict[str, Statement] = {}  # by row: two projects' indicators may share a name (质量成效)
    for t in facts.statements:
        if t.field == "target" and t.origin == "table" and "row" in t.extra:
            targets.setdefault(t.extra["row"], t)
    for row, target in [*_prose_rows(ctx), *pipe_rows(ctx)]:  # rows written as prose or as piped lines
        actuals.append(row)
        # "≥12处" stands for its threshold: "计划对12处…治理" restates the plan, a count above it is no plan
        targets[row.extra["row"]] = replace(target, hedge=None, high=None)
    if not actuals:
        return []
    rows = Rows(actuals)
    findings: list[Finding] = []
    # by row: the prose figures that differ from it
    unmatched: dict[int, tuple[Statement, list[Statement]]] = {}
    agreed: set[tuple[int, int]] = set()  # (row, sentence): a figure of the sentence states the row's value
    for s in facts.statements:
        if s.origin != "prose" or s.role != "value" or s.kind not in ("count", "amount") or not s.exact_claim:
            continue
        if s.field == "target" or _CUES.target_before.search(_words_before(ctx, s)):
            continue  # "年度指标值23条，实际完成值21.85条": the plan, said as the plan
        if _CUES.part_of_before.search(_words_before(ctx, s)):
            continue  # "提升项目中1个设备采购项目合同尾款": one of the row's items, a part of its count
        if _CUES.planned_clause.search(clause_before(ctx, s)):
            continue  # "计划明年再新建供水管网15公里": a plan, not the row's value done
        if _CUES.change_before.search(clause_before(ctx, s)[-16:]):
            continue  # "受助人数较预计减少117人": the gap between two figures, not the row's value
        row = row_named(ctx, s, rows) or transposed_row(ctx, s, actuals)
        if row is None or not same_unit(s.kind, s.unit, row):
            continue
        assert row.subject is not None
        if _said_per_unit(ctx, s, row):
            continue  # "频次由每月1次调整为每月2次" beside a row's 24次 in the year: a rate of it, not the year's count
        target = targets.get(row.extra.get("row", ""))
        facts.mark(s, row)
        if row.interval().overlaps(s.interval()) or (
            target is not None and target.interval().overlaps(s.interval())
        ):
            agreed.add((id(row), id(s.sentence)))
            continue
        if _other_term(ctx, s, row):
            continue  # "春季学期受益学生12,480人" beside "受益学生人数…完成值12,650人（秋季学期）": two terms' counts
        if _some_behind(ctx, s, row):
            continue  # "1台DR设备安装延后…" beside 3台 bought: the ones that fell behind, a part of the row's count
        if _at_period_start(ctx, s, row):
            continue  # "2021年初，全县奖励扶助对象为11,772人" beside the row's 12,486人: the stock before the year's changes
        if _stock_beside_new(ctx, s, row):
            continue  # "累计建成示范小区186个" beside “新建示范小区 | 48个”: all built so far, not the year's new ones
        if _namesake_states_it(actuals, row, s):
            continue  # two projects' “质量成效” rows: one of them states the figure, whichever the prose meant
        unmatched.setdefault(id(row), (row, []))[1].append(s)
    for row, said in unmatched.values():
        if _parts_of(row, said):
            continue  # "集体…公益林862,450亩…；国有…公益林126,300亩" beside a row's 988,750亩: its two parts
        # "新建项目亩均投入2,400元、改造提升项目亩均投入1,500元" beside the row “新建项目亩均投入 | 2,400元”: one figure of
        # the sentence states the row's value, so the other is a sibling item's, tied to the row by shared words only
        said = [s for s in said if (id(row), id(s.sentence)) not in agreed]
        assert row.subject is not None
        findings.extend(
            ctx.relation_finding(
                "REPEAT_MISMATCH",
                f"文中写 {s.text}，{_where(row)}“{row.subject.name}”的实际完成值为 {row.text}"
                + ("（两数仅相邻两位数字互换，疑为笔误）" if swapped(s, row) else ""),
                s.span,
                expected=row.text,
                found=s.text,
                proven=False,
                quote=quote_of(ctx.doc.text, s),
            )
            for s in said
        )
    return findings + [f for form in ctx.forms for f in _outcome_cell(ctx, form, rows)]


def _prose_rows(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """Indicator rows written as prose, one clause run each ("基本殡葬服务费用减免人数，年度指标值≥3,000人，实际完成
    3,428人；", "培训人次：目标值500人次，完成值512人次"): (the actual value read as the row's, the target). The row's
    name is what the run opens with, after the last stop, colon or semicolon before the target's words."""
    text = ctx.doc.text
    found = []
    for sentence_statements in _by_sentence(ctx):
        for target, actual in pairwise(sentence_statements):
            if (
                target.kind != "count"
                or actual.kind != "count"
                or actual.role != "value"
                or not actual.exact_claim
                or not _CUES.target_before.search(_words_before(ctx, target))
                or not _CUES.actual_before.search(_words_before(ctx, actual))
            ):
                continue
            head = text[actual.sentence.start if actual.sentence else 0 : target.span[0]]  # type: ignore[union-attr]
            # "…减免人数，年度指标值" and "…培训人次：目标值": the name ends where the target's words start
            name = _CUES.row_name_start.split(_CUES.row_name_tail.sub("", head).rstrip("：:，, "))[-1].strip()
            if len(name) < MIN_SHARED:
                continue
            found.append((row_of(actual, name, "prose"), target))
    return found


def _other_term(ctx: AuditContext, s: Statement, row: Statement) -> bool:
    """Is ``s`` said of a part of the year (春季学期, 上半年, 第三季度…) the row does not name as its own? A term's
    count is that term's, not the year's (nor another term's) value of the row."""
    own = term_near(ctx.doc.text, s)
    if own is None:
        return False
    if row.extra.get("row", "").startswith("prose:"):
        return term_near(ctx.doc.text, row, _TERM_AFTER) != own
    return (
        row.subject is None or term_in(row.subject.name) != own
    )  # “秋季学期受助学生人数”: that term's count


def _where(row: Statement) -> str:
    """Where the row is written: the 评分表, or an indicator's line of the prose."""
    return "文中指标" if row.extra.get("row", "").startswith("prose:") else "评分表"


def _by_sentence(ctx: AuditContext) -> list[list[Statement]]:
    """The prose statements of each sentence, in order."""
    groups: dict[int, list[Statement]] = {}
    for s in ctx.facts.statements:
        if s.origin == "prose" and s.sentence is not None:
            groups.setdefault(id(s.sentence), []).append(s)
    return [sorted(g, key=lambda s: s.span) for g in groups.values()]


def _parts_of(row: Statement, said: list[Statement]) -> bool:
    """Do two or more prose figures tied to one row, none of them its value, add up to it? The prose then states
    the row's quantity in its parts (two kinds of land, two terms), not a second value of it."""
    return len(said) >= 2 and total([s.interval() for s in said]).overlaps(row.interval())


def _outcome_cell(ctx: AuditContext, form: Form, rows: Rows) -> list[Finding]:
    """The counts of the form's 实际完成情况 cell against the indicator rows they name. The cell sits in the form's
    table lines, which the document reads as no sentence, so no statement holds its numbers: they are read here."""
    if not form.outcome or not form.prose:
        return []
    text = ctx.doc.text
    cell = _last_cell(text, *form.prose[0])
    if cell is None:
        return []
    start, end = cell
    tied = []
    for m in find_numbers(text[start:end], ctx.doc.spaced):
        if m.kind != "count" or m.unit is None or m.hedge is not None or m.high is not None:
            continue
        head = clause_of(text[start : start + m.start])[
            -24:
        ]  # the words of the count's own clause in the cell
        row = row_for(rows, _CUES.generic.sub("|", head), "count", m.unit)
        if row is not None:
            tied.append((m, row))
    findings = []
    for m, row in tied:
        said = [n.value for n, r in tied if r is row]
        if any(row.interval().overlaps(Interval.exact(v)) for v in said):
            continue  # "春季学期受益学生12,640人，秋季学期受益学生12,518人" beside 12,518人: a sibling term's count
        if len(said) >= 2 and total([Interval.exact(v) for v in said]).overlaps(row.interval()):
            continue  # the cell states the row's quantity in its parts
        at, to = start + m.start, start + m.end
        assert row.subject is not None
        ctx.facts.mark(row)
        findings.append(
            ctx.relation_finding(
                "REPEAT_MISMATCH",
                f"自评表实际完成情况写 {m.text}，同表“{row.subject.name}”的实际完成值为 {row.text}",
                (at, to),
                expected=row.text,
                found=m.text,
                proven=False,
                quote=text[start:end][:120],
            )
        )
    return findings


def _last_cell(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The 实际完成情况 cell: the last filled cell of the goal row's last line, when that line holds the goal too."""
    line_start = text.rfind("\n", lo, hi) + 1 or lo
    while line_start > lo and not text[line_start:hi].strip(" |\n"):
        line_start = text.rfind("\n", lo, line_start - 1) + 1 or lo
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end < 0 else line_end
    cells, at = [], line_start
    for piece in text[line_start:line_end].split("|"):
        if piece.strip():
            cells.append((at + len(piece) - len(piece.lstrip()), at + len(piece.rstrip())))
        at += len(piece) + 1
    return cells[-1] if len(cells) >= 2 else None


def _namesake_states_it(actuals: list[Statement], row: Statement, s: Statement) -> bool:
    """Does another row of the same indicator name state the prose figure's numeral ("质量成效 | 79千元" and, in
    another project's form, "质量成效 | 208.9万元/公里" beside the prose's "208.9万元/公里")? Rows that share a name
    cannot be told apart by it, and the one that agrees may be the one meant."""
    assert row.subject is not None
    return any(
        r is not row and r.subject is not None and r.subject.name == row.subject.name and r.raw == s.raw
        for r in actuals
    )


def _at_period_start(ctx: AuditContext, s: Statement, row: Statement) -> bool:
    """Is ``s`` said, in its sentence, as the stock at the period's start (年初, 期初, 上年末) while the row does not
    name that moment? The row's 实际完成值 is the year's outcome; the stock before the year's additions and exits is
    another quantity."""
    assert row.subject is not None
    start = s.sentence.start if s.sentence is not None else 0
    return (
        _CUES.period_start.search(ctx.doc.text[start : s.span[0]]) is not None
        and _CUES.period_start.search(row.subject.name) is None
    )


def _stock_beside_new(ctx: AuditContext, s: Statement, row: Statement) -> bool:
    """Is ``s`` above the row's value and said as the total so far (累计建成, 截至年底共有), while the row counts only
    what was new in the year (新建, 新增)? Then it holds the earlier years' items too: another quantity."""
    assert row.subject is not None
    return (
        row.interval().below(s.interval())
        and _CUES.so_far.search(clause_before(ctx, s)) is not None
        and _CUES.new_in_year.search(row.subject.name) is not None
    )


def _some_behind(ctx: AuditContext, s: Statement, row: Statement) -> bool:
    """Is ``s`` below the row's value and said, in its own clause, of items that fell behind (延后, 尚未…), or named
    right before as the part not done ("对未完成的5公里…": the shortfall against the target, not the actual)?"""
    if s.sentence is None or not s.interval().below(row.interval()):
        return False
    if _CUES.undone_before.search(_words_before(ctx, s)) or _CUES.cause_before.search(_words_before(ctx, s)):
        return True  # "主要因2场应急演练与…联合组织" beside 14场 held: the items that caused a saving, some of them
    return _CUES.some_behind.search(first_clause(ctx.doc.text[s.span[1] : s.sentence.end])) is not None


def _said_per_unit(ctx: AuditContext, s: Statement, row: Statement) -> bool:
    """Is ``s`` said per head or per month, quarter, week or day ("每月2次", "每人500元") beside a row not named so
    ("重点断面监测频次 | ≥12次 | 24次")? The prose then states a quotient of the row's quantity, another figure
    (the converse of ``indicator_row_names._per_unit_only``); a row named per head is compared as before."""
    after = ctx.doc.text[s.span[1] : s.span[1] + 6]
    if _CUES.per_unit_before.search(_words_before(ctx, s)) is None and not _CUES.per_unit_after.match(after):
        return False  # "1.5万吨/日": a day's rate, not the year's quantity
    return row.subject is None or _CUES.per_unit.search(row.subject.name) is None


def _written(statement: Statement | None) -> str | None:
    """A figure as written, comparison signs and spaces aside ("≥16千米" → "16千米")."""
    if statement is None:
        return None
    return "".join(ch for ch in statement.text if ch not in " ≥≤<>=＞＜")


def _words_before(ctx: AuditContext, statement: Statement) -> str:
    """The few words right before a figure in its sentence."""
    start = statement.sentence.start if statement.sentence is not None else 0
    return ctx.doc.text[max(start, statement.span[0] - 8) : statement.span[0]]
