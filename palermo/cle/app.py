"""The provider service as an ASGI app (FastAPI): the built site's pages, the learner API, verification and the admin view.

Routes
------
``GET /enrol`` · ``POST /enrol``            enrolment form; answers with the learner's private link
``GET /learn/<token>``                      opens the private link: sets the course cookie, goes to the course
``GET /api/cle/<course>/me``                the learner's record (401 when not enrolled on this browser)
``POST /api/cle/<course>/modules/<m>/open|heartbeat|codes|quiz|quiz/<attempt>``
``POST /api/cle/<course>/certificate``      issue the certificate (409 listing what is missing)
``GET /verify/<id>`` · ``GET /api/cle/verify/<id>``   public verification
``GET /admin`` · ``/admin/export.csv`` · ``/admin/audit.json`` · ``POST /admin/api/certificates/<id>/revoke``
everything else                              the built site (``--site``), as files

Learner POSTs carry ``X-CSRF-Token`` (from ``me``); forms carry a double-submit
token. Nothing about a learner is logged.
"""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlsplit

from fastapi import Body, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, select

from palermo.cle import audit, certificates, pages
from palermo.cle.attendance import WRONG_CODES_ALLOWED, Clock, CodeRejected, enter_code, heartbeat, open_module, recent_wrong_codes
from palermo.cle.barnumbers import check_bar_number, us_jurisdictions
from palermo.cle.config import Settings
from palermo.cle.db import inserted_id, make_engine, migrate, utcnow
from palermo.cle.export import to_csv
from palermo.cle.grading import QuizRefused, start_attempt, submit_attempt
from palermo.cle.models import enrolments
from palermo.cle.progress import missing, module_state
from palermo.cle.security import RateLimiter, new_link_token, same, sign, token_hash
from palermo.courses.credits import CreditRules, credit_rules_path, load_credit_rules
from palermo.courses.load import CourseError, course_ids, load_course
from palermo.courses.model import Course, Module

log = logging.getLogger("palermo.cle")

SERVICE = "palermo-cle"
STATIC = Path(__file__).resolve().parent / "static"
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_FORM = 10_000


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Heartbeat(_Body):
    visit: int = Field(ge=1)


class CodeEntry(_Body):
    code: str = Field(min_length=1, max_length=40)


class Answers(_Body):
    answers: dict[str, list[int]] = Field(max_length=200)


class Revoke(_Body):
    reason: str = Field(min_length=3, max_length=500)


class Service:
    """Settings, database, courses and credit rules of one running service."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings.db_url)
        migrate(self.engine)
        self.clock = Clock(settings.seconds_per_minute, settings.heartbeat_seconds)
        self.courses: dict[str, Course] = {}
        for course_id in course_ids(settings.courses_dir):
            try:
                self.courses[course_id] = load_course(settings.courses_dir / course_id)
            except CourseError as exc:
                for problem in exc.problems:
                    log.warning("course not offered: %s", problem)
        self.rules: CreditRules | None = None
        rules_file = credit_rules_path(settings.courses_dir)
        if rules_file.exists():
            self.rules = load_credit_rules(rules_file)
        self.enrol_limit = RateLimiter(30, 3600)
        self.guess_limit = RateLimiter(30, 60)
        self.verify_limit = RateLimiter(120, 60)
        self.login_limit = RateLimiter(10, 600)

    # ----- lookups -----

    def course(self, course_id: str) -> Course:
        course = self.courses.get(course_id)
        if course is None:
            raise HTTPException(404, f"unknown course {course_id!r}")
        return course

    def module(self, course: Course, module_id: str) -> Module:
        try:
            return course.module(module_id)
        except KeyError:
            raise HTTPException(404, f"unknown module {module_id!r} in course {course.id!r}") from None

    def base_url(self, request: Request) -> str:
        return self.settings.public_url or str(request.base_url)

    def csrf_for(self, token: str) -> str:
        return sign(self.settings.secret, "csrf", token_hash(token))

    def learner(self, conn: Connection, request: Request, course: Course, write: bool) -> Any:
        """The enrolment behind this browser's course cookie; for writes, the CSRF token and origin are checked too."""
        token = request.cookies.get(cookie_name(course.id), "")
        row = conn.execute(select(enrolments).where(enrolments.c.token_hash == token_hash(token))).first() if token else None
        if row is None or row.course_id != course.id:
            raise HTTPException(401, "not enrolled in this course on this browser: open your private enrolment link, or enrol at /enrol")
        if write:
            check_origin(request)
            if not same(request.headers.get("x-csrf-token", ""), self.csrf_for(token)):
                raise HTTPException(403, "missing or wrong CSRF token: reload the page")
        return row

    def states(self, conn: Connection, course: Course, enrolment_id: int) -> list[dict[str, Any]]:
        return [module_state(conn, self.settings.secret, course, m, enrolment_id, self.clock) for m in course.modules]


