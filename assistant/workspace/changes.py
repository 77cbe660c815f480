"""Changes: every edit to a session as a before/after diff in Chinese, kept so it can be undone.

A ``Change`` carries what the officer sees (``description``, ``diff`` rows ``(位置, 修改前, 修改后)``, score
``effects``) and what undo needs (the case data before, and the report state before when the report cannot
simply be re-drafted). Diffs are computed on the case's plain data (``Case.to_data``), keyed by position so
that renaming a project reads as one change, not a removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from assistant.workspace.fields import MONEY_KEYS, display

DiffRow = tuple[str, str, str]
EMPTY = "（空）"
_CELL_LIMIT = 120


def now() -> str:
    """Local time, to the second, as ISO text."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Change:
    """One undoable change: what it did in Chinese, and the state needed to take it back."""

    description: str
    diff: list[DiffRow] = field(default_factory=list)
    effects: list[DiffRow] = field(default_factory=list)
    kind: str = "edit"  # edit | add | redraft | undo
    case_before: dict[str, Any] | None = None
    report_before: dict[str, Any] | None = None
    at: str = field(default_factory=now)

    def render(self) -> str:
        """Chinese Markdown: the description, a 修改前/修改后 table, and the score changes it caused."""
        lines = [f"**{_escape(self.description)}**"]
        if self.diff:
            lines += ["", *_table(("位置", "修改前", "修改后"), self.diff)]
        else:
            lines += ["", "（数据没有变化）"]
        if self.effects:
            lines += ["", "评分变化：", "", *_table(("项目", "修改前", "修改后"), self.effects)]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "diff": [list(row) for row in self.diff],
            "effects": [list(row) for row in self.effects],
            "kind": self.kind,
            "case_before": self.case_before,
            "report_before": self.report_before,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            description=str(data["description"]),
            diff=[_row(row) for row in data.get("diff") or []],
            effects=[_row(row) for row in data.get("effects") or []],
            kind=str(data.get("kind") or "edit"),
            case_before=data.get("case_before"),
            report_before=data.get("report_before"),
            at=str(data.get("at") or ""),
        )


def _row(row: Any) -> DiffRow:
    a, b, c = row
    return str(a), str(b), str(c)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _clip(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"


def _table(header: tuple[str, str, str], rows: list[DiffRow]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "| --- | --- | --- |"]
    out += ["| " + " | ".join(_escape(_clip(cell)) or " " for cell in row) + " |" for row in rows]
    return out


# --- diffs of case data ------------------------------------------------------------------------------


def _shown(key: str, value: Any, money_unit: str) -> str:
    if value is None or value == "":
        return EMPTY
    text = display(value)
    if key in MONEY_KEYS and isinstance(value, Decimal | str):
        return f"{text}{money_unit}"
    return text


def _flatten(data: dict[str, Any]) -> dict[tuple[Any, ...], tuple[str, str]]:
    """Every leaf of the case data as position key → (Chinese path, shown value)."""
    unit = str(data.get("金额单位") or "万元")
    out: dict[tuple[Any, ...], tuple[str, str]] = {}
    for key, value in data.items():
        if key != "项目":
            out[("case", key)] = (key, _shown(key, value, unit))
    for p, project in enumerate(data.get("项目") or []):
        name = project.get("项目名称", f"第{p + 1}个项目")
        for key, value in project.items():
            if key == "绩效指标":
                for k, indicator in enumerate(value or []):
                    iname = indicator.get("三级指标", f"第{k + 1}个指标")
                    for ikey, ivalue in indicator.items():
                        out[("p", p, "i", k, ikey)] = (
                            f"「{name}」指标「{iname}」{ikey}",
                            display_or_empty(ivalue),
                        )
            elif key == "资金来源":
                for source, row in (value or {}).items():
                    for rkey, rvalue in (row or {}).items():
                        out[("p", p, "src", source, rkey)] = (
                            f"「{name}」{source}{rkey}",
                            _shown(rkey, rvalue, unit),
                        )
            else:
                out[("p", p, key)] = (f"「{name}」{key}", _shown(key, value, unit))
    return out


def display_or_empty(value: Any) -> str:
    return EMPTY if value is None or value == "" else display(value)


def diff_data(before: dict[str, Any], after: dict[str, Any]) -> list[DiffRow]:
    """(位置, 修改前, 修改后) for every leaf that differs, in the order of the new data."""
    old, new = _flatten(before), _flatten(after)
    rows: list[DiffRow] = []
    for key in [*new, *(k for k in old if k not in new)]:
        path = (new.get(key) or old[key])[0]
        was = old[key][1] if key in old else EMPTY
        now_ = new[key][1] if key in new else EMPTY
        if was != now_:
            rows.append((path, was, now_))
    return rows
