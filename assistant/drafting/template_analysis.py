"""Template sections of parts 四 to 七: each project's results, 项目管理情况, 存在的问题, 偏差原因和改进措施,
结果应用和公开, 其他问题; and the older topics local outlines may still name (indicators by level, execution
analysis, 经验做法, 建议).

A project's paragraph in 四 gives its score once and then what its indicators reached, by 产出/效益/满意度,
with actual values; an indicator already stated in the officer's 实际完成情况 is not restated. Projects fully
executed with full marks and nothing else to tell share one sentence. 五 first sorts the deviations into
problems (no figures), then gives each project's cause and measure in the officer's words or as markers.
"""

from __future__ import annotations

import re

from assistant.drafting.outline import OutlineSection
from assistant.drafting.template_deviations import explanations
from assistant.drafting.template_writer import LEVEL1_WORDS, Writer, sentence
from assistant.facts import count_cn
from assistant.placeholders import placeholder
from assistant.scoring import IndicatorScore, ProjectScore

_NO_OUTCOME = placeholder("实际完成情况（主要产出、效益和满意度情况）")
_PROCUREMENT = re.compile(r"采购|招标|中标|合同|工程|结算|验收|施工")
_FLAG_NOTES = {
    "SELF_SCORE_DIFFERS": "填报的自评得分与按绩效指标计算的得分不一致，本报告采用按指标计算的得分",
    "SCORE_DIFFERS": "部分定量指标填报的得分与按评分规则计算的得分不一致，本报告采用按规则计算的得分",
    "SOURCES_MISMATCH": "资金来源各项合计与年度资金总额不一致",
    "EXECUTED_WITHOUT_BUDGET": "全年预算数为零但有执行数",
    "QUAL_SCORE_OUT_OF_BAND": "定性指标得分不在所选评价档次的分值区间内",
    "QUAL_TIER_UNKNOWN": "定性指标的评价档次不属于评分规则所列档次",
    "QUAL_SCORE_MISSING": "定性指标未填写得分",
}


# --- 四、绩效目标完成情况 -----------------------------------------------------------------------------


def completion(w: Writer, section: OutlineSection) -> list[str]:
    plain = [ps for ps in w.unit.projects if _nothing_more(w, ps)]
    out = [text for text in (_shared_outcomes(w), _shared_results(w), _shared_qualitative(w)) if text]
    out += [_project_paragraph(w, ps) for ps in w.unit.projects if ps not in plain]
    if len(plain) > 1:
        out.append(
            w.fill(
                w.names(plain)
                + "全年执行数与全年预算数一致，自评得分均为{{rules.total_points}}分，等级均为“"
                + w.rules.grades[0].name
                + "”"
            )
            + placeholder("实际完成情况（上述项目的主要产出、效益和满意度情况）")
            + "。"
        )
    elif plain:
        out.append(_project_paragraph(w, plain[0]))
    needing = w.unit.needing_explanation
    if needing and not w.single:  # said once, after the paragraphs it is about
        out.append(w.labels(needing) + "的偏差原因和改进措施见第五部分。")
    return out


def _shared_outcomes(w: Writer) -> str:
    """A 实际完成情况 several projects share, said once for all of them."""
    by_text: dict[str, list[ProjectScore]] = {}
    for ps in w.unit.projects:
        if not w.single and w.has("p.outcome", ps):
            by_text.setdefault(w.get("p.outcome", ps) or "", []).append(ps)
    out = []
    for text, group in by_text.items():
        if len(group) > 1:
            w.told.update(w.facts.key_of(ps) + ".outcome" for ps in group)
            out.append(w.labels(group) + "的实际完成情况均为：" + text.rstrip("。"))
    return "对照年度绩效目标，" + "；".join(out) + "。" if out else ""


