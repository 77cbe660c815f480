"""Part 五（二）: why projects deviated and what comes next, each fact said once.

Projects that deviate the same way and lack the same fact share one paragraph ("甲、乙项目预算执行率分别为
30.00%、45.50%，均低于90%…"): a cause the officer gave for several projects is quoted once for all of them,
and a missing cause or measure stays a marker of its own after each project's name (the interview, the
audit and the model drafter's validator find a project's markers in the text that follows its name). The
officer's notes on single indicators (偏差原因分析及改进措施) follow, each text once with every indicator it
explains; then the measures given, each text once with the projects it serves.
"""

from __future__ import annotations

import re

from assistant.drafting.template_writer import Writer, sentence
from assistant.placeholders import CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.scoring import IndicatorScore, ProjectScore

NO_DEVIATION_REST = "其余项目均按计划执行，未发现明显偏离绩效目标的情况。"
NO_DEVIATION_ALL = "{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况。"
# Leads of a cause several projects share, turning over from one shared cause to the next.
_SHARED_LEADS = ("的原因均在于：", "的共同原因是：", "的主要原因均为：", "的原因相同，均为：")
_MEASURE_LEAD = re.compile(r"^(?:下一步|今后|我[部局委办院校]|本单位)?[，,]?\s*(?:将|要)?")


def explanations(w: Writer, *, cause: bool, measure: bool) -> list[str]:
    """The deviation part's paragraphs (``cause``/``measure`` choose what is said, for outlines that split
    them between 经验 and 建议)."""
    needing = w.unit.needing_explanation
    extra = [
        ps
        for ps in w.unit.projects
        if not ps.needs_explanation and (w.has("p.cause", ps) or w.has("p.measure", ps))
    ]
    if w.single:
        out = [_single(w, ps, cause=cause, measure=measure) for ps in needing]
        out += [_extra(w, [ps], cause=cause, measure=measure) for ps in extra]
    else:
        out = _grouped(w, needing, extra, cause=cause, measure=measure)
    out = [text for text in out if text]
    if not out:
        return [w.fill(NO_DEVIATION_ALL)]
    if len(needing) + len(extra) < len(w.unit.projects):
        out.append(NO_DEVIATION_REST)
    return out


# --- what deviated ---------------------------------------------------------------------------------------


def _kind(w: Writer, ps: ProjectScore) -> tuple[bool, bool]:
    return w.rate_deviates(ps), bool(w.flagged(ps))


def _covered(w: Writer, ps: ProjectScore) -> bool:
    """Every flagged indicator carries the officer's note and execution is within bounds: the notes explain."""
    flagged = w.flagged(ps)
    noted = [k for k, _ in flagged if w.has("i.note", ps, k)]
    return bool(flagged) and len(noted) == len(flagged) and not w.rate_deviates(ps)


def _wants_cause(w: Writer, ps: ProjectScore) -> bool:
    return w.has("p.cause", ps) or not _covered(w, ps)


def _wants_measure(w: Writer, ps: ProjectScore) -> bool:
    return w.has("p.measure", ps) or not _covered(w, ps)


def _what(w: Writer, projects: list[ProjectScore], *, among: bool = False) -> str:
    """The deviations of projects of one kind, with their execution rates: "甲项目预算执行率30.00%，低于90%，
    且部分绩效指标出现偏差" or "甲、乙项目预算执行率分别为…，均低于90%，且均有部分绩效指标出现偏差"."""
    rate, indicators = _kind(w, projects[0])
    below = w.fill("{{rules.explain_rate_below}}")
    if len(projects) == 1:
        ps = projects[0]
        clauses = []
        if rate:
            # "的" among other kinds: that clause and a paragraph's own opening do not run alike
            clauses.append(w.fill(("的" if among else "") + "预算执行率{{p.rate}}%", ps) + f"，低于{below}%")
        if indicators:
            clauses.append("部分绩效指标出现偏差")
        return w.fill("{{p.label}}", ps) + "，且".join(clauses)
    clauses = []
    if rate:
        rates = "、".join(w.fill("{{p.rate}}%", ps) for ps in projects)
        clauses.append(f"预算执行率分别为{rates}，均低于{below}%")
    if indicators:
        clauses.append(("且均有" if rate else "均有") + "部分绩效指标出现偏差")
    return w.labels(projects) + "，".join(clauses)


