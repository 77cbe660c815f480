"""A report as the audit reads it: lines, headings, sections, sentences and attached tables, with offsets.

Headings are recognised in 公文 numbering (一、 （一） 1、) and in Markdown (#). Every sentence keeps its
character span in the whole text so findings can quote and point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..numbers.numerals import parse_number
from ..typesetting import display_width
from .cues import cues

_CUES = cues(__name__)
_CONTENTS_ENTRY = 40  # characters a table-of-contents entry may have
_PROSE_LINE = 20  # characters: a line of hard-wrapped prose is longer; a form's cell line rarely is

# Section roles by heading keywords; the first match wins, in this order.
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attachment", ("附件", "评分表", "自评表")),
    ("deviation", ("偏离", "偏差", "问题", "改进", "建议")),
    ("analysis", ("完成情况", "指标分析", "总体分析", "目标完成")),
    ("conclusion", ("评价结论", "综合评价", "自评结论", "评价情况")),
    ("method", ("评价方法", "评价原则", "指标体系", "工作情况", "工作过程", "评价目的", "开展情况")),
    ("funds", ("资金", "预算")),
    ("basic", ("基本情况", "背景", "概况")),
)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Sentence:
    """A sentence with its span, line number, paragraph (line) span and the headings above it."""

    text: str
    start: int
    end: int
    line: int
    para_start: int
    para_end: int
    section: Heading | None
    subsection: Heading | None

    @property
    def role(self) -> str:
        """The role of the level-1 section (e.g. "analysis", "deviation", "method")."""
        return self.section.role if self.section else "body"

    @property
    def roles(self) -> set[str]:
        """Roles of the section and of the subsection (a 资金 subsection inside 基本情况 is "funds")."""
        return {h.role for h in (self.section, self.subsection) if h is not None}


@dataclass
class Table:
    """An attached table: header cells and rows of cells, each cell with its text span."""

    header: list[str]
    rows: list[list[tuple[str, int, int, int]]]  # (text, start, end, line)


@dataclass
class Document:
    text: str
    line_starts: list[int]
    headings: list[Heading]
    sentences: list[Sentence]
    tables: list[Table] = field(default_factory=list)
    body_end: int = 0  # where the attachment starts (prose audited before it)
    wraps: frozenset[int] = frozenset()  # the line breaks inside a sentence of prose (``wrapped_lines``)

    _running: str | None = field(default=None, repr=False)

    @property
    def running_text(self) -> str:
        """The text with the line breaks inside its sentences read as spaces, offsets kept: a PDF's line end inside
        a list separates none of its items ("…、县政府⏎债务研究评估中心、…" is one list)."""
        if self._running is None:
            chars = list(self.text)
            for at in self.wraps:
                chars[at] = " "
            self._running = "".join(chars)
        return self._running

    def running(self, start: int, end: int) -> str:
        """``running_text[start:end]``."""
        return self.running_text[start:end]

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def sections(self, role: str) -> list[Heading]:
        return [h for h in self.headings if h.level == 1 and h.role == role]

    def section_at(self, offset: int) -> Heading | None:
        """The level-1 heading whose section holds ``offset`` (None before the first one)."""
        found = None
        for heading in self.headings:
            if heading.start > offset:
                break
            if heading.level == 1:
                found = heading
        return found

    def sentences_in(self, role: str) -> list[Sentence]:
        return [s for s in self.sentences if s.role == role]


def _role(text: str) -> str:
    for role, words in _ROLES:
        if any(word in text for word in words):
            return role
    return "body"


def heading_of(line: str) -> tuple[int, str] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or stripped.endswith(("。", "；", "，", ";", ",")):
        return None
    if _CUES.run_in_title.search(stripped):
        return None  # "（二）支出情况。2023年度支出合计…元，其中：": a run-in title, then the paragraph's first sentence
    md = _CUES.md_heading.match(stripped)
    text = md.group(2) if md else stripped
    if _CUES.level1.match(text):
        return 1, text
    if _CUES.level2.match(text):
        return 2, text
    if _CUES.attachment.match(stripped):
        # a link to a file ("附件1:《…》.docx") is a line of the report, not the start of what is attached
        return None if _CUES.attached_file.search(stripped) else (1, text)
    if _CUES.level3.match(text) and len(text) <= 30 and "：" not in text[:-1]:
        return 3, text
    if md:
        # An un-numbered "# …" is the report title; deeper un-numbered headings nest under the sections.
        return (0 if len(md.group(1)) == 1 else min(len(md.group(1)), 3)), text
    return None


def parse_document(text: str) -> Document:
    """Split a report into headings, sentences (with spans) and attached tables."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    line_starts = [0]
    for match in re.finditer("\n", text):
        line_starts.append(match.end())
    headings: list[Heading] = []
    sentences: list[Sentence] = []
    section: Heading | None = None
    subsection: Heading | None = None
    body_end = len(text)
    # where the first attached table starts (read for a 评分表 even if the body resumes after it)
    annex_start = len(text)
    in_attachment = False
    embedded: Heading | None = None  # a numbered 自评表 section the report's own numbering may go on after
    in_contents = False  # inside a table of contents ("目录" and the short entry lines under it)
    wraps = wrapped_lines(text)
    joints = broken_numbers(text) | wraps
    merged_until = 0  # the end of a line that ran on over a number or a sentence broken at its end
    for number, start in enumerate(line_starts, 1):
        if start < merged_until:
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end in joints:  # "全年预算4⏎20.00万元", "…、省⏎级资金…": the line runs on over the break
            after = text.find("\n", end + 1)
            end = len(text) if after < 0 else after
        merged_until = end
        line = text[start:end]
        in_contents = _CUES.contents.match(line) is not None or (in_contents and _contents_entry(line))
        found = heading_of(line)
        if found and in_attachment and embedded is not None and _resumes(embedded, found):
            in_attachment, embedded, body_end = False, None, len(text)
        if found and not in_attachment:
            level, heading_text = found
            heading = Heading(level, heading_text.strip(), number, start, end, _role(heading_text))
            headings.append(heading)
            if level == 1:
                outer, section, subsection = section, heading, None
                # "附件1 成本费用分析报告" listed in a table of contents names an appendix; the body follows the list
                if (
                    heading.role == "attachment"
                    and not in_contents
                    and not _labels_the_whole(line, sentences)
                ):
                    in_attachment = True
                    body_end = start
                    annex_start = min(annex_start, start)
                    embedded = heading if _CUES.level1.match(heading_text) else _holding(outer, line)
            elif level == 2:
                subsection = heading
            continue
        if (in_attachment and not (embedded is section and _prose_line(line))) or not line.strip():
            continue  # an attached form's lines; but a sentence of prose in a 自评表 section of the outline
        cursor = start
        for piece in _CUES.sentence_end.finditer(line + "\n"):
            if _inside_brackets(line, cursor - start, piece) or start + piece.start() in joints:
                continue
            s_end = min(start + piece.end(), end)
            chunk = text[cursor:s_end]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                sentences.append(
                    Sentence(chunk.strip(), cursor + lead, s_end, number, start, end, section, subsection)
                )
            cursor = s_end
            if cursor >= end:
                break
    doc = Document(text, line_starts, headings, sentences, body_end=body_end, wraps=frozenset(wraps))
    doc.tables = parse_tables(text, annex_start, doc)
    return doc


