"""A small OpenID Connect provider for the tests, served for real on 127.0.0.1 (uvicorn in a
thread): discovery, authorization endpoint (a consent page for ``identity``), token endpoint
(authorization code, client secret), keys. ID tokens are RS256 JWTs signed with a key made at
start, carrying the nonce of the request.

>>> with OidcProvider("hdswatch", "s3cret") as provider:        # doctest: +SKIP
...     provider.identity = {"sub": "1", "email": "a@b.example", "email_verified": True}
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from html import escape
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

__all__ = ["OidcProvider"]


class OidcProvider:
    def __init__(self, client_id: str, client_secret: str, host: str = "127.0.0.1") -> None:
        from joserfc.jwk import RSAKey

        self.client_id, self.client_secret = client_id, client_secret
        self.identity: dict[str, Any] = {}
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self.codes: dict[str, dict[str, Any]] = {}
        self.host = host
        with socket.socket() as s:
            s.bind((host, 0))
            self.port = int(s.getsockname()[1])
        self.issuer = f"http://{host}:{self.port}"
        self.app = self._app()

    def _app(self) -> FastAPI:
        from joserfc import jwt
        from joserfc.jwk import KeySet

        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        def discovery() -> dict[str, Any]:
            return {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
            }

        @app.get("/jwks")
        def jwks() -> Any:
            return KeySet([self.key]).as_dict(private=False)

        @app.get("/authorize", response_class=HTMLResponse)
        def authorize(
            client_id: str, redirect_uri: str, state: str, response_type: str, nonce: str = ""
        ) -> str:
            # A consent page: the way back to the client starts from the provider's own page,
            # as it does after a real sign-in form.
            if client_id != self.client_id or response_type != "code":
                raise HTTPException(400, "invalid_request")
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "redirect_uri": redirect_uri,
                "nonce": nonce,
                "identity": dict(self.identity),
            }
            fields = {"code": code, "state": state, "redirect_uri": redirect_uri}
            hidden = "".join(
                f'<input type="hidden" name="{k}" value="{escape(v)}">' for k, v in fields.items()
            )
            return (
                '<!doctype html><form method="post" action="/consent">'
                f'{hidden}<button id="consent">Autoriser</button></form>'
            )

        @app.post("/consent")
        def consent(
            code: str = Form(...), state: str = Form(...), redirect_uri: str = Form(...)
        ) -> RedirectResponse:
            if self.codes.get(code, {}).get("redirect_uri") != redirect_uri:
                raise HTTPException(400, "invalid_request")
            target = f"{redirect_uri}?{urlencode({'code': code, 'state': state})}"
            return RedirectResponse(target, 303)

        @app.post("/token")
        async def token(
            request: Request,
            grant_type: str = Form(...),
            code: str = Form(...),
            redirect_uri: str = Form(...),
        ) -> dict[str, Any]:
            import base64

            form = await request.form()
            sent = (form.get("client_id"), form.get("client_secret"))
            basic = request.headers.get("authorization", "")
            if basic.startswith("Basic "):
                sent = tuple(base64.b64decode(basic[6:]).decode().split(":", 1))  # type: ignore[assignment]
            if sent != (self.client_id, self.client_secret):
                raise HTTPException(401, "invalid_client")
            grant = self.codes.pop(code, None)
            if grant_type != "authorization_code" or grant is None:
                raise HTTPException(400, "invalid_grant")
            if grant["redirect_uri"] != redirect_uri:
                raise HTTPException(400, "invalid_grant")
            now = int(time.time())
            claims = {
                "iss": self.issuer,
                "aud": self.client_id,
                "iat": now,
                "exp": now + 300,
                "nonce": grant["nonce"],
                **grant["identity"],
            }
            header = {"alg": "RS256", "kid": "test-key"}
            return {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": jwt.encode(header, claims, self.key),
            }

        return app

    def __enter__(self) -> OidcProvider:
        import uvicorn

        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("OIDC provider did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
