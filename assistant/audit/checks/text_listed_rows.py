"""COUNT_MISMATCH from the text alone: the names a sentence lists as the whole of something ("项目覆盖乡镇分别为A镇、
B镇、…、G乡", no 等) against the count the report's own 自评表 gives it ("覆盖乡镇数 | 8个 | 8个").

Bad: 覆盖村分别为东岭村、西岭村、南岭村 beside a row 覆盖村数 | 4个 | 4个.  Good: the same with 3个, or "东岭村等".
The row is the list's when its name is the words right before 分别为/分别是 with 数/数量/个数 after them, and every
listed name ends in a character of the counted noun (镇, 乡 of 乡镇): then the list and the row count one thing.
A warning ("uncertain"): the count rests on reading the row and the list as one thing, and a list may still name
the places of one part of the work only.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval
from ..prose.model import Statement
from ..prose.name_lists import list_up_to_its_end, listed_names
from ..registry import check_unit

_CUES = cues(__name__)
_LEAST = 3  # names: two are too few to say they are the whole of a counted thing
_NOUN = 2  # last characters of the row's stem that name the counted thing ("乡镇" of "覆盖乡镇")


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    rows = _counted_rows(ctx)
    findings = []
    for sentence in ctx.doc.sentences if rows else []:
        for m in _CUES.respectively.finditer(sentence.text):
            head = m.group("head").replace("的", "")
            listed = list_up_to_its_end(m.group("list"))
            names = listed_names(listed, whole=True)
            if names is None or len(names) < _LEAST or listed.rstrip(" \u3000").endswith("等"):
                continue
            for stem, row in rows:
                if not head.endswith(stem) or not all(n[-1] in stem[-_NOUN:] for n in names):
                    continue
                ctx.facts.mark(row)
                if row.interval().overlaps(Interval.exact(Decimal(len(names)))):
                    continue
                start = sentence.start + m.start("list")
                assert row.subject is not None
                findings.append(
                    ctx.relation_finding(
                        "COUNT_MISMATCH",
                        f"文中列出{stem} {len(names)} 个（{'、'.join(names[:12])}），自评表「{row.subject.name}」"
                        f"实际完成值为 {row.text}（第{ctx.doc.line_of(row.span[0])}行）",
                        (start, start + len(listed)),
                        expected=f"{len(names)}{row.unit or ''}",
                        found=row.text,
                        proven=False,
                        quote=sentence.text,
                    )
                )
    return findings


def _counted_rows(ctx: AuditContext) -> list[tuple[str, Statement]]:
    """(stem, actual) of the 自评表 rows that count a thing by its name ("覆盖乡镇数" → "覆盖乡镇")."""
    rows = []
    for s in ctx.facts.statements:
        if s.origin != "table" or s.field != "actual" or s.kind != "count" or not s.exact_claim:
            continue
        if s.subject is None or s.subject.kind != "indicator":
            continue
        found = _CUES.counted_row.match(s.subject.name)
        if found is not None:
            rows.append((found.group("stem"), s))
    return rows
