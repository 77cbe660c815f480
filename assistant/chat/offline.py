"""The offline chat: the interview first, then the parsed request, then back to the open question.

While a question of the interview is open (``guide.pending``), the officer's free text is its answer unless it
is plainly something else: a control word, a question, or a recognised command said as one ("把…改为…",
"写报告", "导出Word", "第五部分…"). Otherwise the ``Intent`` from ``intents`` is carried out by ``actions``
(questions about the figures by ``questions``) and the open question is asked again.
"""

from __future__ import annotations

import re

from assistant.chat import actions, answers, guide, pasted, questions, texts
from assistant.chat.intents import MEASURE, Intent, clean, parse
from assistant.chat.reply import ChatReply
from assistant.workspace import Workspace
from assistant.workspace.interview import Gap, says_nothing
from assistant.workspace.reporting import is_style_request
from assistant.workspace.resolve import projects_in

_COMMANDISH = re.compile(
    r"^(?:把报告|重写|改写|重新|起草|生成|写报告|写一[份篇]|出报告|导出|下载|撤销|撤回|审核|检查|核对|看看|查看|显示|列出|"
    r"第[一二三四五六七八九十\d]+(?:部分|节|章))"
)
_SHORT = 12
_SELF_ANSWERED = re.compile(r"^[^。！!]{0,20}[？?，,]\s*(?:因为|由于|原因是|主要是|是因为)")
_ACK_LEAD = re.compile(r"^(?:好的?|嗯+|行|可以|OK|ok)[，,。！! ]*")
_HOW_TO_ANSWER = re.compile(r"^(?!.*报告).*(?:写|填|回答|怎么说)")
_SAVE = re.compile(r"^(?:请|麻烦)?(?:帮我)?(?:保存|存一下|存档|存盘)(?:一下)?(?:吧|啊)?[。！!]*$")
_CHITCHAT_REPLY = {
    "hello": "您好！",
    "thanks": "不客气。",
    "ok": "好的。",
    "bye": "好的，已自动保存，下次打开会话可以接着填。",
    "wrong": "哪里不对？刚才记下的内容有误，说“撤销”收回；某个数字填错了，请说明项目和正确的数，"
    "例如“七一项目执行数应该是5.8万”。",
    "deadline": "报送时间以财政部门或主管部门的通知为准，我这里没有这项信息。报告起草后可以随时导出Word。",
    "who": "我是绩效自评报告助手：按您的数据计算执行率、得分和等级，逐项问清原因和措施，起草并核对自评报告。"
    "数字都由程序按数据计算，原因、措施等只记您说的话。",
}


def respond_offline(ws: Workspace, message: str, *, configured: bool = False) -> ChatReply:
    """Answer a message without a model; ``configured`` says an endpoint exists but was switched off."""
    text = clean(message)
    asked = guide.pending(ws)
    if asked is not None and says_nothing(asked.field, text):  # "暂时没有" to 存在哪些问题: an answer
        return guide.answer(ws, asked, message)
    if guide.is_skip(text):
        return guide.skip(ws)
    if len(text) <= _SHORT * 2 and guide.CLARIFY.search(text):
        return guide.clarify(ws, asked)
    if _SAVE.match(text):
        return guide.with_question(
            "不用手动保存：每次回答和修改都已自动保存，关掉页面后重新打开这个会话可以接着填。", asked
        )
    if guide.WRITE_FOR_ME.match(text):
        return guide.write_for_me(ws, asked)
    if guide.RESUME.match(text) or guide.RESUME.match(_ACK_LEAD.sub("", text)):  # "好，继续"
        return guide.resume(ws)
    intent = parse(message, ws.case)
    if asked is not None and not _interrupts(intent, text, ws, asked):
        # "七一项目…" said to 档案数字化's question: ask, do not file it under the wrong project
        other = _another_project(ws, asked, text)
        if other is not None:
            return guide.with_question(
                f"这句话说的是「{other}」，刚才问的是「{asked.project_name}」的{asked.field}，所以先没有记下。"
                f"如果是「{other}」的内容，请说“{other}的{asked.field}：……”；如果是回答刚才的问题，请换个说法再说一次。",
                asked,
            )
        return guide.answer(ws, asked, message)
    if asked is not None and intent.kind == "unknown" and _about_the_question(text, asked):
        return guide.clarify(ws, asked)  # "要不要写具体金额", "牵头的是我们局吗"
    if intent.kind == "unknown" and questions.looks_like_question(text):
        named = next((gap for gap in ws.gaps() if gap.field in text), None)
        if named is not None:  # "评价组织是哪些人": what that item asks for
            return guide.clarify(ws, named)
    reply = dispatch(ws, intent, configured=configured, asked=asked)
    tail = guide.reminder(ws) if asked is not None else ""
    if tail:
        reply.text += "\n\n" + tail
    return reply


def _about_the_question(text: str, asked: Gap) -> bool:
    """A question about how to answer, or one that echoes the open question's own words ("牵头的是我们局吗" to
    "这次绩效自评是谁牵头组织的"): only the officer knows its answer, so the question is explained again."""
    if _HOW_TO_ANSWER.search(text):
        return True
    if not questions.looks_like_question(text):
        return False
    words = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return any(
        words[i : i + 2] in asked.question for i in range(len(words) - 1) if words[i : i + 2] not in _COMMON
    )


