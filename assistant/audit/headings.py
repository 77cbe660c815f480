"""A line read as a heading: its level by the 公文 numbering (一、 （一） 1、) or by Markdown (#).

Apart from ``document`` because the line-break reader (``line_breaks``) needs it too: a heading ends a sentence.
"""

from __future__ import annotations

from .cues import cues

_CUES = cues(__name__)


def heading_of(line: str) -> tuple[int, str] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or stripped.endswith(("。", "；", "，", ";", ",")):
        return None
    if _CUES.run_in_title.search(stripped):
        return None  # "（二）支出情况。2023年度支出合计…元，其中：": a run-in title, then the paragraph's first sentence
    md = _CUES.md_heading.match(stripped)
    text = md.group(2) if md else stripped
    if _CUES.level1.match(text):
        return 1, text
    if _CUES.level2.match(text):
        return 2, text
    if _CUES.attachment.match(stripped):
        # a link to a file ("附件1:《…》.docx") is a line of the report, not the start of what is attached
        return None if _CUES.attached_file.search(stripped) else (1, text)
    if _CUES.level3.match(text) and len(text) <= 30 and "：" not in text[:-1]:
        return 3, text
    if md:
        # An un-numbered "# …" is the report title; deeper un-numbered headings nest under the sections.
        return (0 if len(md.group(1)) == 1 else min(len(md.group(1)), 3)), text
    return None
