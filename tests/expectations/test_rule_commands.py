"""The commands around the rules: ``hdswatch hosts import|check``, ``hdswatch docs build`` and
``hdswatch suites export --check``, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hdswatch.samples import demo_specs, write_contract_pdf

AS_OF = date(2026, 11, 29)


def hdswatch(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HDSWATCH_HOME": str(home)}
    env.pop("HDSWATCH_HOSTS_LIST", None)
    return subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


def test_hosts_import_then_check(tmp_path: Path) -> None:
    listing = tmp_path / "liste.csv"
    listing.write_bytes(
        "Raison sociale;Activités certifiées;Date d'expiration\r\n"
        "Nuagesanté SAS;1 à 6;19/12/2027\r\n".encode("cp1252")
    )
    result = hdswatch(tmp_path, "hosts", "import", str(listing))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"1 hébergeur(s) importé(s) : {tmp_path / 'ans_hosts.json'}",
        "  name \u2190 Raison sociale",
        "  activities \u2190 Activités certifiées",
        "  expires \u2190 Date d'expiration",
    ]
    saved = json.loads((tmp_path / "ans_hosts.json").read_text("utf-8"))
    assert saved["records"][0]["activities"] == ["1", "2", "3", "4", "5", "6"]
    found = hdswatch(tmp_path, "hosts", "check", "NUAGESANTE")
    assert (found.returncode, found.stdout) == (
        0,
        "Nuagesanté SAS\tactivités 1,2,3,4,5,6\t?\t? \u2192 2027-12-19\n",
    )
    absent = hdswatch(tmp_path, "hosts", "check", "Cumulus")
    assert absent.returncode == 1 and absent.stdout.startswith("Cumulus : absent de la liste")


def test_hosts_import_of_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    other = tmp_path / "autre.csv"
    other.write_text("Nom;Ville\nA;Paris\n", "utf-8")
    result = hdswatch(tmp_path, "hosts", "import", str(other))
    assert result.returncode == 2
    assert result.stderr.startswith("hdswatch: [input_error] ")
    assert "aucune ligne d'en-tête" in result.stderr


def test_docs_build_from_a_pdf(tmp_path: Path) -> None:
    spec = demo_specs(AS_OF)[1]  # reversibility and DPO audit missing, storage in the US
    pdf = write_contract_pdf(spec, tmp_path / f"{spec.name}.pdf")
    out = tmp_path / "docs"
    result = hdswatch(
        tmp_path, "docs", "build", str(pdf), "--as-of", "2026-11-29", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out / 'index.html'}\n"
    (page,) = (out / "validations").rglob("*/clauses/*/*/*.html")
    html = page.read_text("utf-8")
    assert html.count(f"{spec.name}.pdf") == 2  # the two missing clauses
    assert "reversibility" in html and "dpo_audit" in html
    assert "https://" not in "".join(line for line in html.splitlines() if "<script" in line)


def test_suites_export_check(tmp_path: Path) -> None:
    result = hdswatch(tmp_path, "suites", "export", "--check")
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("value", ["3 mois", "-1"])
def test_a_wrong_default_notice_is_a_config_error(tmp_path: Path, value: str) -> None:
    env = {**os.environ, "HDSWATCH_HOME": str(tmp_path), "HDSWATCH_DEFAULT_NOTICE_DAYS": value}
    result = subprocess.run(
        [sys.executable, "-m", "hdswatch.cli", "hosts", "check", "X"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    assert "HDSWATCH_DEFAULT_NOTICE_DAYS" in result.stderr
