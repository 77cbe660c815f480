"""The template drafter: deterministic 公文 prose for every outline section, no model needed (the default).

Every sentence is a template with ``{{slots}}`` filled from the fact sheet, so each number is true by
construction; officer texts (目标, 完成情况, 偏差原因, 改进措施) are quoted through text facts, and nothing is
invented: a missing cause or measure becomes the visible placeholder ``【待补充：偏差原因】`` /
``【待补充：改进措施】``. Writing rules the audit relies on:

- a sentence stating a project's number names the project (``pN.label``, its full name) in that sentence;
- 口径 words: 年初预算数, 全年预算数, 全年执行数, 预算执行率, 自评得分, 等级; unit totals say 合计;
- rates carry ``%``, amounts the case's money unit; grade counts are the true counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from assistant.drafting.outline import Outline, OutlineSection, outline_for
from assistant.facts import FactSheet, build_facts
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.report import Report, Section, Table
from assistant.scoring import IndicatorScore, ProjectScore, UnitScore

M = "{{unit.money_unit}}"
NATIONAL_BASIS = "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）"
NO_DEVIATION_REST = "其余项目均按计划执行，未发现明显偏离绩效目标的情况。"
NO_DEVIATION_ALL = "{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况。"

# Sentence templates for a project's figures (``p`` = the project's key prefix). The audit is tuned to these.
BUDGET_FIGURES = "全年预算数{{p.budget}}" + M + "，全年执行数{{p.executed}}" + M
INITIAL_FIGURE = "年初预算数{{p.budget_initial}}" + M
RATE_FIGURE = "预算执行率{{p.rate}}%"
RATE_NOT_APPLICABLE = "全年预算数为零，预算执行率不适用"
SCORE_FIGURE = "自评得分{{p.score}}分，等级为“{{p.grade}}”"
SCORE_MISSING = "自评得分【待补充：自评得分】"
RATE_BELOW = "低于{{rules.explain_rate_below}}%"
RATE_SCORE_FIGURE = "预算执行率得分{{p.rate_score}}分（分值{{rules.exec_points}}分）"
UNSPENT_SENTENCE = "{{p.label}}未执行资金{{p.unspent}}" + M + "，占全年预算数的{{p.unspent_rate}}%。"
UNIT_TOTALS = (
    "{{unit.year}}年{{unit.self}}共实施项目{{total.projects}}个，全年预算数合计{{total.budget}}"
    + M
    + "，全年执行数合计{{total.executed}}"
    + M
)


class _Writer:
    """Fills templates from the fact sheet; ``p``/``i`` in a template mean the current project/indicator."""

    def __init__(self, unit: UnitScore, facts: FactSheet) -> None:
        self.unit = unit
        self.facts = facts
        self.rules = unit.ruleset

    def fill(self, text: str, ps: ProjectScore | None = None, k: int | None = None) -> str:
        return self.facts.fill(text, self._scope(ps, k))

    def has(self, key: str, ps: ProjectScore | None = None, k: int | None = None) -> bool:
        return self.facts.resolve(key, self._scope(ps, k)) in self.facts

    def _scope(self, ps: ProjectScore | None, k: int | None) -> Mapping[str, str]:
        if ps is None:
            return {}
        key = self.facts.key_of(ps)
        return {"p": key, "i": f"{key}.i{k}"} if k else {"p": key}

    # --- shared sentences ---------------------------------------------------------------------------

    def figures(
        self,
        ps: ProjectScore,
        *,
        initial: bool = False,
        score: bool = True,
        below: bool = False,
        rate_score: bool = False,
    ) -> str:
        """One sentence naming the project: 年初预算数 (when asked or when it differs), 全年预算数, 全年执行数,
        预算执行率 (and "低于90%" when ``below``), optionally the 执行率 score, 自评得分 and 等级."""
        p = ps.project
        clauses = []
        if self.has("p.budget_initial", ps) and (initial or p.budget_initial != p.budget):
            clauses.append(INITIAL_FIGURE)
        clauses.append(BUDGET_FIGURES)
        clauses.append(RATE_FIGURE if self.has("p.rate", ps) else RATE_NOT_APPLICABLE)
        if below:
            clauses.append(RATE_BELOW)
        if rate_score:
            clauses.append(RATE_SCORE_FIGURE)
        if score:
            clauses.append(SCORE_FIGURE if self.has("p.score", ps) else SCORE_MISSING)
        return self.fill("{{p.label}}" + "，".join(clauses) + "。", ps)

    def unspent(self, ps: ProjectScore) -> list[str]:
        """The unspent share, when money is left over."""
        if ps.project.budget > 0 and ps.project.executed < ps.project.budget:
            return [self.fill(UNSPENT_SENTENCE, ps)]
        return []

    def indicator_sentence(self, ps: ProjectScore, k: int, s: IndicatorScore) -> str:
        """Target, actual, completion and score of one indicator, and whether it was missed or exceeded."""
        head = "{{p.label}}“{{i.name}}”指标"
        unit = "{{i.unit}}" if self.has("i.unit", ps, k) else ""
        if s.indicator.is_qualitative:
            clauses = [head + ("评价为“{{i.tier}}”" if self.has("i.tier", ps, k) else "未填写评价档次")]
        else:
            clauses = [head + "年度指标值{{i.target}}" + unit, "实际完成值{{i.actual}}" + unit]
            if self.has("i.completion", ps, k):
                clauses.append("完成率{{i.completion}}%")
        if self.has("i.score", ps, k):
            clauses.append("得分{{i.score}}分（分值{{i.points}}分）")
        else:
            clauses.append("未填写得分（分值{{i.points}}分）")
        if s.over_achieved:
            clauses.append("超额完成年度指标")
        elif s.missed:
            clauses.append("未完全达成年度指标")
        else:
            clauses.append("达成年度指标")
        return self.fill("，".join(clauses) + "。", ps, k)

    def rate_deviates(self, ps: ProjectScore) -> bool:
        return self.rules.rate_needs_explanation(ps.rate)

    @staticmethod
    def flagged(ps: ProjectScore) -> list[tuple[int, IndicatorScore]]:
        """Indicators (1-based) that were missed or over-achieved."""
        return [(k, s) for k, s in enumerate(ps.indicators, 1) if s.missed or s.over_achieved]

    def deviation_paragraphs(
        self, ps: ProjectScore, *, cause: bool = True, measure: bool = True
    ) -> list[str]:
        """What deviated, then the officer's explanation (or the visible placeholders)."""
        statement = self.figures(ps, score=False, below=self.rate_deviates(ps)) + "".join(self.unspent(ps))
        out = [statement]
        out.extend(self.indicator_sentence(ps, k, s) for k, s in self.flagged(ps))
        explanation = self.explanation(ps, cause=cause, measure=measure)
        if explanation:
            out.append(explanation)
        return out

    def explanation(self, ps: ProjectScore, *, cause: bool, measure: bool) -> str:
        """Indicator notes (偏差原因分析及改进措施), the project's 偏差原因 and 改进措施, or placeholders.

        Indicator notes stand for both cause and measure when every deviation is a noted indicator.
        """
        flagged = self.flagged(ps)
        notes = [
            self.fill("{{p.label}}“{{i.name}}”指标偏差原因分析及改进措施：{{i.note}}。", ps, k)
            for k, _ in flagged
            if self.has("i.note", ps, k)
        ]
        covered = bool(flagged) and len(notes) == len(flagged) and not self.rate_deviates(ps)
        parts = list(notes)
        for wanted, key, label, placeholder in (
            (cause, "p.cause", "偏差原因", CAUSE_PLACEHOLDER),
            (measure, "p.measure", "改进措施", MEASURE_PLACEHOLDER),
        ):
            if not wanted:
                continue
            if self.has(key, ps):
                parts.append(self.fill("{{p.label}}" + label + "：{{" + key + "}}。", ps))
            elif not covered:
                parts.append(self.fill("{{p.label}}" + label + "：", ps) + placeholder + "。")
        return "".join(parts)

    def noted_without_deviation(self) -> list[ProjectScore]:
        """Projects the rule set does not flag, but whose officer still wrote a cause or measure."""
        return [
            ps
            for ps in self.unit.projects
            if not ps.needs_explanation and (self.has("p.cause", ps) or self.has("p.measure", ps))
        ]

    def extra_notes(self, ps: ProjectScore, *, cause: bool = True, measure: bool = True) -> str:
        """A project within the rules' bounds that still has a shortfall the officer explained."""
        text = "此外，" + self.figures(ps, score=False) + "".join(self.unspent(ps))
        if cause and self.has("p.cause", ps):
            text += self.fill("{{p.label}}执行差异原因：{{p.cause}}。", ps)
        if measure and self.has("p.measure", ps):
            text += self.fill("{{p.label}}改进措施：{{p.measure}}。", ps)
        return text

    def names(self, projects: Iterable[ProjectScore]) -> str:
        return "；".join(self.fill("{{p.name}}", ps) for ps in projects)

    def basis(self) -> str:
        if self.rules.id == "national_2020":
            return f"按照{NATIONAL_BASIS}有关单位自评的规定"
        return "按照项目支出绩效自评有关规定"