_COMMON = frozenset(
    {"是不", "不是", "我们", "这个", "那个", "什么", "怎么", "可以", "一下", "项目", "多少", "哪些"}
)


def _another_project(ws: Workspace, asked: Gap, text: str) -> str | None:
    """The name of the one project ``text`` names when it is not the one the open question is about."""
    if asked.project is None:
        return None
    named = projects_in(ws.case, text)
    if len(named) != 1 or named[0] == asked.project:
        return None
    return ws.case.projects[named[0]].name


def _interrupts(intent: Intent, text: str, ws: Workspace, asked: Gap) -> bool:
    """True when a message, said while a question is open, is not its answer."""
    if _SELF_ANSWERED.search(text) and intent.kind in ("ask", "unknown", "explain", "explain_all", "show"):
        return False  # "为什么没花完？因为设备到货晚": the question restated, then answered
    if intent.kind in (
        *("help", "undo", "export", "chitchat", "wrong_figure", "show", "show_some"),
        *("readiness", "upload_help", "audit_pasted"),
    ):
        return True  # a look-up ("高标准农田那个项目得了几分") is never an answer
    if questions.looks_like_question(text):
        return True
    if intent.error:  # a change naming a project and a field that failed (no such project…) is said so
        return bool(intent.args.get("subject"))
    if intent.kind == "unknown":
        return False
    if intent.kind in ("set", "set_indicator", "add_indicator"):
        named = bool(intent.args.get("subject")) or bool(projects_in(ws.case, text))
        return named or text.startswith(("把", "将", "给"))
    if intent.kind == "cause":
        project = intent.args.get("project")
        if asked.field == "偏差原因":
            return project is not None and asked.project != project  # another project's cause
        # a cause said while another question is open goes to the cause, unless it also says what will be done
        return not MEASURE.search(text)
    return bool(_COMMANDISH.match(text)) or len(text) <= _SHORT


def dispatch(
    ws: Workspace, intent: Intent, *, configured: bool = False, asked: Gap | None = None
) -> ChatReply:
    """Carry out a parsed request."""
    if intent.error:
        return ChatReply(f"未能完成：{intent.error}", error=True)
    a = intent.args
    kind = intent.kind
    if kind == "help":
        return ChatReply(texts.help_text(ws))
    if kind == "chitchat":
        return ChatReply(
            _CHITCHAT_REPLY[a["kind"]]
            + ("" if asked is not None else "说“还差什么”看还缺哪些，说“写报告”起草报告。")
        )
    if kind == "undo":
        return actions.undo(ws)
    if kind == "draft":
        return actions.draft(ws, llm="off")
    if kind == "redraft":
        if a["instruction"] and is_style_request(a["instruction"]):
            return actions.restyle(ws, a["section"], a["instruction"], llm="auto" if configured else "off")
        return actions.redraft(ws, a["section"], a["instruction"], llm="off")
    if kind == "style":
        return actions.restyle(ws, a["section"], a["request"], llm="auto" if configured else "off")
    if kind == "export":
        return actions.export(ws, a["kind"], confirmed=a["confirmed"])
    if kind == "audit":
        return actions.audit(ws)
    if kind == "audit_pasted":
        return pasted.audit_pasted(a["text"])
    if kind == "readiness":
        return actions.readiness(ws)
    if kind == "upload_help":
        return ChatReply(texts.upload_help())
    if kind == "ask":
        return actions.perform(ws, lambda: answers.answer(ws, a["kind"], a["args"]))
    if kind == "cause":
        return actions.file_cause(ws, a["project"], a["text"], asked)
    if kind == "explain":
        replies = [actions.explain(ws, p) for p in a["projects"][:3]]
        return ChatReply("\n\n".join(r.text for r in replies), error=any(r.error for r in replies))
    if kind == "explain_all":
        return ChatReply(
            "请说明是哪个项目，例如" + texts.example_why(ws) + "。各项目当前情况：\n" + texts.data_summary(ws)
        )
    if kind == "show":
        return actions.show(ws, a["project"])
    if kind == "wrong_figure" and a["project"] is None:
        return ChatReply(
            f"要改哪个项目的{a['field']}？请说“把某某项目的{a['field']}改为……”（金额单位自动换算）。"
        )
    if kind == "wrong_figure":
        project = ws.case.projects[a["project"]]
        now = ws.project_rows()[a["project"]].get(a["field"], "（空）")
        return ChatReply(
            f"「{project.name}」的{a['field']}现在是 {now}（{ws.case.money_unit if a['field'] != '自评得分' else '分'}）。"
            f"正确的数是多少？请直接说，例如“把{project.name}的{a['field']}改为……”。"
        )
    if kind == "show_some":
        return ChatReply("这句话能对上几个项目：\n" + texts.data_summary(ws, only=a["projects"]))
    if kind == "add_indicator":
        return actions.add_indicator(ws, a["project"], a["fields"])
    if kind == "set":
        return actions.set_field(ws, a["project"], a["field"], a["value"])
    if kind == "set_indicator":
        return actions.set_indicator(ws, a["project"], a["indicator"], a["field"], a["value"])
    return ChatReply(texts.not_understood(ws, configured=configured))
