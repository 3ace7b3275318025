"""`crosscheck review --serve`: the morning report with verdict buttons, on 127.0.0.1.

GET / renders the latest completed run's report from the store with the report's own template,
its verdicts as of now, and on every finding buttons that POST /verdict. A verdict is recorded
by `crosscheck.review.record`, exactly as `crosscheck review ID --verdict ...` records it, so
the next nightly run honours it the same way.

Defences, since a page on the loopback interface is still reachable from any browser tab:
- every POST /verdict must carry the per-session token (X-CSRF-Token) of the page that
  session was given; a session is a random id in an HttpOnly, SameSite=Strict cookie;
- on a loopback bind, a request whose Host header is not this server's is refused (DNS
  rebinding), and so is a POST whose Origin is another site's;
- the page escapes all text (Jinja2 autoescape, the static report's template) and carries the
  static report's Content-Security-Policy, widened only by `connect-src 'self'` so its script
  can POST; the header adds frame-ancestors 'none'. The report files under /files/ get the
  static report's own policy, so report.html's script runs there as it does from disk.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from markupsafe import escape
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from crosscheck import review
from crosscheck.database import shown_url
from crosscheck.errors import VerdictError
from crosscheck.report.build import build_view
from crosscheck.report.html import AppPage, content_security_policy, render_html
from crosscheck.report.write import REPORT_FILES
from crosscheck.store import Store
from crosscheck.stored_report import latest_report_input

SESSION_COOKIE = "crosscheck_review"
TOKEN_HEADER = "X-CSRF-Token"
# Sessions kept at once; the oldest is forgotten first (its page must be reloaded). A team
# reviews from a handful of browsers; the bound keeps a script hammering GET / from growing
# memory without limit.
MAX_SESSIONS = 1000
MAX_BODY_BYTES = 16_384  # a verdict is an id, a word and a note of at most 2,000 characters
EMPTY_PAGE = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>crosscheck "
              "review</title></head><body><h1>No completed run yet</h1><p>The store {store} has "
              "no completed run to review; run <code>crosscheck run</code> first, then reload."
              "</p></body></html>")


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """Where the app reads and writes, who the verdicts are by, where it listens."""

    db_url: str
    out_dir: Path
    reviewer: str
    host: str = "127.0.0.1"
    port: int = 8765


class Verdict(BaseModel):
    """The JSON body of POST /verdict."""

    model_config = ConfigDict(extra="forbid")
    finding_id: str = Field(min_length=1, max_length=64)
    verdict: str = Field(min_length=1, max_length=20)
    note: str | None = Field(default=None, max_length=review.MAX_NOTE_CHARS)


class Sessions:
    """Session id -> CSRF token, for at most MAX_SESSIONS sessions."""

    def __init__(self, limit: int = MAX_SESSIONS):
        self.tokens: OrderedDict[str, str] = OrderedDict()
        self.limit = limit
        self.lock = threading.Lock()

    def token_for(self, session: str | None) -> tuple[str, str]:
        """The (session, token) of a known session, or of a new one."""
        with self.lock:
            if session is not None and session in self.tokens:
                self.tokens.move_to_end(session)
                return session, self.tokens[session]
            fresh, token = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
            self.tokens[fresh] = token
            while len(self.tokens) > self.limit:
                self.tokens.popitem(last=False)
            return fresh, token

    def valid(self, session: str | None, token: str | None) -> bool:
        """True when `token` is the one this session's page was given."""
        with self.lock:
            expected = self.tokens.get(session or "")
        if not expected or not token:
            return False
        return hmac.compare_digest(expected.encode(), token.encode())


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(settings: ReviewSettings) -> set[str] | None:
    """Host headers accepted on a loopback bind; None (any) when bound elsewhere on purpose."""
    if not is_loopback(settings.host):
        return None
    port = settings.port
    return {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"{settings.host}:{port}"}


def security_headers(response: Response, csp: str) -> None:
    """Headers every answer carries: the page's CSP, no framing, no sniffing, no caching."""
    response.headers["Content-Security-Policy"] = csp + "; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"


def create_app(settings: ReviewSettings, store: Store) -> FastAPI:
    """The review app on an open store (the caller opened it with review.open_existing)."""
    app = FastAPI(title="crosscheck review", docs_url=None, redoc_url=None, openapi_url=None)
    sessions, hosts = Sessions(), allowed_hosts(settings)
    app_csp = content_security_policy(AppPage(csrf_token="", store=""))
    static_csp = content_security_policy(None)  # report.html as served under /files/

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        refusal = _refusal(request, sessions, hosts)
        response = refusal if refusal is not None else await call_next(request)
        static = request.url.path.startswith("/files/")
        security_headers(response, static_csp if static else app_csp)
        return response

    @app.get("/", response_class=HTMLResponse)
    async def page(request: Request) -> Response:
        session, token = sessions.token_for(request.cookies.get(SESSION_COOKIE))
        html = await run_in_threadpool(render_page, store, settings, token)
        response = HTMLResponse(html)
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    @app.post("/verdict")
    def verdict(body: Verdict) -> JSONResponse:
        try:
            stored = review.record(store, body.finding_id, body.verdict, body.note,
                                   settings.reviewer)
        except VerdictError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return JSONResponse(stored)

    @app.get("/files/{name}")
    def report_file(name: str) -> Response:
        path = settings.out_dir / name
        if name not in REPORT_FILES.values() or not path.is_file():
            return JSONResponse({"detail": f"no report file {name!r}"}, status_code=404)
        return FileResponse(path)

    @app.get("/health")
    def health() -> dict[str, bool]:
        return {"ok": True}

    return app


def _refusal(request: Request, sessions: Sessions, hosts: set[str] | None) -> Response | None:
    """The answer to a request that must not reach the app, or None to let it through."""
    if hosts is not None and request.headers.get("host", "") not in hosts:
        return JSONResponse({"detail": "unknown Host: open the address the app printed"},
                            status_code=421)
    if request.method != "POST":
        return None
    origin = request.headers.get("origin")
    if origin is not None and hosts is not None and origin.split("://")[-1] not in hosts:
        return JSONResponse({"detail": "cross-site request refused"}, status_code=403)
    if not sessions.valid(request.cookies.get(SESSION_COOKIE), request.headers.get(TOKEN_HEADER)):
        return JSONResponse({"detail": f"missing or wrong {TOKEN_HEADER}: reload the page"},
                            status_code=403)
    if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
        return JSONResponse({"detail": "request too large"}, status_code=413)
    return None


def render_page(store: Store, settings: ReviewSettings, token: str) -> str:
    """The latest completed run's report with verdict buttons, or a page saying there is none."""
    inp = latest_report_input(store)
    if inp is None:
        return EMPTY_PAGE.format(store=escape(shown_url(settings.db_url)))
    files = tuple(n for n in REPORT_FILES.values() if (settings.out_dir / n).is_file())
    app = AppPage(csrf_token=token, store=shown_url(settings.db_url), files=files,
                  max_note=review.MAX_NOTE_CHARS)
    return render_html(build_view(inp), app)
