"""The answer that hands over a document: the file from its storage, as an attachment that no
browser may run or show as a page.

* ``Content-Type`` is the type read from the content at upload, never guessed from the name;
* ``X-Content-Type-Options: nosniff`` forbids the browser to guess another;
* ``Content-Security-Policy: default-src 'none'; sandbox`` runs nothing if it is opened anyway;
* ``Content-Disposition: attachment`` with an ASCII ``filename`` and the real name in
  ``filename*`` (RFC 6266, RFC 8187);
* ``Cache-Control: private, no-store``: members-only files stay out of shared caches.
"""

from __future__ import annotations

from urllib.parse import quote

from anyascii import anyascii
from django.http import FileResponse

from convene.knowledge.models import Document

CSP = "default-src 'none'; sandbox"
_FALLBACK_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-()+,"
)


def content_disposition(filename: str) -> str:
    """``attachment`` with ``filename`` in plain ASCII (a transliteration, quotes and controls
    removed) and, when the name is not plain ASCII, the exact name as ``filename*``."""
    fallback = "".join(ch if ch in _FALLBACK_CHARS else "_" for ch in anyascii(filename)).strip()
    fallback = fallback or "document"
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def document_response(document: Document) -> FileResponse:
    content_type = document.content_type
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    response = FileResponse(document.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(document.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = CSP
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
