"""Problems found in a model's answer: a short code (for the report's notes) and a Chinese message that tells the
model what is wrong and what to write instead (the re-ask lists every one of them at once)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem with an answer: a short code and a Chinese message for the model."""

    code: str
    message: str


ISSUE_REASONS = {
    "empty": "回复为空",
    "language": "回复不是中文",
    "heading": "含标题",
    "length": "篇幅不当",
    "cut_off": "回答过长被截断",
    "coverage": "遗漏项目",
    "unknown_slot": "引用了事实表中没有的占位符",
    "literal_number": "含事实表以外的数字",
    "wrong_number": "数字与事实不符",
    "wrong_slot": "占位符与所述项目或口径不符",
    "marker": "删去了待补充标记",
    "unsupported": "写了事实表中没有的原因、措施或完成情况",
    "audit": "数字审核发现错误",
    "secret": "回复中含有接口密钥",
}


def reasons(issues: Iterable[Issue]) -> str:
    """The issues' short reasons, deduplicated, for notes: "含事实表以外的数字、遗漏项目"."""
    return "、".join(dict.fromkeys(ISSUE_REASONS.get(i.code, i.code) for i in issues))
