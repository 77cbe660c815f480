"""Claim extraction: every number in the prose becomes a claim about a project (or the unit) and a 口径.

Attribution, most confident first: a project named earlier in the same sentence; a totals cue (合计, 我局,
N个项目, 总体…) or a part cue (其中3个项目, 学生资助和学前教育两个项目) earlier in the sentence; a project named
later in the same sentence; a project named earlier in the same paragraph (line); the project of the heading
above. A name only inside a closed bracketed aside or one item of a list of uses is no subject of the words outside
it, and the parts listed after a left-over amount are money left (the rules: ``attribution_rules``). What cannot be
attributed is marked ``scope="none"`` and reported as uncertain rather than guessed; a number said of some projects
only is ``scope="subset"``. Which 口径 a number states lives in ``fields``.

Bad (the rate guessed as 学生资助's): "项目支出8,471.56万元，主要用于学生资助、教师培训等。全年预算执行率98.07%".
Good: "全年预算执行率98.07%" is the unit's; "学生资助项目全年预算执行率98.07%" is 学生资助's (named earlier in the
sentence); "其余3个项目执行率均为100%" is ``scope="subset"`` of size 3.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from assistant.numbers import NumberMention, find_numbers, parse_number
from assistant.numbers.precision import agrees
from assistant.vocabulary import last_keyword

from .attribution_rules import closed_aside, in_rest_list, listed_use
from .cues import cues
from .document import Document, Sentence
from .fields import (
    FIELD_WORDS,
    INDICATOR_MASK,
    LEVEL_WORDS,
    NAME_MASK,
    PROJECT_FIELDS,
    amount_field,
    first_clause,
    indicator_field,
    percent_field,
    score_field,
)
from .line_breaks import unwrapped
from .names import NameIndex, NameMention

Scope = Literal["project", "total", "subset", "none"]
Attribution = Literal["sentence", "paragraph", "heading", "total", "subset", "none"]

_CUES = cues(__name__)
RESPECTIVELY = _CUES.respectively  # read by the drafters too


@dataclass(frozen=True)
class Claim:
    mention: NumberMention
    sentence: Sentence
    field: str | None
    scope: Scope
    project: int | None
    attribution: Attribution
    indicator: int | None = None  # index into the project's indicators when the number is about one
    about_indicator: bool = False  # said of an indicator (named or not), not of the project as a whole
    points: Decimal | None = None  # the 分值 written right after an indicator score
    subset_size: int | None = None  # for scope "subset": how many projects the part names, when written

    @property
    def kind(self) -> str:
        return self.mention.kind

    def fits(self, truth: Decimal) -> bool:
        """Does the number as written (its precision, hedge and range) state ``truth``, given in its own unit?"""
        m = self.mention
        return agrees(m.raw_value, m.places, truth, m.hedge, m.high)


class ClaimExtractor:
    """Turns a parsed document into claims, resolving projects with a ``NameIndex``."""

    def __init__(self, doc: Document, names: NameIndex, indicators: list[list[str]] | None = None) -> None:
        self.doc = doc
        self.names = names
        self.indicators = indicators or []
        # Sorted by start (``NameIndex.find`` returns them so); lookups bisect on it.
        self.mentions: list[NameMention] = names.find(doc.text[: doc.body_end])
        self._starts = [m.start for m in self.mentions]
        # The longest mention bounds how far before a span a mention overlapping it can start.
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._paragraph_names: dict[tuple[int, int], list[NameMention]] = {}
        self._heading_project = self._heading_projects()
        self._paragraph_sentences: dict[int, list[Sentence]] = {}
        # "预算总资金18 189万元…总资金到位18 398.31万元": the document's way of writing thousands, not each sentence's
        self._spaced = doc.spaced
        for sentence in doc.sentences:
            self._paragraph_sentences.setdefault(sentence.para_start, []).append(sentence)

    def _heading_projects(self) -> dict[int, int]:
        """Line number of each level-2/3 heading → the project it names (if exactly one)."""
        result: dict[int, int] = {}
        for heading in self.doc.headings:
            inside = {m.project for m in self.mentions if heading.start <= m.start < heading.end}
            if len(inside) == 1:
                result[heading.line] = inside.pop()
        return result

    def mentions_between(self, start: int, end: int) -> list[NameMention]:
        result = []
        for k in range(bisect_left(self._starts, start), len(self.mentions)):
            m = self.mentions[k]
            if m.start > end:
                break
            if m.end <= end:
                result.append(m)
        return result

    def _names_in_paragraph(self, sentence: Sentence) -> list[NameMention]:
        """``mentions_between`` for the sentence's paragraph, computed once per paragraph (read-only)."""
        key = (sentence.para_start, sentence.para_end)
        found = self._paragraph_names.get(key)
        if found is None:
            found = self._paragraph_names[key] = self.mentions_between(*key)
        return found

    def sentence_projects(self, sentence: Sentence) -> set[int]:
        return {m.project for m in self.mentions_between(sentence.start, sentence.end)}

    def claims(self) -> list[Claim]:
        result: list[Claim] = []
        for sentence in self.doc.sentences:
            result.extend(self.claims_in(sentence))
        return result

    def claims_in(self, sentence: Sentence) -> list[Claim]:
        text = self.doc.text
        own_names = self._names_in_paragraph(sentence)
        near = _overlapping(own_names, sentence.start, sentence.end, self._longest)
        masked = [(m.start, m.end) for m in near]
        # Names blanked once for the whole sentence; each number's window is a slice of it.
        masked_text = _mask(text, sentence.start, sentence.end, masked)
        numbers = [
            n
            for n in find_numbers(sentence.text, self._spaced)
            if n.is_claim
            and not _overlapping(near, sentence.start + n.start, sentence.start + n.end, self._longest)
        ]
        claims: list[Claim] = []
        previous_end = 0
        previous: tuple[str, str | None] | None = None
        count_from: int | None = None  # where the window of a count just before began
        rest_end: int | None = None  # the end of the last left-over amount (结余, 结转) of the sentence
        rest_list = False  # a list of that amount's parts is open (包括…、…)
        for number in numbers:
            absolute = sentence.start + number.start
            window = unwrapped(masked_text[previous_end : number.start])
            if number.kind == "amount" and count_from is not None and first_clause(window) == window:
                # "支付中华蜜蜂蜂种600箱货款33万元": the count names what was paid for; the verb before it is the money's
                window = unwrapped(masked_text[count_from : number.start])
            count_from = previous_end if number.kind == "count" else None
            previous_end = number.end
            comparison = _CUES.comparison.search(window)
            if comparison and not number.hedge and comparison.group(1) != "达到":
                number = replace(number, hedge=comparison.group(1))
            after = unwrapped(text[sentence.start + number.end : sentence.end])
            scope, project, how, size = self._attribute(sentence, absolute, own_names)
            if scope == "project":
                window = self._mask_indicator_names(window, project)
            field = self._field(number, window, after, previous)
            if number.kind == "amount":
                since = masked_text[rest_end : number.start] if rest_end is not None else None
                field, rest_list = in_rest_list(field, window, since, rest_list)
                rest_end = number.end if field in ("unspent", "unspent_part") else rest_end
            indicator, about = None, False
            if scope == "project" and field not in PROJECT_FIELDS:
                indicator = self._indicator(sentence, absolute, project)
                about = indicator is not None or self._about_indicator(sentence, number, after)
            elif scope == "project" and _CUES.indicator_quoted_before.search(window):
                # "“设施运行成本”实际为41.79万元": a quoted name's value (an indicator's, known or not), though 实际
                # also names a project's spending
                indicator, about = self._indicator(sentence, absolute, project), True
            elif number.kind == "score" and field == "score":
                about = self._about_indicator(sentence, number, after)
            if indicator is not None:
                field = indicator_field(number, window, after)
            points = _points_after(after) if number.kind == "score" else None
            claims.append(Claim(number, sentence, field, scope, project, how, indicator, about, points, size))
            previous = (number.kind, field)
        claims = _paired(sentence, claims, [m for m in near if sentence.start <= m.start < sentence.end])
        return self._paired_indicators(sentence, claims)

    def _paired_indicators(self, sentence: Sentence, claims: list[Claim]) -> list[Claim]:
        """ "“A”和“B”的年度指标值分别为98%和95%": the n-th figure after 分别 is of the n-th indicator named."""
        projects = {c.project for c in claims if c.scope == "project"}
        listed = _listed(sentence, claims)
        project = projects.pop() if len(projects) == 1 else None
        if listed is None or project is None or project >= len(self.indicators):
            return claims
        head, figures = listed
        order = sorted((head.find(n), k) for k, n in enumerate(self.indicators[project]) if n and n in head)
        if len(order) < 2:
            return claims
        paired = list(claims)
        if len(figures) != len(order):
            # a figure we could not read ("86村次") leaves the order unknown: none of them is said of the
            # indicator named last before 分别
            for k in figures:
                paired[k] = replace(claims[k], indicator=None, about_indicator=False)
            return paired
        for k, (_, indicator) in zip(figures, order, strict=True):
            paired[k] = replace(claims[k], indicator=indicator, about_indicator=True)
        return paired

    # --- 口径 -------------------------------------------------------------------------------------------

    def _field(
        self, number: NumberMention, window: str, after: str, previous: tuple[str, str | None] | None
    ) -> str | None:
        if number.kind == "amount":
            return amount_field(number, window, after, previous)
        if number.kind in ("percent", "percentage_point"):
            return percent_field(number, window, after, previous)
        if number.kind == "score":
            return score_field(window)
        return None

    # --- indicators -------------------------------------------------------------------------------------

    def _mask_indicator_names(self, window: str, project: int | None) -> str:
        """Blank the project's indicator names, so 资金 in "节约资金" or 使用 in "设施使用年限" is no 口径."""
        if project is None or project >= len(self.indicators):
            return window
        for name in sorted(self.indicators[project], key=len, reverse=True):
            if name and name in window and name not in FIELD_WORDS:
                window = window.replace(name, INDICATOR_MASK * len(name))
        return window

    def _indicator(self, sentence: Sentence, offset: int, project: int | None) -> int | None:
        """The project's indicator named last before ``offset`` in the sentence, else in the paragraph's
        nearest earlier sentence that names one (if it names exactly one), else in a subheading above."""
        if project is None or project >= len(self.indicators):
            return None
        names = self.indicators[project]
        head = _mask_levels(self.doc.text[sentence.start : offset], names)
        item = max((m.end() for m in _CUES.new_item.finditer("；" + head)), default=1) - 1
        found = _last_named(head[item:], names)
        if found is not None or item:
            return found  # "…；实际完成情况：…" starts a new item: names before it do not carry over
        if _CUES.project_subject.search(head):
            return None  # "自评得分99.5分": the sentence names the project's own score; no earlier indicator carries
        for earlier in reversed(self._earlier_in_paragraph(sentence)):
            if self.mentions_between(earlier.start, earlier.end):
                return None  # the paragraph turned back to a project
            named = _all_named(earlier.text, names)
            if named:
                return named.pop() if len(named) == 1 else None
        for heading in reversed(self.doc.headings):
            if heading.start >= sentence.start:
                continue
            if heading.level == 1:
                break
            named = _all_named(heading.text, names)
            if named:
                return named.pop() if len(named) == 1 else None
        return None

    def _about_indicator(self, sentence: Sentence, number: NumberMention, after: str) -> bool:
        """Is a score said of one indicator rather than of the project?

        "得13.5分（分值15分）" always is; otherwise the nearest subject before the number decides: a quoted
        indicator name or "指标得…" against a project name or "项目得分/总分".
        """
        if _CUES.points_after.match(after):
            return True
        verdict = self._subject(sentence, sentence.start + number.start)
        if verdict is not None:
            return verdict
        for earlier in reversed(self._earlier_in_paragraph(sentence)):
            verdict = self._subject(earlier, earlier.end)
            if verdict is not None:
                return verdict
        return False

    def _subject(self, sentence: Sentence, offset: int) -> bool | None:
        """True for an indicator, False for a project, None when the text before ``offset`` names neither."""
        head = self.doc.text[sentence.start : offset]
        last_indicator = -1
        for match in _CUES.indicator_subject.finditer(head):
            quoted = match.group(1)
            if quoted is not None and (_CUES.not_indicator_quotes.search(quoted) or self.names.find(quoted)):
                continue
            last_indicator = match.end()
        last_project = max(
            [m.end - sentence.start for m in self.mentions_between(sentence.start, offset)]
            + [m.end() for m in _CUES.project_subject.finditer(head)]
            + [-1]
        )
        if last_indicator < 0 and last_project < 0:
            return None
        return last_indicator > last_project

    def _earlier_in_paragraph(self, sentence: Sentence) -> list[Sentence]:
        return [s for s in self._paragraph_sentences.get(sentence.para_start, []) if s.end <= sentence.start]

    # --- attribution ------------------------------------------------------------------------------------

    def attribute_at(self, sentence: Sentence, offset: int) -> tuple[Scope, int | None, Attribution]:
        """Which project (or the unit) the words at ``offset`` speak of."""
        scope, project, how, _ = self._attribute(sentence, offset, self._names_in_paragraph(sentence))
        return scope, project, how

    def _attribute(
        self, sentence: Sentence, offset: int, paragraph_names: list[NameMention]
    ) -> tuple[Scope, int | None, Attribution, int | None]:
        text = self.doc.text
        # paragraph_names is sorted by start: the slices below keep the order of the old filters.
        first = bisect_left(paragraph_names, sentence.start, key=_start)
        before = paragraph_names[first : bisect_left(paragraph_names, offset, lo=first, key=_start)]
        before = [
            m
            for m in before
            if not closed_aside(text, sentence.start, m, offset) and not listed_use(text, m, offset)
        ]
        if before:
            gap = text[before[-1].end : offset]
            if _CUES.subject_switch.search(gap):
                cue = self._scope_cue(gap)
                if cue is not None and cue[0] == "total":
                    return "total", None, "total", None
                return "subset", None, "subset", cue[1] if cue else None
            return "project", before[-1].project, "sentence", None
        cue = self._scope_cue(text[sentence.start : offset])
        if cue is not None:
            if cue[0] == "total":
                return "total", None, "total", None
            return "subset", None, "subset", cue[1]
        in_sentence = paragraph_names[
            first : bisect_left(paragraph_names, sentence.end, lo=first, key=_start)
        ]
        # "项目支出8,471.56万元，主要用于学生资助、教师培训等": a name listed among the money's uses is no subject
        subjects = [m for m in in_sentence if not listed_use(text, m)]
        if len({m.project for m in subjects}) == 1:
            return "project", subjects[0].project, "sentence", None
        if (
            first
            and not in_sentence
            and not closed_aside(text, sentence.para_start, paragraph_names[first - 1], sentence.start)
            and not listed_use(text, paragraph_names[first - 1])
        ):  # a name earlier in the paragraph (not one an aside named: "…590.00万元（全部为X项目结转）；全年执行…",
            # nor one item of a list of uses: "…主要用于学生资助、教师培训等。全年预算执行率98.07%")
            return "project", paragraph_names[first - 1].project, "paragraph", None
        heading_project = self._heading_for(sentence)
        if heading_project is not None and not in_sentence:
            return "project", heading_project, "heading", None
        return "none", None, "none", None

    def _scope_cue(self, head: str) -> tuple[str, int | None] | None:
        """The last whole-unit or part cue in ``head``: ("total", None) or ("subset", size or None)."""
        best: tuple[int, str, int | None] | None = None
        for match in _CUES.total_cues.finditer(head):
            best = (match.end(), "total", None)
        for match in _CUES.project_count.finditer(head):
            # "前三个项目合计": the sum of those counted
            attached = _CUES.count_total.match(head, match.end())
            if best is not None and best[0] > (attached.end() if attached else match.end()):
                continue
            written = match.group(1) or match.group(2)
            try:
                size = int(parse_number(written))
            except ValueError:
                continue
            lead = head[: match.start()].rstrip()
            if lead.endswith(("共", "等", "共有", "共计", "总共")):
                part = False
            elif _CUES.subset_before.search(lead):
                part = True
            elif size == len(self.names.names):
                part = False
            else:
                part = size < len(self.names.names) or bool(_CUES.enumeration.search(lead))
            end = max(match.end(), attached.end() if attached else 0)
            best = (end, "subset", size) if part else (end, "total", None)
        return (best[1], best[2]) if best else None

    def _heading_for(self, sentence: Sentence) -> int | None:
        for heading in reversed(self.doc.headings):
            if heading.start >= sentence.start:
                continue
            if heading.level == 1:
                return None
            if heading.line in self._heading_project:
                return self._heading_project[heading.line]
        return None


