"""The helpers that keep the audit linear in a report's length answer exactly as the scans they replaced.

No timings here (the machine is shared): each fast path is compared with the plain rule it stands for.
"""

from __future__ import annotations

import random
import re

from assistant.audit.cues import cues
from assistant.audit.names import NameIndex
from assistant.audit.prose.facts import _covered
from assistant.forms.tokens import _closed_cell

_OLD_CLOSED_CELL = re.compile(r"^[^|]*[^|\s][^|]*\|\s*$")
_UNANCHORED_CROSS_REFERENCE = re.compile(
    r"[^，。；\n]*见(?:第[一二三四五六七八九十\d]+部分|下文|后文|附件|本报告)[^，。；\n]*"
)


def test_closed_cell_is_the_regex_it_replaced() -> None:
    rng = random.Random(1)
    pieces = ["a", " ", "|", "\t", "\u3000", "中", "\xa0", "12"]
    lines = ["text |", "| a | b |", "a | b", "  |", "金额 |  ", "|", "", "无竖线的一行" * 50]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(5000)]
    for line in lines:
        assert _closed_cell(line) == bool(_OLD_CLOSED_CELL.match(line)), repr(line)


def test_cross_reference_anchored_at_a_clause_start_removes_the_same_text() -> None:
    pattern = cues("assistant.audit.checks.coverage").cross_reference
    rng = random.Random(2)
    pieces = [
        "见",
        "第五部分",
        "下文",
        "附件",
        "，",
        "。",
        "；",
        "\n",
        "原因",
        "见第",
        "五",
        "部分",
        "本报告",
    ]
    texts = ["偏离原因及改进措施见第五部分。", "原因见附件，措施：加强管理；详见下文", "意见见效，见正文"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        assert pattern.sub("", text) == _UNANCHORED_CROSS_REFERENCE.sub("", text), text


def test_covered_is_any_span_holding_the_offset() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        starts = [rng.randint(0, 30) for _ in range(rng.randint(0, 6))]
        spans = [(a, a + rng.randint(-2, 6)) for a in starts]
        inside = _covered(spans)
        for offset in range(-2, 40):
            assert inside(offset) == any(a <= offset < b for a, b in spans), (spans, offset)


def test_only_key_holding_a_stem_is_the_one_key_that_holds_it() -> None:
    rng = random.Random(5)
    letters = "甲乙丙丁戊己"
    for _ in range(500):
        names = [
            "".join(rng.choice(letters) for _ in range(rng.randint(1, 6))) for _ in range(rng.randint(1, 6))
        ]
        index = NameIndex(names)
        for _ in range(20):
            stem = "".join(rng.choice(letters) for _ in range(rng.randint(2, 4)))
            hits = [k for k, key in enumerate(index.keys) if stem in key]
            assert index._only_key_holding(stem) == (hits[0] if len(hits) == 1 else None), (names, stem)
