"""Checking the figures of an answer through its slots: right project, right 口径, no number from nowhere.

A model writes figures as ``{{key}}`` slots, and sometimes as literal numbers. ``FigureReview.review`` reads each
sentence of the raw answer with the projects it names (``{{p3.label}}``, or the name written out in any quote
style, or a back-reference to the last one named) and checks:

- a slot's project is a project the sentence speaks of, and its value is what the 口径 word before it promises
  ("全年执行数{{p3.budget}}" shows the budget); "A、B的预算数分别为{{pA…}}、{{pB…}}" pairs in order, and
  "均为{{p1.rate}}%" must hold for every project of the group;
- a literal number (``assistant.drafting.literals``) is accepted when it is quoted from the text fields of the project it is said of (目标,
  完成情况, 原因, 措施, 背景, 指标说明) or is the case year; it is turned into the slot of the fact it equals
  (of the right kind, for the sentence's project, else for the unit) instead of a re-ask; otherwise the issue
  says which fact the sentence needs ("应为{{p3.executed}}（18.6932）"), or, when no fact has that value,
  that it must go;
- counts in Chinese words (三个项目, 这一项目, 上述两个项目) and digits inside names are not figures.
Unknown slots get the nearest existing key as the fix. Everything is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.audit.claims import RESPECTIVELY
from assistant.audit.names import NameIndex
from assistant.drafting.filed_numbers import FILED_TEXTS, contradicts_filed
from assistant.drafting.issues import Issue
from assistant.drafting.keys import suggest_key
from assistant.drafting.literals import Figures, LiteralCheck
from assistant.drafting.wording import (
    BACK_REFERENCE,
    COMPARISON,
    FIELD_SUFFIXES,
    REST_CUE,
    SHARED,
    TOTAL_CUE,
    UNIT_KINDS,
    clip,
    field_before,
    prefix_of,
    project_of,
    suffix_of,
    unit_after,
    unit_word,
    word_before,
)
from assistant.facts import SLOT, FactSheet
from assistant.placeholders import ANY_PLACEHOLDER

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_NUMBER = re.compile(
    r"(?<![0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?|百分之[零〇一二两三四五六七八九十百]+"
)
_NAME_KEYS = re.compile(
    r"^(?:unit\.name|unit\.department|p\d+\.(?:name|label|department|implementer|i\d+\.name))$"
)
_TEXT_KEYS = ("goal", "outcome", "cause", "measure", "background", "note", "target", "actual", "name", "unit")


@dataclass
class _Token:
    start: int
    end: int
    key: str | None  # a slot's key, None for a literal
    text: str


class FigureReview:
    """Reviews answers against one fact sheet (built once per section validator)."""

    def __init__(self, facts: FactSheet) -> None:
        self.facts = facts
        self.unit = facts.unit
        self.numbers = [ps.index for ps in self.unit.projects]
        self.names = NameIndex([ps.project.name for ps in self.unit.projects])
        # the officer's own texts, the evidence of what a noun measures (filed_numbers)
        self.filed_texts = [v for k, v in facts.values.items() if suffix_of(k) in FILED_TEXTS]
        self.masked = sorted(
            {v for k, v in facts.values.items() if _NAME_KEYS.match(k) and v} | {"财预〔2020〕10号"},
            key=len,
            reverse=True,
        )
        texts = {n: self._texts(f"p{n}.") for n in self.numbers}
        self.literals = LiteralCheck(facts, texts, self._texts("unit."))

    def _texts(self, prefix: str) -> str:
        return "\n".join(
            v
            for k, v in self.facts.values.items()
            if k.startswith(prefix) and self.facts.kinds.get(k) == "text" and suffix_of(k) in _TEXT_KEYS
        )

    # --- the review ---

    def review(self, paragraphs: list[str]) -> Figures:
        result = Figures([])
        self._unknown_slots(paragraphs, result)
        subject: list[int] = []
        for paragraph in paragraphs:
            pieces = []
            for sentence in _SENTENCE.findall(paragraph):
                text, subject = self._sentence(sentence, subject, result)
                pieces.append(text)
            result.paragraphs.append("".join(pieces))
        return result

    def _sentence(self, sentence: str, subject: list[int], result: Figures) -> tuple[str, list[int]]:
        """Check one sentence; returns it with literals converted, and the projects it leaves as subject."""
        named = self._named(sentence)
        tokens = list(self._tokens(sentence))
        pairing = self._pairing(sentence, named, tokens)
        replacements: list[tuple[int, int, str]] = []
        for token in tokens:
            scope = pairing.get(token.start) or self._scope(sentence, token.start, named, subject)
            rest = self._rest(sentence, token.start, named)
            if token.key is not None and token.start in pairing:
                self._paired_slot(sentence, token, pairing[token.start][0], result)
            elif token.key is not None:
                self._slot(sentence, token, rest or scope, named, rest or subject, result)
            else:
                new = self.literals.check(sentence, token.start, token.end, scope, subject, result)
                if new is not None:
                    replacements.append((token.start, token.end, new))
        for start, end, new in reversed(replacements):
            sentence = sentence[:start] + new + sentence[end:]
        projects = list(dict.fromkeys(n for _, n in named))
        return sentence, projects or subject

    # --- what a sentence speaks of ---

    def _named(self, sentence: str) -> list[tuple[int, int]]:
        """(position, project number) of every project the sentence names, by slot or written out."""
        found = [
            (m.start(), project_of(m.group(1)) or 0)
            for m in SLOT.finditer(sentence)
            if re.match(r"p\d+\.(?:label|name)$", m.group(1))
        ]
        plain = SLOT.sub(lambda m: "\ue000" * len(m.group(0)), sentence)
        found += [(m.start, self.numbers[m.project]) for m in self.names.find(plain)]
        return sorted(found)

    def _scope(self, sentence: str, at: int, named: list[tuple[int, int]], subject: list[int]) -> list[int]:
        """Projects the words at ``at`` speak of: the last one named before, else the unit (a totals cue),
        else those the previous sentence spoke of; ``[]`` is the unit."""
        before = [n for pos, n in named if pos < at]
        if before:
            return [before[-1]]
        if subject and BACK_REFERENCE.search(sentence[:at]):
            return subject
        if TOTAL_CUE.search(sentence[:at]):
            return []
        if named:
            return list(dict.fromkeys(n for _, n in named))
        return subject

    def _rest(self, sentence: str, at: int, named: list[tuple[int, int]]) -> list[int]:
        """ "其余项目均为{{p1.score}}分": the projects the sentence does not name, when that is what ``at`` is about."""
        cues = list(REST_CUE.finditer(sentence, 0, at))
        cue = cues[-1] if cues else None
        if cue is None or any(cue.end() <= pos < at for pos, _ in named):
            return []
        mentioned = {n for _, n in named}
        return [n for n in self.numbers if n not in mentioned]

    def _pairing(
        self, sentence: str, named: list[tuple[int, int]], tokens: list[_Token]
    ) -> dict[int, list[int]]:
        """ "A、B的全年预算数分别为x、y": the n-th figure after 分别 belongs to the n-th project named before it."""
        cue = RESPECTIVELY.search(sentence)
        if not cue:
            return {}
        projects = [n for pos, n in named if pos < cue.start()]
        end = re.compile(r"[，,；;。]").search(sentence, cue.end())
        stop = end.start() if end else len(sentence)
        figures = [
            t
            for t in tokens
            if cue.end() <= t.start < stop
            and (t.key is None or self.facts.kinds.get(t.key, "text") != "text")
        ]
        if len(projects) < 2 or len(figures) != len(projects):
            return {}
        return {t.start: [n] for t, n in zip(figures, projects, strict=True)}

    def _tokens(self, sentence: str) -> Iterator[_Token]:
        """Slots and literal numbers of a sentence in order (names, markers and the year left out)."""
        taken = [False] * len(sentence)
        for match in SLOT.finditer(sentence):
            for i in range(match.start(), match.end()):
                taken[i] = True
            yield _Token(match.start(), match.end(), match.group(1), match.group(0))
        for start, end in self._blanked(sentence):
            for i in range(start, end):
                taken[i] = True
        for match in _NUMBER.finditer(sentence):
            if any(taken[match.start() : match.end()]):
                continue
            yield _Token(match.start(), match.end(), None, match.group())

    def _blanked(self, sentence: str) -> Iterator[tuple[int, int]]:
        for match in ANY_PLACEHOLDER.finditer(sentence):
            yield match.start(), match.end()
        for name in self.masked:
            start = sentence.find(name)
            while start >= 0:
                yield start, start + len(name)
                start = sentence.find(name, start + 1)
        for mention in self.names.find(sentence):
            yield mention.start, mention.end

    # --- slots ---

    def _unknown_slots(self, paragraphs: list[str], result: Figures) -> None:
        unknown = [k for p in paragraphs for k in FactSheet.slots(p) if k not in self.facts]
        for key in dict.fromkeys(unknown):
            fix = suggest_key(self.facts, key)
            result.issues.append(Issue("unknown_slot", f"占位符 {{{{{key}}}}} 在事实表中不存在{fix}。"))

    def _slot(
        self,
        sentence: str,
        token: _Token,
        scope: list[int],
        named: list[tuple[int, int]],
        subject: list[int],
        result: Figures,
    ) -> None:
        key = token.key or ""
        if key not in self.facts:
            return
        kind = self.facts.kinds.get(key)
        number = project_of(key)
        before, after = sentence[: token.start], sentence[token.end :]
        if kind == "text":
            self._text_slot(key, before, after, result)
            return
        speaks_of = set(subject) if subject and not named else {n for _, n in named} | set(scope)
        if number is not None and speaks_of and number not in speaks_of and number not in scope:
            shown = "、".join("{{" + f"p{n}.label" + "}}" for n in sorted(speaks_of))
            result.issues.append(
                Issue(
                    "wrong_slot",
                    f"“{clip(sentence)}”说的是{shown}，却用了另一个项目的占位符 {{{{{key}}}}}："
                    f"请改用所述项目自己的占位符，或在句中写出该项目名称。",
                )
            )
            return
        unit = unit_after(SLOT.sub(lambda m: m.group(0) if m.group(1) == "unit.money_unit" else "", after))
        if unit and kind not in UNIT_KINDS.get(unit, (kind,)):
            result.flagged.add(self.facts[key])
            result.issues.append(
                Issue(
                    "wrong_slot",
                    f"{{{{{key}}}}}（{self.facts[key]}）不是{unit_word(unit)}，不能写在「{unit}」前。",
                )
            )
            return
        wanted = self._field(before, kind, unit)
        earlier = list(dict.fromkeys(n for pos, n in named if pos < token.start)) or subject
        if len(scope) > 1:
            earlier = scope
        group = earlier if SHARED.search(before) and len(earlier) > 1 and number in earlier else [number]
        expected = self._expected(key, wanted, group)
        wrong = [e for e in expected if self.facts[e] != self.facts[key]]
        if not wrong:
            self._filed_slot(key, before, after, result)
            return
        fix = "、".join(f"{{{{{e}}}}}（{self.facts[e]}）" for e in wrong[:4])
        word = word_before(before)
        result.flagged.add(self.facts[key])
        result.issues.append(
            Issue(
                "wrong_slot",
                f"「{word}{{{{{key}}}}}」与事实不符：{{{{{key}}}}} 是{self.facts[key]}，"
                f"「{word}」应为 {fix}，请改用对应占位符。",
            )
        )

    def _filed_slot(self, key: str, before: str, after: str, result: Figures) -> None:
        """ "全区耕地面积{{p2.i1.actual}}万亩" where the unit's background says 全区耕地面积38.6万亩."""
        noun = word_before(before)
        if not noun or not before.rstrip().endswith(noun):
            return
        clause = re.split(r"[，。；,;]", before)[-1]
        stated = contradicts_filed(noun, self.facts[key], clause, after, self.filed_texts)
        if stated:
            shown = "、".join(format(n, "f") for n in stated[:2])
            result.flagged.add(self.facts[key])
            result.issues.append(
                Issue(
                    "wrong_slot",
                    f"「{noun}{{{{{key}}}}}」与填报文字不符：填报文字中{noun}为 {shown}，{{{{{key}}}}} 是"
                    f"{self.facts[key]}，说的不是同一件事；请照录填报文字或改用对应占位符。",
                )
            )

    def _paired_slot(self, sentence: str, token: _Token, project: int, result: Figures) -> None:
        """In "A、B的…分别为x、y" the n-th slot must be the n-th project's."""
        key = token.key or ""
        number = project_of(key)
        if number is None or number == project or key not in self.facts:
            return
        wanted = f"p{project}.{key.split('.', 1)[1]}"
        fix = (
            f"{{{{{wanted}}}}}（{self.facts[wanted]}）"
            if wanted in self.facts
            else f"{{{{p{project}.label}}}}的数"
        )
        result.flagged.add(self.facts[key])
        result.issues.append(
            Issue(
                "wrong_slot",
                f"“{clip(sentence)}”中“分别”后的数应与前面列出的项目一一对应：这里应为 {fix}，"
                f"文中写的是 {{{{{key}}}}}（{self.facts[key]}）。",
            )
        )

    def _text_slot(self, key: str, before: str, after: str, result: Figures) -> None:
        """ "由{{p3.department}}实施": the 实施单位 and the 主管部门 are different facts."""
        prefix = prefix_of(key)
        for role, words, pattern in (
            ("implementer", "实施单位", re.compile(r"^(?:负责)?实施|^(?:具体)?承担")),
            ("department", "主管部门", re.compile(r"主管部门(?:均|都)?(?:为|是)\s*$")),
        ):
            hit = pattern.search(after if role == "implementer" else before)
            if hit and role == "implementer" and not before.endswith("由"):
                continue
            wanted = f"{prefix}.{role}" if prefix.startswith("p") else None
            if (
                hit
                and suffix_of(key) != role
                and wanted in self.facts
                and self.facts[wanted] != self.facts[key]
            ):
                result.issues.append(
                    Issue(
                        "wrong_slot",
                        f"{{{{{key}}}}}（{self.facts[key]}）不是该项目的{words}，{words}应写 {{{{{wanted}}}}}。",
                    )
                )

    def _field(self, before: str, kind: str | None, unit: str) -> str | None:
        if COMPARISON.search(before):
            return None
        return field_before(before[-16:], (kind,) if kind else None)

    def _expected(self, key: str, wanted: str | None, group: list[int | None]) -> list[str]:
        """The keys whose values the words promise: the slot's prefix with the suffix the 口径 word asks for
        (its own when it fits), for every project of a "均为" group."""
        suffix = suffix_of(key)
        if wanted is not None and suffix not in FIELD_SUFFIXES[wanted]:
            suffix = FIELD_SUFFIXES[wanted][0]
            if wanted == "unspent" and self.facts.kinds.get(key) == "rate":
                suffix = "unspent_rate"
        prefix = prefix_of(key)
        if len(group) > 1 and project_of(key) is not None:
            tail = prefix.split(".", 1)[1] + "." if "." in prefix else ""
            keys = [f"p{n}.{tail}{suffix}" for n in group]
        else:
            keys = [f"{prefix}.{suffix}"]
        return [k for k in keys if k in self.facts]
