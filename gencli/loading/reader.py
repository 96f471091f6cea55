"""Read a report's YAML keeping the position of every key and value.

ruamel.yaml's round-trip loader keeps line/column marks on mappings and sequences, which is what
lets every error point at the figure the user typed. On top of it this loader:
- refuses anchors, aliases and tags (a report needs none; an alias bomb fails at the first alias),
- reads decimals as `Decimal` from their text, so `13989.50` stays exactly that,
- keeps dates as text, so `date` is checked by the schema like any other string,
- refuses duplicate keys (ruamel's default),
- reports syntax errors in Chinese with their line and column.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from gencli.loading import bounded, problems


@dataclass
class LoadError(Exception):
    """A file that is not a readable YAML document; line and column are 1-based."""

    message: str
    line: int = 1
    column: int = 1


class _Refused(MarkedYAMLError):
    pass


class StrictComposer(Composer):
    """Refuses aliases, anchors and explicit tags as soon as they are met."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                problem=f"不允许使用 YAML 别名（*{event.anchor}）：报告不需要引用，请直接写出内容",
                problem_mark=event.start_mark,
            )
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise _Refused(
                problem=f"不允许使用 YAML 锚点（&{event.anchor}）：报告不需要锚点",
                problem_mark=event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and tag not in (None, "!"):
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                problem=f"不允许使用 YAML 标签（{shown}）：请直接写出值",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


class ReportConstructor(RoundTripConstructor):
    """Decimals from their text; dates and special floats left as text for the schema to judge."""

    def construct_yaml_float(self, node: Any) -> Any:
        text = str(node.value).replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            return node.value
        return value if value.is_finite() else node.value

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return str(node.value)


ReportConstructor.add_constructor("tag:yaml.org,2002:float", ReportConstructor.construct_yaml_float)
ReportConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", ReportConstructor.construct_yaml_timestamp
)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = StrictComposer
    yaml.Constructor = ReportConstructor
    return yaml


def _chinese_problem(error: MarkedYAMLError, lines: problems.Lines) -> tuple[str, int, int]:
    """The message and 1-based position of a syntax error; an unclosed quote is shown where
    it opens, not at the end of the file where ruamel noticed it."""
    mark = error.problem_mark or error.context_mark
    context = str(error.context or "")
    if "quoted scalar" in context and error.context_mark is not None:
        mark = error.context_mark
    line, column = lines.of_mark(mark.line, mark.column) if mark else (1, 1)
    problem = str(error.problem or error.context or "")
    if isinstance(error, _Refused):
        return problem, line, column
    if problem.startswith("found duplicate key"):
        key = problem.split('"')[1] if '"' in problem else ""
        return f"键“{key}”重复：同一层里每个键只能写一次", line, column
    return problems.explain(problem, lines, line, column)


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed); anything else is refused with a hint about GBK. Old Mac
    line ends (a lone CR) become LF, so lines are counted alike everywhere."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
        return re.sub("\r(?!\n)", "\n", text) if "\r" in text else text
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "，看起来是 GBK/GB18030 编码，请另存为 UTF-8"
        except UnicodeDecodeError:
            pass
        raise LoadError(f"文件不是 UTF-8 编码{hint}", line, 1) from None


def load_text(text: str) -> Any:
    """Parse one YAML document; raises LoadError with a 1-based position."""
    text = problems.blank_breaks_in_comments(text)
    lines = problems.Lines(text)
    try:
        root = _yaml().load(text)
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise LoadError(
            f"文件中有不可打印的控制字符 U+{code:04X}，请删除它", line, column
        ) from None
    except MarkedYAMLError as error:
        raise LoadError(*_chinese_problem(error, lines)) from None
    except YAMLError:
        raise LoadError(f"YAML 语法错误：{problems.GENERIC}") from None
    except RecursionError:
        raise LoadError(
            "YAML 嵌套层次过深：报告最多只有几层，请检查括号或缩进", *problems.too_deep(text)
        ) from None
    if lines.shifted:
        problems.remap(root, lines)
    return root


MAX_BYTES = 10 * 1024 * 1024  # a real report is a few hundred KB; the limit bounds memory


def read_report(path: Path) -> str:
    """A report file's text; refuses what is not a regular file, and files too large to be a
    report, reading no more than the limit (see bounded)."""
    try:
        return decode(bounded.read_regular_file(path, MAX_BYTES))
    except bounded.TooLarge as error:
        raise LoadError(
            f"文件过大（{bounded.megabytes(error.size)}）：报告文件不应超过 "
            f"{MAX_BYTES >> 20} MB，请确认选对了文件"
        ) from None
    except bounded.Refused as error:
        raise LoadError(str(error)) from None
