"""Streamlit's frontend asks ``/<page>/_stcore/health`` first: answered, not a 404 (#15)."""

from __future__ import annotations

import asyncio
from typing import Any

from inclusief.ui.server import PagePathStcore


def _seen(path: str, kind: str = "http") -> str:
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.update(scope)

    asyncio.run(PagePathStcore(app)({"type": kind, "path": path}, None, None))
    return str(seen["path"])


def test_a_page_prefixed_stcore_request_goes_to_the_servers_own_endpoint() -> None:
    assert _seen("/scan/_stcore/health") == "/_stcore/health"
    assert _seen("/scan/_stcore/host-config") == "/_stcore/host-config"
    assert _seen("/a/b/_stcore/stream", "websocket") == "/_stcore/stream"


def test_other_paths_are_left_alone() -> None:
    for path in ("/_stcore/health", "/scan", "/", "/_inclusief/session"):
        assert _seen(path) == path
