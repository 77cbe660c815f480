"""Write docs/seed-side-by-side.md: the seed's human-written report and jixiao's template draft of the same
case, part by part (一、…七、) in two columns, so a reader can judge the draft against what an officer wrote.

Run: .venv/bin/python scripts/side_by_side.py
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.drafting import draft_template  # noqa: E402
from assistant.io import load_case  # noqa: E402
from assistant.scoring import score_case  # noqa: E402

SEED = ROOT / "eval_data" / "seed_yushui_2022"
PART = re.compile(r"^\s*([一二三四五六七八九])、")
INTRO = """# 人工报告与 jixiao 模板稿对照（seed_yushui_2022）

左栏是经办人员手写的报告（`eval_data/seed_yushui_2022/report.txt`，原样），右栏是 jixiao 不用大模型、
只按数据起草的模板稿（`jixiao draft eval_data/seed_yushui_2022/data.yaml --llm off`），按“一、…七、”逐部分对照。
附件（汇总表、自评表）见 [汇总表页](report-table.png) 与 [自评表页](report-form.png)。由
`scripts/side_by_side.py` 生成。

读法：人工稿有的内容（背景、职责）模板稿照录；人工稿逐项目重复的资金和得分，模板稿合并为一句，
只对偏离的项目展开；人工稿没有的部分（存在的问题、项目管理情况、六、七、落款）模板稿补齐，
只有经办人知道的事实留【待补充：…】，数据能提示的原因以【待核实：…】给出建议。
"""


def human_parts(text: str) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    current = "（标题前）"
    for line in text.splitlines():
        match = PART.match(line)
        if match:
            current = match.group(1)
        if line.strip():
            parts.setdefault(current, []).append(line.strip())
    return parts


def draft_parts() -> tuple[dict[str, list[str]], list[str]]:
    report = draft_template(score_case(load_case(SEED / "data.yaml")))
    parts: dict[str, list[str]] = {}
    current = ""
    for section in report.sections:
        if section.tables:
            continue
        match = PART.match(section.heading)
        if section.level == 1 and match:
            current = match.group(1)
        parts.setdefault(current, []).append(section.heading)
        parts[current] += section.paragraphs
    closing = [*report.annex_note, *report.signature]
    return parts, closing


def cell(lines: list[str]) -> str:
    return "<br>".join(html.escape(line) for line in lines) or "（无）"


def main() -> None:
    human = human_parts((SEED / "report.txt").read_text(encoding="utf-8"))
    drafted, closing = draft_parts()
    rows = ["<table>", "<tr><th>人工撰写</th><th>jixiao 模板稿</th></tr>"]
    for number in "一二三四五六七":
        rows.append(
            f'<tr><td valign="top">{cell(human.get(number, []))}</td>'
            f'<td valign="top">{cell(drafted.get(number, []))}</td></tr>'
        )
    rows.append(f"<tr><td>（无附件说明、落款）</td><td>{cell(closing)}</td></tr>")
    rows.append("</table>")
    target = ROOT / "docs" / "seed-side-by-side.md"
    target.write_text(INTRO + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"已写入 {target}")


if __name__ == "__main__":
    main()
