"""Shared material for the drafting tests: synthetic cases, scoring, and ways to read a drafted report.

``repeated_passages`` is the check behind "each fact stated once": it looks for any run of more than 30
characters that occurs twice in the prose (title, headings, paragraphs, 附件说明, 落款; the attached tables
are left out). Project names are masked first (a name is an identifier, not a passage, and lists of them are
collapsed), and so are 【…】 markers, which the officer replaces.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from assistant.drafting import Report
from assistant.io import case_from_data, load_case
from assistant.scoring import UnitScore, score_case
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.test_facts import yuan_case

MARKER = re.compile(r"【[^】]*】")
PASSAGE = 31  # "more than 30 characters"


def no_deviation_case() -> dict:
    return {
        "单位名称": "某市档案馆",
        "年度": 2024,
        "项目": [
            {"项目名称": "档案数字化", "全年预算数": "10.5", "全年执行数": "10.5", "自评得分": 98},
            {
                "项目名称": "库房维护",
                "全年预算数": 3,
                "全年执行数": 3,
                "自评得分": 100,
                "年度总体目标": "库房安全运行",
            },
        ],
    }


def single_case() -> dict:
    data = copy.deepcopy(yuan_case())
    data["项目"] = data["项目"][:1]
    data["报告提纲"] = "single_project"
    data["项目"][0]["实施单位"] = "某县教育局"
    data["项目"][0]["绩效指标"][0]["偏差原因分析及改进措施"] = "部分学生转学，下年度据实测算。"
    return data


def over_budget_case() -> dict:
    return {
        "单位名称": "某镇人民政府",
        "年度": 2023,
        "项目": [
            {"项目名称": "道路养护", "全年预算数": 8, "全年执行数": "8.4", "自评得分": 92},
            {
                "项目名称": "防汛物资储备",
                "全年预算数": 5,
                "全年执行数": 2,
                "自评得分": 80,
                "改进措施": "提前编制采购计划。",
            },
        ],
    }


def score(source: object) -> UnitScore:
    case = load_case(source) if isinstance(source, Path) else case_from_data(copy.deepcopy(source))
    return score_case(case)


def prose(report: Report, *section_ids: str) -> str:
    """The paragraphs of the given sections (all when none are given), one per line."""
    chosen = [s for s in report.sections if not section_ids or s.id in section_ids]
    return "\n".join(p for s in chosen for p in s.paragraphs)


def part(report: Report, first_id: str) -> str:
    """The text of a section and everything under it (its paragraphs and its subsections')."""
    index = next(i for i, s in enumerate(report.sections) if s.id == first_id)
    level = report.sections[index].level
    parts = [report.sections[index]]
    for s in report.sections[index + 1 :]:
        if s.level <= level:
            break
        parts.append(s)
    return "\n".join(p for s in parts for p in s.paragraphs)


def prose_pieces(report: Report) -> list[str]:
    """Everything a reader reads as prose, tables left out."""
    pieces = [report.title]
    for section in report.sections:
        pieces.append(section.heading)
        pieces.extend(section.paragraphs)
    return [*pieces, *report.annex_note, *report.signature]


def masked(report: Report, unit: UnitScore, also: tuple[str, ...] = ()) -> list[str]:
    """Prose pieces with each project's name masked by its own token (two projects' sentences stay apart),
    lists of two or more names collapsed into one token, ``also`` and 【…】 markers blanked."""
    names = {
        n: f"〔名{ps.index}〕" for ps in unit.projects for n in (ps.project.name, ps.project.name + "项目")
    }
    names |= {text: "〔引文〕" for text in also}
    out = []
    for text in prose_pieces(report):
        text = MARKER.sub("〔注〕", text).replace("‘", "“").replace("’", "”")
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, names[name])
        out.append(re.sub(r"(?:“?〔名\d+〕”?[、；和]){1,}“?〔名\d+〕”?", "〔名单〕", text))
    return out


def repeated_passages(pieces: list[str], length: int = PASSAGE) -> list[str]:
    """Runs of ``length`` characters found at two places of the pieces."""
    seen: dict[str, tuple[int, int]] = {}
    found = []
    for k, text in enumerate(pieces):
        for i in range(len(text) - length + 1):
            run = text[i : i + length]
            where = seen.setdefault(run, (k, i))
            if where != (k, i):
                found.append(run)
    return found


def _eval_cases() -> list[tuple[str, object]]:
    found = sorted(EVAL_DATA.glob("*/data.yaml"))
    assert SEED_CASE in found
    return [(path.parent.name, path) for path in found]


# Every eval case and the synthetic edge cases: the cases each cross-case drafting test runs over.
DRAFT_CASES = [
    *_eval_cases(),
    ("synthetic_yuan", yuan_case()),
    ("synthetic_no_deviation", no_deviation_case()),
    ("synthetic_single", single_case()),
    ("synthetic_over_budget", over_budget_case()),
]
