"""Read one file in a separate process under limits, so that one document cannot take down a
worker: wall-clock time, CPU time, address space and pages.

In: a path and :class:`Limits` (from the settings ``HDSWATCH_PARSE_TIMEOUT_S``,
``HDSWATCH_PARSE_MEMORY_MB``, ``HDSWATCH_MAX_PAGES``). Out: the ``Extraction`` of
:func:`hdswatch.report.extract_file`, always: a child that runs out of time or memory, or dies,
gives an extraction of kind ``unreadable`` whose ``errors`` say which limit, in French and
English. A document longer than ``max_pages`` is read on its first ``max_pages`` pages (a copy
made in the child; the original is never written) and ``errors`` say how many were left unread.

The child is forked from a server process (``forkserver``) that has already imported the
extraction code and read two sample contracts (:mod:`hdswatch.sandbox_warmup`), so each file
costs a fork (≈ 0.1 s), not an interpreter start and model loading (≈ 5 s); its limits are set
with ``resource.setrlimit`` before it reads anything. The caller must not be a daemonic
``multiprocessing`` worker (those may not start processes).

>>> extraction = extract_limited(Path("c01.pdf"), Limits(timeout_s=60))   # doctest: +SKIP
>>> extraction.kind, [e.code for e in extraction.errors]                   # doctest: +SKIP
('unreadable', ['parse_timeout'])
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import signal
import sys
import tempfile
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT_S",
    "LIMIT_CODES",
    "Limits",
    "extract_limited",
    "limits_from",
    "message",
]

DEFAULT_TIMEOUT_S = 900.0
"""Wall-clock seconds for one file: a 300-page text contract reads in well under a minute; OCR
of a 60-page scan takes about five minutes on two cores."""
DEFAULT_MEMORY_MB = 4096
"""Address space of the child (virtual memory: the loaded readers and models take ≈ 0.45 GB of
it before the first page; a 300-page contract reads well within the default)."""
DEFAULT_MAX_PAGES = 500
"""Pages read; the rest of a longer document is named in ``errors``."""

LIMIT_CODES = ("parse_timeout", "cpu_limit", "memory_limit", "parse_crashed")
"""The ``errors`` codes of a reading stopped by the sandbox."""

# imported (and warmed up) once by the fork server, shared by every child
_PRELOAD = ["hdswatch.sandbox", "hdswatch.sandbox_warmup"]


@dataclass(frozen=True)
class Limits:
    """What one file may use. ``cpu_s`` defaults to the wall-clock time times the cores OCR may
    use (a busy child is stopped by whichever limit it reaches first)."""

    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    max_pages: int = DEFAULT_MAX_PAGES
    cpu_s: float | None = None

    @property
    def cpu_seconds(self) -> int:
        if self.cpu_s is not None:
            return max(1, math.ceil(self.cpu_s))
        return max(1, math.ceil(self.timeout_s * max(os.cpu_count() or 1, 1)))


def limits_from(settings: Any) -> Limits:
    """The limits of a :class:`hdswatch.settings.Settings` (its ``parse_*`` and ``max_pages``)."""
    return Limits(
        timeout_s=getattr(settings, "parse_timeout_s", DEFAULT_TIMEOUT_S),
        memory_mb=getattr(settings, "parse_memory_mb", DEFAULT_MEMORY_MB),
        max_pages=getattr(settings, "max_pages", DEFAULT_MAX_PAGES),
    )


def extract_limited(
    path: Path, limits: Limits | None = None, *, reader: Callable[[Path], Any] | None = None
) -> Any:
    """The extraction of ``path`` read in a child process under ``limits``; never raises for
    what the file holds (a missing file is :class:`hdswatch.errors.DocumentNotFound`).

    ``reader`` (default :func:`hdswatch.report.extract_file`) is what the child runs: a
    module-level function of a path, importable by the child."""
    from hdswatch.errors import DocumentNotFound

    limits = limits or Limits()
    if not path.is_file():
        raise DocumentNotFound(str(path))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(str(path), limits, sender, reader),
        name="hdswatch-sandbox",
        daemon=True,
    )
    with _main_script_hidden():
        child.start()
    sender.close()
    try:
        outcome = _wait(receiver, child, limits)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if isinstance(outcome, tuple):
        code, detail = outcome
        if code == "exitcode":
            code, detail = _death(child.exitcode, limits)
        log.warning("%r not read: %s", path.name, code)
        return _stopped(path, code, detail, limits)
    return outcome


def _wait(receiver: Connection, child: Any, limits: Limits) -> Any:
    """The child's answer, or ``(code, detail)`` when it sent none in time."""
    if not receiver.poll(limits.timeout_s):
        return ("parse_timeout", "")
    try:
        answer = receiver.recv()
    except (EOFError, OSError):  # died without answering
        child.join(5)
        return ("exitcode", "")
    if isinstance(answer, tuple) and answer and answer[0] == "limit":
        return (answer[1], answer[2])
    return answer


