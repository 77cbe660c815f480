"""What the template drafter has written so far, as runs of 31 characters: the rule "no passage of more than
30 characters appears twice in a draft" (issue 17) kept while the draft is written, not checked afterwards.

Different facts can come out alike in 公文 frames (two indicators at 86 % → 53.75 %, two projects with the same
money, the same indicator name after the same lead). A writer that has a sentence in more than one frame asks
``Passages.pick`` for the first frame that repeats nothing written before, so the distinguishing item moves
instead of the sentence repeating. Project names and lists of them are masked (a name is an identifier, not a
passage: it may recur), and so are 【…】 markers (the officer replaces them), as the reviewer's check does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PASSAGE = 31  # "more than 30 characters"
_MARKER = re.compile(r"【[^】]*】")
_NAME_LIST = re.compile(r"(?:“?〔名\d+〕”?[、；和]){1,}“?〔名\d+〕”?")


class Passages:
    """The runs of the text committed so far; ``names`` are the project names, each with its own token."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        tokens: dict[str, str] = {}
        for k, name in enumerate(names, 1):
            tokens[name] = tokens[name + "项目"] = f"〔名{k}〕"
        self._names = sorted(tokens.items(), key=lambda item: -len(item[0]))
        self._runs: set[str] = set()
        self._committed: set[str] = set()

    def mask(self, text: str) -> str:
        text = _MARKER.sub("〔注〕", text).replace("‘", "“").replace("’", "”")
        for name, token in self._names:
            text = text.replace(name, token)
        return _NAME_LIST.sub("〔名单〕", text)

    def clashes(self, text: str) -> bool:
        """Would ``text`` (a paragraph, or the part of one written so far) repeat a run, of its own or of the
        text committed before?"""
        own: set[str] = set()
        for run in _runs(self.mask(text)):
            if run in own or run in self._runs:
                return True
            own.add(run)
        return False

    def pick(self, prefix: str, variants: Iterable[str]) -> str:
        """The first variant that, written after ``prefix``, repeats nothing; the first when all do. The
        variants are drawn one at a time (a generator is written no further than needed)."""
        first = None
        for variant in variants:
            if not self.clashes(prefix + variant):
                return variant
            first = variant if first is None else first
        if first is None:
            raise ValueError("no variant to pick from")
        return first

    def commit(self, text: str) -> None:
        """Record a finished paragraph (again: nothing happens)."""
        if text not in self._committed:
            self._committed.add(text)
            self._runs.update(_runs(self.mask(text)))


def _runs(text: str) -> list[str]:
    return [text[i : i + PASSAGE] for i in range(len(text) - PASSAGE + 1)]