# --- sections ---------------------------------------------------------------------------------------


def _background(w: _Writer, section: OutlineSection) -> list[str]:
    out = []
    if w.has("unit.background"):
        out.append(w.fill("{{unit.background}}。"))
    projects = w.unit.projects
    if len(projects) == 1:
        ps = projects[0]
        who = []
        if w.has("p.implementer", ps):
            who.append("实施单位为{{p.implementer}}")
        if w.has("p.department", ps):
            who.append("主管部门为{{p.department}}")
        if who:
            out.append(w.fill("{{p.label}}" + "，".join(who) + "。", ps))
    else:
        out.append(
            w.fill("{{unit.year}}年，{{unit.self}}共安排项目支出{{total.projects}}个，分别为：")
            + w.names(projects)
            + "。"
        )
    for ps in projects:
        if w.has("p.background", ps):
            out.append(w.fill("{{p.label}}背景：{{p.background}}。", ps))
    if not w.has("unit.background") and not any(w.has("p.background", ps) for ps in projects):
        out.append("【待补充：项目背景】")
    return out


def _goals(w: _Writer, section: OutlineSection) -> list[str]:
    out = []
    missing = []
    for ps in w.unit.projects:
        parts = []
        if w.has("p.goal", ps):
            parts.append(w.fill("{{p.label}}年度总体目标：{{p.goal}}。", ps))
        else:
            missing.append(ps)
        if ps.indicators:
            listed = []
            for k, s in enumerate(ps.indicators, 1):
                value = (
                    ""
                    if s.indicator.is_qualitative or not w.has("i.target", ps, k)
                    else "年度指标值{{i.target}}"
                )
                if value and w.has("i.unit", ps, k):
                    value += "{{i.unit}}"
                listed.append(
                    w.fill(
                        "“{{i.name}}”（{{i.level1}}"
                        + (f"，{value}" if value else "")
                        + "，分值{{i.points}}分）",
                        ps,
                        k,
                    )
                )
            parts.append(w.fill("{{p.label}}设置绩效指标{{p.indicators}}个：", ps) + "；".join(listed) + "。")
        if parts:
            out.append("".join(parts))
    if missing:
        out.append("以下项目尚未填报年度总体目标：" + w.names(missing) + "。【待补充：绩效目标】")
    return out


