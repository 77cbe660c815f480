"""SCORE_MISMATCH from the text alone: the level-1 scores a sentence lists against the total it gives them.

Bad: 项目决策得分18分，项目过程得分19分，项目产出得分38分，项目效益得分20分，总得分为97分 (18 + 19 + 38 + 20 = 95).
Good: the same with 95分. A part's weight may stand between its name and its score ("产出指标（50分）得分48分，
效益指标（30分）得分28.5分，…，总分96.7分"): the weight is skipped, not read as a score. When the parts named are a whole framework (决策, 过程/管理, 产出, 效益; or 产出, 效益,
满意度 with the 执行率 item) the text proves it (an error); fewer parts may leave one out (a warning, only when
they already exceed the total).
Also a run of lines, one per level-1 part, each opening with the part's name and weight and closing with its score
("决策（20分）：…，得19分。" / "过程（20分）：…，得18分。" / …): when the weights make 100 the lines are the whole
scorecard, and the one total score the report states elsewhere ("综合自评得分94分") must be their sum (an error: the
text's own numbers prove it); none where the report adds bonus points or states more than one total. A part line
that scores its items one by one ("产出（40分）：…，得12分；…，得10分；…，得16分") has their sum for the part's score,
not its last item's (a reading: a warning), unless its closing score is named the total ("合计得38分").
Also sections headed by a level-1 part and its weight ("（一）产出指标（分值50分）" … "（四）预算执行率（分值10分）",
weights making 100), each closing on the part's score ("产出指标合计得分48.98分", or the one score a short section
states): their sum against the report's one stated total, at the precision the total is written at.
A section whose body scores items beside their weights ("分值15分，得分15分"…, the weights making the section's
and none unscored) has those items' scores for its part's (a warning).
Also, with none of these, the level-1 parts a report scores by name in different places ("1.产出指标。…产出指标得分46分。"
"2.效益指标。…效益指标得分29分。" … "4.预算执行率得分9.5分。"), each part once and together a whole framework: their
sum against the report's one stated total (an error: each score is named its part's).
Also, with none of these, every item the prose scores beside its weight ("分值10分，得8分", weights making 100, no weight
left unscored): the items' sum against the one stated total (a warning: the weights alone make them the whole).
The items of a form whose cells carry their titles and no unit ("分值20　得分18", "权重：10；得分：9", "分值⏎10⏎得分⏎9",
``prose.score_pairs``) count as such items; whole scores more than a point off the total are no rounding
(``sum_against``, the sheet's habit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..prose.scale import NATIONAL_SCALE
from ..prose.score_pairs import labelled_score_pairs, labelled_total
from ..prose.score_table import read_score_tables
from ..registry import check_unit
from .text_form_total import sum_against

_CUES = cues(__name__)
_WHOLES = ({"决策", "过程", "产出", "效益"}, {"产出", "效益", "满意度", "执行"})


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        scores = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "score"
            and s.field in ("score", "rate_score")  # "预算执行率得分9.2分" is the 执行率 part
            and s.origin == "prose"
            and s.role == "value"
        ]
        parts: list[tuple[str, Statement]] = []
        pending: Statement | None = (
            None  # "自评得分92.5分，其中：预算执行10分，产出指标47.5分…": the whole first
        )
        for s in scores:
            head = ctx.doc.text[max(sentence.start, s.span[0] - 20) : s.span[0]]
            # "得分分别为：决策18分、过程17.5分…": parts named bare after words announcing scores, as after a total
            listed = pending is not None or _CUES.scores_announced.search(
                ctx.doc.text[sentence.start : s.span[0]]
            )
            part = _CUES.part.search(head) or (_CUES.listed_part.search(head) if listed else None)
            if _CUES.part_weight.search(head):
                continue  # "产出指标（50分）得分48分": the weight, the score follows
            if _CUES.whole.search(head):
                if len(parts) >= 2:
                    yield from _compare(ctx, parts, s)
                pending = s if len(parts) < 2 else None
                parts = []
            elif part is not None:
                parts.append((part_name(part.group("part")), s))
            else:
                parts, pending = [], None
        if pending is not None and len(parts) >= 2:
            yield from _compare(ctx, parts, pending)
    yield from _part_lines(ctx)
    yield from _part_sections(ctx)
    yield from _named_parts(ctx)
    yield from _items(ctx)


def part_name(word: str) -> str:
    """One name for each level-1 part (管理 is 过程; 预算执行率 is 执行)."""
    return (
        "过程" if word == "管理" else "执行" if word.startswith("执行") or word.startswith("预算") else word
    )


def _compare(ctx: AuditContext, parts: list[tuple[str, Statement]], whole: Statement) -> Iterator[Finding]:
    names = {n for n, _ in parts}
    if len(names) != len(parts) or not whole.exact_claim:
        return
    places = max(s.places for _, s in parts)
    summed = total([s.interval(places) for _, s in parts])
    stated = whole.interval(places)
    ctx.facts.mark(whole, *(s for _, s in parts))
    if summed.overlaps(stated):
        return
    complete = any(names == w for w in _WHOLES)
    if not complete and not stated.below(summed):
        return  # fewer parts than a framework: one may be left out
    value = sum((s.value for _, s in parts), Decimal(0))
    yield ctx.relation_finding(
        "SCORE_MISMATCH",
        f"各部分得分 {'＋'.join(s.text for _, s in parts)} ＝ {value}分，文中总分写作 {whole.text}",
        span_of(whole, *(s for _, s in parts)),
        expected=f"{value}分",
        found=whole.text,
        proven=complete,
        quote=quote_of(ctx.doc.text, whole),
    )


def _part_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of part lines (``part_line``), a run broken by any other line with words between."""
    runs: list[list[re.Match[str]]] = []
    for m in _CUES.part_line.finditer(text):
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _part_lines(ctx: AuditContext) -> Iterator[Finding]:
    """The scores of a run of part lines whose weights make 100 against the report's one stated total."""
    text = ctx.doc.text
    for run in _part_runs(text):
        names = [part_name(m.group("part")) for m in run]
        if len(run) < 3 or len(set(names)) < len(names):
            continue
        if sum(Decimal(m.group("points")) for m in run) != 100:
            continue
        read = [_line_score(m) for m in run]
        whole = stated_total(ctx, (run[0].start(), run[-1].end()))
        if whole is None or any(r is None for r in read):
            continue
        summed = sum((r[0] for r in read if r is not None), Decimal(0))
        if whole.interval().overlaps(Interval.exact(summed)):
            ctx.facts.mark(whole)
            continue
        yield ctx.relation_finding(
            "SCORE_MISMATCH",
            f"各部分得分 {'＋'.join(f'{n}{r[0]}分' for n, r in zip(names, read, strict=True) if r is not None)} ＝ "
            f"{summed}分（各部分分值合计 100 分），文中总分写作 {whole.text}",
            whole.span,
            expected=f"{summed}分",
            found=whole.text,
            proven=all(r is not None and r[1] for r in read),
            quote=quote_of(text, whole),
        )


