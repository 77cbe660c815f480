"""Report outlines as data: ordered sections loaded from ``prompts/outlines/*.yaml`` and strictly validated.

A section is one heading of the report with a level (1 = 一、, 2 = （一）, 3 = 1.) and a kind:

- ``fixed``: boilerplate paragraphs in ``text``, with ``{{slots}}`` from the fact sheet (``assistant.facts``);
- ``facts``: paragraphs built from facts by the named ``template``;
- ``narrative``: prose (背景, 目标完成情况分析, 偏离原因, 改进措施…) on the named ``template`` topic, written by
  the template drafter, or by a model when one is configured (``guidance`` is what the model is asked to cover);
- ``table``: an attached table (``template`` names it: the 汇总表 or the per-project 自评表), with the
  ``caption`` the closing 附件说明 lists it under.

An outline may end its body with ``signature`` lines (落款: unit, date), slots allowed. Headings are written
without their numbers; numbers follow from level and order. The drafters live in
``assistant.drafting.template`` and ``assistant.drafting.llm``; this module only loads and validates.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import InputError
from assistant.report import number_heading
from assistant.validation import Wording, validation_error
from assistant.yamlfile import load_yaml, yaml_input_error

OUTLINE_DIR = Path(__file__).resolve().parents[2] / "prompts" / "outlines"
DEFAULT_OUTLINE = "unit_multi"

SectionKind = Literal["fixed", "facts", "narrative", "table"]

# Template names each kind may use; the template drafter implements every one (checked by its tests).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "fixed": (),
    "facts": (
        "funds",
        "funds_sources",
        "funds_use",
        "organisation",
        "indicator_system",
        "method",
        "conclusion",
        "scope",
        "execution_analysis",
    ),
    "narrative": (
        "background",
        "goals",
        "completion",
        "indicators",
        "management_implementation",
        "management_funds",
        "management_rules",
        "management_procurement",
        "problems",
        "deviations",
        "experience",
        "suggestions",
        "application",
        "other",
    ),
    "table": ("score_table", "self_eval_table"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class OutlineSection(_Strict):
    """One heading of the report and how its body is produced."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    heading: str = Field(min_length=1)
    level: Literal[1, 2, 3]
    kind: SectionKind
    numbered: bool = True
    text: tuple[str, ...] = ()
    template: str | None = None
    level1: str | None = None
    guidance: str | None = None
    page_break: bool = False
    caption: str | None = None

    @model_validator(mode="after")
    def _template_fits_kind(self) -> OutlineSection:
        allowed = TEMPLATES[self.kind]
        if self.kind == "fixed":
            if self.template is not None:
                raise ValueError(
                    f"章节「{self.id}」为 fixed（固定文字），不能指定 template，请把文字写在 text 中"
                )
        elif self.template not in allowed:
            raise ValueError(
                f"章节「{self.id}」（{self.kind}）的 template「{self.template}」无效，可选：{'、'.join(allowed)}"
            )
        if self.text and self.kind != "fixed":
            raise ValueError(f"章节「{self.id}」只有 fixed 类型才能写 text")
        if self.caption is not None and self.kind != "table":
            raise ValueError(f"章节「{self.id}」只有 table 类型才能写 caption（附件名称）")
        return self


class Outline(_Strict):
    """A report outline: its title template and ordered sections."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str = ""
    title: str = Field(min_length=1)
    title_single: str | None = None
    sections: tuple[OutlineSection, ...] = Field(min_length=1)
    signature: tuple[str, ...] = ()

    def numbered_headings(self) -> list[str]:
        """Each section's heading with its 公文 number (一、 / （一） / 1.), numbering restarting under a parent."""
        counters = [0, 0, 0]
        headings = []
        for section in self.sections:
            if not section.numbered:
                headings.append(section.heading)
                continue
            counters[section.level - 1] += 1
            counters[section.level :] = [0] * (3 - section.level)
            headings.append(number_heading(section.heading, section.level, counters[section.level - 1]))
        return headings

    @model_validator(mode="after")
    def _sections_nest(self) -> Outline:
        seen: set[str] = set()
        previous = 0
        for section in self.sections:
            if section.id in seen:
                raise ValueError(f"章节 id「{section.id}」重复")
            seen.add(section.id)
            if section.level > previous + 1:
                raise ValueError(
                    f"章节「{section.id}」的层级 {section.level} 跳过了上一级（上一节为第 {previous} 级）"
                )
            previous = section.level
        return self


# Outline files: 第2个章节「background」字段「heading」.
OUTLINE_WORDING = Wording(
    lists={"sections": "章节"},
    name_keys=("id",),
    patterns={r"^[a-z][a-z0-9_]*$": "只能用小写英文字母、数字和下划线，且以字母开头"},
)


def available_outlines() -> list[str]:
    """Names of the outlines shipped in ``prompts/outlines``."""
    return sorted(path.stem for path in OUTLINE_DIR.glob("*.yaml"))


def load_outline(ref: str | Path | None = None) -> Outline:
    """Load an outline by name (``unit_multi``, ``single_project``) or by path to a YAML file."""
    ref = str(ref or DEFAULT_OUTLINE)
    if Path(ref).suffix in (".yaml", ".yml"):
        return _read(Path(ref))
    return _load_named(ref)


def outline_for(case_outline: str | None, override: str | Path | None = None) -> Outline:
    """The outline a report uses: the explicit argument, else the case's 报告提纲, else the default."""
    return load_outline(override or case_outline or DEFAULT_OUTLINE)


@functools.cache
def _load_named(name: str) -> Outline:
    path = OUTLINE_DIR / f"{name}.yaml"
    if not path.is_file():
        known = "、".join(available_outlines())
        raise InputError.single(f"未知的报告提纲「{name}」，可选：{known}（或给出提纲 YAML 文件路径）")
    return _read(path)


def _read(path: Path) -> Outline:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError.single(f"无法读取提纲文件：{exc.strerror}", file=str(path)) from exc
    except Exception as exc:  # yaml.YAMLError
        raise yaml_input_error(exc, str(path), "提纲文件不是有效的 YAML") from exc
    if not isinstance(data, dict):
        raise InputError.single("提纲文件顶层应为键值表（id、name、title、sections）", file=str(path))
    try:
        return Outline.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, data, str(path), OUTLINE_WORDING, model=Outline) from exc
