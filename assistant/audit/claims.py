"""Claim extraction: every number in the prose becomes a claim about a project (or the unit) and a 口径.

Attribution, most confident first: a project named earlier in the same sentence; a project named earlier in
the same paragraph (line); the project of the heading above; the unit as a whole when the sentence speaks of
totals (合计, 总额, 我部, N个项目…). What cannot be attributed is marked ``scope="none"`` and reported as
uncertain rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from assistant.numbers import NumberMention, find_numbers

from .document import Document, Sentence
from .names import NameIndex, NameMention

Scope = Literal["project", "total", "none"]

# 口径 keywords for amounts; the keyword nearest before the number decides.
_AMOUNT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unit_price", ("单价", "人均", "标准为", "标准", "平均", "户均", "亩均", "均价")),
    (
        "source",
        (
            "当年财政拨款",
            "财政拨款",
            "上年结转资金",
            "上年结转",
            "其他资金",
            "中央资金",
            "省级资金",
            "市级资金",
            "上级资金",
            "本级资金",
        ),
    ),
    ("unspent_part", ("尾款", "质保金", "保证金")),
    (
        "unspent",
        (
            "结余",
            "剩余",
            "未执行",
            "尚未支付",
            "未支付",
            "余额",
            "结转",
            "未执行资金",
            "结余资金",
            "剩余资金",
            "结转资金",
            "未支付资金",
            "收回",
        ),
    ),
    ("budget_initial", ("年初预算数", "年初预算")),
    ("arrived", ("到位",)),
    (
        "executed",
        (
            "全年执行数",
            "执行金额",
            "实际执行",
            "执行数",
            "已执行",
            "执行",
            "支出",
            "支付",
            "使用",
            "拨付",
            "用款",
            "花费",
        ),
    ),
    (
        "budget",
        (
            "全年预算数",
            "全年预算",
            "调整后预算",
            "预算金额",
            "预算总额",
            "预算资金",
            "预算数",
            "资金总额",
            "总预算",
            "预算",
            "安排资金",
            "下达资金",
            "资金",
            "经费",
            "总额",
            "投入",
            "安排",
        ),
    ),
)
_PERCENT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("remainder", ("剩余", "结余", "尾款", "未支付", "未执行", "余下", "质保金")),
    ("rate", ("预算执行率", "执行率", "支出进度", "执行进度")),
    ("completion", ("完成率", "达成率", "完成")),
    ("satisfaction", ("满意度", "满意率")),
    ("other", ("到位率", "覆盖率", "合格率", "增长", "提高", "下降", "降低", "占比", "比例", "占")),
)
_SCORE_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("points", ("分值", "权重", "满分", "百分制", "分为")),
    ("score", ("得分", "评分", "总分", "自评分", "评价分")),
    ("rate_score", ("执行率得分", "执行得分")),
)
_INDICATOR_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("target", ("年度指标值", "指标值", "目标值", "计划")),
    ("actual", ("实际完成值", "完成值", "实际完成", "实际")),
    ("completion", ("完成率", "完成比例")),
    ("score", ("得分",)),
    ("points", ("分值", "权重")),
)
# Amounts followed by these words are the unspent part they name ("对应预算10.6520万元未支出").
_UNSPENT_AFTER = re.compile(r"^\s*(?:未支出|未支付|未执行|未拨付|未使用|尚未支付|待支付|结转下年)")
_PER_UNIT = re.compile(r"每[\u4e00-\u9fff]")
_TOTAL_CUES = re.compile(
    r"合计|总额|总计|共计|累计|全部|我部|我单位|本单位|我局|本部门|部门预算|整体|全年共|\d+\s*个项目|[一二三四五六七八九十]+个项目"
)
_SUBSET_CUES = ("其中", "有", "仅", "其余", "其他")
# Comparison words just before a number make it a bound, not a value ("低于90%" is true of 30%).
_COMPARISON = re.compile(
    r"(低于|高于|超过|超出|不足|不到|少于|多于|小于|大于|不低于|不少于|至少|达到|突破|逾)\s*$"
)
# A clause that turns to other projects ("，其余12个项目得分均为100分") ends the named project's scope.
_SUBJECT_SWITCH = re.compile(r"其余|其他|其它|另外|另有|\d+\s*个项目|[一二三四五六七八九十]+个项目")


@dataclass(frozen=True)
class Claim:
    mention: NumberMention
    sentence: Sentence
    field: str | None
    scope: Scope
    project: int | None
    attribution: Literal["sentence", "paragraph", "heading", "total", "none"]
    indicator: int | None = None  # index into the project's indicators when the number is about one

    @property
    def kind(self) -> str:
        return self.mention.kind


# Nouns that only say "money": a more specific word in the same clause decides ("支出救助资金…" is 执行).
_GENERIC = frozenset({"资金", "经费", "安排", "投入", "总额"})


def nearest_keyword(window: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The field whose keyword ends closest to the end of ``window`` (longest keyword on ties).

    A generic money noun loses to a specific keyword earlier in the same clause.
    """
    clause_start = max(window.rfind(mark) for mark in "，,；;：:。") + 1
    best: tuple[int, int, str] | None = None
    specific: tuple[int, int, str] | None = None
    for field_name, words in table:
        for word in words:
            pos = window.rfind(word)
            if pos < 0:
                continue
            key = (pos + len(word), len(word), field_name)
            if best is None or key[:2] > best[:2]:
                best = key
            if word not in _GENERIC and pos >= clause_start and (specific is None or key[:2] > specific[:2]):
                specific = key
    if best is None:
        return None
    generic = any(window.endswith(word, 0, best[0]) for word in _GENERIC)
    return specific[2] if generic and specific is not None else best[2]


