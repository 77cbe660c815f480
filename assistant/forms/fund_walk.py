"""The funds block's part of the form walk (``reader``): its header row, read by each cell's own title, and its rows.

A header row may carry columns beyond the labels the vocabulary searches for — 结余, 调整数, 上年结转, 其中：财政拨款
as a column, 偏差原因, or a title never seen before. Each is a column by its title, in the place the header writes
it; a title no vocabulary names is an unknown column, so the cells after it are never shifted onto the known ones.

Bad: 年初预算数 ⏎ 全年预算数 ⏎ 全年执行数 ⏎ 结余 ⏎ 执行率 ⏎ 年度资金总额 ⏎ 120.00 ⏎ 120.00 ⏎ 112.45 ⏎ 7.55 ⏎ 93.71%
read by position (7.55 as the 执行率). Good: 7.55 under 结余 (120.00 − 112.45), 93.71% under 执行率.

A row ends where a later line opens with words of its own, once the row's line has its figures: that line is
another row, under a label no vocabulary names (a department form's "按支出性质分：基本支出 | 742.30 | …"), or its
group's heading. Bad: 742.30 read as 其他资金's 执行率. Good: 其他资金 | 30.00 | 34.00 | 27.54, and the unnamed row
noted (``Form.unread_rows``: the 其中 rows' sum then only a doubt).
"""

from __future__ import annotations

import re

from .funds import UNKNOWN, FundLayout, read_fund_row
from .heads import CELL_GAP
from .model import FUND_ROW_TOTAL, Form, FundRow
from .rows import (
    cell_values,
    leading_values,
    token_value,
    touching,
    trim_blanks,
    unaligned_row,
    uncertain_fund_note,
)
from .tokens import Token
from .vocabulary import FUND_COLUMN_NAMES, FUND_ROW_NAMES, FUND_ROWS

OUTLINE_HEADING = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、[^，,；;。|｜\t]{2,38}$")
_SENTENCE_END = re.compile(r"[。；;]")
_CLAUSE_END = re.compile(r"[。；;，]")  # (no ',': amounts hold it)
_TITLE = re.compile(r"[\u4e00-\u9fff（）()：:、/]{1,14}")  # a plain header cell: words, no figure
_TITLE_ROWS = frozenset(FUND_ROW_NAMES) - {"年度资金总额"}  # a source named in the header: its column


