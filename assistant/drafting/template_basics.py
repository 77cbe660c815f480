"""Template sections of parts 一 to 三: 项目概况, 绩效目标, 资金, 自评组织, 指标体系, 评价方法, 评价结论.

Each fact is stated once: the money of a project is told in 资金 (only for projects whose money has
something to tell: not fully executed, adjusted, or split by source; the rest are counted), its score and
results in part 四 and its 实施单位 under 组织实施 (``template_analysis``), the unit's totals and grade counts
in 三. Sentences come from the shared ``template_writer.Writer``.
"""

from __future__ import annotations

from assistant.drafting.outline import OutlineSection
from assistant.drafting.template_writer import M, Writer, sentence
from assistant.placeholders import GOAL_PLACEHOLDER, SOURCES, SOURCES_HINT, placeholder
from assistant.scoring import ProjectScore

_ROUNDING_WORDS = {"ROUND_HALF_UP": "四舍五入", "ROUND_HALF_EVEN": "四舍六入五成双"}
_CN_PLACES = "零一两三四五六"


# --- 一、基本情况 -------------------------------------------------------------------------------------


def background(w: Writer, section: OutlineSection) -> list[str]:
    out = []
    if w.has("unit.background"):
        out.append(w.fill("{{unit.background}}。"))
    projects = w.unit.projects
    if not w.single:
        out.append(
            w.fill("{{unit.year}}年，{{unit.self}}纳入绩效自评范围的项目支出共{{total.projects}}个：")
            + w.names(projects)
            + "。"
        )
    out += [w.fill("{{p.label}}：{{p.background}}。", ps) for ps in projects if w.has("p.background", ps)]
    if not w.has("unit.background") and not any(w.has("p.background", ps) for ps in projects):
        out.append(placeholder("项目背景（立项依据、主要内容和实施单位）"))
    return out


def goals(w: Writer, section: OutlineSection) -> list[str]:
    """Each project's 年度总体目标 in the order of the list, projects with the same goal in one sentence; a
    project that filed none has its own sentence ending in its own marker (one per project, never one for
    ten), which reads as a finished sentence once the officer's goal takes its place."""
    by_goal: dict[str, list[ProjectScore]] = {}
    for ps in w.unit.projects:
        if w.has("p.goal", ps):
            by_goal.setdefault(w.get("p.goal", ps) or "", []).append(ps)
    out = []
    for ps in w.unit.projects:
        goal = w.get("p.goal", ps) if w.has("p.goal", ps) else None
        if goal is None:
            out.append(w.fill("{{p.label}}的年度总体目标为：", ps) + GOAL_PLACEHOLDER + "。")
            continue
        group = by_goal[goal]
        if len(group) > 1 and ps is group[0]:
            out.append(w.labels(group) + "的年度总体目标均为：" + sentence(goal))
        elif len(group) == 1:
            out.append(w.fill("{{p.label}}的年度总体目标为：{{p.goal}}。", ps))
    return out


def funds(w: Writer, section: OutlineSection) -> list[str]:
    sources = funds_sources(w, section)
    for text in sources:  # said before the execution, which must not repeat it
        w.passages.commit(text)
    return sources + funds_use(w, section)


def funds_sources(w: Writer, section: OutlineSection) -> list[str]:
    """The scale: budget totals and whether they were adjusted; where 资金来源 is missing, a marker."""
    if w.single:
        ps = w.unit.projects[0]
        text = w.fill("{{p.label}}" + w.budget_clause(ps), ps)
        sources = w.source_clause(ps, "budget")
        text += w.fill("，其中" + sources, ps) if sources else ""
        out = [text + "。"]
    else:
        head = "{{unit.year}}年，{{unit.self}}纳入自评的{{total.projects}}个项目"
        if not w.has("total.budget_initial"):
            head += "全年预算数合计{{total.budget}}" + M
        elif any(w.adjusted(ps) for ps in w.unit.projects):
            head += (
                "年初预算数合计{{total.budget_initial}}"
                + M
                + "，经年中调整，全年预算数合计{{total.budget}}"
                + M
            )
        else:
            head += "年初预算数和全年预算数合计均为{{total.budget}}" + M + "（年内未作调整）"
        out = [w.fill(head + "。")]
    # all the money of a project from one source: said once for the projects it holds for
    sole: dict[str, list[ProjectScore]] = {}
    for ps in w.unit.projects:
        source = w.sole_source(ps)
        if source:
            sole.setdefault(source, []).append(ps)
    for source, group in sole.items():
        if w.single:
            out.append(f"资金来源为{source}。")
        elif len(group) == len(w.unit.projects):
            out.append(f"各项目资金均为{source}。")
        else:
            out.append(w.labels(group) + ("资金均为" if len(group) > 1 else "资金来源为") + source + "。")
    without = [ps for ps in w.unit.projects if not ps.project.sources]
    for n, ps in enumerate(without):  # one mark per project, what to write said in the first
        mark = placeholder(f"{SOURCES}（{SOURCES_HINT}）" if n == 0 else SOURCES)
        subject = w.fill("{{p.label}}的资金来源为：", ps) if not w.single else "资金来源为："
        out.append(subject + mark + "。")
    return out


