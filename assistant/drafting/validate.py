"""Checking a model-written section before it replaces the template's: tolerant parsing, then validation.

``clean_answer`` turns a chatty reply into paragraphs (fences, "好的，以下是…", headings and list markers
removed). ``SectionValidator.check`` returns the filled paragraphs and a list of ``Issue``s, each a Chinese
message meant for the model's re-ask: unknown ``{{slots}}``, literal numbers outside slots, audit errors the
template draft does not have, dropped 【待补充】 markers (an invented cause), and structure (empty, not
Chinese, headings, length, a project the template section names but the answer omits).
No model and no langchain here; the drafting loop lives in ``assistant.drafting.llm``.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.facts import SLOT, FactSheet, UnknownSlotError
from assistant.numbers.numerals import ascii_number
from assistant.placeholders import ANY_PLACEHOLDER, CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER
from assistant.report import Report, Section
from assistant.scoring import UnitScore

_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FENCE = re.compile(r"```[^\n`]*\n(.*?)(?:```|$)", re.S)
_CHATTER_HEAD = re.compile(
    r"^(?:好的|好，|当然|没问题|以下是|下面是|根据(?:您|你)|按照(?:您|你)|遵照|sure|okay|here is|here's)",
    re.I,
)
_CHATTER_TAIL = re.compile(r"^(?:希望(?:以上|这|本)|如需|如有(?:需要|其他)|以上(?:是|为|即为)|如果需要)")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_BULLET = re.compile(r"^\s*(?:[-*+•·●▪]\s+|\d{1,2}[.)、．]\s*|[（(]\d{1,2}[）)]\s*)")
_CN_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
_LOOSE_SLOT = re.compile(r"(?<!\{)[{｛]\s*([a-z][a-z0-9_]*(?:\.[^\s{}｛｝]+)+)\s*[}｝](?!\})")
_WIDE_SLOT = re.compile(r"｛｛\s*([^{}｛｝]*?)\s*｝｝")

_ARABIC = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_CN_UNITS = "万元|亿元|元|%|％|个|分|项|人次|人|次|家|户|名|件|台|套|所|条|公里|千米|米|吨|亩|倍|百分点|平方米|册|场|期"
_CN_COUNT = re.compile(
    rf"(?<![第逐统唯同单专每之其任某另周星礼初])([零〇一二两三四五六七八九十][{_CN_NUM}]*(?:点[零〇一二三四五六七八九]+)?)"
    rf"\s*(?:{_CN_UNITS})"
)
_CN_PERCENT = re.compile(rf"百分之[{_CN_NUM}点]+")
_CN_ALLOWED = ("十分", "一次性", "一分为二", "一人一档", "一项一策")

MIN_CHARS = 10
CJK_MIN_RATIO = 0.3


@dataclass(frozen=True)
class Issue:
    """One problem with an answer: a short code (for the report's notes) and a Chinese message for the model."""

    code: str
    message: str


ISSUE_REASONS = {
    "empty": "回复为空",
    "language": "回复不是中文",
    "heading": "含标题",
    "length": "篇幅不当",
    "coverage": "遗漏项目",
    "unknown_slot": "引用了事实表中没有的占位符",
    "literal_number": "含事实表以外的数字",
    "marker": "删去了待补充标记",
    "audit": "数字审核发现错误",
    "secret": "回复中含有接口密钥",
}


def reasons(issues: Iterable[Issue]) -> str:
    """The issues' short reasons, deduplicated, for notes: "含事实表以外的数字、遗漏项目"."""
    return "、".join(dict.fromkeys(ISSUE_REASONS.get(i.code, i.code) for i in issues))


# --- tolerant parsing ---------------------------------------------------------------------------------


def _fill_around_markers(facts: FactSheet, paragraph: str) -> str:
    """Fill the slots of a model's paragraph, leaving the 【待补充】/【待核实】 marks it kept as they were: a mark is
    the template's own text (a hint may quote project names), never a template to fill."""
    parts, at = [], 0
    for match in ANY_PLACEHOLDER.finditer(paragraph):
        parts += [facts.fill(paragraph[at : match.start()]), match.group()]
        at = match.end()
    return "".join([*parts, facts.fill(paragraph[at:])])


def clean_answer(text: str | None, heading: str = "") -> list[str]:
    """A reply as paragraphs: fenced block preferred, chatter, headings, bold and list markers removed."""
    text = _ZERO_WIDTH.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    fenced = [block for block in _FENCE.findall(text) if block.strip()]
    if fenced:
        text = max(fenced, key=len)
    text = _WIDE_SLOT.sub(lambda m: "{{" + m.group(1) + "}}", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not re.fullmatch(r"[-*_=`~]{3,}", line)]
    while lines and _is_chatter_head(lines[0]):
        lines.pop(0)
    while lines and _CHATTER_TAIL.match(lines[-1]):
        lines.pop()
    bare_heading = _bare(heading)
    out = []
    for line in lines:
        if _MD_HEADING.match(line):
            continue
        line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line).strip()
        if bare_heading and _bare(line) == bare_heading:
            continue
        line = _BULLET.sub("", line, count=1).strip()
        if _looks_like_sentence(line):
            line = _CN_ENUM.sub("", line, count=1)
        if line:
            out.append(line)
    return out


