"""The recognisers of commands and talk: help, undo, export, a section's style, (re)drafting, the audit, small
talk, and a deviation's cause told as a statement.

Why apart: each is one fixed wording pattern with at most a project named; none resolves a field or a value.
Bad: "老年人体检" taken as a request to audit (体检 alone). Good: the audit only when the message is short or
names the report.
"""

from __future__ import annotations

import re

from assistant.chat import questions
from assistant.chat.message import VERB, Intent
from assistant.models import Case
from assistant.workspace.resolve import projects_in

# "帮助", "你能做什么", "这个助手怎么用", "系统有哪些功能", "可以干啥".
_HELP = re.compile(
    r"^(?:帮助|help|使用说明|说明书|功能|(?:这个|那个)?(?:助手|系统|工具|软件|你)?(?:到底)?(?:该|要)?"
    r"(?:(?:怎么|咋|如何|怎样)(?:使用|用|操作|上手)|能做什么|能干什么|能干啥|会做什么|会什么|会干啥|有什么功能|"
    r"有哪些功能|可以做什么|可以干什么|可以干啥))(?:呢|啊|呀|吗)?[?？。!！]*$",
    re.I,
)

_UNDO = re.compile(
    r"^(?:撤销|撤消|撤回|回退|undo|还原)(?:一下)?(?:上一步|上一次|刚才的?(?:修改|操作)?|修改|操作|上次修改)?[。!！]*$|^取消(?:刚才|上一步|上次)的?(?:修改|操作)",
    re.I,
)

# Undo said in passing, in a short message: "刚才改错了，退回去", "改回原来的", "恢复原样". Not bare 退回
# ("结余资金已退回财政" is an answer), and never with a new value (那是修改).
_UNDO_SAID = re.compile(
    r"撤销|撤消|撤回|撤(?:了|掉)|退回去|退回上一步|回到上一步|改回(?:去|来|原来|原样)|恢复(?:原样|原来|成原来)|还原|"
    r"取消(?:刚才|上一步|上次)|不要刚才的"
)
# "刚才那条填错了": a slip of the last answer, taken back; not when a figure is named ("档案数字化的执行数填错了" asks
# for the right value, see ``edits.recognise_wrong_figure``)
_SLIP_SAID = re.compile(r"(?:答|填|说|写|输|打|弄|搞|记)错了")
_FIGURE_NAMED = re.compile(r"预算|执行数|执行率|得分|分数|金额|指标|结余")

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

_CHITCHAT = re.compile(
    r"^(?:(?P<hello>你好|您好|hi|hello|嗨|在吗|在嘛|在不在|在不)|(?P<thanks>(?:谢谢|多谢|感谢)(?:你|您)?(?:的帮助|的帮忙)?|谢了|辛苦了?|麻烦了)"
    r"|(?P<ok>好的?|嗯+|哦+|噢|ok|OK|收到|明白了?|知道了|了解|行吧?|可以|等一?下|稍等一?下?|等等)"
    r"|(?P<bye>再见|拜拜|先这样|我?先走了|我?走了|下班了|明天再[弄填说]|回头再弄|算了|(?:今天)?(?:先)?不(?:弄|做|干|搞)了)"
    r"|(?P<wrong>不对|不是这样|错了|有误|搞错了|弄错了|写错了|填错了)"
    r"|(?P<who>你是(?:谁|什么|哪个|机器人|人工智能|AI|真人|人)(?:吗|呢|啊)?|你叫什么(?:名字)?))"
    r"(?:您|你|啦|啊|呀|哈|吧|了|哦)*[！!。.~～，,]*$",
    re.IGNORECASE,
)

# "这个报告什么时候要交": a date only the 财政部门's notice gives
_DEADLINE = re.compile(
    r"(?:什么时候|啥时候|何时|哪天|几号)(?:之前)?(?:要|得|需要|必须)?(?:交|报|报送|提交|上报|截止|完成)"
    r"|截止(?:时间|日期)|(?:报送|提交|上报)(?:时间|期限|日期)"
)

_GREETING_INTRO = re.compile(
    r"^(?:你好|您好|嗨|hi|hello)[，,！!。 ]*(?:我是|我叫|我们是|我在|我刚)[^，,。；;\d]{0,12}[。！!]*$", re.I
)