def funds_use(w: Writer, section: OutlineSection) -> list[str]:
    """Execution: the unit's totals, the fully executed ones counted, the others one clause each."""
    projects = w.unit.projects
    if w.single:  # the split of the execution worded apart from the budget's where the two run alike
        ps = projects[0]
        variants = (w.execution_sentence(ps, budget=False, frame=f).rstrip("。") for f in (0, 2, 8, 10))
        return [w.passages.pick("", (text + _over_budget(w, ps) + "。" for text in variants))]
    totals = "全年执行数合计{{total.executed}}" + M
    if w.has("total.rate"):
        totals += "，预算执行率{{total.rate}}%"
    if w.unit.executed < w.unit.budget:
        totals += "，未执行资金合计{{total.unspent}}" + M
    told = [ps for ps in projects if _money_to_tell(w, ps)]
    if not told:
        return [w.fill(totals + "，各项目全年执行数均与全年预算数一致。")]
    parts = [w.fill(totals + "。")]
    if any(w.fully_executed(ps) for ps in projects):
        parts.append(w.fill("其中{{total.full_rate}}个项目全年执行数与全年预算数一致；"))
    # Projects with nothing budgeted and nothing spent share one clause (their figures are all zero).
    idle = [ps for ps in told if ps.project.budget == 0 and ps.project.executed == 0]
    over = [ps for ps in told if ps.project.executed > ps.project.budget]
    alone = len(over) == 1  # several: said once for all of them
    # Projects whose money reads the same (same budget, execution and split) share one sentence.
    bodies: dict[str, list[ProjectScore]] = {}
    for ps in told:
        if ps not in idle:
            bodies.setdefault(_money(w, ps, 0, alone), []).append(ps)
    sentences: list[str] = []
    groups = list(bodies.values())
    for n, group in enumerate(groups):
        subject = w.fill("{{p.label}}", group[0]) if len(group) == 1 else w.labels(group) + "的资金情况相同："
        # different money can still read alike (the same rate and leftover): a wording that repeats nothing,
        # the start of what follows included (every next sentence opens with a project's name, masked 〔名…〕)
        prefix = "".join(parts) + "".join(s + "；" for s in sentences)
        follows = "；〔名" if n + 1 < len(groups) or idle or len(over) > 1 else "。"
        variants = (subject + _money(w, group[0], frame, alone) for frame in range(64))
        chosen = w.passages.pick(prefix, (text + follows for text in variants))
        sentences.append(chosen.removesuffix(follows))
    if idle:
        sentences.append(
            w.labels(idle)
            + ("全年预算数和全年执行数均为零" if len(idle) > 1 else "全年预算数和全年执行数为零")
        )
    if len(over) > 1:
        sentences.append(w.labels(over) + "全年执行数均超过全年预算数【待核实：超预算执行的原因和依据】")
    return ["".join(parts) + "；".join(sentences).rstrip("。") + "。"]


def _money(w: Writer, ps: ProjectScore, frame: int, over: bool) -> str:
    """A project's money without its name (the subject is added by the caller)."""
    body = w.execution_sentence(ps, frame=frame).rstrip("。").removeprefix(w.fill("{{p.label}}", ps))
    return body + (_over_budget(w, ps) if over else "")


def _money_to_tell(w: Writer, ps: ProjectScore) -> bool:
    return not w.fully_executed(ps) or w.adjusted(ps) or bool(w.source_clause(ps, "budget"))


def _over_budget(w: Writer, ps: ProjectScore) -> str:
    if ps.project.executed > ps.project.budget:
        return "，全年执行数超过全年预算数" + "【待核实：超预算执行的原因和依据】"
    return ""


# --- 二、绩效自评工作情况 ------------------------------------------------------------------------------