def _whats(w: Writer, projects: list[ProjectScore]) -> str:
    """Several kinds in one place: each kind once, its projects together."""
    kinds: dict[tuple[bool, bool], list[ProjectScore]] = {}
    for ps in projects:
        kinds.setdefault(_kind(w, ps), []).append(ps)
    return "；".join(_what(w, group, among=len(kinds) > 1) for group in kinds.values())


# --- units of several projects ---------------------------------------------------------------------------


def _grouped(
    w: Writer, needing: list[ProjectScore], extra: list[ProjectScore], *, cause: bool, measure: bool
) -> list[str]:
    """What deviated, each kind once with its projects' figures; then the causes by what the projects share
    (a cause several give quoted once; the other given causes; the markers, never beside a given cause), each
    paragraph closed by its projects' own measures (or markers); the indicator notes, each text once; the
    measures several projects share (or whose project has no paragraph of its own), each text once."""
    if len(needing) == 1:  # one project: what, why and what next in one paragraph, as in a report of one
        return _one_of_several(w, needing[0], extra, cause=cause, measure=measure)
    causes: dict[str, int] = {}
    for ps in needing:
        if cause and w.has("p.cause", ps):
            causes[w.get("p.cause", ps) or ""] = causes.get(w.get("p.cause", ps) or "", 0) + 1
    groups: dict[tuple, list[ProjectScore]] = {}
    for ps in needing:
        given = w.get("p.cause", ps) if cause else None
        if given and causes[given] > 1:  # a cause several projects share: quoted once for all
            key: tuple = ("cause", given)
        elif cause and _wants_cause(w, ps):
            key = ("given",) if given else ("marker",)
        else:  # no cause asked here, or the officer's indicator notes explain it all (they follow)
            key = ("none",)
        groups.setdefault(key, []).append(ps)
    uses: dict[str, int] = {}
    for ps in [*needing, *extra]:
        if measure and w.has("p.measure", ps):
            uses[_measure_text(w, ps)] = uses.get(_measure_text(w, ps), 0) + 1
    placed: set[int] = set()
    shared = 0
    # What deviated, for the projects whose cause follows (the notes name the others); one such project:
    # what, why and what next in one sentence.
    causal = [ps for key, group in groups.items() if key[0] != "none" for ps in group]
    alone = len(causal) == 1
    what = _whats(w, causal if cause else needing)
    out = [what + "。"] if (causal or not cause) and not alone else []
    for key, group in groups.items():
        own = [
            ps
            for ps in group
            if measure
            and _wants_measure(w, ps)
            and (not w.has("p.measure", ps) or uses[_measure_text(w, ps)] == 1)
        ]
        placed.update(id(ps) for ps in own)
        if alone and key[0] != "none":
            out.append(what + "，主要原因是" + _cause(w, group[0]) + "。" + _measures(w, own, alone=True))
        elif key[0] in ("given", "marker"):
            # a paragraph per project: its cause after its name, its own measure or marker after it (the
            # audit and the interview read a paragraph's markers as its project's)
            for ps in group:
                mine = [ps] if ps in own else []
                text = w.fill("{{p.label}}", ps) + "的主要原因是" + _cause(w, ps) + "。"
                out.append(text + _measures(w, mine, alone=True))
        elif key[0] == "cause":
            text = w.labels(group) + _SHARED_LEADS[shared % len(_SHARED_LEADS)] + sentence(key[1])
            shared += 1
            given = [ps for ps in own if w.has("p.measure", ps)]
            out.append(text + _measures(w, given, alone=False))
            # a measure still to give: a short paragraph of its project's own
            out += [_measures(w, [ps], alone=False) for ps in own if ps not in given]
        else:
            out += [_measures(w, [ps], alone=False) for ps in own]
    if cause and extra:
        out += _extra_causes(w, extra, uses, placed)
    out.append(_notes(w, needing))
    if measure:
        rest = [ps for ps in [*needing, *extra] if w.has("p.measure", ps) and id(ps) not in placed]
        out.append(_given_measures(w, rest))
    return out


