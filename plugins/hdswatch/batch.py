"""Analyse many files at once: a pool of processes, each loading its readers and models once, and
one rules validation per group of files instead of one per file.

In: paths, the reference date, a number of processes (``jobs``; 0 = one per core). Out: the
reports of :func:`hdswatch.report.analyse_file`, in the order of the paths (the same reports,
tested), each given as soon as it and those before it are done.

How the work is shared:

- files are read and judged in small groups (:func:`plan`): each group's extractions are judged
  together by :func:`hdswatch.report.build_reports`, one Great Expectations validation per
  group (a validation costs about the same for one contract or for ten);
- with several processes, the groups go out largest files first (the long contracts do not end
  up alone at the end of the batch) and each worker takes the next group when it is free;
- workers start warm. When the caller runs no other thread (the command line, a script), this
  process loads the extraction code, the catalogue, the language models, the clause pipeline and
  the rules' suites once, then forks the workers, which share them. Otherwise (an Airflow task may
  run threads, and forking a threaded process is unsafe) the workers come from a fork server that
  has imported the same code, and each loads the models before its first group.

OCR inside a worker gets its share of the cores, so that a batch never runs more Tesseract
processes than there are cores. A script that calls :func:`analyse_many` with ``jobs > 1`` must
keep its top-level code under ``if __name__ == "__main__":`` (fork-server workers import the main
module).

>>> for report in analyse_many([Path("a.pdf"), Path("b.pdf")], date(2026, 11, 29), jobs=2):  # doctest: +SKIP
...     print(report["file"], report["kind"])
a.pdf contract
b.pdf damaged
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["GROUP_FILES", "analyse_many", "cores", "jobs_for", "plan", "start_method"]

#: At most this many files are judged in one validation (the first report waits for its group).
GROUP_FILES = 4

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

_Task = tuple[tuple[int, ...], tuple[str, ...], str]  # input positions, paths, as_of


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_for(requested: int, files: int) -> int:
    """Processes to start: ``requested`` (0 = one per core), never more than the files."""
    return max(1, min(requested or cores(), files))


def plan(sizes: Sequence[int], workers: int, most: int = GROUP_FILES) -> list[list[int]]:
    """Groups of input positions, in the order they are handed out. One process: the files in
    input order, ``most`` at a time. Several: largest first, each group small enough that every
    worker gets about four groups, so that the last groups (the smallest files) even out the end.

    >>> plan([10, 500, 20, 300], workers=2)
    [[1], [3], [2], [0]]
    >>> plan([10, 500, 20], workers=1)
    [[0, 1, 2]]
    """
    count = len(sizes)
    if workers <= 1:
        return [list(range(start, min(start + most, count))) for start in range(0, count, most)]
    size = max(1, min(most, count // (workers * 4)))
    order = sorted(range(count), key=lambda i: -sizes[i])
    return [order[start : start + size] for start in range(0, count, size)]


def start_method() -> str:
    """``fork`` when this process runs no other thread (workers then share what it has loaded),
    else ``forkserver``."""
    alone = threading.current_thread() is threading.main_thread() and threading.active_count() == 1
    return "fork" if alone and "fork" in multiprocessing.get_all_start_methods() else "forkserver"


def analyse_many(paths: Sequence[Path], as_of: date, jobs: int = 1) -> Iterator[dict[str, Any]]:
    """The report of each path, in order. ``jobs`` processes (1: in this process)."""
    workers = jobs_for(jobs, len(paths))
    sizes = [_size(path) for path in paths]
    tasks: list[_Task] = [
        (tuple(group), tuple(str(paths[i]) for i in group), as_of.isoformat())
        for group in plan(sizes, workers)
    ]
    if workers == 1:
        for task in tasks:
            yield from _analyse(task)[1]
        return
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "fork":
        warm_up()  # once here, shared by the forked workers
    else:
        context.set_forkserver_preload(_PRELOAD)
    ocr_jobs = max(1, cores() // workers)
    pool = context.Pool(workers, initializer=_start_worker, initargs=(ocr_jobs,))
    try:
        done: dict[int, dict[str, Any]] = {}
        following = 0
        for positions, reports in pool.imap_unordered(_analyse, tasks, chunksize=1):
            done.update(zip(positions, reports, strict=True))
            while following in done:
                yield done.pop(following)
                following += 1
        pool.close()  # workers finish and exit on their own, their resources released
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def warm_up() -> None:
    """Load what every analysis needs, once per process: the catalogue, the language models, the
    clause pipeline and the rules' suites of the catalogue in force."""
    from expectations import runner
    from expectations.catalogue import load_catalogue
    from extractors import language
    from extractors.nlp import load_pipeline

    catalogue = load_catalogue()
    language.warm_up()
    load_pipeline()
    runner.warm_up(catalogue)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _start_worker(ocr_jobs: int) -> None:
    from extractors import ocr

    ocr.configure(ocr_jobs)
    warm_up()


def _analyse(task: _Task) -> tuple[tuple[int, ...], list[dict[str, Any]]]:
    """Read each file of a group, then judge the group in one validation."""
    from hdswatch.report import build_reports, extract_file

    positions, paths, as_of = task
    extractions = [(extract_file(Path(path)), None, None) for path in paths]
    return positions, build_reports(extractions, date.fromisoformat(as_of))