def organisation(w: Writer, section: OutlineSection) -> list[str]:
    """Which notice the self-evaluation follows and who ran it: the officer's 评价依据 and 评价组织, else their
    markers (labels the interview answers; the implementers offered as a hint), then how it was done."""
    named = [w.get("p.implementer", ps) or "" for ps in w.unit.projects]
    known = list(dict.fromkeys(part for name in named for part in name.split("、") if part))
    helpers = "牵头科室、参与科室和项目实施单位" + (f"，如{'、'.join(known)}" if known else "")
    scope = "对该项目开展绩效自评" if w.single else "对{{unit.year}}年度{{total.projects}}个项目开展绩效自评"
    basis = w.get("unit.review_basis") or placeholder("评价依据（开展本次自评所依据的通知名称和文号）")
    organiser = w.get("unit.review_organiser") or placeholder(f"评价组织（{helpers}）")
    lead = (
        "根据" + basis.rstrip("。") + "要求，" + w.fill("{{unit.self}}" + scope) + "。" + sentence(organiser)
    )
    return [
        lead,
        "一是前期准备。梳理项目预算批复、预算调整文件和年初设定的绩效目标，明确自评范围和评价指标。",
        "二是组织实施。收集项目实施、资金支付和绩效指标完成情况的资料，核对全年预算数、全年执行数和各指标实际完成值，"
        "填报项目支出绩效自评表。",
        "三是分析评价。按照评分规则计算得分，对偏离绩效目标的情况分析原因、提出改进措施，形成本报告。",
    ]


def indicator_system(w: Writer, section: OutlineSection) -> list[str]:
    rules = w.rules
    text = w.fill(
        w.basis() + "，评价指标由预算执行率和绩效指标两部分构成，满分{{rules.total_points}}分，"
        "其中预算执行率分值{{rules.exec_points}}分、绩效指标分值{{rules.indicator_points}}分。"
    )
    if rules.weights.default:
        weights = "、".join(f"{name}{{{{rules.weight.{name}}}}}分" for name in rules.weights.default)
        moved = [
            f"未设置{missing}的，其分值计入{target}"
            for missing, target in rules.weights.reassign_missing.items()
        ]
        text += w.fill(
            "绩效指标分为产出指标、效益指标和满意度指标等一级指标，默认分值为"
            + weights
            + ("；" + "；".join(moved) if moved else "")
            + "。"
        )
    if w.unit.case.projects and any(ps.indicators for ps in w.unit.projects):
        text += w.fill(
            "三级指标由各项目根据年度绩效目标设置，共{{total.indicators}}个，各项目评分情况见附件。"
        )
    else:
        text += "三级指标由各项目根据年度绩效目标设置，各项目评分情况见附件。"
    return [text]


def method(w: Writer, section: OutlineSection) -> list[str]:
    rules = w.rules
    out = [
        w.fill(
            "本次自评采用定量与定性相结合的方法，对照年度绩效目标逐项评价。"
            "预算执行率按“{{rules.exec_definition}}”计算，得分为预算执行率（最高按{{rules.exec_cap}}%计）"
            "乘以分值{{rules.exec_points}}分。"
        )
    ]
    scored = [s for ps in w.unit.projects for s in ps.indicators]
    if any(not s.indicator.is_qualitative for s in scored):
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
    if any(s.indicator.is_qualitative for s in scored):
        parts = []
        for index, band in enumerate(rules.qualitative_tiers):
            upper = "（含）" if index == 0 else ""
            parts.append(
                f"“{band.name}”按分值的{{{{rules.tier_min.{band.name}}}}}%（含）至{{{{rules.tier_max.{band.name}}}}}%{upper}计分"
            )
        out.append(w.fill("定性指标按完成情况分档评分：" + "，".join(parts) + "。"))
    if any(ps.score_source == "self" for ps in w.unit.projects):
        out.append("未分项填报绩效指标的项目，以项目支出绩效自评表中填报的自评得分为准。")
    out.append(_rounding(w))
    out.append(w.fill(_grades(w)))
    kinds = ["预算执行率低于{{rules.explain_rate_below}}%"]
    if rules.deviation.explain_missed_indicator:
        kinds.append("绩效指标未达成")
    if rules.deviation.explain_over_achievement:
        kinds.append("绩效指标超额完成较多")
    out.append(w.fill("对" + "、".join(kinds) + "的项目，分析偏差原因并提出改进措施。"))
    return out