def _one_of_several(
    w: Writer, ps: ProjectScore, extra: list[ProjectScore], *, cause: bool, measure: bool
) -> list[str]:
    """The one deviating project, then the others whose officer explained something; a measure it shares
    with them is said once, for all of them, after the causes."""
    uses: dict[str, int] = {}
    for other in [ps, *extra]:
        if measure and w.has("p.measure", other):
            uses[_measure_text(w, other)] = uses.get(_measure_text(w, other), 0) + 1
    shared = measure and w.has("p.measure", ps) and uses[_measure_text(w, ps)] > 1
    placed: set[int] = set() if shared else {id(ps)}
    out = [_single(w, ps, cause=cause, measure=measure and not shared)]
    if cause:
        out += _extra_causes(w, extra, uses, placed)
    if measure:
        rest = [other for other in [ps, *extra] if w.has("p.measure", other) and id(other) not in placed]
        out.append(_given_measures(w, rest))
    return out


def _cause(w: Writer, ps: ProjectScore) -> str:
    given = w.get("p.cause", ps)
    return "：" + given.rstrip("。") if given else CAUSE_PLACEHOLDER + _hint(w, ps)


def _measure_text(w: Writer, ps: ProjectScore) -> str:
    return _MEASURE_LEAD.sub("", w.get("p.measure", ps) or "", count=1).rstrip("。")


def _measures(w: Writer, projects: list[ProjectScore], *, alone: bool) -> str:
    """ "下一步，我局将…" after a paragraph about one project; else each project's measure (or marker) after
    its name, so a marker stays with its project."""
    if not projects:
        return ""
    if alone:
        return (
            w.fill("下一步，{{unit.self}}将") + (_measure_text(w, projects[0]) or MEASURE_PLACEHOLDER) + "。"
        )
    parts = [
        w.fill("针对{{p.label}}，{{unit.self}}将", ps) + (_measure_text(w, ps) or MEASURE_PLACEHOLDER)
        for ps in projects
    ]
    return "下一步，" + "；".join(parts) + "。"


def _extra_causes(w: Writer, extra: list[ProjectScore], uses: dict[str, int], placed: set[int]) -> list[str]:
    """Projects within the rule set's bounds whose officer still explained a shortfall, a cause text once,
    with the measures only they name (``uses`` counts each measure text; those placed go into ``placed``)."""
    by_cause: dict[str, list[ProjectScore]] = {}  # a text quoted once, whatever it explains
    for ps in extra:
        if w.has("p.cause", ps):
            by_cause.setdefault(w.get("p.cause", ps) or "", []).append(ps)
    # a cause a deviating project gave already, or its note on an indicator: pointed to, not quoted again
    given = {
        w.get("p.cause", ps) or "": w.fill("{{p.label}}", ps)
        for ps in reversed(w.unit.needing_explanation)
        if w.has("p.cause", ps)
    }
    for ps in reversed(w.unit.needing_explanation):
        for k, s in reversed(w.flagged(ps)):
            note = (w.get("i.note", ps, k) or "").strip().rstrip("。")
            if note and note not in given:
                given[note] = w.fill("{{p.label}}“{{i.name}}”", ps, k) + w.short_status(s)
    out = []
    for text, group in by_cause.items():
        leads = ("未执行资金" if ps.project.executed < ps.project.budget else "执行差异" for ps in group)
        lead = "和".join(dict.fromkeys(leads))
        own = [ps for ps in group if w.has("p.measure", ps) and uses.get(_measure_text(w, ps)) == 1]
        placed.update(id(ps) for ps in own)
        pointed = given.get(text) or given.get(text.strip().rstrip("。"))
        if pointed:
            said = (
                w.labels(group)
                + lead
                + "的原因与"
                + pointed
                + ("的原因" if "“" in pointed else "")
                + "相同。"
            )
        else:
            said = (
                w.labels(group) + lead + ("的原因均为：" if len(group) > 1 else "的原因是：") + sentence(text)
            )
        out.append(said + _measures(w, own, alone=len(group) == 1))
    return out


