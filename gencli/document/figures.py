"""`{{ ... }}` figure references in narrative: checked by `validate`, filled in by `build`.

A reference is a sandboxed Jinja expression over the normalized report, and only value look-ups
(`applications.new.total`, `proactive['rules'].issued`) and a few simple filters are allowed —
no calls, no operators, no statements — so narrative can never reach Python internals. Jinja is
imported only when a text contains a reference, which keeps `validate` quick to start.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ALLOWED_FILTERS = frozenset({"abs", "round", "int", "string", "default"})
MAX_ROUND_DIGITS = 10  # `round(1000000000, "ceil")` computes 10**1000000000: validate never ended
ROUND_METHODS = ("common", "ceil", "floor")
_FORBIDDEN = {
    "Call": "调用函数",
    "Add": "运算",
    "Sub": "运算",
    "Mul": "运算",
    "Div": "运算",
    "FloorDiv": "运算",
    "Mod": "运算",
    "Pow": "运算",
    "Concat": "拼接",
    "Compare": "比较",
    "And": "逻辑运算",
    "Or": "逻辑运算",
    "Not": "逻辑运算",
    "CondExpr": "条件表达式",
    "List": "列表",
    "Dict": "字典",
    "Tuple": "元组",
    "Slice": "切片",
    "Test": "测试",
}
MARKERS = ("{{", "{%", "{#")


@dataclass(frozen=True)
class FigureError(Exception):
    """A reference that cannot be evaluated; `line` is 1-based within the text."""

    line: int
    message: str


def has_references(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


@functools.cache
def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # An undefined value is an error, never an empty string printed into the report.
    return ImmutableSandboxedEnvironment(
        autoescape=False, finalize=_printed, undefined=StrictUndefined
    )


@functools.lru_cache(maxsize=8)  # the texts of one report
def _compiled(text: str) -> Any:
    """A narrative compiled once: `validate` checks it and measures it, `build` fills it in,
    and compiling a long text is most of what each of them costs."""
    return _environment().from_string(text)


def _printed(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        raise TypeError("引用的是一组数字，不是一个数字")
    from jinja2 import Undefined

    if isinstance(value, Undefined):
        return str(value)  # StrictUndefined: raises UndefinedError, naming the value
    if callable(value):  # a function's address would change every run
        raise TypeError("引用的是一个函数，不是一个数字")
    return value


def _expressions(env: Any, text: str) -> list[tuple[int, str]]:
    """Each `{{ expression }}` with its line; statements and comments are refused."""
    from jinja2 import TemplateSyntaxError

    found: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    try:
        for line, token, value in env.lex(text):
            if token in ("block_begin", "comment_begin", "linestatement_begin"):
                raise FigureError(
                    line, "叙述中只能用 {{ }} 引用数字，不能使用 {% %} 语句或 {# #} 注释"
                )
            if token == "variable_begin":
                current, start = [], line
            elif token == "variable_end" and current is not None:
                found.append((start, "".join(current).strip()))
                current = None
            elif current is not None:
                current.append(value)
    except TemplateSyntaxError as error:
        raise FigureError(error.lineno or 1, f"数字引用写法有误：{error.message}") from None
    return found


def _check_nodes(node: Any, line: int) -> None:
    """Only names, look-ups with written subscripts, constants and the allowed filters."""
    from jinja2 import nodes

    allowed = (
        nodes.Template,
        nodes.Output,
        nodes.Name,
        nodes.Getattr,
        nodes.Getitem,
        nodes.Const,
        nodes.Filter,
        nodes.TemplateData,
    )
    if not isinstance(node, allowed):
        what = _FORBIDDEN.get(type(node).__name__, "这种写法")
        raise FigureError(
            line,
            f"数字引用中不允许{what}：只能引用数值，可加过滤器 "
            + "、".join(sorted(ALLOWED_FILTERS)),
        )
    if isinstance(node, nodes.Filter):
        _check_filter(node, line)
    if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
        raise FigureError(
            line, "数字引用的下标只能是写出的名称或数字（如 ['new'] 或 [0]），不能是另一个值"
        )
    if isinstance(node, (nodes.Getattr, nodes.Getitem)) and _path(node) is None:
        raise FigureError(line, "数字引用只能从报告中的名称查起（如 applications.new.total）")
    names = {nodes.Getattr: "attr", nodes.Name: "name"}
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        names[nodes.Getitem] = "arg"
    if type(node) in names:
        name = getattr(node, names[type(node)])
        name = name.value if isinstance(name, nodes.Const) else name
        if isinstance(name, str) and name.startswith("_"):
            raise FigureError(line, f"不允许引用以下划线开头的名称“{name}”")
    for child in node.iter_child_nodes():
        _check_nodes(child, line)


def _check_filter(node: Any, line: int) -> None:
    """An allowed filter with constant arguments (a name would print a function, `lipsum`, whose
    address changes every run), and `round` to a sane number of digits."""
    from jinja2 import nodes

    if node.name not in ALLOWED_FILTERS:
        raise FigureError(
            line, f"不允许的过滤器“{node.name}”：只能用 " + "、".join(sorted(ALLOWED_FILTERS))
        )
    arguments = [*node.args, *(pair.value for pair in node.kwargs)]
    if node.dyn_args or node.dyn_kwargs or not all(isinstance(a, nodes.Const) for a in arguments):
        raise FigureError(line, f"过滤器“{node.name}”的参数只能是写出的数字或文字")
    if node.name != "round":
        return
    given = {
        **dict(zip(("precision", "method"), node.args)),
        **{k.key: k.value for k in node.kwargs},
    }
    digits = getattr(given.get("precision"), "value", 0)
    method = getattr(given.get("method"), "value", "common")
    if type(digits) is not int or not 0 <= digits <= MAX_ROUND_DIGITS:
        raise FigureError(
            line, f"round 的位数应为 0 至 {MAX_ROUND_DIGITS} 之间的整数，这里是 {digits}"
        )
    if method not in ROUND_METHODS:
        raise FigureError(line, f"round 的方式只能是 {'、'.join(ROUND_METHODS)}，这里是“{method}”")


def _path(node: Any) -> list[Any] | None:
    """`a.b['c']` as ["a", "b", "c"]; None for anything that is not a plain look-up chain."""
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        base = _path(node.node)
        return None if base is None else [*base, node.attr]
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _path(node.node)
        return None if base is None else [*base, node.arg.value]
    if isinstance(node, nodes.Filter):
        return _path(node.node)
    return None


def _look_up(path: list[Any], context: dict, line: int) -> None:
    node: Any = context
    for depth, step in enumerate(path):
        if isinstance(node, list) and isinstance(step, int):  # a 规划's chapters, indicator rows
            if not -len(node) <= step < len(node):
                where = ".".join(map(str, path[:depth]))
                raise FigureError(
                    line,
                    f"数字引用“{'.'.join(map(str, path))}”无效：{where}只有 "
                    f"{len(node)} 项（从 0 数起），没有第 {step} 项",
                )
            node = node[step]
            continue
        if not isinstance(node, dict) or step not in node:
            where = ".".join(map(str, path[:depth])) or "报告"
            choices = "、".join(map(str, node)) if isinstance(node, dict) else ""
            hint = f"；可用：{choices}" if choices and len(choices) < 300 else ""
            raise FigureError(
                line, f"数字引用“{'.'.join(map(str, path))}”无效：{where}中没有“{step}”{hint}"
            )
        node = node[step]


def _check(env: Any, text: str, context: dict) -> list[FigureError]:
    """Every unsound reference of a text, each with its line."""
    try:
        expressions = _expressions(env, text)
    except FigureError as error:
        return [error]
    errors = []
    for line, expression in expressions:
        try:
            tree = env.parse("{{ " + expression + " }}")
            _check_nodes(tree, line)
            output = tree.body[0].nodes[0] if tree.body and tree.body[0].nodes else None
            path = _path(output) if output is not None else None
            if path is not None:
                _look_up(path, context, line)
        except FigureError as error:
            errors.append(error)
        except Exception as error:  # noqa: BLE001 - a syntax error inside one expression
            errors.append(FigureError(line, f"数字引用写法有误：{error}"))
    return errors


def render(text: str, context: dict) -> str:
    """The text with every reference replaced by its value; FigureError on the first bad one."""
    if not has_references(text):
        return text
    env = _environment()
    errors = _check(env, text, context)
    if errors:
        raise errors[0]
    try:
        return _compiled(text).render(context)
    except Exception as error:  # noqa: BLE001 - sandbox refusals and type errors, for the user
        raise FigureError(1, f"数字引用无法计算：{error}") from None


def problems(text: str, context: dict) -> list[FigureError]:
    """What `validate` reports for a narrative text (empty when every reference is sound)."""
    if not has_references(text):
        return []
    env = _environment()
    errors = _check(env, text, context)
    if not errors:
        try:
            _compiled(text).render(context)
        except Exception as error:  # noqa: BLE001 - as in render(): reported, not raised
            errors.append(FigureError(1, f"数字引用无法计算：{error}"))
    return errors
