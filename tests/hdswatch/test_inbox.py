"""The local inbox: what a scan takes (complete PDFs), what it leaves (files still being
written, hidden files, symbolic links) and where each file belongs."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from hdswatch.errors import InputError
from hdswatch.inbox import DEFAULT_ESTABLISHMENT, drop, placement, scan, valid_code


def write(path: Path, data: bytes = b"%PDF-1.7\n%%EOF\n", age: float = 60.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    past = time.time() - age
    os.utime(path, (past, past))
    return path


def names(inbox: Path, **options: float) -> list[str]:
    return [f.path.relative_to(inbox).as_posix() for f in scan(inbox, **options)]


def test_scan_lists_pdfs_with_their_establishment(tmp_path: Path) -> None:
    write(tmp_path / "CSR" / "contrat.pdf")
    write(tmp_path / "CSR" / "2024-hds" / "annexe.PDF")
    write(tmp_path / "racine.pdf")
    write(tmp_path / "CSR" / "notes.txt")
    write(tmp_path / "CSR" / ".contrat.pdf.part")
    write(tmp_path / ".signals" / "new.pdf")
    found = scan(tmp_path)
    assert [(f.path.relative_to(tmp_path).as_posix(), f.establishment) for f in found] == [
        ("CSR/2024-hds/annexe.PDF", "CSR"),
        ("CSR/contrat.pdf", "CSR"),
        ("racine.pdf", DEFAULT_ESTABLISHMENT),
    ]


@pytest.mark.reliability
def test_a_file_still_being_written_is_left_for_the_next_scan(tmp_path: Path) -> None:
    """a PDF growing during the scan → skipped; a fresh but complete one → taken."""
    write(tmp_path / "CSR" / "fini.pdf", age=0.0)
    growing = write(tmp_path / "CSR" / "en-cours.pdf", age=0.0)
    stop = threading.Event()

    def writer() -> None:
        with growing.open("ab") as handle:
            while not stop.is_set():
                handle.write(b"x" * 1024)
                handle.flush()
                time.sleep(0.05)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert names(tmp_path, settle_s=0.5) == ["CSR/fini.pdf"]
    finally:
        stop.set()
        thread.join()
    assert names(tmp_path, settle_s=0.0) == ["CSR/en-cours.pdf", "CSR/fini.pdf"]


def test_old_files_cost_no_wait(tmp_path: Path) -> None:
    write(tmp_path / "CSR" / "contrat.pdf", age=60)
    waits: list[float] = []
    assert names(tmp_path, settle_s=5.0, sleep=waits.append) == ["CSR/contrat.pdf"]
    assert waits == []


def test_a_young_file_is_waited_for_once_until_it_is_old_enough(tmp_path: Path) -> None:
    write(tmp_path / "a.pdf", age=1.0)
    write(tmp_path / "b.pdf", age=3.0)
    waits: list[float] = []
    assert names(tmp_path, settle_s=5.0, sleep=waits.append) == ["a.pdf", "b.pdf"]
    assert len(waits) == 1 and 3.9 < waits[0] <= 4.0


@pytest.mark.reliability
def test_symbolic_links_are_never_followed(tmp_path: Path) -> None:
    """a symlinked PDF and a symlinked folder in the inbox → neither is read."""
    outside = tmp_path / "outside"
    write(outside / "secret.pdf")
    inbox = tmp_path / "inbox"
    write(inbox / "CSR" / "contrat.pdf")
    os.symlink(outside / "secret.pdf", inbox / "CSR" / "lien.pdf")
    os.symlink(outside, inbox / "HPV")
    assert names(inbox) == ["CSR/contrat.pdf"]


def test_placement_of_odd_folders(tmp_path: Path) -> None:
    assert placement(tmp_path / "CSR" / "2024" / "a.pdf", tmp_path) == ("CSR", "2024")
    assert placement(tmp_path / "a.pdf", tmp_path) == ("DEFAULT", None)
    assert placement(tmp_path.parent / "a.pdf", tmp_path) == ("DEFAULT", None)
    long = "C" * 65
    assert placement(tmp_path / long / "a.pdf", tmp_path) == ("DEFAULT", long)
    assert placement(tmp_path / "Clinique X" / "d" / "a.pdf", tmp_path) == (
        "DEFAULT",
        "Clinique X/d",
    )
    assert [valid_code(c) for c in ("CSR", "ch-b_2", "Évian", "", "a b", "C" * 64)] == [
        True,
        True,
        True,
        False,
        False,
        True,
    ]


def test_drop_refuses_a_bad_establishment_code(tmp_path: Path) -> None:
    source = write(tmp_path / "c.pdf")
    with pytest.raises(InputError):
        drop(source, tmp_path / "inbox", "../etc")
    with pytest.raises(InputError):
        drop(source, tmp_path / "inbox", "C" * 65)
    target = drop(source, tmp_path / "inbox", "CSR")
    assert target == tmp_path / "inbox" / "CSR" / "c.pdf"
    assert target.read_bytes() == source.read_bytes()


@pytest.mark.parametrize("name", ["..", ".hidden.pdf", "contrat.docx", "sub/..", "a.pdf.part"])
def test_drop_refuses_a_name_the_inbox_scan_would_never_see(tmp_path: Path, name: str) -> None:
    source = write(tmp_path / "c.pdf")
    inbox = tmp_path / "inbox"
    with pytest.raises(InputError, match="nom de fichier invalide"):
        drop(source, inbox, "CSR", name=name)
    assert not (inbox / "CSR").exists() or list((inbox / "CSR").iterdir()) == []


def test_drop_keeps_only_the_last_segment_of_a_name(tmp_path: Path) -> None:
    source = write(tmp_path / "c.pdf")
    target = drop(source, tmp_path / "inbox", "CSR", name="../../avenant 2.pdf")
    assert target == tmp_path / "inbox" / "CSR" / "avenant 2.pdf"
