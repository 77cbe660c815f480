"""Real 自评表 texts the reader was not written against (tests/fixtures/forms_real/<name>): each with its clean
twin, written by hand from the published form before the reader was run on it, and its source.

``verdict`` says how a text reads: "exact" (every form reads to its twin), "uncertain" (what is read agrees with
the twin and every cell left out is announced in the form's notes as 存疑), or "wrong" (a cell read differs
from the twin, or a row of the twin is missing with nothing said); "not read" when no form is found at all
(the audit then reports that it had nothing to cross-check). A header field left unread (实施单位 whose
value the export moved elsewhere) is not a figure: it is compared only when read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from assistant.forms import Form, read_forms
from tests.forms_shapes import ROOT, figures

FIXTURES = Path(__file__).with_name("fixtures") / "forms_real"
_SPACE = re.compile(r"\s+")


def names() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "twin.yaml").exists())


def text_of(name: str) -> str:
    folder = FIXTURES / name
    source = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    path = ROOT / source["text"] if "text" in source else folder / "form.txt"
    return path.read_text(encoding="utf-8")


def twins_of(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((FIXTURES / name / "twin.yaml").read_text(encoding="utf-8"))["forms"]


def differences(form: Form | None, twin: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(cells read that differ from the twin, cells of the twin not read)."""
    if form is None:
        return [], [f"form {twin.get('name')}"]
    got = figures(form)
    wrong: list[str] = []
    missing: list[str] = []
    for key in ("name", "department", "implementer", "year"):
        if key in twin and got[key] is not None and _plain(got[key]) != _plain(twin[key]):
            wrong.append(f"{key}: {got[key]!r} ≠ {twin[key]!r}")
    for label, cells in (twin.get("funds") or {}).items():
        row = got["funds"].get(label)
        if row is None:
            missing.append(f"funds {label}")
            continue
        for column in set(cells) | set(row):
            if column in row and row[column] != cells.get(column):
                wrong.append(f"funds {label}.{column}: {row[column]!r} ≠ {cells.get(column)!r}")
            elif column not in row:
                missing.append(f"funds {label}.{column}")
    for label in set(got["funds"]) - set(twin.get("funds") or {}):
        wrong.append(f"funds row {label} not in the form")
    want_rows = [[_plain(r[0]), *r[1:]] for r in twin.get("indicators") or []]
    got_rows = [[_plain(r[0]), *r[1:]] for r in got["indicators"]]
    for row in got_rows:
        if row not in want_rows:
            wrong.append(f"indicator {row}")
    for row in want_rows:
        if row not in got_rows:
            missing.append(f"indicator {row[0]}")
    if "total" in twin:
        if got["total"] is None:
            missing.append("total")
        elif got["total"] != twin["total"]:
            wrong.append(f"total {got['total']} ≠ {twin['total']}")
    return wrong, missing


def verdict(name: str) -> tuple[str, list[str]]:
    """How the text reads against its twins, and why."""
    forms = read_forms(text_of(name))
    twins = twins_of(name)
    if not twins:  # a fragment without the form's header: nothing can be read, nothing may be invented
        return ("exact", []) if not forms else ("wrong", [f"invented {len(forms)} form(s)"])
    if not forms:
        return "not read", ["no form found: nothing read, nothing invented"]
    reasons: list[str] = []
    status = "exact"
    for index, twin in enumerate(twins):
        form = _match(forms, twin, index)
        wrong, missing = differences(form, twin)
        noted = form is not None and any("存疑" in note for note in form.notes)
        if wrong or (missing and not noted):
            status = "wrong"
        elif missing and status == "exact":
            status = "uncertain"
        reasons += [f"{twin.get('name')}: {r}" for r in wrong] + [
            f"{twin.get('name')}: missing {m}" for m in missing
        ]
    if len(forms) > len(twins):
        status = "wrong"
        reasons.append(f"{len(forms)} forms read, {len(twins)} in the text")
    return status, reasons


def _match(forms: list[Form], twin: dict[str, Any], index: int) -> Form | None:
    by_name = [f for f in forms if f.name and _plain(f.name) == _plain(twin.get("name", ""))]
    if by_name:
        return by_name[0]
    return forms[index] if index < len(forms) else None


def _plain(value: Any) -> Any:
    return _SPACE.sub("", value) if isinstance(value, str) else value


if __name__ == "__main__":  # the figures for BENCHMARKS.md
    counts: dict[str, int] = {}
    for slug in names():
        state, why = verdict(slug)
        counts[state] = counts.get(state, 0) + 1
        print(f"{slug}: {state}", *why[:12], sep="\n  ")
    print(counts)