def _listed(sentence: Sentence, claims: list[Claim]) -> tuple[str, list[int]] | None:
    """For "…分别为x、y、z": the text before 分别, and the indexes of the claims listed after it (to the clause end)."""
    cue = _CUES.respectively.search(sentence.text)
    if not cue:
        return None
    end = _CUES.list_end.search(sentence.text, cue.end())
    stop = end.start() if end else len(sentence.text)
    return sentence.text[: cue.start()], [
        k for k, c in enumerate(claims) if cue.end() <= c.mention.start < stop
    ]


def _paired(sentence: Sentence, claims: list[Claim], names: list[NameMention]) -> list[Claim]:
    """ "A、B和C的全年预算数分别为x、y、z": the n-th figure after 分别 is said of the n-th project named before."""
    listed = _listed(sentence, claims)
    if listed is None:
        return claims
    head, figures = listed
    projects = list(dict.fromkeys(m.project for m in names if m.start < sentence.start + len(head)))
    if len(projects) < 2 or len(figures) != len(projects):
        return claims
    paired = list(claims)
    for k, project in zip(figures, projects, strict=True):
        paired[k] = replace(claims[k], scope="project", project=project, attribution="sentence")
    return paired


def _last_named(text: str, names: list[str]) -> int | None:
    """The indicator named last in ``text``; a name inside a longer one ("满意度" in "受益群众满意度") loses
    to the longer one that ends there."""
    hit = last_keyword(text, [(str(k), (name,)) for k, name in enumerate(names) if name])
    return int(hit.field) if hit else None


def _mask_levels(text: str, names: list[str]) -> str:
    """Blank 一级/二级指标 words ("满意度指标") so an indicator name inside them ("满意度") is not read."""
    for word in LEVEL_WORDS:
        if word in text and word not in names:
            text = text.replace(word, NAME_MASK * len(word))
    return text


def _all_named(text: str, names: list[str]) -> set[int]:
    return {k for k, name in enumerate(names) if name and name in text}


def _points_after(after: str) -> Decimal | None:
    match = _CUES.points_after.match(after)
    return Decimal(match.group(1)) if match else None


def _start(mention: NameMention) -> int:
    return mention.start


def _overlapping(names: list[NameMention], start: int, end: int, longest: int) -> list[NameMention]:
    """The mentions (sorted by start, none longer than ``longest``) that overlap ``[start, end)``."""
    lo = bisect_left(names, start - longest, key=_start)
    hi = bisect_left(names, end, lo=lo, key=_start)
    return [m for m in names[lo:hi] if start < m.end]


def _mask(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with project names blanked, so 经费 inside a name is not read as a 口径."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = NAME_MASK
    return "".join(chars)