def normalise_slots(text: str, facts: FactSheet) -> str:
    """``{p1.budget}`` (single braces) becomes ``{{p1.budget}}`` when the key exists."""
    return _LOOSE_SLOT.sub(lambda m: "{{" + m.group(1) + "}}" if m.group(1) in facts else m.group(0), text)


def _is_chatter_head(line: str) -> bool:
    return bool(_CHATTER_HEAD.match(line)) and (line.endswith(("：", ":")) or len(line) <= 40)


def _bare(text: str) -> str:
    text = re.sub(r"^[#\s*]*", "", text)
    text = re.sub(
        r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．])",
        "",
        text,
    )
    return re.sub(r"[\s*：:]", "", text)


def _looks_like_sentence(line: str) -> bool:
    return len(line) > 30 or "。" in line


def is_heading_like(line: str) -> bool:
    """A short line without sentence punctuation that starts with a 公文 number (一、 （一） 1.)."""
    if len(line) > 40 or line.endswith(("。", "；", "，", "：")):
        return False
    return bool(_CN_ENUM.match(line) or re.match(r"^\d{1,2}[.、．]\s*\D", line))


# --- facts helpers ------------------------------------------------------------------------------------


def project_names(facts: FactSheet) -> dict[int, str]:
    """Each project's full name by 1-based index."""
    return {ps.index: facts[f"{facts.key_of(ps)}.name"] for ps in facts.unit.projects}


def mentions(text: str, names: dict[int, str]) -> list[tuple[int, int]]:
    """(position, project index) for every mention of a project's full name, longest names first."""
    taken = [False] * len(text)
    found: list[tuple[int, int]] = []
    for index, name in sorted(names.items(), key=lambda item: -len(item[1])):
        if not name:
            continue
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append((start, index))
            start = text.find(name, end)
    return sorted(found)


def segments(text: str, names: dict[int, str]) -> dict[int, str]:
    """For each project, the text from each of its mentions up to the next other project's mention."""
    spots = mentions(text, names)
    out: dict[int, list[str]] = {}
    for n, (start, index) in enumerate(spots):
        end = len(text)
        for later, other in spots[n + 1 :]:
            if other != index:
                end = later
                break
        out.setdefault(index, []).append(text[start:end])
    return {index: "".join(parts) for index, parts in out.items()}


def masked_names(facts: FactSheet) -> list[str]:
    """Identifiers that may contain digits and may be written out: unit, project, indicator, source names."""
    wanted = re.compile(
        r"^(?:unit\.name|unit\.department|p\d+\.(?:name|label|department|implementer|i\d+\.name|src\.\w+\.label))$"
    )
    names = {value for key, value in facts.values.items() if wanted.match(key) and value}
    names.add("财预〔2020〕10号")
    return sorted(names, key=len, reverse=True)


# --- number checks ------------------------------------------------------------------------------------


def literal_numbers(text: str, facts: FactSheet) -> list[str]:
    """Numbers written outside ``{{slots}}`` (digits, full-width digits, Chinese numerals with a unit).

    Names that contain digits, and the case year, are allowed.
    """
    year = facts.get("unit.year") or ""
    bare = SLOT.sub("□", text)
    for name in masked_names(facts):
        bare = bare.replace(name, "□")
    bare = ANY_PLACEHOLDER.sub("□", bare)
    found = []
    for match in _ARABIC.finditer(bare):
        value = ascii_number(match.group())
        if value == year:
            continue
        found.append(match.group())
    for match in _CN_PERCENT.finditer(bare):
        found.append(match.group())
    for match in _CN_COUNT.finditer(bare):
        if any(bare.startswith(allowed, match.start()) for allowed in _CN_ALLOWED):
            continue
        found.append(match.group())
    return list(dict.fromkeys(found))