def _notes(w: Writer, projects: list[ProjectScore], about: ProjectScore | None = None) -> str:
    """The officer's notes on single indicators, each text once, after every indicator it explains. Notes
    that open alike ("原因…；措施甲" and "原因…；措施乙", the cause copied) give the shared opening once; a
    closing clause copied under different openings (the same measure) is given once, after them. ``about``:
    the project the paragraph has named before the notes (they follow its cause)."""
    by_text: dict[str, list[tuple[ProjectScore, int, IndicatorScore]]] = {}
    for ps in projects:
        for k, s in w.flagged(ps):
            note = w.get("i.note", ps, k)
            if note:
                by_text.setdefault(note.strip().rstrip("。"), []).append((ps, k, s))
    by_head: dict[str, list[str]] = {}
    for note in by_text:
        head, tail = _split(note)
        by_head.setdefault(head if tail else note, []).append(note)
    heads_of: dict[str, set[str]] = {}
    for head, notes in by_head.items():
        for note in notes:
            if _split(note)[1]:
                heads_of.setdefault(_split(note)[1], set()).add(head)
    common = {tail for tail, heads in heads_of.items() if len(heads) > 1}
    out: list[tuple[list[ProjectScore], str]] = []  # each sentence with the projects it names
    for head, notes in by_head.items():
        if len(notes) == 1:
            owners = by_text[notes[0]]
            word = "均为" if len(owners) > 1 else "是"
            text = head if _split(notes[0])[1] in common else notes[0]  # its closing clause comes after
            out.append(
                ([o[0] for o in owners], _subjects(w, owners) + f"，其原因和改进措施{word}：" + text + "。")
            )
            continue
        owners = [o for note in notes for o in by_text[note]]
        # the shared opening once; then each rest after its indicators' names (their statuses said above)
        tails = "".join(
            "；" + _split(note)[1] + "（" + _subjects(w, by_text[note], status=False) + "）"
            for note in notes
            if _split(note)[1] not in common
        )
        out.append(
            ([o[0] for o in owners], _subjects(w, owners) + "，其原因和改进措施均为：" + head + tails + "。")
        )
    for tail in common:
        owners = [
            o for head in by_head for note in by_head[head] if _split(note)[1] == tail for o in by_text[note]
        ]
        out.append(
            ([o[0] for o in owners], _subjects(w, owners, status=False) + "的改进措施均为：" + tail + "。")
        )
    return "".join(_referred(w, out, about))


def _referred(
    w: Writer, sentences: list[tuple[list[ProjectScore], str]], about: ProjectScore | None = None
) -> list[str]:
    """The sentences, a project named again right after a sentence about it alone as "该项目": its sentences
    in a row, each about it alone, and named nowhere else in the paragraph (``about``: named before them)."""
    texts = [text for _, text in sentences]
    if w.single:
        return texts
    for ps in {id(p): p for owners, _ in sentences for p in owners}.values():
        at = [n for n, (owners, _) in enumerate(sentences) if any(p is ps for p in owners)]
        alone = all(all(p is ps for p in sentences[n][0]) for n in at)
        before = ps is about and at[0] == 0
        if (len(at) > 1 or before) and alone and at == list(range(at[0], at[0] + len(at))):
            label = w.fill("{{p.label}}", ps)
            for n in at:
                keep = 0 if before or n != at[0] else texts[n].find(label) + len(label)  # the first mention
                texts[n] = texts[n][:keep] + texts[n][keep:].replace(label, "该项目")
    return texts


def _split(note: str) -> tuple[str, str]:
    """A note's first clause and the rest, at the first "；" ("" when it has one clause)."""
    head, _, tail = re.sub(";", "；", note).partition("；")
    return head, tail


