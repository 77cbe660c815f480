"""The interview in the chat: open with the first question, take free text as the answer to the question asked,
move on when told ("跳过"/"下一个"), and come back to the open question after any other request.

What is missing, the questions and where answers go live in ``assistant.workspace.interview`` (shared with the
agent's tools and the report tab); here is only the conversation around them, the same with or without a model.
"""

from __future__ import annotations

import re

from assistant.chat.reply import ChatReply
from assistant.chat.texts import report_note
from assistant.errors import JixiaoError
from assistant.workspace import Workspace
from assistant.workspace.interview import Gap

SKIP = re.compile(
    r"^(?:跳过|先跳过|跳过这[个一]?[项题]?|下一[个项题]|换一个|先不填|不知道|不清楚|以后再说|暂时没有|略过|pass"
    # "这个先不填", "回头再补吧", "先放一放", "还没想好"
    r"|(?:这[个项题]?|这一[项题])?(?:先|暂时?|暂且)?不(?:填|写|答|回答)了?|(?:以后|回头|待会儿?|稍后|等会儿?|过后)再(?:填|写|说|补|答)?"
    r"|先放一?放|(?:我)?(?:还)?没想好|(?:我|让我)?(?:再|先)?(?:想想|想一想|考虑一下|琢磨一下)|不确定|(?:我)?也?不太?(?:知道|清楚|了解)(?:原因|情况|具体情况|具体原因)?"
    # "要问一下项目负责人", "我去核实一下": the answer is to be fetched from someone else first
    r"|(?:我)?(?:还)?(?:要|得|需要|等我|我去|回头)?(?:问一下|问问|问下|核实一下|确认一下|了解一下|打听一下)"
    r"(?:(?!是|因为|由于|原因)[^，,。；;]){0,12}?(?:再说|再回复|再答)?"  # not "问一下才知道是设备问题"
    r"|(?:原因|措施|目标|这个)?(?:我)?(?:也|还)?(?:说|讲)不(?:太)?清楚?"
    r"|(?:能|可以|能不能|可不可以)?(?:换个问题|换一[个道]题?|问下一个|下一个问题)"
    r"|(?:这[个项题道]?|这一[项题])(?:问题)?(?:先)?跳过)(?:吧|了|啊|呀|吗)?[。！!？?]*$",
    re.I,
)


def is_skip(text: str) -> bool:
    """ "跳过" and its kin, also said twice ("这个问题跳过，下一个")."""
    parts = [part for part in re.split(r"[，,。；;！!\s]+", text.strip()) if part]
    return bool(parts) and all(SKIP.match(part) for part in parts)


# "你帮我写一个吧", "你来编一段": the officer asks the assistant to make up the content of an answer.
WRITE_FOR_ME = re.compile(
    r"^(?:你|您)?(?:帮我|替我|给我|帮忙|来|就|随便|直接)*(?:写|编|拟|想|生成|起草|填)(?:一个|一下|一段|一条|个|点|上)?"
    r"(?:吧|呗|啊|呀|好了|就行)?[。！!]*$"
)
# "还差什么", "还缺啥", "还差哪些没填", "还有哪些没写", "有什么要我补充的": list what is missing, ask again.
_WHAT = r"(?:什么|啥|哪些|哪几项|几项|几处|多少项?|多少处)"
_UNFILLED = r"(?:没(?:填|写|补|回答)|要(?:填|写|补充?|回答))"
_SUPPLY = r"(?:补充|填写?|提供|回答)"
RESUME = re.compile(
    rf"^(?:继续(?:补充|问)?|接着问|开始吧?|问吧|(?:刚才|之前|上次)?(?:说|问|填|聊)到哪(?:儿|里)?了?|(?:现在|目前)?(?:报告)?(?:还)?有{_WHAT}待补充的?|"
    rf"(?:现在|目前)?的?进度(?:怎么样|如何|咋样|到哪了?)?|(?:还|都)?[差缺剩]{_WHAT}{_UNFILLED}?[的了]?|还有{_WHAT}{_UNFILLED}的?"
    rf"|还?有{_WHAT}(?:需要|要)?我?{_SUPPLY}的?|还?(?:需要|要)我?{_SUPPLY}{_WHAT})(?:呢|吗|啊|呀)?[？?]*$"
)
_MAX_LISTED = 8


def opening(ws: Workspace) -> str:
    """The first message of a session's chat: what the assistant does, and its first question."""
    case = ws.case
    head = f"您好！已读入{case.unit}{case.year}年度的 {len(case.projects)} 个项目，执行率、得分和等级已按规则算好。"
    gap = ws.ask()
    if gap is None:
        return head + "报告需要的内容都齐了，可以说“写报告”起草，或“导出Word”。"
    return (
        head
        + f"报告还差 {len(ws.gaps())} 项只有您知道的内容，我一项一项地问，用平常的话回答就行"
        + "（说“跳过”先放一放，说“撤销”收回上一条）。\n\n"
        + gap.question
    )