@contextlib.contextmanager
def _main_script_hidden() -> Iterator[None]:
    """Start a child without making it run the caller's main script again (multiprocessing's
    "main module" preparation): in an Airflow worker that script is the ``airflow`` command,
    whose import fails in a task process (the task has no database URL), and the child needs
    only this module."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _death(exitcode: int | None, limits: Limits) -> tuple[str, str]:
    if exitcode == -signal.SIGXCPU:
        return "cpu_limit", f"{limits.cpu_seconds}"
    if exitcode in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        # a native library that could not allocate aborts rather than raising
        return "parse_crashed", f"signal {-exitcode}"
    return "parse_crashed", f"code {exitcode}"


_MESSAGES = {
    "parse_timeout": (
        "Lecture arrêtée après {timeout:g} s (limite HDSWATCH_PARSE_TIMEOUT_S) : document non analysé.",
        "Reading stopped after {timeout:g} s (HDSWATCH_PARSE_TIMEOUT_S limit): document not analysed.",
    ),
    "cpu_limit": (
        "Lecture arrêtée après {detail} s de calcul : document non analysé.",
        "Reading stopped after {detail} s of CPU time: document not analysed.",
    ),
    "memory_limit": (
        "Lecture arrêtée : mémoire insuffisante sous la limite de {memory} Mo "
        "(HDSWATCH_PARSE_MEMORY_MB) : document non analysé.",
        "Reading stopped: out of memory under the {memory} MB limit "
        "(HDSWATCH_PARSE_MEMORY_MB): document not analysed.",
    ),
    "parse_crashed": (
        "Le lecteur de PDF s'est arrêté brutalement ({detail}) : document non analysé.",
        "The PDF reader stopped abruptly ({detail}): document not analysed.",
    ),
}


def message(code: str, limits: Limits, detail: str = "") -> str:
    """The French then English sentence of a limit code."""
    fr, en = _MESSAGES[code]
    values = {"timeout": limits.timeout_s, "memory": limits.memory_mb, "detail": detail}
    return f"{fr.format(**values)} / {en.format(**values)}"


def _stopped(path: Path, code: str, detail: str, limits: Limits) -> Any:
    """An ``unreadable`` extraction for a file whose reading was stopped."""
    from extractors.extract import sha256_of
    from extractors.types import Extraction, Issue, Values

    text = message(code, limits, detail)
    return Extraction(
        file=path.name,
        sha256=sha256_of(path),
        kind="unreadable",
        language=None,
        pages=0,
        ocr_pages=[],
        values=Values(),
        clauses={},
        errors=[Issue(code, text)],
    )


# --- in the child -------------------------------------------------------------------------------


def _child(
    path: str, limits: Limits, sender: Connection, reader: Callable[[Path], Any] | None
) -> None:
    """Set the limits, read the file, send the extraction (or the limit it hit)."""
    try:
        _watch_caller(sender)
        _set_limits(limits)
        sender.send(_read(Path(path), limits, reader))
    except MemoryError:
        sender.send(("limit", "memory_limit", ""))
    except RecursionError:
        sender.send(("limit", "parse_crashed", "récursion trop profonde / recursion too deep"))
    except Exception as exc:  # a reader's fault: this file is reported, the worker lives on
        log.exception("reading %r failed", Path(path).name)
        sender.send(("limit", "parse_crashed", type(exc).__name__))
    finally:
        sender.close()


def _watch_caller(sender: Connection) -> None:
    """End this child as soon as the caller is gone (a worker killed mid-file): the caller holds
    the only reading end of ``sender``, and a pipe whose readers are all closed signals an error
    to its writer. (The fork server cannot be relied on: each child keeps it alive.)"""
    import select
    import threading

    def watch() -> None:
        poller = select.poll()
        poller.register(sender.fileno(), select.POLLERR)
        while not poller.poll():
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="hdswatch-sandbox-watch", daemon=True).start()


def _set_limits(limits: Limits) -> None:
    import resource

    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = limits.cpu_seconds
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(used.ru_utime + used.ru_stime) + cpu
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))


def _read(path: Path, limits: Limits, reader: Callable[[Path], Any] | None) -> Any:
    """The extraction; the first ``max_pages`` pages only of a longer document."""
    from extractors.extract import sha256_of
    from extractors.pdf import copy_first_pages, page_count
    from extractors.types import Issue
    from hdswatch.report import extract_file

    read = reader or extract_file
    total = page_count(path)
    if total is None or total <= limits.max_pages:
        return read(path)
    with tempfile.TemporaryDirectory(prefix="hdswatch-pages-") as folder:
        head = Path(folder) / path.name
        copy_first_pages(path, head, limits.max_pages)
        extraction = read(head)
    unread = Issue(
        "page_limit",
        f"Seules les {limits.max_pages} premières pages sur {total} ont été lues "
        f"(HDSWATCH_MAX_PAGES) / Only the first {limits.max_pages} of {total} pages were read "
        "(HDSWATCH_MAX_PAGES).",
    )
    return replace(
        extraction,
        file=path.name,
        sha256=sha256_of(path),
        errors=[*extraction.errors, unread],
    )
