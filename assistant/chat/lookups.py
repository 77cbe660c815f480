"""The recognisers of look-ups: a question about the figures (recognised in ``questions``), a why-question
about a score or grade, and a request to show a project's figures.

Why apart: these only read (they never change the data) and name projects loosely ("基层党建那个项目"), showing
each candidate when several fit. Bad: "基层党建那个项目执行率多少" answered for the whole unit. Good: the
projects whose names fit, each named in full.
"""

from __future__ import annotations

import re

from assistant.chat import questions
from assistant.chat.message import ASKS_FOR_VALUE, VERB, WHOLE_UNIT, Intent, head_projects
from assistant.models import Case
from assistant.workspace.resolve import project_candidates, projects_in

_EXPLAIN = re.compile(r"为什么|为啥|为何|怎么|如何|解释|凭什么|原因|依据|咋")

_SCORE_WORD = re.compile(r"分|评分|等级|扣分|执行率|(?:只有|才|是|评了?|得了?)[“\"「]?[优良中差]")

# "档案数字化项目的预算": a project and a figure's name, nothing else — a look-up, not an answer
_FIELD_TAIL = re.compile(
    r"^(.{2,30}?)(?:项目)?的?(?:全年|年初)?(?:预算数?|执行数|执行率|得分|分数|等级|结余|情况|数据|钱)[？?。]*$"
)

_SHOW = re.compile(r"^(?:看看|看一下|查看|显示|列出|告诉我|说说)")

# "森林抚育那个项目为什么资金收回": a why-question about a project shows its figures and notes (not when it
# carries its own answer: "…为什么没花完？因为…")
_WHY_OF_PROJECT = re.compile(r"^(?!.*(?:因为|由于|原因是)).*(?:为什么|为啥|为何|怎么回事)")

_MAX_NAMED = 5

# "基层党建那个项目执行率多少": the words before 项目 name it, though not uniquely.
_NAMED_HEAD = re.compile(r"^(?:看看|看一下|查看|显示|说说)?(.{2,20}?)(?:那个|这个|那|这)?(?:项目|经费)")


def recognise_question(text: str, case: Case) -> Intent | None:
    found = questions.recognise(text, case)
    if not found:
        return None
    kind, args = found
    if kind in ("totals", "why_rate", "indicators_missed"):
        named = head_projects(text, case)
        if kind == "totals" and len(named) == 1:
            return Intent("show", {"project": named[0]})  # "七一活动经费花了多少": that project, not the unit
        if kind in ("why_rate", "indicators_missed"):
            args = {**args, "projects": named}
    return Intent("ask", {"kind": kind, "args": args})


def recognise_explain(text: str, case: Case) -> Intent | None:
    if not (_EXPLAIN.search(text) and _SCORE_WORD.search(text)) or VERB.search(text):
        return None
    named = projects_in(case, text) or head_projects(_EXPLAIN.sub("", text), case)
    if not named and len(case.projects) == 1:
        named = [0]
    if not named:
        return Intent("explain_all")
    return Intent("explain", {"projects": named})


def recognise_query(text: str, case: Case) -> Intent | None:
    """ "七一项目执行数是多少" / "看看档案数字化项目" / "档案数字化项目的预算" — show a project's current figures."""
    if not (ASKS_FOR_VALUE.search(text) or _SHOW.match(text) or _WHY_OF_PROJECT.search(text)):
        named = _FIELD_TAIL.match(text)
        found = head_projects(named.group(1), case) if named else []
        return Intent("show", {"project": found[0]}) if len(found) == 1 else None
    named = projects_in(case, text)
    if len(named) == 1:
        return Intent("show", {"project": named[0]})
    if not named:
        head = _NAMED_HEAD.match(text)  # "七一慰问那个项目": 七一 names it though 慰问 is not in its name
        named = (project_candidates(case, head.group(1)) if head else []) or head_projects(text, case)
        if len(named) == 1:
            return Intent("show", {"project": named[0]})
    if 1 < len(named) <= _MAX_NAMED:  # "基层党建那个项目": several names fit, show each of them
        return Intent("show_some", {"projects": named})
    if not named and WHOLE_UNIT.search(text):
        return Intent("show", {"project": None})
    return None
