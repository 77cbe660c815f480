"""The fact sheet: display strings by key, their kinds and exact values, and the ``{{key}}`` slots they fill."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.errors import JixiaoError
from assistant.scoring import ProjectScore, UnitScore

SLOT = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


class UnknownSlotError(JixiaoError):
    """A text asked for ``{{slots}}`` the fact sheet does not have; ``unknown`` lists them."""

    def __init__(self, unknown: list[str]) -> None:
        self.unknown = unknown
        shown = "、".join("{{" + key + "}}" for key in unknown)
        super().__init__(f"文本中有事实表里没有的占位符：{shown}（只能使用事实表中的键，缺失的数据不能引用）")


@dataclass
class FactSheet:
    """Display strings by key (``values``), their kinds and exact values; fills ``{{key}}`` slots."""

    unit: UnitScore = field(repr=False)
    values: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Decimal] = field(default_factory=dict)
    amount_places: int = 2  # the one precision of every amount in the report

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)

    @staticmethod
    def key_of(project: ProjectScore | int) -> str:
        """The key prefix of a project: ``p3`` for the third project of the case."""
        return f"p{project if isinstance(project, int) else project.index}"

    @staticmethod
    def slots(text: str) -> list[str]:
        """The slot keys a text asks for, in order."""
        return [match.group(1) for match in SLOT.finditer(text)]

    def resolve(self, key: str, scope: Mapping[str, str] | None = None) -> str:
        """The full key for ``key``, where a leading alias from ``scope`` ({"p": "p3"}) is replaced."""
        if scope:
            head, dot, rest = key.partition(".")
            if head in scope:
                return scope[head] + dot + rest
        return key

    def fill(self, text: str, scope: Mapping[str, str] | None = None) -> str:
        """Replace every ``{{key}}`` with its display string; unknown keys raise ``UnknownSlotError``."""
        unknown = [
            key for key in dict.fromkeys(self.slots(text)) if self.resolve(key, scope) not in self.values
        ]
        if unknown:
            raise UnknownSlotError(unknown)
        return SLOT.sub(lambda m: self.values[self.resolve(m.group(1), scope)], text)

    def section_facts(self, projects: Iterable[ProjectScore | int] | None = None) -> dict[str, Any]:
        """The JSON a prompt for one section receives: unit, rules, totals and the chosen projects.

        Field names inside each object are the key suffixes, so ``projects[i].budget`` is the slot
        ``{{<key>.budget}}`` with ``<key>`` given in the object.
        """
        tree = _nest(self.values)
        chosen = (
            [p.index for p in self.unit.projects]
            if projects is None
            else [p if isinstance(p, int) else p.index for p in projects]
        )
        by_index = {p.index: p for p in self.unit.projects}
        return {
            "unit": tree.get("unit", {}),
            "rules": tree.get("rules", {}),
            "total": tree.get("total", {}),
            "grade_count": tree.get("grade_count", {}),
            "projects": [self._project_json(by_index[i], tree) for i in chosen],
        }

    def to_json(self) -> dict[str, Any]:
        """Every fact, grouped for a prompt: ``section_facts`` over all projects."""
        return self.section_facts()

    def _project_json(self, ps: ProjectScore, tree: dict[str, Any]) -> dict[str, Any]:
        key = self.key_of(ps)
        node = dict(tree.get(key, {}))
        indicators = []
        for k, s in enumerate(ps.indicators, 1):
            data = dict(node.pop(f"i{k}", {}))
            indicators.append(
                {"key": f"{key}.i{k}", **data, "missed": s.missed, "over_achieved": s.over_achieved}
            )
        return {
            "key": key,
            **node,
            "score_source": ps.score_source,
            "needs_explanation": ps.needs_explanation,
            "deviations": list(ps.deviations),
            "indicators": indicators,
        }


def _nest(values: Mapping[str, str]) -> dict[str, Any]:
    """{"p3.i2.name": x} → {"p3": {"i2": {"name": x}}}; a key that is both leaf and branch keeps the leaf."""
    tree: dict[str, Any] = {}
    for key, value in values.items():
        *parents, leaf = key.split(".")
        node = tree
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node.setdefault(leaf, value)
    return tree
