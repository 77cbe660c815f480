"""Audit many reports in one run, as a 财政局 or 主管部门 reviewer receives them: one record per report.

Each report (.txt, .md, .docx, .pdf) is read and self-audited (or audited against one case file); a file that
cannot be read or audited becomes a record with its Chinese reason, never an interruption. Work is spread over
worker processes (each audit is pure CPU); records come back in the order the files were given. The workbook
lives in ``workbook``, the CLI in ``assistant.cli.check``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.pdf_text import PagedText

REPORT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.docx", "*.pdf")
# A title line names the report's kind; "始建于1938年" in the body is a year but no title.
_TITLE_WORD = re.compile(r"绩效|績效|自评|自評|评价|評價|报告|報告")
_UNIT_YEAR = re.compile(r"^\s*#*\s*(?P<unit>[^\s\d（(：:，,。]{2,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?")
# "2022年某某医院专项债券项目资金绩效评价报告": the year first, the unit up to its kind word (局, 医院, 中心…)
_YEAR_UNIT = re.compile(
    r"^\s*#*\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*"
    r"(?P<unit>[^\s\d（(：:，,。]{1,30}?(?:局|委员会|委|办公室|办|厅|院|醫院|中心|所|站|馆|館|学校|學校|中学|小学|大学|学院|"
    r"街道办事处|街道|镇|乡|政府|協會|协会|联合会|聯合會|党校|林场|林場))"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
# A title's second line is short and ends with the report's kind ("项目支出绩效自评报告"), not with a sentence.
_TITLE_END = re.compile(r"^[^。，,；;]{2,30}?(?:报告|報告)$")


@dataclass
class ReportRecord:
    """One report's outcome: who and which year, how many projects, findings (JSON form) or why it failed."""

    file: str
    status: str = "已审核"  # or the Chinese reason the file could not be audited
    unit: str | None = None
    year: int | None = None
    projects: int = 0
    errors: int = 0
    warnings: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "已审核"

    def first_findings(self, count: int = 3) -> str:
        picked = [f for f in self.findings if f["severity"] == "error"] or self.findings
        return "；".join(f["message"] for f in picked[:count])

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The report files named, directories searched (recursively, sorted) for .txt/.md/.docx/.pdf."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted({p for pattern in REPORT_PATTERNS for p in path.rglob(pattern) if p.is_file()})
        else:
            found.append(path)
    return found


def review_one(path: str, case: str | None = None, rules: str | None = None) -> ReportRecord:
    """Audit one report; every user-facing problem becomes the record's status, in Chinese."""
    from assistant.errors import JixiaoError

    record = ReportRecord(path)
    try:
        _audit_into(record, Path(path), case, rules)
    except JixiaoError as exc:
        record.status = f"无法审核：{exc}"
    except Exception as exc:  # one bad file never stops the others
        record.status = f"无法审核：内部错误 {type(exc).__name__}: {exc}"[:300]
    return record


def read_report(path: Path) -> PagedText:
    """The report's text with its pages; an empty report is refused (there is nothing to audit)."""
    from assistant.errors import InputError
    from assistant.io import load_report_pages

    paged = load_report_pages(path)
    if not paged.text.strip():
        raise InputError.single("报告文件为空，没有可审核的文字", file=str(path))
    return paged


def _audit_into(record: ReportRecord, path: Path, case: str | None, rules_id: str | None) -> None:
    from assistant.audit import audit_text
    from assistant.rules import load_ruleset

    paged = read_report(path)
    unit_score = None
    rules = load_ruleset(rules_id) if rules_id else None
    if case is not None:
        from assistant.io import load_case
        from assistant.scoring import score_case

        loaded = load_case(case)
        unit_score = score_case(loaded, rules or load_ruleset(loaded.rules))
    result = audit_text(paged.text, unit_score, rules)
    reference = result.reference
    record.projects = len(reference.projects)
    record.unit, record.year = reference.unit, reference.year
    title_unit, title_year = _title_facts(paged.text)
    record.unit = record.unit or title_unit
    record.year = record.year or title_year
    record.findings = [with_page(f.to_json(), paged) for f in result.findings]
    record.errors = result.summary["error"]
    record.warnings = result.summary["warning"]


def with_page(finding: dict[str, Any], paged: Any) -> dict[str, Any]:
    """A finding's JSON with its page (PDF) and a readable location ('第3页（全文第40行）')."""
    offset = finding["span"][0] if finding.get("span") else None
    finding["page"] = paged.page_of(offset) if offset is not None and len(paged.page_starts) > 1 else None
    finding["location"] = paged.where(offset, finding.get("line"))
    return finding


def _title_facts(text: str) -> tuple[str | None, int | None]:
    """Unit and year from a report's first lines ('某某局2022年度项目支出绩效自评报告')."""
    head = text[:400]
    lines = head.splitlines()[:6]
    for index, line in enumerate(lines):
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if (
            _TITLE_WORD.search(line) is None
            and line.rstrip().endswith("年度")
            and _TITLE_END.search(following)
        ):
            line = (
                line.rstrip() + following
            )  # "某某局2022年度" over "项目支出绩效自评报告": one title on two lines
        if not _TITLE_WORD.search(line):
            continue
        if match := _UNIT_YEAR.match(line):
            return match.group("unit"), int(match.group("year"))
        if match := _YEAR_UNIT.match(line):
            return match.group("unit"), int(match.group("year"))
        if year := re.match(r"^\s*#*\s*((?:19|20)\d{2})\s*年", line):
            return None, int(year.group(1))
    year = _YEAR.search(head)
    return None, int(year.group(1)) if year else None


def shown_names(files: list[str]) -> dict[str, str]:
    """Each report's path below the folder all of them share ("sub/改正后.md"): the reviewer's own names, short
    enough to read and print in one column, not the machine's absolute paths."""
    if not files:
        return {}
    parents = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        base = os.path.commonpath(parents)
    except ValueError:  # different drives: nothing shared
        return {f: f for f in files}
    return {f: os.path.relpath(os.path.abspath(f), base) for f in files}


def review(
    paths: list[Path],
    *,
    case: str | None = None,
    rules: str | None = None,
    workers: int | None = None,
    progress: Callable[[ReportRecord], None] | None = None,
) -> list[ReportRecord]:
    """Audit every report, in parallel when there are several; ``progress`` is called as each one finishes."""
    names = [str(p) for p in paths]
    records = list(_run(names, case, rules, workers, progress))
    order = {name: index for index, name in enumerate(names)}
    return sorted(records, key=lambda r: order[r.file])


def _run(
    names: list[str],
    case: str | None,
    rules: str | None,
    workers: int | None,
    progress: Callable[[ReportRecord], None] | None,
) -> Iterator[ReportRecord]:
    count = workers or min(len(names), os.cpu_count() or 1, 4)
    if count <= 1 or len(names) <= 2:
        for name in names:
            record = review_one(name, case, rules)
            if progress:
                progress(record)
            yield record
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(review_one, name, case, rules) for name in names]
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            record = future.result()
            if progress:
                progress(record)
            yield record
