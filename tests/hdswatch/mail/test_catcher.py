"""The local mail catcher: files it writes, its life cycle, and its command line."""

from __future__ import annotations

import os
import re
import select
import signal
import smtplib
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hdswatch.errors import DocumentNotFound
from hdswatch.mail import MailCatcher, read_mailbox
from hdswatch.mail.catcher import main

RAW = (
    "From: hdswatch@ght.example\r\n"
    "To: rssi@ght.example\r\n"
    "Subject: =?utf-8?q?Synth=C3=A8se_n=C2=B0{n}?=\r\n"
    "\r\n"
    "Corps {n}\r\n"
)


def deliver(port: int, n: int, recipients: list[str] | None = None) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("hdswatch@ght.example", recipients or ["rssi@ght.example"], RAW.format(n=n))


def test_each_message_becomes_one_eml_file_in_arrival_order(tmp_path: Path) -> None:
    box = tmp_path / "box"  # created by the catcher
    with MailCatcher(box) as catcher:
        assert catcher.port > 0
        deliver(catcher.port, 1)
        deliver(catcher.port, 2, ["rssi@ght.example", "hidden@csr.example"])

    names = sorted(path.name for path in box.iterdir())
    assert [re.fullmatch(r"\d{8}T\d{12}Z-00000[12]\.eml", name) is not None for name in names] == [
        True,
        True,
    ]
    assert names[0].endswith("-000001.eml")
    first, second = read_mailbox(box)
    assert (first["Subject"], second["Subject"]) == ("Synthèse n°1", "Synthèse n°2")
    assert second.get_content() == "Corps 2\n"
    assert second["To"] == "rssi@ght.example"
    assert second["X-Envelope-To"] == "rssi@ght.example, hidden@csr.example"
    assert second["X-Envelope-From"] == "hdswatch@ght.example"
    assert b"\r\n" not in (box / names[1]).read_bytes()


def test_a_stopped_catcher_no_longer_listens(tmp_path: Path) -> None:
    catcher = MailCatcher(tmp_path).start()
    port = catcher.port
    with pytest.raises(RuntimeError, match="already running"):
        catcher.start()
    catcher.stop()
    catcher.stop()  # a second stop is harmless

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_a_chosen_port_is_kept(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with MailCatcher(tmp_path, port=port) as catcher:
        deliver(port, 7)
    assert catcher.port == port
    assert [m["Subject"] for m in read_mailbox(tmp_path)] == ["Synthèse n°7"]


def test_read_mailbox_ignores_other_files_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("pas un courriel")
    (tmp_path / ".20260101T000000000000Z-000001.eml.part").write_text("Subject: half\n")
    assert read_mailbox(tmp_path) == []

    with pytest.raises(DocumentNotFound, match="nowhere: fichier introuvable / file not found"):
        read_mailbox(tmp_path / "nowhere")


def test_main_says_when_the_port_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["--dir", str(tmp_path), "--port", str(port), "--pidfile", str(tmp_path / "p")])

    assert code == 1
    assert (
        f"hdswatch catcher: 127.0.0.1:{port} indisponible / unavailable: "
        in capsys.readouterr().err
    )
    assert not (tmp_path / "p").exists()


def test_command_line_runs_until_sigterm_with_a_pid_file(tmp_path: Path) -> None:
    box, pidfile = tmp_path / "box", tmp_path / "catcher.pid"
    command = [sys.executable, "-W", "error", "-m", "hdswatch.mail.catcher"]
    args = ["--dir", str(box), "--port", "0", "--pidfile", str(pidfile)]
    process = subprocess.Popen(
        command + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "the catcher did not start within 30 s"
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.fullmatch(
            r"hdswatch catcher: écoute sur / listening on 127\.0\.0\.1:(\d+), messages → (.+)\n",
            line,
        )
        assert found is not None, line
        assert found[2] == str(box)
        assert pidfile.read_text() == f"{process.pid}\n"

        deliver(int(found[1]), 3)
        os.kill(process.pid, signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)

    assert (process.returncode, out, err) == (0, "", "")
    assert not pidfile.exists()
    assert [m["Subject"] for m in read_mailbox(box)] == ["Synthèse n°3"]
