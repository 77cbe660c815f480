"""Domain errors: raised in the core with Chinese messages, turned into exit codes at the CLI/UI edge."""

from __future__ import annotations

from dataclasses import dataclass, field


class JixiaoError(Exception):
    """Base for every error a user can cause; ``str(err)`` is the Chinese message shown to them."""


@dataclass(frozen=True)
class Problem:
    """One bad field: where it is (file, project, row, field) and what is wrong, in Chinese."""

    message: str
    file: str | None = None
    location: str | None = None

    def __str__(self) -> str:
        where = "，".join(part for part in (self.file, self.location) if part)
        return f"{where}：{self.message}" if where else self.message


@dataclass
class InputError(JixiaoError):
    """Bad user input (a case file, a report, an option); the CLI exits with code 2."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @classmethod
    def single(cls, message: str, file: str | None = None, location: str | None = None) -> InputError:
        return cls([Problem(message, file, location)])

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"发现 {len(self.problems)} 处输入问题："]
        lines += [f"  {i}. {p}" for i, p in enumerate(self.problems, 1)]
        return "\n".join(lines)
