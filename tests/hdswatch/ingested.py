"""A working folder with the three demo contracts ingested for real (``hdswatch ingest``, alerts
sent to an SMTP catcher on loopback): for the retention and deletion tests.

>>> home = ingest_demo(tmp_path)   # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from hdswatch.cli import cli
from hdswatch.inbox import drop
from hdswatch.mail import MailCatcher
from hdswatch.samples import demo_specs, write_contract_pdf

__all__ = ["TODAY", "Ingested", "environment", "ingest_demo"]

TODAY = date(2026, 11, 29)


@dataclass
class Ingested:
    home: Path
    env: dict[str, str]
    pdfs: dict[str, Path]  # establishment code → the original (outside the home)


@contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("HDSWATCH_")]:
            patch.delenv(name)
        for name, value in env.items():
            patch.setenv(name, value)
        yield


def ingest_demo(root: Path, codes: tuple[str, ...] = ("CHB", "CSR", "PDT")) -> Ingested:
    """The demo contracts of the establishments ``codes`` (CHB's has alerts and an e-mail)."""
    home, mailbox = root / "home", root / "mailbox"
    pdfs = {}
    for spec in [s for s in demo_specs(TODAY) if s.establishment in codes]:
        pdf = write_contract_pdf(spec, root / "samples" / f"{spec.name}.pdf")
        pdfs[spec.establishment] = pdf
        drop(pdf, home / "inbox", spec.establishment)
    with MailCatcher(mailbox) as catcher:
        env = {
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_SMTP_HOST": "127.0.0.1",
            "HDSWATCH_SMTP_PORT": str(catcher.port),
        }
        with environment(env):
            result = CliRunner().invoke(cli, ["ingest", "--as-of", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return Ingested(home, env, pdfs)
