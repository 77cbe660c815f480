"""Model endpoint settings from ``JIXIAO_LLM_*`` environment variables (or a ``.env`` file), and the key's redaction.

Any OpenAI-compatible endpoint works: ``JIXIAO_LLM_BASE_URL`` (e.g. ``https://host/v1``), ``JIXIAO_LLM_MODEL``
and, when the server needs one, ``JIXIAO_LLM_API_KEY``. The key is a ``SecretStr``: it is never printed,
logged or put in an error message; ``redact`` removes it from any text that might carry it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import InputError, Problem

ENV_PREFIX = "JIXIAO_LLM_"
LLMMode = Literal["auto", "on", "off"]
REDACTED = "***"


class LLMSettings(BaseSettings):
    """Where the model is and how hard to try; every field is ``JIXIAO_LLM_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    base_url: str | None = Field(default=None, description="OpenAI 兼容接口地址，如 https://host/v1")
    api_key: SecretStr | None = Field(default=None, description="接口密钥（不会显示或写入日志）")
    model: str | None = Field(default=None, description="模型名称")
    timeout: float = Field(default=60.0, gt=0, description="单次请求超时（秒）")
    max_retries: int = Field(default=3, ge=0, le=10, description="超时、断连、429、5xx 时的最多重试次数")
    concurrency: int = Field(default=4, ge=1, le=64, description="同时起草的章节数")
    max_inflight: int = Field(
        default=16, ge=1, le=256, description="本进程同时发往模型服务的请求上限（批量起草时保护接口限流）"
    )
    temperature: float = Field(default=0.3, ge=0, le=2)
    max_tokens: int = Field(
        default=4096,
        ge=16,
        description="每次回答最多的 token 数（各章节按项目数自动确定，不超过此值；超出时续写）",
    )
    call_budget: int = Field(default=200, ge=1, description="每次起草最多调用模型的次数（含重试、重问）")
    max_reasks: int = Field(default=2, ge=0, le=5, description="校验不通过时最多重问的次数")
    backoff_base: float = Field(default=1.0, ge=0, description="重试退避的基数（秒，指数增长、全抖动）")
    backoff_cap: float = Field(default=20.0, ge=0, description="单次退避的上限（秒）")
    retry_after_cap: float = Field(default=30.0, ge=0, description="服从 Retry-After 时的等待上限（秒）")
    run_timeout: float = Field(
        default=600.0, gt=0, description="每次起草调用模型的总时限（秒）；到时未完成的章节改用模板"
    )
    answer_timeout: float = Field(
        default=180.0, gt=0, description="单次回答的总时限（秒，含流式输出；timeout 只限制每次读取的间隔）"
    )

    @property
    def configured(self) -> bool:
        """True when an endpoint and a model are both set."""
        return bool(self.base_url and self.base_url.strip() and self.model and self.model.strip())

    def secret(self) -> str | None:
        """The key as plain text, for the HTTP client only."""
        return self.api_key.get_secret_value() if self.api_key else None

    def redact(self, text: object) -> str:
        """``text`` with the API key (if any) replaced by ``***``."""
        return redact(text, self.secret())

    def describe(self) -> str:
        """One line for users: endpoint and model, never the key."""
        key = "已设置" if self.api_key else "未设置"
        return f"模型 {self.model or '（未设置）'} @ {self.base_url or '（未设置）'}，密钥{key}"


def redact(text: object, *secrets: str | None) -> str:
    """``str(text)`` with every non-empty secret replaced by ``***``."""
    out = str(text)
    for secret in secrets:
        if secret and len(secret) >= 4:
            out = out.replace(secret, REDACTED)
    return out


def load_llm_settings(**overrides: object) -> LLMSettings:
    """Read settings from the environment (and ``.env``); a bad value is an ``InputError`` naming the variable."""
    try:
        return LLMSettings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(part) for part in err["loc"])
            message = _MESSAGES.get(err["type"], "取值无效")
            problems.append(Problem(message, location=f"{ENV_PREFIX}{field.upper()}"))
        raise InputError(problems) from None


def use_llm(mode: LLMMode | str, settings: LLMSettings) -> bool:
    """Resolve ``--llm auto|on|off``: auto means on iff configured; on without configuration is an error."""
    mode = (mode or "auto").lower()
    if mode == "off":
        return False
    if mode == "auto":
        return settings.configured
    if mode == "on":
        if not settings.configured:
            raise InputError.single(
                "指定了 --llm on，但尚未配置大模型：请设置环境变量 JIXIAO_LLM_BASE_URL 和 JIXIAO_LLM_MODEL"
                "（需要密钥时再设置 JIXIAO_LLM_API_KEY；也可写在当前目录的 .env 文件中），"
                "或改用 --llm off 由模板起草"
            )
        return True
    raise InputError.single(f"--llm 只能是 auto、on 或 off，收到「{mode}」")


_MESSAGES = {
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "greater_than": "应大于 0",
    "greater_than_equal": "取值过小",
    "less_than_equal": "取值过大",
    "string_type": "应为文本",
}
