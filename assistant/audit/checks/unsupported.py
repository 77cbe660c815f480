"""UNSUPPORTED_STATEMENT: a cause, measure, outcome, goal, source or sweeping claim the case data does not hold.

Bad: 干部人事档案数字化建设项目执行率偏低，主要原因是档案数字化加工工作量大 (no 偏差原因 filed).
Good: 干部人事档案数字化建设项目偏差原因：【待补充：偏差原因】.
Bad: 各项目均较好地完成了年度绩效目标 (one project executed 30 % of its budget).  Good: name the exception.

Checked only against case data (``--data``), whose filed texts (``assistant.audit.filed``) are the evidence:
a sentence that asserts a cause (原因是, 由于…导致), a measure (下一步, 将…, 拟, 力争), an outcome (已完成,
已于…完成, 取得成效, 有效推动), a goal (in a 绩效目标 section, or 目标为), a source (经…批复, 全额保障,
根据…要求) or an appraisal (科学合理) about a project must find it in that project's filed text; where the
text was never filed, the finding names the marker to keep instead (【待补充：偏差原因】). A claim over all
projects ("均较好完成", "均设置了满意度指标", "目标均已设定") must hold for each. A warning on any report (the
officer may know what was not filed; a source or appraisal only an info note: the data never records them);
model text with any of them is refused (``assistant.drafting.validate``).
"""

from __future__ import annotations

import re

from assistant.placeholders import ANY_PLACEHOLDER

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import EXCEPT_CLAUSE
from ..filed import FiledTexts, bigrams, novel_clauses
from ..findings import Finding
from ..registry import Code, check_unit

# "全部完成" and the like are the universal check's cue: one table for both (``checks.universal``)
_UNIVERSAL = cues("assistant.audit.checks.universal")
CODE = "UNSUPPORTED_STATEMENT"

# The words that make a sentence assert something of each kind; the statement runs from them to its end.
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "cause",
        re.compile(
            r"(?:主要|根本|直接)?原因(?:是|为|在于|主要是|主要有|有)|主要(?:是|系)由于|系由于|由于|得益于|归因于"
            r"|主要与[^，。；]{1,20}有关|(?:偏差|偏离)原因(?:分析)?[：:]|导致|致使|造成"
            r"|(?:也)?是[^，。；]{0,16}的(?:重要|主要|直接|根本)?原因(?:之一)?"
            r"|主要系|(?:一方面|另一方面)(?:是|系|由于)|受(?!此|上述|以上)[^，。；]{2,20}影响"
        ),
    ),
    (
        "measure",
        re.compile(
            r"下一步|今后(?:将|要|应)|(?<!模)拟(?!定)|力争|计划(?:于|在|将|明年|下年)|预计|改进措施[：:]|整改措施[：:]"
            r"|将(?:进一步|继续|加强|加快|建立|督促|严格|完善|强化|做好|认真|积极|切实|持续|全力|及时|加大|组织|开展|落实)"
            r"|(?:建立|健全)[^，。；]{0,12}(?:制度|机制)"
        ),
    ),
    (
        "outcome",
        re.compile(
            r"已(?:按计划|按期|如期|全面|全部|圆满|顺利|基本)?(?:完成|完工|建成)|已于[^，。；]{0,12}(?:完成|完工|建成)"
            r"|投入使用|(?:已|均已)?得到(?:有效)?整改|整改到位|已恢复|已新(?:招|增|建)|(?:全部|均已)?发放到位"
            r"|取得了?[^，。；]{0,6}(?:成效|效果|效益|成绩)|有效(?:推动|提升|保障|维护|促进|改善|提高)了?"
            r"|(?:显著|明显)(?:提升|提高|增强|改善)|有力(?:保障|推动|促进)了?|(?:保障|推动|促进|维护|改善)了"
            r"|逐年(?:下降|减少|降低|提高|提升|增加|上升|增长)|(?:效益|成效|效果)(?:十分|较为)?(?:显著|明显)"
            r"|得到(?:有效|妥善|彻底)?(?:解决|控制|遏制)|有效带动|带动了|实现了?[^，。；]{0,10}(?:双赢|共赢|多赢)"
        ),
    ),
    # "年度总体目标：…" states a goal; "绩效目标：…" in a report is often only a label before what was done.
    ("goal", re.compile(r"(?:总体|绩效)?目标(?:为|是)|总体目标[：:]|旨在")),
    (
        "source",
        re.compile(
            r"经[^，。；]{0,15}(?:研究|同意|批准|批复|审定|审核)|审核批复|全额保障|(?:全部)?来源于|依托"
            r"|根据[^，。；《]{0,20}(?:要求|通知|规定|精神|任务|部署)|由[^，。；]{0,10}财政[^，。；]{0,6}(?:安排|保障|承担)"
            # a document named in 《》, except the notice the self-evaluation answers (the report's own occasion)
            r"|(?:根据|依据|按照|依照|参照|执行|落实)《(?![^》]*(?:绩效|自评))[^》]{2,40}》"
        ),
    ),
    ("appraisal", re.compile(r"科学合理|设置合理|指标合理|目标明确|量化可考核|符合[^，。；]{0,12}要求")),
)
_CUES = cues(__name__)
_LEVEL1 = ("产出", "效益", "满意度")
_MARKS = {"cause": "偏差原因", "measure": "改进措施", "outcome": "实际完成情况", "goal": "绩效目标"}
_WHAT = {
    "cause": "原因",
    "measure": "措施或打算",
    "outcome": "完成情况或成效",
    "goal": "目标",
    "source": "依据、批复或资金来源",
    "appraisal": "评价性判断",
}
NOVELTY_LIMIT = 0.35
# Cause words that name an effect after them: the cause they assert is the clause before.
_EFFECT_WORDS = ("导致", "致使", "造成")
_KNOWN_TO_OFFICER = ("source", "appraisal")


