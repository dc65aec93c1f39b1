"""Compile the .po catalogues into .mo files with Babel, so no GNU gettext is needed.

Run ``python -m convene.core.i18n_compile`` (or ``make messages``) after editing a .po file.
The test suite checks that every committed .mo matches its .po.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compiled(po_path: Path) -> bytes:
    """The .mo bytes for one .po file (fuzzy entries left out, as msgfmt does)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compiled(po_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"compiled {path}\n")