def _funds_sources(w: _Writer, section: OutlineSection) -> list[str]:
    head = "{{unit.year}}年{{unit.self}}共安排项目{{total.projects}}个"
    if w.has("total.budget_initial"):
        head += "，年初预算数合计{{total.budget_initial}}" + M
    out = [w.fill(head + "，全年预算数合计{{total.budget}}" + M + "。各项目预算安排如下：")]
    any_sources = False
    for ps in w.unit.projects:
        clauses = [INITIAL_FIGURE] if w.has("p.budget_initial", ps) else []
        clauses.append("全年预算数{{p.budget}}" + M)
        sources = [
            f"{{{{p.src.{attr}.label}}}}{{{{p.src.{attr}.budget}}}}" + M
            for attr in ("appropriation", "carry_over", "other")
            if w.has(f"p.src.{attr}.budget", ps)
        ]
        if sources:
            any_sources = True
            clauses.append("其中" + "、".join(sources))
        out.append(w.fill("{{p.label}}" + "，".join(clauses) + "。", ps))
    if not any_sources:
        out.append("资金来源（当年财政拨款、上年结转资金、其他资金）：【待补充：资金来源】")
    return out


def _funds_use(w: _Writer, section: OutlineSection) -> list[str]:
    projects = w.unit.projects
    if len(projects) == 1:
        ps = projects[0]
        return [w.figures(ps, initial=True, score=False) + "".join(w.unspent(ps))]
    totals = UNIT_TOTALS + ("，预算执行率{{total.rate}}%" if w.has("total.rate") else "") + "。"
    if w.unit.executed < w.unit.budget:
        totals += "未执行资金合计{{total.unspent}}" + M + "。"
    out = [w.fill(totals)]
    others = [
        ps for ps in projects if not (ps.project.budget > 0 and ps.project.executed == ps.project.budget)
    ]
    if not others:
        out.append("各项目全年执行数均与全年预算数一致。")
        return out
    out.append(w.fill("其中，全年执行数与全年预算数一致的项目{{total.full_rate}}个，其余项目执行情况如下："))
    for ps in others:
        text = w.figures(ps, score=False) + "".join(w.unspent(ps))
        if ps.project.executed > ps.project.budget:
            text += w.fill("{{p.label}}全年执行数超过全年预算数。", ps) + "【待核实：超预算执行原因】"
        out.append(text)
    return out


