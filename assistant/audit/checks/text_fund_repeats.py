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
A fund may be named right after its amount too ("全州6,420.00万元农村综合改革转移支付资金分配科学" restates "中央和省级
财政共下达我州农村综合改革转移支付资金6,240.00万元": a name with no level beside one naming two levels together is
their whole, unless the gap is an amount the text states, such as a county's own share). A named item of spending
("公务用车运行维护费", "因公出国（境）费") is one figure of the year even inside a 其中 list: its stage is its whole's
("“三公”经费支出…，其中公务用车运行维护费4.36万元"), and a later bare "公务用车运行维护费4.63万元" restates it, unless it
equals one of the item's figures at another stage (预算 4.80). Two lists' members (each project's 测绘费) are two items.
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
    named: list[tuple[Statement, str, str, str | None]] = []
    for s in facts.statements:
        if (
            s.origin == "prose"
            and s.kind == "amount"
            and s.role == "value"
            and s.exact_claim
            and s.sentence is not None
        ):
            found = _named(ctx, s)
            if (
                found is not None
                and not _instalment(ctx, s)
                and (s.span not in parts or _CUES.expense_item.search(found[0]))
            ):
                named.append((s, *found))
    findings: list[Finding] = []
    text = ctx.doc.text
    for k, (later, name, core, stage) in enumerate(named):
        earlier = next(
            (
                e
                for e, _, other, other_stage in named[:k]
                if _same_stage(stage, other_stage, [f for f in named if _same_fund(core, f[2])], later)
                and _same_fund(core, other)
                and not _rest_stated(ctx, core, other, e, later)
                # two lists' members are two items' (each project's 测绘费)
                and not (e.span in parts and later.span in parts)
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


def _same_stage(
    a: str | None, b: str | None, of_the_fund: list[tuple[Statement, str, str, str | None]], later: Statement
) -> bool:
    """One stage, or an expense item written once with no stage word ("公务用车运行维护费4.63万元") beside figures of
    it at a stage ("“三公”经费支出…其中公务用车运行维护费4.36万元"): the bare figure is the item's at one of the
    stages written, so it is a repeat only when it is none of the item's figures (预算 4.80, 支出 4.36: 4.80 is the
    budget again, 4.50 is neither)."""
    if a == b:
        return True
    return (a is None or b is None) and not any(
        s is not later and s.interval().overlaps(later.interval()) for s, *_ in of_the_fund
    )


def _levels_apart(a: str, b: str) -> bool:
    """Two cores of other government levels. A core with no level beside one naming two or more levels together
    ("中央和省级财政共下达…资金" and later "全州…资金"): the whole of both levels, the same fund."""
    one, other = set(_CUES.level.findall(a)), set(_CUES.level.findall(b))
    return one != other and not (min(len(one), len(other)) == 0 and max(len(one), len(other)) >= 2)


def _rest_stated(ctx: AuditContext, core: str, other: str, e: Statement, later: Statement) -> bool:
    """A fund named with its levels and again with none ("中央和省级…资金6,240.00万元", "全州6,420.00万元…资金"),
    the two apart by an amount the text states (a county's own 180.00万元): the second may hold that money too."""
    if set(_CUES.level.findall(core)) == set(_CUES.level.findall(other)):
        return False
    gap = abs(e.value - later.value)
    return any(
        s.kind == "amount" and s.value == gap for s in ctx.facts.statements if s is not e and s is not later
    )


def _same_fund(a: str, b: str) -> bool:
    """Two cores naming one fund: the same government levels (``_levels_apart``), and most of the shorter core
    written alike in the longer ("固镇支持公共文化服务体系建设其他" and "公共文化服务体系建设其他")."""
    if _levels_apart(a, b):
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


def _named(ctx: AuditContext, s: Statement) -> tuple[str, str, str | None] | None:
    """(fund name, its core, stage class) of the words right before an amount ("下达…专项资金1883.00万元"), when
    the name says more than a government level. The core leaves out what every fund shares (中央, 补助, 资金…),
    so "中央支持地方公共文化服务体系建设补助资金" and "中央补助地方公共文化服务体系建设资金" meet."""
    assert s.sentence is not None
    clause = clause_before(ctx, s)
    match = _CUES.fund_before.search(clause)
    if match is None:
        return _named_after(ctx, s, clause)
    head, name = clause[: match.start("name")], match.group("name")
    if _CUES.expense_item.search(name):
        # "“三公”经费支出5.18万元，其中公务用车运行维护费4.36万元": an item's stage is its whole's, said before it
        stages = _CUES.stage.findall(ctx.doc.text[s.sentence.start : s.span[0]])
        core = _CUES.generic.sub("", _CUES.scope.sub("", _CUES.stage.split(name)[-1]))
        if len(core) < 5:
            return None
        return name, core, _STAGE_CLASS.get(stages[-1], "allocated") if stages else None
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


def _named_after(ctx: AuditContext, s: Statement, clause: str) -> tuple[str, str, str | None] | None:
    """A fund named right after its amount ("全州6,420.00万元农村综合改革转移支付资金分配科学"), the clause before it
    naming no money of its own: (name, core, stage class) as ``_named`` reads them."""
    if _CUES.money_noun.search(clause):
        return None
    match = _CUES.fund_after.match(ctx.doc.text[s.span[1] : s.span[1] + 40])
    if match is None:
        return None
    name = match.group("name")
    core = _CUES.generic.sub("", _CUES.scope.sub("", name))
    levels = set(_CUES.level.findall(clause)) - set(_CUES.level.findall(core))
    core = "".join(sorted(levels)) + core
    if len(_CUES.level.sub("", core)) < 4:
        return None
    stages = _CUES.stage.findall(clause)
    return name, core, _STAGE_CLASS.get(stages[-1], "allocated") if stages else "allocated"
