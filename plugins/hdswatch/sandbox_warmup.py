"""Imported once by the fork server of :mod:`hdswatch.sandbox`, never by hand: it reads one
generated sample contract (French) and one in English so that every model, pattern table and
reader the extraction loads on first use is in memory before the server forks a child per file.

In: nothing. Out: nothing (a warm process). A failure here only costs speed: each child then
loads what it needs itself.

>>> import hdswatch.sandbox_warmup   # doctest: +SKIP  (≈ 4 s, once per fork server)
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

__all__: list[str] = []


def _warm_up() -> None:
    from hdswatch.report import extract_file
    from hdswatch.samples import demo_specs, write_contract_pdf

    specs = demo_specs(date(2026, 1, 1))
    with tempfile.TemporaryDirectory(prefix="hdswatch-warmup-") as folder:
        for spec in (specs[0], specs[-1]):
            extract_file(write_contract_pdf(spec, Path(folder) / f"{spec.name}.pdf"))


try:
    _warm_up()
except Exception as exc:  # speed only: the children load what they need themselves
    log.warning("sandbox warm-up skipped: %s", exc)
