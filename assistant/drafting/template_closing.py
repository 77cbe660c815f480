"""Template sections of 项目管理情况 and of parts 五 to 七: 存在的问题, 偏差原因和改进措施, 结果应用和公开,
其他问题; and the older topics local outlines may still name (经验做法, 建议).

Split from ``template_analysis`` (the results of part 四) because these sections tell what the officer knows
about management and follow-up, mostly in the officer's words or as markers naming the missing fact.
五 first sorts the deviations into problems (no figures), then gives each project's cause and measure.
"""

from __future__ import annotations

import re

from assistant.drafting.outline import OutlineSection
from assistant.drafting.template_deviations import explanations
from assistant.drafting.template_writer import Writer, sentence
from assistant.facts import count_cn
from assistant.placeholders import IMPLEMENTER, placeholder
from assistant.scoring import ProjectScore

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
    out = ["；".join(clauses) + "。"] if clauses else []
    if by_implementer:  # none given: the unit runs its projects itself, nothing to ask
        # one sentence and marker per project, which reads as finished with the officer's unit in its place
        out += [w.fill("{{p.label}}由", ps) + placeholder(IMPLEMENTER) + "具体实施。" for ps in missing]
    how = w.get("unit.implementation") or placeholder("组织实施（实施方案制定、任务分解、进度管控和验收）")
    return [*out, sentence(how)]


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
        lead = "部分绩效指标未达成年度指标值，涉及"
        items.append(lead + w.passages.pick(_said(items) + lead, missed))
    over = _indicator_problems(w, lambda s: s.over_achieved)
    if over:
        lead = "个别绩效指标超额完成较多，"
        rest = w.fill("实际完成值达到年度指标值的{{rules.over_percent}}%以上，绩效目标设定的合理性有待提高")
        items.append(lead + w.passages.pick(_said(items) + lead, (text + rest for text in over)))
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


def _indicator_problems(w: Writer, wanted) -> list[str]:
    """The projects' indicators that ``wanted`` picks, as alternative wordings: by project (projects with the
    same indicators named together), or by indicator, each with its projects (several projects sharing part
    of their indicators would otherwise repeat a run of names). Empty when none."""
    by_project: dict[tuple[str, ...], list[ProjectScore]] = {}
    by_name: dict[str, list[ProjectScore]] = {}
    for ps in w.unit.projects:
        # a name the project gives two rows (namesakes) is named once: the problem is the same
        names = tuple(
            dict.fromkeys(w.fill("“{{i.name}}”", ps, k) for k, s in enumerate(ps.indicators, 1) if wanted(s))
        )
        if names:
            by_project.setdefault(names, []).append(ps)
            for name in names:
                by_name.setdefault(name, []).append(ps)
    if not by_project:
        return []
    if w.single:
        return ["该项目" + "".join(next(iter(by_project)))]
    projects = "；".join(w.labels(group) + "的" + "".join(names) for names, group in by_project.items())
    indicators = "；".join(name + "（" + w.labels(group) + "）" for name, group in by_name.items())
    return [projects, indicators]


def _said(items: list[str]) -> str:
    """The problems paragraph as far as ``items`` go (what a further item must not repeat)."""
    return "".join(f"{_ordinal(n)}是{item}。" for n, item in enumerate(items, 1))


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
    slow = [ps for ps in needing if w.rate_deviates(ps)]
    missed = [ps for ps in needing if any(s.missed for s in ps.indicators)]
    offers = []  # what the deviations suggest, each only where it applies
    if slow:
        offers.append(f"针对{w.names(slow)}的执行偏差调整下年度预算安排")
    if missed:
        offers.append(f"对{w.names(missed)}未达成的指标限期整改")
    over = [ps for ps in needing if any(s.over_achieved for s in ps.indicators)]
    if over:
        offers.append(f"据{w.names(over)}超额完成较多的指标调整下年度绩效目标值")
    if offers:
        hint = "；可考虑" + "、".join(offers)
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
