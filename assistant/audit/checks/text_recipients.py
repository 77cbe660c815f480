"""COUNT_MISMATCH from the text alone: "10万元…用于补助3个村" against the one sentence elsewhere that hands out that
same sum, recipient by recipient ("补助A村2万元、B村4万元、C社区2万元、D村2万元": four recipients, 10万元).

Bad: 3个村 beside a list of four amounts that add up to the 10万元. Good: the same with 4个村, or a list whose amounts
do not add up to the sum (then it is no split of it). The count may leave out a recipient of another kind (a 社区
group among 村): a warning ("uncertain"), never an error. No finding where the text sets the list apart from the
count: an item that is a cost, not a recipient (项目管理费1万元: three villages and a fee), a list naming none of
the counted kind (城关镇4万元、河口镇6万元 beside "5个村": towns that pass the money on), a list of another year.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.interval import total
from ..prose.model import Statement, list_places
from ..prose.periods import conflicting
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    lists, text = _lists(ctx), ctx.doc.text
    counts = [s for s in ctx.facts.statements if s.kind == "count" and s.role == "value" and s.exact_claim]
    findings = []
    for count in counts:
        sentence = count.sentence
        head = text[max(0, count.span[0] - 4) : count.span[0]]
        if sentence is None or not _CUES.recipients.match(head + count.text):
            continue
        sums = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "amount" and s.role == "value" and s.exact_claim and s.span[1] <= count.span[0]
        ]
        if len(sums) != 1:
            continue
        whole = sums[0]
        for parts in lists:
            if parts[0].sentence is sentence or len(parts) == count.value:
                continue
            places = list_places(parts)
            if not total([p.interval(places) for p in parts]).overlaps(whole.interval()):
                continue
            if conflicting(text, whole, *parts) or not _recipients_differ(ctx, count, parts):
                continue
            ctx.facts.mark(count, whole, *parts)
            findings.append(
                ctx.relation_finding(
                    "COUNT_MISMATCH",
                    f"文中写 {whole.text}用于 {count.text}{count.extra.get('noun', '')}，"
                    f"而文中逐个列出的 {len(parts)} 笔（{'、'.join(p.text for p in parts)}）合计正是 {whole.text}",
                    span_of(count, *parts),
                    expected=f"{len(parts)}{count.unit}",
                    found=count.text,
                    proven=False,
                    quote=quote_of(text, count),
                )
            )
            break
    return findings


def _recipients_differ(ctx: AuditContext, count: Statement, parts: list[Statement]) -> bool:
    """The list names recipients of the counted kind ("…村2万元"), and not as many as counted once costs are left out."""
    labels = [_label(ctx, parts, k) for k in range(len(parts))]
    noun = count.extra.get("noun")
    if noun and not any(label.endswith(noun) for label in labels):
        return False  # towns (counties) named where the count is of villages: they pass the money on
    return sum(1 for label in labels if not _CUES.cost.search(label)) != count.value


def _label(ctx: AuditContext, parts: list[Statement], k: int) -> str:
    """The words naming who (or what) a listed amount went to: from the item before it up to the amount."""
    sentence = parts[k].sentence
    assert sentence is not None
    start = parts[k - 1].span[1] if k else sentence.start
    return ctx.doc.text[start : parts[k].span[0]].strip(" 、，,")


def _lists(ctx: AuditContext) -> list[list[Statement]]:
    """Sentences that hand out money item by item: two or more amounts of no 口径, each after a 、 or the list's
    verb (补助, 下达, 拨付), and no other amount."""
    found = []
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.kind == "amount"]
        if len(own) < 2 or any(s.role != "value" or s.field is not None or not s.exact_claim for s in own):
            continue
        if not _CUES.handed_out.search(sentence.text):
            continue
        found.append(own)
    return found
