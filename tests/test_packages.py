"""The project's packages resolve inside this repository (never the unrelated PyPI projects named
``extractors`` or ``expectations``), and importing them stays light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("extractors", REPO / "extractors"),
        ("expectations", REPO / "expectations"),
        ("hdswatch", REPO / "plugins" / "hdswatch"),
    ],
)
def test_package_resolves_in_the_repository(name: str, folder: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", f"import {name}; print({name}.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(out.stdout.strip()) == folder / "__init__.py"


def test_importing_the_application_package_is_light() -> None:
    code = (
        "import json, sys, hdswatch, hdswatch.settings, hdswatch.errors, hdswatch.inbox, hdswatch.mail\n"
        "print(json.dumps(sorted(m for m in ('spacy', 'pdfplumber', 'pypdfium2', 'great_expectations',"
        " 'pandas', 'sqlalchemy', 'jinja2', 'aiosmtpd', 'reportlab') if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_no_module_shadows_the_standard_library() -> None:
    """Airflow's plugin manager may import files of the plugins folder under their bare names:
    a module named like a standard one (``calendar.py``) would replace it for every task."""
    clashes = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "plugins").rglob("*.py")
        if p.stem in sys.stdlib_module_names
    ]
    assert clashes == []


def test_plugin_manager_skips_the_application_package() -> None:
    ignore = (REPO / "plugins" / ".airflowignore").read_text().splitlines()
    assert "hdswatch/" in ignore
