"""Gold regression: draft every eval case and hold the draft against the case's gold report.

A draft passes when its headings (levels 1–2) follow the gold's in order, its audit has no error finding,
every project is named and every project that needs a deviation explanation appears in the deviation section.
The gold itself must still audit clean against the data, so a drifting audit shows up here too. How many of the
gold's numbers the draft also states is reported for information (a template states fewer than a person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.audit import audit_text
from assistant.io import load_case
from assistant.numbers import NON_CLAIM_KINDS, find_numbers
from assistant.pipeline import draft_case
from assistant.scoring import UnitScore

CASE_FILE = "data.yaml"
GOLD_FILE = "gold.md"
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])\s*")
_DEVIATION_HEADINGS = ("偏离", "偏差", "问题", "原因")


@dataclass
class CaseResult:
    """One case drafted in one mode, with every check's outcome (Chinese problem lines)."""

    case: str
    mode: str
    has_gold: bool
    errors: int = 0
    warnings: int = 0
    number_coverage: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def find_cases(root: Path) -> list[Path]:
    """Case directories under ``root`` (or ``root`` itself), in name order."""
    if (root / CASE_FILE).is_file():
        return [root]
    return sorted(p for p in root.iterdir() if (p / CASE_FILE).is_file())


def headings(markdown: str, max_level: int = 2) -> list[str]:
    """Heading titles down to ``max_level`` (the title line ``#`` is level 0), without their numbering."""
    out = []
    for match in _HEADING.finditer(markdown):
        level = len(match.group(1)) - 1
        if 1 <= level <= max_level:
            out.append(_NUMBERING.sub("", match.group(2)).strip())
    return out


def numbers_in(markdown: str) -> set[str]:
    """The numeric values (as normalised decimal strings) a text states, for coverage."""
    return {
        f"{m.kind}:{m.value.normalize()}" for m in find_numbers(markdown) if m.kind not in NON_CLAIM_KINDS
    }


def evaluate_case(case_dir: Path, mode: str = "off") -> CaseResult:
    """Draft ``case_dir/data.yaml`` with ``--llm mode`` and compare with ``gold.md`` when there is one."""
    case = load_case(case_dir / CASE_FILE)
    draft = draft_case(case, llm=mode)
    gold_path = case_dir / GOLD_FILE
    result = CaseResult(case_dir.name, "模型" if draft.llm_used else "模板", gold_path.is_file())
    errors = [f for f in draft.audit.findings if f.severity == "error"]
    result.errors = len(errors)
    result.warnings = sum(1 for f in draft.audit.findings if f.severity == "warning")
    result.problems += [f"起草稿审核错误：第{f.line}行 {f.code} {f.message}" for f in errors]
    if mode != "off" and not draft.llm_used:
        result.problems.append("未使用模型（未配置 JIXIAO_LLM_BASE_URL / JIXIAO_LLM_MODEL）")
    result.problems += _coverage_problems(draft.markdown, draft.unit)
    if result.has_gold:
        gold = gold_path.read_text(encoding="utf-8")
        result.problems += _order_problems(headings(gold), headings(draft.markdown))
        gold_errors = [f for f in audit_text(gold, draft.unit).findings if f.severity == "error"]
        result.problems += [f"标准稿自身审核错误：第{f.line}行 {f.code} {f.message}" for f in gold_errors]
        wanted = numbers_in(gold)
        result.number_coverage = len(wanted & numbers_in(draft.markdown)) / len(wanted) if wanted else 1.0
    return result


def evaluate(root: Path, modes: Iterable[str] = ("off",)) -> list[CaseResult]:
    """Every case under ``root`` in every mode."""
    return [evaluate_case(case_dir, mode) for case_dir in find_cases(root) for mode in modes]


def _order_problems(gold: list[str], draft: list[str]) -> list[str]:
    """Gold headings missing from the draft, or present in another order."""
    problems = [f"缺少章节「{h}」" for h in gold if h not in draft]
    shared_gold = [h for h in gold if h in draft]
    shared_draft = [h for h in draft if h in gold]
    if shared_gold != shared_draft:
        problems.append("章节顺序与标准稿不一致")
    return problems


def _coverage_problems(markdown: str, unit: UnitScore) -> list[str]:
    """Every project named; every project needing an explanation named in the deviation section."""
    problems = []
    deviation_text = _sections_text(markdown, _DEVIATION_HEADINGS)
    for ps in unit.projects:
        label = ps.project.name
        if label not in markdown:
            problems.append(f"未提及项目「{label}」")
        elif ps.needs_explanation and label not in deviation_text:
            problems.append(f"偏离原因一节未分析项目「{label}」")
    return problems


def _sections_text(markdown: str, keywords: tuple[str, ...]) -> str:
    """The text of the sections whose heading contains one of ``keywords`` (with their sub-sections)."""
    parts, keep_level = [], None
    for block in re.split(r"(?m)^(?=#)", markdown):
        match = _HEADING.match(block)
        if match:
            level = len(match.group(1))
            if keep_level is not None and level <= keep_level:
                keep_level = None
            if keep_level is None and any(k in match.group(2) for k in keywords):
                keep_level = level
        if keep_level is not None:
            parts.append(block)
    return "".join(parts)
