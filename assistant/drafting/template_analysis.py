"""Template sections of part 四: each project's results, and the older topics local outlines may still name
(indicators by level, execution analysis); 项目管理情况 and parts 五 to 七 are in ``template_closing``.

A project's paragraph in 四 gives its score once and then what its indicators reached, by 产出/效益/满意度,
with actual values; an indicator already stated in the officer's 实际完成情况 is not restated. Projects fully
executed with full marks and nothing else to tell share one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count, product, repeat
from typing import NamedTuple

from assistant.drafting.outline import OutlineSection
from assistant.drafting.template_writer import LEVEL1_WORDS, Writer
from assistant.placeholders import OUTCOME, OUTCOME_PLACEHOLDER, placeholder
from assistant.scoring import IndicatorScore, ProjectScore

_NO_OUTCOME = OUTCOME_PLACEHOLDER
_OUTCOME = placeholder(OUTCOME)  # a further one in a run: what it asks for is said in the first


class Framing(NamedTuple):
    """How a project's paragraph in 四 is worded; the first framing that repeats nothing said before is used
    (``Passages``), so two projects' results that come out alike read apart."""

    order: int = 0  # the clause order of an indicator's detail (``Writer.indicator_detail``)
    turn: bool = False  # each further detail turns over to the next order (two alike in one paragraph)
    lead: str = "{}方面，"  # how a first-level indicator's sentence opens ("该项目产出方面，…")
    count_last: bool = False  # the indicator count after the score, or before it
    refer: bool = False  # a deviating indicator with another project's very result: referred to, not restated


_LEADS = ("{}方面，", "{}指标中，")
_ACTUAL = {_LEADS[0]: "实际为", _LEADS[1]: "实际完成"}  # a met indicator's value, worded with the lead
_PLAIN = Framing()
_SUBJECT = re.compile(r"^(?:该项目|本项目|项目|我|全|各|今年|本年|\d)")
# A project whose indicators reached exactly what an earlier project's did (generated units, near-identical
# projects): "该项目" + one of these, the first that repeats nothing.
_SAME_RESULTS = (
    "各项指标的年度指标值、实际完成值和得分均与{}相同。",
    "绩效指标完成情况同{}。",
    "其各项绩效指标的完成情况与{}一致。",
)
_FRAMINGS = [
    Framing(order, turn, lead, last, refer)
    for refer, last, lead, turn, order in product(
        (False, True), (False, True), _LEADS, (False, True), range(3)
    )
]


# --- 四、绩效目标完成情况 -----------------------------------------------------------------------------


def completion(w: Writer, section: OutlineSection) -> list[str]:
    plain = [ps for ps in w.unit.projects if _nothing_more(w, ps)]
    out = [text for text in (_shared_outcomes(w), _shared_results(w), _shared_qualitative(w)) if text]
    for text in out:
        w.passages.commit(text)
    # projects whose results read the same word for word (names aside) share one paragraph
    alike: dict[str, list[ProjectScore]] = {}
    for ps in w.unit.projects:
        if ps not in plain:
            label = w.fill("{{p.label}}", ps)
            alike.setdefault(_project_paragraph(w, ps).replace(label, "〔〕"), []).append(ps)
    written: list[ProjectScore] = []
    for body, group in alike.items():
        if len(group) > 1 and body.startswith("〔〕") and body.count("〔〕") == 1:
            out.append(_fresh_paragraph(w, group[0], group))
        else:
            for ps in group:
                out.append(_fresh_paragraph(w, ps, earlier=written))
                written.append(ps)
    if len(plain) > 1:  # said once for all of them, then each one's own 实际完成情况 to supply
        out.append(
            w.fill(
                (f"以下{len(plain)}个项目" if len(plain) < len(w.unit.projects) else "各项目")
                + "全年执行数均与全年预算数一致，自评得分均为{{rules.total_points}}分，等级均为“"
                + w.rules.grades[0].name
                + "”。"
            )
        )
        out += [
            w.fill("{{p.label}}", ps) + (_NO_OUTCOME if n == 0 else _OUTCOME) + "。"
            for n, ps in enumerate(plain)
        ]
    elif plain:
        out.append(_fresh_paragraph(w, plain[0]))
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
            name = w.get("i.name", ps, k) or ""
            if s.indicator.is_qualitative and w.has("i.tier", ps, k):
                key: tuple[str, ...] = ("tier", name, w.get("i.tier", ps, k) or "")
            elif not _deviates(s) and not _said_in(w, ps, k, s, outcome):
                key = ("met", name, w.fill("{{i.actual}}" + w.unit_of(ps, k), ps, k))
            else:
                continue
            groups.setdefault(key, []).append((ps, k))
    out = []
    mets: dict[str, list[str]] = {}
    tiers: dict[str, list[str]] = {}  # one sentence per tier: "A、B项目的“X”、C、D项目的“Y”均评为…"
    for (kind, name, value), owners in groups.items():
        projects = list({id(ps): ps for ps, _ in owners}.values())
        if len(projects) < 2:
            continue
        if kind == "met":  # one sentence per value: "满意度" and "服务对象满意度" at 100 % are said together
            mets.setdefault(value, []).append(w.labels(projects) + f"的“{name}”")
            w.told.update(f"{w.facts.key_of(ps)}.i{k}.met" for ps, k in owners)
        else:
            tiers.setdefault(value, []).append(w.labels(projects) + f"的“{name}”")
            w.told.update(f"{w.facts.key_of(ps)}.i{k}.tier" for ps, k in owners)
    out += ["、".join(subjects) + f"实际均为{value}，均达到年度指标值" for value, subjects in mets.items()]
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
            elif field == "target" and text in used:  # said with an 实际完成情况 group: worded apart
                clause += f"同以“{text}”为年度指标值"
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