@check_unit(
    Code(CODE, "warning", "文中写了事实表中没有的原因、措施、完成情况、目标或概括判断"),
)
def check(ctx: AuditContext) -> list[Finding]:
    filed = ctx.ref.filed
    if filed is None:
        return []
    findings: list[Finding] = []
    headings = iter(ctx.doc.headings)
    heading, upcoming = None, next(headings, None)
    carried: str | None = None  # the kind of statement a sentence ending in "；" goes on with
    previous: Sentence | None = None
    for sentence in ctx.doc.sentences:
        if sentence.end > ctx.doc.body_end:
            break
        while upcoming is not None and upcoming.start < sentence.start:
            heading, upcoming = upcoming, next(headings, None)
        goals = heading is not None and bool(
            _CUES.goal_heading.match(_CUES.numbering.sub("", heading.text).strip())
        )
        text = ANY_PLACEHOLDER.sub(lambda m: "　" * len(m.group(0)), sentence.text)
        projects = _subjects(ctx, sentence)
        if previous is None or previous.para_start != sentence.para_start or not previous.text.endswith("；"):
            carried = None
        kind, finding = _statement(
            ctx, filed, sentence, _unnamed(ctx, sentence, text), projects, goals, carried
        )
        finding = _blanket(ctx, sentence, text, projects) or finding
        carried, previous = kind or carried, sentence
        if finding is not None:
            findings.append(finding)
    return findings


def _subjects(ctx: AuditContext, sentence: Sentence) -> list[int]:
    """The projects (1-based) a sentence speaks of: named in it, else the one its paragraph last named;
    [] for the unit as a whole."""
    named = [m.project + 1 for m in ctx.extractor.mentions_between(sentence.start, sentence.end)]
    if named:
        return list(dict.fromkeys(named))
    if _CUES.every.search(sentence.text):
        return []
    scope, index, _ = ctx.extractor.attribute_at(sentence, sentence.start)
    return [index + 1] if scope == "project" and index is not None else []