def _line_score(line: re.Match[str]) -> tuple[Decimal, bool] | None:
    """A part line's score and whether the line states it as one score: its closing score when it is the line's
    only one or a total ("…，合计得48分"); the sum of its items' scores when it scores several items ("产出（50分）：
    A…，得20分；B…，得15分；C…，得14分": the last is C's, not the part's), a reading (False); None when that sum
    exceeds the part's weight (the scores are not of its items)."""
    scores = list(_CUES.line_item_score.finditer(line.group(0)))
    if len(scores) <= 1 or _CUES.line_total_score.search(line.group(0)[: scores[-1].start()]):
        return Decimal(line.group("score")), True
    summed = sum((Decimal(m.group("score")) for m in scores), Decimal(0))
    return (summed, False) if summed <= Decimal(line.group("points")) else None


@dataclass(frozen=True)
class _Section:
    """A section headed by a level-1 part and its weight ("（一）产出指标（分值50分）")."""

    name: str
    weight: Decimal
    level: int
    body: tuple[int, int]  # from the heading to the next heading of its level or above


def _part_sections(ctx: AuditContext) -> Iterator[Finding]:
    """Sibling sections headed by a level-1 part with its weight whose weights make 100: each section's score (its
    own "产出指标合计得分48.98分", or the one score its body states) against the report's one stated total. A part's
    score read as the body's one score is a reading: a warning unless every part names its total."""
    for run in _section_runs(ctx):
        read: list[tuple[str, Statement, bool]] = []
        for section in run:
            part = _section_score(ctx, section)
            items = [] if part is not None else _section_items(ctx, section)
            read += [(section.name, *part)] if part is not None else [("", s, False) for s in items]
            if part is None and not items:
                break
        else:
            whole = stated_total(ctx, (run[0].body[0], run[-1].body[1]))
            if whole is not None:
                yield from _against_stated(ctx, read, whole, "各部分")