def _fresh_paragraph(
    w: Writer, ps: ProjectScore, alike: list[ProjectScore] | None = None, earlier: list[ProjectScore] = ()
) -> str:
    """A project's paragraph in the first framing that repeats nothing said before (``Passages``): the
    indicators' clauses turn over from one order to the next, and the first-level leads vary. ``alike``:
    projects whose paragraphs read the same word for word (``ps`` first), said once for all of them. When
    every framing repeats (the same indicators with the same results as a project of ``earlier``, another
    score), the results are not restated but referred to that project's."""

    def framed(framing: Framing) -> str:
        text = _project_paragraph(w, ps, framing)
        if not alike:
            return text
        body = text.removeprefix(w.fill("{{p.label}}", ps)).replace("该项目", "")
        return w.labels(alike) + "完成情况相同，均为：" + body

    text = w.passages.pick("", (framed(framing) for framing in _FRAMINGS))
    if not alike and w.passages.clashes(text):
        results = _indicators_of(w, ps) if ps.indicators else ""
        twin = next((other for other in earlier if results and _indicators_of(w, other) == results), None)
        if twin is not None:
            variants = product(range(len(_SAME_RESULTS)), (False, True))
            text = w.passages.pick(
                "",
                (
                    _project_paragraph(w, ps, _PLAIN._replace(count_last=last), same_as=twin, wording=n)
                    for n, last in variants
                ),
            )
    w.passages.commit(text)
    for k, s in enumerate(ps.indicators, 1):
        if _deviates(s):
            w.details.setdefault(_detail(w, ps, k, 0), ps)
    return text


def _deviates(s: IndicatorScore) -> bool:
    """Whether the indicator is told on its own, with its figures: it lost points, fell short of its target (even
    by less than the score's rounding) or went far beyond it."""
    lost = s.indicator.score is not None and s.indicator.score < s.indicator.points
    return s.missed or s.short or s.over_achieved or lost


def _project_paragraph(
    w: Writer,
    ps: ProjectScore,
    framing: Framing = _PLAIN,
    same_as: ProjectScore | None = None,
    wording: int = 0,
) -> str:
    """One paragraph per project (the audit attributes its "该项目" sentences to the name that opens it).

    Several projects: the score and the indicator count in one sentence, the officer's 实际完成情况 as
    written, then the indicators ("该项目产出方面，…"); no fixed phrase of more than a few characters stands
    between two variable parts, so two projects' paragraphs never run alike for long."""
    if w.single:
        text = w.fill("对照年度绩效目标，{{p.label}}的完成情况为：", ps)
        text += w.fill("{{p.outcome}}。", ps) if w.has("p.outcome", ps) else _NO_OUTCOME + "。"
        if ps.indicators:
            text += w.fill(_count(w, ps, "该项目"), ps) + _indicators_of(w, ps, framing)
    else:
        # after the grade with a comma and without "该项目": a fixed run between score and results stays short
        said = w.facts.key_of(ps) + ".outcome" in w.told or not w.has("p.outcome", ps)
        # no 实际完成情况 follows: the count first, so score and results part (a later framing turns it over)
        if ps.indicators and said != framing.count_last:
            text = w.fill(
                "{{p.label}}" + _count(w, ps, "").rstrip("。") + "，" + w.score_clause(ps) + "。", ps
            )
        else:
            count = "，" + _count(w, ps, "").rstrip("。") if ps.indicators else ""
            text = w.fill("{{p.label}}" + w.score_clause(ps) + count + "。", ps)
        if w.facts.key_of(ps) + ".outcome" in w.told:
            pass  # said with the projects that share it
        elif w.has("p.outcome", ps):
            # no indicators follow: "该项目" leads the officer's text (a lead of its own would recur in every
            # such paragraph), unless the text names its subject itself
            own = ps.indicators or _SUBJECT.match(w.get("p.outcome", ps) or "")
            text += w.fill(("" if own else "该项目") + "{{p.outcome}}。", ps)
        elif not ps.indicators:
            text += "该项目" + _NO_OUTCOME + "。"
        results = _indicators_of(w, ps, framing) if ps.indicators else ""
        if same_as is not None:
            results = _SAME_RESULTS[wording].format(w.fill("{{p.label}}", same_as))
        text += "该项目" + results if results else ""
    if ps.needs_explanation and w.single:
        text += "偏差原因和改进措施见第五部分。"
    return text


