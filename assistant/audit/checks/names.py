"""NAME_MISMATCH: a project named in a list item or heading that matches no project in the data.

Bad: "3.基层党建信息平台建设项目：…" (data: 基层党建信息化平台建设经费).  Good: the name as filed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..names import name_key
from ..registry import Code, check_unit

_CUES = cues(__name__)


@check_unit(
    Code(
        "NAME_MISMATCH",
        "warning",
        "项目名称与数据中的名称不一致",
        bad="1.客运站安全监督管理项目（数据：客运站安全监管）",
        good="1.客运站安全监管项目",
    ),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    keys = [name_key(p.name) for p in ctx.ref.projects]
    seen: set[int] = set()
    for sentence in ctx.doc.sentences:
        if sentence.para_start in seen or sentence.role not in ("analysis", "deviation", "conclusion"):
            continue
        seen.add(sentence.para_start)
        match = _CUES.item.match(text[sentence.para_start : sentence.para_end])
        if not match:
            continue
        start = sentence.para_start + match.start(1)
        end = sentence.para_start + match.end(1)
        if ctx.extractor.mentions_between(start - 2, end + 8):
            continue
        written = match.group(1)
        key = name_key(written)
        scores = [difflib.SequenceMatcher(None, key, k).ratio() for k in keys]
        best = max(range(len(keys)), key=scores.__getitem__) if keys else None
        if best is not None and scores[best] >= 0.6:
            message = f"文中项目名称「{written}」与数据中的「{ctx.ref.projects[best].name}」不一致"
            expected = ctx.ref.projects[best].name
        else:
            message = f"文中项目「{written}」不在数据的项目清单中"
            expected = None
        yield ctx.finding(
            "NAME_MISMATCH",
            message,
            span=(start, end),
            quote=text[sentence.para_start : sentence.para_end],
            expected=expected,
            found=written,
        )
