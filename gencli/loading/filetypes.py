"""Files that are not a report's YAML at all: a Word document, a web page or a PDF handed to
`validate` or `build` (the published report instead of its source, a file saved under the
wrong name).

Such a file is recognised by its content, whatever its name says, before it is decoded: read as
text it would be refused as “not UTF-8” or as a YAML syntax error, neither of which tells its
author what happened. The signatures are the formats' own magic numbers: a zip archive (.docx
and WPS's newer files, which hold `word/`), an OLE compound file (.doc, .wps, which name their
`WordDocument` stream), `%PDF-`, and an HTML document's opening tag. Where `gencli import` can
read the file, the message says so.
"""

from __future__ import annotations

import io
import re
import zipfile

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF-"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # an OLE directory entry's name
_HTML = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HEAD = 4096  # an HTML document's opening tag comes after at most a few comments


def _zip_member_prefixes(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name.split("/", 1)[0] for name in archive.namelist()}
    except (zipfile.BadZipFile, ValueError, OSError):
        return set()


DOCX = "Word 文件（.docx）"
OLD_WORD = "Word 文件（.doc/.wps）"
WEB_PAGE = "网页文件（HTML）"
PDF = "PDF 文件"

# What to do instead, for the files `gencli import` reads (a web page, a .docx, a text PDF, and
# a .doc or .wps converted through LibreOffice).
_IMPORTABLE = {
    DOCX: "已发布的报告可用 gencli import 导入为 YAML",
    WEB_PAGE: "已发布的报告可用 gencli import 导入为 YAML",
    OLD_WORD: "已发布的报告可用 gencli import 导入为 YAML（需安装 LibreOffice）",
    PDF: "已发布的报告可用 gencli import 导入为 YAML（扫描件除外）",
}


def _zip_kind(data: bytes) -> str:
    folders = _zip_member_prefixes(data)
    if "word" in folders:
        return DOCX
    if "xl" in folders:
        return "Excel 文件（.xlsx）"
    if "ppt" in folders:
        return "PowerPoint 文件（.pptx）"
    return "压缩文件（zip）"


def identify(data: bytes) -> str | None:
    """What `data` is when it is a known file type that is not text (“Word 文件（.docx）”), or
    None for anything that may be a report's YAML."""
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return OLD_WORD if _WORD_STREAM in data else "Office 旧格式文件（.xls/.ppt 等）"
    if data.lstrip().startswith(_PDF):
        return PDF
    if _HTML.match(data[:_HEAD]):
        return WEB_PAGE
    return None


def refusal(kind: str) -> str:
    """The message for a file of type `kind` given where a report's YAML was expected."""
    space = " " if kind[0].isascii() else ""  # 这是 Word 文件, 这是网页文件
    hint = f"；{_IMPORTABLE[kind]}" if kind in _IMPORTABLE else ""
    return (
        f"这是{space}{kind}，不是报告的 YAML：gencli 检查和生成的是用 YAML 书写的报告源文件"
        f"（gencli init 生成），请确认选对了文件{hint}"
    )