def _section_items(ctx: AuditContext, section: _Section) -> list[Statement]:
    """ "（一）产出指标（50分）" over items each scored beside its weight ("分值15分，得分15分"; "分值10分，得分9.85分"…):
    with the weights making the section's and none unscored, the items' scores are the part's score (a warning)."""
    pairs = _item_pairs(ctx, section.body)
    if len(pairs) < 2 or sum((w.value for w, _ in pairs), Decimal(0)) != section.weight:
        return []
    return [s for _, s in pairs]


def _named_parts(ctx: AuditContext) -> Iterator[Finding]:
    """The level-1 parts the prose scores by name across the report ("产出指标得分46分" in one paragraph, "效益指标得分
    29分" in the next), each part with one value and the parts a whole framework, against the report's one stated
    total. Left to the sentence, part lines or part sections where the report has them."""
    if _section_runs(ctx) or any(len(run) >= 3 for run in _part_runs(ctx.doc.text)):
        return
    named: dict[str, list[Statement]] = {}
    for s in prose_scores(ctx, (0, 0), inside=False):
        m = _CUES.part.search(_head(ctx, s)) if s.field in ("score", "rate_score") else None
        if m is not None:
            named.setdefault(part_name(m.group("part")), []).append(s)
    if not any(set(named) == whole for whole in _WHOLES):
        return
    if any(len({s.value for s in scores}) > 1 for scores in named.values()):
        return  # a part told twice differently: another check's contradiction, no sum to trust
    read = [(name, scores[0]) for name, scores in named.items()]
    if len({id(s.sentence) for _, s in read}) == 1:
        return  # one sentence lists them: the sentence reading compares them
    spans = [s.span for _, s in read]
    whole = stated_total(ctx, (min(a for a, _ in spans), max(b for _, b in spans)))
    if whole is not None:
        basis = "、".join("预算执行率" if n == "执行" else n for n, _ in read) + "为全部一级指标"
        yield from _against_stated(ctx, [(name, s, True) for name, s in read], whole, "各部分", basis)


def _items(ctx: AuditContext) -> Iterator[Finding]:
    """Every item the prose scores with its weight ("分值10分，得8分"), weights making 100 and no weight left
    unscored, against the report's one stated total: the items are the scorecard by their weights alone (a
    warning). Left to the part lines or sections where the report has them."""
    pairs = _with_cells(ctx, _item_pairs(ctx))
    if len(pairs) < 4 or sum((p.value for p, _ in pairs), Decimal(0)) != 100 or _section_runs(ctx):
        return
    if any(len(run) >= 3 for run in _part_runs(ctx.doc.text)):
        return
    whole = stated_total(ctx, (pairs[0][0].span[0], pairs[-1][1].span[1]))
    if whole is not None:
        yield from _against_stated(ctx, [("", s, False) for _, s in pairs], whole, "各项", habit=True)


