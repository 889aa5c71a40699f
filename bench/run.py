"""``make bench``: speed and memory of the analysis, measured side by side in one run.

In: the PDFs of :mod:`bench.corpus` (built into a cache folder on first run). Out: a Markdown
report on stdout (paste it into ``docs/benchmarks.md``), one row per measure, with the ratios the
project holds itself to:

1. pages per second of the full analysis (``hdswatch.report``: ``extract_file`` then
   ``build_report``, as ``analyse_file`` does: reading, OCR when needed, layout, clauses, values,
   rules) against raw ``pdfplumber`` ``extract_text`` of the same PDFs, file by file in turn so
   that both see the same machine load; ratio ≥ 1.0; with the share of each stage, and raw
   ``pypdfium2`` text as a reference;
2. a batch (the text PDFs three times) with 1 and 2 processes (``hdswatch.batch``); ratio ≥ 1.7;
3. peak memory of the analysis of a 300-page contract, in a fresh process (``ru_maxrss``); < 1 GB;
4. time to the first report of ``hdswatch analyze`` on a 40-page contract, from process start;
5. OCR pages per second (Tesseract, French + English, 300 dpi) with 1 and 2 pages at once.

    python -m bench.run               # everything (about 3 minutes on 2 cores)
    python -m bench.run --no-ocr      # without the OCR measure
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench import corpus

AS_OF = date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[1]


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def _pypdfium2_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def throughput(paths: list[Path]) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds spent on ``paths``, file by file in turn: raw pdfplumber, raw pypdfium2, and the
    full analysis cut into its stages (reading the PDF; clauses and values; rules and report).
    Wall-clock seconds, and CPU seconds of this process (less sensitive to other work on the
    machine)."""
    from extractors.pdf import read_pdf
    from hdswatch.report import analyse_file, build_report, extract_file

    analyse_file(paths[-1], AS_OF)  # models and catalogue loaded once, as in a worker
    keys = ("pdfplumber", "pypdfium2", "reading", "extraction", "rules")
    wall, cpu = dict.fromkeys(keys, 0.0), dict.fromkeys(keys, 0.0)

    def add(key: str, action: Callable[[], object]) -> object:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        wall[key] += time.perf_counter() - start
        cpu[key] += time.process_time() - start_cpu
        return result

    for path in paths:
        add("pdfplumber", lambda p=path: _pdfplumber_text(p))
        add("pypdfium2", lambda p=path: _pypdfium2_text(p))
        add("reading", lambda p=path: read_pdf(p))
        extraction = add("extraction", lambda p=path: extract_file(p))
        add("rules", lambda e=extraction: build_report(e, AS_OF))
    for spent in (wall, cpu):
        spent["analysis"] = spent["extraction"] + spent["rules"]
    return wall, cpu


def batch(paths: list[Path], jobs: int) -> float:
    from hdswatch.batch import analyse_many

    return _timed(lambda: list(analyse_many(paths, AS_OF, jobs=jobs)))


_PEAK = """
import resource, sys, time
from datetime import date
from pathlib import Path
from hdswatch.report import analyse_file
start = time.perf_counter()
report = analyse_file(Path(sys.argv[1]), date(2026, 11, 29))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - start, report["pages"])
"""


def peak_memory(path: Path) -> tuple[float, float, int]:
    """Peak resident memory (MB) and seconds of the analysis of ``path`` in a fresh process."""
    done = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    kilobytes, seconds, pages = done.stdout.split()
    return int(kilobytes) / 1024, float(seconds), int(pages)


def first_report(path: Path) -> float:
    """Seconds from starting ``hdswatch analyze`` to its first report line."""
    command = [
        sys.executable,
        "-m",
        "hdswatch.cli",
        "analyze",
        str(path),
        "--as-of",
        AS_OF.isoformat(),
    ]
    start = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.wait()
    return elapsed


def ocr_speed(path: Path, jobs: int) -> float:
    from extractors.pdf import read_pdf

    seconds = _timed(lambda: read_pdf(path, ocr_jobs=jobs))
    return _pages(path) / seconds


def _machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"load average at start {load:.2f}"
    )


