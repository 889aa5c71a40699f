"""The review application: log-in, queue, contract page, page images, decisions, access log, API.

In: the hdswatch settings (its registry) and a secret for signing the session cookie.
Out: a FastAPI application; ``hdswatch serve`` runs it with uvicorn.

>>> app = create_app(Settings.from_env(), secret="a long random secret")   # doctest: +SKIP

Every route but ``/login`` and ``/static`` needs a logged-in user; a contract out of the user's
establishments answers 404 (page, image or API) and the attempt is written to the access log, as
is every look at a contract. Forms carry a per-session CSRF token; the session cookie is signed,
``Secure``, ``HttpOnly`` and ``SameSite=Strict``.
"""

import hmac
import logging
import os
import secrets
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, HTTPException, Request, UploadFile
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.sessions import SessionMiddleware

from hdswatch.clock import today_in_paris
from hdswatch.errors import InputError, UploadRefused
from hdswatch.registry.accounts import AccessLog, User
from hdswatch.registry.db import connect
from hdswatch.registry.findings import decide
from hdswatch.registry.models import STATES, FindingEvent
from hdswatch.registry.store import now
from hdswatch.settings import Settings
from hdswatch.severity import SEVERITIES
from hdswatch.web import queries
from hdswatch.web.corrections import EXPORTERS, labels, to_jsonl
from hdswatch.web.dashboard import charts, dashboard
from hdswatch.web.oidc import OidcRefused, account_for, client_for
from hdswatch.web.schemas import (
    ClauseOut,
    ContractDetail,
    ContractList,
    ContractSummary,
    FindingOut,
)
from hdswatch.web.security import SecurityHeaders
from hdswatch.web.texts import LANGS, texts
from hdswatch.web.throttle import LoginThrottle
from hdswatch.web.uploads import save_upload
from hdswatch.web.users import check_login

__all__ = ["PAGE_SCALE", "SECRET_VARIABLE", "app_from_env", "create_app"]

log = logging.getLogger(__name__)

PAGE_SCALE = 1.5
"""Pixels per PDF point of the page images (A4: 893 × 1263 px)."""
CLAUSE_STATUSES = ("present", "missing", "non_compliant")
ACTIONS = ("confirm", "wrong", "resolved", "comment")
_HERE = Path(__file__).parent
_SESSION_HOURS = 8


SECRET_VARIABLE = "HDSWATCH_WEB_SECRET"  # noqa: S105 (the variable's name, not a secret)


def app_from_env(env: Mapping[str, str] | None = None) -> FastAPI:
    """The application from the ``HDSWATCH_*`` settings, the registry brought up to date, and
    the session secret from ``HDSWATCH_WEB_SECRET`` (a random one when unset: sessions then do
    not survive a restart). What the Airflow plugin serves."""
    from hdswatch.registry.db import upgrade

    env = os.environ if env is None else env
    settings = Settings.from_env(env)
    upgrade(settings.db_url)
    secret = env.get(SECRET_VARIABLE, "")
    if not secret:
        log.warning("%s absent : secret aléatoire / random secret", SECRET_VARIABLE)
        secret = secrets.token_urlsafe(48)
    return create_app(settings, secret)


class LoginRequired(Exception):
    pass


