"""The uploaded files of the file storage in a backup: copied in chunks with their checksums."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage

from convene.privacy.backup.errors import BackupError

FILES_DIR = "files"
_CHUNK = 1 << 20


def storage_names(folder: str = "") -> Iterator[str]:
    """Every file name in the default storage, recursively."""
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(names):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_names(f"{folder}/{sub}" if folder else sub)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safe_name(name: str) -> PurePosixPath:
    """A manifest's file name, refused if it could leave the backup or the storage."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(f"the manifest names a file outside the backup: {name!r}")
    return path


def copy_out(folder: Path) -> dict[str, dict[str, object]]:
    """Copy every stored file into ``folder/files``; name -> {sha256, size}."""
    copied: dict[str, dict[str, object]] = {}
    for name in storage_names():
        target = folder / FILES_DIR / safe_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with default_storage.open(name, "rb") as source, target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        copied[name] = {"sha256": digest.hexdigest(), "size": size}
    return copied


def copy_in(folder: Path, names: list[str]) -> None:
    """Put the backup's files back in the storage, under their own names."""
    for name in names:
        source = folder / FILES_DIR / safe_name(name)
        if default_storage.exists(name):
            default_storage.delete(name)
        with source.open("rb") as data:
            saved = default_storage.save(name, File(data))
        if saved != name:
            raise BackupError(f"the storage stored {name!r} as {saved!r}")
