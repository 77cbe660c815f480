"""Tolerant parsing of a model's reply: the paragraphs it meant, whatever wrapping it added.

``clean_answer`` prefers a fenced block, drops chatter ("好的，以下是…", "希望对您有帮助"), Markdown headings,
bold, list markers and a repeated section heading; ``join_continuation`` joins a cut-off answer and its
continuation; ``normalise_slots`` turns ``{p1.budget}`` or full-width
braces into ``{{p1.budget}}`` when the key exists. ``is_heading_like`` spots 公文 subheadings a section body
must not contain. No checks here: those live in ``assistant.drafting.validate`` and ``slots``.
"""

from __future__ import annotations

import re

from assistant.facts import FactSheet

_RESTART_PROBE = 12  # characters of the opening that show a continuation started again from the top
_OVERLAP_MIN, _OVERLAP_MAX = 4, 80  # how much repeated text at the seam is recognised
_FENCE = re.compile(r"```[^\n`]*\n(.*?)(?:```|$)", re.S)
_CHATTER_HEAD = re.compile(
    r"^(?:好的|好，|当然|没问题|以下是|下面是|根据(?:您|你)|按照(?:您|你)|遵照|sure|okay|here is|here's)",
    re.I,
)
_CHATTER_TAIL = re.compile(
    r"^(?:希望(?:以上|这|本)|如需|如有(?:需要|其他)|以上(?:是|为|即为|内容仅供)|如果需要)"
)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_BULLET = re.compile(r"^\s*(?:[-*+•·●▪]\s+|\d{1,2}[.)、．]\s*|[（(]\d{1,2}[）)]\s*)")
_CN_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")
_LOOSE_SLOT = re.compile(r"(?<!\{)[{｛]\s*([a-z][a-z0-9_]*(?:\.[^\s{}｛｝]+)+)\s*[}｝](?!\})")
_WIDE_SLOT = re.compile(r"｛｛\s*([^{}｛｝]*?)\s*｝｝")


def clean_answer(text: str | None, heading: str = "") -> list[str]:
    """A reply as paragraphs: fenced block preferred, chatter, headings, bold and list markers removed."""
    text = _ZERO_WIDTH.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    fenced = [block for block in _FENCE.findall(text) if block.strip()]
    if fenced:
        text = max(fenced, key=len)
    text = _WIDE_SLOT.sub(lambda m: "{{" + m.group(1) + "}}", text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not re.fullmatch(r"[-*_=`~]{3,}", line)]
    while lines and _is_chatter_head(lines[0]):
        lines.pop(0)
    while lines and _CHATTER_TAIL.match(lines[-1]):
        lines.pop()
    bare_heading = _bare(heading)
    out = []
    for line in lines:
        if _MD_HEADING.match(line):
            continue
        line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line).strip()
        if bare_heading and _bare(line) == bare_heading:
            continue
        line = _BULLET.sub("", line, count=1).strip()
        if _looks_like_sentence(line):
            line = _CN_ENUM.sub("", line, count=1)
        if line:
            out.append(line)
    return out


def normalise_slots(text: str, facts: FactSheet) -> str:
    """``{p1.budget}`` (single braces) becomes ``{{p1.budget}}`` when the key exists."""
    return _LOOSE_SLOT.sub(lambda m: "{{" + m.group(1) + "}}" if m.group(1) in facts else m.group(0), text)


def _is_chatter_head(line: str) -> bool:
    return bool(_CHATTER_HEAD.match(line)) and (line.endswith(("：", ":")) or len(line) <= 40)


def _bare(text: str) -> str:
    text = re.sub(r"^[#\s*]*", "", text)
    text = re.sub(
        r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．])",
        "",
        text,
    )
    return re.sub(r"[\s*：:]", "", text)


def _looks_like_sentence(line: str) -> bool:
    return len(line) > 30 or "。" in line


def is_heading_like(line: str) -> bool:
    """A short line without sentence punctuation that starts with a 公文 number (一、 （一） 1.)."""
    if len(line) > 40 or line.endswith(("。", "；", "，", "：")):
        return False
    return bool(_CN_ENUM.match(line) or re.match(r"^\d{1,2}[.、．]\s*\D", line))


def join_continuation(head: str, tail: str) -> str:
    """A cut-off answer and what the model sent when asked to go on, as one answer.

    Models asked to continue do not always do as told: one starts again from the top (the new answer replaces
    the cut one), another repeats the last words before going on (written once).
    """
    if not head.strip():
        return tail
    opening = head.lstrip()[:_RESTART_PROBE]
    if len(opening) >= _RESTART_PROBE and tail.lstrip().startswith(opening):
        return tail
    for size in range(min(len(head), len(tail), _OVERLAP_MAX), _OVERLAP_MIN - 1, -1):
        if head.endswith(tail[:size]):
            return head + tail[size:]
    return head + tail
