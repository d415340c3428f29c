"""API keys on requests: ``Authorization: Bearer <key>``; keys live hashed in the store.

Writes always need a valid, unrevoked key. Reads need one only when the server was started with
reads closed. Every refusal is a 401 with ``WWW-Authenticate: Bearer`` and says what to do.
"""

from __future__ import annotations

from fastapi import Request

from storycheck.errors import Unauthorized
from storycheck.store import ApiKey

HOW = "send 'Authorization: Bearer <key>'; create a key with `storycheck keys create NAME`"


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(detail=f"the Authorization header is not of the form 'Bearer <key>'; {HOW}")
    return token.strip()


def check(request: Request, token: str | None) -> ApiKey:
    if token is None:
        raise Unauthorized(detail=f"this needs an API key: {HOW}")
    key = request.app.state.store.check_key(token)
    if key is None:
        raise Unauthorized(detail="unknown or revoked API key")
    return key


def writer(request: Request) -> ApiKey:
    return check(request, bearer(request))


def reader(request: Request) -> ApiKey | None:
    if request.app.state.settings.open_reads:
        return None
    return check(request, bearer(request))