def _shared_results(w: Writer) -> str:
    """Indicators several projects share with the same result ("满意度" at 100 %, "群众评价" in one tier): said
    once for all of them (real reports repeat 满意度, 覆盖率 … across projects); each project's paragraph then
    leaves the met ones out and gives the others' scores only."""
    if w.single:
        return ""
    groups: dict[tuple[str, ...], list[tuple[ProjectScore, int]]] = {}
    for ps in w.unit.projects:
        outcome = w.get("p.outcome", ps) or ""
        for k, s in enumerate(ps.indicators, 1):
            lost = s.indicator.score is not None and s.indicator.score < s.indicator.points
            name = w.get("i.name", ps, k) or ""
            if s.indicator.is_qualitative and w.has("i.tier", ps, k):
                key: tuple[str, ...] = ("tier", name, w.get("i.tier", ps, k) or "")
            elif not (s.missed or s.over_achieved or lost) and not _said_in(w, ps, k, s, outcome):
                key = ("met", name, w.fill("{{i.actual}}" + w.unit_of(ps, k), ps, k))
            else:
                continue
            groups.setdefault(key, []).append((ps, k))
    out = []
    tiers: dict[str, list[str]] = {}  # one sentence per tier: "A、B项目的“X”、C、D项目的“Y”均评为…"
    for (kind, name, value), owners in groups.items():
        projects = list({id(ps): ps for ps, _ in owners}.values())
        if len(projects) < 2:
            continue
        if kind == "met":
            out.append(w.labels(projects) + f"的“{name}”实际均为{value}，均达到年度指标值")
            w.told.update(f"{w.facts.key_of(ps)}.i{k}.met" for ps, k in owners)
        else:
            tiers.setdefault(value, []).append(w.labels(projects) + f"的“{name}”")
            w.told.update(f"{w.facts.key_of(ps)}.i{k}.tier" for ps, k in owners)
    out += ["、".join(subjects) + f"均评为“{tier}”" for tier, subjects in tiers.items()]
    return "；".join(out) + "。" if out else ""


def _shared_qualitative(w: Writer) -> str:
    """Officer texts several 定性 indicators share (the same 实际完成情况 or 年度指标值 is common: 满意度,
    制度建设 …), said once for all of them; each indicator's own sentence then gives its score and tier.
    Indicators are grouped by 实际完成情况 first (with the 年度指标值 when the whole group shares it), the
    rest by 年度指标值, so no list of names is a part of another."""
    shown = []
    for ps in w.unit.projects:
        for k, s in enumerate(ps.indicators, 1):
            lost = s.indicator.score is not None and s.indicator.score < s.indicator.points
            if s.indicator.is_qualitative and (s.missed or s.over_achieved or lost):
                shown.append((ps, k))
    out = []
    rest = shown
    used: set[str] = set()
    for field in ("actual", "target"):
        groups: dict[str, list[tuple[ProjectScore, int]]] = {}
        for ps, k in rest:
            text = w.get(f"i.{field}", ps, k)
            if text:
                groups.setdefault(text, []).append((ps, k))
        for text, owners in groups.items():
            if len(owners) < 2:
                continue
            clause = _owners(w, owners)
            targets = {w.get("i.target", ps, k) for ps, k in owners}
            if field == "actual" and len(targets) == 1 and None not in targets:
                target = targets.pop()
                if target in used:  # another group's target too: worded the other way round
                    clause += f"的实际完成情况均为“{text}”，年度指标值同为“{target}”"
                else:
                    clause += f"的年度指标值均为“{target}”，实际完成情况均为“{text}”"
                used.add(target)
                w.told.update(f"{w.facts.key_of(ps)}.i{k}.target" for ps, k in owners)
            else:
                clause += ("的实际完成情况" if field == "actual" else "的年度指标值") + f"均为“{text}”"
            w.told.update(f"{w.facts.key_of(ps)}.i{k}.{field}" for ps, k in owners)
            out.append(clause)
        rest = [(ps, k) for ps, k in rest if f"{w.facts.key_of(ps)}.i{k}.actual" not in w.told]
    return "定性指标中，" + "；".join(out) + "。" if out else ""


def _owners(w: Writer, owners: list[tuple[ProjectScore, int]]) -> str:
    """ "甲项目“A”“B”、乙项目“C”" (no project names in a single-project report)."""
    parts: list[str] = []
    last = None
    for ps, k in owners:
        name = w.fill("“{{i.name}}”", ps, k)
        if ps is last:
            parts[-1] += "和" + name  # "和" within a project: no list of names here runs like 五's
        else:
            parts.append(name if w.single else w.fill("{{p.label}}的", ps) + name)
        last = ps
    return "、".join(parts)


def _nothing_more(w: Writer, ps: ProjectScore) -> bool:
    """Fully executed, full marks, no indicator rows and no 实际完成情况: one grouped sentence says it all."""
    return (
        not w.single
        and w.fully_executed(ps)
        and w.full_marks(ps)
        and not ps.indicators
        and not w.has("p.outcome", ps)
    )