def _with_cells(
    ctx: AuditContext, pairs: list[tuple[Statement, Statement]]
) -> list[tuple[Statement, Statement]]:
    """The prose's scored items with the form cells that pair a 分值 and a 得分 without a unit ("分值20　得分18",
    "分值⏎10⏎得分⏎9"): one scorecard written both ways. None added where the prose states a weight it leaves
    unscored (its items are no whole), inside a form the form reader read or in a score table's rows ("资金执行 | 分值5
    | 得分4.5": ``text_score_table`` reads them with the table's total)."""
    rows = ctx.facts.form.spans() + [(t.start, t.end) for t in read_score_tables(ctx.doc.text)]
    cells = [p for p in labelled_score_pairs(ctx.doc) if not any(a <= p[0].span[0] < b for a, b in rows)]
    if not cells or (not pairs and any(_is_weight(s) for s in ctx.facts.statements)):
        return pairs
    return sorted(pairs + cells, key=lambda p: p[0].span)


def _is_weight(s: Statement) -> bool:
    return s.kind == "score" and s.field == "points" and s.origin == "prose" and s.role == "value"


def _item_pairs(ctx: AuditContext, span: tuple[int, int] | None = None) -> list[tuple[Statement, Statement]]:
    """Each 分值 the prose states (inside ``span``, if given) with the score the same sentence gives next; none when
    a 分值 has no score."""
    pairs: list[tuple[Statement, Statement]] = []
    for sentence in ctx.doc.sentences:
        if span is not None and not span[0] <= sentence.start < span[1]:
            continue
        weight: Statement | None = None
        for s in sorted(ctx.facts.in_sentence(sentence), key=lambda s: s.span):
            if s.kind != "score" or s.origin != "prose" or s.role != "value":
                continue
            if s.field == "points":
                if weight is not None:
                    return []
                weight = s
            elif s.field in ("score", "rate_score") and weight is not None:
                pairs.append((weight, s))
                weight = None
        if weight is not None:
            return []
    return pairs


def _against_stated(
    ctx: AuditContext,
    read: list[tuple[str, Statement, bool]],
    whole: Statement,
    kind: str,
    basis: str = "",
    *,
    habit: bool = False,
) -> Iterator[Finding]:
    """The scores read (name, score, whether the text names it its part's) against the stated total, at the
    precision the total is written at: proven when every score is named so."""
    places = max(s.places for _, s, _ in read)
    summed = total([s.interval(places) for _, s, _ in read])
    ctx.facts.mark(whole, *(s for _, s, _ in read))
    if summed.overlaps(whole.interval()) and (
        not habit or sum_against([s for _, s, _ in read], whole.interval()) is None
    ):
        return  # within the scores' rounding; with ``habit``, a sheet of whole scores a point off is no rounding
    value = sum((s.value for _, s, _ in read), Decimal(0))
    yield ctx.relation_finding(
        "SCORE_MISMATCH",
        f"{kind}得分 {'＋'.join(n + s.text for n, s, _ in read)} ＝ {value}分（{basis or kind + '分值合计 100 分'}），"
        f"文中总分写作 {whole.text}{grade_note(ctx, Interval.exact(value), whole.value)}",
        span_of(whole, *(s for _, s, _ in read)),
        expected=f"{value}分",
        found=whole.text,
        proven=all(named for _, _, named in read),
        quote=quote_of(ctx.doc.text, whole),
    )


