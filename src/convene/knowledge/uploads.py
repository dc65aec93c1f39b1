"""What an uploaded document really is, read from its content and never from its name.

The first bytes say the family (puremagic's signatures: PDF, PNG, JPEG, a zip archive); a zip
is then opened and its members say which office format it is (Word, Excel or PowerPoint's
Office Open XML, OpenDocument text), and text must be UTF-8 with no NUL and no markup. The name's
extension must then be one of that kind's: ``report.pdf`` holding HTML is refused.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import puremagic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    code: str
    content_type: str
    extensions: tuple[str, ...]
    label: object  # a lazy translation


KINDS = {
    kind.code: kind
    for kind in (
        FileKind("pdf", "application/pdf", (".pdf",), gettext_lazy("PDF")),
        FileKind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            gettext_lazy("Word document (.docx)"),
        ),
        FileKind(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            gettext_lazy("Excel workbook (.xlsx)"),
        ),
        FileKind(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
            gettext_lazy("PowerPoint presentation (.pptx)"),
        ),
        FileKind(
            "odt",
            "application/vnd.oasis.opendocument.text",
            (".odt",),
            gettext_lazy("OpenDocument text (.odt)"),
        ),
        FileKind("png", "image/png", (".png",), gettext_lazy("PNG image")),
        FileKind("jpeg", "image/jpeg", (".jpg", ".jpeg"), gettext_lazy("JPEG image")),
        FileKind("text", "text/plain", (".txt", ".csv"), gettext_lazy("plain text or CSV")),
    )
}
#: Office Open XML: the part that names each format inside the zip.
_OOXML_MAIN = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
_ODT = b"application/vnd.oasis.opendocument.text"
#: Markup a browser would run if it were ever shown as a page.
_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|\?xml|object|embed)", re.I)
_HEAD = 8192
_CHUNK = 1 << 16


def accepted_labels() -> str:
    return ", ".join(str(kind.label) for kind in KINDS.values())


def _signature(head: bytes) -> str:
    """The family puremagic reads from the first bytes: ``pdf``, ``png``, ``jpeg``, ``zip`` or
    an empty string."""
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return ""
    for match in matches:
        extension = match.extension.lower()
        if extension == ".pdf" and head.startswith(b"%PDF-"):
            return "pdf"
        if extension == ".png" and head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if extension in {".jpg", ".jpeg"} and head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            return "zip"
    return ""


def _zip_kind(file: IO[bytes]) -> str:
    """``docx``, ``xlsx``, ``pptx`` or ``odt`` from the members of a zip; empty for any other
    zip (and for Office files with macros, which are refused)."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            members = set(names)
            if names and names[0] == "mimetype" and archive.read("mimetype").strip() == _ODT:
                return "odt"
            if "[Content_Types].xml" not in members:
                return ""
            if any(name.lower().endswith("vbaproject.bin") for name in members):
                return ""
            kinds = {kind for part, kind in _OOXML_MAIN.items() if part in members}
            return kinds.pop() if len(kinds) == 1 else ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, ValueError):
        return ""


def _is_text(file: IO[bytes], head: bytes) -> bool:
    """UTF-8 text (a byte-order mark allowed) with no NUL byte and no HTML, SVG or XML markup."""
    if _MARKUP.search(head):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    while chunk := file.read(_CHUNK):
        if b"\x00" in chunk:
            return False
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_kind(file: IO[bytes]) -> FileKind | None:
    """The kind of ``file`` (seekable, read from its start), or None when it is none of ours."""
    file.seek(0)
    head = file.read(_HEAD)
    signature = _signature(head)
    file.seek(0)
    if signature in {"pdf", "png", "jpeg"}:
        code = signature
    elif signature == "zip":
        code = _zip_kind(file)
    else:
        code = "text" if head and _is_text(file, head) else ""
    file.seek(0)
    return KINDS.get(code)


def check_upload(file: IO[bytes], *, filename: str, size: int, max_bytes: int) -> FileKind:
    """The kind of an uploaded file, or a ValidationError on ``file`` saying what is wrong:
    empty, too large, not an accepted type, or a name whose extension is not its content's."""
    if size <= 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > max_bytes:
        raise ValidationError(
            {
                "file": _("The file is larger than %(max)s MB.")
                % {"max": f"{max_bytes / 1_000_000:g}"}
            }
        )
    kind = detect_kind(file)
    if kind is None:
        raise ValidationError(
            {
                "file": _("This type of file is not accepted. Accepted: %(kinds)s.")
                % {"kinds": accepted_labels()}
            }
        )
    extension = PurePath(filename).suffix.lower()
    if extension not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "The name ends in “%(extension)s” but the content is a %(kind)s: "
                    "rename the file or upload the right one."
                )
                % {"extension": extension or _("(nothing)"), "kind": kind.label}
            }
        )
    return kind
