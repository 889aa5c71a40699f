"""Faults of the S3 inbox, injected by a loopback proxy in front of a real moto server: errors
and throttling are retried; when retries run out the run fails with a clear error and the next
run completes with nothing lost and nothing handed out twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hdswatch import pipeline
from hdswatch.errors import ChecksumMismatch, StorageError, StorageThrottled
from hdswatch.registry.db import session_scope
from hdswatch.registry.models import S3Object
from tests.faultproxy import FaultProxy
from tests.hdswatch.s3fixtures import Store, moto_url, small_pdf, store
from tests.s3server import free_port

__all__ = ["moto_url", "store"]  # fixtures

pytestmark = pytest.mark.reliability

KEYS = [f"inbox/CSR/contrat-{n}.pdf" for n in range(4)]


@pytest.fixture
def proxy(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[FaultProxy]:
    """hdswatch talks to the store through the proxy; the test's own clients do not."""
    for n, key in enumerate(KEYS):
        store.put(key, small_pdf(f"contrat {n}"))
    store.messages()
    with FaultProxy(store.url) as running:
        monkeypatch.setenv("AWS_ENDPOINT_URL", running.url)
        yield running


def names(paths: list[str]) -> list[str]:
    return sorted(Path(p).name for p in paths)


def rows(store: Store, tmp_path: Path) -> list[tuple[str, str]]:
    with session_scope(store.settings(tmp_path).db_url) as session:
        found = session.scalars(select(S3Object).order_by(S3Object.key)).all()
        return [(r.key, r.state) for r in found]


def test_slow_down_answers_are_retried(store: Store, proxy: FaultProxy, tmp_path: Path) -> None:
    """Three 503 SlowDown answers: the adaptive retries wait and every object is read."""
    proxy.fail_next(3, 503, "SlowDown")
    paths = pipeline.pending_documents(store.settings(tmp_path), [], sweep=True)
    assert names(paths) == [Path(k).name for k in KEYS]
    assert proxy.failed == 3


def test_server_errors_are_retried(store: Store, proxy: FaultProxy, tmp_path: Path) -> None:
    """Three 500 InternalError answers in the middle of the downloads: retried, nothing lost."""
    proxy.fail_next(3, 500, "InternalError", after=2)
    paths = pipeline.pending_documents(store.settings(tmp_path), [], sweep=True)
    assert names(paths) == [Path(k).name for k in KEYS]
    assert proxy.failed == 3


def test_exhausted_retries_fail_the_run_and_the_next_run_completes(
    store: Store, proxy: FaultProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Throttling outlasts the retries after two downloads: the run fails with storage_throttled;
    the next run hands out all four objects, each once."""
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    settings = store.settings(tmp_path)
    proxy.fail_next(50, 503, "SlowDown", after=3)  # the listing and two downloads go through
    with pytest.raises(StorageThrottled, match=r"^\[storage_throttled\] .*the next run resumes"):
        pipeline.pending_documents(settings, [], sweep=True)
    assert rows(store, tmp_path) == [(KEYS[0], "seen"), (KEYS[1], "seen")]
    proxy.heal()
    first = pipeline.pending_documents(settings, [], sweep=True)
    assert names(first) == [Path(k).name for k in KEYS]
    assert pipeline.pending_documents(settings, [], sweep=True) == []


def test_corrupted_bytes_are_refused_and_read_again_next_run(
    store: Store, proxy: FaultProxy, tmp_path: Path
) -> None:
    """A body altered in transit fails the checksum: checksum_mismatch, nothing kept or recorded;
    the next run reads it intact."""
    settings = store.settings(tmp_path)
    proxy.corrupt_next(1)
    with pytest.raises(ChecksumMismatch, match=r"^\[checksum_mismatch\] "):
        pipeline.pending_documents(settings, [], sweep=True)
    assert rows(store, tmp_path) == []
    assert list((tmp_path / "objects").rglob("*.pdf")) == []
    assert names(pipeline.pending_documents(settings, [], sweep=True)) == [
        Path(k).name for k in KEYS
    ]


def test_an_unreachable_store_is_a_clear_error(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing listens at the endpoint: storage_error saying the store is unreachable."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    with pytest.raises(StorageError, match="store unreachable, the next run resumes"):
        pipeline.pending_documents(store.settings(tmp_path), [], sweep=True)
    assert rows(store, tmp_path) == []