def _section_runs(ctx: AuditContext) -> list[list[_Section]]:
    """Runs of sibling part sections with distinct names whose weights make 100 (a heading of their level or
    above that names no part ends a run)."""
    headings = ctx.doc.headings
    runs: list[list[_Section]] = [[]]
    for k, heading in enumerate(headings):
        m = _CUES.part_heading.fullmatch(heading.text.strip())
        level = runs[-1][0].level if runs[-1] else None
        if level is not None and (m is None or heading.level != level):
            if heading.level > level:
                continue  # inside a section
            runs.append([])
        if m is None:
            continue
        end = next((h.start for h in headings[k + 1 :] if h.level <= heading.level), len(ctx.doc.text))
        runs[-1].append(
            _Section(
                part_name(m.group("part")), Decimal(m.group("points")), heading.level, (heading.start, end)
            )
        )
    return [
        run
        for run in runs
        if len(run) >= 3
        and len({s.name for s in run}) == len(run)
        and sum((s.weight for s in run), Decimal(0)) == 100
    ]


def _section_score(ctx: AuditContext, section: _Section) -> tuple[Statement, bool] | None:
    """A part section's score and whether the text names it so: the body's one statement of the part's score
    ("产出指标合计得分48.98分"), else its one score when the body states no other weight than the section's."""
    a, b = section.body
    weights = {
        s.value
        for s in ctx.facts.statements
        if s.kind == "score" and s.field == "points" and s.origin == "prose" and a <= s.span[0] < b
    }
    scores = [s for s in prose_scores(ctx, section.body, inside=True) if s.field in ("score", "rate_score")]
    named = [s for s in scores if names_part(ctx, s, section.name)]
    if named:
        return (named[0], True) if len({s.value for s in named}) == 1 else None
    if len(scores) == 1 and weights <= {section.weight}:
        return scores[0], False
    return None


def prose_scores(ctx: AuditContext, span: tuple[int, int], *, inside: bool) -> list[Statement]:
    """The scores the prose states (a value, not a 分值 read from its words) inside or outside ``span``."""
    return [
        s
        for s in ctx.facts.statements
        if s.kind == "score"
        and s.origin == "prose"
        and s.role == "value"
        and s.exact_claim
        and (span[0] <= s.span[0] < span[1]) == inside
    ]


def names_part(ctx: AuditContext, statement: Statement, name: str) -> bool:
    """Whether the words right before a score name the level-1 part ``name`` ("产出指标合计得分")."""
    m = _CUES.part.search(_head(ctx, statement))
    return m is not None and part_name(m.group("part")) == name


def _head(ctx: AuditContext, statement: Statement) -> str:
    return ctx.doc.text[max(0, statement.span[0] - 12) : statement.span[0]]


def grade_note(ctx: AuditContext, summed: Interval, stated: Decimal) -> str:
    """A note when the parts' sum falls in another grade than the stated total (90 written, 88 summed: 良, not
    优), on the report's own scale or the national one; empty when the sum's rounding spans a band's edge."""
    scale = ctx.facts.scale or NATIONAL_SCALE
    grades, written = scale.grades_for(summed.lo, summed.hi), scale.grade_for(stated)
    if len(grades) != 1 or written is None or written in grades:
        return ""
    return f"，按合计应评为“{grades.pop()}”（总分{stated.normalize():f}分对应“{written}”）"


def stated_total(ctx: AuditContext, outside: tuple[int, int]) -> Statement | None:
    """The one total score the report states outside ``outside`` (the scorecard that makes it up), in its prose or
    as a form's titled total cell (``labelled_total``): None where the
    report states totals of different values, covers more than one project or adds bonus points (its total may
    exceed its parts on purpose), or adjusts its total apart from the scorecard ("另扣2分")."""
    text = ctx.doc.text
    if len(ctx.facts.projects) > 1 or _CUES.bonus.search(text) or _CUES.adjusted.search(text):
        return None
    totals = [
        s
        for s in prose_scores(ctx, outside, inside=False)
        if _CUES.whole.search(_head(ctx, s)) and not _CUES.part.search(_head(ctx, s))
    ]
    cell = labelled_total(ctx.doc)
    if cell is not None and not outside[0] <= cell.span[0] < outside[1]:
        totals.append(cell)  # a form of titled cells closing on its total: the same total written as a cell
    return totals[0] if len({s.value for s in totals}) == 1 else None
