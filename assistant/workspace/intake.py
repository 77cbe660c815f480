"""What a case entering the web UI must pass on top of the CLI loader's checks: built-in rule sets only.

The CLI accepts a YAML path for 评分规则/报告提纲 (a deployment's own file); a case uploaded through the browser
must not make the server read a file of the uploader's choosing, so only shipped ids are allowed there.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import InputError, Problem
from assistant.io import load_case
from assistant.models import Case
from assistant.numbers.numerals import NORMALIZE


def check_builtin_references(case: Case, source: str = "<输入>") -> Case:
    """Refuse 评分规则/报告提纲 values that look like file paths (a '/' or '\\', or ending .yaml/.yml)."""
    from assistant.rules import available_rulesets

    named = [("评分规则", case.rules, available_rulesets)]
    if case.outline:
        from assistant.drafting.outline import available_outlines

        named.append(("报告提纲", case.outline, available_outlines))
    problems = [
        Problem(
            f"网页界面只能使用内置的{label}（可选：{'、'.join(known())}），"
            f"不能引用服务器上的文件「{value[:40]}」",
            source,
            f"字段「{label}」",
        )
        for label, value, known in named
        if "/" in value or "\\" in value or value.lower().endswith((".yaml", ".yml"))
    ]
    if problems:
        raise InputError(problems)
    return case


def load_uploaded_case(path: str | Path, *, unit: str | None = None, year: int | None = None) -> Case:
    """A case file uploaded through the UI: the CLI loader's checks plus built-in rule sets only.

    ``unit``/``year`` fill in what the file does not state, as ``--unit-name``/``--year`` do on the CLI.
    """
    return check_builtin_references(load_case(path, unit=unit, year=year), str(path))


def parse_year(text: str | None) -> int | None:
    """A year typed by the officer ("2023", "2023年", "２０２３年度"); blank is ``None``."""
    value = (text or "").strip().translate(NORMALIZE).removesuffix("度").removesuffix("年").strip()
    if not value:
        return None
    if not value.isdigit() or not 1990 <= int(value) <= 2100:
        raise InputError.single(f"年度「{(text or '').strip()[:20]}」不是有效的年份（例如 2023）")
    return int(value)
