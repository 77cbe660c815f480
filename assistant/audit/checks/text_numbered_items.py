"""COUNT_MISMATCH from the text alone: "项目共4个…各项目如下:" (or a 部门整体 report's "共实施项目支出4个") then one
numbered line per project ("1、A 5万元" … "4、D 594.74万元") — the count of projects against the lines that list
them.

Why: reports announce how many projects they cover, then give each its own numbered line; a count that the lines
do not match is a slip in one of them. The lines are counted only when the line holding the count ends with a cue
that opens them (如下:, 其中:, 分别为:), the first opens with 1 and each next one with the next number in the same
style ("1、", "2.", "项目1:", "项目一：", "（1）"), the run ending at the first line that is not numbered. Another number (a second 1, a skip) ends nothing
with certainty: no finding.
Bad: 项目共4个,支出30万元。各项目如下:⏎1、A 10万元⏎2、B 10万元⏎3、C 10万元 (three lines).
Good: the same with 项目共3个; "项目共4个,资金30万元。其中:⏎1、中央资金…⏎2、省级资金…" (after 其中 the first line
names no project: the lines are sources of the money, not the projects).
The items may also follow the cue on the count's own line ("…项目共2个,…。其中:1、「A」支出…;2、「B」支出…。"),
each opening after the cue or after 。；: read the same way, except that fewer inline items than the count
after 其中 are examples ("14个项目考评等级全部为优，其中：1、A…；2、B…"), not the list: silent, unless 其中
splits the amount right before it ("支出合计86.5万元。其中:1、…").
Lines that name more projects than the count are an error; fewer are an error only when the cue says each
project follows (各项目如下, 分别为), or when each line carries one amount and together they make exactly a total
the text states above them (``listed_total``: no project and no money is left out, so the count is the slip);
else a warning (其中 may list some).
A line names a project when it says 项目, or names a thing and then the money allotted to it ("（4）非遗工坊提升改造，
安排资金52.00万元") — not a source of the money ("（1）中央财政，安排资金100万元"); when the lines' amounts make
exactly the total stated above, any line that is no source of the money is an item ("1.食品安全抽检86.00万元").
A colon right after the count's noun opens the lines too ("共实施5个子项目：⏎（一）…⏎（二）…"); lines numbered
"（一）" (a heading's style as well) count only when their money proves them the whole list. A line "4.12315热线…"
after "1." to "3." is the fourth item (digits with no unit after "4." are the item's words, not a decimal).
A count of projects in an overview whose lines a later line announces ("各项目资金安排如下：") and whose lines' money
makes exactly the amount stated in the count's own level-1 section ("项目资金共计735万元", not in its sentence) is
read so too, as a warning: that the later lines are the counted projects is a reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...numbers.numerals import parse_number
from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of
from ..prose.listed_total import amount_of_sentence, listed_amounts, listed_total
from ..prose.model import Statement
from ..registry import check_unit
from .text_table_rates import page_noise, running_title

_CUES = cues(__name__)
_MAX_LINES = 40  # a list of projects one line each is short; a run longer than this is no such list
_REACH = 1200  # characters after a count's line its projects' lines may be announced within


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for count in ctx.facts.statements:
        line_end = text.find("\n", count.span[1])
        line_end = len(text) if line_end == -1 else line_end
        if not project_count(text, count):
            finding = _announced_later(ctx, count, line_end) if _noun_count(count) else None
            if finding is not None:
                yield finding
            continue
        rest = text[count.span[1] : line_end]
        inline = None
        if _CUES.opens_lines.search(rest):
            spans = _numbered_lines(text, line_end)
        elif inline := _CUES.opens_inline.search(rest):
            spans = _inline_items(rest[inline.end() :], count.span[1] + inline.end())
        else:
            finding = _announced_later(ctx, count, line_end)
            if finding is not None:
                yield finding
            continue
        lines = [text[a:b] for a, b in spans]
        if len(lines) < 2:
            continue
        whole = bool(_CUES.each_project.search(rest))
        # each item with one amount, together exactly the total stated above: none is left out of the list
        # (after 其中 a project with no money may go unlisted: only a doubt)
        some = _CUES.only_some.search(rest)
        total = listed_total(ctx, count, spans) if count.value > len(lines) and some is None else None
        if not whole and not _names_a_project(lines[0]) and (total is None or _a_source(lines[0])):
            continue  # "其中:" lines that are not projects (sources, kinds of spending)
        if total is None and heading_style(text, spans):
            continue  # "（一）" lines may be the next headings: only their money shows them the list
        if _groups(ctx, count, spans):
            continue  # "项目19个，按类别划分如下：⏎1.产业类项目11个…⏎2.基础设施类项目6个…": kinds, each with its own count
        ctx.facts.mark(count)
        if count.value == len(lines):
            continue
        if (
            inline is not None
            and not whole
            and len(lines) < count.value
            and not _splits_an_amount(rest, inline)
        ):
            continue  # "14个项目…全部为优，其中：1、A…；2、B…": a few named as examples, not the list
        yield ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}，其后逐行编号列出的是 {len(lines)} 项"
            + (f"；各项金额合计正等于前文所列总额 {total.text}，所列应已齐全" if total is not None else ""),
            (count.span[0], count.span[1]),
            expected=f"{len(lines)}{count.unit}",
            found=count.text,
            proven=whole or count.value < len(lines) or total is not None,
            quote=quote_of(text, count),
        )


def _groups(ctx: AuditContext, count: Statement, spans: list[tuple[int, int]]) -> bool:
    """Does each listed line state its own count of the count's unit ("1.产业发展类项目11个")? The lines are then
    kinds of the counted things, not one thing each: their number is no count of them."""
    return all(
        any(
            s.kind == "count" and s.unit == count.unit and s is not count and a <= s.span[0] < b
            for s in ctx.facts.statements
        )
        for a, b in spans
    )


def project_count(text: str, count: Statement) -> bool:
    """A stated count of projects ("4个项目", "项目共4个")."""
    if (
        count.kind != "count"
        or count.unit not in ("个", "项")
        or not count.exact_claim
        or count.origin != "prose"
    ):
        return False
    return count.extra.get("noun", "").startswith(("项目", "子项目")) or bool(
        _CUES.noun_before.search(text[max(0, count.span[0] - 6) : count.span[0]])
    )


def _noun_count(count: Statement) -> bool:
    """A stated count of things named by a noun ("6个片区", "4个乡镇"), whose items a later line may announce."""
    return (
        count.kind == "count"
        and count.unit == "个"
        and count.exact_claim
        and count.origin == "prose"
        and bool(count.extra.get("noun"))
    )


def _announcing_line(ctx: AuditContext, count: Statement, line_end: int) -> re.Match[str] | None:
    """The later line that announces the count's items: for projects, one whose words name 项目 ("（三）分项目资金
    安排："); for a count of another noun, one that opens on 各 and that noun ("各片区建设规模及投资如下：")."""
    text = ctx.doc.text
    if project_count(text, count):
        return _CUES.lines_announced.search(text, line_end, line_end + _REACH)
    noun = count.extra.get("noun", "")
    for found in _CUES.each_announced.finditer(text, line_end, line_end + _REACH):
        if found.group("rest").startswith(noun):
            return found
    return None


