"""Find where a report mentions each project, tolerating the ways officers write names.

Tolerated: quote variants (“七一“ / "七一"), a leading year (2021年度…), trailing 经费/项目/资金 in any number
("…经费经费项目"), and short forms "X项目" where X is part of exactly one project's name (档案数字化项目).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .cues import cues

_QUOTES = "“”\"'‘’「」『』《》〈〉 \t"
_CUES = cues(__name__)
YEAR_PREFIX = _CUES.year_prefix


@dataclass(frozen=True)
class NameMention:
    project: int  # index into the reference's projects (0-based)
    start: int
    end: int
    exact: bool  # False for a short form


def unquoted(text: str) -> str:
    """``text`` without quote marks, book-title marks and blanks, which never tell two names apart."""
    return "".join(ch for ch in text if ch not in _QUOTES)


def name_key(name: str) -> str:
    """The distinctive core of a project name: no quotes, no leading year, no trailing 经费/项目."""
    core = unquoted(name)
    core = YEAR_PREFIX.sub("", core)
    stripped = _CUES.tail.sub("", core)
    return stripped if len(stripped) >= 4 else core


class NameIndex:
    """Locate project mentions in a text; keys are searched on a quote-free copy mapped back to offsets."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.keys = [name_key(n) for n in names]
        ordered = sorted(range(len(names)), key=lambda i: -len(self.keys[i]))
        self._pattern = re.compile("|".join(re.escape(self.keys[i]) for i in ordered)) if names else None
        self._by_key = {self.keys[i]: i for i in ordered}
        # every key in one string, to find which keys hold a stem with ``str.find`` (not a loop over the keys)
        self._joined = _SEPARATOR.join(self.keys)
        self._key_starts = list(accumulate((len(key) + 1 for key in self.keys[:-1]), initial=0))

    def find(self, text: str) -> list[NameMention]:
        """Every mention, leftmost-longest, as spans in ``text``."""
        if self._pattern is None:
            return []
        plain, index_map = _strip_quotes(text)
        mentions: list[NameMention] = []
        for match in self._pattern.finditer(plain):
            project = self._by_key[match.group(0)]
            start, end = index_map[match.start()], index_map[match.end() - 1] + 1
            end = _extend_tail(text, end)
            mentions.append(NameMention(project, start, end, True))
        # Exact mentions come in order and (but for a swallowed tail) disjoint: only the last one or two
        # starting before a short form's end can overlap it.
        taken_starts = [m.start for m in mentions]
        for match in _CUES.short_form.finditer(plain):
            start, end = index_map[match.start()], index_map[match.end() - 1] + 1
            k = bisect_left(taken_starts, end)
            if any(mentions[j].end > start for j in range(max(0, k - 2), k)):
                continue
            found = self._short_form(plain, match.start())
            if found is not None:
                project, stem_start = found
                mentions.append(NameMention(project, index_map[stem_start], end, False))
        return sorted(mentions, key=lambda m: m.start)

    def _short_form(self, plain: str, suffix_at: int) -> tuple[int, int] | None:
        """The longest stem before "项目" that is part of exactly one project key (at least 2 characters)."""
        begin = suffix_at
        while begin > 0 and suffix_at - begin < 12 and _CUES.word_char.match(plain[begin - 1]):
            begin -= 1
        for stem_start in range(begin, suffix_at - 1):
            stem = plain[stem_start:suffix_at]
            if _CUES.counted.search(stem):
                continue  # "5个项目", "这个项目": a classifier before 项目 counts projects, names none
            only = self._only_key_holding(stem)
            if only is not None:
                return only, stem_start
        return None

    def _only_key_holding(self, stem: str) -> int | None:
        """The one project key that holds ``stem`` (None when none or several do)."""
        if _SEPARATOR in stem:
            hits = [i for i, key in enumerate(self.keys) if stem in key]
            return hits[0] if len(hits) == 1 else None
        at = self._joined.find(stem)
        if at < 0:
            return None
        first = bisect_right(self._key_starts, at) - 1  # the first key holding it
        after = self._key_starts[first + 1] if first + 1 < len(self.keys) else len(self._joined)
        return first if self._joined.find(stem, after) < 0 else None


_SEPARATOR = "\x00"
_KEPT_RUN = re.compile(f"[^{re.escape(_QUOTES)}]+")


def _strip_quotes(text: str) -> tuple[str, list[int]]:
    """``text`` without quotes and, for each kept character, its offset in ``text`` (plus ``len(text)``)."""
    parts: list[str] = []
    offsets: list[int] = []
    for run in _KEPT_RUN.finditer(text):
        parts.append(run.group())
        offsets.extend(range(run.start(), run.end()))
    offsets.append(len(text))
    return "".join(parts), offsets


def _extend_tail(text: str, end: int) -> int:
    """Swallow the 经费/项目 tail (and quotes) after a key so the whole written name is one span."""
    match = re.compile(r"[”\"」]?(?:经费|项目|资金|专项)*").match(text, end)
    return match.end() if match else end