def cookie_name(course_id: str) -> str:
    """The cookie holding a learner's link token for one course."""
    return "pl_cle_" + course_id.replace("-", "_")


def check_origin(request: Request) -> None:
    """Refuse a cross-site request (a browser names its origin on POST)."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise HTTPException(403, "cross-site request refused")


def html(body: str, status: int = 200) -> HTMLResponse:
    """One of the service's own pages, with its headers."""
    return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)


def client(request: Request) -> str:
    return request.client.host if request.client else "?"


async def form_data(request: Request) -> dict[str, str]:
    """A urlencoded form body as a dict of first values (bodies over 10 kB refused)."""
    body = await request.body()
    if len(body) > MAX_FORM:
        raise HTTPException(413, "form too large")
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, f"malformed form: {exc}") from exc
    return {k: v[0] for k, v in parsed.items()}


def validate_enrolment(service: Service, data: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Cleaned values and a message per field that is wrong."""
    values = {k: (data.get(k) or "").strip() for k in ("course", "name", "email", "jurisdiction", "bar_number")}
    errors: dict[str, str] = {}
    if values["course"] not in service.courses:
        errors["course"] = "choose a course"
    name = values["name"]
    if len(name) < 3 or len(re.findall(r"[^\W\d_]", name)) < 2 or len(name) > 200:
        errors["name"] = "enter your full name as it should appear on the certificate"
    if not EMAIL.match(values["email"]) or len(values["email"]) > 254:
        errors["email"] = "enter an email address such as name@example.org"
    if values["jurisdiction"] not in us_jurisdictions():
        errors["jurisdiction"] = "choose the jurisdiction where you are admitted"
    else:
        problem = check_bar_number(values["jurisdiction"], values["bar_number"])
        if problem:
            errors["bar_number"] = problem
    return values, errors


def create_app(settings: Settings) -> FastAPI:
    """The service app; the database is migrated to the newest schema first."""
    service = Service(settings)
    app = FastAPI(title="Palermo CLE provider service", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")  # no private link leaves the site; Origin still sent
        return response

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/admin/api/")):
            return JSONResponse({"service": SERVICE, "detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return html(pages.message("Request refused", str(exc.detail)), exc.status_code)

    # ----- enrolment -----

    def enrol_page(values: dict[str, str] | None = None, errors: dict[str, str] | None = None, status: int = 200) -> Response:
        csrf = secrets.token_urlsafe(16)
        response = html(pages.enrol_form(list(service.courses.values()), us_jurisdictions(), csrf, values, errors), status)
        response.set_cookie("pl_csrf", csrf, httponly=True, samesite="strict")
        return response

    @app.get("/enrol")
    def enrol_get(course: str = "") -> Response:
        return enrol_page({"course": course})

    @app.post("/enrol")
    async def enrol_post(request: Request) -> Response:
        check_origin(request)
        if not service.enrol_limit.allow(client(request)):
            raise HTTPException(429, "too many enrolments from this address: try again in an hour")
        data = await form_data(request)
        cookie = request.cookies.get("pl_csrf", "")
        if not cookie or not same(cookie, data.get("csrf", "")):
            return enrol_page(data, {"course": "the form expired: check your details and send it again"}, 400)
        values, errors = validate_enrolment(service, data)
        if errors:
            return enrol_page(values, errors, 400)
        token = new_link_token()
        with service.engine.begin() as conn:
            enrolment_id = inserted_id(
                conn.execute(
                    enrolments.insert().values(
                        token_hash=token_hash(token),
                        course_id=values["course"],
                        name=values["name"],
                        email=values["email"],
                        jurisdiction=values["jurisdiction"],
                        bar_number=values["bar_number"],
                        created_at=utcnow(),
                    )
                )
            )
            audit.record(conn, f"learner:{enrolment_id}", "enrolment.created", int(enrolment_id), course=values["course"])
        link = f"{service.base_url(request)}learn/{token}"
        return html(pages.enrolled(values["name"], service.courses[values["course"]], link))

    @app.get("/learn/{token}")
    def learn(token: str, request: Request) -> Response:
        with service.engine.begin() as conn:
            row = conn.execute(select(enrolments).where(enrolments.c.token_hash == token_hash(token))).first()
            if row is None:
                return html(
                    pages.message("Unknown enrolment link", "This enrolment link is unknown. Check that you copied all of it."), 404
                )
            audit.record(conn, f"learner:{row.id}", "enrolment.link_opened", row.id)
        response = RedirectResponse(f"/courses/{row.course_id}/", status_code=303)
        secure = service.base_url(request).startswith("https:")
        response.set_cookie(cookie_name(row.course_id), token, httponly=True, samesite="lax", secure=secure, max_age=400 * 24 * 3600)
        return response

    # ----- the learner API -----

    @app.get("/api/cle/{course_id}/me")
    def me(course_id: str, request: Request) -> Response:
        course = service.course(course_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=False)
            states = service.states(conn, course, row.id)
            cert = certificates.for_enrolment(conn, row.id)
        token = request.cookies.get(cookie_name(course.id), "")
        return JSONResponse(
            {
                "service": SERVICE,
                "csrf": service.csrf_for(token),
                "learner": {"name": row.name, "jurisdiction": row.jurisdiction},
                "seconds_per_minute": service.clock.seconds_per_minute,
                "modules": states,
                "complete": all(m["complete"] for m in states),
                "certificate": cert,
            },
            headers={"Cache-Control": "no-store"},
        )

    @app.post("/api/cle/{course_id}/modules/{module_id}/open")
    def open_(course_id: str, module_id: str, request: Request) -> dict[str, Any]:
        course = service.course(course_id)
        module = service.module(course, module_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            visit = open_module(conn, row.id, module.id)
            state = module_state(conn, settings.secret, course, module, row.id, service.clock)
        return {"visit": visit, "heartbeat_seconds": service.clock.heartbeat_seconds, "module": state}

    @app.post("/api/cle/{course_id}/modules/{module_id}/heartbeat")
    def beat(course_id: str, module_id: str, request: Request, body: Heartbeat) -> dict[str, Any]:
        course = service.course(course_id)
        module = service.module(course, module_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            try:
                heartbeat(conn, row.id, module.id, body.visit, service.clock)
            except LookupError as exc:
                raise HTTPException(404, str(exc)) from None
            state = module_state(conn, settings.secret, course, module, row.id, service.clock)
        return {"module": state}

    @app.post("/api/cle/{course_id}/modules/{module_id}/codes")
    def code(course_id: str, module_id: str, request: Request, body: CodeEntry) -> Response:
        course = service.course(course_id)
        module = service.module(course, module_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            if not service.guess_limit.allow(f"{row.id}") or recent_wrong_codes(conn, row.id) >= WRONG_CODES_ALLOWED:
                raise HTTPException(429, "too many wrong attendance codes: wait 15 minutes before trying again")
            try:
                enter_code(conn, settings.secret, course, module, row.id, body.code, service.clock)
            except CodeRejected as exc:
                rejected = str(exc)
            else:
                rejected = ""
            state = module_state(conn, settings.secret, course, module, row.id, service.clock)
        if rejected:
            return JSONResponse({"service": SERVICE, "detail": rejected, "module": state}, status_code=400)
        return JSONResponse({"ok": True, "module": state})

    @app.post("/api/cle/{course_id}/modules/{module_id}/quiz")
    def quiz_start(course_id: str, module_id: str, request: Request) -> dict[str, Any]:
        course = service.course(course_id)
        module = service.module(course, module_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            try:
                return start_attempt(conn, course, module, row.id, service.clock.seconds_per_minute)
            except QuizRefused as exc:
                raise HTTPException(409, str(exc)) from None

    @app.post("/api/cle/{course_id}/modules/{module_id}/quiz/{attempt_id}")
    def quiz_submit(course_id: str, module_id: str, attempt_id: int, request: Request, body: Answers) -> dict[str, Any]:
        course = service.course(course_id)
        module = service.module(course, module_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            if not service.guess_limit.allow(f"{row.id}"):
                raise HTTPException(429, "too many requests: slow down")
            try:
                result = submit_attempt(conn, course, module, row.id, attempt_id, dict(body.answers), service.clock.seconds_per_minute)
            except QuizRefused as exc:
                raise HTTPException(400, str(exc)) from None
            result["module"] = module_state(conn, settings.secret, course, module, row.id, service.clock)
        return result

    @app.post("/api/cle/{course_id}/certificate")
    def certificate(course_id: str, request: Request) -> Response:
        course = service.course(course_id)
        with service.engine.begin() as conn:
            row = service.learner(conn, request, course, write=True)
            states = service.states(conn, course, row.id)
            lacking = missing(states, service.clock.seconds_per_minute)
            if lacking:
                audit.record(conn, f"learner:{row.id}", "certificate.refused", row.id, missing=len(lacking))
                return JSONResponse(
                    {
                        "service": SERVICE,
                        "detail": "A certificate needs every module complete: time, attendance codes and quiz.",
                        "missing": lacking,
                    },
                    status_code=409,
                )
            facts = certificates.issue(conn, course, service.rules, row, service.base_url(request))
            cert = certificates.find(conn, facts["id"])
        return JSONResponse({"certificate": cert}, status_code=201)

    # ----- verification -----

    @app.get("/api/cle/verify/{cert_id}")
    def verify_json(cert_id: str, request: Request) -> Response:
        if not service.verify_limit.allow(client(request)):
            raise HTTPException(429, "too many look-ups: try again in a minute")
        with service.engine.begin() as conn:
            facts = certificates.find(conn, cert_id.strip().upper())
        if facts is None:
            raise HTTPException(404, f"no certificate has the id {cert_id!r}")
        return JSONResponse(facts)

    @app.get("/verify/{cert_id}")
    def verify_page(cert_id: str, request: Request) -> Response:
        if not service.verify_limit.allow(client(request)):
            raise HTTPException(429, "too many look-ups: try again in a minute")
        with service.engine.begin() as conn:
            facts = certificates.find(conn, cert_id.strip().upper())
        if facts is None:
            return html(pages.unknown_certificate(cert_id), 404)
        return html(pages.verify(facts))

    # ----- admin -----

    def admin_ok(request: Request) -> bool:
        token = settings.admin_token
        if not token:
            raise HTTPException(503, "the admin is off: set PALERMO_CLE_ADMIN_TOKEN (or admin_token in the config file) and restart")
        bearer = request.headers.get("authorization", "")
        if bearer.startswith("Bearer ") and same(bearer[7:], token):
            return True
        return same(request.cookies.get("pl_cle_admin", ""), sign(settings.secret, "admin", token))

    def require_admin(request: Request) -> None:
        if not admin_ok(request):
            raise HTTPException(401, "admin only: sign in at /admin or send Authorization: Bearer <token>")

    @app.get("/admin")
    def admin_view(request: Request) -> Response:
        if not admin_ok(request):
            csrf = secrets.token_urlsafe(16)
            response = html(pages.admin_login(csrf))
            response.set_cookie("pl_csrf", csrf, httponly=True, samesite="strict")
            return response
        listing = []
        with service.engine.begin() as conn:
            for course in service.courses.values():
                learners = []
                for row in conn.execute(select(enrolments).where(enrolments.c.course_id == course.id).order_by(enrolments.c.id)):
                    states = service.states(conn, course, row.id)
                    cert = certificates.for_enrolment(conn, row.id)
                    learners.append(
                        {
                            "enrolment_id": row.id,
                            "name": row.name,
                            "jurisdiction": row.jurisdiction,
                            "bar_number": row.bar_number,
                            "enrolled_at": row.created_at.isoformat(timespec="seconds"),
                            "complete": sum(m["complete"] for m in states),
                            "modules": len(states),
                            "certificate": f"{cert['id']} ({cert['status']})" if cert else "",
                        }
                    )
                listing.append((course, learners))
        return html(pages.admin(listing))

    @app.post("/admin/login")
    async def admin_login(request: Request) -> Response:
        check_origin(request)
        if not service.login_limit.allow(client(request)):
            raise HTTPException(429, "too many sign-in attempts: wait ten minutes")
        data = await form_data(request)
        cookie = request.cookies.get("pl_csrf", "")
        token = settings.admin_token
        if not token:
            raise HTTPException(503, "the admin is off: set PALERMO_CLE_ADMIN_TOKEN and restart")
        if not cookie or not same(cookie, data.get("csrf", "")) or not same(data.get("token", ""), token):
            csrf = secrets.token_urlsafe(16)
            refused = html(pages.admin_login(csrf, "Wrong token, or the form expired."), 401)
            refused.set_cookie("pl_csrf", csrf, httponly=True, samesite="strict")
            return refused
        response = RedirectResponse("/admin", status_code=303)
        response.set_cookie("pl_cle_admin", sign(settings.secret, "admin", token), httponly=True, samesite="strict", max_age=8 * 3600)
        return response

    @app.get("/admin/export.csv")
    def admin_export(request: Request, course: str) -> Response:
        require_admin(request)
        chosen = service.course(course)
        with service.engine.begin() as conn:
            text = to_csv(conn, chosen, service.clock)
            audit.record(conn, "admin", "record.exported", None, course=chosen.id)
        return PlainTextResponse(
            text,
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{chosen.id}-attendance.csv"', "Cache-Control": "no-store"},
        )

    @app.get("/admin/audit.json")
    def admin_audit(request: Request, course: str = "", limit: int = 1000) -> Response:
        require_admin(request)
        with service.engine.begin() as conn:
            rows = audit.entries(conn, limit=max(1, min(limit, 10_000)))
            if course:
                ids = {r.id for r in conn.execute(select(enrolments.c.id).where(enrolments.c.course_id == course))}
                rows = [r for r in rows if r["enrolment_id"] in ids]
        return JSONResponse(rows, headers={"Cache-Control": "no-store"})

    @app.post("/admin/api/certificates/{cert_id}/revoke")
    def admin_revoke(cert_id: str, request: Request, body: Annotated[Revoke, Body()]) -> dict[str, Any]:
        require_admin(request)
        with service.engine.begin() as conn:
            if not certificates.revoke(conn, cert_id, body.reason):
                raise HTTPException(404, f"no certificate {cert_id!r} to revoke (unknown, or revoked already)")
        return {"revoked": cert_id}

    # ----- files -----

    app.mount("/cle-static", StaticFiles(directory=STATIC), name="cle-static")
    if settings.site_dir.is_dir():
        app.mount("/", StaticFiles(directory=settings.site_dir, html=True), name="site")
    else:
        log.warning("no built site at %s: run 'make site' (the API works without it)", settings.site_dir)

    return app
