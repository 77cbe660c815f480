"""Read every 自评表 in a report's text, whatever shape the flattening gave it, by the forms' own labels.

A walk over the token stream (``tokens``): header fields (项目名称, 主管部门, 实施单位, 填报单位), the funds block
(its columns, then each row label with the values after it, ``funds``), 年度总体目标, the indicator table (its
columns, then 一级/二级 labels and rows, ``indicators``), 总分 and 自评等级. A new 项目名称 or form title after a
form's content starts the next form, so a report holding one form per project yields them all. Labels that turn
up inside a narrative cell (预算资金 in "项目申请预算资金共…") are read as text there.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .fund_walk import OUTLINE_HEADING, FundWalk
from .funds import FundLayout
from .heads import (
    funds_header_at,
    header_cell_between,
    opens_line_under,
    paired_total,
    read_field,
    read_fund_block,
    read_money_unit,
    read_paired_cell,
    read_title,
    read_total,
)
from .indicators import IndicatorLayout
from .model import Form, Value
from .rows import (
    cells_per_row,
    finish_form,
    glued_right,
    is_grade_word,
    points_word,
    read_goal,
    stated_points,
)
from .soup import apply_soup, split_half, split_header, split_runs
from .table_rows import TablePlace, adopt_headerless, read_indicator_rows
from .tokens import Token, tokenize
from .values import parse_value
from .vocabulary import FUND_COLUMN_NAMES, FUND_ROW_NAMES, FUND_ROWS, GOALS, INDICATOR_COLUMN_NAMES

_HEADER_FIELDS = {"项目名称", "主管部门", "实施单位", "填报单位", "部门", "中央主管部门", "其他信息"}
_STARTS = {"自评表", "项目名称"}
_GOAL_NAMES = frozenset(label.name for label in GOALS)
_KEEP_IN_GOAL = INDICATOR_COLUMN_NAMES | {"一级", "二级", "自评表", "项目名称", "说明", "总分"}
_ENDS_GOAL = FUND_COLUMN_NAMES | _HEADER_FIELDS | {"资金块", "自评表"}
_KEEP_IN_INDICATORS = INDICATOR_COLUMN_NAMES | {"一级", "二级", "自评表", "项目名称", "说明", "总分", "等级"}
_SICHUAN_MARKS = ("调整后预算", "权重", "完成值", "未完成原因分析")
_SICHUAN_LABELS = {"全年预算数", "分值", "完成值", "偏差原因"}
_FORM_MODES = ("field", "funds", "goal", "indicators", "total", "grade")
_SHARED_COLUMNS = {"分值", "得分"}  # funds block and indicator table both have them
_FUND_MODES = ("none", "field", "funds")
_POINTS = re.compile(r"\((\d{1,3})分\)")
_NOTE_WEIGHTS = re.compile(r"(产出指标|效益指标|满意度指标|成本指标|预算(?:资金)?执行率)\s*(\d{1,3})\s*分")
_CLAUSE_MARKS = frozenset("，,。；;、")
_STALE_GAP = 400  # characters of text without a label after a table header that read no row


def read_forms(text: str) -> list[Form]:
    """Every 自评表 found in ``text`` (forms with neither funds nor indicators are dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _Reader(text, tokenize(text)).run()


class _Reader(FundWalk):
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.row_cells = cells_per_row(tokens)
        # each row's first cell number (cells are numbered through the text)
        self.row_start: dict[int, int] = {}
        # each row's first token index: the tokens a header label looks back at start there (not at the text's start)
        self.row_first: dict[int, int] = {}
        for at, token in enumerate(tokens):
            self.row_start.setdefault(token.row, token.cell)
            self.row_first.setdefault(token.row, at)
        self.forms: list[Form] = []
        self.form = Form()
        self._reset_layouts()

    def _reset_layouts(self) -> None:
        self.mode = "none"
        self.field: str | None = None
        self.field_label: Token | None = None
        self.fund_layout = FundLayout()
        self.table = TablePlace(IndicatorLayout())
        self.fund_label: Token | None = None
        self.bucket: list[Token] = []
        self.goal_cells: list[list[Token]] = []
        self.started_at: int | None = None
        self.sichuan_marks = False
        self.last_end = 0  # the end of the last token read as part of the form (cells not placed included)
        self.confirmed: set[str] = set()  # "funds" / "indicators": tables whose header row was seen
        self.run_kind, self.run_length = "", 0
        self.last_label = 0  # where the last label read ended
        self.label_row = -1  # the line of the last label read
        self.fund_queue: list[Token] = []  # row labels written one after another before their values
        self.fund_bare = False  # the current funds row label has had nothing after it yet
        self.table_from: int | None = None  # the token the indicator table starts at (soup reading)
        self.pairs: dict[str, Value] = {}  # funds cells written one label a line, each over its value
        self.pair_label: Token | None = None  # the funds column label last read (the next value's column)
        self.fund_anchor: int | None = None  # where the last funds column label read ended
        self.last_title = -1  # the last token read as a title cell of the funds header

    # --- the walk ---------------------------------------------------------------------------------------

    def run(self) -> list[Form]:
        for index, token in enumerate(self.tokens):
            self.index = index
            if self._after_total() and self._outline_heading(token):
                self._flush()  # "三、绩效目标完成情况分析" after the 总分 row: the report goes on, the form has ended
                self._close_form()
            if self._header_title(token):
                self._take_title(
                    token
                )  # '全年执行数 | 结余 | 执行率': a column the vocabulary has no label for
            elif token.kind == "label" and not self._demoted(token):
                self._flush()
                if glued_right(self.tokens, index):
                    self.run_kind, self.run_length = "", 0  # '年初目标值设定偏低': a word of a sentence
                else:
                    self._header_run(token)
                self._label(token)
            else:
                self.run_kind, self.run_length = "", 0
                self.bucket.append(token)
                if self.mode in _FORM_MODES:
                    self.last_end = max(self.last_end, token.end)
        self._flush()
        self.index = len(self.tokens)  # the last form ends with the text
        self._close_form()
        return self.forms

    def _after_total(self) -> bool:
        """Has the form read its rows and then its 总分 row (being read, or read)? A numbered line before it may be
        one of the form's own parts ("三、目标完成情况 年度预期目标 具体完成情况"), not the report going on."""
        return self._has_content() and (self.mode in ("total", "grade") or self.form.total is not None)

    def _outline_heading(self, token: Token) -> bool:
        """Is ``token`` the start of a line that is a heading of the report's own outline ("三、…分析": a Chinese
        numeral and 、 opening a short line with no cell separator or clause mark)? A form printed as a section
        of the report ends there; nothing of a form's own cells is written so."""
        if index := self.index:
            if self.tokens[index - 1].row == token.row:
                return False
        start = self.text.rfind("\n", 0, token.start) + 1
        end = self.text.find("\n", token.start)
        return OUTLINE_HEADING.match(self.text[start : end if end >= 0 else len(self.text)]) is not None

    def _lookback(self, token: Token) -> list[Token]:
        """The tokens before the current one that ``split_header``/``split_half`` read: from the first token of the
        line above (or the last three), not the whole text before it — a slice per label would make the walk
        quadratic in the report's length."""
        start = min(self.row_first.get(token.row - 1, self.index), max(0, self.index - 3))
        return self.tokens[start : self.index]

    def _header_run(self, token: Token) -> None:
        """Column labels in a row (nothing but blanks between them) make a table header; one column word in a
        sentence does not. A table is read only once its header is confirmed."""
        name = token.name
        kind = (
            "funds" if name in FUND_COLUMN_NAMES else "indicators" if name in INDICATOR_COLUMN_NAMES else ""
        )
        if kind == "funds" and name in _SHARED_COLUMNS and self.mode not in _FUND_MODES:
            kind = "indicators"
        if kind and kind == self.run_kind:
            self.run_length += 1
        else:
            self.run_kind, self.run_length = kind, 1 if kind else 0
        if self.run_length >= 2:
            self.confirmed.add(kind)

    def _demoted(self, token: Token) -> bool:
        """A label inside a cell of running text is read as text."""
        name = token.name
        if name == "自评表" and self.text[token.end : token.end + 1] in _CLAUSE_MARKS:
            return True  # '填报项目支出绩效自评表，按照…': the form named in a sentence, not its title
        if self.mode == "none" and token.glued_left and name not in _STARTS:
            return True  # a word in a sentence ("项目年初预算数合计…"), not a form's label
        if self.mode == "total" and name == "得分" and self._on_total_row(token):
            return True  # "总分 100 自评得分 96.68": the total row names its own 得分 cell, not a column
        if self.mode == "goal":  # a heading cell of its own ends the narrative; a word inside it does not
            return name not in _KEEP_IN_GOAL and (token.glued_left or name not in _ENDS_GOAL)
        if self.mode == "indicators":
            return name not in _KEEP_IN_INDICATORS
        if self.mode == "funds" and self.fund_label is not None and token.glued_left:
            return True  # inside a 原因 cell of the row being read
        if self.mode == "notes":
            return name not in _STARTS and name not in ("总分", "等级")
        if self.mode == "field" and (self.field == "其他信息" or token.glued_left):
            # inside a value cell ('车辆购置税收入补助地方资金…'), only another header field ends it, or the funds
            # table's header row ('自评总分(分)97.93年初预算数全年(调整)预算数…': two column labels in a row)
            return (
                name not in _HEADER_FIELDS
                and name not in _STARTS
                and name != "资金块"
                and not funds_header_at(self.text, self.tokens, self.index)
            )
        return False

    def _label(self, token: Token) -> None:
        name = token.name
        if name in _STARTS and self._has_content():
            self._close_form()
        elif (name in _STARTS or token.start - self.last_label > _STALE_GAP) and not self._has_content():
            # column words in prose before the form ('核对全年预算数…') or an old header no row followed: not its own
            self.fund_layout, self.table.layout = FundLayout(), IndicatorLayout()
            self.confirmed = set()
            if self.form.title is None or name == "自评表":  # (a title just read stays the form's start)
                self.started_at = None  # nor does the form start where they stood
        self.last_label, self.label_row = token.end, token.row
        if self.mode in _FORM_MODES or name in _STARTS:
            self.last_end = max(self.last_end, token.end)
        if any(mark in token.compact for mark in _SICHUAN_MARKS) and name in _SICHUAN_LABELS:
            self.sichuan_marks = self.sichuan_marks or not split_half(self._lookback(token), token)
        if self.started_at is None:  # the form's first line, title words too
            self.started_at = self.text.rfind("\n", 0, token.start) + 1
        if name == "自评表":
            read_title(self.form, self.text, token)
            self.mode, self.field = "field", None
        elif name in _HEADER_FIELDS:
            self.mode, self.field = "field", name
            self.field_label = token
        elif name == "资金块":
            self.mode = "funds"
            read_fund_block(self.form, token)
        elif (name in FUND_COLUMN_NAMES or name in _SHARED_COLUMNS) and self.mode in _FUND_MODES:
            self._restart_header(token)
            self.mode = "funds"
            if not self.fund_layout.keys and self.row_cells.get(token.row, 0) > 1:
                self.fund_layout.first_cell = token.cell - self.row_start[token.row]
            self.fund_layout.add(name, token.compact)
            self.pair_label = token
            self.form.score_formula = self.form.score_formula or self.fund_layout.score_formula
        elif name in FUND_ROW_NAMES and self._past_block(token):
            # '…，其中财政资金60.00万元': a sentence after the block
            self.mode, self.fund_label = "none", None
        elif (
            name in FUND_ROW_NAMES
            and self.mode in _FUND_MODES
            and header_cell_between(self.text, self.tokens, self.index)
        ):
            # '年初预算数 | 上年结转 | 全年预算数': a source named between two columns of the header is a column
            self.fund_layout.add("上年结转", token.compact)
        elif name in FUND_ROW_NAMES and (self.fund_layout.keys or self.mode == "funds"):
            if self.fund_label is not None and self.fund_bare and self.fund_label.row == token.row:
                self.fund_queue.append(self.fund_label)  # '年度资金总额 其中:当年财政拨款 … 65.66 65.07 …'
            else:
                self.fund_queue = []
            self.mode, self.fund_label, self.fund_bare = "funds", token, True
        elif name in _GOAL_NAMES:
            self.mode = "goal"
        elif name in INDICATOR_COLUMN_NAMES:
            self.table_from = self.index if self.table_from is None else self.table_from
            self.mode = "indicators"
            if name == "绩效指标":
                self._weights(token, "绩效指标")
            self.table.layout.add(*split_header(self._lookback(token), token))
        elif name == "一级":
            self.mode = "indicators"
            self.table.level1 = _POINTS.sub("", token.compact)
            self.table.level2 = ""
            self.table.heading_rows = {"level1": token.row}
            self._weights(token, self.table.level1)
        elif name == "二级":
            self.mode = "indicators"
            self.table.level2 = _POINTS.sub("", token.compact)
            self.table.heading_rows["level2"] = token.row
        elif (
            name == "总分"
            and self.mode == "funds"
            and "funds" in self.confirmed
            and not self.form.funds
            and opens_line_under(self.tokens, self.index, self.row_first)
        ):
            # '年度资金总额 | 全年预算数 | … ⏎ 合计 | 250 | …': 合计 right under the funds header is its total row
            self.mode, self.fund_label, self.fund_bare = "funds", replace(token, label=FUND_ROWS[0]), True
        elif name == "总分":
            self.mode = "total"
        elif name == "等级":
            self.mode = "grade"
        elif name == "说明" and self._closes_header():
            self.table.layout.add("偏差原因")  # '…指标得分(分)说明': the 重庆 table's last column, not a note
        elif name == "说明":
            self.mode = "notes"
            self.bucket.append(token)

    def _on_total_row(self, token: Token) -> bool:
        """Is ``token`` on the 总分 row, after the row's first number (its 分值)?"""
        return bool(self.bucket) and "\n" not in self.text[self.bucket[-1].end : token.start]

    def _closes_header(self) -> bool:
        """A label right after the indicator table's column labels (nothing between) is one more column."""
        before = self.tokens[self.index - 1] if self.index else None
        return (
            self.mode == "indicators"
            and before is not None
            and before.kind == "label"
            and before.name in INDICATOR_COLUMN_NAMES
            and self.text[before.end : self.tokens[self.index].start].strip() == ""
        )

    def _flush(self) -> None:
        """Give the tokens collected since the last label to the part of the form they belong to."""
        bucket, self.bucket = self.bucket, []
        if self.mode == "field":
            words = [t for t in bucket if t.kind != "blank"]
            key, label = self.field, self.field_label
            if key == "其他信息" and label is not None:
                read_money_unit(self.form, label, words)
            if (
                key is not None
                and key != "其他信息"
                and label is not None
                and read_field(self.form, key, label, words, self.row_cells)
            ):
                self.field = None
        elif self.mode == "funds" and self.fund_label is None and self._unlabelled_row(bucket):
            pass
        elif (
            self.mode == "funds"
            and self.fund_label is None
            and "funds" not in self.confirmed
            and not self.form.funds
            and read_paired_cell(self.pairs, self.pair_label, bucket, self.form.title is not None)
        ):
            pass
        elif self.mode == "funds" and self.fund_label is None and self.form.execution_points is None:
            self.form.execution_points = points_word(
                bucket
            )  # '预算执行情况(万元)' / '(20分)' on the next line
        elif self.mode == "funds" and self.fund_label is not None:
            self.fund_bare = self.fund_bare and not bucket
            if not any(t.kind == "word" for t in bucket) or not self.fund_layout.keys:
                return  # the row's values come later (after its columns, in a spreadsheet's text export)
            if "funds" not in self.confirmed:
                self.fund_label = None  # a sentence that names 资金总额, not a table's row
                return
            labels, self.fund_queue = [*self.fund_queue, self.fund_label], []
            runs = split_runs(bucket, len(labels), len(self.fund_layout.keys)) if labels[1:] else [bucket]
            for label, run in zip(labels, runs or [], strict=False):  # none: which values are whose?
                self._fund_row(label, run)
            if runs is None:
                self.form.notes.append(f"资金表「{'、'.join(t.text for t in labels)}」各行数值分不清（存疑）")
            self.fund_label = None
        elif self.mode == "goal":
            read_goal(self.form, bucket)
        elif self.mode == "indicators":
            adopt_headerless(self.form, self.text, bucket, self.table, self.row_cells, self.confirmed)
            if self.table.layout.ready and bucket and "indicators" in self.confirmed:
                read_indicator_rows(self.form, self.text, bucket, self.table, self.row_cells)
        elif self.mode == "total":
            if self.confirmed:  # not "总分实行百分制…" in a method section
                read_total(self.form, bucket)
            self.mode = "none"
        elif self.mode == "grade":
            words = [t for t in bucket if t.kind == "word"]
            grades = [t for t in words if is_grade_word(t.text)]
            if grades:
                self.form.grade = parse_value(grades[0].text, grades[0].start, grades[0].end)
            if (
                words
            ):  # a 等级 column header followed by a row ("1 | 某项目 | … | 良"): its grade, not its 序号
                self.mode = "none"
        elif self.mode == "notes":
            note = self.text[bucket[0].start : bucket[-1].end] if bucket else ""
            for match in _NOTE_WEIGHTS.finditer(note):
                self.form.note_weights.setdefault(match.group(1), Decimal(match.group(2)))

    # --- parts --------------------------------------------------------------------------------------------

    def _has_content(self) -> bool:
        return bool(self.form.funds or self.form.indicators or self.form.name)

    def _close_form(self) -> None:
        form = self.form
        if self.table_from is not None:
            apply_soup(form, self.tokens[self.table_from : self.index])
        if not form.funds and (paired := paired_total(self.pairs)) is not None:
            form.funds.append(paired)
        if form.funds or form.indicators:
            finish_form(form, self.text, self.started_at, self.last_end, self.sichuan_marks)
            self.forms.append(form)
        self.form = Form()
        self._reset_layouts()

    def _weights(self, token: Token, name: str) -> None:
        points = stated_points(token)
        if points is not None:
            self.form.level1_points[name] = points
