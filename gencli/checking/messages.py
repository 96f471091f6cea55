"""Chinese messages for schema errors, built from the error's keyword, the values involved and
the schema's titles — never by translating jsonschema's English text."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jsonschema import ValidationError

from gencli.base.numerals import show

_TYPE_NAMES = {
    "integer": "整数",
    "number": "数字",
    "string": "文本",
    "object": "映射（键: 值）",
    "array": "列表",
    "boolean": "是/否",
    "null": "空值",
}


@dataclass(frozen=True)
class Finding:
    """A message and the instance path it is about; `at_key` places it on the key itself."""

    path: tuple[Any, ...]
    message: str
    at_key: bool = False


def describe(value: Any) -> str:
    """What the user wrote, named the way a user would recognise it."""
    if value is None:
        return "空值（什么也没写）"
    if isinstance(value, bool):
        return f"逻辑值 {str(value).lower()}"
    if isinstance(value, str):
        return f"文本“{value}”" if len(value) <= 30 else f"一段 {len(value)} 字的文本"
    if isinstance(value, Decimal):
        return f"小数 {show(value)}"
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, list):
        return f"含 {len(value)} 项的列表"
    if isinstance(value, dict):
        return "映射（键: 值）"
    return str(value)


# A figure typed with its unit: 12件, 2025年, 3.5 万元.
_NUMBER_WITH_UNIT = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*([^\s0-9.,，]{1,4})\s*")


def _type_message(error: ValidationError) -> str:
    expected = error.validator_value
    expected = expected if isinstance(expected, list) else [expected]
    names = "或".join(_TYPE_NAMES.get(t, str(t)) for t in expected)
    message = f"应为{names}，这里是{describe(error.instance)}"
    value = error.instance
    if "integer" in expected and isinstance(value, Decimal):
        message += "：件数只能是整数"
    elif set(expected) & {"integer", "number"} and isinstance(value, str):
        if any("０" <= ch <= "９" for ch in value):
            message += "：请把全角数字改为半角数字（如 １２ → 12）"
        elif unit := _NUMBER_WITH_UNIT.fullmatch(value):
            message += f"：请只写数字 {unit[1]}，不要带“{unit[2]}”"
        else:
            message += "：数字不要加引号、单位或其他文字"
    return message


def _allowed(schema: dict) -> list[str]:
    return list(schema.get("properties", {}))


def _unknown_keys(error: ValidationError) -> Iterator[Finding]:
    properties = error.schema.get("properties", {})
    allowed = "、".join(
        f"{key}（{sub['title']}）" if "title" in sub else key for key, sub in properties.items()
    )
    fixed_unit = next(
        (s["title"] for s in properties.values() if "单位：" in s.get("title", "")), ""
    )
    for key in error.instance:
        if key in properties:
            continue
        if key == "unit" and fixed_unit:
            yield Finding(
                (*error.absolute_path, key),
                f"此处不能写 unit：单位由表格规定（{fixed_unit}），请删去 unit，金额按此单位填写",
                at_key=True,
            )
            continue
        close = difflib.get_close_matches(str(key), list(properties), n=1, cutoff=0.6)
        hint = f"您是不是要写“{close[0]}”？" if close else ""
        yield Finding(
            (*error.absolute_path, key),
            f"未知的键“{key}”。{hint}允许的键：{allowed or '无'}",
            at_key=True,
        )


def _missing_keys(error: ValidationError) -> Iterator[Finding]:
    properties = error.schema.get("properties", {})
    for key in error.validator_value:
        if isinstance(error.instance, dict) and key not in error.instance:
            title = properties.get(key, {}).get("title")
            label = f"“{key}”（{title}）" if title else f"“{key}”"
            yield Finding(tuple(error.absolute_path), f"缺少必填项{label}")


def _items_message(error: ValidationError) -> str:
    items = error.schema.get("items", [])
    titles = [item.get("title", "") for item in items] if isinstance(items, list) else []
    low, high = error.schema.get("minItems"), error.schema.get("maxItems")
    count = len(error.instance)
    if titles and low is not None and high == low + 1:
        return (
            f"应有 {low} 个数（{'、'.join(titles[:low])}），可再加第 {high} 个数“{titles[low]}”；"
            f"这里有 {count} 个"
        )
    return f"应有 {low} 至 {high} 项，这里有 {count} 项"


def _choice_message(error: ValidationError) -> str:
    values = "、".join(str(v) for v in error.validator_value)
    return f"应为以下之一：{values}；这里是{describe(error.instance)}"


def _simple_message(error: ValidationError) -> str | None:
    keyword, value, instance = error.validator, error.validator_value, error.instance
    override = error.schema.get("x-messages", {}).get(keyword)
    if override:
        return f"{override}（这里是{describe(instance)}）"
    if keyword == "type":
        return _type_message(error)
    if keyword == "minimum":
        if value == 0:
            return f"不能为负数，这里是 {show(instance)}"
        return f"不能小于 {value}，这里是 {show(instance)}"
    if keyword == "maximum":
        if value >= 10**14:
            return f"数字过大（超过 15 位）：{show(instance)}"
        return f"不能大于 {value}，这里是 {show(instance)}"
    if keyword in ("minItems", "maxItems"):
        return _items_message(error)
    if keyword == "enum":
        return _choice_message(error)
    if keyword == "const":
        return f"应为“{value}”，这里是{describe(instance)}"
    if keyword == "format" and value == "date":
        return f"日期应写成 2021-01-29 这样的有效日期，这里是{describe(instance)}"
    if keyword == "minLength":
        return "不能为空"
    if keyword == "pattern":
        return f"格式不符合要求，这里是{describe(instance)}"
    return None


def _branches(error: ValidationError) -> dict[int, list[ValidationError]]:
    groups: dict[int, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        groups[sub.relative_schema_path[0]].append(sub)
    return groups


def _is_type_mismatch(errors: list[ValidationError]) -> bool:
    return any(e.validator == "type" and not e.relative_path for e in errors)


def _form_name(branch: dict) -> str:
    """The name of one way of writing a value: `x-alternative`, not `title`, so that editors'
    hover shows the field's own title rather than the branch's."""
    return branch.get("x-alternative", branch.get("title", ""))


def _alternatives(error: ValidationError) -> Iterator[Finding]:
    """anyOf/oneOf: explain the branch that has the instance's type; if none has, list them."""
    branches = _branches(error)
    fitting = {i: errs for i, errs in branches.items() if not _is_type_mismatch(errs)}
    if not fitting:
        forms = "；".join(
            f"{_form_name(s)}（{s.get('description', '')}）".replace("（）", "")
            for s in error.validator_value
        )
        yield Finding(
            tuple(error.absolute_path),
            f"写法不对，这里是{describe(error.instance)}；可用的写法：{forms}",
        )
        return
    best = min(fitting.values(), key=len)
    if len(fitting) > 1:
        forms = "、".join(_form_name(error.validator_value[i]) or str(i) for i in fitting)
        for finding in explain_all(best):
            yield Finding(
                finding.path, finding.message + f"（可用的写法：{forms}，不能混用）", finding.at_key
            )
        return
    yield from explain_all(best)


def explain(error: ValidationError) -> Iterator[Finding]:
    """One jsonschema error as findings (an unknown-keys error gives one per key)."""
    if error.validator == "additionalProperties":
        yield from _unknown_keys(error)
    elif error.validator == "required":
        yield from _missing_keys(error)
    elif error.validator in ("anyOf", "oneOf"):
        yield from _alternatives(error)
    elif error.validator == "additionalItems" and "maxItems" in error.schema:
        return  # maxItems says it better
    else:
        message = _simple_message(error)
        if message is None:
            message = f"不符合要求（{error.validator}）"
        yield Finding(tuple(error.absolute_path), message)


def explain_all(errors: list[ValidationError]) -> list[Finding]:
    """Every error's findings, each once, in order (a dict keeps order and looks up in O(1))."""
    findings: dict[Finding, None] = {}
    for error in errors:
        for finding in explain(error):
            findings.setdefault(finding)
    return list(findings)