_UNIT_KINDS = (
    ("万元", ("amount",)),
    ("元", ("amount",)),
    ("%", ("rate", "value")),
    ("％", ("rate", "value")),
    ("分", ("score",)),
    ("个", ("count",)),
)


def keys_for(literal: str, facts: FactSheet, after: str = "", limit: int = 3) -> list[str]:
    """Fact keys whose value is the literal (exact display string first), of a kind fitting the unit after it.

    Rule-set keys are suggested last; the model is told to check project and 口径 itself.
    """
    value = re.sub(r"[^0-9.零〇一二两三四五六七八九十]", "", ascii_number(literal))
    if not value:
        return []
    kinds = next((k for unit, k in _UNIT_KINDS if after.startswith(unit)), None)

    def fits(key: str) -> bool:
        kind = facts.kinds.get(key)
        return kind != "text" and (kinds is None or kind in kinds)

    found = [key for key, shown in facts.values.items() if shown == value and fits(key)]
    if not found:
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is not None:
            found = [key for key, raw in facts.raw.items() if raw == number and fits(key)]
    found.sort(key=lambda key: key.startswith("rules."))
    return found[:limit]


# --- audit helpers ------------------------------------------------------------------------------------


def error_key(finding: Any) -> tuple[Any, ...]:
    """What makes an audit error the same error in two drafts (the quote differs when the prose does)."""
    return (finding.code, finding.project, finding.expected, finding.found)


def new_errors(findings: Sequence[Any], baseline: Sequence[Any]) -> list[Any]:
    """Error findings beyond those the baseline (the template draft) also has, counted per ``error_key``."""
    budget = Counter(error_key(f) for f in baseline if f.severity == "error")
    extra = []
    for finding in findings:
        if finding.severity != "error":
            continue
        key = error_key(finding)
        if budget[key] > 0:
            budget[key] -= 1
        else:
            extra.append(finding)
    return extra


def section_spans(markdown: str) -> list[tuple[int, int]]:
    """Character span of each section's body in ``render_markdown`` output, in report order.

    Headings are exactly the lines starting with ``#`` (the renderer escapes such paragraph starts); the
    first is the title.
    """
    starts = [m.start() for m in re.finditer(r"(?m)^#{1,6} ", markdown)]
    spans = []
    for n, start in enumerate(starts[1:], 1):
        body = markdown.find("\n", start)
        body = len(markdown) if body < 0 else body + 1
        end = starts[n + 1] if n + 1 < len(starts) else len(markdown)
        spans.append((body, end))
    return spans


def findings_in(findings: Iterable[Any], span: tuple[int, int]) -> list[Any]:
    return [f for f in findings if f.span is not None and span[0] <= f.span[0] < span[1]]


def run_audit(markdown: str, unit: UnitScore) -> tuple[list[Any] | None, str | None]:
    """The audit's findings, or ``None`` and the reason when the audit is unavailable or fails."""
    try:
        from assistant.audit import audit_text

        return list(audit_text(markdown, unit).findings), None
    except Exception as exc:  # the audit is optional for drafting: never let it crash a draft
        return None, f"{type(exc).__name__}: {exc}"


# --- the validator ------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A checked answer: filled paragraphs (when slots resolved) and its issues."""

    paragraphs: list[str]
    raw: list[str]
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.paragraphs)


