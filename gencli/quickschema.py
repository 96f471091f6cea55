"""A yes/no form of a report schema, compiled once: "would jsonschema find anything here?"

jsonschema spends ~50 µs of bookkeeping on every subschema it descends into (paths, resolver
scopes, evolved validators), so its two passes over a report (structure, then the `x-` rules)
cost most of a check. Most reports are clean, and for them only the answer matters. This module
compiles a schema into plain closures that answer it; when the answer is "something is wrong",
`validation` runs jsonschema as before for the errors and their words.

The closures implement exactly the Draft 7 keywords that the report schemas use, with
jsonschema's own semantics (its type checker, format checker and equality), and call the `x-`
keyword functions of `keywords` themselves. A schema using any other keyword that jsonschema
would evaluate is not compiled: `passes` then says False and jsonschema does all the work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jsonschema import Draft7Validator
from jsonschema._utils import equal
from jsonschema.exceptions import UndefinedTypeCheck

Check = Callable[[Any], bool]

_TYPES = Draft7Validator.TYPE_CHECKER
_FORMATS = Draft7Validator.FORMAT_CHECKER


class Unsupported(Exception):
    """The schema uses a keyword this module does not compile."""


class _Unsure(Exception):
    """An `x-` keyword asked the validator for something the compiled form does not offer."""


def _is(kind: str) -> Callable[[Any], bool]:
    """jsonschema's own check for a type name, with a shortcut for the plain Python types of a
    report whose answer it is sure of (`isinstance` through the numbers ABC is slow)."""
    checker = _TYPES._type_checkers[kind]  # what TYPE_CHECKER.is_type(instance, kind) calls
    sure = _SURE.get(kind, {})

    def check(instance: Any) -> bool:
        answer = sure.get(type(instance))
        return checker(_TYPES, instance) if answer is None else answer

    return check


_SURE = {
    "object": {dict: True, list: False, str: False, int: False, Decimal: False},
    "array": {list: True, dict: False, str: False, int: False, Decimal: False},
    "string": {str: True, dict: False, list: False, int: False, Decimal: False},
    "number": {int: True, Decimal: True, str: False, dict: False, list: False, bool: False},
    "integer": {int: True, str: False, dict: False, list: False, bool: False},
}
_is_object, _is_array, _is_string, _is_number = (
    _is("object"), _is("array"), _is("string"), _is("number"))


class _Compiler:
    """Compiles the subschemas of one root schema for one validator class, each once."""

    def __init__(self, root: dict, validator_class: Any) -> None:
        self.root = root
        self.evaluated = validator_class.VALIDATORS
        self.compiled: dict[int, Check] = {}
        self.keep: list[Any] = []  # keeps compiled subschemas alive, so their ids stay theirs

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda instance: True
        if schema is False:
            return lambda instance: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        key = id(schema)
        if key not in self.compiled:
            self.keep.append(schema)
            self.compiled[key] = self._all(schema)
        return self.compiled[key]

    def _all(self, schema: dict) -> Check:
        # Draft 7 ignores every sibling of $ref, as jsonschema's Draft7Validator does.
        pairs = [("$ref", schema["$ref"])] if "$ref" in schema else list(schema.items())
        checks = []
        for keyword, value in pairs:
            if keyword not in self.evaluated:
                continue  # annotations (title, x-messages…) and then/else, read by `if`
            build = getattr(self, "k_" + keyword.replace("$", "").replace("-", "_"), None)
            if build is not None and keyword in Draft7Validator.VALIDATORS:
                checks.append(build(value, schema))
            elif keyword not in Draft7Validator.VALIDATORS:
                checks.append(self._custom(keyword, value, schema))
            else:
                raise Unsupported(keyword)
        if len(checks) == 1:
            return checks[0]

        def every(instance: Any) -> bool:
            for check in checks:
                if not check(instance):
                    return False
            return True

        return every

    def _custom(self, keyword: str, value: Any, schema: dict) -> Check:
        """An `x-` keyword: its own function, valid when it yields nothing."""
        function = self.evaluated[keyword]
        shim = _Shim(self)
        return lambda instance: next(iter(function(shim, value, instance, schema)), None) is None

    def lazy(self, schema: Any) -> Check:
        """Compile on first use: $ref targets may refer back to themselves."""
        cell: list[Check] = []

        def check(instance: Any) -> bool:
            if not cell:
                cell.append(self.compile(schema))
            return cell[0](instance)

        return check

    # --- Draft 7 keywords, as jsonschema's _keywords and _legacy_keywords evaluate them ---

    def k_ref(self, ref: str, schema: dict) -> Check:
        prefix = "#/definitions/"
        if not ref.startswith(prefix) or "/" in ref[len(prefix):]:
            raise Unsupported(f"$ref {ref}")
        return self.lazy(self.root["definitions"][ref[len(prefix):]])

    def k_type(self, types: Any, schema: dict) -> Check:
        kinds = [types] if isinstance(types, str) else list(types)
        for kind in kinds:
            try:
                _TYPES.is_type(None, kind)
            except UndefinedTypeCheck:
                raise Unsupported(f"type {kind}") from None
        if len(kinds) == 1:
            return _is(kinds[0])
        return lambda instance: any(_TYPES.is_type(instance, kind) for kind in kinds)

    def k_properties(self, properties: dict, schema: dict) -> Check:
        checks = [(name, self.compile(sub)) for name, sub in properties.items()]

        def check(instance: Any) -> bool:
            if not _is_object(instance):
                return True
            for name, sub in checks:
                if name in instance and not sub(instance[name]):
                    return False
            return True

        return check

    def k_additionalProperties(self, extra: Any, schema: dict) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = schema.get("properties", {})
        sub = self.compile(extra) if _is_object(extra) else None

        def check(instance: Any) -> bool:
            if not _is_object(instance):
                return True
            extras = [key for key in instance if key not in known]
            if sub is not None:
                return all(sub(instance[key]) for key in extras)
            return bool(extra) or not extras

        return check

    def k_required(self, names: list, schema: dict) -> Check:
        return lambda instance: not _is_object(instance) or all(n in instance for n in names)

    def k_propertyNames(self, names: Any, schema: dict) -> Check:
        sub = self.compile(names)
        return lambda instance: not _is_object(instance) or all(sub(key) for key in instance)

    def k_items(self, items: Any, schema: dict) -> Check:
        if _is_array(items):
            subs = [self.compile(sub) for sub in items]
            return lambda instance: not _is_array(instance) or all(
                sub(item) for item, sub in zip(instance, subs))
        sub = self.compile(items)
        return lambda instance: not _is_array(instance) or all(sub(item) for item in instance)

    def k_additionalItems(self, extra: Any, schema: dict) -> Check:
        items = schema.get("items", {})
        if _is_object(items):
            return lambda instance: True
        count = len(items)
        if _is_object(extra):
            sub = self.compile(extra)
            return lambda instance: not _is_array(instance) or all(
                sub(item) for item in instance[count:])
        return lambda instance: not _is_array(instance) or bool(extra) or len(instance) <= count

    def k_minItems(self, least: int, schema: dict) -> Check:
        return lambda instance: not _is_array(instance) or len(instance) >= least

    def k_maxItems(self, most: int, schema: dict) -> Check:
        return lambda instance: not _is_array(instance) or len(instance) <= most

    def k_minimum(self, least: Any, schema: dict) -> Check:
        return lambda instance: not _is_number(instance) or not instance < least

    def k_maximum(self, most: Any, schema: dict) -> Check:
        return lambda instance: not _is_number(instance) or not instance > most

    def k_minLength(self, least: int, schema: dict) -> Check:
        return lambda instance: not _is_string(instance) or len(instance) >= least

    def k_pattern(self, pattern: str, schema: dict) -> Check:
        search = re.compile(pattern).search
        return lambda instance: not _is_string(instance) or search(instance) is not None

    def k_format(self, name: str, schema: dict) -> Check:
        return lambda instance: _FORMATS.conforms(instance, name)

    def k_enum(self, choices: list, schema: dict) -> Check:
        return lambda instance: any(equal(choice, instance) for choice in choices)

    def k_const(self, value: Any, schema: dict) -> Check:
        return lambda instance: equal(instance, value)

    def k_allOf(self, subschemas: list, schema: dict) -> Check:
        subs = [self.compile(sub) for sub in subschemas]
        return lambda instance: all(sub(instance) for sub in subs)

    def k_anyOf(self, subschemas: list, schema: dict) -> Check:
        subs = [self.compile(sub) for sub in subschemas]
        return lambda instance: any(sub(instance) for sub in subs)

    def k_oneOf(self, subschemas: list, schema: dict) -> Check:
        subs = [self.compile(sub) for sub in subschemas]
        return lambda instance: sum(1 for sub in subs if sub(instance)) == 1

    def k_not(self, subschema: Any, schema: dict) -> Check:
        sub = self.compile(subschema)
        return lambda instance: not sub(instance)

    def k_if(self, condition: Any, schema: dict) -> Check:
        test = self.compile(condition)
        then = self.compile(schema["then"]) if "then" in schema else None
        otherwise = self.compile(schema["else"]) if "else" in schema else None

        def check(instance: Any) -> bool:
            branch = then if test(instance) else otherwise
            return branch is None or branch(instance)

        return check


class _Shim:
    """What the `x-` keyword functions use of a jsonschema validator: evolve(schema).is_valid."""

    def __init__(self, compiler: _Compiler, schema: Any = None) -> None:
        self._compiler, self._schema = compiler, schema

    def evolve(self, schema: Any) -> _Shim:
        return _Shim(self._compiler, schema)

    def is_valid(self, instance: Any) -> bool:
        return self._compiler.compile(self._schema)(instance)

    def is_type(self, instance: Any, kind: str) -> bool:
        return _TYPES.is_type(instance, kind)

    def __getattr__(self, name: str) -> Any:
        raise _Unsure(name)


_COMPILED: dict[tuple[int, Any], tuple[dict, Check | None]] = {}


def compiled(schema: dict, validator_class: Any = Draft7Validator) -> Check | None:
    """The schema's yes/no check under `validator_class`, compiled on first use; None when the
    schema uses a keyword this module does not compile."""
    key = (id(schema), validator_class)
    entry = _COMPILED.get(key)
    if entry is None or entry[0] is not schema:
        try:
            check: Check | None = _Compiler(schema, validator_class).compile(schema)
        except Unsupported:
            check = None
        entry = _COMPILED[key] = (schema, check)
    return entry[1]


def passes(schema: dict, instance: Any, validator_class: Any = Draft7Validator) -> bool:
    """True only if `validator_class(schema, format_checker=FORMAT_CHECKER)` would find
    nothing in `instance`; False means "ask jsonschema" (there is something, or we cannot tell).
    `x-` keywords read `keywords.current_run`, so call it inside the run, as jsonschema is."""
    check = compiled(schema, validator_class)
    if check is None:
        return False
    try:
        return check(instance)
    except _Unsure:
        return False
