"""Check a report: YAML, then structure, then arithmetic and warnings, then figure references
and, given last year's report, the cross-year rules.

Structure comes first and alone (the mkdocs way): arithmetic on a malformed table would only
add noise, so the `x-` keywords run once every structural error is fixed. Within a phase every
finding of the file is reported, not just the first.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

from gencli.base import paths
from gencli.base.characters import INVISIBLE, named
from gencli.checking import editions, keyboard, keywords, locate, messages
from gencli.checking.diagnostics import ERROR, WARNING, Diagnostic
from gencli.document import figures
from gencli.kinds import KINDS, NAMES
from gencli.loading import fastyaml
from gencli.loading.reader import LoadError, load_text, read_report


@functools.cache
def load_schema(kind: str) -> dict:
    return json.loads(paths.schema_file(kind).read_text(encoding="utf-8"))


@dataclass
class Checked:
    """The outcome of checking one file; `normalized` is set when it has no errors."""

    name: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    raw: Any = None
    normalized: dict | None = None
    # The report normalized after the structure check alone, set even when its figures do not
    # add up: the preview shows such a report with the wrong cells marked.
    structural: dict | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def kind(self) -> str | None:
        return self.raw.get("kind") if isinstance(self.raw, dict) else None


class _Reporter:
    """Turns instance paths into positioned, labelled diagnostics for one file."""

    def __init__(self, name: str, schema: dict, root: Any) -> None:
        self.name, self.schema, self.root = name, schema, root
        self._applicable: dict = {}  # see locate.applicable: one validation per mapping

    def at(
        self,
        path: tuple,
        message: str,
        severity: str = ERROR,
        at_key: bool = False,
        line_offset: int = 0,
    ) -> Diagnostic:
        """`line_offset` moves into a block of narrative (its column is then the line's start)."""
        line, column = locate.position(self.root, path, key=at_key)
        if line_offset:
            line, column = line + line_offset, 1
        return Diagnostic(
            self.name,
            line,
            column,
            severity,
            message,
            locate.labels(self.schema, self.root, path, self._applicable),
        )


# Characters XML 1.0 cannot hold (a double-quoted YAML escape such as "\x01" can produce them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _unprintable(reporter: _Reporter, root: Any, path: tuple = ()) -> list[Diagnostic]:
    """Every text holding a control character: Word and HTML could not carry it."""
    found = []
    items = (
        root.items()
        if isinstance(root, dict)
        else enumerate(root)
        if isinstance(root, list)
        else ()
    )
    for key, value in items:
        for text in (key, value):
            if not isinstance(text, str):
                continue
            match = _NOT_XML.search(text)
            if match:
                found.append(
                    reporter.at(
                        (*path, key),
                        f"含有不可打印的控制字符 U+{ord(match.group()):04X}，"
                        "Word 和网页都无法容纳，请删除它",
                    )
                )
                break
        if isinstance(value, (dict, list)):
            found += _unprintable(reporter, value, (*path, key))
    return found


def _invisible_characters(reporter: _Reporter, root: Any, path: tuple = ()) -> list[Diagnostic]:
    """Every text holding a bidi control or zero-width character. Checked after the structure
    (not with the control characters above), so that `diff` still compares such a version
    and shows the characters escaped."""
    found = []
    items = root.items() if isinstance(root, dict) else enumerate(root)
    for key, value in items:
        for text in (key, value):
            if isinstance(text, str) and (match := INVISIBLE.search(text)):
                found.append(_invisible(reporter, (*path, key), text, match.start()))
                break
        if isinstance(value, (dict, list)):
            found += _invisible_characters(reporter, value, (*path, key))
    return found


def _invisible(reporter: _Reporter, path: tuple, text: str, at: int) -> Diagnostic:
    """A bidi control or zero-width character (see base.characters), at its line in a text of
    several lines."""
    line = text.count("\n", 0, at) + 1
    message = (
        f"含有看不见的字符 {named(text[at])}（双向文字控制符、零宽字符或控制字符）："
        "它会悄悄改变文字和数字的显示顺序（如把 92 显示成 29）或夹在字中间，请删除它"
    )
    if line == 1:
        return reporter.at(path, message)
    return reporter.at(path, message, line_offset=_line_offset(text, line))


def _kind_problem(name: str, root: Any) -> Diagnostic | None:
    if not isinstance(root, dict):
        return Diagnostic(
            name, 1, 1, ERROR, f"报告应为映射（每行“键: 值”），这里是{messages.describe(root)}"
        )
    kind = root.get("kind")
    known = "、".join(NAMES)
    if kind is None:
        return Diagnostic(name, 1, 1, ERROR, f"缺少必填项“kind”（报告种类），可选：{known}")
    if kind not in KINDS:
        line, column = locate.position(root, ("kind",))
        return Diagnostic(
            name, line, column, ERROR, f"未知的报告种类“{kind}”，可选：{known}", ("报告种类",)
        )
    return None


def _structure(reporter: _Reporter, schema: dict, root: Any) -> list[Diagnostic]:
    """Keyboard mistakes first, then the schema's errors they do not already explain."""
    mistakes = keyboard.find(root, {path for path, _ in narratives(schema, schema, root)})
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors, findings = editions.explain(schema, root, list(validator.iter_errors(root)))
    findings = mistakes.findings + [
        f for f in findings + messages.explain_all(errors) if not mistakes.covers(f.path)
    ]
    return [reporter.at(f.path, f.message, at_key=f.at_key) for f in findings]


def _printer(normalized: dict):
    def printed(text: str) -> str:
        from gencli.document.narrative import plain_text

        try:
            return plain_text(figures.render(text, normalized))
        except figures.FigureError:
            return plain_text(text)

    return printed


def _arithmetic(reporter: _Reporter, schema: dict, root: Any, normalized: dict) -> list[Diagnostic]:
    validator = keywords.ReportValidator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    token = keywords.current_run.set(keywords.Run(schema, _printer(normalized)))
    try:
        errors = list(validator.iter_errors(root))
    finally:
        keywords.current_run.reset(token)
    found = []
    for error in _through_alternatives(errors):
        severity = WARNING if error.validator in keywords.WARNING_KEYWORDS else ERROR
        found.append(reporter.at(tuple(error.absolute_path), error.message, severity))
    return found


def _through_alternatives(errors: list) -> Iterator:
    """The `x-` keyword errors inside an `anyOf` (the 2021 （六）其他处理, a plain row or a group
    of three): the structure check has already settled which form was written, so the
    alternative fails only by its arithmetic, and that is the message to give, at its cell."""
    for error in errors:
        inner = [e for e in error.context or () if str(e.validator).startswith("x-")]
        if error.validator in ("anyOf", "oneOf") and inner:
            yield from _through_alternatives(inner)
        else:
            yield error


def narratives(
    root_schema: dict, schema: dict, value: Any, path: tuple = ()
) -> Iterator[tuple[tuple, str]]:
    """Every narrative text of a report with its path: the `x-narrative` properties at any depth
    (a 规划's chapters hold theirs in a list), through `$ref`s and `allOf`."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/definitions/"):
        schema = root_schema["definitions"][ref.rsplit("/", 1)[-1]]
    for part in schema.get("allOf", []):
        yield from narratives(root_schema, part, value, path)
    if schema.get("x-narrative"):
        if isinstance(value, str):
            yield path, value
    elif isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                yield from narratives(root_schema, sub, value[key], (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from narratives(root_schema, schema["items"], item, (*path, index))


def _line_offset(text: str, line: int) -> int:
    """From a narrative's own line to the YAML line: a block scalar starts below its key."""
    block = type(text).__name__ in ("LiteralScalarString", "FoldedScalarString")
    return line - (0 if block else 1)


def _unsupported_markup(reporter: _Reporter, schema: dict, root: dict) -> list[Diagnostic]:
    from gencli.document.narrative import typed_numbering, unsupported

    found = []
    for path, text in narratives(schema, schema, root):
        for line, message in unsupported(text):
            found.append(reporter.at(path, message, line_offset=_line_offset(text, line)))
        for line, message in typed_numbering(text):  # printed without it: a warning
            found.append(reporter.at(path, message, WARNING, line_offset=_line_offset(text, line)))
    return found


def _table_budget(reporter: _Reporter, schema: dict, root: dict) -> list[Diagnostic]:
    """The narratives' tables together within `limits.MAX_TABLE_CELLS` (each table's own
    width and length are checked with the other markup)."""
    from gencli.base.limits import MAX_TABLE_CELLS
    from gencli.document import markdown_limits

    cells = 0
    for path, text in narratives(schema, schema, root):
        if "|" in text:
            cells += markdown_limits.table_cells(text)
            if cells > MAX_TABLE_CELLS:
                return [reporter.at(path, markdown_limits.too_many_cells(cells))]
    return []


def _placeholders(reporter: _Reporter, schema: dict, root: dict) -> list[Diagnostic]:
    """Warnings where a skeleton's placeholder text is still in a narrative (see placeholders)."""
    from gencli.checking import placeholders

    listed = schema.get("x-placeholders", ())
    return [
        reporter.at(path, placeholders.message(text), WARNING, line_offset=_line_offset(body, line))
        for path, body in narratives(schema, schema, root)
        for line, text in placeholders.left_in(body, listed)
    ]


def _unbuildable(
    reporter: _Reporter, schema: dict, root: dict, normalized: dict
) -> list[Diagnostic]:
    """What `build` could not write although the report is sound (see buildable)."""
    from gencli.checking import buildable

    found = []
    reason = buildable.title_too_long(normalized.get("title") or "", "title" in root)
    if reason:
        found.append(reporter.at(("title",) if "title" in root else ("agency",), reason))
    printed = _printer(normalized)
    top_level = schema.get("x-heading-level", 1)
    for path, text in narratives(schema, schema, root):
        problems = list(buildable.numbering_overflow(text, top_level))
        if figures.has_references(text):
            problems += buildable.control_characters(text, printed)
        found += [
            reporter.at(path, message, line_offset=_line_offset(text, line))
            for line, message in problems
        ]
    return found


def _figure_references(
    reporter: _Reporter, schema: dict, root: dict, normalized: dict
) -> list[Diagnostic]:
    found = []
    for path, text in narratives(schema, schema, root):
        if not figures.has_references(text):
            continue
        for problem in figures.problems(text, normalized):
            found.append(
                reporter.at(path, problem.message, line_offset=_line_offset(text, problem.line))
            )
    return found


def _typed_figures(
    reporter: _Reporter, schema: dict, root: dict, normalized: dict
) -> list[Diagnostic]:
    """Numbers typed in the narrative that the tables contradict (`NARRATIVE_FIGURES`)."""
    rules = getattr(KINDS[root["kind"]].form, "NARRATIVE_FIGURES", ())
    if not rules:
        return []
    from gencli.checking.narrative_figures import contradictions

    return [
        reporter.at(path, message, WARNING, line_offset=_line_offset(text, line))
        for path, text in narratives(schema, schema, root)
        for line, message in contradictions(text, normalized, rules)
    ]


def _read_yaml(text: str) -> Any:
    """The YAML with the position of every entry: reports in the plain shape read by
    `fastyaml` (C speed), the rest by `load_text`, whose refusals (LoadError) are worded for
    the user."""
    root = fastyaml.load(text)
    return load_text(text) if root is fastyaml.DECLINED else root


def read_structure(text: str, name: str) -> tuple[Any, dict | None, list[Diagnostic]]:
    """A report read as far as its structure: (the YAML, its normalized form or None, the
    errors that stopped it). Each side of `diff` and last year's report need no more."""
    try:
        root = _read_yaml(text)
    except LoadError as error:
        return None, None, [Diagnostic(name, error.line, error.column, ERROR, error.message)]
    problem = _kind_problem(name, root)
    if problem:
        return root, None, [problem]
    schema = load_schema(root["kind"])
    reporter = _Reporter(name, schema, root)
    found = _unprintable(reporter, root) + _structure(reporter, schema, root)
    texts = [path for path, _ in narratives(schema, schema, root)]
    found += [
        reporter.at(f.path, f.message, at_key=True) for f in keyboard.unpiped(root, texts, text)
    ]
    if found:
        return root, None, sorted(found, key=lambda d: (d.line, d.column, d.severity))
    return root, KINDS[root["kind"]].normalize(root), []


def arithmetic(root: Any, normalized: dict, name: str) -> list[Diagnostic]:
    """The 勾稽关系 alone (and the warnings of the same phase) of a structurally sound report:
    `diff` says whether the new version still balances, apart from anything else."""
    schema = load_schema(root["kind"])
    return _arithmetic(_Reporter(name, schema, root), schema, root, normalized)


def cross_year(root: Any, normalized: dict, previous: dict, name: str) -> list[Diagnostic]:
    """The cross-year rules against last year's normalized report, placed in this year's YAML."""
    if not has_cross_year(normalized, previous):
        return []
    rules = KINDS[normalized["kind"]].cross_year
    assert rules is not None
    reporter = _Reporter(name, load_schema(root["kind"]), root)
    return [
        reporter.at(path, message, severity)
        for path, message, severity in rules(normalized, previous, root)
    ]


def has_cross_year(this: dict, previous: dict) -> bool:
    """Whether two reports are of one kind, and that kind has cross-year rules."""
    kind = KINDS.get(this.get("kind"))  # type: ignore[arg-type]
    return (
        kind is not None
        and kind.cross_year is not None
        and previous.get("kind") == this.get("kind")
    )


def check_text(text: str, name: str, previous: dict | None = None) -> Checked:
    """Check a report given as text; `previous` is last year's normalized report. It is read
    once (`read_structure`), and every diagnostic points at its line and column."""
    root, normalized, found = read_structure(text, name)
    checked = Checked(name, raw=root)
    if normalized is not None:
        schema = load_schema(root["kind"])
        reporter = _Reporter(name, schema, root)
        found = _arithmetic(reporter, schema, root, normalized)
        found += _figure_references(reporter, schema, root, normalized)
        found += _typed_figures(reporter, schema, root, normalized)
        found += _unsupported_markup(reporter, schema, root)
        found += _placeholders(reporter, schema, root)
        found += _unbuildable(reporter, schema, root, normalized)
        found += _table_budget(reporter, schema, root)
        found += _invisible_characters(reporter, root)
        if previous is not None:
            found += cross_year(root, normalized, previous, name)
        checked.structural = normalized
        if not any(d.is_error for d in found):
            checked.normalized = normalized
    checked.diagnostics = sorted(found, key=lambda d: (d.line, d.column, d.severity))
    return checked


def check_file(path: Path, previous: dict | None = None, name: str | None = None) -> Checked:
    """Check a report file. Unreadable files raise OSError (a usage error, not a finding)."""
    name = name or str(path)
    try:
        text = read_report(path)
    except LoadError as error:
        return Checked(name, [Diagnostic(name, error.line, error.column, ERROR, error.message)])
    return check_text(text, name, previous)


def structure_only(path: Path) -> dict | None:
    """A report normalized after the structure check alone (for last year's report, whose
    published figures may not add up); None if it cannot be read that far."""
    try:
        text = read_report(path)
    except LoadError:
        return None
    return read_structure(text, str(path))[1]


def peek(path: Path) -> Any:
    """The report as written, if it can be read at all (None if not): what `--previous` needs
    to know of it before the check proper (its year, agency and kind)."""
    try:
        return _read_yaml(read_report(path))
    except (LoadError, OSError):  # the check itself says why it cannot be read
        return None


def peek_year(path: Path) -> int | None:
    """The `year` a report states, if it can be read (to check what --previous must be)."""
    root = peek(path)
    year = root.get("year") if isinstance(root, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None
