"""The offline chat's parser: the common ways officers ask for things, as ``Intent``s.

Each recogniser is a small function of the message (and the case, to find names) returning an ``Intent``
or None; the first that matches wins, in the order of ``RECOGNISERS``. Questions about the figures are
recognised in ``questions``; what the intents do is dispatched in ``offline`` (through ``actions``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.chat import questions
from assistant.chat.indicator_spec import QUOTED, parse_indicator_spec
from assistant.errors import InputError
from assistant.models import Case
from assistant.vocabulary import last_keyword
from assistant.workspace.fields import (
    INDICATOR_FIELDS,
    PROJECT_FIELDS,
    field_words,
)
from assistant.workspace.resolve import indicators_in, project_candidates, projects_in, resolve_project


@dataclass
class Intent:
    """What the officer asked for: a kind and its arguments (``error`` when it could not be understood)."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


_PUNCT = "。！!？?；;，,、 \n\t"
_POLITE = re.compile(r"^(?:请你?|麻烦你?|帮我|帮忙|你|我想|我要|能否|能不能|可以)+")
# "帮助", "你能做什么", "这个助手怎么用", "系统有哪些功能", "可以干啥".
_HELP = re.compile(
    r"^(?:帮助|help|使用说明|说明书|功能|(?:这个|那个)?(?:助手|系统|工具|软件|你)?(?:到底)?(?:该|要)?"
    r"(?:怎么用|如何用|如何使用|怎么使用|能做什么|能干什么|能干啥|会做什么|会什么|会干啥|有什么功能|有哪些功能|"
    r"可以做什么|可以干什么|可以干啥))(?:呢|啊|呀|吗)?[?？。!！]*$",
    re.I,
)
_UNDO = re.compile(
    r"^(?:撤销|撤消|撤回|回退|undo|还原)(?:一下)?(?:上一步|上一次|刚才的?(?:修改|操作)?|修改|操作|上次修改)?[。!！]*$|^取消(?:刚才|上一步|上次)的?(?:修改|操作)",
    re.I,
)
# Undo said in passing, in a short message: "刚才改错了，退回去", "改回原来的", "恢复原样". Not bare 退回
# ("结余资金已退回财政" is an answer), and never with a new value (那是修改).
_UNDO_SAID = re.compile(
    r"撤销|撤消|撤回|退回去|退回上一步|回到上一步|改回(?:去|来|原来|原样)|恢复(?:原样|原来|成原来)|还原|"
    r"取消(?:刚才|上一步|上次)|不要刚才的|(?:答|填|说|写|输|打)错了"
)
_UNDO_MAX = 16
_REDRAFT = re.compile(r"^(?:重写|改写|重新起草|重新撰写|重新写|重新生成|再写)(?P<rest>.+)$")
_WHOLE = re.compile(r"^(?:一下|一遍|整个|整篇|全部|全文|这份|一份)?(?:的)?(?:报告|全文)?[。!！]*$")
# "写报告", "写个报告吧", "出一版报告看看", "帮我生成一份自评报告", "报告先弄出来", "把报告写出来".
_DRAFT = re.compile(
    r"(?:起草|生成|撰写|写|出|拟|做|弄|来(?=一))(?:一)?[份篇下个版稿遍]?(?:新的?|完整的?|初)?(?:自评|绩效)*(?:报告|稿子|初稿)"
    r"|^(?:起草|重新起草|生成)[。!！]*$|报告.{0,3}(?:写|起草|生成|弄|做|出)出来|^把报告(?:写|起草|生成|弄|做)"
)
_EXPORT = re.compile(r"导出|下载|输出(?:成|为)?(?:word|docx|文档|文件)|(?:word|docx)(?:版|文件|文档)?$", re.I)
_CONFIRM = re.compile(r"仍然|仍要|还是要?|照样|直接|确认|确定|就这样|不管")
_STYLE_PART = re.compile(
    r"^(?:请?把|将)?(?P<section>第[一二三四五六七八九十\d]+(?:部分|节|章)|[^，,。]{2,14}?(?:一节|这一?节|那一?节|部分))"
)
_CAUSE = re.compile(
    r"因为|由于|原因是|(?:所以|导致|造成|致使).{0,8}(?:执行率|没花完|没用完|结余|偏低|较低|低|慢|滞后|未完成|没完成)"
)
# Words of a measure ("下一步加快验收"): a sentence with them answers 改进措施 even when it gives a cause too
MEASURE = re.compile(r"下一步|今后|以后(?!才)|加强|加快|强化|完善|建议|争取|确保|督促|提前|改进|优化")
_AUDIT = re.compile(
    r"检查|审核|审查|核对|核查|校对|审一下|查一下|有没有(?:问题|错)|是不是有(?:问题|错)|有什么问题|有问题吗|"
    r"报告写得(?:怎么样|如何|咋样|行不行|好不好)|"
    r"有错吗|对不对|挑错|找错|体检"
)
_AUDIT_OBJECT = re.compile(r"报告|稿|文字|全文|文中|写的|数据|数字")
_AUDIT_SHORT = 12
_EXPLAIN = re.compile(r"为什么|为啥|为何|怎么|如何|解释|凭什么|原因|依据|咋")
_SCORE_WORD = re.compile(r"分|评分|等级|扣分|执行率|(?:只有|才|是|评了?|得了?)[“\"「]?[优良中差]")
_ADD = re.compile(
    r"^(?:给|为|在|向)?(?P<subject>.*?)(?:里|中)?(?:增加|添加|新增|加上|补充|加)(?:一个|一项|一条|1个|1项)?(?:新的?)?(?:绩效)?指标(?P<spec>.*)$"
)
_VERB = re.compile(
    r"(?:修改为|修改成|改为|改成|调整为|调整成|更改为|更正为|更新为|设置为|设为|设成|变更为|变为|变成|应为|应该是|"
    r"填写为|填为|填成|调为|调到|调整到|改到|改写为|写成|写为|补充为|=|＝)"
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
# a message that ends by asking for a value ("预算是多少", "…的情况", "哪来的"): a look-up, never a correction. Not
# ``questions.QUESTION``, which tells any question from a statement.
_ASKS_FOR_VALUE = re.compile(
    r"(?:是|为|有)?(?:多少|几|什么|啥|怎样|如何)[钱元万个分项]*[？?吗呢。]*$|(?:的)?(?:情况|数据|数字|信息)[？?。]*$"
    r"|(?:是)?(?:从)?哪(?:里|儿)?来的?[？?吗呢。]*$"
)
# "档案数字化项目的预算": a project and a figure's name, nothing else — a look-up, not an answer
_FIELD_TAIL = re.compile(
    r"^(.{2,30}?)(?:项目)?的?(?:全年|年初)?(?:预算数?|执行数|执行率|得分|分数|等级|结余|情况|数据|钱)[？?。]*$"
)
_WHOLE_UNIT = re.compile(r"单位|整体|总体|全部项目|所有项目|各项目|各个项目|汇总")
_SHOW = re.compile(r"^(?:看看|看一下|查看|显示|列出|告诉我|说说)")
# "森林抚育那个项目为什么资金收回": a why-question about a project shows its figures and notes (not when it
# carries its own answer: "…为什么没花完？因为…")
_WHY_OF_PROJECT = re.compile(r"^(?!.*(?:因为|由于|原因是)).*(?:为什么|为啥|为何|怎么回事)")
_FROM = re.compile(r"(?:由|从)[^，,。]*$")
_MAX_NAMED = 5
# "基层党建那个项目执行率多少": the words before 项目 name it, though not uniquely.
_NAMED_HEAD = re.compile(r"^(?:看看|看一下|查看|显示|说说)?(.{2,20}?)(?:那个|这个|那|这)?(?:项目|经费)")


def clean(message: str) -> str:
    """The message without polite lead-ins and surrounding punctuation (a question mark is kept)."""
    text = message.strip()
    asked = text.endswith(("？", "?"))
    text = _POLITE.sub("", text.strip(_PUNCT)).strip()
    return text + "？" if asked and text else text


def recognise_export(text: str, case: Case) -> Intent | None:
    """ "导出Word" / "下载报告" / "仍然导出Word" — a file of the report (asked first while it has 【待补充】)."""
    if not _EXPORT.search(text) or len(text) > 24:
        return None
    kind = "md" if re.search(r"markdown|\bmd\b", text, re.I) else "docx"
    return Intent("export", {"kind": kind, "confirmed": bool(_CONFIRM.search(text))})


def recognise_style(text: str, case: Case) -> Intent | None:
    """ "第五部分写得太简单了" — a request about how a section reads, not what it says."""
    from assistant.workspace.reporting import is_style_request

    match = _STYLE_PART.match(text)
    if not match or not is_style_request(text[match.end() :] or text):
        return None
    return Intent("style", {"section": match.group("section"), "request": text})


def recognise_question(text: str, case: Case) -> Intent | None:
    found = questions.recognise(text, case)
    if not found:
        return None
    kind, args = found
    if kind in ("totals", "why_rate", "indicators_missed"):
        named = _head_projects(text, case)
        if kind == "totals" and len(named) == 1:
            return Intent("show", {"project": named[0]})  # "七一活动经费花了多少": that project, not the unit
        if kind in ("why_rate", "indicators_missed"):
            args = {**args, "projects": named}
    return Intent("ask", {"kind": kind, "args": args})


_HEAD_END = re.compile(
    r"为什么|为啥|为何|咋|怎么|花了|用了|执行了|执行率|一共|总共|总|合计|是多少|多少|的钱|的执行|的预算|预算|的?指标"
)


def _head_projects(text: str, case: Case) -> list[int]:
    """The projects a question opens with ("档案数字化为啥…", "七一活动经费花了多少"), or [].

    The words before the question may be a loose short name: the longest start of them that fits any project
    gives the candidates (the reply names each project in full, so the officer sees which one was meant)."""
    named = projects_in(case, text)
    if named:
        return named
    head = _HEAD_END.split(text, maxsplit=1)[0].strip()
    head = re.sub(r"(?:那个|这个|那|这)?(?:项目)?(?:的)?$", "", head)
    if _WHOLE_UNIT.search(head):
        return []
    for end in range(len(head), 1, -1):
        if found := project_candidates(case, head[:end]):
            return found
    return []


_CHITCHAT = re.compile(
    r"^(?:(?P<hello>你好|您好|hi|hello|嗨|在吗|在不在)|(?P<thanks>(?:谢谢|多谢|感谢)(?:你|您)?(?:的帮助|的帮忙)?|谢了|辛苦了?|麻烦了)"
    r"|(?P<ok>好的?|嗯+|哦+|噢|ok|OK|收到|明白了?|知道了|了解|行吧?|可以|等一?下|稍等一?下?|等等)"
    r"|(?P<bye>再见|拜拜|先这样|我?先走了|我?走了|下班了|明天再[弄填说]|回头再弄|算了|(?:今天)?(?:先)?不(?:弄|做|干|搞)了)"
    r"|(?P<wrong>不对|不是这样|错了|有误|搞错了|弄错了|写错了|填错了)"
    r"|(?P<who>你是(?:谁|什么|哪个|机器人|人工智能|AI|真人|人)(?:吗|呢|啊)?|你叫什么(?:名字)?))"
    r"(?:您|你|啦|啊|呀|哈|吧|了|哦)*[！!。.~～，,]*$",
    re.IGNORECASE,
)


def recognise_chitchat(text: str, case: Case) -> Intent | None:
    """ "你好" / "谢谢" / "好的" / "你好，我是新来的": small talk, never the answer to an open question."""
    match = _CHITCHAT.match(text.strip())
    if match:
        return Intent("chitchat", {"kind": match.lastgroup})
    parts = [part for part in re.split(r"[，,。！!？?~～\s]+", text.strip()) if part]
    said = [_CHITCHAT.match(part) for part in parts]
    # "你好，在吗", "算了，不弄了": small talk in a few pieces; the last one counts
    if len(parts) > 1 and all(said):
        return Intent("chitchat", {"kind": said[-1].lastgroup})  # type: ignore[union-attr]
    if _GREETING_INTRO.match(text.strip()):
        return Intent("chitchat", {"kind": "hello"})
    if _DEADLINE.search(text):
        return Intent("chitchat", {"kind": "deadline"})
    return None


# "这个报告什么时候要交": a date only the 财政部门's notice gives
_DEADLINE = re.compile(
    r"(?:什么时候|啥时候|何时|哪天|几号)(?:之前)?(?:要|得|需要|必须)?(?:交|报|报送|提交|上报|截止|完成)"
    r"|截止(?:时间|日期)|(?:报送|提交|上报)(?:时间|期限|日期)"
)


_GREETING_INTRO = re.compile(
    r"^(?:你好|您好|嗨|hi|hello)[，,！!。 ]*(?:我是|我叫|我们是|我在|我刚)[^，,。；;\d]{0,12}[。！!]*$", re.I
)


def recognise_cause(text: str, case: Case) -> Intent | None:
    """ "这个项目钱没花完主要是因为…" — a deviation's cause, told as a statement."""
    if not _CAUSE.search(text) or questions.looks_like_question(text):
        return None
    named = projects_in(case, text)
    return Intent("cause", {"project": named[0] if len(named) == 1 else None, "text": text})


def recognise_help(text: str, case: Case) -> Intent | None:
    return Intent("help") if _HELP.match(text) else None


def recognise_undo(text: str, case: Case) -> Intent | None:
    if _UNDO.match(text):
        return Intent("undo")
    said = len(text) <= _UNDO_MAX and _UNDO_SAID.search(text) and not re.search(r"\d", text)
    return Intent("undo") if said and not _VERB.search(text) else None


def recognise_redraft(text: str, case: Case) -> Intent | None:
    match = _REDRAFT.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    if _WHOLE.match(rest):
        return Intent("draft")
    head, _, instruction = _split_once(rest)
    return Intent("redraft", {"section": head.strip(), "instruction": instruction.strip() or None})


def _split_once(text: str) -> tuple[str, str, str]:
    match = re.search(r"[，,：:；;。]", text)
    if not match:
        return text, "", ""
    return text[: match.start()], match.group(), text[match.end() :]


def recognise_draft(text: str, case: Case) -> Intent | None:
    return Intent("draft") if _DRAFT.search(text) and not _AUDIT.search(text) else None


def recognise_audit(text: str, case: Case) -> Intent | None:
    """ "检查这份报告", "审核", "帮我查查报告有没有问题" — short, or about the report ("老年人体检" is not)."""
    if not _AUDIT.search(text) or _VERB.search(text):
        return None
    return Intent("audit") if len(text) <= _AUDIT_SHORT or _AUDIT_OBJECT.search(text) else None


def recognise_explain(text: str, case: Case) -> Intent | None:
    if not (_EXPLAIN.search(text) and _SCORE_WORD.search(text)) or _VERB.search(text):
        return None
    named = projects_in(case, text) or _head_projects(_EXPLAIN.sub("", text), case)
    if not named and len(case.projects) == 1:
        named = [0]
    if not named:
        return Intent("explain_all")
    return Intent("explain", {"projects": named})


def recognise_add(text: str, case: Case) -> Intent | None:
    match = _ADD.match(text)
    if not match:
        return None
    subject = match.group("subject").strip(_PUNCT).removesuffix("的")
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
    verb = _VERB.search(text)
    if not verb:
        return None
    left = _FROM.sub("", text[: verb.start()]).strip()
    value = text[verb.end() :].strip().strip(_PUNCT).lstrip("：:").strip()
    left = re.sub(r"^(?:把|将)", "", left).strip()
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
    if _ASKS_FOR_VALUE.search(text):
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
    named = _head_projects(_WRONG_FIGURE.sub("", text).replace(word, "", 1), case)
    if len(named) > 1:
        return None
    return Intent("wrong_figure", {"project": named[0] if named else None, "field": field})


def recognise_query(text: str, case: Case) -> Intent | None:
    """ "七一项目执行数是多少" / "看看档案数字化项目" / "档案数字化项目的预算" — show a project's current figures."""
    if not (_ASKS_FOR_VALUE.search(text) or _SHOW.match(text) or _WHY_OF_PROJECT.search(text)):
        named = _FIELD_TAIL.match(text)
        found = _head_projects(named.group(1), case) if named else []
        return Intent("show", {"project": found[0]}) if len(found) == 1 else None
    named = projects_in(case, text)
    if len(named) == 1:
        return Intent("show", {"project": named[0]})
    if not named:
        head = _NAMED_HEAD.match(text)  # "七一慰问那个项目": 七一 names it though 慰问 is not in its name
        named = (project_candidates(case, head.group(1)) if head else []) or _head_projects(text, case)
        if len(named) == 1:
            return Intent("show", {"project": named[0]})
    if 1 < len(named) <= _MAX_NAMED:  # "基层党建那个项目": several names fit, show each of them
        return Intent("show_some", {"projects": named})
    if not named and _WHOLE_UNIT.search(text):
        return Intent("show", {"project": None})
    return None


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


RECOGNISERS: tuple[Callable[[str, Case], Intent | None], ...] = (
    recognise_help,
    recognise_undo,
    recognise_export,
    recognise_style,
    recognise_redraft,
    recognise_add,
    recognise_set,
    recognise_wrong_figure,
    recognise_question,
    recognise_explain,
    recognise_query,
    recognise_statement,
    recognise_cause,
    recognise_audit,
    recognise_draft,
)


def parse(message: str, case: Case) -> Intent:
    """The intent of a chat message, or ``Intent("unknown")``."""
    chitchat = recognise_chitchat(message.strip(), case)  # before ``clean``, which drops a leading 你
    if chitchat is not None:
        return chitchat
    text = clean(message)
    for recognise in RECOGNISERS:
        intent = recognise(text, case)
        if intent is not None:
            return intent
    return Intent("unknown")
