"""The local inbox folder: one sub-folder per establishment code, PDFs inside.

``drop(file, establishment)`` copies a file in and raises the "new document" signal (a sentinel
file that the ingest DAG's watcher consumes); ``scan()`` lists the files there. Files are never
moved or deleted by hdswatch.

    inbox/
      .signals/new          sentinel, deleted by the watcher when it fires
      CSR/contrat-2024.pdf  establishment "CSR"
      contrat.pdf           no sub-folder: establishment "DEFAULT"
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hdswatch.errors import DocumentNotFound, InputError

__all__ = [
    "DEFAULT_ESTABLISHMENT",
    "SETTLE_S",
    "SIGNAL_DIR",
    "SIGNAL_NAME",
    "InboxFile",
    "drop",
    "placement",
    "scan",
    "signal",
    "valid_code",
]

DEFAULT_ESTABLISHMENT = "DEFAULT"
SIGNAL_DIR = ".signals"
SIGNAL_NAME = "new"
_SUFFIXES = {".pdf"}
SETTLE_S = 2.0
"""Seconds a file must have stayed unchanged before a scan takes it (``HDSWATCH_INBOX_SETTLE_S``)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboxFile:
    path: Path
    establishment: str


def scan(
    inbox: Path,
    settle_s: float = SETTLE_S,
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> list[InboxFile]:
    """Every complete PDF in the inbox and its establishment, sorted by path. Hidden files,
    symbolic links and what is not a ``.pdf`` are skipped.

    A file modified less than ``settle_s`` seconds ago may still be being written: the scan
    waits until it is that old (once for all such files) and keeps it only if its size and
    modification time did not change meanwhile; a file still growing is left for the next
    signal or sweep."""
    if not inbox.is_dir():
        return []
    found: dict[Path, tuple[int, int]] = {}
    for path in sorted(inbox.rglob("*")):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() not in _SUFFIXES or path.is_symlink():
            continue
        found[path] = _signature(path) or (-1, -1)
    young = {p: sig for p, sig in found.items() if clock() - sig[1] / 1e9 < settle_s}
    if young:
        newest = max(sig[1] for sig in young.values()) / 1e9
        sleep(max(0.0, min(settle_s, newest + settle_s - clock())))
        for path, before in young.items():
            if _signature(path) != before:
                log.info("inbox: %r is still being written; left for the next run", path.name)
                del found[path]
    return [InboxFile(path, placement(path, inbox)[0]) for path in found]


def _signature(path: Path) -> tuple[int, int] | None:
    """(size, modification time in ns), or None when the file is gone."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def placement(path: Path, inbox: Path) -> tuple[str, str | None]:
    """The establishment code of an inbox file and its contract sub-folder, if any:
    ``inbox/CSR/2024-hds/annexe.pdf`` → ``("CSR", "2024-hds")``; a file outside the inbox or at
    its root, or under a folder whose name is not a valid code (letters, digits, ``-``, ``_``,
    at most 64), belongs to ``DEFAULT``."""
    try:
        parts = path.relative_to(inbox).parts
    except ValueError:
        return DEFAULT_ESTABLISHMENT, None
    if len(parts) < 2:
        return DEFAULT_ESTABLISHMENT, None
    folder = "/".join(parts[1:-1]) or None
    if not valid_code(parts[0]):
        return DEFAULT_ESTABLISHMENT, "/".join(parts[:-1])
    return parts[0], folder


def valid_code(code: str) -> bool:
    """An establishment code: letters, digits, ``-`` and ``_``, 1 to 64 characters."""
    return 0 < len(code) <= 64 and code.replace("-", "").replace("_", "").isalnum()


def signal(inbox: Path) -> Path:
    """Raise the "new document" signal for the ingest DAG's watcher."""
    sentinel = inbox / SIGNAL_DIR / SIGNAL_NAME
    sentinel.parent.mkdir(parents=True, exist_ok=True)
    sentinel.touch()
    return sentinel


def drop(
    source: Path,
    inbox: Path,
    establishment: str = DEFAULT_ESTABLISHMENT,
    *,
    contract_folder: str | None = None,
    name: str | None = None,
) -> Path:
    """Copy ``source`` into the establishment's folder (into its ``contract_folder`` sub-folder
    when given: the documents of one contract), as ``name`` (default: its own name), and raise
    the signal."""
    if not source.is_file():
        raise DocumentNotFound(str(source))
    if not valid_code(establishment):
        raise InputError(
            f"code d'établissement invalide : {establishment!r} (lettres, chiffres, - et _)"
        )
    folder = inbox if establishment == DEFAULT_ESTABLISHMENT else inbox / establishment
    if contract_folder is not None:
        parts = Path(contract_folder).parts
        if (
            not parts
            or Path(contract_folder).is_absolute()
            or any(p in ("", ".", "..") or p.startswith(".") for p in parts)
        ):
            raise InputError(
                f"dossier de contrat invalide / bad contract folder: {contract_folder!r}"
            )
        folder = folder.joinpath(*parts)
    file_name = Path(name or source.name).name
    if (
        not file_name
        or file_name.startswith(".")
        or Path(file_name).suffix.lower() not in _SUFFIXES
    ):
        # a hidden or non-PDF name would never be picked up by scan(): refuse it now
        raise InputError(f"nom de fichier invalide / bad file name: {file_name!r} (*.pdf)")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file_name
    partial = target.with_name("." + target.name + ".part")
    shutil.copyfile(source, partial)
    partial.replace(target)  # atomic: the pipeline never sees a half-written file
    signal(inbox)
    return target
