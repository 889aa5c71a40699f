"""The sandboxed reader: same extraction as in-process for a sound file; each limit (time, CPU,
memory, pages) and a crash give an ``unreadable`` extraction whose errors say which, in French
and English; the caller never crashes and the file is never modified."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from hdswatch.errors import ConfigError, DocumentNotFound
from hdswatch.samples import demo_specs, write_contract_pdf
from hdswatch.samples.bad_files import write_hostile_files
from hdswatch.sandbox import Limits, extract_limited, limits_from, message
from hdswatch.settings import Settings
from tests.reliability import readers


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = demo_specs(date(2026, 11, 29))[0]
    return write_contract_pdf(spec, tmp_path_factory.mktemp("c") / "contrat.pdf")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_hostile_files(tmp_path_factory.mktemp("hostile"))


def test_a_sound_file_reads_the_same_as_in_process(contract: Path) -> None:
    from hdswatch.report import extract_file

    sandboxed = extract_limited(contract, Limits(timeout_s=120))
    assert sandboxed.to_dict() == extract_file(contract).to_dict()
    assert sandboxed.kind == "contract"


@pytest.mark.reliability
def test_a_reader_that_hangs_is_stopped_at_the_timeout(contract: Path) -> None:
    """reader never answers → unreadable, parse_timeout, file untouched."""
    before = sha(contract)
    extraction = extract_limited(contract, Limits(timeout_s=2), reader=readers.hang)
    assert (extraction.kind, extraction.pages, extraction.clauses) == ("unreadable", 0, {})
    assert [e.to_dict() for e in extraction.errors] == [
        {
            "code": "parse_timeout",
            "message": "Lecture arrêtée après 2 s (limite HDSWATCH_PARSE_TIMEOUT_S) : document "
            "non analysé. / Reading stopped after 2 s (HDSWATCH_PARSE_TIMEOUT_S limit): "
            "document not analysed.",
        }
    ]
    assert (extraction.file, extraction.sha256) == ("contrat.pdf", before)
    assert sha(contract) == before


@pytest.mark.reliability
def test_a_reader_that_asks_for_too_much_memory_is_stopped(contract: Path) -> None:
    """reader allocates past the address-space limit → unreadable, memory_limit."""
    extraction = extract_limited(
        contract, Limits(timeout_s=60, memory_mb=2048), reader=readers.hog_memory
    )
    assert extraction.kind == "unreadable"
    assert [e.code for e in extraction.errors] == ["memory_limit"]
    assert extraction.errors[0].message == message("memory_limit", Limits(memory_mb=2048))
    assert "2048 Mo" in extraction.errors[0].message
    assert "2048 MB" in extraction.errors[0].message


@pytest.mark.reliability
def test_a_reader_that_segfaults_does_not_take_the_caller_down(contract: Path) -> None:
    """reader dies of SIGSEGV → unreadable, parse_crashed (signal 11); caller lives on."""
    extraction = extract_limited(contract, Limits(timeout_s=60), reader=readers.segfault)
    assert extraction.kind == "unreadable"
    assert [e.to_dict() for e in extraction.errors] == [
        {
            "code": "parse_crashed",
            "message": "Le lecteur de PDF s'est arrêté brutalement (signal 11) : document non "
            "analysé. / The PDF reader stopped abruptly (signal 11): document not analysed.",
        }
    ]
    assert extract_limited(contract, Limits(timeout_s=120)).kind == "contract"


@pytest.mark.reliability
def test_a_reader_bug_is_reported_for_that_file_only(contract: Path) -> None:
    """reader raises KeyError → unreadable, parse_crashed naming the exception."""
    extraction = extract_limited(contract, Limits(timeout_s=60), reader=readers.fail)
    assert [e.code for e in extraction.errors] == ["parse_crashed"]
    assert "(KeyError)" in extraction.errors[0].message


@pytest.mark.reliability
def test_a_stream_bomb_is_stopped_by_the_cpu_limit(hostile: dict[str, Path]) -> None:
    """240 MB content stream of operators, 1 s of CPU allowed → unreadable, cpu_limit."""
    extraction = extract_limited(hostile["stream_bomb"], Limits(timeout_s=120, cpu_s=1))
    assert extraction.kind == "unreadable"
    assert [e.to_dict() for e in extraction.errors] == [
        {
            "code": "cpu_limit",
            "message": "Lecture arrêtée après 1 s de calcul : document non analysé. / "
            "Reading stopped after 1 s of CPU time: document not analysed.",
        }
    ]


@pytest.mark.reliability
def test_a_page_bomb_is_read_on_its_first_pages_only(hostile: dict[str, Path]) -> None:
    """20,000 blank pages, 20 allowed → 20 pages read, page_limit says 20 of 20000."""
    path = hostile["page_bomb"]
    before = sha(path)
    extraction = extract_limited(path, Limits(timeout_s=120, max_pages=20))
    assert (extraction.kind, extraction.pages) == ("empty", 20)
    assert [e.code for e in extraction.errors] == ["no_text", "page_limit"]
    assert extraction.errors[-1].message == (
        "Seules les 20 premières pages sur 20000 ont été lues (HDSWATCH_MAX_PAGES) / "
        "Only the first 20 of 20000 pages were read (HDSWATCH_MAX_PAGES)."
    )
    assert (extraction.file, extraction.sha256) == ("page_bomb.pdf", before)
    assert sha(path) == before


@pytest.mark.reliability
def test_a_1000_page_scan_ends_at_the_timeout_with_its_truth(hostile: dict[str, Path]) -> None:
    """1,000 scanned pages (OCR ≈ 11 s a page), 4 s allowed → unreadable, parse_timeout."""
    extraction = extract_limited(hostile["scan_1000"], Limits(timeout_s=4, max_pages=50))
    assert extraction.kind == "unreadable"
    assert [e.code for e in extraction.errors] == ["parse_timeout"]


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentNotFound):
        extract_limited(tmp_path / "absent.pdf")


def test_limits_come_from_the_settings() -> None:
    settings = Settings.from_env(
        {
            "HDSWATCH_PARSE_TIMEOUT_S": "30",
            "HDSWATCH_PARSE_MEMORY_MB": "1024",
            "HDSWATCH_MAX_PAGES": "80",
        }
    )
    assert limits_from(settings) == Limits(timeout_s=30.0, memory_mb=1024, max_pages=80)
    defaults = limits_from(Settings.from_env({}))
    assert defaults == Limits(timeout_s=900.0, memory_mb=4096, max_pages=500)
    assert Limits(timeout_s=10, cpu_s=2.5).cpu_seconds == 3


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HDSWATCH_PARSE_TIMEOUT_S", "0"),
        ("HDSWATCH_PARSE_TIMEOUT_S", "ten"),
        ("HDSWATCH_PARSE_MEMORY_MB", "-5"),
        ("HDSWATCH_MAX_PAGES", "nan"),
    ],
)
def test_a_bad_limit_is_a_config_error(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = {int(c) for c in task.read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.reliability
def test_a_worker_killed_mid_file_leaves_no_reader_running(contract: Path) -> None:
    """worker SIGKILLed while its sandboxed reader runs → the reader process ends too."""
    import os
    import signal
    import subprocess
    import sys
    import time

    repo = Path(__file__).resolve().parents[2]
    code = (
        "from pathlib import Path\n"
        "from hdswatch.sandbox import Limits, extract_limited\n"
        "from tests.reliability import readers\n"
        "if __name__ == '__main__':\n"
        f"    extract_limited(Path({str(contract)!r}), Limits(timeout_s=600), reader=readers.hang)\n"
    )
    script = contract.with_name("worker.py")
    script.write_text(code, "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo), str(repo / "plugins")])}
    worker = subprocess.Popen([sys.executable, str(script)], env=env)
    try:
        deadline = time.monotonic() + 120
        while len(descendants(worker.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)  # the resource tracker, the fork server, then the reader
        time.sleep(0.5)  # the reader under way
        readers_running = descendants(worker.pid)
        assert len(readers_running) == 3
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    deadline = time.monotonic() + 20
    while any(alive(p) for p in readers_running) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p for p in readers_running if alive(p)] == []
