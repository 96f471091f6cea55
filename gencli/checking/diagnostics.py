"""A finding about a report: where it is, how bad it is, and what to do, in Chinese."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One error or warning. `line`/`column` are 1-based; `path` lists the Chinese labels from
    the part down to the cell (三、… › （三）不予公开 › 7.属于行政执法案卷 › 自然人)."""

    file: str
    line: int
    column: int
    severity: str
    message: str
    path: tuple[str, ...] = field(default=())

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_json(self) -> dict:
        data = asdict(self)
        data["path"] = " › ".join(self.path)
        return data

    def as_text(self) -> str:
        label = "警告：" if self.severity == WARNING else ""
        text = f"{self.file}:{self.line}:{self.column}: {label}{self.message}"
        if self.path:
            text += "\n    " + " › ".join(self.path)
        return text