class FundWalk:
    """The reader's state this part uses, and the funds block's steps of the walk."""

    text: str
    tokens: list[Token]
    index: int
    form: Form
    mode: str
    fund_layout: FundLayout
    fund_label: Token | None
    fund_anchor: int | None
    confirmed: set[str]
    run_kind: str
    run_length: int
    row_cells: dict[int, int]
    row_start: dict[int, int]
    label_row: int
    last_title: int  # the index of the last token taken as a header title

    def _header_title(self, token: Token) -> bool:
        """Is ``token`` (a word or a source's name) a plain title cell of the funds header row: right after a
        column (only cell gaps between), before any row, the titles it starts going on to a column label or to the
        first row's label? Then it is taken as a column of its own (``FundLayout.add_title``)."""
        if (
            self.mode != "funds"
            or self.fund_label is not None
            or self.form.funds
            or not self.fund_layout.keys
        ):
            return False
        if not self._title_like(token) or not self._after_column(self.index):
            return False
        at = self.index + 1
        while at < len(self.tokens) and self._title_like(self.tokens[at]) and self._after_column(at):
            at += 1
        after = self.tokens[at] if at < len(self.tokens) else None
        if (
            after is None
            or after.kind != "label"
            or not _gap(self.text, self.tokens[at - 1].end, after.start)
        ):
            return False
        if after.name in FUND_COLUMN_NAMES:
            return True
        # the header's last title before the first row ('… 执行率 | 结余 ⏎ 年度资金总额 | …'): on the header's line,
        # or the header written one cell a line
        before = self.tokens[self.index - 1]
        return after.name in FUND_ROW_NAMES and (
            token.row == before.row or (self._alone(token) and self._alone(before))
        )

    def _alone(self, token: Token) -> bool:
        """Is ``token`` the only cell of its line?"""
        start = self.text.rfind("\n", 0, token.start) + 1
        end = self.text.find("\n", token.end)
        return self.text[start : end if end >= 0 else len(self.text)].strip(CELL_GAP) == token.text.strip()

    def _title_like(self, token: Token) -> bool:
        if token.kind == "label":
            return token.name in _TITLE_ROWS and not token.glued_left
        return token.kind == "word" and not token.is_blank and _TITLE.fullmatch(token.text) is not None

    def _after_column(self, at: int) -> bool:
        """Token ``at`` follows a funds column label or a header title, only cell gaps between."""
        before = self.tokens[at - 1] if at else None
        if before is None or not _gap(self.text, before.end, self.tokens[at].start):
            return False
        if before.kind == "label" and before.name in FUND_COLUMN_NAMES:
            return True
        return at - 1 == self.last_title or (at > self.index and self._title_like(before))

    def _take_title(self, token: Token) -> None:
        """A header title cell: its column, by what the title says."""
        self.last_title = self.index
        self.fund_layout.add_title("上年结转" if token.name == "上年结转资金" else token.text)
        self.fund_anchor = token.end

    def _restart_header(self, token: Token) -> None:
        """Column words of a sentence before the form ("全年预算执行率为98.52%（…）。") are no columns of the header
        that follows it: a column label read after a sentence end, before any funds row, starts the header anew."""
        if self.form.funds or self.fund_anchor is None or not self.fund_layout.keys:
            self.fund_anchor = token.end
            return
        if _SENTENCE_END.search(self.text, self.fund_anchor, token.start):
            self.fund_layout = FundLayout()
            self.confirmed.discard("funds")
            self.run_kind, self.run_length = "funds", 1
        self.fund_anchor = token.end

    def _within_block(self, label: Token, bucket: list[Token]) -> list[Token]:
        """A row's tokens up to the report going on below the form: a line of a later row that is a heading of
        the report's outline or holds a clause ("二、资金使用情况 ⏎ 年中追加60.00万元，…") is no cell of it."""
        one_line = self.row_cells.get(label.row, 0) > 1  # the flattening kept the row on its line
        valued = False  # the label's line holds a figure of the row
        for at, token in enumerate(bucket):
            if token.row == label.row:
                valued = valued or (token.kind == "word" and token_value(token).number is not None)
                continue
            if valued and self._row_head(bucket, at):
                # "其他资金 | 30.00 | 34.00 ⏎ 按支出性质分：基本支出 | 742.30 | …": a line opening with a label this
                # vocabulary does not name is another row (or its group's heading), never more cells of this one
                if any(t.row == token.row and token_value(t).number is not None for t in bucket[at:]):
                    self.form.unread_rows.append(
                        token.text
                    )  # (no note: the form's scores are read as they were)
                return bucket[:at]
            if token.kind != "word":
                continue
            line_start = self.text.rfind("\n", 0, token.start) + 1
            line_end = self.text.find("\n", token.start)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            if (one_line and _CLAUSE_END.search(token.text)) or OUTLINE_HEADING.match(line):
                return bucket[:at]
        return bucket

    def _row_head(self, bucket: list[Token], at: int) -> bool:
        """Does bucket[at] open its line with words (no figure, no blank), a later line of the bucket?"""
        token = bucket[at]
        if bucket[at - 1].row == token.row or token.kind != "word" or token.is_blank:
            return False
        return token_value(token).number is None

    def _past_block(self, token: Token) -> bool:
        """Is a source's name read inside running text after the funds rows ("结余15.00万元，其中财政资金…" in a
        paragraph under the form): glued to the words before it, with a clause between it and the last row?"""
        if not self.form.funds or not token.glued_left:
            return False  # a label opening its cell is a row's, whatever a 原因 cell above it says
        return _CLAUSE_END.search(self.text, self.form.funds[-1].span[1], token.start) is not None

    def _fund_row(self, label: Token, bucket: list[Token]) -> None:
        while bucket and bucket[0].kind == "blank" and bucket[0].row != label.row:
            bucket = bucket[1:]  # the cell the label left when an export printed it on the line above
        bucket = self._within_block(label, bucket)
        first = self.fund_layout.first_cell
        # '|   | 年度资金总额 |   | 468.75 |' under '| 项目资金 |   |   | 年初预算数 |': label cells
        if first is not None:
            start = self.row_start[label.row]
            bucket = [
                t for t in bucket if not (t.row == label.row and t.kind == "blank" and t.cell - start < first)
            ]
        words = leading_values(cell_values(self.text, bucket, self.row_cells))
        name = label.name
        if any(row.label == name for row in self.form.funds):
            return
        if unaligned_row(self.text, self.row_cells, label, words):
            self.form.funds.append(FundRow(name, {}, True, (label.start, label.end)))
            self.form.notes.append(uncertain_fund_note(name, self.form.funds[-1]))
            return
        layout, form = self.fund_layout, self.form
        span = (label.start, max([w.end for w in words] + [label.end]))
        line = len(form.funds) + 1 if "line" in layout.keys else None  # a 行次 grid numbers its rows
        glued = touching(self.text, label, words)
        row = read_fund_row(name, trim_blanks(words), layout, form.fund(), span, form.execution_points,
                            glued=glued, line=line, money_unit=form.money_unit)  # fmt: skip
        # a cell under a title of no known meaning held its place; it states nothing the checks can use
        row.cells = {k: v for k, v in layout.as_written(row.cells).items() if not k.startswith(UNKNOWN)}
        row.uncertain = row.uncertain or layout.out_of_order()  # cells under columns pieced together: a doubt
        if set(row.cells) - {"line", "note"} or name == FUND_ROW_TOTAL or (row.uncertain and not row.cells):
            self.form.funds.append(row)
            if "note" in row.cells:  # a 原因 cell of the funds block is prose too
                self.form.prose.append((row.cells["note"].start, row.cells["note"].end))
        if row.uncertain:
            self.form.notes.append(uncertain_fund_note(name, row))

    def _unlabelled_row(self, bucket: list[Token]) -> bool:
        """ "年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分" then, on the next line, a row of bare
        numbers: a funds block that names no row (no 年度资金总额 cell) holds the project's total row only, right
        under its header. Read so only when the header is confirmed, no row has been read and the line opens with a
        number."""
        if self.form.funds or "funds" not in self.confirmed or not self.fund_layout.keys:
            return False
        row = [t for t in bucket if t.row == self.label_row + 1]
        if not row or row[0].kind != "word" or token_value(row[0]).number is None:
            return False
        first = row[0]
        self._fund_row(Token("label", "", first.start, first.start, first.row, first.cell, FUND_ROWS[0]), row)
        return bool(self.form.funds)


def _gap(text: str, start: int, end: int) -> bool:
    return text[start:end].strip(CELL_GAP) == ""