def _subjects(
    w: Writer, owners: list[tuple[ProjectScore, int, IndicatorScore]], *, status: bool = True
) -> str:
    """ "甲项目“A”未达成、“B”超额完成较多、乙项目“C”未达成" (no names in a single-project report); projects
    sharing an item are named together with it ("甲和乙项目“A”未达成、丙项目“B”…"), no item said twice."""
    items: dict[int, list[str]] = {}
    projects: dict[int, ProjectScore] = {}
    for ps, k, s in owners:
        again = any(o.indicator.name == s.indicator.name for o in ps.indicators[: k - 1])  # a namesake row
        name = (
            ("另一项" if again else "")
            + w.fill("“{{i.name}}”", ps, k)
            + (w.short_status(s) if status else "")
        )
        items.setdefault(id(ps), []).append(name)
        projects[id(ps)] = ps
    if w.single:
        return "、".join(name for names in items.values() for name in names)
    # each item once with the projects it holds for, items of the same projects in a row said together
    holders: dict[str, list[int]] = {}
    for key, names in items.items():
        for name in names:
            holders.setdefault(name, []).append(key)
    runs: list[tuple[list[int], list[str]]] = []
    for name, keys in holders.items():
        if runs and runs[-1][0] == keys:
            runs[-1][1].append(name)
        else:
            runs.append((keys, [name]))
    joiner = "、" if status else ""
    return "、".join(w.labels(projects[k] for k in keys) + joiner.join(names) for keys, names in runs)


def _given_measures(w: Writer, projects: list[ProjectScore]) -> str:
    """The officer's measures, each text once, naming the projects it serves (a paragraph naming none would
    read as the previous paragraph's)."""
    by_text: dict[str, list[ProjectScore]] = {}
    for ps in projects:
        by_text.setdefault(_measure_text(w, ps), []).append(ps)
    parts = [w.labels(group) + "，" + w.fill("{{unit.self}}将") + text for text, group in by_text.items()]
    return "下一步，针对" + "；针对".join(parts) + "。" if parts else ""


# --- a unit of one project ---------------------------------------------------------------------------------


def _single(w: Writer, ps: ProjectScore, *, cause: bool, measure: bool) -> str:
    """Why the one project deviated and what comes next: the officer's words, else the markers (with a hint)."""
    text = ""
    if cause and _wants_cause(w, ps):
        text = _what(w, [ps])
        if w.has("p.cause", ps):
            text += "，主要原因是：" + sentence(w.get("p.cause", ps) or "")
        else:
            text += "，主要原因是" + CAUSE_PLACEHOLDER + _hint(w, ps) + "。"
    notes = _notes(w, [ps], about=ps if text else None)
    if notes:  # the notes name the project themselves in a report of several
        text += "此外，" if text else (w.fill("{{p.label}}", ps) if w.single else "")
        text += notes
    if measure and _wants_measure(w, ps):
        text += (w.fill("{{p.label}}", ps) if not text else "") + _measure(w, ps)
    return text


def _extra(w: Writer, group: list[ProjectScore], *, cause: bool, measure: bool) -> str:
    text = "".join(_extra_causes(w, group, {}, set())) if cause else ""
    for ps in group:
        if measure and w.has("p.measure", ps):
            text += ("" if text else w.fill("{{p.label}}", ps)) + _measure(w, ps)
    return text


def _measure(w: Writer, ps: ProjectScore) -> str:
    measure = w.get("p.measure", ps)
    if not measure:
        return w.fill("下一步，{{unit.self}}将") + MEASURE_PLACEHOLDER + "。"
    return w.fill("下一步，{{unit.self}}将") + _MEASURE_LEAD.sub("", measure, count=1).rstrip("。") + "。"


def _hint(w: Writer, ps: ProjectScore) -> str:
    """A 【待核实】 suggestion when the officer's 实际完成情况 already says where the money stayed."""
    clause = w.unspent_hint(ps)
    if not clause:
        return ""
    return f"【待核实：实际完成情况中写有“{clause}”，可据此说明偏差原因】"
