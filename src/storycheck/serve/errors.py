"""Every error the server answers with: one JSON shape, one HTTP status per error class.

``{"error": {"code": "E501", "message": "...", "input": "...", "details": [...]}}``. Bad input of any
kind is a 4xx: the engine's input errors (E1xx) and story errors (E2xx) are 422, a request that cannot
be read is 400, a body over the limit 413. Anything else (a bug) is logged and answered with a 500 in
the same shape, without the traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storycheck.errors import (
    BadRequest,
    InputError,
    KeyNotFound,
    ReportNotReady,
    RequestTooLarge,
    StoreUnavailable,
    StorycheckError,
    StoryError,
    StoryExists,
    StoryNotFound,
    TooLarge,
    TooManyDocuments,
    Unauthorized,
    UnsupportedMediaType,
)

log = logging.getLogger("storycheck.serve")

STATUS: list[tuple[type[StorycheckError], int]] = [
    (StoryNotFound, 404),
    (KeyNotFound, 404),
    (StoryExists, 409),
    (ReportNotReady, 409),
    (TooManyDocuments, 422),
    (BadRequest, 400),
    (Unauthorized, 401),
    (RequestTooLarge, 413),
    (TooLarge, 413),
    (UnsupportedMediaType, 415),
    (StoreUnavailable, 503),
    (InputError, 422),
    (StoryError, 422),
]


def status_of(exc: StorycheckError) -> int:
    return next((code for cls, code in STATUS if isinstance(exc, cls)), 400)


def envelope(code: str, message: str, **extra: object) -> dict:
    return {"error": {"code": code, "message": message, **{k: v for k, v in extra.items() if v is not None}}}


def install(app: FastAPI) -> None:
    @app.exception_handler(StorycheckError)
    async def _ours(request: Request, exc: StorycheckError) -> JSONResponse:
        status = status_of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(envelope(exc.code, exc.message, input=exc.input), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", ""), "type": e.get("type")}
            for e in errors
        ]
        if any(e.get("type") == "json_invalid" for e in errors):
            where = details[0]["where"]
            return JSONResponse(
                envelope(BadRequest.code, f"the request body is not valid JSON ({where}: {details[0]['problem']})"),
                status_code=400,
            )
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        return JSONResponse(
            envelope(BadRequest.code, f"{first['where']}: {first['problem']}", details=details), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI's "There was an error parsing the body": was "E400", the schema's code
            return JSONResponse(envelope(BadRequest.code, _unparsable(exc)), status_code=400, headers=exc.headers)
        code = {404: "E404", 405: "E405"}.get(exc.status_code, f"E{exc.status_code}")
        message = {404: "no such page or endpoint", 405: "method not allowed here"}.get(exc.status_code, str(exc.detail))
        return JSONResponse(envelope(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(envelope("E599", "internal error (logged on the server)"), status_code=500)


def _unparsable(exc: StarletteHTTPException) -> str:
    """What made a body unreadable, from the exception FastAPI raised its 400 from: a JSON body that is not
    UTF-8 (the one JSON encoding the API reads) said with the offending byte's offset, not "an error"."""
    cause = exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return f"the request body is not UTF-8 (byte 0x{cause.object[cause.start]:02x} at offset {cause.start}); send JSON as UTF-8"
    return f"the request body cannot be read: {exc.detail}" + (f" ({cause})" if cause else "")