def _indicator_system(w: _Writer, section: OutlineSection) -> list[str]:
    rules = w.rules
    out = [
        w.fill(
            w.basis() + "，评价指标由预算执行率和绩效指标两部分构成，满分{{rules.total_points}}分，"
            "其中预算执行率分值{{rules.exec_points}}分、绩效指标分值{{rules.indicator_points}}分。"
        )
    ]
    if rules.weights.default:
        weights = "、".join(f"{name}{{{{rules.weight.{name}}}}}分" for name in rules.weights.default)
        text = "绩效指标分为产出指标、效益指标和满意度指标等一级指标，默认分值为" + weights
        moved = [
            f"未设置{missing}的，其分值计入{target}"
            for missing, target in rules.weights.reassign_missing.items()
        ]
        text += ("；" + "；".join(moved) if moved else "") + "。"
        out.append(w.fill(text))
    out.append("三级指标由各项目根据年度绩效目标设置，各项目评分情况见附件。")
    return out


def _method(w: _Writer, section: OutlineSection) -> list[str]:
    rules = w.rules
    out = []
    out.append(
        w.fill(
            "本次自评采用定量与定性相结合的方法，对照年度绩效目标逐项评价，总分为{{rules.total_points}}分。"
            "预算执行率按“{{rules.exec_definition}}”计算，得分为预算执行率（最高按{{rules.exec_cap}}%计）"
            "乘以分值{{rules.exec_points}}分。"
        )
    )
    scored = [ps.indicators for ps in w.unit.projects]
    if any(not s.indicator.is_qualitative for inds in scored for s in inds):
        negative = (
            "按年度指标值占实际完成值的比例计分"
            if rules.quantitative.negative_formula == "ratio"
            else "按超出比例线性扣分，扣完为止"
        )
        out.append(
            w.fill(
                "定量指标中，正向指标实际完成值达到年度指标值的得满分，未达到的按实际完成值占年度指标值的比例计分；"
                f"反向指标实际完成值不超过年度指标值的得满分，超过的{negative}；各指标得分不超过其分值。"
                "实际完成值达到年度指标值{{rules.over_percent}}%及以上的，视为超额完成较多，需说明原因。"
            )
        )
    if any(s.indicator.is_qualitative for inds in scored for s in inds):
        tiers = rules.qualitative_tiers
        parts = []
        for index, band in enumerate(tiers):
            upper = "（含）" if index == 0 else ""
            parts.append(
                f"“{band.name}”按分值的{{{{rules.tier_min.{band.name}}}}}%（含）至{{{{rules.tier_max.{band.name}}}}}%{upper}计分"
            )
        out.append(w.fill("定性指标按完成情况分档评分：" + "，".join(parts) + "。"))
    if any(ps.score_source == "self" for ps in w.unit.projects):
        out.append("未分项填报绩效指标的项目，自评得分为项目支出绩效自评表填报的得分。")
    out.append(w.fill(_grade_sentence(w)))
    deviation = rules.deviation
    kinds = ["预算执行率低于{{rules.explain_rate_below}}%"]
    if deviation.explain_missed_indicator:
        kinds.append("绩效指标未达成")
    if deviation.explain_over_achievement:
        kinds.append("绩效指标超额完成较多")
    out.append(w.fill("对" + "、".join(kinds) + "的项目，分析偏差原因并提出改进措施。"))
    return out


