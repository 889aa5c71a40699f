"""Security headers on every answer of the review application (a plain ASGI middleware).

In: the review application (any ASGI app). Out: the same answers, with these headers added:

| header | value | why |
|---|---|---|
| Content-Security-Policy | ``CSP`` below | only the application's own scripts, styles and images |
| X-Content-Type-Options | ``nosniff`` | a served file is never read as another type |
| X-Frame-Options | ``DENY`` | no framing (with ``frame-ancestors 'none'``): no click-jacking |
| Referrer-Policy | ``no-referrer`` | contract ids in addresses never leave in a Referer |
| Permissions-Policy | ``PERMISSIONS`` below | no camera, microphone, geolocation … |
| Cross-Origin-Opener-Policy | ``same-origin`` | no window of another site keeps a handle on ours |
| Cache-Control | ``no-store`` | every answer but ``/static``: pages and page images stay out of caches |
| Strict-Transport-Security | ``max-age=63072000; includeSubDomains`` | only when served over HTTPS |

With ``max_body_bytes``, a request whose ``Content-Length`` is larger is answered 413 before its
body is read, and a body streamed without a length is cut (the application sees the client
disconnect) once it passes the limit: an upload cannot fill the disk before the upload route
checks its size.

The templates hold no inline script. The evidence boxes drawn over a page image are positioned
with a ``style`` attribute (numbers computed on the server), hence ``style-src-attr
'unsafe-inline'``; ``<style>`` elements and style sheets stay limited to ``'self'``.

>>> app.add_middleware(SecurityHeaders, max_body_bytes=51 * 2**20)   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["CSP", "PERMISSIONS", "SecurityHeaders"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
HSTS = "max-age=63072000; includeSubDomains"
_COMMON = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", PERMISSIONS.encode()),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_CACHEABLE = ("/static/",)


class SecurityHeaders:
    """Adds the headers of the module's table to every HTTP answer (a header the route already
    set is replaced, so a route cannot weaken them)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = list(_COMMON)
        if not str(scope.get("path", "")).startswith(_CACHEABLE):
            added.append((b"cache-control", b"no-store"))
        if scope.get("scheme") == "https":
            added.append((b"strict-transport-security", HSTS.encode()))
        names = {name for name, _ in added}
        if self.max_body_bytes is not None:
            if _declared_length(scope) > self.max_body_bytes:
                await _too_large(send, added)
                return
            receive = _capped(receive, self.max_body_bytes)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + added
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


async def _too_large(send: Send, headers: list[tuple[bytes, bytes]]) -> None:
    body = "requête trop volumineuse / request too large".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _capped(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def receive_capped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                return {"type": "http.disconnect"}
        return message

    return receive_capped
