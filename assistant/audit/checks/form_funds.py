"""Part of ``checks.form``: the money rows of a 自评表 — each row's 执行率 and 到位率 against its amounts, the
执行率得分 against 分值 × 执行率 (a score that follows the rate as written, where the amounts give another, is that
rate's slip, told once by RATE_MISMATCH), the 年度资金总额 row against the sum of its 其中 rows (a lone 其中 row short of the
total in every column names one source, not the breakdown: ``text_form_funds.one_component``).
"""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.funds import UNKNOWN
from assistant.forms.model import FundRow, Value
from assistant.numbers.precision import agrees, shown

from ..cues import cues
from ..findings import Finding
from .form_checker import HUNDRED, FormChecker, execution_rate, plain
from .text_form_funds import one_component

_CUES = cues(__name__)
_UNITS = frozenset({"元", "万元"})
_LOW, _HIGH = Decimal("0.3"), Decimal("1.2")  # "of one size", as ``text_odd_unit`` reads it
_ODD_AMONG = 3  # amounts a row must write for one odd unit among them to be a slip (two: either may be)
_MONEY = (("budget_initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


class FundChecks(FormChecker):
    """The money rows: RATE_MISMATCH, SCORE_MISMATCH (执行率得分), TOTAL_MISMATCH (其中 rows)."""

    def funds(self) -> list[Finding]:
        findings = []
        total = self.form.fund()
        for row in self.form.funds:
            if row is not total and total is not None and _copies(row, total):
                continue  # "其中:中央财政补助50万元47.6895.00%" under the same total row: one slip, told once
            findings += self._rates(row) + self._balance(row) + self._odd_unit(row)
        if total is not None:
            findings += self._execution_score(_scored(self.form.funds, total)) + self._sources(total)
        return findings

    def _rates(self, row: FundRow) -> list[Finding]:
        findings = []
        for key, top, label in (("rate", "executed", "执行率"), ("available_rate", "available", "到位率")):
            stated = row.cells.get(key)
            bottom = row.number("budget_net") if "budget_net" in row.cells else row.number("budget")
            if stated is None or stated.number is None or bottom is None or row.number(top) is None:
                continue
            if bottom == 0:
                continue  # 0/0: printed as 100% or 0%, either way nothing to check
            truth = row.number(top) / bottom * HUNDRED  # type: ignore[operator]
            written = stated.number if stated.percent or stated.number > 2 else stated.number * HUNDRED
            places = stated.places if stated.percent or stated.number > 2 else max(stated.places - 2, 0)
            if agrees(written, places, truth):
                continue
            findings.append(
                self._finding(
                    "RATE_MISMATCH",
                    f"自评表「{self.name}」{row.label}行的{label}应为 {shown(truth, max(places, 2))}%"
                    f"（{shown(row.number(top), 6).rstrip('0').rstrip('.')} ÷ {plain(bottom)}），表中写作 {stated.text}",  # type: ignore[arg-type]
                    _row_through(row, stated),
                    f"{shown(truth, 2)}%",
                    stated.text,
                    uncertain=row.uncertain,
                )
            )
        return findings

    def _odd_unit(self, row: FundRow) -> list[Finding]:
        """One amount cell of the row written in 元 among cells in 万元 (or the reverse), of their size ("全年预算数
        1,286.00万元 全年执行数1,208.84元"): read as written the row spends a ten-thousandth of its budget, so the unit
        is the slip. An error when the row's 执行率 agrees with the figures as written (the rate proves them), a doubt
        when the row states none."""
        money = [row.cells[k] for k, _ in _MONEY if k in row.cells and row.cells[k].unit in _UNITS]
        units = [v.unit for v in money]
        odd = [v for v in money if units.count(v.unit) == 1]
        if len(set(units)) != 2 or len(odd) != 1 or len(money) < _ODD_AMONG or self._rates(row):
            return []  # a rate the figures do not give is that slip, told by RATE_MISMATCH
        cell = odd[0]
        rest = [v.number for v in money if v is not cell and v.number]
        if cell.number is None or not all(_LOW * n <= cell.number <= _HIGH * n for n in rest):
            return []  # sizes apart: the row may mean what it writes
        other = next(u for u in units if u != cell.unit)
        raw = cell.text.removesuffix(cell.unit or "")
        rated = "rate" in row.cells
        proof = f"执行率 {row.cells['rate'].text} 与数字相符，" if rated else "数值相当，"
        return [
            self._finding(
                "UNIT_SUSPECT",
                f"自评表「{self.name}」{row.label}行其他金额均以{other}填写，{proof}{cell.text} 单位疑为{other}",
                _row_through(row, cell),
                f"{raw}{other}",
                cell.text,
                uncertain=row.uncertain or not rated,
                quoted=(cell.start, cell.end),
            )
        ]

    def _balance(self, row: FundRow) -> list[Finding]:
        """A 结余 column against 预算数 − 执行数, at the precision written. The 全年 budget is its base (or that plus 上年结转,
        the money arrived; the 年初 budget where no 全年 one is written); the finding is an error only when the row's 执行率 confirms
        its budget and executed cells and no column of unknown meaning stands beside them, else a doubt."""
        stated, executed = row.cells.get("balance"), row.number("executed")
        if stated is None or stated.number is None or executed is None:
            return []
        budgets = [row.number(k) for k in ("budget_net", "budget", "available")]
        if not any(budgets):
            budgets = [row.number("budget_initial")]  # no 全年 budget written: the 年初 one is the row's
        carried = row.number("carried")
        bases = [b for b in budgets if b is not None] + [b + carried for b in budgets if b and carried]
        if not bases or any(agrees(stated.number, stated.places, b - executed) for b in bases):
            return []
        base = bases[0]
        truth = base - executed
        confirmed = not self._rates(row) and "rate" in row.cells and not _unknown(row)
        return [
            self._finding(
                "REMAINDER_MISMATCH",
                f"自评表「{self.name}」{row.label}行的结余应为 {plain(base)} − {row.cells['executed'].text} = "
                f"{shown(truth, max(stated.places, 2))}，表中写作 {stated.text}",
                _row_through(row, stated),
                shown(truth, max(stated.places, 2)),
                stated.text,
                uncertain=row.uncertain or not confirmed,
            )
        ]

    def _execution_score(self, total: FundRow) -> list[Finding]:
        score = total.cells.get("score")
        points = total.number("points") or self.form.execution_points
        rate = execution_rate(total)
        if score is None or score.number is None or points is None or rate is None:
            return []
        truth = points * min(rate, HUNDRED) / HUNDRED
        if agrees(score.number, score.places, truth):
            return []
        written = total.cells.get("rate")
        if (
            written is not None
            and written.percent
            and written.number is not None
            and agrees(score.number, score.places, points * min(written.number, HUNDRED) / HUNDRED)
        ):
            # "78.35% | 7.84": the score taken from the rate as the form writes it, right at its precision
            # (10 × 78.35% = 7.835), not from the amounts' 78.3499 %; and a rate the amounts do not give
            # ("125.86/136.50 | 95.21% | 9.52"): the score follows the rate, one slip that RATE_MISMATCH tells
            return []
        return [
            self._finding(
                "SCORE_MISMATCH",
                f"自评表「{self.name}」预算执行率得分应为 {plain(points)} × {shown(min(rate, HUNDRED), 2)}% = "
                f"{shown(truth, 2)} 分，表中写作 {score.text}{self.rule_note}",
                (score.start, score.end),
                f"{shown(truth, 2)}分",
                score.text,
                uncertain=total.uncertain
                or (self.rule_assumed and not (self.form.score_formula and rate <= HUNDRED)),
            )
        ]

    def _sources(self, total: FundRow) -> list[Finding]:
        """The 年度资金总额 row against the sum of its 其中 rows: one finding for the row, naming each column, its
        span from the first wrong total through the last part of the wrong columns (the sum disagrees: which cell
        is wrong the form does not say)."""
        rows = [row for row in self.form.sources if not self._label_value(row)]
        pairs = [
            [(row.number(key), total.number(key)) for key, _ in _MONEY if row.number(key) is not None]
            for row in rows
        ]
        if one_component([[(p, w) for p, w in row if w is not None] for row in pairs if row]):
            return []
        wrong: list[tuple[str, Value, str, Decimal]] = []
        end = 0
        for key, label in _MONEY:
            whole = total.cells.get(key)
            parts = [row.number(key) for row in rows if row.number(key) is not None]
            if whole is None or whole.number is None or not parts:
                continue
            summed = sum(parts, Decimal(0))  # type: ignore[arg-type]
            places = max([whole.places] + [row.cells[key].places for row in rows if key in row.cells])
            if not agrees(whole.number, places, summed):
                wrong.append((label, whole, " + ".join(plain(p) for p in parts), summed))  # type: ignore[arg-type]
                # the sum disagrees, not one named cell: the finding spans the column's cells, total to last part
                end = max([end] + [row.cells[key].end for row in rows if key in row.cells])
        if not wrong:
            return []
        said = "；".join(
            f"{label}为 {whole.text}，其中各行合计 {listed} = {plain(summed)}"
            for label, whole, listed, summed in wrong
        )
        return [
            self._finding(
                "TOTAL_MISMATCH",
                f"自评表「{self.name}」年度资金总额的{said}",
                (wrong[0][1].start, end),
                "、".join(plain(summed) for *_, summed in wrong),
                "、".join(whole.text for _, whole, *_ in wrong),
                # a row the reader could not name ("按支出性质分：基本支出 | 742.30 | …") may be a part, or another breakdown
                uncertain=total.uncertain or any(r.uncertain for r in rows) or bool(self.form.unread_rows),
            )
        ]

    def _label_value(self, row: FundRow) -> bool:
        """ "其他资金:585.62": one amount joined to its label by a colon is an entry of a label:value list
        (a department form's 按收入性质分 block), not cells under the funds block's columns: which column it
        fills the form does not say, so it is no part of any column's sum."""
        money = [key for key, _ in _MONEY if key in row.cells]
        written = self.ctx.doc.text[row.span[0] : row.span[1]]
        return len(money) == 1 and _CUES.label_value.fullmatch(written) is not None


def _scored(rows: list[FundRow], total: FundRow) -> FundRow:
    """The row that carries the 执行率得分: the total's own, else the one 其中 row scored in its stead (重庆's
    department form scores 其中:财政拨款 | … | 96.85 | 10.00 | 9.68 under a 年度总金额 row with no rate)."""
    if "score" in total.cells:
        return total
    scored = [row for row in rows if "score" in row.cells]
    return scored[0] if len(scored) == 1 else total


def _unknown(row: FundRow) -> bool:
    """Does the row hold cells beside its amounts that could move money (上年结转, 调整数, a column of unknown title)?"""
    return any(k in ("carried", "adjustment") or k.startswith(UNKNOWN) for k in row.cells)


def _copies(row: FundRow, total: FundRow) -> bool:
    """A 其中 row that repeats its total's cells, figure for figure (the whole money from one source)."""
    figures = {k: v.number for k, v in row.cells.items()}
    return bool(figures) and figures == {k: v.number for k, v in total.cells.items()}


def _row_through(row: FundRow, cell: Value) -> tuple[int, int]:
    """The span a row's finding points at: from the row's label to the wrong cell, so that the reader sees which
    row (a bare "0" among a form's cells says nothing by itself)."""
    start = row.span[0] if row.span != (0, 0) and row.span[0] <= cell.start else cell.start
    return start, cell.end
