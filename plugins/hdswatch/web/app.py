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
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.sessions import SessionMiddleware

from hdswatch.clock import today_in_paris
from hdswatch.errors import InputError
from hdswatch.registry.accounts import AccessLog, User
from hdswatch.registry.db import connect
from hdswatch.registry.findings import decide
from hdswatch.registry.models import STATES, FindingEvent
from hdswatch.registry.store import now
from hdswatch.settings import Settings
from hdswatch.severity import SEVERITIES
from hdswatch.web import queries
from hdswatch.web.texts import LANGS, texts
from hdswatch.web.throttle import LoginThrottle
from hdswatch.web.users import check_login

__all__ = ["PAGE_SCALE", "create_app"]

PAGE_SCALE = 1.5
"""Pixels per PDF point of the page images (A4: 893 × 1263 px)."""
CLAUSE_STATUSES = ("present", "missing", "non_compliant")
ACTIONS = ("confirm", "wrong", "resolved", "comment")
_HERE = Path(__file__).parent
_SESSION_HOURS = 8


class LoginRequired(Exception):
    pass


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
    app = FastAPI(title="hdswatch", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="hdswatch_session",
        max_age=_SESSION_HOURS * 3600,
        same_site="strict",
        https_only=True,
    )
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

    Db = Annotated[Session, Depends(db)]

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
        if not expected or not hmac.compare_digest(str(expected), token):
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
        request: Request, name: str, user: User | None, status: int = 200, **context: Any
    ) -> HTMLResponse:
        lang = lang_of(request, user)
        return templates.TemplateResponse(
            request,
            name,
            {
                "t": texts(lang),
                "lang": lang,
                "user": user,
                "csrf": csrf_token(request),
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
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "authentification requise / login required"}, 401)
        return RedirectResponse("/login", 303)

    @app.get("/lang/{lang}")
    def set_lang(request: Request, lang: str) -> RedirectResponse:
        if lang in LANGS:
            request.session["lang"] = lang
        back = request.headers.get("referer", "/")
        return RedirectResponse(back if back.startswith(str(request.base_url)) else "/", 303)

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
        lang = request.session.get("lang")
        request.session.clear()  # a new session on log-in: no fixation
        request.session.update(user_id=user.id, csrf=secrets.token_urlsafe(32))
        if lang:
            request.session["lang"] = lang
        log(session, request, user.login, "login")
        return RedirectResponse("/", 303)

    @app.post("/logout")
    def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
        check_csrf(request, csrf)
        request.session.clear()
        return RedirectResponse("/login", 303)

    def filters_of(request: Request) -> queries.Filters:
        q = request.query_params

        def number(name: str) -> int | None:
            value = q.get(name, "").strip()
            return int(value) if value.isdigit() else None

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
            where = f" ; page {int(page)}" if page.strip().isdigit() else ""
            decide(
                session,
                finding_id,
                "false_positive",
                who,
                f"statut correct / correct status: {correct_status}{where} ; motif / reason: {reason}",
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
        return RedirectResponse(f"/contracts/{found.contract_id}?finding={finding_id}&saved=1", 303)

    @app.get("/access-log", response_class=HTMLResponse)
    def access_log(request: Request, user: CurrentUser, session: Db) -> HTMLResponse:
        if user.role != "admin":
            raise HTTPException(403, "réservé aux administrateurs / admins only")
        entries = list(session.scalars(select(AccessLog).order_by(AccessLog.id.desc()).limit(500)))
        return render(request, "access_log.html", user, entries=entries)

    @app.get("/api/contracts")
    def api_contracts(request: Request, user: CurrentUser, session: Db) -> dict[str, Any]:
        rows = queries.queue(session, user, filters_of(request), day())
        return {
            "contracts": [
                {
                    "id": r.contract.id,
                    "reference": r.contract.reference,
                    "establishment": r.contract.establishment.code,
                    "worst_severity": r.worst,
                    "open_findings": len(r.findings),
                    "earliest_deadline": r.earliest.isoformat() if r.earliest else None,
                }
                for r in rows
            ]
        }

    @app.get("/api/contracts/{contract_id}")
    def api_contract(
        request: Request,
        contract_id: int,
        user: CurrentUser,
        session: Db,
    ) -> dict[str, Any]:
        try:
            view = queries.contract_view(session, user, contract_id, lang_of(request, user))
        except queries.OutOfScope:
            raise not_found(session, request, user, contract_id, "api") from None
        log(session, request, user.login, "api_contract", contract_id)
        return {
            "id": view.contract.id,
            "reference": view.contract.reference,
            "establishment": view.contract.establishment.code,
            "clauses": view.clauses,
            "findings": [
                {
                    "id": f.id,
                    "code": f.code,
                    "severity": f.severity,
                    "state": f.state,
                    "clause_id": f.clause_id,
                    "page": f.page,
                    "due_date": f.due_date.isoformat() if f.due_date else None,
                }
                for f in view.findings
            ],
        }

    return app