# Handing the report in: "这份报告能交了吗", "可以报上去了不", "还有啥要改的才能提交", "是否符合报送要求",
# "交上去会不会被退回来". 交 as in 交货/交通/交费 is no handing in.
_SUBMIT = r"(?:提交|上交|上报|报送|报上去|交上去|送审|交(?![货通流费付易换接叉办代待])|报(?=财政|上级|主管))"
_READY = re.compile(
    rf"(?:能|可以|可不可以|能不能|能否|是否|行不行|够不够|符合)[^，,。？?]{{0,8}}?{_SUBMIT}"
    rf"|(?:才能|才可以|就能|就可以|之前|前还?)(?:要|得|需要)?{_SUBMIT}"
    rf"|{_SUBMIT}[^，,。？?]{{0,6}}?(?:了吗|了没|了不|没问题|行不行|行吗|可以吗|会不会)"
    rf"|{_SUBMIT}之?前[^，,。]{{0,6}}?(?:注意|要改|还要|还得|检查|准备|核对)"
    rf"|^{_SUBMIT}[了吗？?]*$"  # "能不能交", its 能不能 taken off by ``clean``
    r"|(?:报送|提交|上报)(?:的)?要求|(?:被|给)?(?:退回来|退回|打回来|打回|驳回)"
    r"|报告[^，,。？?]{0,8}(?:达标|合格|过关|没问题|可以了|行了)(?:了)?(?:吗|没|不|没有)"
)
# what the readiness check answers is about the report: "这个项目能报上去吗" is not (a look-up may be meant)
_READY_NOT = re.compile(r"什么时候|啥时候|何时|哪天|几号|截止")

# Bringing in the unit's own data: "怎么上传我们单位自己的表", "自评表在哪里上传", "能导进来吗", "请将…导入系统"
_UPLOAD_VERB = re.compile(
    r"上传|导入|导进|传上去|传进|读进|读入|载入|换进去|换成(?:我们|咱们|本单位|自己)|放进去"
)
_UPLOAD_OBJECT = re.compile(
    r"自评表|评分表|汇总表|(?:自己|我们|咱们|本单位|我单位|单位)的?(?:表|数据|文件|excel)|excel|xlsx|wps|表格|"
    r"案例文件|数据文件|案例数据|文件",
    re.I,
)
_UPLOAD_HOW = re.compile(r"怎么|怎样|如何|咋|在哪|哪里|哪儿|能不能|能否|可以|可不可以|支持|^(?:将|把)")
_FORMATS = re.compile(
    r"(?:支持|接受|能传|能上传|可以传|可以上传|能读|能用)(?:什么|哪些|哪几种|哪种)(?:格式|文件|类型)"
)


def recognise_readiness(text: str, case: Case) -> Intent | None:
    """ "这份报告能交了吗" — does the current report pass the audit, and what to fix before handing it in."""
    return Intent("readiness") if _READY.search(text) and not _READY_NOT.search(text) else None


def recognise_upload_help(text: str, case: Case) -> Intent | None:
    """ "怎么上传我们单位自己的表" — how to bring the unit's own 自评表 or case file in, and which formats."""
    if _FORMATS.search(text):
        return Intent("upload_help")
    if not (_UPLOAD_VERB.search(text) and _UPLOAD_OBJECT.search(text)):
        return None
    asked = _UPLOAD_HOW.search(text) or questions.looks_like_question(text)
    return Intent("upload_help") if asked else None


def recognise_help(text: str, case: Case) -> Intent | None:
    return Intent("help") if _HELP.match(text) else None


def recognise_undo(text: str, case: Case) -> Intent | None:
    if _UNDO.match(text):
        return Intent("undo")
    if len(text) > _UNDO_MAX or re.search(r"\d", text) or VERB.search(text):
        return None
    said = _UNDO_SAID.search(text) or (_SLIP_SAID.search(text) and not _FIGURE_NAMED.search(text))
    return Intent("undo") if said else None


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
    if not _AUDIT.search(text) or VERB.search(text):
        return None
    return Intent("audit") if len(text) <= _AUDIT_SHORT or _AUDIT_OBJECT.search(text) else None


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


def recognise_cause(text: str, case: Case) -> Intent | None:
    """ "这个项目钱没花完主要是因为…" — a deviation's cause, told as a statement."""
    if not _CAUSE.search(text) or questions.looks_like_question(text):
        return None
    named = projects_in(case, text)
    return Intent("cause", {"project": named[0] if len(named) == 1 else None, "text": text})