def _grade_sentence(w: _Writer) -> str:
    bands = w.rules.grades
    parts = []
    for index, band in enumerate(bands):
        low = f"{{{{rules.grade_min.{band.name}}}}}"
        if index == 0:
            parts.append(f"总分{low}分（含）以上为“{band.name}”")
        else:
            high = f"{{{{rules.grade_min.{bands[index - 1].name}}}}}"
            if band.min == 0:
                parts.append(f"低于{high}分为“{band.name}”")
            else:
                parts.append(f"{low}分（含）至{high}分为“{band.name}”")
    return "根据总分划分评价等级：" + "，".join(parts) + "。"


def _scope(w: _Writer, section: OutlineSection) -> list[str]:
    projects = w.unit.projects
    if len(projects) == 1:
        head = w.fill("本次评价对象为{{unit.name}}{{unit.year}}年度实施的{{p.label}}", projects[0])
    else:
        head = w.fill(
            "本次评价对象为{{unit.name}}{{unit.year}}年度实施的{{total.projects}}个项目："
        ) + w.names(projects)
    return [head + "。评价范围包括项目预算执行情况和绩效目标完成情况。"]


def _conclusion(w: _Writer, section: OutlineSection) -> list[str]:
    projects = w.unit.projects
    if len(projects) == 1:
        ps = projects[0]
        out = [w.figures(ps, score=True)]
    else:
        totals = UNIT_TOTALS + ("，预算执行率{{total.rate}}%" if w.has("total.rate") else "") + "。"
        grades = "、".join(f"“{name}”{{{{grade_count.{name}}}}}个" for name in w.unit.grade_counts)
        text = "经自评，{{unit.self}}{{total.projects}}个项目中，" + grades
        same = [name for name, n in w.unit.grade_counts.items() if n == len(projects)]
        if same:
            text += f"，自评等级均为“{same[0]}”"
        unscored = any(ps.score is None for ps in projects)
        if w.has("total.mean_score"):
            text += (
                "，已评分项目平均得分{{total.mean_score}}分"
                if unscored
                else "，平均得分{{total.mean_score}}分"
            )
        if unscored:
            text += "，尚未评分{{total.unscored}}个"
        out = [w.fill(totals), w.fill(text + "。")]
        top = w.rules.grades[0].name
        for ps in projects:
            if ps.score is None or ps.grade != top:
                out.append(w.figures(ps, score=True))
        out.append("各项目得分详见附件。")
    needing = w.unit.needing_explanation
    if needing and len(projects) > 1:
        out.append(
            w.fill("其中，{{total.needing}}个项目存在偏离绩效目标的情况，偏差原因和改进措施在下文逐项说明。")
        )
    elif needing:
        out.append("该项目存在偏离绩效目标的情况，偏差原因和改进措施在下文说明。")
    return out


def _completion(w: _Writer, section: OutlineSection) -> list[str]:
    out = []
    for ps in w.unit.projects:
        out.append(w.figures(ps) + "".join(w.unspent(ps)))
        texts = []
        if w.has("p.goal", ps):
            texts.append(w.fill("{{p.label}}年度总体目标：{{p.goal}}。", ps))
        if w.has("p.outcome", ps):
            texts.append(w.fill("{{p.label}}实际完成情况：{{p.outcome}}。", ps))
        if texts:
            out.append("".join(texts))
        if ps.indicators:
            out.append(_indicator_summary(w, ps))
    return out


def _indicator_summary(w: _Writer, ps: ProjectScore) -> str:
    flagged = w.flagged(ps)
    if not flagged:
        return w.fill("{{p.label}}设置的{{p.indicators}}个绩效指标均达成年度指标值。", ps)
    text = w.fill("{{p.label}}共设置绩效指标{{p.indicators}}个，达成年度指标值{{p.indicators_met}}个。", ps)
    return text + "".join(w.indicator_sentence(ps, k, s) for k, s in flagged)


