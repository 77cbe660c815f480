"""A report as the audit reads it: lines, headings, sections, sentences and attached tables, with offsets.

Headings are recognised in 公文 numbering (一、 （一） 1、) and in Markdown (#) (``headings``). Every sentence keeps
its character span in the whole text so findings can quote and point at it. The line breaks a PDF left inside a
sentence are read by ``line_breaks``, the attached tables by ``attached_tables``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..numbers.mentions import writes_spaced_thousands
from ..numbers.numerals import parse_number
from .attached_tables import Table, parse_tables
from .cues import cues
from .headings import heading_of
from .line_breaks import PROSE_LINE, broken_numbers, wrapped_lines

_CUES = cues(__name__)
_CONTENTS_ENTRY = 40  # characters a table-of-contents entry may have

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

    @cached_property
    def spaced(self) -> bool:
        """Does the document write its thousands set apart by a space ("18 189万元", as a PDF or web page copies
        "18,189")? A line or cell read alone holds too few figures to tell ("月均在册1 682人" would read 1 and 682), so
        every reader of a piece of the document asks the whole: pass it to ``find_numbers``."""
        return writes_spaced_thousands(self.text)

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
    (piped, tabbed, one short cell a line) are not. A row flattened with single spaces and labelled cells ("产出指标
    数量指标 改造户数 计划450户 实际完成423户 完成率96.00%", or each cell after its label: "一级指标 产出指标 二级指标
    … 三级指标 改造户数 年度指标值 ≥450户 实际完成值 423户") no form reader takes: its labels make it prose."""
    stripped = line.strip()
    return (
        len(stripped) >= PROSE_LINE
        and stripped.endswith("。")
        and _CUES.clause_mark.search(stripped) is not None
        and not any(mark in stripped for mark in ("|", "｜", "\t", "  "))
    ) or _CUES.spaced_row.match(stripped) is not None


def _resumes(attachment: Heading, found: tuple[int, str]) -> bool:
    """ "二、项目支出绩效自评表" with the form under it, then "三、绩效目标完成情况分析": a 自评表 numbered in the report's
    own outline is one of its sections, not an appendix; the next number of that outline (a level-1 heading of
    another part) takes the report up again. Any other line under an attachment is the attachment's."""
    level, text = found
    own, nxt = _CUES.level1.match(attachment.text), _CUES.level1.match(text)
    if level != 1 or own is None or nxt is None or _role(text) == "attachment":
        return False
    return parse_number(nxt.group(1)) == parse_number(own.group(1)) + 1


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
