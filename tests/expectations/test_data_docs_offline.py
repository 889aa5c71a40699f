"""Data Docs of a validation run: written by GX checkpoints, made to render with no network, and
showing the failing clauses; opened for real in headless Chromium cut off from any network."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from expectations import Policies, Policy, Subject
from expectations.datadocs import ASSETS, VENDOR, external_references
from expectations.evaluation import build_data_docs
from expectations.records import columns, make_record
from expectations.runner import build_docs
from tests.expectations.builders import extraction

AS_OF = date(2026, 11, 29)
DOCUMENTS = [
    extraction("c01_clinique.pdf"),
    extraction(
        "c02_centre_hospitalier.pdf",
        missing=("reversibility", "dpo_audit"),
        storage_countries=["FR", "US"],
    ),
    extraction("c03_polyclinique.pdf", hds_certificate_expiry="2026-11-01"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datadocs")
    index = build_data_docs(DOCUMENTS, AS_OF, folder, policies=Policies(Policy()))
    assert index == folder / "index.html"
    return folder


def _page(site: Path, part: str) -> Path:
    (page,) = (site / "validations").rglob(f"*/{part}/*/*/*.html")
    return page


def test_a_page_per_suite_and_the_index(site: Path) -> None:
    index = (site / "index.html").read_text("utf-8")
    for part in ("clauses", "contract"):
        page = _page(site, part)
        assert str(page.relative_to(site)) in index
        assert page.parts[-6:-3] == ("hds_v2_2024", "v1", part)


def test_nothing_is_loaded_from_the_network(site: Path) -> None:
    assert external_references(site) == []
    for relative in set(ASSETS.values()):
        assert (site / VENDOR / relative).is_file(), relative
    html = _page(site, "clauses").read_text("utf-8")
    assert "../../../../../../../static/vendor/jquery-3.7.1/jquery.min.js" in html
    assert "integrity=" not in html and "newsletter" not in html


def test_the_failing_clauses_are_shown(site: Path) -> None:
    html = _page(site, "clauses").read_text("utf-8")
    key = "c02_centre_hospitalier.pdf [" + DOCUMENTS[1].sha256[:8] + "]"
    assert html.count(key) == 2
    for text in ("Clause obligatoire présente et conforme", "reversibility", "dpo_audit"):
        assert text in html
    contract = _page(site, "contract").read_text("utf-8")
    assert "storage_outside_eea" in contract and "c03_polyclinique.pdf" in contract


def _chromium(page: Path, *args: str) -> str:
    """Run headless Chromium on ``page`` with no network: in its own network namespace when the
    system allows it, else with every host name unresolvable and a dead proxy."""
    browser = shutil.which("chromium")
    if browser is None:
        reason = "chromium absent : make system-deps / Debian package chromium not installed"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    command = [
        browser,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--virtual-time-budget=5000",
        *args,
        page.as_uri(),
    ]
    isolated = (
        shutil.which("unshare")
        and subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode
        == 0
    )
    if isolated:
        command = ["unshare", "-n", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def test_the_page_renders_offline_in_a_browser(site: Path, tmp_path: Path) -> None:
    page = _page(site, "clauses")
    dom = _chromium(page, "--dump-dom")
    assert 'class="bootstrap-table bootstrap4"' in dom  # jQuery and bootstrap-table ran, locally
    assert "c02_centre_hospitalier.pdf" in dom and "dpo_audit" in dom
    shot = tmp_path / "clauses.png"
    _chromium(page, f"--screenshot={shot}", "--window-size=1400,1800")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000


def test_the_pages_as_gx_writes_them_do_not_render_offline(tmp_path: Path) -> None:
    """The control: without the local assets the same page gets no script to run."""
    records = [make_record(Subject(d), AS_OF, Policy(), None) for d in DOCUMENTS]
    clause_columns, contract_columns = columns(records)
    build_docs(records[0].applied, clause_columns, contract_columns, AS_OF, tmp_path, "control")
    dom = _chromium(_page(tmp_path, "clauses"), "--dump-dom")
    assert "c02_centre_hospitalier.pdf" in dom
    assert 'class="bootstrap-table bootstrap4"' not in dom
