"""COUNT_MISMATCH (a warning) from the text alone: items numbered 1, 2, 3… in one style where one number breaks the
run ("…8)指导基层自治。9)履行法定职责。20)完成交办的其他任务。", "(4)…(5)…(7)…").

Why: a report's numbered lists (duties, tasks, targets, projects) count their items by their numbers; one number
out of the run is a slip in that number or an item left out, and the list's count is then unclear. Only a run
that opens with 1, has each marker open a clause (at a line's start or after 。；：) and follows the one before
within a short stretch is read; a number above the next one is flagged when it alone breaks the run (a lower
one is an outer list going on after an inner one of the same style): the next marker goes on from
where it should have been, or it is the last of its run. The text does not say how many items there are, so it
is a warning ("uncertain"), never an error.
Good: "1、…2、…3、…" then, in another part, "1、…" (a new list); "1.5万元" (a decimal, no marker). A number glued
to digits that open its item's words ("4.2020年村集体…") is an item only where it goes on the run: "4.8人赴…" may be a
decimal, so a "5.2022年…" after "3." breaks nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_NEAR = 400  # characters between two items of one list at most
_MIN_RUN = 3  # items read in order before the broken one: a shorter run is no list to go by


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for style in _CUES.marker:
        yield from _broken(ctx, [m for m in style.finditer(text)])


def _broken(ctx: AuditContext, markers: list[re.Match[str]]) -> Iterator[Finding]:
    """The numbers that alone break a run of markers of one style."""
    run: list[re.Match[str]] = []
    for k, marker in enumerate(markers):
        number = int(marker.group("n"))
        if marker.groupdict().get("glued") is not None and number != len(run) + 1:
            continue  # "5.2022年…" read as an item only where it goes on the run ("4.8人赴…" may be a decimal)
        near = bool(run) and marker.start() - run[-1].end() <= _NEAR
        if near and number == len(run) + 1:
            run.append(marker)
            continue
        if near and number > len(run) + 1 and len(run) >= _MIN_RUN:  # a lower one: an outer list going on
            following = markers[k + 1] if k + 1 < len(markers) else None
            goes_on = following is not None and following.start() - marker.end() <= _NEAR
            if not goes_on or int(following.group("n")) in (1, len(run) + 2):
                yield _finding(ctx, marker, len(run) + 1)
                if goes_on and int(following.group("n")) == len(run) + 2:
                    run.append(marker)
                    continue
        run = [marker] if number == 1 else []


def _finding(ctx: AuditContext, marker: re.Match[str], expected: int) -> Finding:
    number = marker.group("n")
    return ctx.relation_finding(
        "COUNT_MISMATCH",
        f"编号不连续：第 {expected} 项写作“{marker.group(0).strip()}”（前后编号依次排列，疑为笔误或漏项）",
        (marker.start("n"), marker.end("n")),
        expected=str(expected),
        found=number,
        proven=False,
        quote=ctx.doc.text[marker.start() : marker.start() + 30],
    )