def _unnamed(ctx: AuditContext, sentence: Sentence, text: str) -> str:
    """``text`` with project names and quoted indicator names blanked (建设 in a name is no goal, 覆盖 in
    “重点人群签约覆盖率” no claim)."""
    chars = list(text)
    for m in ctx.extractor.mentions_between(sentence.start, sentence.end):
        for i in range(m.start - sentence.start, min(m.end - sentence.start, len(chars))):
            chars[i] = "　"
    for m in _CUES.quoted.finditer(text):
        chars[m.start() : m.end()] = "　" * (m.end() - m.start())
    return "".join(chars)


def _statement(
    ctx: AuditContext,
    filed: FiledTexts,
    sentence: Sentence,
    text: str,
    projects: list[int],
    goals: bool,
    carried: str | None,
) -> tuple[str | None, Finding | None]:
    """The kind of statement the sentence makes (or goes on with), and a finding when it is unsupported."""
    found = [(m.start(), m.end(), kind) for kind, pattern in TRIGGERS for m in [pattern.search(text)] if m]
    if not found and carried:
        found = [(0, 0, carried)]
    if (
        not found
        and goals
        and projects
        and not _CUES.not_filed.search(text)
        and _CUES.goal_words.search(text)
    ):
        found = [(0, 0, "goal")]
    if not found:
        return None, None
    at, end, kind = min(found)
    return kind, _judge(ctx, filed, sentence, text, projects, at, end, kind)


def _judge(
    ctx: AuditContext,
    filed: FiledTexts,
    sentence: Sentence,
    text: str,
    projects: list[int],
    at: int,
    end: int,
    kind: str,
) -> Finding | None:
    claim = _claim(text, at, end, kind)
    if kind == "appraisal":
        return _finding(ctx, sentence, at, kind, claim, projects, "事实表中没有这样的评价")
    if not bigrams(claim):
        return None  # a label with nothing after it (偏差原因：【待补充：偏差原因】)
    lacking = [n for n in projects if not filed.has(n, kind)]
    if lacking and kind in _MARKS:
        names = "、".join(ctx.ref.projects[n - 1].name for n in lacking)
        why = f"「{names}」未填报{_MARKS[kind]}，应写【待补充：{_MARKS[kind]}】"
        return _finding(ctx, sentence, at, kind, claim, projects, why, f"【待补充：{_MARKS[kind]}】")
    if kind == "outcome" and claim in filed.all_text():
        return None  # a verbatim quote of a filed text (the background's aim) states nothing of its own
    novel = novel_clauses(claim, filed.evidence(projects, kind), NOVELTY_LIMIT)
    if not novel:
        return None
    if projects:
        why = f"其中“{novel[0]}”不见于该项目填报的内容，请只引用填报内容，删去自行编写的部分"
    else:
        why = f"其中“{novel[0]}”事实表中没有依据，请删去"
    return _finding(ctx, sentence, at, kind, claim, projects, why)


def _claim(text: str, at: int, end: int, kind: str) -> str:
    """What a statement asserts: from its trigger to the end ("主要原因是…", "经…审核批复…"), or, for an
    outcome whose verb ends the sentence ("走访慰问工作已于春节前完成"), its clause; for a cause whose trigger
    ends the sentence ("…，也是…的重要原因"), the sentence up to it; for a source, the source itself."""
    after = text[end:].strip("　，。；：:、 ")
    head = text[:at].strip("　，。；：:、 ")
    if kind == "cause" and text[at:end] in _EFFECT_WORDS and head:
        return head  # "…较计划少33.45万元，导致资金未能按期支付": the cause is what comes before, the rest its effect
    if after and kind == "source":  # "依托X开展…": the source is X, not what is done with it
        stop = _CUES.source_end.search(text, end)
        return text[at : stop.start() if stop else len(text)].strip("　，。；：:、 ")
    if after:
        return text[at:].strip("　，。；：:、 ")
    if kind == "cause" and re.search(r"原因(?:之一)?$", text[at:end]):
        return text[:end].strip("　，。；：:、 ")  # "…，也是造成执行率偏低的重要原因": what comes before it
    if kind != "outcome":
        return text[at:].strip("　，。；：:、 ")
    start = max((m.end() for m in re.finditer(r"[，；：:]", text[:at])), default=0)
    return text[start:end].strip("　，。；：:、 ")


