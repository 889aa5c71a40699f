"""The cost of reading each file in its own limited process (:mod:`hdswatch.sandbox`).

In: nothing (the three demo contracts are generated into a temporary folder). Out: a Markdown
table on stdout: the first call of a process (fork server start and warm-up against the first
in-process extraction, models loaded), then the median per file once warm, in process and
sandboxed, and the overhead per file.

    python -m bench.sandbox            # ≈ 1 minute on 2 cores
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROUNDS = 5


def main() -> int:
    from hdswatch.report import extract_file
    from hdswatch.samples import demo_specs, write_contract_pdf
    from hdswatch.sandbox import Limits, extract_limited

    with tempfile.TemporaryDirectory(prefix="hdswatch-bench-sandbox-") as folder:
        files = [
            write_contract_pdf(spec, Path(folder) / f"{spec.name}.pdf")
            for spec in demo_specs(date(2026, 11, 29))
        ]
        limits = Limits(timeout_s=300)
        started = time.perf_counter()
        extract_file(files[0])
        first_inline = time.perf_counter() - started
        started = time.perf_counter()
        extract_limited(files[0], limits)
        first_sandboxed = time.perf_counter() - started
        inline, sandboxed = [], []
        for _ in range(ROUNDS):
            for path in files:
                started = time.perf_counter()
                extract_file(path)
                inline.append(time.perf_counter() - started)
                started = time.perf_counter()
                extract_limited(path, limits)
                sandboxed.append(time.perf_counter() - started)
    a, b = statistics.median(inline), statistics.median(sandboxed)
    print("| measure | in process | sandboxed |")
    print("|---|---|---|")
    print(f"| first file of a process | {first_inline:.2f} s | {first_sandboxed:.2f} s |")
    print(
        f"| median per file, warm ({len(inline)} reads, 8-page contracts) | {a:.2f} s | {b:.2f} s |"
    )
    print(f"| overhead per file | | {b - a:+.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