class ClaimExtractor:
    """Turns a parsed document into claims, resolving projects with a ``NameIndex``."""

    def __init__(self, doc: Document, names: NameIndex, indicators: list[list[str]] | None = None) -> None:
        self.doc = doc
        self.names = names
        self.indicators = indicators or []
        self.mentions: list[NameMention] = names.find(doc.text[: doc.body_end])
        self._heading_project = self._heading_projects()

    def _heading_projects(self) -> dict[int, int]:
        """Line number of each level-2/3 heading → the project it names (if exactly one)."""
        result: dict[int, int] = {}
        for heading in self.doc.headings:
            inside = {m.project for m in self.mentions if heading.start <= m.start < heading.end}
            if len(inside) == 1:
                result[heading.line] = inside.pop()
        return result

    def mentions_between(self, start: int, end: int) -> list[NameMention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def sentence_projects(self, sentence: Sentence) -> set[int]:
        return {m.project for m in self.mentions_between(sentence.start, sentence.end)}

    def claims(self) -> list[Claim]:
        result: list[Claim] = []
        for sentence in self.doc.sentences:
            result.extend(self.claims_in(sentence))
        return result

    def claims_in(self, sentence: Sentence) -> list[Claim]:
        text = self.doc.text
        own_names = self.mentions_between(sentence.para_start, sentence.para_end)
        masked = [(m.start, m.end) for m in own_names]
        numbers = [
            n
            for n in find_numbers(sentence.text)
            if n.is_claim and not _overlaps(sentence.start + n.start, sentence.start + n.end, masked)
        ]
        claims: list[Claim] = []
        previous_end = 0
        for number in numbers:
            absolute = sentence.start + number.start
            window = _mask(text, sentence.start + previous_end, absolute, masked)
            previous_end = number.end
            comparison = _COMPARISON.search(window)
            if comparison and not number.hedge and comparison.group(1) != "达到":
                number = replace(number, hedge=comparison.group(1))
            scope, project, how = self._attribute(sentence, absolute, own_names)
            indicator = self._indicator(sentence, absolute, project) if scope == "project" else None
            if indicator is not None:
                field = nearest_keyword(window, _INDICATOR_FIELDS)
            else:
                after = text[sentence.start + number.end : sentence.end]
                field = self._field(number, window, after)
            claims.append(Claim(number, sentence, field, scope, project, how, indicator))
        return claims

    def _indicator(self, sentence: Sentence, offset: int, project: int | None) -> int | None:
        """The project's indicator named last before ``offset`` in the sentence (quoted or not)."""
        if project is None or project >= len(self.indicators):
            return None
        before = self.doc.text[sentence.start : offset]
        best: tuple[int, int] | None = None
        for k, name in enumerate(self.indicators[project]):
            pos = before.rfind(name)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, k)
        return best[1] if best else None

    def _field(self, number: NumberMention, window: str, after: str = "") -> str | None:
        if number.kind == "amount":
            clause = re.split(r"[，,；;：:]", window)[-1]
            if after.startswith(("/", "／")) or _PER_UNIT.search(clause):
                return "unit_price"
            if _UNSPENT_AFTER.match(after):
                return "unspent_part"
            found = nearest_keyword(window, _AMOUNT_FIELDS)
            if found is None and not window.strip(" \u3000:：，,（(“”\"'"):
                return "budget"  # "…经费项目：62.3205万元": an amount right after the name is its budget
            return found
        if number.kind in ("percent", "percentage_point"):
            return nearest_keyword(window, _PERCENT_FIELDS)
        if number.kind == "score":
            return nearest_keyword(window, _SCORE_FIELDS) or "score"
        return None

    def attribute_at(
        self, sentence: Sentence, offset: int
    ) -> tuple[Scope, int | None, Literal["sentence", "paragraph", "heading", "total", "none"]]:
        """Which project (or the unit) the words at ``offset`` speak of."""
        return self._attribute(
            sentence, offset, self.mentions_between(sentence.para_start, sentence.para_end)
        )

    def _attribute(
        self, sentence: Sentence, offset: int, paragraph_names: list[NameMention]
    ) -> tuple[Scope, int | None, Literal["sentence", "paragraph", "heading", "total", "none"]]:
        before = [m for m in paragraph_names if sentence.start <= m.start < offset]
        if before:
            if _SUBJECT_SWITCH.search(self.doc.text[before[-1].end : offset]):
                return "none", None, "none"
            return "project", before[-1].project, "sentence"
        in_sentence = [m for m in paragraph_names if sentence.start <= m.start < sentence.end]
        if len({m.project for m in in_sentence}) == 1:
            return "project", in_sentence[0].project, "sentence"
        if _TOTAL_CUES.search(sentence.text) and not in_sentence:
            return "total", None, "total"
        earlier = [m for m in paragraph_names if m.start < sentence.start]
        if earlier and not in_sentence:
            return "project", earlier[-1].project, "paragraph"
        heading_project = self._heading_for(sentence)
        if heading_project is not None and not in_sentence:
            return "project", heading_project, "heading"
        return "none", None, "none"

    def _heading_for(self, sentence: Sentence) -> int | None:
        for heading in reversed(self.doc.headings):
            if heading.start >= sentence.start:
                continue
            if heading.level == 1:
                return None
            if heading.line in self._heading_project:
                return self._heading_project[heading.line]
        return None


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _mask(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with project names blanked, so 经费 inside a name is not read as a 口径."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = "　"
    return "".join(chars)


def is_subset_count(sentence_text: str, number: NumberMention) -> bool:
    """ "其中3个项目…" or "有2个项目…" speaks of a part, not of all projects."""
    before = sentence_text[max(0, number.start - 4) : number.start]
    return any(cue in before for cue in _SUBSET_CUES)
