"""Analyse many files at once: a pool of processes, each loading its readers and models once.

In: paths, the reference date, a number of processes (``jobs``; 0 = one per core). Out: the
reports of :func:`hdswatch.report.analyse_file`, in the order of the paths, each given as soon as
it and those before it are done (the first report does not wait for the whole batch).

Workers are forked from a server process (``forkserver``: safe even when the caller runs threads,
as an Airflow task does) that has already imported the extraction and rules code; each then loads
the catalogue and the language models once, before its first file, and exits cleanly at the end.
OCR inside a worker gets its share of the cores, so that a batch never runs more Tesseract
processes than there are cores. A script that calls :func:`analyse_many` with ``jobs > 1`` must
keep its top-level code under ``if __name__ == "__main__":`` (the workers import the main module).

>>> for report in analyse_many([Path("a.pdf"), Path("b.pdf")], date(2026, 11, 29), jobs=2):  # doctest: +SKIP
...     print(report["file"], report["kind"])
a.pdf contract
b.pdf damaged
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["analyse_many", "cores", "jobs_for"]

# Imported once by the fork server, shared by every worker (≈ 4.5 s of CPU saved per worker).
_PRELOAD = [
    "great_expectations",
    "spacy",
    "pdfplumber",
    "hdswatch.report",
    "extractors.extract",
    "expectations.rules",
    "hdswatch.batch",
]


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(requested: int, files: int) -> int:
    """Processes to start: ``requested`` (0 = one per core), never more than the files."""
    return max(1, min(requested or cores(), files))


def analyse_many(paths: Sequence[Path], as_of: date, jobs: int = 1) -> Iterator[dict[str, Any]]:
    """The report of each path, in order. ``jobs`` processes (1: in this process)."""
    from hdswatch.report import analyse_file

    workers = jobs_for(jobs, len(paths))
    if workers == 1:
        for path in paths:
            yield analyse_file(path, as_of)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    ocr_jobs = max(1, cores() // workers)
    pool = context.Pool(workers, initializer=_start_worker, initargs=(ocr_jobs,))
    try:
        tasks = [(str(path), as_of.isoformat()) for path in paths]
        yield from pool.imap(_analyse, tasks, chunksize=1)
        pool.close()  # workers finish and exit on their own, their resources released
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _start_worker(ocr_jobs: int) -> None:
    from expectations.catalogue import load_catalogue
    from extractors import language, ocr

    ocr.configure(ocr_jobs)
    load_catalogue()
    language.warm_up()


def _analyse(task: tuple[str, str]) -> dict[str, Any]:
    from hdswatch.report import analyse_file

    path, as_of = task
    return analyse_file(Path(path), date.fromisoformat(as_of))