def _project_paragraph(w: Writer, ps: ProjectScore) -> str:
    """One paragraph per project (the audit attributes its "该项目" sentences to the name that opens it).

    Several projects: the score and the indicator count in one sentence, the officer's 实际完成情况 as
    written, then the indicators ("该项目产出方面，…"); no fixed phrase of more than a few characters stands
    between two variable parts, so two projects' paragraphs never run alike for long."""
    if w.single:
        text = w.fill("对照年度绩效目标，{{p.label}}的完成情况为：", ps)
        text += w.fill("{{p.outcome}}。", ps) if w.has("p.outcome", ps) else _NO_OUTCOME + "。"
        if ps.indicators:
            text += w.fill(_count(w, ps, "该项目"), ps) + _indicators_of(w, ps)
    else:
        # after the grade with a comma and without "该项目": a fixed run between score and results stays short
        said = w.facts.key_of(ps) + ".outcome" in w.told or not w.has("p.outcome", ps)
        if ps.indicators and said:  # no 实际完成情况 follows: the count first, so score and results part
            text = w.fill(
                "{{p.label}}" + _count(w, ps, "").rstrip("。") + "，" + w.score_clause(ps) + "。", ps
            )
        else:
            count = "，" + _count(w, ps, "").rstrip("。") if ps.indicators else ""
            text = w.fill("{{p.label}}" + w.score_clause(ps) + count + "。", ps)
        if w.facts.key_of(ps) + ".outcome" in w.told:
            pass  # said with the projects that share it
        elif w.has("p.outcome", ps):
            text += w.fill(("" if ps.indicators else "对照年度绩效目标，") + "{{p.outcome}}。", ps)
        elif not ps.indicators:
            text += "该项目" + _NO_OUTCOME + "。"
        results = _indicators_of(w, ps) if ps.indicators else ""
        text += "该项目" + results if results else ""
    if ps.needs_explanation and w.single:
        text += "偏差原因和改进措施见第五部分。"
    return text


def _count(w: Writer, ps: ProjectScore, subject: str) -> str:
    """The indicator count, as a template (slots unfilled: the caller fills the sentence it is part of)."""
    if ps.indicators and all(s.score == s.indicator.points for s in ps.indicators):
        return subject + "{{p.indicators}}个三级指标均得满分。"
    return subject + "{{p.indicators}}个三级指标中{{p.indicators_full}}个得满分。"


def _indicators_of(w: Writer, ps: ProjectScore) -> str:
    """What the indicators reached, by first-level indicator; details only where points were lost."""
    text = ""
    outcome = w.get("p.outcome", ps) or ""
    for level1 in dict.fromkeys(s.indicator.level1 for s in ps.indicators):
        chosen = [(k, s) for k, s in enumerate(ps.indicators, 1) if s.indicator.level1 == level1]
        text += _level_sentence(w, ps, level1, chosen, outcome)
    return text


def _level_sentence(
    w: Writer, ps: ProjectScore, level1: str, chosen: list[tuple[int, IndicatorScore]], outcome: str
) -> str:
    met, told, details = [], 0, []
    for k, s in chosen:
        lost = s.indicator.score is not None and s.indicator.score < s.indicator.points
        # a namesake of an earlier row of the project (two rows named alike): "另一项", score first
        again = any(o.indicator.name == s.indicator.name for o in ps.indicators[: k - 1])
        if s.missed or s.over_achieved or lost:
            if again and s.indicator.is_qualitative:
                w.told.add(f"{w.facts.key_of(ps)}.i{k}.again")
            detail = ("另一项" if again else "") + w.indicator_detail(ps, k, s)
            status = w.status(s)
            # a completion below 100% says "not reached" already; "超额完成较多" goes right after the name
            shown = status == "未达到年度指标值" and w.has("i.completion", ps, k)
            if not s.indicator.is_qualitative and not shown and not s.over_achieved:
                detail += "，" + status
            details.append(w.fill(detail, ps, k))
        elif _said_in(w, ps, k, s, outcome) or _stated(w, ps, k):
            told += 1
        elif s.indicator.is_qualitative:
            met.append(
                w.fill("“{{i.name}}”评为“{{i.tier}}”" if w.has("i.tier", ps, k) else "“{{i.name}}”", ps, k)
            )
        else:
            said = w.fill("“{{i.name}}”实际为{{i.actual}}" + w.unit_of(ps, k), ps, k)
            if said not in met:  # namesake rows with the same value: one fact
                met.append(said)
    word = LEVEL1_WORDS.get(level1, level1)
    parts = []
    if met:
        parts.append("、".join(met) + ("，均" if len(met) > 1 else "，") + "达到年度指标值")
    elif told and not details:
        parts.append(f"{word}指标均达到年度指标值")
    parts += details
    if not parts:
        return ""
    lead = f"{word}方面，" if not (told and not met and not details) else ""
    return lead + "；".join(parts) + "。"