def _announced_later(ctx: AuditContext, count: Statement, line_end: int) -> Finding | None:
    """ "项目资金合计486.00万元，分5个子项目实施" … "（三）分项目资金安排：⏎1.…120.00万元；⏎…⏎6.…80.00万元。": a later
    line that announces the projects' lines (its words name 项目, it ends on a colon), then one numbered line per
    project, each with one amount, together exactly an amount of the count's own sentence: the lines are every
    project, and a count they do not match is the slip (an error). Without that sum, lines far from the count may
    be another list: silent. A count of another noun is read so too when the line names it after 各 ("共实施6个
    片区，…总投资5 200.00万元" … "各片区建设规模及投资如下：⏎1.…⏎5.…"): the sum shows the lines whole."""
    text = ctx.doc.text
    announced = _announcing_line(ctx, count, line_end)
    if announced is None or count.sentence is None:
        return None
    spans = _numbered_lines(text, announced.end())
    if len(spans) < 2 or len(spans) == count.value:
        return None
    amounts = listed_amounts(ctx, spans)
    if amounts is None:
        return None
    summed = sum((s.value for s in amounts), Decimal(0))
    whole = amount_of_sentence(ctx, count, [summed], amounts[0].unit)
    listed = f"后文逐行编号列出的是 {len(spans)} 项；各项金额合计"
    if whole is not None:
        return whole_list_finding(ctx, count, listed, len(spans), whole)
    if not project_count(text, count):
        return None
    # "共实施…项目6个" … "（二）资金来源⏎项目资金共计735万元" … "各项目资金安排如下：⏎1.…⏎5.…": the money stated
    # in the count's own level-1 section, not in its sentence; that the lines are the same projects is a reading
    whole = listed_total(ctx, count, spans)
    if whole is None:
        return None
    return whole_list_finding(ctx, count, listed, len(spans), whole, "前文", proven=False)