def _prose_line(line: str) -> bool:
    """A line of prose in a section of the report's own outline titled as its 自评表 ("三、绩效自评表主要内容", not a
    form held under another section: what follows that is read as before) ("经对照，本年度设定的各项绩效指标均达到
    预期目标。" below the form): long, ending a sentence, with a clause mark and no cell divider; a form's cells
    (piped, tabbed, one short cell a line) are not."""
    stripped = line.strip()
    return (
        len(stripped) >= _PROSE_LINE
        and stripped.endswith("。")
        and _CUES.clause_mark.search(stripped) is not None
        and not any(mark in stripped for mark in ("|", "｜", "\t", "  "))
    )


def _resumes(attachment: Heading, found: tuple[int, str]) -> bool:
    """ "二、项目支出绩效自评表" with the form under it, then "三、绩效目标完成情况分析": a 自评表 numbered in the report's
    own outline is one of its sections, not an appendix; the next number of that outline (a level-1 heading of
    another part) takes the report up again. Any other line under an attachment is the attachment's."""
    level, text = found
    own, nxt = _CUES.level1.match(attachment.text), _CUES.level1.match(text)
    if level != 1 or own is None or nxt is None or _role(text) == "attachment":
        return False
    return parse_number(nxt.group(1)) == parse_number(own.group(1)) + 1


def broken_numbers(text: str) -> set[int]:
    """The line breaks inside a number: text copied from a PDF keeps the page's line ends, and one may fall inside
    an amount ("全年预算4⏎20.00万元") or between an amount and its unit ("公务接待费3.62⏎万元"). Only in prose — the line holds a clause mark and is long, the digits glued to
    the word before them, the next line opening with the number's rest and its unit; a form written one cell a
    line ("年度资金总额⏎200⏎200万元") has no such line."""
    joints: set[int] = set()
    for cue, head in ((_CUES.broken_number, _CUES.broken_head), (_CUES.unit_below, _CUES.unit_below_head)):
        for match in cue.finditer(text):
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            if len(line) >= _PROSE_LINE and _CUES.clause_mark.search(line) and head.search(line):
                joints.add(match.start())
    return joints


