"""A report pasted into the chat ("帮我检查一下这份报告：<全文>"): recognised, and audited on its own text.

The pasted text is checked against itself only (``assistant.audit.audit_text`` without the session's data: its
attached table when it has one, else its statements against each other), never against this session's case,
which is most likely another report's. The drafted report's audit is ``actions.audit``; the audit tab's
is ``workspace.report_check``.

Bad: a long answer to 偏差原因 ("一是……二是……，剩余43.6万元是质保金") taken for a report. Good: a report is
either introduced by a request to check it and long, or long with headings of its own, and in both cases states
figures.
"""

from __future__ import annotations

import re

from assistant.audit import audit_text
from assistant.chat.message import Intent
from assistant.chat.reply import ChatReply
from assistant.chat.texts import audit_summary
from assistant.models import Case

# "帮我检查一下这份报告：", "看看下面这篇有没有问题\n", "请对以下报告文本进行审核：": the request, up to a colon or
# the end of its line
_REQUEST = re.compile(
    r"^\s*(?:请|麻烦|帮我|帮忙|你|您)*[^：:\n]{0,12}?"
    r"(?:检查|审核|审查|审一下|核对|核查|校对|看看|看一下|看下|查查|查一下|把关|过一遍|挑挑错)[^：:\n]{0,20}?[：:\n]"
)
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*\S|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十]+部分"
    r"|.{0,40}(?:自评报告|评价报告)\s*$)",
    re.M,
)
_FIGURE = re.compile(r"\d[\d,，.]*\s*(?:万元|亿元|元|%|％)")
_MIN_WITH_REQUEST = 60  # characters of report after "帮我检查一下这份报告："
_MIN_ALONE = 100  # characters of a report pasted with no request
_MIN_FIGURES = 2
_MIN_HEADINGS = 2


def pasted_report(message: str) -> str | None:
    """The report text a message carries (its request to check taken off), or None when it carries none."""
    request = _REQUEST.match(message)
    body = (message[request.end() :] if request else message).strip()
    if len(_FIGURE.findall(body)) < _MIN_FIGURES:
        return None
    if request and len(body) >= _MIN_WITH_REQUEST:
        return body
    if len(body) >= _MIN_ALONE and len(_HEADING.findall(body)) >= _MIN_HEADINGS:
        return body
    return None


def recognise_pasted(message: str, case: Case) -> Intent | None:
    """A pasted report to audit; read from the message as typed (its line breaks are the report's)."""
    body = pasted_report(message)
    return Intent("audit_pasted", {"text": body}) if body is not None else None


def audit_pasted(text: str) -> ChatReply:
    """The findings of a pasted report, on its own text; the coverage says how much could be checked."""
    result = audit_text(text)
    lines = text.count("\n") + 1
    if result.reference.source == "table":
        basis = f"已按您贴来的报告（{lines} 行）所附评分表核对"
    else:
        basis = f"已按您贴来的报告文字（{lines} 行）自身前后核对（合计与分项、执行率与金额、得分与总分等）"
    head = f"{basis}，没有对照本会话的数据。"
    coverage = result.coverage
    if coverage is not None and not coverage.checkable:
        return ChatReply(f"{head}{coverage.describe()}。")
    if result.findings:
        body = audit_summary(result)
    else:
        body = "未发现前后矛盾或计算不符之处。"
    tail = f"\n{coverage.describe()}。" if coverage is not None else ""
    return ChatReply(f"{head}\n{body}{tail}")