class SectionValidator:
    """Validates answers for one section of a template report (``index`` into ``report.sections``)."""

    def __init__(
        self,
        unit: UnitScore,
        facts: FactSheet,
        report: Report,
        index: int,
        baseline: list[Any] | None,
        audit_enabled: bool = True,
    ) -> None:
        self.unit = unit
        self.facts = facts
        self.report = report
        self.index = index
        self.template = report.sections[index]
        self.baseline = baseline
        self.audit_enabled = audit_enabled and baseline is not None
        self.audit_failure: str | None = None
        self.names = project_names(facts)
        self.template_text = "\n".join(self.template.paragraphs)
        self.required = sorted({index for _, index in mentions(self.template_text, self.names)})
        self.markers = list(dict.fromkeys(ANY_PLACEHOLDER.findall(self.template_text)))
        self.project_markers = {
            index: [mark for mark in (CAUSE_PLACEHOLDER, MEASURE_PLACEHOLDER) if mark in segment]
            for index, segment in segments(self.template_text, self.names).items()
        }

    def label(self, index: int) -> str:
        return "{{" + f"p{index}.label" + "}}"

    def check(self, answer: str | None) -> Candidate:
        raw = [normalise_slots(p, self.facts) for p in clean_answer(answer, self.template.heading)]
        text = "\n".join(raw)
        issues: list[Issue] = []
        if not text.strip():
            return Candidate([], raw, [Issue("empty", "回复为空。请输出本节正文。")])
        bare = SLOT.sub("", text)
        letters = [c for c in bare if not c.isspace() and not re.match(r"[\W_]", c)]
        cjk = sum(1 for c in letters if _CJK_CHAR.match(c))
        if letters and cjk / len(letters) < CJK_MIN_RATIO:
            issues.append(Issue("language", "回复不是中文。请用规范的中文公文语体撰写本节正文。"))
        headings = [line for line in raw if is_heading_like(line)]
        if headings:
            issues.append(
                Issue(
                    "heading",
                    f"正文中不要写标题或小标题，请删去：{'、'.join('「' + h + '」' for h in headings[:3])}。",
                )
            )
        try:
            filled = [_fill_around_markers(self.facts, p) for p in raw]
        except UnknownSlotError as exc:
            issues.append(Issue("unknown_slot", str(exc)))
            filled = []
        issues.extend(self._numbers(text))
        if filled:
            issues.extend(self._structure(filled))
            if not issues:
                issues.extend(self._audit(filled))
        return Candidate(filled, raw, issues)

    def section_from(self, paragraphs: list[str]) -> Section:
        section = copy.copy(self.template)
        section.paragraphs = list(paragraphs)
        section.source = "llm"
        return section

    # --- individual checks ---

    def _numbers(self, text: str) -> list[Issue]:
        issues = []
        for literal in literal_numbers(text, self.facts):
            at = text.find(literal)
            keys = keys_for(literal, self.facts, text[at + len(literal) : at + len(literal) + 2])
            hint = (
                "，如确为事实表中的数，请改用对应占位符（如 "
                + " 或 ".join("{{" + k + "}}" for k in keys)
                + "，注意项目和口径须一致），否则删去"
                if keys
                else "，事实表中没有这个数，请删去"
            )
            issues.append(Issue("literal_number", f"正文直接写了数字「{literal}」{hint}。"))
        return issues

    def _structure(self, filled: list[str]) -> list[Issue]:
        issues = []
        text = "\n".join(filled)
        longest = max(4 * len(self.template_text), 3000)
        if len(text) < MIN_CHARS:
            issues.append(Issue("length", "正文过短，请完整撰写本节内容。"))
        elif len(text) > longest:
            issues.append(Issue("length", f"正文过长（{len(text)} 字），请精简到 {longest} 字以内。"))
        said = {index for _, index in mentions(text, self.names)}
        missing = [i for i in self.required if i not in said]
        if missing:
            listed = "、".join(f"{self.names[i]}（{self.label(i)}）" for i in missing)
            issues.append(Issue("coverage", f"遗漏了以下项目，请逐个写到并写出项目全称：{listed}。"))
        own = segments(text, self.names)
        named: set[str] = set()
        for index, marks in self.project_markers.items():
            for mark in marks:
                if mark not in own.get(index, ""):
                    named.add(mark)
                    what = "偏差原因" if mark == CAUSE_PLACEHOLDER else "改进措施"
                    issues.append(
                        Issue(
                            "marker",
                            f"{self.names[index]}未填报{what}：在写该项目（{self.label(index)}）的文字中原样写{mark}，"
                            f"不得编写{what}。",
                        )
                    )
        for mark in self.markers:
            if mark not in text and mark not in named:
                issues.append(Issue("marker", f"必须原样保留标记{mark}，不得删除或自行补写内容。"))
        return issues

    def _audit(self, filled: list[str]) -> list[Issue]:
        if not self.audit_enabled or self.baseline is None:
            return []
        from assistant.render.markdown import render_markdown

        trial = copy.copy(self.report)
        trial.sections = list(self.report.sections)
        trial.sections[self.index] = self.section_from(filled)
        markdown = render_markdown(trial)
        findings, failure = run_audit(markdown, self.unit)
        if findings is None:
            self.audit_failure = failure
            return []
        spans = section_spans(markdown)
        if self.index >= len(spans):
            return []
        mine = findings_in(findings, spans[self.index])
        extra = new_errors(mine, self.baseline)
        return [Issue("audit", f"数字审核发现错误：{f.message}（原文：“{f.quote}”）。") for f in extra[:5]]
