"""Render a normalized report through its kind's Jinja template into a `Document`.

The template is the only kind-specific piece of rendering: it receives the report, the form
declaration and a few layout helpers, and writes the document vocabulary of `markup`.
`--templates DIR` puts a user's folder in front of the packaged templates, file by file.

A user's templates are rendered in Jinja's immutable sandbox — a template folder travels with
shared report folders, so what it holds is data: it may read the report and the form, but not
reach Python's internals (`cycler.__init__.__globals__.os`), call unsafe methods or change what
it is given — and read from their folders without following links (template_loading). The
packaged templates are gencli's own code, rendered without the sandbox's per-attribute checks;
the narrative inside them is rendered apart, always sandboxed (figures.py).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from types import TracebackType
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
    return _environment(tuple(folders), sandboxed=user_dir is not None)


@functools.lru_cache(maxsize=8)  # one per list of folders: its compiled templates are kept
def _environment(folders: tuple[str, ...], sandboxed: bool) -> Any:
    """The packaged templates are gencli's own code and render in a plain environment (the
    sandbox checks every attribute a template reads, about a tenth of a build); a user's
    folder renders in the immutable sandbox, packaged templates included, since its
    templates may include or extend them."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from gencli.document.template_loading import FolderLoader

    kind = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = kind(
        loader=FolderLoader(list(folders)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
        bytecode_cache=_bytecode_cache("sandboxed" if sandboxed else "packaged"),
    )
    env.filters.update(figure=layout.figure, change=layout.change, chinese_number=chinese_number)
    env.globals.update(tree_rows=layout.tree_rows, look_up=layout.look_up, cell=layout.cell)
    return env


def _bytecode_cache(flavour: str) -> Any:
    """Compiled templates kept in gencli's cache folder (compiling one took longer than a
    build), under a name that changes with gencli and Jinja — and with the environment, whose
    compiled code differs (the sandbox's routes every attribute through its checks)."""
    from gencli.base import cache
    from gencli.document.template_loading import TrustedBytecodeCache

    name = cache.key(["jinja2"]) if cache.folder() is not None else None
    return TrustedBytecodeCache(f"jinja-{flavour}-{name}") if name is not None else None


def template_name(kind: str) -> str:
    return f"{kind}.xml.j2"


def render_xml(report: dict, user_dir: Path | None = None) -> str:
    import jinja2

    kind = report["kind"]
    registered = KINDS[kind]
    env = environment(user_dir)
    name = template_name(kind)
    try:
        template = env.get_template(name)
        return template.render(
            report=report, forms=registered.form, form=registered.form_for(report)
        )
    except (jinja2.TemplateError, RecursionError) as error:
        raise _explained(error, env, name) from None


def _explained(error: Exception, env: Any, name: str) -> TemplateError:
    """A template's failure in Chinese, naming the template where it arose (an included one,
    not always `name`) and its line."""
    import jinja2
    from jinja2.sandbox import SecurityError

    from gencli.document.template_loading import RefusedTemplate

    where = "、".join(env.loader.searchpath)
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateError(f"模板 {error.name or name} 第 {error.lineno} 行有语法错误：{error}")
    if isinstance(error, RefusedTemplate):
        return TemplateError(str(error))
    within = _innermost_template(error.__traceback__, env)
    if isinstance(error, jinja2.TemplateNotFound):
        if within is None:
            return TemplateError(f"找不到模板 {name}（查找位置：{where}）")
        return TemplateError(
            f"模板 {within[0]} 第 {within[1]} 行引用的模板 {error.name} 不存在（查找位置：{where}）"
        )
    template, line = within or (name, 0)
    at = f"第 {line} 行" if line else ""
    if isinstance(error, RecursionError):
        return TemplateError(
            f"模板 {template} {at}的 include、import 或宏调用形成了循环"
            "（模板直接或间接地包含了自身），请删去其中一处"
        )
    if isinstance(error, SecurityError):
        return TemplateError(
            f"模板 {template} {at}做了模板中不允许的事（{error}）：模板在沙箱中运行，"
            "只能读取报告和表格定义，不能访问 Python 内部、调用不安全的方法或修改数据"
        )
    return TemplateError(f"模板 {template} {at}出错：{error}")


def _innermost_template(trace: TracebackType | None, env: Any) -> tuple[str, int] | None:
    """The template and line where an error arose: Jinja rewrites the traceback so that
    each template's frames carry its file name and its own line numbers."""
    folders = [os.path.join(folder, "") for folder in env.loader.searchpath]
    found = None
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        for folder in folders:
            if filename.startswith(folder):
                found = (Path(filename[len(folder) :]).as_posix(), trace.tb_lineno)
        trace = trace.tb_next
    return found


def render_document(report: dict, user_dir: Path | None = None) -> Document:
    """The semantic document of a normalized report."""
    xml = render_xml(report, user_dir)
    try:
        return markup.parse(xml, markup.figure_filler(report))
    except markup.TemplateOutputError as error:
        raise TemplateError(str(error)) from None
