"""A registry with the three demo contracts ingested (CHB, CSR, PDT) and one account per role."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from hdswatch import pipeline
from hdswatch.registry.db import session_scope
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.settings import Settings
from hdswatch.web.users import add_user

TODAY = date(2026, 11, 29)
PASSWORD = "correct horse battery"
SECRET = "s" * 48
ESTABLISHMENTS = """
establishments:
  - code: CHB
    name: Centre hospitalier de Bellecombe
    dpo: {name: Claire Martin, email: dpo@chb.example}
  - code: CSR
    name: Clinique Saint-Roch
    dpo: {email: dpo@csr.example}
  - code: PDT
    name: Polyclinique des Tilleuls
    dpo: {email: dpo@pdt.example}
"""
ACCOUNTS = {
    "admin": ("admin", ()),
    "rssi": ("rssi", ()),
    "auditor": ("auditor", ()),
    "dpo.chb": ("dpo", ("CHB",)),
    "legal.chb": ("legal", ("CHB",)),
    "dpo.pdt": ("dpo", ("PDT",)),
}


@dataclass
class World:
    settings: Settings
    pdfs: dict[str, Path]  # establishment code → the contract's PDF


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """Built once for the package: ingesting the PDFs is the slow part."""
    from hdswatch.report import extract_file

    home = tmp_path_factory.mktemp("web-home")
    (home / "establishments.yaml").write_text(ESTABLISHMENTS, "utf-8")
    settings = Settings.from_env(
        {
            "HDSWATCH_HOME": str(home),
            "HDSWATCH_DB_URL": f"sqlite:///{home / 'registry.db'}",
            "HDSWATCH_ESTABLISHMENTS": str(home / "establishments.yaml"),
        }
    )
    pipeline.prepare(settings)
    pdfs = {}
    for spec in demo_specs(TODAY):
        pdf = write_contract_pdf(spec, home / "contracts" / f"{spec.name}.pdf")
        pdfs[spec.establishment] = pdf
        staged = home / "staging" / f"{spec.establishment}.extraction.json"
        staged.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "path": str(pdf),
            "establishment": spec.establishment,
            "folder": None,
            "size_bytes": pdf.stat().st_size,
            "extraction": extract_file(pdf).to_dict(),
        }
        staged.write_text(json.dumps(payload), "utf-8")
        pipeline.store(pipeline.validate(str(staged), TODAY, settings), TODAY, settings)
    with session_scope(settings.db_url) as session:
        for login, (role, codes) in ACCOUNTS.items():
            add_user(session, login, PASSWORD, role=role, establishments=codes, name=login)
    return World(settings, pdfs)


def copy_of(world: World, folder: Path) -> Settings:
    """The world's settings on a copy of its registry in ``folder`` (the write-ahead log
    included), for a test that changes the registry without touching the shared one."""
    import sqlite3
    from dataclasses import replace

    source = sqlite3.connect(world.settings.home / "registry.db")
    with sqlite3.connect(folder / "registry.db") as copy:
        source.backup(copy)
    source.close()
    return replace(
        world.settings,
        home=folder,
        inbox=folder / "inbox",
        reports=folder / "reports",
        db_url=f"sqlite:///{folder / 'registry.db'}",
    )