def _rounding(w: Writer) -> str:
    """The display policy, stated so a reader can recompute every total (scores are summed rounded)."""
    rounding = w.rules.rounding
    mode = _ROUNDING_WORDS[rounding.mode]
    rate, score = _places(rounding.rate_places), _places(rounding.score_places)
    money = w.unit.case.money_unit
    amount = _places(w.facts.amount_places)
    return (
        f"预算执行率和完成率保留{rate}位小数，各指标得分和预算执行率得分保留{score}位小数（{mode}），"
        f"项目总分为各项得分保留{score}位小数后相加之和，平均得分为各项目总分的算术平均值；"
        f"金额以{money}为单位，保留{amount}位小数。"
    )


def _places(n: int) -> str:
    return _CN_PLACES[n] if 0 < n < len(_CN_PLACES) else str(n)


def _grades(w: Writer) -> str:
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


def scope(w: Writer, section: OutlineSection) -> list[str]:
    projects = w.unit.projects
    if w.single:
        head = w.fill("本次评价对象为{{unit.name}}{{unit.year}}年度实施的{{p.label}}", projects[0])
    else:
        head = w.fill("本次评价对象为{{unit.name}}{{unit.year}}年度实施的{{total.projects}}个项目")
    return [head + "，评价范围包括项目预算执行情况和绩效目标完成情况。"]


# --- 三、评价结论 -------------------------------------------------------------------------------------


def conclusion(w: Writer, section: OutlineSection) -> list[str]:
    """The unit's result: mean score and grade counts; projects below the top grade and projects whose low
    execution still earned the top grade are named (their figures are told in 资金 and 四)."""
    projects = w.unit.projects
    top = w.rules.grades[0].name
    if w.single:
        ps = projects[0]
        out = [w.fill("经自评，{{p.label}}" + w.score_clause(ps) + "。", ps)]
    else:
        text = "经自评，{{unit.self}}{{total.projects}}个项目"
        if w.has("total.mean_score"):
            text += "平均得分{{total.mean_score}}分"
        counts = {name: n for name, n in w.unit.grade_counts.items() if n}
        if len(counts) == 1 and next(iter(counts.values())) == len(projects):
            text += f"，自评等级均为“{next(iter(counts))}”"
        elif counts:
            text += "，其中" + "、".join(f"“{name}”{{{{grade_count.{name}}}}}个" for name in counts)
        if any(ps.score is None for ps in projects):
            text += "，尚未评分的项目{{total.unscored}}个"
        out = [w.fill(text + "。")]
        for name in list(w.unit.grade_counts)[1:]:
            lower = [ps for ps in projects if ps.grade == name]
            if lower:
                out.append(w.labels(lower) + f"自评等级为“{name}”。")
    low = [ps for ps in projects if ps.grade == top and w.rate_deviates(ps)]
    if len(low) == 1:
        out.append(_low_rate_top_grade(w, low[0], top))
    elif low:
        out.append(_low_rates_top_grade(w, low, top))
    out.append(
        sentence(w.get("unit.achievements") or placeholder("主要成效（项目实施取得的主要成效和总体评价）"))
    )
    return out


def _low_rates_top_grade(w: Writer, low: list[ProjectScore], top: str) -> str:
    """Several such projects in one sentence: the shortfall once, each project's execution-rate score."""
    scores = "；".join(
        w.fill("{{p.label}}预算执行率得分{{p.rate_score}}分（分值{{rules.exec_points}}分）", ps) for ps in low
    )
    text = w.labels(low) + w.fill("预算执行率低于{{rules.explain_rate_below}}%：") + scores
    text += (
        "。上述项目自评等级仍为“" + top + "”，主要由绩效指标得分支撑，资金执行进度偏慢的问题在第五部分分析。"
    )
    unchecked = [ps for ps in low if ps.score_source == "self"]
    if unchecked:
        text += (
            w.names(unchecked) + "【待核实：未分项填报绩效指标，请对照各项绩效指标完成情况核实自评得分】。"
        )
    return text


def _low_rate_top_grade(w: Writer, ps: ProjectScore, top: str) -> str:
    """A project that spent little yet scored the top grade: said plainly, with its execution-rate score."""
    subject = "该项目" if w.single else "{{p.label}}"
    text = w.fill(
        subject + "预算执行率低于{{rules.explain_rate_below}}%，预算执行率得分{{p.rate_score}}分"
        "（分值{{rules.exec_points}}分），自评等级仍为“" + top + "”",
        ps,
    )
    if ps.score_source == "self":
        return text + "【待核实：该项目未分项填报绩效指标，请对照各项绩效指标完成情况核实自评得分】。"
    return text + "，主要由绩效指标得分支撑，资金执行进度偏慢的问题在第五部分分析。"