def _stated(w: Writer, ps: ProjectScore, k: int) -> bool:
    """Met, and said with the projects sharing the result (``_shared_results``)."""
    key = f"{w.facts.key_of(ps)}.i{k}"
    return key + ".met" in w.told or (
        key + ".tier" in w.told and ps.indicators[k - 1].score == ps.indicators[k - 1].indicator.points
    )


def _said_in(w: Writer, ps: ProjectScore, k: int, s: IndicatorScore, outcome: str) -> bool:
    """Does the officer's 实际完成情况 already state this indicator's result (its name, or value with unit)?"""
    if not outcome or s.indicator.is_qualitative:
        return False
    name, actual, unit = (w.get(f"i.{key}", ps, k) or "" for key in ("name", "actual", "unit"))
    if name and name in outcome:
        return True
    return bool(
        actual and unit and unit != "%" and re.search(rf"(?<![\d.]){re.escape(actual + unit)}", outcome)
    )


def indicators(w: Writer, section: OutlineSection) -> list[str]:
    """Indicators of one first-level kind (``section.level1``) per project, for outlines that split them."""
    level1 = section.level1 or ""
    out = []
    for ps in w.unit.projects:
        chosen = [
            (k, s)
            for k, s in enumerate(ps.indicators, 1)
            if not level1 or s.indicator.level1[:2] == level1[:2]
        ]
        if chosen:
            sentence = _level_sentence(w, ps, chosen[0][1].indicator.level1, chosen, "")
            out.append(
                w.fill("{{p.label}}", ps) + sentence.removeprefix(f"{LEVEL1_WORDS.get(level1, level1)}方面，")
            )
        elif level1:
            out.append(w.fill("{{p.label}}未设置" + level1 + "。", ps))
        else:
            out.append(w.fill("{{p.label}}未分项填报绩效指标。", ps))
    return out


def execution_analysis(w: Writer, section: OutlineSection) -> list[str]:
    return [
        w.execution_sentence(ps).rstrip("。")
        + w.fill("，预算执行率得分{{p.rate_score}}分（分值{{rules.exec_points}}分）。", ps)
        for ps in w.unit.projects
    ]


# --- 四（二）项目管理情况 -----------------------------------------------------------------------------


def management_implementation(w: Writer, section: OutlineSection) -> list[str]:
    by_implementer: dict[str, list[ProjectScore]] = {}
    missing = []
    for ps in w.unit.projects:
        who = w.get("p.implementer", ps)
        if who:
            by_implementer.setdefault(who, []).append(ps)
        else:
            missing.append(ps)
    clauses = [w.labels(group) + f"由{who}具体实施" for who, group in by_implementer.items()]
    text = "；".join(clauses) + "。" if clauses else ""
    if by_implementer and missing:  # none given: the unit runs its projects itself, nothing to ask
        # the projects named in the mark's paragraph tell the interview whose 实施单位 it asks for
        text += w.names(missing) + "的实施单位" + placeholder("实施单位") + "。"
    how = w.get("unit.implementation") or placeholder("组织实施（实施方案制定、任务分解、进度管控和验收）")
    return [text, sentence(how)] if text else [sentence(how)]


def management_funds(w: Writer, section: OutlineSection) -> list[str]:
    unspent = [ps for ps in w.unit.projects if ps.project.budget > ps.project.executed]
    hint = f"；未全额执行的项目：{w.names(unspent)}" if unspent else ""
    given = w.get("unit.fund_management")
    return [
        sentence(
            given or placeholder("资金管理（资金拨付、支付审批、会计核算和结余资金管理情况" + hint + "）")
        )
    ]


def management_rules(w: Writer, section: OutlineSection) -> list[str]:
    return [
        sentence(
            w.get("unit.rules_in_place") or placeholder("制度建设（项目管理和资金管理制度的制定和执行情况）")
        )
    ]


def management_procurement(w: Writer, section: OutlineSection) -> list[str]:
    involved = [
        ps
        for ps in w.unit.projects
        if any(_PROCUREMENT.search(w.get(f"p.{key}", ps) or "") for key in ("outcome", "background", "cause"))
    ]
    given = w.get("unit.procurement")
    if given:
        return [sentence(given)]
    if involved:
        hint = f"；{w.names(involved)}的填报内容涉及合同、工程或验收"
        return [sentence(placeholder("政府采购（采购方式、合同签订和履约验收" + hint + "）"))]
    return [sentence(placeholder("政府采购（执行情况；不涉及政府采购的，写明不涉及）"))]


# --- 五、存在的问题，偏差原因和改进措施 -------------------------------------------------------------------


