"""Redrafting one section: find it from what the officer called it, and the project field an instruction fills.

An instruction ("说明尾款要验收后支付") becomes officer data, never free text pasted past the checks: for a
section about deviations it is the project's 偏差原因 (or 改进措施), for 背景/目标/完成情况 the matching
field, so the template (or the model, through its fact sheet) quotes it like any other officer text. When no
single project fits, the caller asks the officer where it goes (``assistant.workspace.reporting``).

The model path drafts one section with the LLM drafter's own per-section job (prompt, validation, re-asks,
template fallback) from ``assistant.drafting.llm``; langchain is reached lazily through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.drafting.outline import Outline
from assistant.errors import InputError
from assistant.report import Report, Section
from assistant.scoring import UnitScore
from assistant.workspace.resolve import projects_in

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])")
_PART = re.compile(r"^第([一二三四五六七八九十]+)(?:部分|章|节)$")
_FILLER = re.compile(r"(?:这一?节|那一?节|一节|章节|部分|一段|段落|的内容|内容)$")
# What officers call a section → the outline template topic it most likely means.
_ALIASES: tuple[tuple[str, str], ...] = (
    ("偏差", "deviations"),
    ("偏离", "deviations"),
    ("存在的问题", "problems"),
    ("问题", "problems"),
    ("经验", "experience"),
    ("建议", "suggestions"),
    ("完成情况", "completion"),
    ("背景", "background"),
    ("概况", "background"),
    ("目标", "goals"),
    ("结论", "conclusion"),
    ("工作过程", "organisation"),
    ("评价组织", "organisation"),
    ("应用", "application"),
    ("公开", "application"),
)
# Where an instruction for a section of each topic is filed (project data key).
_FIELD_OF_TOPIC = {
    "deviations": "偏差原因",
    "experience": "偏差原因",
    "problems": "偏差原因",
    "suggestions": "改进措施",
    "background": "背景",
    "goals": "年度总体目标",
    "completion": "实际完成情况",
}
_MEASURE_WORDS = re.compile(r"措施|改进|整改|下一步|今后|加强|完善|督促")
_LEADING_VERB = re.compile(
    r"^(?:并且?|要|需要?|请)?(?:补充说明|说明一下|说明|写明|注明|补充|强调|指出|写上|加上|写|改为|改成)[：:，,]?\s*"
)


def bare_heading(heading: str) -> str:
    return _NUMBER.sub("", heading.strip())


def _subsequence(query: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in query)


def find_section(report: Report, outline: Outline, ref: str) -> int:
    """The index of the section ``ref`` names: its id, its heading (numbered or not), or a loose name."""
    raw = str(ref).strip().strip("「」“”\"'《》")
    text = _FILLER.sub("", raw).strip()
    if not text:
        raise InputError.single("请指明要重写的章节")
    topics = {s.id: s.template for s in outline.sections}
    part = _PART.match(raw)
    for i, section in enumerate(report.sections):
        if text in (section.id, section.heading, bare_heading(section.heading)):
            return _prose_of_part(report, topics, i)
        if part and section.level == 1 and section.heading.startswith(part.group(1) + "、"):
            return _prose_of_part(report, topics, i)
    candidates = [i for i, s in enumerate(report.sections) if text in bare_heading(s.heading)]
    if not candidates:
        candidates = [i for i, s in enumerate(report.sections) if _subsequence(text, bare_heading(s.heading))]
    if not any(report.sections[i].kind == "narrative" for i in candidates):
        # A part heading (五、偏离绩效目标的原因和下一步改进措施) only holds headings: the text the officer means
        # is the section of the topic they named ("偏离原因" → 偏差原因和改进措施), when there is one.
        for word, topic in _ALIASES:
            if word in text:
                aliased = [i for i, s in enumerate(report.sections) if topics.get(s.id) == topic]
                if aliased:
                    candidates = aliased + candidates
                    break
    if not candidates:
        known = "、".join(f"「{bare_heading(s.heading)}」" for s in report.sections if s.kind == "narrative")
        raise InputError.single(f"没有找到章节「{text}」，可重写的章节：{known}")
    # Prefer prose sections, then the shortest heading (the closest match).
    candidates.sort(key=lambda i: (report.sections[i].kind != "narrative", len(report.sections[i].heading)))
    return candidates[0]


def _prose_of_part(report: Report, topics: dict[str, str | None], index: int) -> int:
    """A part heading with no prose of its own (五、偏离绩效目标的原因和下一步改进措施) stands for the narrative
    section under it that its heading names ("偏离" → 偏差原因和改进措施), or its only one."""
    section = report.sections[index]
    if section.kind == "narrative" or section.paragraphs:
        return index
    children = []
    for i in range(index + 1, len(report.sections)):
        if report.sections[i].level <= section.level:
            break
        if report.sections[i].kind == "narrative":
            children.append(i)
    heading = bare_heading(section.heading)
    for word, topic in _ALIASES:
        named = [i for i in children if topics.get(report.sections[i].id) == topic]
        if word in heading and named:
            return named[0]
    return children[0] if len(children) == 1 else index


def clean_instruction(text: str | None) -> str:
    """The officer's content without the verb that introduced it ("说明尾款…" → "尾款…")."""
    if not text:
        return ""
    cleaned = text.strip().strip("。；;，, ")
    cleaned = _LEADING_VERB.sub("", cleaned).strip()
    return cleaned.strip('“”"「」').strip("。；; ")


def instruction_target(unit: UnitScore, topic: str | None, instruction: str) -> tuple[int | None, str | None]:
    """(project index, data key) where an instruction for a section of ``topic`` is filed, or (None, None)."""
    key = _FIELD_OF_TOPIC.get(topic or "")
    if key is None:
        return None, None
    if key == "偏差原因" and _MEASURE_WORDS.search(instruction):
        key = "改进措施"
    named = projects_in(unit.case, instruction)
    if len(named) == 1:
        return named[0], key
    if named:
        return None, None
    if len(unit.projects) == 1:
        return 0, key
    if topic in ("deviations", "problems", "experience", "suggestions"):
        needing = [ps.index - 1 for ps in unit.needing_explanation]
        if len(needing) == 1:
            return needing[0], key
    return None, None


TokenCallback = Callable[[str, str], None]


def llm_section(
    unit: UnitScore, outline: Outline, index: int, on_token: TokenCallback | None = None
) -> tuple[Section, str]:
    """Draft one narrative section with the model (validated, re-asked, else the template text) and a note."""
    from assistant.drafting.llm import draft_one_section

    return draft_one_section(unit, outline, index, on_token=on_token)
