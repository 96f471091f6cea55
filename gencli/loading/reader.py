"""Read a report's YAML keeping the position of every key and value.

ruamel.yaml's round-trip loader keeps line/column marks on mappings and sequences, which is what
lets every error point at the figure the user typed. On top of it this loader:
- refuses anchors, aliases and tags (a report needs none; an alias bomb fails at the first alias),
  `%YAML`/`%TAG` directives and `<<` merge keys, and numbers in any but plain decimal notation,
- stops at `limits.MAX_NODES` nodes,
- reads decimals as `Decimal` from their text, so `13989.50` stays exactly that,
- keeps dates as text, so `date` is checked by the schema like any other string,
- refuses duplicate keys (ruamel's default),
- reports syntax errors in Chinese with their line and column.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from gencli.base import limits
from gencli.loading import bounded, filetypes, problems


@dataclass
class LoadError(Exception):
    """A file that is not a readable YAML document; line and column are 1-based."""

    message: str
    line: int = 1
    column: int = 1


class _Refused(MarkedYAMLError):
    pass


def too_many_nodes() -> str:
    return (
        f"报告过大：键、值和列表项超过 {limits.MAX_NODES} 个（一份完整的报告只有几百个），"
        "gencli 读到这里为止；请确认选对了文件，或删去多余的内容"
    )


class StrictComposer(Composer):
    """Refuses aliases, anchors and explicit tags as soon as they are met, and stops at the
    node past `limits.MAX_NODES`, so that no file costs more than that many nodes' work."""

    nodes = 0

    def compose_document(self) -> Any:
        start = self.parser.peek_event()
        if start.version or start.tags:
            raise _Refused(
                problem="不允许使用 %YAML、%TAG 指令：它们会改变数字和文字的读法"
                "（如 %YAML 1.1 下 1:30 读作 90），请删去这一行",
                problem_mark=None,
            )
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        self.nodes += 1
        if self.nodes > limits.MAX_NODES:
            raise _Refused(problem=too_many_nodes(), problem_mark=event.start_mark)
        if isinstance(event, ScalarEvent) and event.value == "<<" and not event.style:
            raise _Refused(
                problem="不允许使用 YAML 合并键（<<）：请直接写出每个键",
                problem_mark=event.start_mark,
            )
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


_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")


def _not_plain_number(node: Any) -> _Refused:
    return _Refused(
        problem=(
            f"“{node.value}”不是普通的十进制数：报告中的数字只能写成 31、1000、13989.54 这样，"
            "不用 0x、0o、0b 前缀，不以 0 开头，不用下划线、正号或科学记数法"
            "（这些写法会被读成另一个数）；若是文字，请加引号"
        ),
        problem_mark=node.start_mark,
    )


def _after_thousands_comma(node: Any, text: str) -> bool:
    """`018` right after `1,` in a flow list is the second half of 1,018: it is read as YAML
    reads it and left to the keyboard check, which names the thousands separator."""
    mark = node.start_mark
    buffer, at = getattr(mark, "buffer", None), getattr(mark, "pointer", 0)
    return (
        text.isdigit()
        and isinstance(buffer, str)
        and at >= 2
        and buffer[at - 1] == ","
        and buffer[at - 2].isdigit()
    )


class ReportConstructor(RoundTripConstructor):
    """Numbers only in plain decimal notation (YAML also reads 0x1F as 31, 017 and 1_000 in
    ways a reader of the report would not); decimals from their text; dates and special floats
    left as text for the schema to judge."""

    def construct_yaml_int(self, node: Any) -> Any:
        text = str(node.value)
        if _PLAIN_INT.fullmatch(text):
            return int(text)
        if _after_thousands_comma(node, text):
            return super().construct_yaml_int(node)
        raise _not_plain_number(node)

    def construct_yaml_float(self, node: Any) -> Any:
        text = str(node.value)
        if _SPECIAL_FLOAT.fullmatch(text):
            return text
        if not _PLAIN_DECIMAL.fullmatch(text):
            raise _not_plain_number(node)
        return Decimal(text)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return str(node.value)


ReportConstructor.add_constructor("tag:yaml.org,2002:int", ReportConstructor.construct_yaml_int)
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
    line ends (a lone CR) become LF, so lines are counted alike everywhere. A Word document,
    web page or PDF is named as such (see filetypes), not reported as an encoding error."""
    foreign = filetypes.identify(data)
    if foreign is not None:
        raise LoadError(filetypes.refusal(foreign))
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


MAX_BYTES = limits.MAX_BYTES


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
