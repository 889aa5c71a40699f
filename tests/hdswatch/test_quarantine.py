"""``hdswatch quarantine list`` and ``retry``: what cannot be processed, with the proof that the
original is intact, and reading it again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from hdswatch import pipeline
from hdswatch.cli import cli
from hdswatch.samples import write_bad_files
from hdswatch.settings import Settings

TODAY = date(2026, 11, 29)


def test_list_shows_each_quarantined_document_and_whether_its_file_is_intact(
    tmp_path: Path,
) -> None:
    env = {"HDSWATCH_HOME": str(tmp_path / "home")}
    settings = Settings.from_env(env)
    pipeline.prepare(settings)
    bad = write_bad_files(tmp_path / "bad")
    for name in ("encrypted", "not_a_pdf", "invoice"):
        staged = pipeline.validate(pipeline.analyse(str(bad[name]), settings), TODAY, settings)
        pipeline.store(staged, TODAY, settings)
    bad["not_a_pdf"].write_bytes(b"changed")  # the original was modified behind our back

    runner = CliRunner()
    listed = runner.invoke(cli, ["quarantine", "list", "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["file_name"], r["kind"], r["reason"], r["intact"]) for r in rows] == [
        ("encrypted.pdf", "encrypted", "encrypted", True),
        ("not_a_pdf.pdf", "unreadable", "not_pdf", False),
    ]
    assert rows[0]["size_bytes"] == bad["encrypted"].stat().st_size

    table = runner.invoke(cli, ["quarantine", "list"], env=env)
    assert table.exit_code == 0
    assert "'encrypted.pdf'\tencrypted\tencrypted" in table.output
    assert "MODIFIÉ / CHANGED" in table.output

    again = runner.invoke(cli, ["quarantine", "retry", str(rows[0]["id"])], env=env)
    assert again.exit_code == 0 and again.output == f"document {rows[0]['id']} : encrypted\n"
    missing = runner.invoke(cli, ["quarantine", "retry", "999"], env=env)
    assert missing.exit_code == 1
    assert "pas en quarantaine / not in quarantine" in missing.output
