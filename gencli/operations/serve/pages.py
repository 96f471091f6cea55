"""The preview's pages: the list of reports, a report's page, and the update each save sends.

A report's page is the document exactly as the HTML writer writes it (its own style included),
inside a thin frame: a bar with the way back and the .docx download, and the list of findings
above the document, each at FILE:LINE:COL and linked to the cell it is about. The page is
complete without its script; the script (PREVIEW_SCRIPT, served as /preview.js so the page's
Content-Security-Policy allows no inline code) swaps in the update a save sends.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from jinja2 import Environment

from gencli.operations.serve.preview import Preview

_ENVIRONMENT = Environment(autoescape=True, keep_trailing_newline=True)

FRAME_STYLE = """
.preview-bar { position: sticky; top: 0; z-index: 2; display: flex; gap: 1.5em;
  align-items: baseline; padding: .5em 1em; background: #f4f4f4; border-bottom: 1px solid #ccc;
  font: 14px/1.5 system-ui, sans-serif; }
.preview-bar .status { margin-left: auto; color: #555; }
.preview-bar .status.offline { color: #b00; }
.findings { font: 14px/1.6 system-ui, sans-serif; margin: 1em auto; max-width: 60em;
  padding: .5em 1em; border: 1px solid #ccc; }
.findings.clean { border-color: #7a7; color: #363; }
.findings ol { margin: .3em 0; padding-left: 1.5em; }
.findings li.error::marker { color: #b00; }
.findings li.warning::marker { color: #a60; }
.findings .where { font-family: ui-monospace, monospace; }
.findings .labels { display: block; color: #666; font-size: 90%; }
td.finding { outline: 3px solid #c00; outline-offset: -3px; background: #fde8e8;
  scroll-margin-top: 4em; }
td.finding.warning { outline-color: #d80; background: #fff3dc; }
td.finding:target { background: #fbb; }
.unrendered { font: 16px/1.6 system-ui, sans-serif; text-align: center; color: #b00; }
.reports { font: 16px/1.8 system-ui, sans-serif; max-width: 50em; margin: 2em auto; }
""".strip()

PREVIEW_SCRIPT = """
"use strict";
(function () {
  const body = document.body;
  const name = body.dataset.report;
  const status = document.getElementById("status");
  const events = new EventSource(name ? "/events?name=" + encodeURIComponent(name) : "/events");
  events.addEventListener("update", function (message) {
    const update = JSON.parse(message.data);
    if (Number(update.version) <= Number(body.dataset.version)) { return; }
    for (const id of ["findings", "document", "reports"]) {
      const place = document.getElementById(id);
      if (place && update[id] !== undefined) { place.outerHTML = update[id]; }
    }
    if (update.title) { document.title = update.title; }
    for (const id of ["download", "download-pdf"]) {
      const link = document.getElementById(id);
      if (link) { link.hidden = !update.download; }
    }
    body.dataset.version = update.version;
    window.gencliUpdatedAt = Date.now();
    status.textContent = "已更新 " + new Date().toLocaleTimeString("zh-CN");
    status.classList.remove("offline");
  });
  events.addEventListener("open", function () { status.classList.remove("offline"); });
  events.onerror = function () {
    status.textContent = "与 gencli serve 的连接已断开，正在重连…";
    status.classList.add("offline");
  };
})();
""".lstrip()

_FINDINGS = _ENVIRONMENT.from_string(
    """\
{%- if not preview.findings -%}
<section id="findings" class="findings clean"><p>未发现错误或警告。</p></section>
{%- else -%}
<section id="findings" class="findings"><p>共 {{ preview.errors }} 处错误、\
{{ preview.warnings }} 处警告：</p><ol>
{%- for finding, place in preview.findings %}
<li class="{{ 'error' if finding.is_error else 'warning' }}">
{%- if place %}<a class="where" href="#{{ place }}">{% else %}<span class="where">{% endif -%}
{{ finding.file }}:{{ finding.line }}:{{ finding.column }}
{%- if place %}</a>{% else %}</span>{% endif %} \
{{ '' if finding.is_error else '警告：' }}{{ finding.message }}
{%- if finding.path %}<span class="labels">{{ finding.path | join(' › ') }}</span>{% endif -%}
</li>
{%- endfor %}
</ol></section>
{%- endif -%}
"""
)

_DOCUMENT = _ENVIRONMENT.from_string(
    """\
{%- if preview.document is none -%}
<main id="document"><p class="unrendered">这份报告还不能排版：请先修正上面列出的错误，\
保存后这里会自动更新。</p></main>
{%- else -%}
<main id="document">{{ preview.document | safe }}</main>
{%- endif -%}
"""
)

_REPORT_PAGE = _ENVIRONMENT.from_string(
    """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ preview.title }}</title>
<style>{{ preview.style | safe }}</style>
<style>{{ frame_style | safe }}</style>
</head>
<body data-report="{{ name }}" data-version="{{ version }}">
<nav class="preview-bar"><a href="/">全部报告</a><span>{{ name }}</span>\
<a id="download" href="/docx?name={{ name | urlencode }}"{% if not download %} hidden{% endif %}>\
下载 Word（.docx）</a>{% if pdf %}<a id="download-pdf" href="/pdf?name={{ name | urlencode }}"\
{% if not download %} hidden{% endif %}>下载 PDF</a>{% endif %}<span id="status" class="status">预览，保存后自动更新</span></nav>
{{ findings | safe }}
{{ document | safe }}
<script src="/preview.js"></script>
</body>
</html>
"""
)

_REPORTS = _ENVIRONMENT.from_string(
    """\
{%- if not names -%}
<section id="reports" class="reports"><p>{{ root }} 中还没有报告（含 kind: 的 .yaml 文件）。\
</p></section>
{%- else -%}
<section id="reports" class="reports"><p>{{ root }} 中的报告（共 {{ names | length }} 份）：</p><ul>
{%- for name in names %}
<li><a href="/report?name={{ name | urlencode }}">{{ name }}</a></li>
{%- endfor %}
</ul></section>
{%- endif -%}
"""
)

_INDEX_PAGE = _ENVIRONMENT.from_string(
    """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gencli 预览：{{ root }}</title>
<style>{{ frame_style | safe }}</style>
</head>
<body data-report="" data-version="{{ version }}">
<nav class="preview-bar"><span>gencli 预览</span><span id="status" class="status">\
报告增删后自动更新</span></nav>
{{ reports | safe }}
<script src="/preview.js"></script>
</body>
</html>
"""
)


def findings_html(preview: Preview) -> str:
    return _FINDINGS.render(preview=preview)


def document_html(preview: Preview) -> str:
    return _DOCUMENT.render(preview=preview)


def report_page(name: str, preview: Preview, version: int, download: bool, pdf: bool) -> str:
    """`pdf`: LibreOffice is installed, so the page offers the PDF too."""
    return _REPORT_PAGE.render(
        name=name,
        pdf=pdf,
        preview=preview,
        version=version,
        download=download,
        frame_style=FRAME_STYLE,
        findings=findings_html(preview),
        document=document_html(preview),
    )


def report_update(preview: Preview, version: int, download: bool) -> str:
    """The event a save sends to a report's open pages (JSON)."""
    return json.dumps(
        {
            "version": version,
            "title": preview.title,
            "findings": findings_html(preview),
            "document": document_html(preview),
            "download": download,
        },
        ensure_ascii=False,
    )


def reports_html(root: str, names: list[str]) -> str:
    return _REPORTS.render(root=root, names=names)


def index_page(root: str, names: list[str], version: int) -> str:
    return _INDEX_PAGE.render(
        root=root, version=version, frame_style=FRAME_STYLE, reports=reports_html(root, names)
    )


def index_update(root: str, names: list[str], version: int) -> str:
    return json.dumps(
        {"version": version, "reports": reports_html(root, names)}, ensure_ascii=False
    )


def download_name(name: str, suffix: str = ".docx") -> str:
    """The Content-Disposition of a report's download (RFC 6266, the name in UTF-8)."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"attachment; filename=\"report{suffix}\"; filename*=UTF-8''{quote(stem)}{suffix}"
