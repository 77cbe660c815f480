"""CLAIM_MISMATCH from the text alone: "各项服务量均较上年实现增长" against a figure the same text writes below its own
year before's.

Why: a claim that every figure of a kind rose is contradicted by one such figure the report writes beside a larger
figure of the year before. Bad: 宫颈癌筛查6,850人，较上年（6,420人）增加430人；孕前优生健康检查3,126对，上年为
3,208对 … 各项服务量均较上年实现增长. Good: the same with 除孕前优生健康检查外，各项服务量均较上年增长, or
…均较上年增长，其中孕前优生健康检查略有下降 (the text names its exception), 各项服务量基本实现增长 (no claim of
each), 均较上年增长的指标有5项 (a subset), a figure whose name says lower is better (孕产妇死亡率), and money
figures under a claim that names no money.
A pair is this year's figure and, right after it in its sentence, a figure of the same kind and unit whose own
clause says it is the year before's (上年为…, 较上年（…）) and is no change (较上年增加430人). Which figures the claim
means is a reading (the kind it names against each figure's own words): a warning, never proven.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..fields import EXCEPT_CLAUSE, clause_of
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_SCORES = cues(f"{__package__}.text_indicator_scores")  # names where less is better


@check_unit(also=("CLAIM_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        claim = _CUES.rise_claim.search(sentence.text)
        if claim is None:
            continue
        head = clause_of(sentence.text[: claim.start()])
        tail = sentence.text[claim.end() :]
        if (
            _CUES.not_each.search(sentence.text[: claim.start()])
            or EXCEPT_CLAUSE.search(sentence.text[: claim.start()])
            or _CUES.subset.match(tail)
            or _CUES.exception_after.search(tail)
        ):
            continue
        money = bool(_CUES.money_kind.search(head))
        fallen = [
            (now, last)
            for now, last in _pairs(ctx)
            if _of_kind(ctx, now, money) and now.interval().below(last.interval())
        ]
        if not fallen:
            continue
        ctx.facts.mark(*(s for pair in fallen for s in pair))
        listed = "；".join(f"{now.text}（上年 {last.text}）" for now, last in fallen[:3]) + (
            "等" if len(fallen) > 3 else ""
        )
        start = sentence.start + claim.start()
        yield ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称“{claim.group()}”，但文中所写以下数字低于上年：{listed}",
            (start, sentence.start + claim.end()),
            expected=f"{len(fallen)}项低于上年，应说明",
            found=text[start : sentence.start + claim.end()],
            proven=False,
            quote=sentence.text,
        )


def _pairs(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """(this year's, the year before's) figures written one after the other in one sentence ("提供免费检查3,126对，
    年度目标≥3,100对，上年为3,208对", "管理率93.8%，较上年（92.5%）提高"): the figure of the year before is the one
    whose own clause names the year before and no change; this year's, the nearest figure before it in its
    sentence of its kind and unit that is neither a target nor of another year."""
    pairs = []
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose"]
        for k, last in enumerate(own):
            words = clause_before(ctx, last)
            if not _CUES.last_year.search(words) or _CUES.change_word.search(words):
                continue
            after = _after(ctx, own[k + 1 :], last) if _CUES.from_word.search(words) else None
            if after is not None:  # "由上年的91.5%变为90.8%": this year's figure comes after
                pairs.append((after, last))
                continue
            for now in reversed(own[:k]):
                if now.kind != last.kind or now.unit != last.unit:
                    continue
                if ";" in (between := ctx.doc.text[now.span[1] : last.span[0]]) or "；" in between:
                    break
                before = clause_before(ctx, now)
                if _CUES.not_this_year.search(before) or not now.exact_claim or not last.exact_claim:
                    continue
                pairs.append((now, last))
                break
    return pairs


def _after(ctx: AuditContext, rest: list[Statement], last: Statement) -> Statement | None:
    """This year's figure of a "由X到Y" pair: the next figure of the year before's kind and unit, only words of
    change ("提高到", "变为", "降至") between them."""
    for now in rest[:1]:
        between = ctx.doc.text[last.span[1] : now.span[0]]
        if (
            now.kind == last.kind
            and now.unit == last.unit
            and _CUES.change_to.match(between)
            and now.exact_claim
        ):
            return now
    return None


def _of_kind(ctx: AuditContext, now: Statement, money: bool) -> bool:
    """Whether a figure is of the kind a claim of growth speaks of: a count or a rate whose name does not say less
    is better (孕产妇死亡率, 事故发生率: a fall is the gain); money only when the claim names money."""
    if now.kind == "amount":
        return money
    if now.kind not in ("count", "percent"):
        return False
    words = clause_before(ctx, now)
    return not (_SCORES.lower_is_better.search(words) or _CUES.worse_when_higher.search(words))
