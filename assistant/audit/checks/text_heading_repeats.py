"""REPEAT_MISMATCH between a heading's amount and the one amount of its body: "(一)儿童福利类项目16万元。" over
"安排中央福彩公益金16万元,资助…" — the body tells how the heading's money was used, so its one amount is the
heading's again.

Why: the heading names the item and the body names only the fund (or nothing), so no subject reader ties the two;
a reader does, because the body under an item heading speaks of that item. Read only so: a line opened by an
outline marker (一、, (一), 1、, (1)) that holds a label and one amount and nothing else; its body the lines below
it up to the next line opened by a marker, holding exactly one amount in 元/万元/亿元, a plain value whose clause
names no share (其中, 分别, 第N批, 配套) and no sum (各级资金合计: a line that closes a list of such headings), no other stage (支出, 到位, 拨付…: money spent may be less than the
budget), no standard (每户, 标准), no change (较上年增加, 追加) and no other 口径 (年初).
Even then the body's amount could be a part the writer left alone, so a mismatch is a warning ("uncertain").
Bad: (一)儿童福利类项目16万元。 / 安排中央福彩公益金26万元,资助孤儿助学。
Good: the same with 16万元; a body that tells 已支出12万元 (another stage); a body with two amounts (parts, or a
budget and its spending); a heading whose next line is a numbered line of its own (an outline's parts).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.model import Statement
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    amounts = [s for s in ctx.facts.statements if s.kind == "amount" and s.origin == "prose"]
    findings: list[Finding] = []
    for heading in _CUES.heading.finditer(text):
        start = heading.end()
        following = _CUES.marked_line.search(text, start)
        end = following.start() if following is not None else len(text)
        if not text[start:end].strip() or len(_CUES.money.findall(text, start, end)) != 1:
            continue
        whole = _at(amounts, heading.start("amount"), heading.end("amount"))
        body = [s for s in amounts if start <= s.span[0] < end]
        if whole is None or len(body) != 1 or not _plain(ctx, body[0]) or not whole.exact_claim:
            continue
        restated = body[0]
        ctx.facts.mark(whole, restated)
        if not whole.interval().overlaps(restated.interval()):
            label = heading.group("label").strip()
            findings.append(repeat_finding(ctx, whole, restated, f"“{label}”的金额", proven=False))
    return findings


def _at(amounts: list[Statement], start: int, end: int) -> Statement | None:
    """The amount statement written within ``start``–``end``."""
    return next((s for s in amounts if start <= s.span[0] < end), None)


def _plain(ctx: AuditContext, s: Statement) -> bool:
    """A plain value whose clause names no share and no other stage than the money given."""
    if not s.exact_claim or s.role != "value" or s.sentence is None:
        return False
    return _CUES.not_the_whole.search(ctx.doc.text, s.sentence.start, s.span[0]) is None
