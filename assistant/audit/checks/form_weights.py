"""Part of ``checks.form``: the 分值 of a 自评表 — the indicators under each 一级指标 heading against its (N分),
the headings with the execution item against 总分's 分值, every row's 分值 against 总分, the form's own note
(注：产出指标50分…) against the headings.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.model import Form, FormIndicator

from ..findings import Finding
from .form_checker import HUNDRED, FormChecker, plain


class WeightChecks(FormChecker):
    """The 分值 (WEIGHT_MISMATCH)."""

    def weights(self) -> list[Finding]:
        form, findings = self.form, []
        scored = [i for i in form.indicators if i.points is not None and i.points.number is not None]
        for level, stated in form.level1_points.items():
            mine = [i for i in scored if i.level1 == level]
            if level == "绩效指标":
                mine = scored
            if not mine or stated.number is None or not _complete(form, mine):
                continue
            summed = sum((i.points.number for i in mine), Decimal(0))  # type: ignore[union-attr,misc]
            # Above the heading: the rows cannot fit under it. Below: a copy cut before the heading's last rows
            # reads short too, so only a form whose rows make up its whole 总分 says so, and as a warning.
            if summed > stated.number or (summed < stated.number and self._rows_make_the_whole(scored)):
                findings.append(
                    self._finding(
                        "WEIGHT_MISMATCH",
                        f"自评表「{self.name}」{level}标注 {stated.text} 分，其下各指标分值合计 {plain(summed)}分",
                        (stated.start, stated.end),
                        f"{stated.text}分",
                        f"{plain(summed)}分",
                        uncertain=summed < stated.number,
                    )
                )
        findings += self._weights_total(scored) + self._levels_total()
        for level, noted in form.note_weights.items():
            stated = form.level1_points.get(level)
            if stated is not None and stated.number is not None and stated.number != noted:
                findings.append(
                    self._finding(
                        "WEIGHT_MISMATCH",
                        f"自评表「{self.name}」的填表说明规定{level} {plain(noted)} 分，表中标注 {stated.text} 分",
                        (stated.start, stated.end),
                        plain(noted),
                        stated.text,
                    )
                )
        return findings

    def _levels_total(self) -> list[Finding]:
        """The 一级指标 headings' points with the execution item's make up the 总分 分值 (a form with its 总分 row,
        or with all three national headings: a copy cut before its last headings proves nothing short, but
        headings that already pass the 总分 do: more headings only add to them)."""
        form = self.form
        levels = [(k, v) for k, v in form.level1_points.items() if k != "绩效指标" and v.number is not None]
        names = {k for k, _ in levels}
        whole_set = {
            "产出指标",
            "效益指标",
            "满意度指标",
        } <= names  # every national heading: nothing cut after
        pair = {"产出指标", "效益指标"} <= names or {"项目产出", "项目效益"} <= names
        if not whole_set and not pair:
            return []
        execution = self._execution_points_and_score()
        # no funds row read: the funds block's heading ('预算执行情况（20分）') still states the item's points
        points = execution[0] if execution is not None else form.execution_points
        stated = form.total_points.number if form.total_points is not None else None
        ceiling = stated if stated is not None else HUNDRED
        four = "项目决策" in names and bool({"项目管理", "项目过程"} & names)
        if four:
            # the four-part framework (决策, 管理/过程, 产出, 效益): 满意度 is a part of 效益, the 执行率 of 管理
            whole = sum((v.number for _, v in levels), Decimal(0))  # type: ignore[misc]
            levels = [(k, v) for k, v in levels if k != "满意度指标"]
            points = None
        summed = sum((v.number for _, v in levels), points or Decimal(0))  # type: ignore[misc]
        if summed == ceiling or (points is None and summed + 10 == ceiling and not four):
            return []  # an execution item the form does not state takes the rest
        if not whole_set and form.total is None and summed < ceiling:
            return []  # a copy cut before its last headings
        if four and whole == ceiling:
            return []  # 满意度 written as a level of its own
        parts = "＋".join(f"{k}{v.text}" for k, v in levels) + (f"＋执行率{plain(points)}" if points else "")
        where = (min(v.start for _, v in levels), max(v.end for _, v in levels))
        return [
            self._finding(
                "WEIGHT_MISMATCH",
                f"自评表「{self.name}」各一级指标分值 {parts} ＝ {plain(summed)}分，不等于总分 {plain(ceiling)}分",
                where,
                f"{plain(ceiling)}分",
                f"{plain(summed)}分",
                uncertain=(points is None and not four) or form.total is None,  # no 总分 row: 100 is the rule
            )
        ]

    def _rows_make_the_whole(self, scored: list[FormIndicator]) -> bool:
        """Do the indicator 分值 read, with the execution item, add up to the form's 总分 分值 (every row read)?"""
        execution = self._execution_points_and_score()
        ceiling = self.form.total_points
        if execution is None or ceiling is None or ceiling.number is None:
            return False
        return sum((i.points.number for i in scored), execution[0]) == ceiling.number  # type: ignore[union-attr,misc]

    def _weights_total(self, scored: list[FormIndicator]) -> list[Finding]:
        form = self.form
        execution = self._execution_points_and_score()
        ceiling = form.total_points
        if not scored or execution is None or ceiling is None or ceiling.number is None or form.notes:
            return []
        summed = sum((i.points.number for i in scored), Decimal(0)) + execution[0]  # type: ignore[union-attr,misc]
        if summed == ceiling.number:
            return []
        return [
            self._finding(
                "WEIGHT_MISMATCH",
                f"自评表「{self.name}」各指标分值合计加预算执行率分值 {plain(execution[0])} 为 {plain(summed)} 分，"
                f"与总分分值 {ceiling.text} 不符",
                (ceiling.start, ceiling.end),
                plain(summed),
                ceiling.text,
                # the standard 总分 over points that fall short: the filed points are incomplete (a warning),
                # not a figure the report contradicts
                uncertain=summed < ceiling.number and ceiling.number == self.ctx.ref.rules.weights.total,
            )
        ]


def _complete(form: Form, indicators: list[FormIndicator]) -> bool:
    return not form.notes and all(i.points is not None for i in indicators)
