"""The recognisers of changes to the data: a new indicator, a field set to a value ("把…改为…", "…执行数为…",
"…应该是…"), or a figure said to be wrong with no new value given.

Why apart: these read a subject, a field word and a value, and resolve the subject to a project or an
indicator; nothing else in the chat does. Bad: "档案数字化的执行数多写了一个0" guessed into a new value. Good:
``wrong_figure`` naming the project and the field, so the officer is asked for the right value.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.chat.indicator_spec import QUOTED, parse_indicator_spec
from assistant.chat.message import ASKS_FOR_VALUE, PUNCT, VERB, Intent, head_projects
from assistant.errors import InputError
from assistant.models import Case
from assistant.vocabulary import last_keyword
from assistant.workspace.fields import (
    INDICATOR_FIELDS,
    PROJECT_FIELDS,
    field_words,
)
from assistant.workspace.resolve import indicators_in, projects_in, resolve_project

_ADD = re.compile(
    r"^(?:给|为|在|向)?(?P<subject>.*?)(?:里|中)?(?:增加|添加|新增|加上|补充|加)(?:一个|一项|一条|1个|1项)?(?:新的?)?(?:绩效)?指标(?P<spec>.*)$"
)

# "七一项目执行数为5.6万元": a field stated without a verb of change; tried at each 为/是/： in turn.
_STATED = re.compile(r"为|是|[：:]")

# "少填了，应该是" / "其实是" / "写错了，正确的是": the wording of a correction around "X是Y"
_CORRECTION_WORDS = re.compile(
    r"[，,]?\s*(?:(?:多|少)?(?:填|写|输|打)(?:错|少|多)?了)[，,]?\s*|(?:其实|实际上|应该|应当|正确的?)(?=是|为)"
)

# "档案数字化的执行数多写了一个0", "改一下七一的预算": a figure of a project is wrong, but no new value is given
_WRONG_FIGURE = re.compile(
    r"(?:多|少)(?:写|填|输|打)了|(?:填|写|输|打)错了|(?:不对|有误)[。！!，,]*$|^(?:请|帮我)?(?:改一下|修改一下|改改)"
    r"|^我?(?:想|要)(?:改|修改)一?下"
)

# each figure's everyday word, tried in order (年初预算 before 预算, which it contains)
_FIGURE_WORDS = {"年初预算数": "年初预算", "全年预算数": "预算", "全年执行数": "执行数", "自评得分": "得分"}

_FROM = re.compile(r"(?:由|从)[^，,。]*$")

# The whole case's settings: "金额单位改成元" is no project 「金额」's field 单位
_CASE_SETTINGS = ("单位名称", "金额单位", "年度", "评分规则")


def recognise_add(text: str, case: Case) -> Intent | None:
    match = _ADD.match(text)
    if not match:
        return None
    subject = match.group("subject").strip(PUNCT).removesuffix("的")
    try:
        project = _project_of(case, subject)
    except InputError as exc:
        return Intent("add_indicator", error=str(exc))
    return Intent("add_indicator", {"project": project, "fields": parse_indicator_spec(match.group("spec"))})


def recognise_set(text: str, case: Case) -> Intent | None:
    # "执行数少填了，应该是5.8万": no 填 verb here, a statement
    return _recognise_change(_CORRECTION_WORDS.sub("", text), case)


def _recognise_change(text: str, case: Case) -> Intent | None:
    """A change "<subject><field><verb><value>" with the wording of a correction already taken out."""
    verb = VERB.search(text)
    if not verb:
        return None
    left = _FROM.sub("", text[: verb.start()]).strip()
    value = text[verb.end() :].strip().strip(PUNCT).lstrip("：:").strip()
    left = re.sub(r"^(?:把|将)", "", left).strip()
    if (setting := left.removeprefix("报告").removesuffix("的")) in _CASE_SETTINGS:
        return (
            Intent(  # the subject named, so a question open in the interview does not take it as its answer
                "set",
                {"subject": setting},
                error=f"「{setting}」是整份案例的设置，对话中不能修改（对话只改各项目、指标的内容）；"
                "请在案例文件或 Excel 自评表中改好后重新上传。",
            )
        )
    if not value:
        return Intent("set", error="请说明要改成什么值，例如“把某某项目的执行数改为5.6万元”。")
    if "执行率" in left[-6:]:
        return Intent(
            "set",
            {
                "field": "执行率",
                "subject": left[: left.rfind("执行率")].removesuffix("预算").removesuffix("的"),
            },
            error="预算执行率由全年执行数 ÷ 全年预算数计算，不能直接修改；请修改全年执行数或全年预算数。",
        )
    found = _field_at_end(left)
    if found is None:
        return Intent(
            "set",
            error=f"没有看出要修改哪一项。可修改的项目字段：{'、'.join(PROJECT_FIELDS)}；"
            f"指标字段：{'、'.join(INDICATOR_FIELDS)}。",
        )
    word, start = found
    subject = left[:start].strip().removesuffix("的").strip()
    indicator_hits = indicators_in(case, subject)
    indicator_key = next((key for w, key in field_words(INDICATOR_FIELDS) if w == word), None)
    project_key = next((key for w, key in field_words(PROJECT_FIELDS) if w == word), None)
    wants_indicator = bool(indicator_hits) or (project_key is None) or ("指标" in subject and indicator_key)
    try:
        if wants_indicator:
            if indicator_key is None:
                raise InputError.single(f"指标没有「{word}」这一项，可修改：{'、'.join(INDICATOR_FIELDS)}")
            target = _indicator_target(case, subject, indicator_hits)
            return Intent(
                "set_indicator", target | {"field": indicator_key, "value": value, "subject": subject}
            )
        project = _project_of(case, subject)
        return Intent("set", {"project": project, "field": project_key, "value": value, "subject": subject})
    except InputError as exc:  # what was named as the project is kept: a change was meant, and failed
        return Intent("set", {"field": word, "subject": subject}, error=str(exc))


def recognise_statement(text: str, case: Case) -> Intent | None:
    """ "七一项目执行数为5.6万元" / "档案数字化项目的改进措施：加快验收" — a change written as a statement; also
    a correction ("七一项目执行数少填了，应该是5.8万", "档案数字化的预算其实是60万")."""
    if ASKS_FOR_VALUE.search(text):
        return None
    text = _CORRECTION_WORDS.sub("", text)
    for sep in _STATED.finditer(text):
        left, value = text[: sep.start()].strip(), text[sep.end() :].strip()
        if left and value and (_field_at_end(left) is not None or left.endswith("执行率")):
            return _recognise_change(f"{left}改为{value}", case)
    return None


def recognise_wrong_figure(text: str, case: Case) -> Intent | None:
    """ "档案数字化的执行数多写了一个0": which figure of which project, so the officer can be asked for the right
    value (the assistant does not guess it)."""
    if not _WRONG_FIGURE.search(text) or re.search(r"\d+(?:\.\d+)?\s*(?:万|元|分|%)", text):
        return None
    figure = next(((key, word) for key, word in _FIGURE_WORDS.items() if word in text), None)
    if figure is None:
        return None
    field, word = figure
    named = head_projects(_WRONG_FIGURE.sub("", text).replace(word, "", 1), case)
    if len(named) > 1:
        return None
    return Intent("wrong_figure", {"project": named[0] if named else None, "field": field})


def _field_at_end(left: str) -> tuple[str, int] | None:
    """The field word closest to the end of ``left`` (longest when two end at the same place), and where it starts."""
    hit = last_keyword(
        left, [(key, (word,)) for word, key in field_words(PROJECT_FIELDS) + field_words(INDICATOR_FIELDS)]
    )
    if hit is None:
        return None
    if left[hit.end :].strip() not in ("", "数据", "数", "值", "一栏", "这一项", "字段"):
        return None
    return hit.word, hit.start


def _project_of(case: Case, subject: str) -> int:
    named = projects_in(case, subject)
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        names = "、".join(f"「{case.projects[i].name}」" for i in named)
        raise InputError.single(f"这句话提到了多个项目：{names}，请一次只改一个")
    if not subject and len(case.projects) == 1:
        return 0
    if not subject:
        raise InputError.single("请说明是哪个项目，例如“把某某项目的执行数改为5.6万元”")
    return resolve_project(case, subject)


def _indicator_target(case: Case, subject: str, hits: list[tuple[int, int]]) -> dict[str, Any]:
    named = projects_in(case, subject)
    if named:
        hits = [(p, k) for p, k in hits if p in named] or hits
    if len(hits) == 1:
        return {"project": hits[0][0], "indicator": hits[0][1]}
    if len(hits) > 1:
        raise InputError.single("有多个项目设置了这个指标，请同时写明项目名称")
    project = _project_of(case, subject.split("指标")[0] if "指标" in subject else subject)
    quoted = QUOTED.search(subject)
    if quoted:
        return {"project": project, "indicator": quoted.group(1)}
    raise InputError.single(f"请写明是「{case.projects[project].name}」的哪个指标（可用引号括起指标名称）")
