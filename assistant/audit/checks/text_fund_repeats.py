"""REPEAT_MISMATCH from the text alone for a fund named by the same words each time: "省财政厅分2次向我市下达中央补助
地方公共文化服务体系建设专项资金1883.00万元" … "下达我市2021年中央补助地方公共文化服务体系建设专项资金2883.00万元".

Why: the subjects the text checks read (a project, a fund source, the report) miss an amount whose fund the
sentence names at length but whose subject it does not; a reviewer ties the two figures by the fund's name. Same
name, same stage word (下达, 到位, 使用…), same period, in different sentences: one quantity. The tie rests on the
name alone (a fund may arrive in instalments), so a difference is a warning with verdict "uncertain".
Bad: …下达…体育强省专项资金63.2万元 … 下达…体育强省专项资金62.3万元. Good: the same 63.2万元 twice; 下达 63.2万元 and
使用 59.2万元 (two stages); a name made only of level words (中央财政资金), which many items share;
中央、省两级下达的…资金 and 地方投入…资金 (the money of other levels; a level before the stage verb counts
too: 中央下达我市…经费 is the central money, not the whole 全市…经费); 向我区下达…53106万元 and 向各市县下达…
39565.55万元 (the share handed on).
Also: an amount opening its clause and said to be used in full ("555万元全部集中用于…") restates the budget stated
last before it in its paragraph.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.items import other_items
from ..prose.model import Statement
from ..prose.periods import conflicting, other_versions
from ..registry import check_unit
from .repeat_keys import handed_on
from .text_repeats import repeat_finding

_CUES = cues(__name__)


# stages of one amount's life: allocated (下达, 安排, or no verb), arrived, spent, left over
_STAGE_CLASS = {
    "到位": "arrived",
    "到账": "arrived",
    "收到": "arrived",
    "使用": "spent",
    "支出": "spent",
    "支付": "spent",
    "拨付": "spent",
    "兑付": "spent",
    "发放": "spent",
    "结余": "left",
    "结转": "left",
}


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    facts = ctx.facts
    parts = facts.parts
    named: list[tuple[Statement, str, str, str]] = []
    for s in facts.statements:
        if (
            s.origin == "prose"
            and s.kind == "amount"
            and s.role == "value"
            and s.exact_claim
            and s.span not in parts
            and s.sentence is not None
        ):
            found = _named(ctx, s)
            if found is not None and not _instalment(ctx, s):
                named.append((s, *found))
    findings: list[Finding] = []
    text = ctx.doc.text
    for k, (later, name, core, stage) in enumerate(named):
        earlier = next(
            (
                e
                for e, _, other, other_stage in named[:k]
                if other_stage == stage
                and _same_fund(core, other)
                and e.sentence is not later.sentence
                and not _other_sources(e, later)
                and handed_on(ctx, e) == handed_on(ctx, later)
                and not conflicting(text, e, later)
                and not other_versions(text, e, later)
                and not other_items(text, e, later)
            ),
            None,
        )
        if earlier is None:
            continue
        facts.mark(earlier, later)
        if not earlier.interval().overlaps(later.interval()):
            findings.append(repeat_finding(ctx, earlier, later, f"“{name}”", proven=False))
    return findings + _restated_wholes(ctx)


def _other_sources(a: Statement, b: Statement) -> bool:
    """ "中央、省两级下达的…补助资金1067.2万元" and "地方投入…补助资金877.99万元": one fund's name, but the money of
    other levels (a fund source read for one and not the same for the other) is another quantity."""
    sources = [s.subject for s in (a, b) if s.subject is not None and s.subject.kind == "source"]
    return bool(sources) and a.subject != b.subject


def _restated_wholes(ctx: AuditContext) -> list[Finding]:
    """ "共向本区下达…资金555万元，主要用于抗旱救灾。结合灾情实际，555万元全部集中用于…": an amount that opens its
    clause and is said to be used (到位, 拨付) in full restates the budget stated last before it in its paragraph."""
    findings = []
    text = ctx.doc.text
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.role == "value" and s.origin == "prose" and s.sentence is not None
    ]
    for k, s in enumerate(amounts):
        assert s.sentence is not None
        clause = clause_before(ctx, s)
        after = text[s.span[1] : s.span[1] + 12]
        if not _CUES.whole_after.match(after) or not _CUES.bare_lead.fullmatch(clause.strip()):
            continue
        earlier = [
            e
            for e in amounts[:k]
            if e.sentence is not s.sentence
            and e.sentence is not None
            and e.sentence.para_start == s.sentence.para_start
            and e.field == "budget"
            and e.exact_claim
        ]
        if not earlier or not s.exact_claim:
            continue
        whole = earlier[-1]
        ctx.facts.mark(whole, s)
        if not whole.interval().overlaps(s.interval()):
            findings.append(repeat_finding(ctx, whole, s, "同一笔资金", proven=False))
    return findings


def _same_fund(a: str, b: str) -> bool:
    """Two cores naming one fund: the same government levels, and most of the shorter core written alike in the
    longer ("固镇支持公共文化服务体系建设其他" and "公共文化服务体系建设其他")."""
    if set(_CUES.level.findall(a)) != set(_CUES.level.findall(b)):
        return False
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    if (
        a[: match.a]
        and b[: match.b]
        and not (a[: match.a].endswith(b[: match.b]) or b[: match.b].endswith(a[: match.a]))
    ):
        return False  # "集体和个人所有国家级公益林补偿" and "国有国家级公益林补偿": two kinds of one fund, each qualified
    return match.size >= max(6, int(min(len(a), len(b)) * 0.8))


def _instalment(ctx: AuditContext, s: Statement) -> bool:
    """ "(1)…下达…资金412.85万元", "(2)…追减…资金223.57万元": a numbered item or a change of the fund is one batch of
    it, not the fund's size."""
    assert s.sentence is not None
    return bool(_CUES.instalment.search(ctx.doc.text[s.sentence.para_start : s.span[0]]))


def _named(ctx: AuditContext, s: Statement) -> tuple[str, str, str] | None:
    """(fund name, its core, stage class) of the words right before an amount ("下达…专项资金1883.00万元"), when
    the name says more than a government level. The core leaves out what every fund shares (中央, 补助, 资金…),
    so "中央支持地方公共文化服务体系建设补助资金" and "中央补助地方公共文化服务体系建设资金" meet."""
    assert s.sentence is not None
    clause = clause_before(ctx, s)
    match = _CUES.fund_before.search(clause)
    if match is None:
        return None
    head, name = clause[: match.start("name")], match.group("name")
    stages = _CUES.stage.findall(head + name)
    inner = _CUES.stage.split(name)
    name = _CUES.scope.sub("", inner[-1])
    core = _CUES.generic.sub("", name)
    # "中央下达我市…经费": a level written before the stage verb says whose money it is, as one inside the name does
    levels = set(_CUES.level.findall(clause[: match.end("name")])) - set(_CUES.level.findall(core))
    core = "".join(sorted(levels)) + core
    if len(_CUES.level.sub("", core)) < 4:
        return None  # "中央财政资金": every item of a list may name it
    return name, core, _STAGE_CLASS.get(stages[-1], "allocated") if stages else "allocated"
