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

import shutil
from dataclasses import dataclass
from pathlib import Path

from hdswatch.errors import DocumentNotFound, InputError

__all__ = [
    "DEFAULT_ESTABLISHMENT",
    "SIGNAL_DIR",
    "SIGNAL_NAME",
    "InboxFile",
    "drop",
    "placement",
    "scan",
    "signal",
]

DEFAULT_ESTABLISHMENT = "DEFAULT"
SIGNAL_DIR = ".signals"
SIGNAL_NAME = "new"
_SUFFIXES = {".pdf"}


@dataclass(frozen=True)
class InboxFile:
    path: Path
    establishment: str


def scan(inbox: Path) -> list[InboxFile]:
    """Every PDF in the inbox and its establishment, sorted by path. Hidden files are skipped."""
    if not inbox.is_dir():
        return []
    found = []
    for path in sorted(inbox.rglob("*")):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix.lower() not in _SUFFIXES or path.is_symlink():
            continue
        found.append(InboxFile(path, placement(path, inbox)[0]))
    return found


def placement(path: Path, inbox: Path) -> tuple[str, str | None]:
    """The establishment code of an inbox file and its contract sub-folder, if any:
    ``inbox/CSR/2024-hds/annexe.pdf`` → ``("CSR", "2024-hds")``; a file outside the inbox or at
    its root belongs to ``DEFAULT``."""
    try:
        parts = path.relative_to(inbox).parts
    except ValueError:
        return DEFAULT_ESTABLISHMENT, None
    if len(parts) < 2:
        return DEFAULT_ESTABLISHMENT, None
    return parts[0], "/".join(parts[1:-1]) or None


def signal(inbox: Path) -> Path:
    """Raise the "new document" signal for the ingest DAG's watcher."""
    sentinel = inbox / SIGNAL_DIR / SIGNAL_NAME
    sentinel.parent.mkdir(parents=True, exist_ok=True)
    sentinel.touch()
    return sentinel


def drop(source: Path, inbox: Path, establishment: str = DEFAULT_ESTABLISHMENT) -> Path:
    """Copy ``source`` into the establishment's folder and raise the signal."""
    if not source.is_file():
        raise DocumentNotFound(str(source))
    if not establishment.replace("-", "").replace("_", "").isalnum():
        raise InputError(
            f"code d'établissement invalide : {establishment!r} (lettres, chiffres, - et _)"
        )
    folder = inbox if establishment == DEFAULT_ESTABLISHMENT else inbox / establishment
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(source.name).name
    partial = target.with_name("." + target.name + ".part")
    shutil.copyfile(source, partial)
    partial.replace(target)  # atomic: the pipeline never sees a half-written file
    signal(inbox)
    return target