def _execution_analysis(w: _Writer, section: OutlineSection) -> list[str]:
    return [
        w.figures(ps, initial=True, score=False, rate_score=True) + "".join(w.unspent(ps))
        for ps in w.unit.projects
    ]


def _indicators(w: _Writer, section: OutlineSection) -> list[str]:
    level1 = section.level1 or ""
    out = []
    for ps in w.unit.projects:
        chosen = [
            (k, s)
            for k, s in enumerate(ps.indicators, 1)
            if not level1 or s.indicator.level1[:2] == level1[:2]
        ]
        if chosen:
            out.append("".join(w.indicator_sentence(ps, k, s) for k, s in chosen))
        elif level1:
            out.append(w.fill("{{p.label}}未设置" + level1 + "。", ps))
        else:
            out.append(w.fill("{{p.label}}未分项填报绩效指标。", ps))
    return out


def _deviations(w: _Writer, section: OutlineSection) -> list[str]:
    return _problems(w, cause=True, measure=True)


def _problems(w: _Writer, *, cause: bool, measure: bool) -> list[str]:
    out = []
    needing = w.unit.needing_explanation
    for ps in needing:
        out.extend(w.deviation_paragraphs(ps, cause=cause, measure=measure))
    extra = w.noted_without_deviation()
    out.extend(w.extra_notes(ps, cause=cause, measure=measure) for ps in extra)
    if needing or extra:
        if len(needing) + len(extra) < len(w.unit.projects):
            out.append(NO_DEVIATION_REST)
    else:
        out.append(w.fill(NO_DEVIATION_ALL))
    return out


def _experience(w: _Writer, section: OutlineSection) -> list[str]:
    head = ["主要经验及做法：【待补充：主要经验及做法】", "存在的问题及原因分析："]
    return [*head, *_problems(w, cause=True, measure=False)]


def _suggestions(w: _Writer, section: OutlineSection) -> list[str]:
    out = [w.explanation(ps, cause=False, measure=True) for ps in w.unit.needing_explanation]
    out += [
        w.fill("{{p.label}}改进措施：{{p.measure}}。", ps)
        for ps in w.noted_without_deviation()
        if w.has("p.measure", ps)
    ]
    if not out:
        out.append(w.fill("{{unit.self}}将继续加强预算执行管理和绩效目标管理，提高财政资金使用效益。"))
    return out


def _other(w: _Writer, section: OutlineSection) -> list[str]:
    return ["【待补充：其他需要说明的问题（如无，请写“无”）】"]


def _score_table(w: _Writer, section: OutlineSection) -> list[Table]:
    money = w.unit.case.money_unit
    header = [
        "序号",
        "项目名称",
        f"全年预算数（{money}）",
        f"全年执行数（{money}）",
        "执行率（%）",
        "自评得分",
        "等级",
    ]
    rows = []
    for ps in w.unit.projects:
        key = w.facts.key_of(ps)
        rows.append(
            [
                w.facts[f"{key}.index"],
                w.facts[f"{key}.name"],
                w.facts[f"{key}.budget"],
                w.facts[f"{key}.executed"],
                w.facts.get(f"{key}.rate", "—"),
                w.facts.get(f"{key}.score", "—"),
                w.facts.get(f"{key}.grade", "—"),
            ]
        )
    total = [
        "",
        "合计",
        w.facts["total.budget"],
        w.facts["total.executed"],
        w.facts.get("total.rate", "—"),
        w.facts.get("total.mean_score", ""),
        "",
    ]
    title = w.fill("{{unit.name}}{{unit.year}}年度项目支出绩效自评评分表")
    return [Table(header=header, rows=rows, total=total, title=title)]


