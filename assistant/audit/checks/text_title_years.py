"""REPEAT_MISMATCH from the text alone: two title lines naming the same report with different years.

Rule: a line that is a report's whole title ("德钦县图书馆2022年度部门整体支出绩效自评报告": one year, ending in
报告, naming 绩效/自评/评价/自查) and another title line identical but for the year ("…2023年度…") name one report
twice with two evaluated years; one of them is a slip. Which one is not settled by arithmetic, so a warning.
Only whole lines count: a report citing another by title ("根据《…2022年度…自评报告》", in 《》 or after 根据/参照)
names another document, and a line of text that merely mentions a year and a report is no title.
Bad: 德钦县图书馆2022年度部门整体支出绩效自评报告 … 德钦县图书馆2023年度部门整体支出绩效自评报告.
Good: the same title twice with the same year; a title and a citation of last year's report.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    end = ctx.doc.body_end or len(text)
    seen: dict[str, tuple[str, str, int]] = {}
    start = 0
    while start < end:
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        line = text[start:stop]
        title = _CUES.md_mark.sub("", line).strip()
        match = _CUES.title.fullmatch(title)
        if match is not None and not _CUES.cited.search(title):
            year = match.group("year")
            template = title[: match.start("year")] + "{年}" + title[match.end("year") :]
            first = seen.get(template)
            if first is None:
                seen[template] = (year, title, start)
            elif first[0] != year:
                offset = start + line.find(title)
                yield ctx.relation_finding(
                    "REPEAT_MISMATCH",
                    f"报告标题前后年度不一致：前文「{first[1]}」，后文「{title}」（请核对评价年度）",
                    (offset, offset + len(title)),
                    expected=first[1],
                    found=title,
                    proven=False,
                    quote=title,
                )
                return
        start = stop + 1