def whole_list_finding(
    ctx: AuditContext,
    count: Statement,
    listed: str,
    items: int,
    whole: Statement,
    where: str = "同句",
    proven: bool = True,
) -> Finding:
    """COUNT_MISMATCH on a count against a list its money shows whole: the items' amounts make up exactly the
    ``whole`` the count's own sentence (or paragraph: ``where``) states, so no item is left out and the count is
    the slip (an error; a warning, ``proven`` False, where the whole stands apart from the count)."""
    ctx.facts.mark(count, whole)
    return ctx.relation_finding(
        "COUNT_MISMATCH",
        f"文中写 {count.text}，{listed}正等于{where}所写 {whole.text}，所列应已齐全",
        count.span,
        expected=f"{items}{count.unit}",
        found=count.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, count),
    )


def _splits_an_amount(rest: str, cue: re.Match[str]) -> bool:
    """ "…支出合计86.5万元。其中:1、…": the inline items split the amount right before the cue (the spending of
    every project), not a few examples of a claim."""
    return _CUES.amount_before_cue.search(rest[: cue.start()]) is not None


def _a_source(line: str) -> bool:
    """A numbered line that names a source of the money ("1、中央财政资金120万元"), not a thing it went to."""
    return bool(_CUES.source_line.match(_CUES.line_number.sub("", line, count=1)))


def _names_a_project(line: str) -> bool:
    """A numbered line that names a project ("1、田园综合体项目232.43万元"), or a thing the money was allotted to
    ("（1）非遗工坊提升改造，安排资金52.00万元") that is no source of the money ("1、中央财政安排资金100万元")."""
    if _CUES.names_project.search(line):
        return True
    item = _CUES.line_number.sub("", line, count=1)
    return bool(_CUES.allotted_item.match(item)) and not _a_source(line)


def _inline_items(words: str, offset: int) -> list[tuple[int, int]]:
    """The items numbered 1、2、3… (or （1）（2）…) written on the count's own line after its cue ("其中:1、「A」支出…;
    2、「B」支出…。"), each opening the line's rest or following 。；; empty when a number breaks the run or the style
    changes."""
    marks = list(_CUES.inline_number.finditer(words))
    styles = {m.group("n") is None for m in marks}  # "1、" or "（1）": one list keeps one style
    if len(styles) > 1 or len(marks) > _MAX_LINES:
        return []
    if not marks or any(int(m.group("n") or m.group("b")) != k for k, m in enumerate(marks, 1)):
        return []
    ends = [m.start() for m in marks[1:]] + [len(words)]
    return [(offset + m.start(), offset + end) for m, end in zip(marks, ends, strict=True)]


def _next_glued(line: str, expected: int) -> re.Match[str] | None:
    """ "4.12315热线运行维护…" after lines "1." to "3.": the run's next number whose words open with digits (a
    hotline, a year), not a decimal ("4.5万元": a unit follows)."""
    glued = _CUES.glued_number.match(line)
    if glued is None or int(glued.group("n")) != expected:
        return None
    return _CUES.line_number.match(line, 0, glued.end())


def heading_style(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the lines are numbered "（一）" (the style of a heading as well as of an item): such lines are a
    list only where their money proves it."""
    number = _CUES.line_number.match(text[spans[0][0] : spans[0][1]]) if spans else None
    return number is not None and number.group("c") is not None


def _numbered_lines(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of the lines after ``start`` numbered 1, 2, 3… in one style ("1、", "（1）"), up to the first line
    that is not numbered; empty when a number breaks the run (a second list, a skip) or the run is too long to be
    one list."""
    lines: list[tuple[int, int]] = []
    style = None
    at = start
    title = running_title(text)
    for line in text[start:].split("\n"):
        begin, at = at, at + len(line) + 1
        if not line.strip() or (lines and page_noise(line, title)):
            continue  # a page's rule, number or running head, which a copy from a PDF leaves between two items
        number = _CUES.line_number.match(line)
        if number is not None and number.group("n") and not number.group("lead"):
            # "一、" opens a heading, "1:" no item: only "项目一：" and "项目1:" take these
            number = None if not number.group("n").isdigit() or number.group("sep") in ":：" else number
        if number is None and style is not None and style[1] in (".", "．") and style[2]:
            number = _next_glued(line, len(lines) + 1)
        if number is None:
            break
        n = number.group("n") or number.group("b") or number.group("c")
        shape = (number.group("lead"), number.group("sep"), n.isdigit())
        if number.group("c") and style is not None and shape != style:
            break  # "（二）绩效目标完成情况" after lines "1、" to "3、": the next heading ends the run
        if int(parse_number(n)) != len(lines) + 1 or (style is not None and shape != style):
            return []
        style = shape
        lines.append((begin, begin + len(line)))
        if len(lines) > _MAX_LINES:
            return []
    return lines