def _blanket(ctx: AuditContext, sentence: Sentence, text: str, projects: list[int]) -> Finding | None:
    """A claim said of every project (or of all but those excepted) must hold for each of them."""
    every_indicator = _CUES.all_indicators.search(text)
    if not _CUES.every.search(text) and not _CUES.rest.search(text) and not every_indicator:
        return None
    scope = _blanket_scope(ctx, sentence, projects)
    refs = [ctx.ref.projects[n - 1] for n in scope]
    filed = ctx.ref.filed
    if every_indicator:
        # "各项指标全部达标": said of the projects the sentence names (else of every project)
        missed = [ctx.ref.projects[n - 1].name for n in (projects or scope) if _missed_one(ctx, n)]
        if missed:
            why = f"但{'、'.join(missed[:3])}有指标未达成"
            return _finding(
                ctx, sentence, every_indicator.start(), "blanket", every_indicator.group(0), [], why
            )
    match = _CUES.blanket.search(text)
    if match and not _UNIVERSAL.complete.search(text):
        missed = [p.name for p in refs if p.deviations]
        if missed:
            why = f"但{'、'.join(missed[:3])}存在偏差，并未完成"
            return _finding(ctx, sentence, match.start(), "blanket", match.group(0), [], why)
    if "目标" in text and re.search(r"(?:均|都)(?:已)?[^，。；]{0,6}(?:设定|设置|填报)", text) and filed:
        missing = [ctx.ref.projects[n - 1].name for n in scope if not filed.has(n, "goal")]
        if missing:
            why = f"但{'、'.join(missing[:3])}未填报年度总体目标"
            return _finding(ctx, sentence, 0, "blanket", text, [], why)
    named = [word for word in _LEVEL1 if word in text]
    if len(named) >= 2 and re.search(r"(?:均|都)[^，。；]{0,4}设置", text):
        for p in refs:
            if p.indicators and not _has_levels(ctx, p.index + 1, named):
                why = f"但「{p.name}」并未设置{'、'.join(named)}各类指标"
                return _finding(ctx, sentence, 0, "blanket", text, [], why)
    return None


def _missed_one(ctx: AuditContext, project: int) -> bool:
    """Did any indicator of the project (1-based) miss its target?"""
    return any("未达成" in d for d in ctx.ref.projects[project - 1].deviations)


def _has_levels(ctx: AuditContext, project: int, levels: list[str]) -> bool:
    texts = ctx.ref.filed.projects.get(project, {}) if ctx.ref.filed else {}
    return all(level in texts.get("levels", "") for level in levels)


def _blanket_scope(ctx: AuditContext, sentence: Sentence, projects: list[int]) -> list[int]:
    everyone = list(range(1, len(ctx.ref.projects) + 1))
    excepted = EXCEPT_CLAUSE.search(sentence.text)
    if excepted or _CUES.rest.search(sentence.text):
        left_out = set(projects)
        return [n for n in everyone if n not in left_out]
    return projects if len(projects) > 1 else everyone


def _finding(
    ctx: AuditContext,
    sentence: Sentence,
    at: int,
    kind: str,
    claim: str,
    projects: list[int],
    why: str,
    marker: str | None = None,
) -> Finding:
    what = "概括判断" if kind == "blanket" else _WHAT[kind]
    start = sentence.start + at
    shown = claim if len(claim) <= 40 else claim[:40] + "……"
    project = ctx.ref.projects[projects[0] - 1].name if len(projects) == 1 else None
    return ctx.finding(
        CODE,
        f"文中写了{what}“{shown}”，{why}",
        # An officer knows the unit's funding sources and approvals, which the case data does not record: on a
        # report they are only noted (info); model text with one is refused all the same.
        severity="info" if kind in _KNOWN_TO_OFFICER else None,
        span=(start, start + len(claim)),
        quote=sentence.text,
        project=project,
        expected=marker or "只写填报内容",
        found=shown,
        verdict="missing" if marker else "uncertain",
    )