def wrapped_lines(text: str) -> set[int]:
    """The line breaks inside a sentence of prose: text copied from a PDF keeps the page's line ends, and most fall
    inside a sentence, even inside a word ("其中中央资金 64.80 万元、省⏎级资金 17.28 万元"). A break is read so only
    between two lines of running prose (``_prose_break``). A sentence is read whole or as before: when one of its
    breaks falls at a number ("…供9⏎个项目", "基地8000亩⏎8535.5亩"), whose unit or rest a number is read with only
    on one line (unless ``broken_numbers`` reads it whole), or the run of prose lines neither opens nor closes a
    sentence (a line of another shape above or below it goes on with it), none of the run's breaks is read: the
    sentence is cut at every line end as before, not read with an item lost. Records written one a line, each opened
    by a name and a colon (``_record_lines``), are never run together."""
    breaks: set[int] = set()
    whole = broken_numbers(text)
    lines = text.split("\n")
    records = _record_lines(lines)
    run: list[int] = []
    safe = True
    at = 0
    for k, (line, below) in enumerate(pairwise(lines)):
        at += len(line) + 1
        if k in records or k + 1 in records:  # a record's line is a sentence of its own
            if run and safe and _ends_sentence(line, below):
                breaks.update(run)
            run, safe = [], True
            continue
        if _prose_break(line, below, continued=bool(run)):
            if not run:  # the run must open its sentence: a sentence cut before it would be read in part
                safe = k == 0 or _ends_sentence(lines[k - 1], line)
            run.append(at - 1)
            at_number = _CUES.number_at_end.search(line) or _CUES.cells_apart.search(
                line[-8:] + "\n" + below[:2]
            )
            safe = safe and (at_number is None or at - 1 in whole)
            continue
        if run and safe and _ends_sentence(line, below):
            breaks.update(run)
        run, safe = [], True
    if run and safe:
        breaks.update(run)
    return breaks


def _record_lines(lines: list[str]) -> set[int]:
    """The lines that are records of a list written one a line, each opened by a name and a colon ("乌兰浩特市:
    预算215.00万元，执行203.10万元，执行率94.47%⏎科尔沁右翼前旗: 预算…"): a line so opened beside another so opened.
    No sentence runs over a record's line ends, whatever its marks: each line's figures are its own."""
    heads = [_CUES.record_head.match(line) is not None for line in lines]
    return {
        k
        for k, head in enumerate(heads)
        if head and ((k > 0 and heads[k - 1]) or (k + 1 < len(heads) and heads[k + 1]))
    }


def _ends_sentence(line: str, below: str) -> bool:
    """Does a sentence end at the break after ``line``? It ends a sentence (or a lead-in), is blank, is a heading,
    or the line below is blank or opens an item of its own."""
    return (
        not line.strip()
        or not below.strip()
        or _CUES.sentence_close.search(line) is not None
        or heading_of(line) is not None
        or heading_of(below) is not None
        or _CUES.wrap_opens_item.match(below) is not None
    )


def _prose_break(line: str, below: str, continued: bool) -> bool:
    """A break between two lines of running prose: the first long, with a clause mark of its own (not inside a
    bracket; a 、 will do on a line that ``continued`` a run or is as wide on the page as the next, ``display_width``: a
    title may hold a 、), not a heading, ending no sentence (nor a lead-in's colon); the next right below it (no
    blank line), opening no item of its own (an indent, a list marker, a bullet, a heading), itself long or holding
    a clause mark.
    Neither holds a table's cells (a tab, a pipe, words set apart by spaces): a form written one cell a line, or
    short lines, are never run together."""
    wide = continued or display_width(line.strip()) >= display_width(below.strip())
    marks = _CUES.wrap_mark if wide else _CUES.clause_mark
    return bool(
        _running_prose(line)
        and marks.search(_CUES.aside.sub("", line))
        and not _CUES.sentence_close.search(line)
        and heading_of(line) is None
        and not _CUES.wrap_opens_item.match(below)
        and heading_of(below) is None
        and (_running_prose(below) or _CUES.clause_end.search(below))
    )


def unwrapped(words: str) -> str:
    """A sentence's words read across its line breaks: a sentence holds one only where a PDF's line end fell inside
    it (``wrapped_lines``, ``broken_numbers``), maybe inside a word ("省⏎级资金" is 省级资金). For reading words
    only: a span is never taken from the result."""
    return words.replace("\n", "")


