"""The template drafter's sentence writer: fills ``{{slots}}`` from the fact sheet and builds the clauses
every section shares (a project's money, an indicator's result, lists of names, placeholders).

Writing rules the audit relies on, kept here so every section follows them:

- a sentence stating a project's number names the project, or follows its full name in the same paragraph
  (the audit attributes "该项目…" sentences to the project named earlier in the paragraph);
- 口径 words: 年初预算数, 全年预算数, 全年执行数, 预算执行率, 未执行资金, 自评得分, 等级; unit totals say 合计;
- an indicator's numbers follow its quoted name; a score of an indicator is followed by its 分值;
- counts of projects are fact-sheet counts (never the size of a group the template chose);
- a fact the officer must supply is a visible 【待补充：…】 marker naming it; what the data only hints at
  goes into a 【待核实：…】 marker as a suggestion, never into the prose as a fact.

The sections live in ``template_basics``, ``template_analysis`` and ``template_closing``, the attached tables in
``template_tables``; ``template`` dispatches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.drafting.passages import Passages
from assistant.facts import FactSheet
from assistant.placeholders import placeholder
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore

M = "{{unit.money_unit}}"
_SOURCE_ROWS = ("appropriation", "carry_over", "other")
NATIONAL_BASIS = "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）"
LEVEL1_WORDS = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意度"}
_NEGATIVE = ("≤", "<")
# A clause of an officer's 实际完成值 that says what fell short ("个别学校档案整理不够规范").
_SHORTFALL = re.compile(
    r"不够|不足|偏少|偏低|较少|较低|未能|尚未|未完全|有待|欠缺|滞后|不到位|不规范|个别|部分|仍存在|仍有"
)
_CLAUSES = re.compile(r"[；;，,。]|但是?|然而")
# Clauses of an officer's 实际完成情况 that hint at why money was left ("第四季度签约服务费…未拨付").
_UNSPENT_HINT = re.compile(r"未拨付|未支付|待拨付|待支付|尚未支付|结余|结转|未支出|顺延|延期|滞后|验收")


def sentence(text: str) -> str:
    """The officer's text (or a marker) as a sentence: closed with 。 unless it already ends one."""
    text = text.strip()
    return text if text.endswith(("。", "！", "？")) else text + "。"


