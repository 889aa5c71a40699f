"""A tiny HTTP proxy on 127.0.0.1 that stands in front of an S3/SQS server (moto) and injects
faults: the next N requests answered with an error (``503 SlowDown``, ``500 InternalError``…),
or the next N object bodies corrupted (one byte flipped, headers kept). Everything else is
forwarded unchanged.

>>> with FaultProxy(moto_url) as proxy:                # doctest: +SKIP
...     proxy.fail_next(3, 503, "SlowDown")
...     boto3.client("s3", endpoint_url=proxy.url).list_objects_v2(Bucket="contrats")
>>> proxy.failed                                       # doctest: +SKIP
3
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

__all__ = ["FaultProxy"]

_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class FaultProxy:
    """Start with ``with``; ``url`` is the proxy's endpoint."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._lock = threading.Lock()
        self._errors: list[tuple[int, str] | None] = []
        self._corrupt = 0
        self.failed = 0
        self.forwarded = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail_next(
        self, count: int, status: int = 503, code: str = "SlowDown", *, after: int = 0
    ) -> None:
        """Forward ``after`` requests, then answer the next ``count`` with this error."""
        with self._lock:
            self._errors.extend([None] * after + [(status, code)] * count)

    def corrupt_next(self, count: int) -> None:
        """Flip one byte in the body of the next ``count`` successful object reads (GET)."""
        with self._lock:
            self._corrupt += count

    def heal(self) -> None:
        with self._lock:
            self._errors.clear()
            self._corrupt = 0

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def _take_error(self) -> tuple[int, str] | None:
        with self._lock:
            error = self._errors.pop(0) if self._errors else None
            if error is None:
                self.forwarded += 1
            else:
                self.failed += 1
            return error

    def _take_corruption(self) -> bool:
        with self._lock:
            if self._corrupt > 0:
                self._corrupt -= 1
                return True
            return False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                error = proxy._take_error()
                if error is not None:
                    status, code = error
                    payload = (
                        f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
                        f"<Message>injected fault</Message></Error>"
                    ).encode()
                    self.send_response(status)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    return
                upstream = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                headers["Content-Length"] = str(len(body))
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                if (
                    self.command == "GET"
                    and answer.status == 200
                    and data
                    and "x-amz-checksum-mode" in {k.lower() for k in self.headers}
                    and proxy._take_corruption()
                ):
                    data = bytes([data[0] ^ 0xFF]) + data[1:]
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in _HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                upstream.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _any

        return Handler