def base_of(request: Request) -> str:
    """The prefix the application is mounted under (``/hdswatch`` in Airflow), or ``""``."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def create_app(
    settings: Settings,
    secret: str,
    *,
    today: date | None = None,
    throttle: LoginThrottle | None = None,
) -> FastAPI:
    """``today``: the date deadlines are counted from (default: today in Europe/Paris)."""
    if len(secret) < 32:
        raise InputError("secret de session trop court (≥ 32) / session secret too short (≥ 32)")
    app = FastAPI(title="hdswatch", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="hdswatch_session",
        max_age=_SESSION_HOURS * 3600,
        same_site="strict",
        https_only=True,
    )
    app.add_middleware(SecurityHeaders, max_body_bytes=int((settings.upload_max_mb + 1) * 2**20))
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    templates = Jinja2Templates(directory=_HERE / "templates")
    factory = sessionmaker(connect(settings.db_url), expire_on_commit=False)
    limiter = throttle or LoginThrottle()

    def day() -> date:
        return today or today_in_paris()

    def db() -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    Db = Annotated[Session, Depends(db, scope="function")]  # committed before the answer

    def current_user(request: Request, session: Db) -> User:
        user_id = request.session.get("user_id")
        user = session.get(User, user_id) if isinstance(user_id, int) else None
        if user is None or not user.active:
            raise LoginRequired
        return user

    CurrentUser = Annotated[User, Depends(current_user)]

    def lang_of(request: Request, user: User | None = None) -> str:
        lang = request.session.get("lang") or (user.lang if user else "fr")
        return lang if lang in LANGS else "fr"

    def csrf_token(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(32)
        return str(token)

    def check_csrf(request: Request, token: str) -> None:
        expected = request.session.get("csrf", "")
        if not expected or not hmac.compare_digest(str(expected).encode(), token.encode()):
            raise HTTPException(403, "CSRF")

    def log(
        session: Session,
        request: Request,
        login: str,
        action: str,
        contract_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        address = request.client.host if request.client else None
        session.add(
            AccessLog(
                at=now(),
                login=login,
                action=action,
                contract_id=contract_id,
                detail=detail,
                address=address,
            )
        )

    def render(
        request: Request,
        name: str,
        user: User | None,
        status: int = 200,
        *,
        keep_session: bool = False,
        **context: Any,
    ) -> HTMLResponse:
        """``keep_session``: a page with no form, that must not write the session (a new cookie
        would replace one the browser withheld, see ``/login/oidc/callback``)."""
        lang = lang_of(request, user)
        return templates.TemplateResponse(
            request,
            name,
            {
                "t": texts(lang),
                "lang": lang,
                "user": user,
                "csrf": "" if keep_session else csrf_token(request),
                "base": base_of(request),
                "oidc": settings.oidc_enabled,
                "severities": SEVERITIES,
                **context,
            },
            status_code=status,
        )

    def not_found(
        session: Session, request: Request, user: User, contract_id: int | None, what: str
    ) -> HTTPException:
        log(session, request, user.login, "denied", contract_id, what)
        session.commit()
        return HTTPException(404, "introuvable / not found")

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, _exc: LoginRequired) -> Response:
        if request.url.path.removeprefix(base_of(request)).startswith("/api/"):
            return JSONResponse({"error": "authentification requise / login required"}, 401)
        return RedirectResponse(f"{base_of(request)}/login", 303)

    @app.get("/lang/{lang}")
    def set_lang(request: Request, lang: str) -> RedirectResponse:
        if lang in LANGS:
            request.session["lang"] = lang
        home = f"{base_of(request)}/"
        back = request.headers.get("referer", home)
        return RedirectResponse(back if back.startswith(str(request.base_url)) else home, 303)

    def start_session(request: Request, user: User) -> None:
        """A new session on log-in (no fixation), keeping the chosen language."""
        lang = request.session.get("lang")
        request.session.clear()
        request.session.update(user_id=user.id, csrf=secrets.token_urlsafe(32))
        if lang:
            request.session["lang"] = lang

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return render(request, "login.html", None)

    @app.post("/login", response_model=None)
    def login(
        request: Request,
        session: Db,
        login: str = Form(...),
        password: str = Form(...),
        csrf: str = Form(""),
    ) -> Response:
        check_csrf(request, csrf)
        address = request.client.host if request.client else "?"
        if limiter.blocked(login, address):
            log(session, request, login, "login_blocked")
            return render(request, "login.html", None, 429, error="too_many", login=login)
        user = check_login(session, login, password)
        if user is None:
            limiter.fail(login, address)
            log(session, request, login, "login_failed")
            return render(request, "login.html", None, 401, error="bad_login", login=login)
        limiter.succeed(login)
        start_session(request, user)
        log(session, request, user.login, "login")
        return RedirectResponse(f"{base_of(request)}/", 303)

    if settings.oidc_enabled:
        provider = client_for(settings)

        @app.get("/login/oidc")
        async def oidc_start(request: Request) -> Response:
            redirect_uri = str(request.url_for("oidc_callback"))
            response: Response = await provider.authorize_redirect(request, redirect_uri)
            return response

        @app.get("/login/oidc/callback", name="oidc_callback", response_class=HTMLResponse)
        def oidc_callback(request: Request) -> HTMLResponse:
            # Back from the provider (a cross-site navigation: no SameSite=Strict cookie yet):
            # go on from our own origin, where the session cookie holding the state is sent.
            target = f"{base_of(request)}/login/oidc/finish?{request.url.query}"
            return render(request, "oidc_bounce.html", None, keep_session=True, target=target)

        @app.get("/login/oidc/finish", response_model=None)
        async def oidc_finish(request: Request) -> Response:
            from authlib.integrations.base_client import OAuthError

            try:
                token = await provider.authorize_access_token(request)
            except OAuthError as exc:
                with factory.begin() as session:
                    log(session, request, "?", "login_oidc_failed", None, str(exc)[:500])
                return render(request, "login.html", None, 401, error="oidc_failed")
            claims = dict(token.get("userinfo") or {})
            with factory.begin() as session:
                try:
                    user = account_for(session, claims, settings)
                except OidcRefused as exc:
                    who = str(claims.get("email") or "?")
                    log(session, request, who, "login_oidc_refused", None, exc.args[0])
                    return render(request, "login.html", None, 403, error="oidc_refused")
                start_session(request, user)
                log(session, request, user.login, "login_oidc")
            return RedirectResponse(f"{base_of(request)}/", 303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
        check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse(f"{base_of(request)}/login", 303)

    def filters_of(request: Request) -> queries.Filters:
        q = request.query_params

        def number(name: str) -> int | None:
            value = q.get(name, "").strip()
            return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else None

        return queries.Filters(
            establishment=q.get("establishment") or None,
            host=number("host"),
            severity=q.get("severity") if q.get("severity") in SEVERITIES else None,
            state=q.get("state") if q.get("state") in STATES else None,
            within_days=number("within"),
        )

    @app.get("/", response_class=HTMLResponse)
    def queue_page(request: Request, user: CurrentUser, session: Db) -> HTMLResponse:
        filters = filters_of(request)
        rows = queries.queue(session, user, filters, day())
        return render(
            request,
            "queue.html",
            user,
            rows=rows,
            filters=filters,
            establishments=queries.establishments_of(session, user),
            hosts=queries.hosts_of(session, user),
            states=STATES,
            today=day(),
            total=sum(len(r.findings) for r in rows),
            by_severity={s: sum(r.count(s) for r in rows) for s in SEVERITIES},
        )

    @app.get("/dashboard", response_class=HTMLResponse)
    def dashboard_page(request: Request, user: CurrentUser, session: Db) -> HTMLResponse:
        lang = lang_of(request, user)
        board = dashboard(session, user, day())
        return render(
            request,
            "dashboard.html",
            user,
            board=board,
            charts=charts(board, texts(lang), lang, base_of(request)),
        )

    @app.get("/contracts/{contract_id}", response_class=HTMLResponse)
    def contract_page(
        request: Request,
        contract_id: int,
        user: CurrentUser,
        session: Db,
        finding: int | None = None,
    ) -> HTMLResponse:
        lang = lang_of(request, user)
        try:
            view = queries.contract_view(session, user, contract_id, lang)
        except queries.OutOfScope:
            raise not_found(session, request, user, contract_id, "page") from None
        selected = next((f for f in view.findings if f.id == finding), None)
        if selected is None and view.findings and finding is None:
            selected = view.findings[0]
        evidence = queries.evidence_of(view, selected) if selected else None
        log(
            session,
            request,
            user.login,
            "view_contract",
            contract_id,
            f"finding {selected.id}" if selected else None,
        )
        return render(
            request,
            "contract.html",
            user,
            view=view,
            selected=selected,
            evidence=evidence,
            scale=PAGE_SCALE,
            statuses=CLAUSE_STATUSES,
            saved=request.query_params.get("saved") == "1",
            uploaded=request.query_params.get("uploaded"),
            upload_max_mb=settings.upload_max_mb,
        )

    @app.get("/contracts/{contract_id}/documents/{document_id}/pages/{page}.png")
    def page_image(
        request: Request,
        contract_id: int,
        document_id: int,
        page: int,
        user: CurrentUser,
        session: Db,
    ) -> Response:
        from extractors.pdf import render_page

        try:
            document = queries.document_in_scope(session, user, contract_id, document_id)
        except queries.OutOfScope:
            raise not_found(
                session, request, user, contract_id, f"image {document_id}/{page}"
            ) from None
        try:
            png = render_page(Path(document.stored_path), page, PAGE_SCALE)
        except (OSError, ValueError) as exc:
            raise HTTPException(404, f"page {page}: {exc}") from exc
        log(
            session,
            request,
            user.login,
            "view_page",
            contract_id,
            f"document {document_id} page {page}",
        )
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})

    @app.post("/contracts/{contract_id}/documents")
    def upload_document(
        request: Request,
        contract_id: int,
        user: CurrentUser,
        session: Db,
        document: UploadFile,
        csrf: str = Form(""),
    ) -> RedirectResponse:
        check_csrf(request, csrf)
        try:
            contract = queries.contract_in_scope(session, user, contract_id)
        except queries.OutOfScope:
            raise not_found(session, request, user, contract_id, "upload") from None
        if not user.may_decide:
            raise HTTPException(403, "lecture seule / read only")
        limit = int(settings.upload_max_mb * 2**20)
        data = document.file.read(limit + 1)
        try:
            path = save_upload(data, document.filename or "", contract, settings.inbox, limit)
        except UploadRefused as exc:
            log(session, request, user.login, "upload_refused", contract_id, exc.args[0])
            session.commit()
            status = 413 if len(data) > limit else 400
            raise HTTPException(status, exc.args[0]) from None
        log(session, request, user.login, "upload_document", contract_id, path.name)
        return RedirectResponse(
            f"{base_of(request)}/contracts/{contract_id}?uploaded={quote(path.name)}", 303
        )

    @app.post("/findings/{finding_id}/decision")
    def decision(
        request: Request,
        finding_id: int,
        user: CurrentUser,
        session: Db,
        action: str = Form(...),
        csrf: str = Form(""),
        correct_status: str = Form(""),
        page: str = Form(""),
        reason: str = Form(""),
        comment: str = Form(""),
    ) -> RedirectResponse:
        check_csrf(request, csrf)
        try:
            found = queries.finding_in_scope(session, user, finding_id)
        except queries.OutOfScope:
            raise not_found(
                session, request, user, None, f"decision on finding {finding_id}"
            ) from None
        if not user.may_decide:
            raise HTTPException(403, "lecture seule / read only")
        if action not in ACTIONS:
            raise HTTPException(400, f"action: {' | '.join(ACTIONS)}")
        reason, comment = reason.strip(), comment.strip()
        who = user.login
        if action == "confirm":
            decide(session, finding_id, "confirmed", who, comment or None)
        elif action == "resolved":
            decide(session, finding_id, "fixed", who, comment or None)
        elif action == "wrong":
            if correct_status not in CLAUSE_STATUSES or not reason:
                raise HTTPException(
                    400, "statut correct et motif requis / correct status and reason required"
                )
            number = (
                int(page)
                if page.strip().isascii() and page.strip().isdigit() and int(page) > 0
                else None
            )
            where = f" ; page {number}" if number else ""
            decide(
                session,
                finding_id,
                "false_positive",
                who,
                f"statut correct / correct status: {correct_status}{where} ; motif / reason: {reason}",
                correct_status=correct_status,
                page=number,
            )
        else:
            if not comment:
                raise HTTPException(400, "commentaire vide / empty comment")
            session.add(
                FindingEvent(
                    finding=found,
                    at=now(),
                    by=who,
                    event="commented",
                    state=found.state,
                    code=found.code,
                    severity=found.severity,
                    note=comment,
                )
            )
        log(session, request, who, f"decision_{action}", found.contract_id, f"finding {finding_id}")
        return RedirectResponse(
            f"{base_of(request)}/contracts/{found.contract_id}?finding={finding_id}&saved=1", 303
        )

    @app.get(
        "/corrections.jsonl",
        response_class=PlainTextResponse,
        responses={200: {"content": {"application/x-ndjson": {}}}},
    )
    def corrections_export(request: Request, user: CurrentUser, session: Db) -> Response:
        if user.role not in EXPORTERS:
            raise HTTPException(403, "réservé à l'administrateur et au RSSI / admins and RSSI only")
        rows = labels(session, user)
        log(session, request, user.login, "export_labels", None, f"{len(rows)} label(s)")
        return Response(
            to_jsonl(rows),
            media_type="application/x-ndjson; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="corrections-{day().isoformat()}.jsonl"',
                "Cache-Control": "private, no-store",
            },
        )

    @app.get("/access-log", response_class=HTMLResponse)
    def access_log(request: Request, user: CurrentUser, session: Db) -> HTMLResponse:
        if user.role != "admin":
            raise HTTPException(403, "réservé aux administrateurs / admins only")
        entries = list(session.scalars(select(AccessLog).order_by(AccessLog.id.desc()).limit(500)))
        return render(request, "access_log.html", user, entries=entries)

    @app.get(
        "/api/contracts",
        response_model=ContractList,
        responses={401: {"description": "authentification requise / login required"}},
    )
    def api_contracts(
        request: Request,
        user: CurrentUser,
        session: Db,
        establishment: str | None = None,
        host: int | None = None,
        severity: str | None = None,
        state: str | None = None,
        within: int | None = None,
    ) -> ContractList:
        rows = queries.queue(session, user, filters_of(request), day())
        return ContractList(
            contracts=[
                ContractSummary(
                    id=r.contract.id,
                    reference=r.contract.reference,
                    establishment=r.contract.establishment.code,
                    worst_severity=r.worst,
                    open_findings=len(r.findings),
                    earliest_deadline=r.earliest,
                )
                for r in rows
            ]
        )

    @app.get(
        "/api/contracts/{contract_id}",
        response_model=ContractDetail,
        responses={
            401: {"description": "authentification requise / login required"},
            404: {"description": "introuvable / not found"},
        },
    )
    def api_contract(
        request: Request,
        contract_id: int,
        user: CurrentUser,
        session: Db,
    ) -> ContractDetail:
        try:
            view = queries.contract_view(session, user, contract_id, lang_of(request, user))
        except queries.OutOfScope:
            raise not_found(session, request, user, contract_id, "api") from None
        log(session, request, user.login, "api_contract", contract_id)
        return ContractDetail(
            id=view.contract.id,
            reference=view.contract.reference,
            establishment=view.contract.establishment.code,
            clauses=[ClauseOut(**clause) for clause in view.clauses],
            findings=[
                FindingOut(
                    id=f.id,
                    code=f.code,
                    severity=f.severity,
                    state=f.state,
                    clause_id=f.clause_id,
                    page=f.page,
                    due_date=f.due_date,
                )
                for f in view.findings
            ],
        )

    return app
