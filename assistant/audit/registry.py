"""The audit's codes and checks, registered by the check modules themselves (as sqlfluff rules are).

A check module declares the codes it owns (``Code``: severity and a Chinese title) and registers its check
function with ``@check_unit``, naming the other modules' codes it also reports. Nothing else lists them:
``CODES`` (severity and title per code), which checks run in which mode, and which finding stands when two
report the same thing (``resolve``) are all derived here. Each code's examples live with its cases, in its case
file ``tests/fixtures/audit/<CODE>.yaml`` (``bad``, ``good``, then the cases the tests run); the docs' list
(``docs/audit-codes.md``, written by ``python -m assistant.audit``) joins the two. Every module of
``assistant.audit.checks`` is imported on first use, so adding a check is adding a module and its case file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assistant.yamlfile import load_yaml

# A check: the audit context in, its findings out. (Typed loosely: the registry imports nothing of the audit,
# so that findings may read their codes here without an import cycle.)
Check = Callable[[Any], Iterable[Any]]
Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# What a check compares the text with: "reference" — the case data or the attached 评分表; "text" — the text's
# own statements with each other. Which audits it runs in: "reference" — against data or a table; "text" — a
# report audited against its own text alone.
Basis = Literal["reference", "text"]
Mode = Literal["reference", "text"]


@dataclass(frozen=True)
class Code:
    """One finding code: its default severity and a one-line Chinese title (its examples: its case file)."""

    code: str
    severity: Severity
    title: str


@dataclass(frozen=True)
class CheckUnit:
    """A registered check: the function, the codes it reports, and when it runs."""

    name: str  # the module's name in ``assistant.audit.checks``
    run: Check
    owns: tuple[Code, ...]
    reports: tuple[str, ...]  # every code it may report: its own and other modules'
    basis: Basis
    runs: tuple[Mode, ...]  # the audits it runs in


_CODES: dict[str, Code] = {}
_UNITS: dict[str, CheckUnit] = {}
_loaded = False


def check_unit(
    *owns: Code, also: tuple[str, ...] = (), basis: Basis = "reference", runs: tuple[Mode, ...] | None = None
) -> Callable[[Check], Check]:
    """Register the decorated function as its module's check, owning ``owns`` and also reporting ``also``.

    ``runs`` defaults to the audits its basis allows: a reference check only against data or a table, a text
    check in both."""

    def register(run: Check) -> Check:
        name = run.__module__.rsplit(".", 1)[-1]
        for code in owns:
            if code.code in _CODES and _CODES[code.code] != code:
                raise ValueError(f"audit code {code.code} is declared twice")
            _CODES[code.code] = code
        reports = tuple(dict.fromkeys([*(c.code for c in owns), *also]))
        modes = (
            runs if runs is not None else (("reference",) if basis == "reference" else ("reference", "text"))
        )
        _UNITS[name] = CheckUnit(name, run, owns, reports, basis, modes)
        return run

    return register


def load() -> None:
    """Import every check module once (each registers itself), then check the declarations agree."""
    global _loaded
    if _loaded:
        return
    checks = importlib.import_module(f"{__package__}.checks")  # by name: checks import the registry
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        if callable(getattr(module, "check", None)) and info.name not in _UNITS:
            raise ValueError(
                f"audit check module {info.name} has a check() but does not register it (@check_unit)"
            )
    _loaded = True
    unknown = {(u.name, c) for u in _UNITS.values() for c in u.reports if c not in _CODES}
    if unknown:
        raise ValueError(f"audit checks report undeclared codes: {sorted(unknown)}")
    silent = set(_CODES) - {c for u in _UNITS.values() for c in u.reports}
    if silent:
        raise ValueError(f"audit codes no check reports: {sorted(silent)}")


def codes() -> dict[str, Code]:
    load()
    return _CODES


def units(mode: Mode | None = None) -> list[CheckUnit]:
    """The registered checks (those that run in ``mode``), by name: the order decides nothing (``resolve``)."""
    load()
    return [_UNITS[name] for name in sorted(_UNITS) if mode is None or mode in _UNITS[name].runs]


class _Codes(Mapping[str, tuple["Severity", str]]):
    """``CODES[code] == (severity, title)``, read from the registry on first use."""

    def __getitem__(self, code: str) -> tuple[Severity, str]:
        found = codes()[code]
        return found.severity, found.title

    def __iter__(self) -> Iterator[str]:
        return iter(codes())

    def __len__(self) -> int:
        return len(codes())


CODES: Mapping[str, tuple[Severity, str]] = _Codes()


# --- which finding stands ----------------------------------------------------------------------------------

_VERDICT_RANK = {"false": 0, "missing": 1, "uncertain": 2}
_BASIS_RANK = {"reference": 0, "text": 1}


def resolve(found: list[tuple[CheckUnit, Any]]) -> list[Any]:
    """The findings that stand, whatever order the checks ran in.

    1. A text check's finding is dropped where a reference check's error or warning covers any of its
       characters: the data or table says which number is wrong, the text only that two numbers disagree.
    1b. A net's finding (a check named ``net_*``) is dropped where another check's finding of its code covers any
       of its characters.
    2. Findings with one fingerprint (same code, project, quote, found and expected) are one finding: the most
       severe stands, then the most definite verdict (false, missing, uncertain), then a reference check's,
       then the first message in order.
    """
    reference = [f for unit, f in found if unit.basis == "reference" and f.severity != "info" and f.span]
    kept = [(unit, f) for unit, f in found if unit.basis == "reference" or not _overlaps(f, reference)]
    # a net (a check named net_*) only widens the others' reach: where one of them reports the code over any of
    # the net's characters, theirs stands (it read the figures' words; the net only their form)
    read = [f for unit, f in kept if not unit.name.startswith("net_") and f.severity != "info" and f.span]
    kept = [
        (unit, f)
        for unit, f in kept
        if not unit.name.startswith("net_") or not _overlaps(f, [o for o in read if o.code == f.code])
    ]
    kept.sort(key=lambda pair: pair[0].name)  # stable: each check's own order kept, checks by name
    best: dict[str, tuple[tuple[int, int, int, str], Any]] = {}
    for unit, f in kept:
        rank = (
            SEVERITY_ORDER[f.severity or "info"],
            _VERDICT_RANK[f.verdict],
            _BASIS_RANK[unit.basis],
            f.message,
        )
        if f.fingerprint not in best or rank < best[f.fingerprint][0]:
            best[f.fingerprint] = (rank, f)
    return [f for _, f in best.values()]


def _overlaps(finding: Any, others: list[Any]) -> bool:
    if finding.span is None:
        return False
    start, end = finding.span
    return any(o.span is not None and o.span[0] < end and start < o.span[1] for o in others)


# --- the docs' list of codes -------------------------------------------------------------------------------


def codes_markdown(cases: Path) -> str:
    """The list of codes for ``docs/audit-codes.md``: severity, meaning, checks, and the bad and good example of
    each code's case file in the folder ``cases``."""
    by_code: dict[str, list[str]] = {}
    for unit in units():
        for code in unit.reports:
            by_code.setdefault(code, []).append(unit.name)
    severity = {"error": "错误", "warning": "警告", "info": "提示"}
    lines = [
        "# 审核代码",
        "",
        "由 `python -m assistant.audit` 根据各检查模块的声明和各代码用例文件中的示例生成，请勿手工修改。"
        "每个代码的用例见 `tests/fixtures/audit/<代码>.yaml`。",
        "",
        "| 代码 | 级别 | 含义 | 错误写法 | 正确写法 | 检查模块 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for code in sorted(codes().values(), key=lambda c: (SEVERITY_ORDER[c.severity], c.code)):
        checks = "、".join(f"`{name}`" for name in by_code.get(code.code, []))
        case = load_yaml((cases / f"{code.code}.yaml").read_text(encoding="utf-8"))
        lines.append(
            f"| `{code.code}` | {severity[code.severity]} | {code.title} | {case['bad']} | {case['good']} | {checks} |"
        )
    return "\n".join(lines) + "\n"