def _running_prose(line: str) -> bool:
    """A line of running prose as a PDF wraps it: long, no table cells."""
    return (
        len(line.strip()) >= _PROSE_LINE
        and "\t" not in line
        and "|" not in line
        and not _CUES.wrap_cells.search(line)
    )


def _holding(outer: Heading | None, line: str) -> Heading | None:
    """ "三、绩效目标完成情况" then, un-numbered, "项目支出绩效自评表" with the form under it: a form's bare title (no
    "附件"/"附表" before it) inside a numbered section of the report is that section's own table, and the section's
    next number ("四、偏差分析") takes the report up again. The section that holds it, else None."""
    if outer is None or _CUES.annex_word.match(line) or not _CUES.level1.match(outer.text):
        return None
    return outer


def _contents_entry(line: str) -> bool:
    """A line of a table of contents: empty, or a short title with no clause mark (a heading, "附件3评价指标体系",
    "(六)年末结转和结余情况。"); a line of prose ends the table."""
    stripped = line.strip()
    return len(stripped) <= _CONTENTS_ENTRY and _CUES.clause_mark.search(stripped) is None


def _labels_the_whole(line: str, before: list[Sentence]) -> bool:
    """ "附件3", or a form's own title ("…绩效目标自评表"), above a text with no prose before it — only the page's
    title and metadata ("[ 发布机构 ]", "文章来源: … 发表时间: …", a date) — labels the whole text: the text is the
    appendix (or the form) itself, not a report followed by one, and is read as the body."""
    return not any(_is_prose(s.text) for s in before)


def _is_prose(text: str) -> bool:
    """A sentence of the report's own prose, not a title or a page's metadata line: it ends a sentence."""
    return "。" in text or text.endswith(("；", ";"))


def _inside_brackets(line: str, begin: int, piece: re.Match[str]) -> bool:
    """ "中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元)": a semicolon inside a bracket that
    closes later on the line separates the bracket's items; the sentence goes on after the bracket."""
    if piece.group().strip("；;"):
        return False
    before = line[begin : piece.start()]
    depth = before.count("(") + before.count("（") - before.count(")") - before.count("）")
    return depth > 0 and bool(re.match(r"[^()（）\n]*[)）]", line[piece.end() :]))


# --- attached tables --------------------------------------------------------------------------------------

_NAME_HEADERS = ("项目名称", "项目")


def parse_tables(text: str, start: int, doc: Document) -> list[Table]:
    """Read the attached 评分表: a Markdown pipe table, or one cell per line with blank lines between rows."""
    region = text[start:]
    tables = _pipe_tables(region, start, doc)
    if tables:
        return tables
    return _cell_per_line_tables(region, start, doc)


def _pipe_tables(region: str, base: int, doc: Document) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    offset = 0
    for line in region.split("\n"):
        match = _CUES.pipe_row.match(line)
        if match and not _CUES.pipe_rule.match(line):
            cells = _split_pipe(line, base + offset, doc)
            if current is None:
                current = Table([c[0] for c in cells], [])
                tables.append(current)
            else:
                current.rows.append(cells)
        elif not match:
            current = None
        offset += len(line) + 1
    return [t for t in tables if any(h in _NAME_HEADERS for h in t.header)]


def _split_pipe(line: str, line_start: int, doc: Document) -> list[tuple[str, int, int, int]]:
    cells = []
    pos = line.index("|") + 1
    number = doc.line_of(line_start)
    while True:
        nxt = line.find("|", pos)
        if nxt < 0:
            break
        raw = line[pos:nxt]
        lead = len(raw) - len(raw.lstrip())
        value = raw.strip()
        cells.append((value, line_start + pos + lead, line_start + pos + lead + len(value), number))
        pos = nxt + 1
    return cells


def _cell_per_line_tables(region: str, base: int, doc: Document) -> list[Table]:
    """The seed's layout: every cell on its own (tab-indented) line, rows separated by blank lines."""
    blocks: list[list[tuple[str, int, int, int]]] = []
    block: list[tuple[str, int, int, int]] = []
    offset = 0
    for line in region.split("\n"):
        value = line.strip()
        if value:
            lead = len(line) - len(line.lstrip())
            begin = base + offset + lead
            block.append((value, begin, begin + len(value), doc.line_of(begin)))
        elif block:
            blocks.append(block)
            block = []
        offset += len(line) + 1
    if block:
        blocks.append(block)
    for index, candidate in enumerate(blocks):
        names = [cell[0] for cell in candidate]
        if names and names[0] in _NAME_HEADERS and len(names) >= 3:
            width = len(names)
            rows = [b for b in blocks[index + 1 :] if len(b) == width]
            return [Table(names, rows)]
    return []