class Writer:
    """Fills templates from the fact sheet; ``p``/``i`` in a template mean the current project/indicator."""

    def __init__(self, unit: UnitScore, facts: FactSheet, passages: Passages | None = None) -> None:
        self.unit = unit
        self.facts = facts
        self.rules = unit.ruleset
        # What the report says so far: sentences with more than one frame take one that repeats none of it.
        self.passages = passages or Passages(ps.project.name for ps in unit.projects)
        # Officer texts of indicators a grouped sentence has already given ("p2.i1.target"): not restated.
        self.told: set[str] = set()
        # A deviating indicator's detail as written (frame 0) → the project whose paragraph stated it first: a
        # project with the very same result may refer to it where stating it again would repeat a passage.
        self.details: dict[str, ProjectScore] = {}

    # --- slots ---------------------------------------------------------------------------------------

    def fill(self, text: str, ps: ProjectScore | None = None, k: int | None = None) -> str:
        return self.facts.fill(text, self._scope(ps, k))

    def has(self, key: str, ps: ProjectScore | None = None, k: int | None = None) -> bool:
        return self.facts.resolve(key, self._scope(ps, k)) in self.facts

    def get(self, key: str, ps: ProjectScore | None = None, k: int | None = None) -> str | None:
        return self.facts.get(self.facts.resolve(key, self._scope(ps, k)))

    def _scope(self, ps: ProjectScore | None, k: int | None) -> Mapping[str, str]:
        if ps is None:
            return {}
        key = self.facts.key_of(ps)
        return {"p": key, "i": f"{key}.i{k}"} if k else {"p": key}

    # --- who -----------------------------------------------------------------------------------------

    @property
    def single(self) -> bool:
        return len(self.unit.projects) == 1

    def names(self, projects: Iterable[ProjectScore]) -> str:
        """Full names in a list joined by 、; when a name itself contains 、 every name is quoted (“A”、“B”),
        its own double quotes turned single, so the reader sees where each name ends."""
        return "、".join(self._listed([self.fill("{{p.name}}", ps) for ps in projects]))

    def labels(self, projects: Iterable[ProjectScore]) -> str:
        """Names as the subject of a sentence: "A项目", "A和B项目", "A、B和C项目"."""
        chosen = list(projects)
        if len(chosen) == 1:
            return self.fill("{{p.label}}", chosen[0])
        names = self._listed([self.fill("{{p.name}}", ps) for ps in chosen])
        return "、".join(names[:-1]) + "和" + names[-1] + "项目"

    @staticmethod
    def _listed(names: list[str]) -> list[str]:
        if not any("、" in name for name in names):
            return names
        return ["“" + name.replace("“", "‘").replace("”", "’") + "”" for name in names]

    def basis(self) -> str:
        if self.rules.id == "national_2020":
            return f"按照{NATIONAL_BASIS}有关单位自评的规定"
        return "按照项目支出绩效自评有关规定"

    # --- money ---------------------------------------------------------------------------------------

    def fully_executed(self, ps: ProjectScore) -> bool:
        return ps.project.budget > 0 and ps.project.executed == ps.project.budget

    def adjusted(self, ps: ProjectScore) -> bool:
        p = ps.project
        return p.budget_initial is not None and p.budget_initial != p.budget

    def rate_deviates(self, ps: ProjectScore) -> bool:
        """Execution below the rule set's threshold: the rule set's own decision, as the scorer and audit ask it."""
        return self.rules.rate_needs_explanation(ps.rate)

    def budget_clause(self, ps: ProjectScore, frame: int = 0) -> str:
        """年初/全年预算数 of a project, with the adjustment when there was one (slots, unfilled); ``frame``
        1 words the adjustment the other way ("经年中调整")."""
        p = ps.project
        if not self.adjusted(ps):
            return "全年预算数{{p.budget}}" + M
        if p.budget_initial == 0:
            how = "，经年中追加，" if frame % 2 else "，年中追加后"
            return "年初未安排预算" + how + "全年预算数{{p.budget}}" + M
        how = "，经年中调整，全年预算数" if frame % 2 else "，年中调整为全年预算数"
        return "年初预算数{{p.budget_initial}}" + M + how + "{{p.budget}}" + M

    def sole_source(self, ps: ProjectScore) -> str | None:
        """The one source all of a project's money comes from ("当年财政拨款"): a split with one row holding
        money says nothing a sentence for the unit ("各项目资金均为当年财政拨款") does not, so it is not given
        per project."""
        sources = ps.project.sources
        rows = [
            attr
            for attr in _SOURCE_ROWS
            if sources is not None
            and (row := getattr(sources, attr)) is not None
            and (row.budget or row.executed or row.budget_initial)
        ]
        return self.get(f"p.src.{rows[0]}.label", ps) if len(rows) == 1 else None

    def source_clause(self, ps: ProjectScore, column: str) -> str:
        """ "当年财政拨款X万元、上年结转资金Y万元" for one column (budget or executed), or "" (none filed, or
        all the money from one source: ``sole_source``)."""
        if self.sole_source(ps):
            return ""
        parts = [
            f"{{{{p.src.{attr}.label}}}}{{{{p.src.{attr}.{column}}}}}" + M
            for attr in _SOURCE_ROWS
            if self.has(f"p.src.{attr}.{column}", ps)
        ]
        return "、".join(parts)

    def execution_sentence(self, ps: ProjectScore, *, budget: bool = True, frame: int = 0) -> str:
        """A project's money in one sentence: budget (by source, unless told already), execution (by source),
        rate, unspent. ``frame`` (0–63) varies the wording where two projects' money, or a project's budget
        and execution, would run alike: the adjustment (bit 1), the execution split without "其中" (bit 2),
        the unspent money before the rate (bit 4), the rate before the execution (bit 8), the budget split as
        its 资金来源 (bit 16), the unspent share in brackets (bit 32)."""
        clauses = []
        if budget:
            sources = self.source_clause(ps, "budget")
            # as its 资金来源, the sources parted by "，": two projects' equal splits then share no long run
            split = (
                "（资金来源为" + sources.replace("、", "，") + "）"
                if frame & 16
                else "（其中" + sources + "）"
            )
            clauses.append(self.budget_clause(ps, frame) + (split if sources else ""))
        if ps.project.executed == 0 and ps.project.budget > 0:  # nothing spent: no split, no leftover
            clauses.append("全年未执行（预算执行率{{p.rate}}%）")
            return self.fill("{{p.label}}" + "，".join(clauses) + "。", ps)
        executed = "全年执行数{{p.executed}}" + M
        spent = self.source_clause(ps, "executed")
        if spent and self.fill(spent, ps) == self.fill(self.source_clause(ps, "budget"), ps):
            executed += "，各资金来源均全额执行"  # the same split again would say nothing new
        elif spent:
            # the split again with the sources' own verb: two splits alike in figures then read apart
            executed += "（其中" + (spent.replace("}}{{", "}}支出{{") if frame & 2 else spent) + "）"
        rate = ["预算执行率{{p.rate}}%" if self.has("p.rate", ps) else "全年预算数为零，预算执行率不适用"]
        unspent = []
        if ps.project.budget > ps.project.executed:
            unspent.append("未执行资金{{p.unspent}}" + M)
            if self.rate_deviates(ps) and frame & 32:  # how much was left matters where execution fell short
                unspent[-1] += "（占全年预算数的{{p.unspent_rate}}%）"
            elif self.rate_deviates(ps):
                unspent.append("占全年预算数的{{p.unspent_rate}}%")
        if frame & 8:  # the rate right after the budget it is a share of
            clauses += [*rate, executed, *unspent]
        else:
            clauses += [executed, *(unspent + rate if frame & 4 and unspent else rate + unspent)]
        return self.fill("{{p.label}}" + "，".join(clauses) + "。", ps)

    def unspent_hint(self, ps: ProjectScore) -> str | None:
        """A clause of the officer's 实际完成情况 that speaks of money left unspent, quoted as written."""
        outcome = self.get("p.outcome", ps)
        if not outcome:
            return None
        for clause in re.split(r"[；;。]", outcome):
            for part in re.split(r"，|,(?!\d)", clause):
                if _UNSPENT_HINT.search(part) and re.search(r"\d", part):
                    return part.strip()
        return None

    # --- scores --------------------------------------------------------------------------------------

    def score_clause(self, ps: ProjectScore) -> str:
        if self.has("p.score", ps):
            return "自评得分{{p.score}}分，等级为“{{p.grade}}”"
        return "自评得分" + placeholder("自评得分")

    def full_marks(self, ps: ProjectScore) -> bool:
        return ps.score is not None and ps.score == self.rules.weights.total

    # --- indicators ----------------------------------------------------------------------------------

    @staticmethod
    def flagged(ps: ProjectScore) -> list[tuple[int, IndicatorScore]]:
        """Indicators (1-based) that were missed or over-achieved."""
        return [(k, s) for k, s in enumerate(ps.indicators, 1) if s.missed or s.over_achieved]

    def status(self, s: IndicatorScore) -> str:
        if s.over_achieved:
            return "超额完成较多"
        if s.missed:
            if s.indicator.is_qualitative:
                return "未完全达到年度指标值"
            return "超过年度指标值" if s.indicator.kind in _NEGATIVE else "未达到年度指标值"
        if s.short:  # the score rounds back to the 分值, the value itself does not reach the target
            return (
                "略超年度指标值，按规则不扣分"
                if s.indicator.kind in _NEGATIVE
                else "略低于年度指标值，按规则不扣分"
            )
        return "达到年度指标值"

    @staticmethod
    def rounds_up(s: IndicatorScore) -> bool:
        """A value short of its target whose completion rate rounds to 100 %: "完成率100.00%" beside "略低于年度
        指标值" reads as a contradiction, and the two figures already say how close it came."""
        return s.short and s.completion_shown is not None and s.completion_shown >= 100

    def short_status(self, s: IndicatorScore) -> str:
        """The status without "年度指标值", for sentences whose numbers are not the indicator's."""
        if s.over_achieved:
            return "超额完成较多"
        if s.indicator.kind in _NEGATIVE and not s.indicator.is_qualitative:
            return "超出目标"
        return "未完全达成" if s.indicator.is_qualitative else "未达成"

    def unit_of(self, ps: ProjectScore, k: int) -> str:
        return "{{i.unit}}" if self.has("i.unit", ps, k) else ""

    def points_clause(self, ps: ProjectScore, k: int) -> str:
        if self.has("i.score", ps, k):
            return "得{{i.score}}分（分值{{i.points}}分）"
        return "得分" + placeholder("指标得分") + "（分值{{i.points}}分）"

    def indicator_detail(self, ps: ProjectScore, k: int, s: IndicatorScore, frame: int = 0) -> str:
        """Target, actual, completion and score of one indicator (quoted name first), unfilled slots.

        ``frame`` (0–2) orders the clauses: target first, actual first, or the score first, so two
        indicators with the same figures (86 % → 53.75 %) or the same name and score read apart."""
        unit = self.unit_of(ps, k)
        if s.indicator.is_qualitative:
            return self.qualitative(ps, k, s, with_target=True, frame=frame)
        # an over-achievement said first: the figures after it then end the clause, not a fixed phrase
        # (in the second order it follows the figures it sums up)
        over = s.over_achieved and frame % 3 == 1
        lead = "“{{i.name}}”超额完成较多，" if s.over_achieved and not over else "“{{i.name}}”"
        figures = ["年度指标值{{i.target}}" + unit, "实际完成值{{i.actual}}" + unit]
        if self.has("i.completion", ps, k) and s.indicator.actual != 0 and not self.rounds_up(s):
            figures.append("完成率{{i.completion}}%")  # nothing done: 0 % says nothing more
        points = self.points_clause(ps, k)
        if frame % 3 == 1:
            figures[:2] = figures[1::-1]
        clauses = (
            [points, *figures] if frame % 3 == 2 else [*figures, *(["超额完成较多"] if over else []), points]
        )
        return lead + "，".join(clauses)

    def qualitative(
        self, ps: ProjectScore, k: int, s: IndicatorScore, *, with_target: bool, frame: int = 0
    ) -> str:
        """A 定性 indicator: what was achieved, the tier and the score; a deduction explained from the
        officer's 实际完成值, or a marker asking for the reason when the text does not give one.
        ``frame`` (0–2) orders the clauses, as in ``indicator_detail``."""
        key = f"{self.facts.key_of(ps)}.i{k}"
        told = bool({key + ".target", key + ".actual", key + ".tier", key + ".again"} & self.told)
        # Texts told in a grouped sentence before ("定性指标中，…均为…"): only what is left, then the score.
        texts = []
        if with_target and self.has("i.target", ps, k) and key + ".target" not in self.told:
            texts.append("年度指标值为“{{i.target}}”")
        if self.has("i.actual", ps, k) and key + ".actual" not in self.told:
            texts.append("实际完成情况为“{{i.actual}}”")
        verdict = []
        if self.has("i.tier", ps, k) and key + ".tier" not in self.told:
            verdict.append("评为“{{i.tier}}”")
        verdict.append(self.points_clause(ps, k))
        if frame % 3 == 1:
            clauses = texts[::-1] + verdict[::-1]
        elif frame % 3 == 2:
            clauses = verdict + texts
        else:
            clauses = texts + verdict
        name = "“{{i.name}}”"
        # told before: the name runs on ("“X”评为…"), but in the second order, which still says what it is
        if told and frame % 3 != 1:
            clauses = [name + clauses[0], *clauses[1:]]
        else:
            clauses = [name + "为定性指标", *clauses]
        if s.missed and not self.has("i.tier", ps, k):  # a tier already says it fell short
            clauses.append(self.status(s))
        text = "，".join(clauses)
        deducted = s.indicator.score is not None and s.indicator.score < s.indicator.points
        if deducted and not self.shortfall(ps, k) and not self.has("p.cause", ps):
            # the project's 偏差原因 answers it (the interview asks for that field)
            text += "，扣分原因" + placeholder(
                "偏差原因（" + self.fill("“{{i.name}}”的扣分原因", ps, k) + "）"
            )
        return text

    def shortfall(self, ps: ProjectScore, k: int) -> str | None:
        """The clause of a 定性 indicator's 实际完成值 that says what fell short, if it says so."""
        actual = self.get("i.actual", ps, k) or ""
        for clause in _CLAUSES.split(actual):
            if _SHORTFALL.search(clause):
                return clause.strip()
        return None
