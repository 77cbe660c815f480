"""Year-on-year changes listed respectively (各, 分别): the k-th amount, change and percentage of one line go together.

Why apart: the figures are not statements read one by one but lists of numbers a cue opens. Bad: "收、支总计各是
4125.49,4143.91万元。与上年相比…各减少1267.86,2570.97万元,各下降23.51%、38.28%" when a pair does not fit. Good: each
percentage the change over the year before (the amount plus its decline) at its written precision.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval, written
from .growth_reading import percent_differs, rate_finding

_CUES = cues(__name__)
_GROWTH = cues(f"{__package__}.text_growth")  # the words of decline


def respective(ctx: AuditContext) -> list[Finding]:
    """ "收、支总计各是4125.49,4143.91万元。与上年相比…各减少1267.86,2570.97万元,各下降23.51%、38.28%": lists
    read respectively (各, 分别), on one line; the k-th amount, change and percentage go together."""
    text = ctx.doc.text
    findings = []
    for changes in _CUES.respective_changes.finditer(text):
        line_start = text.rfind("\n", 0, changes.start()) + 1
        values = list(_CUES.respective_values.finditer(text, line_start, changes.start()))
        stop = text.find("。", changes.end())
        rates = _CUES.respective_rates.search(text, changes.end(), len(text) if stop < 0 else stop + 1)
        if not values or rates is None or values[-1].group("unit") != changes.group("unit"):
            continue
        lists = [_numbers(m) for m in (values[-1], changes, rates)]
        if len({len(k) for k in lists}) != 1:
            continue
        down = bool(_GROWTH.down.search(changes.group("dir")))
        for (base, _), (change, _), (_, at) in zip(*lists, strict=True):
            before = base + change if down else base - change
            ratio = change.divided_by(before)
            percent = next((s for s in ctx.facts.statements if s.span[0] == at), None)
            if percent is None or percent.kind != "percent":
                continue
            differs = percent_differs(ctx, ratio, percent)
            if differs is None:
                continue
            shown, truncated = differs
            message = (
                f"按文中“各”字所列数字，上年应为 {round(before.mid, 2)}，{'减少' if down else '增加'}"
                f"{round(change.mid, 2)}即变动 {shown}%，文中写作 {percent.text}"
            )
            findings.append(rate_finding(ctx, message, (shown, truncated), percent))
    return findings


def _numbers(match: re.Match[str]) -> list[tuple[Interval, int]]:
    """The numbers of a respective list, each as its written interval, with where it starts in the text."""
    out = []
    for number in re.finditer(r"\d+(?:\.(\d+))?", match.group("list")):
        places = len(number.group(1) or "")
        out.append((written(Decimal(number.group(0)), places), match.start("list") + number.start()))
    return out
