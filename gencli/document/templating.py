"""Render a normalized report through its kind's Jinja template into a `Document`.

The template is the only kind-specific piece of rendering: it receives the report, the form
declaration and a few layout helpers, and writes the document vocabulary of `markup`.
`--templates DIR` puts a user's folder in front of the packaged templates, file by file.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

from gencli.base.numerals import chinese_number
from gencli.base.paths import data_dir
from gencli.document import layout, markup
from gencli.document.model import Document
from gencli.kinds import KINDS


class TemplateError(Exception):
    """A template that cannot be found or rendered, in Chinese."""


def environment(user_dir: Path | None = None) -> Any:
    folders = [str(user_dir)] if user_dir else []
    folders.append(str(data_dir("templates")))
    return _environment(tuple(folders))


@functools.lru_cache(maxsize=8)  # one per list of folders: its compiled templates are kept
def _environment(folders: tuple[str, ...]) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(figure=layout.figure, change=layout.change, chinese_number=chinese_number)
    env.globals.update(tree_rows=layout.tree_rows, look_up=layout.look_up, cell=layout.cell)
    return env


def _bytecode_cache() -> Any:
    """Compiled templates kept in gencli's cache folder (compiling one took longer than a
    build), under a name that changes with the environment's settings (this module)."""
    import jinja2

    from gencli.base import cache

    where, name = cache.folder(), cache.key([sys.modules[__name__]], [jinja2])
    if where is None or name is None:
        return None
    folder = where / f"jinja-{name}"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def template_name(kind: str) -> str:
    return f"{kind}.xml.j2"


def render_xml(report: dict, user_dir: Path | None = None) -> str:
    import jinja2

    kind = report["kind"]
    registered = KINDS[kind]
    env = environment(user_dir)
    try:
        template = env.get_template(template_name(kind))
        return template.render(
            report=report, forms=registered.form, form=registered.form_for(report)
        )
    except jinja2.TemplateNotFound:
        where = "、".join(env.loader.searchpath)
        raise TemplateError(f"找不到模板 {template_name(kind)}（查找位置：{where}）") from None
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        at = f"第 {line} 行" if line else ""
        raise TemplateError(f"模板 {template_name(kind)} {at}出错：{error}") from None


def render_document(report: dict, user_dir: Path | None = None) -> Document:
    """The semantic document of a normalized report."""
    xml = render_xml(report, user_dir)
    try:
        return markup.parse(xml, markup.figure_filler(report))
    except markup.TemplateOutputError as error:
        raise TemplateError(str(error)) from None
