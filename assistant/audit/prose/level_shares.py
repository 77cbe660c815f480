"""A whole split among levels or parties by stated proportions, and the amount stated for each part.

Why: funds shared by 中央/省/市/县 (分担比例) are written as the shares ("按中央80%、省级12%…的比例分担", "由中央、省、
县按6:2:2比例分担", "省级承担12%，计388.08万元", or "…，分担比例为80%、15%、5%" after the amounts) and then the
amount of each level; the numbers check each other only when the text is read as one split.

A split is read so: one group of shares of named levels (a run of labelled percentages, one ratio with its levels,
or a list after 比例为/分别 paired in order with the labelled amounts before it) that sums to 100 %; each level's
amount is the one money figure of the paragraph labelled with that level (a level word at the start of the clause
before the figure, or the percentage right before it: "12%，计388.08万元"); a figure of another stage (到位, 支出…) is
no part. A level stated twice with different amounts, or a share without an amount, leaves the split unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..cues import cues
from ..document import Document, Sentence
from ..fields import clause_of
from .model import Statement

_CUES = cues(__name__)
HUNDRED = Decimal(100)

# the level words and the key they stand for (自治区 before 区: a province, not a district)
_KEYS = {
    "中央": "中央",
    "自治区": "省",
    "省": "省",
    "市县": "市县",
    "县市": "市县",
    "市": "市",
    "州": "市",
    "县区": "县",
    "县": "县",
    "区": "县",
    "旗": "县",
    "乡镇": "乡",
    "乡": "乡",
    "镇": "乡",
    "地方": "地方",
    "个人": "个人",
    "农户": "个人",
}
# a level word after other words ("下达中央资金", "据此省级资金") is read only where it cannot end a place's name:
# 中央, or a level with 级 after it
_LEVEL = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[、与和及由按照至])|(?<=其中))(自治区|中央|市县|县市|县区|乡镇|地方|个人|农户|省|市|州|县|区|旗|乡|镇)"
    r"|(?<!党)(中央)|(?<![本全])(省|市|州|县|区|旗)(?=级)"
)


@dataclass(frozen=True)
class Split:
    """The shares (percent of the whole) of the levels, the amount stated for each, and where the shares stand."""

    shares: dict[str, Decimal]
    share_text: dict[str, str]
    parts: dict[str, Statement]
    span: tuple[int, int]
    ratio: bool


def level_of(segment: str, tail: int) -> str | None:
    """The level a clause names right before a number: its last level word, with at most ``tail`` characters of
    other words after it ("中央补助资金", "省级承担") and no clause mark."""
    found = list(_LEVEL.finditer(segment))
    if not found:
        return None
    last = found[-1]
    rest = segment[last.end() :]
    if not re.fullmatch(rf"(?:级|本级)?[^\d，,。；;、：:（）()%率]{{0,{tail}}}", rest):
        return None
    return _KEYS[last.group(last.lastindex or 1)]


def tranche_of(text: str, whole: Statement, parts: list[Statement]) -> bool:
    """ "总投资1,000万元，按中央60%、省级40%分担，本年度下达中央600万元，省级300万元": parts said to be one year's or
    one batch's money are a tranche of a whole of the project's life (总投资, 总预算, 概算); their sum proves nothing
    against it."""
    if not _CUES.life_whole.search(clause_of(text[: whole.span[0]])):
        return False
    first = min(p.span[0] for p in parts)
    return any(_CUES.tranche.search(clause_of(text[: p.span[0]])) for p in parts) or bool(
        _CUES.tranche.search(text[whole.span[1] : first])
    )


def read_splits(doc: Document, statements: list[Statement]) -> list[Split]:
    """Every split of a paragraph whose shares sum to 100 % and whose every level has one amount."""
    splits: list[Split] = []
    by_para: dict[int, list[Statement]] = {}
    for s in statements:
        if s.sentence is not None and s.kind in ("amount", "percent"):
            by_para.setdefault(s.sentence.para_start, []).append(s)
    for own in by_para.values():
        sentence = own[0].sentence
        assert sentence is not None
        if not _CUES.split_word.search(doc.text[sentence.para_start : sentence.para_end]):
            continue
        splits.extend(_paragraph_splits(doc, sentence, own))
    return splits


def _paragraph_splits(doc: Document, sentence: Sentence, own: list[Statement]) -> list[Split]:
    text = doc.text
    labels: dict[tuple[int, int], str] = {}
    previous_end = sentence.para_start
    for s in own:
        segment = text[previous_end : s.span[0]]
        key = level_of(segment, 6 if s.kind == "percent" else 10)
        if key is not None:
            labels[s.span] = key
        previous_end = s.span[1]
    for rate, amount in pairwise(own):
        # "省级承担12%，计388.08万元": the amount right after a level's share is that level's part
        if (
            rate.kind == "percent"
            and amount.kind == "amount"
            and rate.span in labels
            and _CUES.share_joins_amount.fullmatch(text[rate.span[1] : amount.span[0]])
        ):
            labels[amount.span] = labels[rate.span]
    amounts: dict[str, list[Statement]] = {}
    for s in own:
        key = labels.get(s.span)
        if (
            s.kind == "amount"
            and key is not None
            and not _CUES.other_stage.search(clause_of(text[: s.span[0]]))
        ):
            amounts.setdefault(key, []).append(s)
    groups = _percent_groups(own, labels) + _ratio_groups(text, sentence) + _listed_groups(text, own, labels)
    splits = []
    for shares, share_text, span, ratio in groups:
        found = {key: amounts.get(key, []) for key in shares}
        if any(len({s.value for s in f}) > 1 for f in found.values()):
            continue
        parts = {key: f[0] for key, f in found.items() if f}
        if len(parts) == len(shares) or len(parts) == 1:
            # one level's amount alone is read too: only its sentence's whole can check it (see the check)
            splits.append(Split(shares, share_text, parts, span, ratio))
    return splits


_Group = tuple[dict[str, Decimal], dict[str, str], tuple[int, int], bool]


def _full(shares: dict[str, Decimal], places: int) -> bool:
    """Do the shares make the whole (100 %, at the precision they are written to)?"""
    return (
        len(shares) >= 2
        and abs(sum(shares.values()) - HUNDRED) <= Decimal(len(shares)) / 2 * Decimal(10) ** -places
    )


def _percent_groups(own: list[Statement], labels: dict[tuple[int, int], str]) -> list[_Group]:
    """Runs of labelled shares ("中央80%、省级12%、市级3%、县级5%", or each with its amount: "中央承担60%，计…；省级
    承担25%，计…"), a new run where a level comes again or a percentage of no level stands between."""
    groups: list[_Group] = []
    run: list[Statement] = []
    for s in [*(s for s in own if s.kind == "percent"), None]:
        key = labels.get(s.span) if s is not None and s.exact_claim else None
        if key is None or any(labels[r.span] == key for r in run):
            shares = {labels[r.span]: r.value for r in run}
            if run and _full(shares, max(r.places for r in run)):
                groups.append(
                    (shares, {labels[r.span]: r.text for r in run}, (run[0].span[0], run[-1].span[1]), False)
                )
            run = []
        if key is not None and s is not None:
            run.append(s)
    return groups


def _ratio_groups(text: str, sentence: Sentence) -> list[_Group]:
    """A ratio or a list of percentages with its levels before it in its clause ("中央、省、县三级财政按6:2:2比例分担",
    "由中央、省、县三级按60%、25%、15%的比例分担")."""
    groups: list[_Group] = []
    para = text[sentence.para_start : sentence.para_end]
    found = [(m, True) for m in _CUES.ratio.finditer(para)] + [
        (m, False) for m in _CUES.percent_list.finditer(para)
    ]
    for m, ratio in found:
        written = [t.strip() for t in re.split(r"\s*[:：∶、，,]\s*", m.group("terms"))]
        terms = [Decimal(t.rstrip("%")) for t in written]
        start = sentence.para_start + m.start()
        clause_start = max(para.rfind(mark, 0, m.start()) for mark in "，,。；;：:（(") + 1
        keys = [_KEYS[k.group(k.lastindex or 1)] for k in _LEVEL.finditer(para[clause_start : m.start()])]
        if len(keys) != len(terms) or len(set(keys)) != len(keys) or not sum(terms):
            continue
        whole = sum(terms) if ratio else HUNDRED
        shares = {k: t * HUNDRED / whole for k, t in zip(keys, terms, strict=True)}
        if not ratio and not _full(shares, max(-t.as_tuple().exponent for t in terms)):  # type: ignore[operator]
            continue
        shown = [m.group("terms")] * len(keys) if ratio else written
        groups.append((shares, dict(zip(keys, shown, strict=True)), (start, start + len(m.group(0))), ratio))
    return groups


def _listed_groups(text: str, own: list[Statement], labels: dict[tuple[int, int], str]) -> list[_Group]:
    """Shares listed after the levels' amounts ("中央资金…，省级资金…，县级资金…，分担比例为80%、15%、5%"), paired in
    order with the labelled amounts of the same sentence before them."""
    groups: list[_Group] = []
    for i, s in enumerate(own):
        if s.kind != "percent" or s.span in labels or s.sentence is None:
            continue
        if not _CUES.shares_listed.search(
            text[max(s.sentence.start, own[i - 1].span[1] if i else 0) : s.span[0]]
        ):
            continue
        run = [s]
        for t in own[i + 1 :]:
            if t.kind != "percent" or not re.fullmatch(
                r"\s*[、，,和及]\s*", text[run[-1].span[1] : t.span[0]]
            ):
                break
            run.append(t)
        before = [a for a in own[:i] if a.kind == "amount" and a.sentence is s.sentence and a.span in labels]
        keys = [labels[a.span] for a in before]
        if len(keys) != len(run) or len(set(keys)) != len(keys):
            continue
        shares = {k: r.value for k, r in zip(keys, run, strict=True)}
        if _full(shares, max(r.places for r in run)):
            groups.append(
                (
                    shares,
                    {k: r.text for k, r in zip(keys, run, strict=True)},
                    (run[0].span[0], run[-1].span[1]),
                    False,
                )
            )
    return groups
