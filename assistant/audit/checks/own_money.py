"""Which of a report's amounts are the money of the one project it evaluates, when no reader named that project
for them: the one-project reading the repeat checks (``text_repeats``, ``text_in_full``) share.

Why its own module: the reading (a report of one project's money, not a unit's whole, no several projects; 该项目/本项目
pointing at it; a share of it told by 其中, 第二批, 提前下达…) is one concern, asked by several checks.
"""

from __future__ import annotations

from dataclasses import replace

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..prose.model import Statement

_CUES = cues(__name__)
TITLE_REACH = 200  # characters at the text's head where its title says what it evaluates


def one_project(ctx: AuditContext) -> bool:
    """Is the report about one project's money as a whole (no project named twice over, none counted as several,
    not a unit's whole budget)? Then its unnamed money ("下达…专项资金20万元", "其中专项资金20万元已于…全部到位") is that
    project's, as a named project's is."""
    return (
        len(ctx.facts.projects) <= 1
        and not several_projects(ctx)
        and not _CUES.unit_report.search(ctx.doc.text[:TITLE_REACH])
    )


def several_projects(ctx: AuditContext) -> bool:
    """Does the text count two or more projects ("实施项目2个", "共15个项目") though none was named for it?"""
    for s in ctx.facts.statements:
        if s.kind == "count" and s.value >= 2 and s.sentence is not None:
            around = ctx.doc.text[max(0, s.span[0] - 2) : s.span[1] + 2]
            if "项目" in around:
                return True
    return False


def own_project_pointed(ctx: AuditContext) -> list[Statement]:
    """The statements, with an amount whose subject no reader found given the report's one project when its
    clause points at that project ("该项目经费共35万元" before "1.市政府办公楼维护项目经费35万元…"): 该项目/本项目 names
    the project the report is about, and in a report of one project there is no other it could be."""
    statements = ctx.facts.statements
    projects = ctx.facts.projects
    if len(projects) != 1 or not one_project(ctx):
        return statements
    text = ctx.doc.text
    return [
        replace(s, subject=projects[0])
        if s.subject is None
        and s.kind == "amount"
        and s.sentence is not None
        and points_at_own_project(clause_of(text[s.sentence.start : s.span[0]]))
        else s
        for s in statements
    ]


def project_money(ctx: AuditContext, s: Statement) -> bool:
    """ "向某镇下达奖励资金28.6万元" … "项目资金28.6万元于10月30日下达某镇": in a report of one project's money (the
    caller asks ``one_project``) the report's unnamed budget, whatever money noun it is written with, is that
    project's money as a named project's is; a share of it (其中, 第二批, 分别) is not the whole."""
    return (
        s.subject is not None
        and s.subject.kind == "report"
        and s.field == "budget"
        and not a_share(ctx.doc.text, s)
    )


def a_share(text: str, s: Statement) -> bool:
    """Do the words of ``s``'s sentence before it say it is a share ("其中第一批下达资金60万元", "分两批…")?"""
    start = s.sentence.start if s.sentence is not None else s.span[0]
    return _CUES.share.search(text, start, s.span[0]) is not None


def points_at_own_project(clause: str) -> bool:
    """Does ``clause`` (the words before an amount) point at the report's own project ("该项目经费共", "本项目资金")?"""
    return _CUES.own_project.search(clause) is not None
