"""The app's HTTP server: Streamlit's own (``st.App``) plus two small routes and the page language.

A Streamlit script cannot set an HttpOnly cookie: it talks to the browser over a websocket.
So the login page (inclusief/ui/auth.py) issues a one-time ticket and the browser posts it to
``/_inclusief/session``, which answers with the session cookie (HttpOnly, SameSite=Lax,
Secure over https). ``/_inclusief/logout`` clears it. Every later page load sends the cookie
with the websocket handshake, where the script reads it (``st.context.cookies``).

:class:`HtmlLang` writes the chosen language (``?lang=en``, default Dutch) into the first
HTML the browser gets (``<html lang="nl">``, WCAG 3.1.1); the page keeps it current when the
language is switched (:func:`inclusief.ui.auth.page_language`).

Started by ``streamlit run serve.py`` (scripts/run, docs/deploy.md).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inclusief.i18n import DEFAULT_LANG
from inclusief.services import logins
from inclusief.settings import get_settings

SESSION_PATH = "/_inclusief/session"
LOGOUT_PATH = "/_inclusief/logout"


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip()
    return request.url.scheme == "https" or forwarded == "https"


def _same_origin(request: Request) -> bool:
    """A POST from our own page: its Origin (when sent) names the host it was sent to."""
    origin = request.headers.get("origin")
    if not origin:
        return True
    host = request.headers.get("x-forwarded-host") or request.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def _set_cookie(response: Response, value: str, request: Request) -> None:
    response.set_cookie(
        logins.COOKIE,
        value,
        max_age=int(get_settings().session_max_days * 86400),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request),
    )


def _clear_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        logins.COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request)
    )


async def session_route(request: Request) -> Response:
    """Swap a login ticket for the session cookie."""
    if not _same_origin(request):
        return JSONResponse({"ok": False}, status_code=403)
    try:
        body = json.loads(await request.body() or b"{}")
        ticket = str(body.get("ticket", ""))
    except (ValueError, AttributeError):
        return JSONResponse({"ok": False}, status_code=400)
    token = await run_in_threadpool(logins.redeem, ticket)
    if token is None:
        return JSONResponse({"ok": False}, status_code=403)
    response = JSONResponse({"ok": True})
    _set_cookie(response, token, request)
    response.headers["cache-control"] = "no-store"
    return response


async def logout_route(request: Request) -> Response:
    """Clear the cookie. POST from the page's logout button; GET (``?then=oidc``) when an
    OIDC login ended: then on to Streamlit's own ``/auth/logout``."""
    if request.method == "POST" and not _same_origin(request):
        return JSONResponse({"ok": False}, status_code=403)
    then = request.query_params.get("then")
    response: Response
    if request.method == "GET":
        response = RedirectResponse("/auth/logout" if then == "oidc" else "/", status_code=303)
    else:
        response = JSONResponse({"ok": True})
    _clear_cookie(response, request)
    response.headers["cache-control"] = "no-store"
    return response


class HtmlLang:
    """Set ``<html lang>`` of the page's HTML to the language asked for in ``?lang=``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if b"text/html" not in headers.get(b"accept", b""):
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        lang = (query.get("lang") or [DEFAULT_LANG])[0]
        lang = lang if lang in ("nl", "en") else DEFAULT_LANG
        # ask for the page uncompressed, so that its first bytes can be read and changed
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        state: dict[str, Any] = {"html": False}

        async def send_lang(message: Message) -> None:
            if message["type"] == "http.response.start":
                for key, value in message.get("headers", []):
                    if key.lower() == b"content-type" and value.startswith(b"text/html"):
                        state["html"] = True
            elif message["type"] == "http.response.body" and state["html"]:
                body = message.get("body", b"")
                if b'<html lang="en">' in body:
                    # same length: the Content-Length header stays right
                    body = body.replace(b'<html lang="en">', f'<html lang="{lang}">'.encode(), 1)
                    message = {**message, "body": body}
            await send(message)

        await self.app(scope, receive, send_lang)


def routes() -> list[Route]:
    return [
        Route(SESSION_PATH, session_route, methods=["POST"]),
        Route(LOGOUT_PATH, logout_route, methods=["GET", "POST"]),
    ]


def middleware() -> list[Middleware]:
    return [Middleware(HtmlLang)]
