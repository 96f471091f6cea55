"""The .docx package around a body: built once, then reused for every document.

A gencli .docx differs from report to report only in word/document.xml (the body) and
docProps/core.xml (the title). Opening python-docx's default template, setting up styles,
section and footers, saving and normalizing the zip took ~30 ms of every document, the same work
each time. `package` does it once per language, through the writer's own code, and keeps the
result as an empty .docx whose title is a marker — in memory, and in gencli's cache folder for
the next run (`gencli.base.cache`, keyed by the installed gencli and libraries). `Package.write` then puts a
body and a title into the two parts that change and zips them with the others, which are
compressed once. The parts are those of a fresh python-docx build: tests/test_fast_paths.py
compares them part by part as canonical XML.

This holds while the body needs no package part of its own (images, hyperlinks, footnotes would
add relationships); a writer that adds such parts must build them per document.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from gencli.base import cache
from gencli.writers.docx import xmltext

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TITLE_MARK = "GENCLI-TITLE-MARK"
TITLE_LIMIT = 255  # python-docx refuses longer core properties


class Member(NamedTuple):
    """One compressed zip entry, ready to be written anywhere in an archive."""

    name: bytes
    crc: int
    size: int
    packed: bytes


def member(name: str, data: bytes) -> Member:
    """`data` deflated as zipfile deflates it (zlib's default level, raw stream)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(
        name.encode("ascii"),
        zlib.crc32(data),
        len(data),
        compressor.compress(data) + compressor.flush(),
    )


_DOS_DATE = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
_DOS_TIME = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | ZIP_TIME[5] // 2
_VERSION, _DEFLATED, _MODE = 20, zipfile.ZIP_DEFLATED, 0o600 << 16
# The zip records (PKWARE APPNOTE.TXT 4.3.7 local file header, 4.3.12 central directory file
# header, 4.3.16 end of central directory), laid out as zipfile lays them out.
_FILE_HEADER, _FILE_HEADER_SIGNATURE = "<4s2B4HL2L2H", b"PK\x03\x04"
_CENTRAL_DIR, _CENTRAL_DIR_SIGNATURE = "<4s4B4HL2L5H2L", b"PK\x01\x02"
_END_ARCHIVE, _END_ARCHIVE_SIGNATURE = "<4s4H2LH", b"PK\x05\x06"
_LOCAL_HEADER = struct.calcsize(_FILE_HEADER)


def zip_members(members: Iterable[Member]) -> bytes:
    """A zip of the members in order, byte for byte what zipfile writes for them with a fixed
    timestamp (python-docx would stamp the current time: python-docx #1042), so equal parts give
    equal files. Written here rather than by zipfile so that a part that never changes is
    compressed once, not for every document."""
    body, directory, count = bytearray(), bytearray(), 0
    for entry in members:
        fields = (
            _DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            entry.crc,
            len(entry.packed),
            entry.size,
            len(entry.name),
        )
        directory += struct.pack(
            _CENTRAL_DIR,
            _CENTRAL_DIR_SIGNATURE,
            _VERSION,
            0,
            _VERSION,
            0,
            0,
            *fields,
            0,
            0,
            0,
            0,
            _MODE,
            len(body),
        )
        directory += entry.name
        body += struct.pack(_FILE_HEADER, _FILE_HEADER_SIGNATURE, _VERSION, 0, 0, *fields, 0)
        body += entry.name + entry.packed
        count += 1
    end = struct.pack(
        _END_ARCHIVE,
        _END_ARCHIVE_SIGNATURE,
        0,
        0,
        count,
        count,
        len(directory),
        len(body),
        0,
    )
    return bytes(body + directory + end)


def zip_parts(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of `parts` (name, bytes) in the given order."""
    return zip_members(member(name, data) for name, data in parts)


def _members(archive: bytes) -> tuple[tuple[Member, ...], dict[str, bytes]]:
    """The entries of a zip as they are stored, and the text of document.xml and core.xml."""
    members, texts = [], {}
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        for info in opened.infolist():
            start = info.header_offset + _LOCAL_HEADER + len(info.filename.encode("ascii"))
            members.append(
                Member(
                    info.filename.encode("ascii"),
                    info.CRC,
                    info.file_size,
                    archive[start : start + info.compress_size],
                )
            )
            if info.filename in (DOCUMENT, CORE):
                texts[info.filename] = opened.read(info.filename)
    return tuple(members), texts


def _title(title: str) -> bytes:
    """The title as python-docx would store it in core.xml (its checks, lxml's escaping)."""
    if len(title) > TITLE_LIMIT:
        raise ValueError(f"exceeded {TITLE_LIMIT} char limit for property, got:\n\n'{title}'")
    node = xmltext.Node("t", "", ())
    node.text = title
    return node.xml()[len("<t>") : -len("</t>")].encode("utf-8")


@dataclass(frozen=True)
class Package:
    """An empty .docx cut where each document's own content goes: the body, before the section
    properties in document.xml, and the title in core.xml."""

    members: tuple[Member, ...]
    document: tuple[bytes, bytes]
    core: tuple[bytes, bytes]

    @classmethod
    def of(cls, archive: bytes) -> Package:
        """The package stored as `archive`: an empty .docx titled TITLE_MARK."""
        members, texts = _members(archive)
        document, core = texts[DOCUMENT], texts[CORE]
        cut = document.index(b"<w:sectPr", document.index(b"<w:body>"))
        mark = core.index(TITLE_MARK.encode())
        return cls(
            members, (document[:cut], document[cut:]), (core[:mark], core[mark + len(TITLE_MARK) :])
        )

    @property
    def section(self) -> str:
        """The section properties (w:sectPr) every document ends with: page, margins, footers."""
        tail = self.document[1]
        return tail[: tail.index(b"</w:sectPr>") + len(b"</w:sectPr>")].decode("utf-8")

    def write(self, body: str, title: str, last_section: str | None = None) -> bytes:
        """The .docx with `body` (serialized elements) and `title`; `last_section` replaces the
        final section properties (a document whose last page is a section of its own)."""
        tail = self.document[1]
        if last_section is not None:
            tail = last_section.encode("utf-8") + tail[len(self.section.encode("utf-8")) :]
        document = self.document[0] + body.encode("utf-8") + tail
        core = self.core[0] + _title(title) + self.core[1]
        changed = {entry.name: entry for entry in (member(DOCUMENT, document), member(CORE, core))}
        return zip_members(changed.get(entry.name, entry) for entry in self.members)


_PACKAGES: dict[str, Package] = {}


def package(lang: str, build: Callable[[str, str], Any]) -> Package:
    """The package for documents in `lang`. `build(lang, title)` sets up a python-docx Document
    with no body. Read from the cache, it needs neither python-docx nor lxml: only `build`
    imports them."""
    if lang not in _PACKAGES:
        found_key = cache.key(["docx", "lxml.etree"], lang)
        name = f"package-{found_key}.docx" if found_key else None
        try:
            found = Package.of(cache.read(name) or b"")
        except (zipfile.BadZipFile, ValueError, KeyError):  # none yet, or a damaged one
            word = build(lang, TITLE_MARK)
            buffer = io.BytesIO()
            word.save(buffer)
            with zipfile.ZipFile(buffer) as saved:
                archive = zip_parts((part, saved.read(part)) for part in saved.namelist())
            cache.write(name, archive)
            found = Package.of(archive)
        _PACKAGES[lang] = found
    return _PACKAGES[lang]
