"""Subjects a report's numbers are about, found from the report's own structure, not from a list of names.

Projects come from the places a report names them as the head of something: a list item or heading
("3.基层党建信息化平台建设经费项目59.2万元", "（一）义务教育…补助项目"), an enumeration line ("XX经费项目：1.92万元"),
a paragraph that opens with a name and a 口径 ("XX项目年初预算数468.75万元"), a quoted name followed by 项目.
Fund sources (中央/省级/市级/县级/自治区, 当年财政拨款, 上年结转…) are read from the words before a number.
Statements (numbers with subjects) are built in ``statements``.
"""

from __future__ import annotations

import re

from ..document import Document
from ..names import YEAR_PREFIX, name_key

_MARKER = (
    r"(?:\d{1,2}\s*[、.．]|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]|[一二三四五六七八九十]{1,3}是|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"
)
_NAME_BODY = r"[^\s:：，,。；;！？!?（()）]{2,48}?"
# The head of a list item, heading or enumeration line: a name ending in 项目 (or a project noun and 项目),
# followed by a colon, an amount or a 口径 word.
_ITEM_HEAD = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?(?:{_MARKER}\s*)?[“\"「]?(?P<name>{_NAME_BODY}(?:项目|经费|资金|专项|工程))[”\"」]?"
    r"(?=\s*[:：]|\s*\d|\s*(?:年初|全年|预算|总投资|资金|执行|支出(?!绩效)|实际|共|合计|安排|下达|[,，]))"
)
# A heading that is a project's name ("（二）中小学校舍维修改造项目", "2.XX项目绩效自评情况").
_HEADING_NAME = re.compile(
    rf"^\s*(?:#{{1,6}}\s*)?{_MARKER}\s*[“\"「]?(?P<name>{_NAME_BODY}项目)[”\"」]?"
    r"(?:绩效自评情况|自评情况|绩效情况|情况|基本情况)?\s*$"
)
# "只有一个项目：生均公用经费项目", "项目名称：XX": a name introduced by a label.
_LABELLED = re.compile(
    rf"(?:项目名称|项目)[:：]\s*[“\"「]?(?P<name>{_NAME_BODY}(?:项目|经费|资金|专项|工程))[”\"」]?(?=[\s，,。；;]|$)"
)
# A report's title ("XX专项资金绩效自评报告") names the report, not a project.
_TITLE_REST = re.compile(r"^[^，,。；;]{0,20}?(?:报告|自评表|评价表)")
_QUOTED = re.compile(r"[“\"「](?P<name>[^“”\"「」\n]{3,40})[”\"」]\s*(?=项目)")
# Words that open a clause about something else than a named project ("我局项目…", "该项目…").
_NOT_A_NAME_START = re.compile(
    r"^(?:我|本单位|本部门|本局|本项目|本年|该|各|此|上述|其中|以上|其他|其它|其余|所有|部分|这|那|对|在|经|通过|根据|"
    r"依据|按|为|由|截至|截止|共|合计|总体|总计|年度|当年|上年|财政|预算|绩效|专项资金|项目资金|资金|中央|省级|市级|"
    r"县级|区级|自治区|另|如下|具体|主要|重点|新增|追加|实施|开展|完成|支付|安排|下达|使用|执行|用于|全年|全部|全面|"
    r"今年|去年|明年)"
)
# Counts, indicators, citations inside a candidate show it is a clause, not a name.
_NOT_IN_A_NAME = re.compile(
    r"\d+\s*个|指标|《|》|这|那|的这|[“”\"「」].*[“”\"「」].*[“”\"「」]|^\d{1,2}\s*[.、．]"
)
# Words that only say "money" or "project": a name needs at least four characters besides them.
_GENERIC_WORDS = re.compile(r"项目|资金|经费|专项|工程|财政")
# A name ending in one of these is a section about something, not a project.
_NOT_A_NAME_END = re.compile(
    r"(?:情况|目标|原因|措施|分析|结论|问题|建议|说明|概况|背景|内容|资金总额)(?:项目)?$"
)
_GENERIC_KEYS = frozenset(
    {"项目", "专项", "预算", "财政", "财政资金", "专项资金", "项目资金", "预算资金", "资金", "经费", "工程"}
)