def _row(measure: str, value: str, target: str = "") -> None:
    print(f"| {measure} | {value} | {target} |")


def _verdict(ok: bool, target: str) -> str:
    return f"{target} {'✔' if ok else '✘'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR measure")
    args = parser.parse_args(argv)
    files = corpus.build()
    text = files["text"]
    pages = {path: _pages(path) for path in text}
    total = sum(pages.values())
    print(f"# hdswatch benchmark, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(f"Machine: {_machine()}.")
    print(f"Text PDFs: {len(text)} files, {total} pages (cache: {corpus.cache_folder()}).\n")
    print("| measure | value | target |")
    print("|---|---|---|")

    spent, cpu = throughput(text)
    full, plumber, pdfium = (total / spent[k] for k in ("analysis", "pdfplumber", "pypdfium2"))
    ratio = full / plumber
    cpu_ratio = cpu["pdfplumber"] / cpu["analysis"]
    reading = spent["reading"]
    clauses = spent["extraction"] - reading
    share = spent["analysis"]
    rows = [
        ("full analysis (`analyse_file`), one process", f"{full:.1f} pages/s", ""),
        (
            "… of which reading the PDF (`read_pdf`: words, layout, tables)",
            f"{total / reading:.1f} pages/s ({reading / share:.0%} of the time)",
            "",
        ),
        (
            "… of which clauses and values (`extract` after reading)",
            f"{total / clauses:.1f} pages/s ({clauses / share:.0%})",
            "",
        ),
        (
            "… of which rules and report (`build_report`)",
            f"{total / spent['rules']:.1f} pages/s ({spent['rules'] / share:.0%})",
            "",
        ),
        ("raw `pdfplumber` `extract_text`, same PDFs", f"{plumber:.1f} pages/s", ""),
        ("raw `pypdfium2` text, same PDFs (reference)", f"{pdfium:.1f} pages/s", ""),
        ("**ratio analysis / pdfplumber**", f"**{ratio:.2f}**", _verdict(ratio >= 1, "≥ 1.0")),
        (
            "ratio by CPU time of this process (same runs)",
            f"{cpu_ratio:.2f} (`read_pdf` alone: {cpu['pdfplumber'] / cpu['reading']:.1f})",
            "",
        ),
    ]
    for row in rows:
        _row(*row)

    many = text * 3
    one, two = batch(many, 1), batch(many, 2)
    speedup = one / two
    pages_in_batch = total * 3
    _row(
        f"batch of {len(many)} files ({pages_in_batch} pages), 1 process",
        f"{one:.1f} s ({pages_in_batch / one:.1f} pages/s)",
    )
    _row(
        "same batch, 2 processes (`--jobs 2`)", f"{two:.1f} s ({pages_in_batch / two:.1f} pages/s)"
    )
    _row("**ratio 2 processes / 1**", f"**{speedup:.2f}**", _verdict(speedup >= 1.7, "≥ 1.7"))

    megabytes, seconds, count = peak_memory(files["long_300"][0])
    _row(
        f"peak memory, {count}-page contract (fresh process)",
        f"{megabytes:.0f} MB ({seconds:.1f} s, {count / seconds:.0f} pages/s)",
        _verdict(megabytes < 1024, "< 1024 MB"),
    )

    first = first_report(files["long_40"][0])
    _row(
        "time to first report, 40-page contract (`hdswatch analyze`, from process start)",
        f"{first:.2f} s",
    )

    if not args.no_ocr:
        scanned = files["scanned"][0]
        alone, paired = ocr_speed(scanned, 1), ocr_speed(scanned, 2)
        count = _pages(scanned)
        _row(
            f"OCR, {count} scanned pages, 1 page at a time",
            f"{alone:.3f} pages/s ({1 / alone:.1f} s/page)",
        )
        _row("OCR, same pages, 2 at a time", f"{paired:.3f} pages/s ({1 / paired:.1f} s/page)")
        _row("ratio OCR 2 / 1", f"{paired / alone:.2f}")
    print("\nCommand: `make bench` (= `.venv/bin/python -m bench.run`).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
