"""Prompt files: ``prompts/*.j2`` rendered in a sandboxed Jinja2 environment with named variables.

A template asking for a variable the caller did not give is a ``PromptError`` naming the template and every
missing variable (checked before rendering, then enforced by ``StrictUndefined``). Officer text reaches
prompts only as values, so the sandbox and the absence of autoescaping both matter: values are never parsed
as template code, and Chinese punctuation stays as written.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from assistant.errors import JixiaoError

PROMPT_DIR = Path(__file__).resolve().parents[2] / "prompts"


class PromptError(JixiaoError):
    """A prompt file is missing, broken, or asks for variables the caller did not give."""


@functools.cache
def _environment(directory: str) -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(directory, encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template_variables(name: str, directory: Path = PROMPT_DIR) -> set[str]:
    """The variables a prompt file uses at top level."""
    from jinja2 import TemplateError, meta

    env = _environment(str(directory))
    try:
        source, _, _ = env.loader.get_source(env, name)
        return set(meta.find_undeclared_variables(env.parse(source)))
    except TemplateError as exc:
        raise PromptError(f"提示词模板 {name} 无法读取或有语法错误：{exc}") from exc


def render_prompt(name: str, directory: Path = PROMPT_DIR, **variables: Any) -> str:
    """Render ``prompts/<name>``; every variable it uses must be given."""
    from jinja2 import TemplateError, UndefinedError

    missing = sorted(template_variables(name, directory) - set(variables))
    if missing:
        raise PromptError(f"提示词模板 {name} 缺少变量：{'、'.join(missing)}")
    env = _environment(str(directory))
    try:
        return env.get_template(name).render(**variables).strip() + "\n"
    except UndefinedError as exc:
        raise PromptError(f"提示词模板 {name} 缺少变量：{exc.message}") from exc
    except TemplateError as exc:
        raise PromptError(f"提示词模板 {name} 渲染失败：{exc}") from exc