# Fund sources, by the words officers write; the label is what messages show.
_SOURCE_WORDS: tuple[tuple[str, str], ...] = (
    (r"当年财政拨款|本年财政拨款|本年度财政拨款", "当年财政拨款"),
    (r"上年结转(?:结余)?", "上年结转"),
    (r"其他资金", "其他资金"),
    (r"自筹", "自筹资金"),
    (r"社会(?:投入)?资金", "社会资金"),
    (r"单位资金|单位自有资金", "单位资金"),
    (r"财政专户", "财政专户资金"),
    (r"银行贷款", "银行贷款"),
    (r"中央", "中央资金"),
    (r"自治区", "自治区资金"),
    # "我县/全县/本县…下达" names the place that receives the money, not the level that gives it.
    (r"省级|(?<![a-zA-Z\u4e00-\u9fff])省(?=财政|级|补助|资金|专项|配套|下达)", "省级资金"),
    (r"州级|市级|(?<![城超我全本该])市(?=财政|级|补助|资金|专项|配套|下达)", "市级资金"),
    (r"县级|(?<![郡我全本该])县(?=财政|级|补助|资金|专项|配套|下达)", "县级资金"),
    (r"区级|(?<![社园地景我全本该])区(?=财政|级|补助|资金|专项|配套|下达)", "区级资金"),
    (r"本级", "本级资金"),
    (r"上级", "上级资金"),
    (r"财政拨款", "财政拨款"),
)
_SOURCE_RE = re.compile(
    "|".join(f"(?P<s{k}>{pattern})" for k, (pattern, _) in enumerate(_SOURCE_WORDS))
    + r"(?=[^，,。；;]{0,12}?(?:资金|补助|拨款|配套|投入|经费|财政|专项|转移支付|下达|安排|结转|贷款|[\d]))"
)


def _clean(name: str) -> str:
    """A discovered name as a project's display name: no quotes, no trailing 项目, no doubled 经费."""
    name = name.strip(' \t“”"「」『』')
    name = re.sub(r"(经费)+项目$", "经费", name)
    name = re.sub(r"(经费)(经费)+", r"\1", name)
    stripped = name.removesuffix("项目")
    return stripped if len(stripped) >= 4 else name


def _acceptable(name: str) -> bool:
    key = name_key(name)
    bare = YEAR_PREFIX.sub("", name)
    if len(key) < 4 or key in _GENERIC_KEYS or _NOT_A_NAME_START.match(bare) or _NOT_A_NAME_END.search(name):
        return False
    if _NOT_IN_A_NAME.search(name) or len(_GENERIC_WORDS.sub("", bare)) < 4:
        return False
    return not _is_source_phrase(key)  # "中央补助资金" is a fund source, not a project


def _is_source_phrase(key: str) -> bool:
    rest = _SOURCE_RE.sub("", key)
    return not re.sub(r"资金|财政|补助|专项|配套|转移支付|拨款|经费|衔接|预算内|下达|安排|项目", "", rest)


def find_project_names(doc: Document) -> list[str]:
    """Project names in the order the report first names them, one per distinct name key."""
    text = doc.text[: doc.body_end]
    found: list[tuple[int, str]] = []
    for heading in doc.headings:
        match = _HEADING_NAME.match(heading.text)
        if match:
            found.append((heading.start, match.group("name")))
    seen_paragraphs: set[int] = set()
    for sentence in doc.sentences:
        if sentence.para_start in seen_paragraphs:
            continue
        seen_paragraphs.add(sentence.para_start)
        line = text[sentence.para_start : sentence.para_end]
        match = _ITEM_HEAD.match(line)
        if match and not _TITLE_REST.match(line[match.end("name") :]):
            found.append((sentence.para_start + match.start("name"), match.group("name")))
    for pattern in (_QUOTED, _LABELLED):
        for match in pattern.finditer(text):
            found.append((match.start("name"), match.group("name")))
    names: list[str] = []
    keys: set[str] = set()
    for _, raw in sorted(found):
        name = _clean(raw)
        key = name_key(name)
        if _acceptable(name) and key not in keys:
            keys.add(key)
            names.append(name)
    return names


def source_label(clause: str) -> str | None:
    """The fund source the end of ``clause`` names (the last one written), or None."""
    best: tuple[int, str] | None = None
    for match in _SOURCE_RE.finditer(clause):
        for k, (_, label) in enumerate(_SOURCE_WORDS):
            if match.group(f"s{k}"):
                best = (match.start(), label)
                break
    return best[1] if best else None