def _self_eval_table(w: _Writer, section: OutlineSection) -> list[Table]:
    tables = []
    money = w.unit.case.money_unit
    for ps in w.unit.projects:
        key = w.facts.key_of(ps)
        get = w.facts.get
        funds = [
            [
                "年度资金总额",
                get(f"{key}.budget_initial", "—"),
                w.facts[f"{key}.budget"],
                w.facts[f"{key}.executed"],
                w.facts["rules.exec_points"],
                get(f"{key}.rate", "—"),
                w.facts[f"{key}.rate_score"],
            ]
        ]
        for attr in ("appropriation", "carry_over", "other"):
            src = f"{key}.src.{attr}"
            if f"{src}.label" in w.facts:
                funds.append(
                    [
                        "其中：" + w.facts[f"{src}.label"],
                        get(f"{src}.budget_initial", "—"),
                        get(f"{src}.budget", "—"),
                        get(f"{src}.executed", "—"),
                        "—",
                        "—",
                        "—",
                    ]
                )
        title = w.fill("{{p.label}}支出绩效自评表（{{unit.year}}年度）", ps)
        header = [
            f"项目资金（{money}）",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率（%）",
            "得分",
        ]
        tables.append(Table(header=header, rows=funds, title=title))
        rows = []
        for k, _ in enumerate(ps.indicators, 1):
            ik = f"{key}.i{k}"
            unit = get(f"{ik}.unit", "") or ""
            target, actual = get(f"{ik}.target"), get(f"{ik}.actual")
            rows.append(
                [
                    w.facts[f"{ik}.level1"],
                    w.facts[f"{ik}.level2"],
                    w.facts[f"{ik}.name"],
                    w.facts[f"{ik}.kind"],
                    f"{target}{unit}" if target is not None else "—",
                    f"{actual}{unit}" if actual is not None else "—",
                    w.facts[f"{ik}.points"],
                    get(f"{ik}.score", "—"),
                    get(f"{ik}.note", ""),
                ]
            )
        header = [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
        total = [
            "总分",
            "",
            "",
            "",
            "",
            "",
            w.facts["rules.total_points"],
            get(f"{key}.score", "—"),
            get(f"{key}.grade", "—"),
        ]
        tables.append(Table(header=header, rows=rows, total=total))
    return tables


WRITERS: dict[str, Callable[[_Writer, OutlineSection], list[str]]] = {
    "background": _background,
    "goals": _goals,
    "funds_sources": _funds_sources,
    "funds_use": _funds_use,
    "indicator_system": _indicator_system,
    "method": _method,
    "scope": _scope,
    "conclusion": _conclusion,
    "completion": _completion,
    "execution_analysis": _execution_analysis,
    "indicators": _indicators,
    "deviations": _deviations,
    "experience": _experience,
    "suggestions": _suggestions,
    "other": _other,
}
TABLES: dict[str, Callable[[_Writer, OutlineSection], list[Table]]] = {
    "score_table": _score_table,
    "self_eval_table": _self_eval_table,
}


def draft_section(unit: UnitScore, section: OutlineSection, facts: FactSheet | None = None) -> Section:
    """Draft one outline section (heading unnumbered) with the templates; the LLM drafter's fallback."""
    w = _Writer(unit, facts or build_facts(unit))
    paragraphs: list[str] = []
    tables: list[Table] = []
    if section.kind == "fixed":
        paragraphs = [w.fill(text) for text in section.text]
    elif section.kind == "table":
        assert section.template is not None  # guaranteed by OutlineSection validation
        tables = TABLES[section.template](w, section)
    else:
        assert section.template is not None
        paragraphs = WRITERS[section.template](w, section)
    return Section(
        id=section.id,
        heading=section.heading,
        level=section.level,
        kind=section.kind,
        paragraphs=paragraphs,
        tables=tables,
        source="template",
        page_break=section.page_break,
    )


def draft_template(unit: UnitScore, outline: Outline | str | None = None) -> Report:
    """Draft the whole report deterministically, under ``outline`` (else the case's 报告提纲, else default)."""
    if not isinstance(outline, Outline):
        outline = outline_for(unit.case.outline, outline)
    facts = build_facts(unit)
    title = outline.title_single if outline.title_single and len(unit.projects) == 1 else outline.title
    sections = []
    for heading, section in zip(outline.numbered_headings(), outline.sections, strict=True):
        drafted = draft_section(unit, section, facts)
        drafted.heading = heading
        sections.append(drafted)
    return Report(title=facts.fill(title), sections=sections, outline=outline.id)
