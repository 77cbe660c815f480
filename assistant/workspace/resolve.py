"""Which project or indicator the officer means: by position, full name, or a distinctive part of it.

Names are matched the way the audit finds them in report text (``assistant.audit.names``): quotes, a
leading year and a trailing 经费/项目 do not matter, and "七一项目" is enough when only one project's name
contains 七一. An ambiguous or unknown name is a Chinese ``InputError`` listing the candidates.
"""

from __future__ import annotations

import re

from assistant.audit.names import NameIndex, name_key
from assistant.errors import InputError
from assistant.models import Case, Project

_QUOTES = "“”\"'‘’「」『』《》〈〉 \t"
_ORDINAL = re.compile(r"^(?:第|序号)?\s*(\d{1,4})\s*(?:个|项|号|行)?(?:项目|指标)?$")
# "七一项目", "严重精神障碍那个项目", "档案数字化的经费": the words that only say "the project".
_TAIL = re.compile(r"(?:的)?(?:那个|这个|那|这)?(?:经费|项目|资金|专项|指标)+$")


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in _QUOTES)


def _core(text: str) -> str:
    core = _TAIL.sub("", _bare(text).strip())
    return core or _bare(text).strip()


def _listing(names: list[str], limit: int = 20) -> str:
    shown = "、".join(f"「{n}」" for n in names[:limit])
    return shown + (f"等 {len(names)} 个" if len(names) > limit else "")


def resolve_project(case: Case, ref: str | int) -> int:
    """The 0-based index of the project ``ref`` means: an int is 0-based, "3"/"第3个" is a 1-based 序号."""
    names = [p.name for p in case.projects]
    if isinstance(ref, int) and not isinstance(ref, bool):
        if 0 <= ref < len(names):
            return ref
        raise InputError.single(f"没有第 {ref + 1} 个项目（共 {len(names)} 个）")
    text = str(ref).strip()
    if not text:
        raise InputError.single("请指明是哪个项目")
    ordinal = _ORDINAL.match(text)
    if ordinal:
        number = int(ordinal.group(1))
        if 1 <= number <= len(names):
            return number - 1
        raise InputError.single(f"没有序号为 {number} 的项目（共 {len(names)} 个）")
    hits = _match(names, text, [name_key(n) for n in names])
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError.single(f"「{text}」对应多个项目：{_listing([names[i] for i in hits])}，请写得更具体")
    raise InputError.single(f"没有找到项目「{text}」，现有项目：{_listing(names)}")


def _match(names: list[str], text: str, keys: list[str]) -> list[int]:
    bare = _bare(text)
    exact = [i for i, n in enumerate(names) if _bare(n) == bare]
    if exact:
        return exact
    core = _core(text)
    by_key = [i for i, key in enumerate(keys) if key == core or _bare(key) == core]
    if by_key:
        return by_key
    contains = [i for i, n in enumerate(names) if core and core in _bare(n)]
    if contains:
        return contains
    mentioned = sorted({m.project for m in NameIndex(names).find(text)})
    return mentioned


def project_candidates(case: Case, ref: str) -> list[int]:
    """Every project ``ref`` may mean ("基层党建" → both 基层党建 projects), for asking back instead of failing."""
    names = [p.name for p in case.projects]
    return _match(names, ref, [name_key(n) for n in names]) if _core(ref) else []


def projects_in(case: Case, text: str) -> list[int]:
    """Projects a sentence mentions, in order of first mention (full names or "X项目" short forms)."""
    seen: list[int] = []
    for mention in NameIndex([p.name for p in case.projects]).find(text):
        if mention.project not in seen:
            seen.append(mention.project)
    return seen


def resolve_indicator(project: Project, ref: str | int) -> int:
    """The 0-based index of an indicator of ``project``: int 0-based, "2"/"第2个" 1-based, or by name."""
    names = [i.name for i in project.indicators]
    if not names:
        raise InputError.single(f"项目「{project.name}」还没有绩效指标")
    if isinstance(ref, int) and not isinstance(ref, bool):
        if 0 <= ref < len(names):
            return ref
        raise InputError.single(f"项目「{project.name}」没有第 {ref + 1} 个指标（共 {len(names)} 个）")
    text = str(ref).strip()
    ordinal = _ORDINAL.match(text)
    if ordinal:
        number = int(ordinal.group(1))
        if 1 <= number <= len(names):
            return number - 1
        raise InputError.single(f"项目「{project.name}」没有第 {number} 个指标（共 {len(names)} 个）")
    hits = _match(names, text, [_core(n) for n in names])
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError.single(f"「{text}」对应多个指标：{_listing([names[i] for i in hits])}，请写得更具体")
    raise InputError.single(f"项目「{project.name}」没有指标「{text}」，现有指标：{_listing(names)}")


def indicators_in(case: Case, text: str) -> list[tuple[int, int]]:
    """(project, indicator) pairs whose indicator name appears in ``text`` (longest names win)."""
    bare = _bare(text)
    found: list[tuple[int, int, int]] = []
    for p, project in enumerate(case.projects):
        for k, indicator in enumerate(project.indicators):
            name = _bare(indicator.name)
            if name and name in bare:
                found.append((len(name), p, k))
    if not found:
        return []
    longest = max(length for length, _, _ in found)
    return [(p, k) for length, p, k in found if length == longest]
