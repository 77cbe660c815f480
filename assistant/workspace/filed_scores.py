"""The officer's filed scores beside the rule's: each difference is a finding, and the officer chooses which stands.

A 自评表 already handed in states 得分 per indicator and a 总分; the scoring core computes its own (with a trace).
Where they differ at the precision the officer wrote, ``score_mismatches`` reports a SCORE_MISMATCH on the data
with the rule's formula. ``keep_filed`` marks the indicator so the core uses the filed score (采用填报得分);
``use_computed`` writes the rule's score into the form's field. Both are ordinary edits (diff, undo).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.audit import Finding
from assistant.errors import InputError
from assistant.models import Case
from assistant.scoring import UnitScore, fmt
from assistant.workspace.codec import case_data
from assistant.workspace.edits import Edit

CODE = "SCORE_MISMATCH"
DATA_SECTION = "数据（自评表）"  # where its findings are: the 自评表 data, not the report text


@dataclass(frozen=True)
class ScoreMismatch:
    """A filed score that the rules do not give: for an indicator (``indicator`` set) or a project's 总分."""

    project: int
    indicator: int | None
    project_name: str
    indicator_name: str | None
    filed: Decimal
    computed: Decimal
    how: str  # the rule and its formula

    @property
    def key(self) -> str:
        return (
            f"p{self.project}.i{self.indicator}" if self.indicator is not None else f"p{self.project}.total"
        )

    @property
    def label(self) -> str:
        what = f"指标「{self.indicator_name}」" if self.indicator_name else "总分"
        return f"{self.project_name} · {what}：自评表 {fmt(self.filed)}，按规则 {fmt(self.computed)}"

    def finding(self) -> Finding:
        what = f"指标「{self.indicator_name}」得分" if self.indicator_name else "总分"
        return Finding(
            code=CODE,
            message=(
                f"「{self.project_name}」{what}：自评表填报 {fmt(self.filed)} 分，按规则计算为 {fmt(self.computed)} 分"
                f"（{self.how}）；请选择以哪个为准"
            ),
            quote=f"自评表：「{self.project_name}」{what} {fmt(self.filed)}",
            severity="warning",
            section=DATA_SECTION,
            project=self.project_name,
            expected=fmt(self.computed),
            found=fmt(self.filed),
        )


def _differs(filed: Decimal, computed: Decimal, unit: UnitScore) -> bool:
    places = max(0, -filed.as_tuple().exponent)  # type: ignore[operator]
    return unit.ruleset.round_at(computed, places) != filed


def score_mismatches(unit: UnitScore) -> list[ScoreMismatch]:
    """Every filed score the rules disagree with, indicators first within each project."""
    found: list[ScoreMismatch] = []
    for p, ps in enumerate(unit.projects):
        name = ps.project.name
        for k, s in enumerate(ps.indicators):
            ind = s.indicator
            if ind.is_qualitative or ind.score is None or ind.score_kept or s.rule_score is None:
                continue
            if _differs(ind.score, s.rule_score, unit):
                how = f"{s.trace.rule}：{s.trace.formula}"
                found.append(ScoreMismatch(p, k, name, ind.name, ind.score, s.rule_score, how))
        filed = ps.project.self_score
        if ps.score_source == "indicators" and filed is not None and ps.score is not None:
            if _differs(filed, ps.score, unit):
                parts = " + ".join([fmt(ps.rate_score), *(fmt(s.score) for s in ps.indicators)])
                how = f"预算执行率得分 + 各指标得分：{parts} = {fmt(ps.score)}"
                found.append(ScoreMismatch(p, None, name, None, filed, ps.score, how))
    return found


def find(unit: UnitScore, key: str) -> ScoreMismatch:
    for mismatch in score_mismatches(unit):
        if mismatch.key == key:
            return mismatch
    raise InputError.single("这一项自评表得分与计算得分已经一致（或已选择过），请刷新后再看")


def keep_filed(case: Case, unit: UnitScore, key: str) -> Edit:
    """The filed score stands: the indicator is scored as filed; a 总分 cannot stand against its own parts."""
    mismatch = find(unit, key)
    if mismatch.indicator is None:
        raise InputError.single(
            f"「{mismatch.project_name}」的总分由预算执行率得分与各指标得分相加，不能单独保留 {fmt(mismatch.filed)} 分："
            "请先在各指标上选择以哪个得分为准；各指标确定后总分仍不一致的，请选“以计算为准”"
        )
    data = case_data(case)
    data["项目"][mismatch.project]["绩效指标"][mismatch.indicator]["采用填报得分"] = True
    description = (
        f"「{mismatch.project_name}」指标「{mismatch.indicator_name}」以自评表为准：得分 {fmt(mismatch.filed)} 分"
        f"（按规则为 {fmt(mismatch.computed)} 分）"
    )
    return Edit(data, description, mismatch.label, kind="score")


def use_computed(case: Case, unit: UnitScore, key: str) -> Edit:
    """The rule's score stands: it is written into the form's 得分 (or 自评得分) field."""
    mismatch = find(unit, key)
    data = case_data(case)
    node = data["项目"][mismatch.project]
    if mismatch.indicator is None:
        node["自评得分"] = fmt(mismatch.computed)
        what = "总分"
    else:
        node["绩效指标"][mismatch.indicator]["得分"] = fmt(mismatch.computed)
        what = f"指标「{mismatch.indicator_name}」得分"
    description = (
        f"「{mismatch.project_name}」{what}以计算为准：{fmt(mismatch.filed)} → {fmt(mismatch.computed)}"
    )
    return Edit(data, description, mismatch.label, kind="score")