def _count(w: Writer, ps: ProjectScore, subject: str) -> str:
    """The indicator count, as a template (slots unfilled: the caller fills the sentence it is part of)."""
    if ps.indicators and all(s.score == s.indicator.points for s in ps.indicators):
        return subject + "{{p.indicators}}个三级指标均得满分。"
    return subject + "{{p.indicators}}个三级指标中{{p.indicators_full}}个得满分。"


def _indicators_of(w: Writer, ps: ProjectScore, framing: Framing = _PLAIN) -> str:
    """What the indicators reached, by first-level indicator; details only where points were lost."""
    text = ""
    outcome = w.get("p.outcome", ps) or ""
    frames = count(framing.order) if framing.turn else repeat(framing.order)
    for level1 in dict.fromkeys(s.indicator.level1 for s in ps.indicators):
        chosen = [(k, s) for k, s in enumerate(ps.indicators, 1) if s.indicator.level1 == level1]
        text += _level_sentence(w, ps, level1, chosen, outcome, frames, framing.lead, framing.refer)
    return text


def _level_sentence(
    w: Writer,
    ps: ProjectScore,
    level1: str,
    chosen: list[tuple[int, IndicatorScore]],
    outcome: str,
    frames: Iterator[int] | None = None,
    lead_form: str = "{}方面，",
    refer: bool = False,
) -> str:
    frames = frames or repeat(0)
    met, told = [], 0
    alike: dict[str, list[int]] = {}  # details that read the same but for the name: one clause
    referred: dict[str, list[str]] = {}  # another project's label → names of indicators with its results
    for k, s in chosen:
        twin = w.details.get(_detail(w, ps, k, 0)) if refer and _deviates(s) else None
        if twin is not None and twin is not ps:
            referred.setdefault(w.fill("{{p.label}}", twin), []).append(w.fill("“{{i.name}}”", ps, k))
        elif _deviates(s):
            name = w.fill("“{{i.name}}”", ps, k)
            alike.setdefault(_detail(w, ps, k, 0).replace(name, "〔〕"), []).append(k)
        elif _said_in(w, ps, k, s, outcome) or _stated(w, ps, k):
            told += 1
        elif s.indicator.is_qualitative:
            met.append(
                w.fill("“{{i.name}}”评为“{{i.tier}}”" if w.has("i.tier", ps, k) else "“{{i.name}}”", ps, k)
            )
        else:
            said = w.fill("“{{i.name}}”" + _ACTUAL[lead_form] + "{{i.actual}}" + w.unit_of(ps, k), ps, k)
            if said not in met:  # namesake rows with the same value: one fact
                met.append(said)
    details = []
    for ks in alike.values():
        names = [w.fill("“{{i.name}}”", ps, k) for k in ks]
        detail = _detail(w, ps, ks[0], next(frames))
        if len(ks) > 1:  # "“A”和“B”均为定性指标，评为…，得4分（分值5分）"
            joined = "、".join(names[:-1]) + "和" + names[-1]
            head, _, rest = detail.partition(names[0])
            detail = head + joined + "均" + rest.replace(names[0], joined)
        details.append(detail)
    for label, names in referred.items():
        joined = "和".join(names)
        details.append(
            joined
            + "的年度指标值、实际完成值和得分与"
            + label
            + ("同名指标" if len(names) == 1 else "")
            + "相同"
        )
    word = LEVEL1_WORDS.get(level1, level1)
    parts = []
    if met:
        parts.append("、".join(met) + ("，均" if len(met) > 1 else "，") + "达到年度指标值")
    elif told and not details:
        parts.append(f"{word}指标" + ("均已" if lead_form != _LEADS[0] else "均") + "达到年度指标值")
    parts += details
    if not parts:
        return ""
    lead = lead_form.format(word) if not (told and not met and not details) else ""
    return lead + "；".join(parts) + "。"


def _detail(w: Writer, ps: ProjectScore, k: int, frame: int) -> str:
    """One indicator that lost points or deviated: its figures (or texts), tier and score, filled."""
    s = ps.indicators[k - 1]
    # a namesake of an earlier row of the project (two rows named alike): "另一项"
    again = any(o.indicator.name == s.indicator.name for o in ps.indicators[: k - 1])
    if again and s.indicator.is_qualitative:
        w.told.add(f"{w.facts.key_of(ps)}.i{k}.again")
    detail = ("另一项" if again else "") + w.indicator_detail(ps, k, s, frame)
    status = w.status(s)
    # a completion below 100% says "not reached" already; "超额完成较多" goes right after the name
    shown = status == "未达到年度指标值" and w.has("i.completion", ps, k)
    if not s.indicator.is_qualitative and not shown and not s.over_achieved:
        detail += "，" + status
    return w.fill(detail, ps, k)


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