def greet(ws: Workspace) -> None:
    """Start an empty chat with the opening message (saved like any other)."""
    if not ws.chat:
        ws.add_chat("assistant", opening(ws))


def pending(ws: Workspace) -> Gap | None:
    """The question the officer was asked and has not answered, if it is still open."""
    key = ws.interview.pending
    if not key or key in ws.interview.skipped:
        return None
    return next((g for g in ws.gaps() if g.key == key), None)


def next_question(ws: Workspace, lead: str = "下一项：") -> str:
    """Progress and the next question (asked now), or that everything is there."""
    gap = ws.ask()
    if gap is None:
        skipped = len([g for g in ws.gaps() if g.key in ws.interview.skipped])
        if skipped:
            return f"其余都齐了，还有 {skipped} 项您先跳过了；说“继续”再回答它们。"
        return "报告需要您补充的内容都齐了。可以说“写报告”起草，或“导出Word”下载。"
    return f"{ws.progress()}。{lead}\n{gap.question}"


def reminder(ws: Workspace) -> str:
    """After another request: the open question again, so the interview is not lost."""
    gap = pending(ws)
    if gap is None:
        return ""
    return f"（刚才的问题还没回答；{ws.progress()}）\n{gap.question}"


def answer(ws: Workspace, gap: Gap, text: str) -> ChatReply:
    """Record the officer's words as the answer to ``gap`` and ask the next question."""
    try:
        change = ws.answer(gap.key, text)
    except JixiaoError as exc:
        return ChatReply(f"未能记下：{exc}\n\n{gap.question}", error=True)
    note = report_note(ws)
    parts = [f"已记下：\n\n{change.render()}"]
    if note:
        parts.append(note)
    parts.append(next_question(ws))
    return ChatReply("\n\n".join(parts), [change])


def with_question(text: str, gap: Gap | None) -> ChatReply:
    """A reply that leaves the question open: ``text``, then the question again (when one is open)."""
    return ChatReply(text + (f"\n\n{gap.question}" if gap is not None else ""))


def write_for_me(ws: Workspace, gap: Gap | None) -> ChatReply:
    """Content only the officer knows is never made up: say so, and keep the question open."""
    what = f"“{gap.label}”" if gap is not None else "目标、完成情况、原因和措施"
    return with_question(
        f"{what}要写贵单位的真实情况，只能由您提供，我不能替您编写。"
        "用几句平常的话说说大致情况就行，我会整理成报告的语言；也可以说“跳过”先放一放。",
        gap,
    )


# "我不明白你的问题", "这是啥意思": the open question explained, not an answer to it.
# "不懂" alone may be an answer's content ("施工队不懂新规范，返工了"): only said of the question itself
CLARIFY = re.compile(
    r"什么意思|啥意思|怎么回答|怎么填|填什么|问的是什么|问的啥|指的?是什么|是指什么|指什么"
    r"|^(?:我)?(?:还是)?(?:不太?明白|不太?懂|没看懂|看不懂|听不懂|没听懂)(?:你的?|您的?|这个|这)?(?:问题|意思|说的)?"
    r"(?:是什么)?[。？?！!]*$"
)


def clarify(ws: Workspace, gap: Gap | None) -> ChatReply:
    if gap is None:
        return ChatReply("现在没有待回答的问题。说“还差什么”看报告还缺哪些内容，说“帮助”看我能做什么。")
    return with_question(
        f"这一项要填的是“{gap.label}”，会原样整理进报告。用几句平常的话说说实际情况就行，"
        "不用讲究格式；有具体的数字、日期、文件名就写上，没有也可以；不清楚可以说“跳过”，以后再补。",
        gap,
    )


def skip(ws: Workspace) -> ChatReply:
    gap = pending(ws) or ws.next_gap()
    if gap is None:
        return ChatReply(next_question(ws))
    ws.skip(gap.key)
    return ChatReply(f"好的，“{gap.label}”先跳过。\n\n" + next_question(ws))


def resume(ws: Workspace) -> ChatReply:
    """Ask again, skipped questions included, listing what is left."""
    ws.unskip()
    gaps = ws.gaps()
    if not gaps:
        return ChatReply(next_question(ws))
    listed = "\n".join(f"{n}. {g.label}" for n, g in enumerate(gaps[:_MAX_LISTED], 1))
    more = f"\n……共 {len(gaps)} 项" if len(gaps) > _MAX_LISTED else ""
    return ChatReply(f"报告还差这些内容：\n{listed}{more}\n\n" + next_question(ws, lead="先问："))
