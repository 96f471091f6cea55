"""ruamel.yaml's syntax errors, worded in Chinese and placed at the line an author must look at.

ruamel's problems are English sentences; an author needs to know what to change. Each is
matched by pattern (never shown in English), and before the generic wording the text around the
error is read for the mistakes a Chinese keyboard and copy-paste make most: a full-width colon
after a key, a full-width comma between figures, an empty cell, several lines of text without
`|`. Positions are counted as editors count them, in `\\n`-separated lines, and NEL, LS and PS
(U+0085, U+2028, U+2029) pasted into a comment are blanked: ruamel's scanner would end the comment
there and read its tail as content.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

# Line breaks as ruamel's marks count them (a lone CR too), and the breaks its scanner also ends
# a comment at (NEL, LS, PS), though its marks do not count them.
_YAML_BREAK = re.compile("\r\n|[\r\n]")
_LONE_CR = re.compile("\r(?!\n)")
_COMMENT_BREAK = re.compile("[\x85\u2028\u2029]")

# (pattern of ruamel's problem, the Chinese message); `{0}` is the character it names.
_PROBLEMS = [
    (r"found character '\\t' that cannot start any token", "不能用制表符（Tab）缩进，请改用空格"),
    (
        r"found character '(.)' that cannot start any token",
        '此处的“{0}”不能作为值的开头：请给整个值加引号，如 "{0}……"',
    ),
    (r"mapping values are not allowed here", "此处不能出现“键: 值”，多半是缩进不对或冒号后缺空格"),
    (r"sequence entries are not allowed here", "此处不能出现列表项“- ”，多半是缩进不对"),
    (r"mapping keys are not allowed here", "此处不能出现“? ”开头的键"),
    (r"could not find expected ':'", "缺少冒号“:”"),
    (r"found unexpected ':'", "此处的冒号“:”多余，或冒号后缺空格"),
    (r"expected <block end>, but found", "缩进不一致"),
    (r"did not find expected key", "缩进不一致或缺少键"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    (r"found undefined alias", "不允许使用 YAML 别名"),
    (r"expected the node content, but found '\]'", "列表在“]”前缺少内容"),
    (r"expected the node content, but found", "缺少内容"),
    (r"did not find expected node content", "缺少内容"),
    (r"expected ',' or '\]', but got", "列表没有正确闭合，缺少“,”或“]”"),
    (r"expected ',' or '}', but got", "映射没有正确闭合，缺少“,”或“}”"),
    (r"found unknown escape character", "双引号内有无效的转义字符（要写反斜杠请用单引号）"),
    (r"but found another document", "一个文件只能写一份报告：此处的“---”或“...”开始了第二个文档"),
    (r"found unexpected document separator", "一个文件只能写一份报告：此处的“---”开始了第二个文档"),
    (r"found non-comment content after document end marker", "“...”（文档结束）之后不能再写内容"),
    (r"expected '<document start>'", "一个文件只能写一份报告：此处开始了第二个文档"),
    (r"expected chomping or indentation indicators", "“|”或“>”之后只能跟“-”“+”或数字"),
    (r"expected indentation indicator in the range 1-9", "“|”之后的缩进数字应在 1 至 9 之间"),
    (r"expected a comment or a line break", "“|”或“>”之后同一行只能写注释"),
    (r"found duplicate YAML directive|found incompatible YAML document", "不支持此 YAML 指令"),
    (r"expected ' ', but found", "冒号、短横线或“#”后应有空格"),
]
_PATTERNS = [(re.compile(pattern), message) for pattern, message in _PROBLEMS]
GENERIC = "无法解析此处的内容，请检查缩进、冒号和括号"

_FULL_WIDTH_COLON = re.compile(r"^[ ]*(?:-[ ]+)?([A-Za-z_][\w-]*)[ ]*：")
_FULL_WIDTH_COMMA = re.compile(r"[\[{][^\]}#]*?[0-9][ ]*(，)")
_KEY_LINE = re.compile(r"^([ ]*)(?:-[ ]+)?([A-Za-z_][\w-]*):(?:[ ]+([^|>#\s].*))?[ ]*$")


_COMMENT = re.compile(r"(?:^|(?<=[ ]))#[^\n]*", re.MULTILINE)


def blank_breaks_in_comments(text: str) -> str:
    """NEL, LS and PS inside a comment (pasted from Word) as spaces: ruamel would end the
    comment there and read the rest of it as content. The length is kept, so are columns."""
    if not _COMMENT_BREAK.search(text):
        return text
    return _COMMENT.sub(lambda m: _COMMENT_BREAK.sub(" ", m.group()), text)


class Lines:
    """From ruamel's (line, column) or character index to an editor's 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.shifted = bool(_LONE_CR.search(text))
        if self.shifted:
            self.yaml_starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]

    def of_index(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def of_mark(self, line: int, column: int) -> tuple[int, int]:
        """ruamel's 0-based line and column, as 1-based ones in `\\n` lines."""
        if not self.shifted:
            return line + 1, column + 1
        start = self.yaml_starts[min(line, len(self.yaml_starts) - 1)]
        return self.of_index(start + column)

    def line(self, number: int) -> str:
        """The text of a 1-based line (empty past the end)."""
        if not 1 <= number <= len(self.starts):
            return ""
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[self.starts[number - 1] : end].rstrip("\r")


def remap(node: Any, lines: Lines) -> None:
    """Rewrite the positions ruamel kept on a tree in `\\n` lines (only needed when the text
    has a lone CR, which ruamel counts as a line break)."""
    data = getattr(getattr(node, "lc", None), "data", None)
    if data is not None:
        for where in data.values():
            for at in range(0, len(where) - 1, 2):
                line, column = lines.of_mark(where[at], where[at + 1])
                where[at], where[at + 1] = line - 1, column - 1
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        remap(child, lines)


def _wording(problem: str) -> str:
    for pattern, message in _PATTERNS:
        match = pattern.search(problem)
        if match:
            return message.format(*match.groups())
    return GENERIC


def _keyboard(lines: Lines, line: int) -> tuple[str, int, int] | None:
    """A full-width colon or comma on the error's line or just above it."""
    for number in range(line, max(line - 3, 0), -1):
        text = lines.line(number)
        colon = _FULL_WIDTH_COLON.match(text)
        if colon:
            return (
                f"键“{colon[1]}”后用了全角冒号“：”：请改为半角冒号加空格（{colon[1]}: ……）",
                number,
                colon.end(),
            )
        comma = _FULL_WIDTH_COMMA.search(text)
        if comma:
            return (
                "数字之间用了全角逗号“，”：请改为半角逗号“,”（如 [18, 4, 0]）",
                number,
                comma.start(1) + 1,
            )
    return None


def _unpiped(lines: Lines, line: int) -> tuple[str, int, int] | None:
    """Several lines of text under a key written without `|`: the key whose value they are."""
    text = lines.line(line)
    indent = len(text) - len(text.lstrip(" "))
    for number in range(line - 1, 0, -1):
        above = lines.line(number)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if len(above) - len(above.lstrip(" ")) >= indent:
            if re.search(r"[^\x00-\x7f]", above) and not re.search(r":( |$)", above):
                continue  # a line of the text itself
            return None
        key = _KEY_LINE.match(above)
        own = [lines.line(n) for n in range(number, line + 1)]
        if key is None or not any(re.search(r"[^\x00-\x7f]", t.split("#")[0]) for t in own):
            return None  # no text written in Chinese: a real indentation mistake
        return (
            f"“{key[2]}”的文字写成了多行，但冒号后没有“|”：文字里的“: ”“- ”被当成了 YAML 的"
            f"写法。请写成“{key[2]}: |”，再把文字逐行缩进写在下面",
            number,
            len(key[1]) + 1,
        )
    return None


def explain(problem: str, lines: Lines, line: int, column: int) -> tuple[str, int, int]:
    """The Chinese message for one of ruamel's problems and where to show it."""
    hint = _keyboard(lines, line)
    if hint:
        return hint
    if problem.startswith("expected the node content, but found ','"):
        return "列表中有空项（两个逗号之间什么也没写）：没有的数请填 0", line, column
    wording = _wording(problem)
    if any(
        problem.startswith(s) for s in ("mapping values", "sequence entries", "expected <block")
    ):
        unpiped = _unpiped(lines, line)
        if unpiped:
            return unpiped
    return f"YAML 语法错误：{wording}", line, column


MAX_NESTING = 32  # a report nests five deep; far deeper is a mistake, not a report


def too_deep(text: str) -> tuple[int, int]:
    """Where nesting first goes past any report's depth: brackets opened, or indentation."""
    lines = Lines(text)
    depth = 0
    for index, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return lines.of_index(index)
        elif ch in "]}":
            depth -= 1
    for number in range(1, len(lines.starts) + 1):
        line = lines.line(number)
        if len(line) - len(line.lstrip(" ")) > 2 * MAX_NESTING:
            return number, 1
    return 1, 1