def problems(w: Writer, section: OutlineSection) -> list[str]:
    """The deviations sorted into kinds of problem, naming projects and indicators but no figures."""
    items = []
    low = [ps for ps in w.unit.projects if w.rate_deviates(ps)]
    if low:
        subject = "" if w.single else w.labels(low)
        items.append(
            ("部分项目" if len(low) > 1 else "")
            + "预算执行进度滞后，"
            + subject
            + w.fill("预算执行率低于{{rules.explain_rate_below}}%")
        )
    missed = _indicator_problems(w, lambda s: s.missed)
    if missed:
        items.append("部分绩效指标未达成年度指标值，涉及" + missed)
    over = _indicator_problems(w, lambda s: s.over_achieved)
    if over:
        items.append(
            "个别绩效指标超额完成较多，"
            + over
            + w.fill("实际完成值达到年度指标值的{{rules.over_percent}}%以上，绩效目标设定的合理性有待提高")
        )
    gaps = []
    if any(not w.has("p.goal", ps) for ps in w.unit.projects):
        gaps.append("未填报年度总体目标" if w.single else w.fill("{{total.no_goal}}个项目未填报年度总体目标"))
    if any(ps.score_source == "self" for ps in w.unit.projects):
        gaps.append(
            "未分项填报绩效指标" if w.single else w.fill("{{total.self_scored}}个项目未分项填报绩效指标")
        )
    if gaps:
        # "其中" makes the counts a part of the projects for the reader and the audit alike.
        items.append("绩效目标填报不完整，" + ("" if w.single else "其中") + "，".join(gaps))
    given = w.get("unit.problems")
    if not items:
        rest = given or placeholder("存在问题（项目实施和管理中存在的问题；如无，写“无”）")
        return ["经自评，未发现明显偏离绩效目标的情况。" + sentence(rest)]
    out = [f"{_ordinal(n)}是{item}。" for n, item in enumerate(items, 1)]
    rest = given or placeholder("存在问题（项目实施和管理中存在的其他问题；如无，写“无”）")
    return ["".join(out) + sentence(rest)]


def _indicator_problems(w: Writer, wanted) -> str:
    per_project = []
    for ps in w.unit.projects:
        # a name the project gives two rows (namesakes) is named once: the problem is the same
        names = list(
            dict.fromkeys(w.fill("“{{i.name}}”", ps, k) for k, s in enumerate(ps.indicators, 1) if wanted(s))
        )
        if names:
            per_project.append(("该项目" if w.single else w.fill("{{p.label}}的", ps)) + "".join(names))
    return "；".join(per_project)


def _ordinal(n: int) -> str:
    return count_cn(n)


def deviations(w: Writer, section: OutlineSection) -> list[str]:
    return explanations(w, cause=True, measure=True)


def experience(w: Writer, section: OutlineSection) -> list[str]:
    head = [sentence(w.get("unit.experience") or placeholder("主要经验"))]
    return head + problems(w, section) + explanations(w, cause=True, measure=False)


def suggestions(w: Writer, section: OutlineSection) -> list[str]:
    out = [text for text in explanations(w, cause=False, measure=True) if "下一步" in text]
    if not out:
        out.append(w.fill("{{unit.self}}将继续加强预算执行管理和绩效目标管理，提高财政资金使用效益。"))
    return out


# --- 六、七 ------------------------------------------------------------------------------------------


def application(w: Writer, section: OutlineSection) -> list[str]:
    """The officer's 结果应用 and 公开情况 (the unit decides both), else their markers, with the deviations
    as a hint for the use."""
    needing = w.unit.needing_explanation
    hint = ""
    if needing:
        hint = f"；可考虑针对{w.names(needing)}的偏差调整下年度预算安排、对未达成的指标限期整改"
    use = w.get("unit.result_use") or placeholder(
        "结果应用（在预算安排、政策调整和项目管理中的应用" + hint + "）"
    )
    public = w.get("unit.disclosure") or placeholder(
        "公开情况（自评报告和自评表的公开方式、时间和网址，如随部门决算公开）"
    )
    return [sentence(use), sentence(public)]


def other(w: Writer, section: OutlineSection) -> list[str]:
    notes = []
    for ps in w.unit.projects:
        seen = dict.fromkeys(flag.code for flag in ps.flags if flag.code in _FLAG_NOTES)
        for code in seen:
            notes.append(w.fill("{{p.label}}", ps) + f"【待核实：{_FLAG_NOTES[code]}】。")
    return [
        *notes,
        sentence(w.get("unit.other_notes") or placeholder("其他说明（其他需要说明的问题；如无，写“无”）")),
    ]
