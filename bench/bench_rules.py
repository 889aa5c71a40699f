"""The rules on stored contract records: 1,000 and then 10,000 stored extractions judged again at a
date (no PDF is read), as the nightly audit does, with the cost per contract and how it scales.

In: the three demo contracts of the sample generator, read once for real, then copied into
``--contracts`` stored extractions (``Extraction.to_dict()``, as the registry keeps them) with
their dates moved (−900 to +900 days), a few clauses dropped and, now and then, a storage country
outside the EEA (seeded). Out: a Markdown table on stdout (paste it into ``docs/benchmarks.md``).

Each size is judged ``--repeat`` times in the same process, after one warm-up batch that pays for
importing Great Expectations and building the suites; the median is kept. Measured:
``hdswatch.report.reevaluate_many`` (stored dict → full report, what the audit calls), and inside
it the GX validation alone (``expectations.runner.validate`` on the same tables).

    python -m bench.bench_rules                       # 1,000 and 10,000 contracts
    python -m bench.bench_rules --contracts 500 2000 --repeat 1
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

AS_OF = date(2026, 11, 29)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def shift_dates(value: Any, days: int) -> Any:
    if isinstance(value, str) and _ISO.match(value):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    return value


def sources(folder: Path) -> list[dict[str, Any]]:
    """The extractions of the three demo contracts (real PDFs, read for real)."""
    from hdswatch.report import extract_file
    from hdswatch.samples import demo_specs, write_contract_pdf

    return [
        extract_file(write_contract_pdf(spec, folder / f"{spec.name}.pdf")).to_dict()
        for spec in demo_specs(AS_OF)
    ]


def records(base: list[dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` stored extractions derived from ``base``, each with its own sha256."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    out = []
    for n in range(count):
        data = copy.deepcopy(base[n % len(base)])
        data = {**data, "values": shift_dates(data["values"], rng.randint(-900, 900))}
        data["sha256"] = f"{seed:04x}{n:060x}"
        data["file"] = f"contrat_{n:05d}.pdf"
        for clause_id in rng.sample(sorted(data["clauses"]), rng.choice((0, 0, 0, 1, 2))):
            data["clauses"][clause_id].update(status="missing", evidence=[])
        if rng.random() < 0.05:
            data["values"]["storage_countries"] = [*data["values"]["storage_countries"], "US"]
        out.append(data)
    return out


def _stored(data: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str | None, str | None]]:
    return [(d, f"E{i % 25:02d}", None) for i, d in enumerate(data)]


def _median_time(action: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _gx_only(data: list[dict[str, Any]]) -> float:
    """Seconds of the GX validations alone, for tables built beforehand."""
    from expectations import Policy, Subject
    from expectations.records import columns, make_record
    from expectations.runner import validate
    from extractors.types import Extraction

    made = [make_record(Subject(Extraction.from_dict(d)), AS_OF, Policy(), None) for d in data]
    groups: dict[str, list[Any]] = {}
    for record in made:
        groups.setdefault(record.applied.name, []).append(record)
    tables = [(group[0].applied, *columns(group)) for group in groups.values()]
    start = time.perf_counter()
    for catalogue, clause_columns, contract_columns in tables:
        validate(catalogue, clause_columns, contract_columns, AS_OF)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from hdswatch.report import reevaluate_many

    with tempfile.TemporaryDirectory() as folder:
        base = sources(Path(folder))
    start = time.perf_counter()
    reevaluate_many(_stored(records(base, 10, seed=1)), AS_OF)
    warm_up = time.perf_counter() - start

    rows = []
    for count in args.contracts:
        data = records(base, count, seed=count)
        stored = _stored(data)
        alerts = sum(len(r["alerts"]) for r in reevaluate_many(stored, AS_OF))
        total = _median_time(lambda stored=stored: reevaluate_many(stored, AS_OF), args.repeat)
        gx = statistics.median(_gx_only(data) for _ in range(args.repeat))
        rows.append((count, total, gx, alerts))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"Rules on stored records — {date.today()}, {platform.python_version()}, "
        f"{platform.machine()}, as of {AS_OF}, median of {args.repeat}, "
        f"warm-up (GX import + suites) {warm_up:.1f} s, peak memory {peak:.0f} MB"
    )
    print()
    print(
        "| contracts | alerts | reevaluate_many | per contract | of which GX validation | per contract |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count, total, gx, alerts in rows:
        print(
            f"| {count:,} | {alerts:,} | {total:.2f} s | {total / count * 1000:.2f} ms "
            f"| {gx:.2f} s | {gx / count * 1000:.2f} ms |"
        )
    if len(rows) >= 2:
        (small, t_small, _, _), (large, t_large, _, _) = rows[0], rows[-1]
        marginal = (t_large - t_small) / (large - small)
        fixed = t_small - marginal * small
        print()
        print(
            f"Scaling {small:,} → {large:,}: time × {t_large / t_small:.1f} for contracts "
            f"× {large / small:.0f}; time = {fixed:.1f} s + {marginal * 1000:.2f} ms × contracts "
            f"(the fixed part is GX building each suite's metric graph, once per validation)"
        )
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Load average at the end (1/5/15 min, {os.cpu_count()} cores): {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
