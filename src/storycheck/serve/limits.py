"""The request-size limit, enforced before any handler or parser sees the body.

A declared ``Content-Length`` over the limit is refused at once; a body sent without one (chunked) is
read up to the limit and refused as soon as it passes it. Either way the answer is a 413 with the
E512 code, never a half-parsed request, and memory stays bounded by the limit.
"""

from __future__ import annotations

import json

from storycheck.errors import RequestTooLarge


def error_body(exc) -> bytes:  # noqa: ANN001
    return json.dumps({"error": {"code": exc.code, "message": exc.message}}).encode()


class BodyLimit:
    def __init__(self, app, max_bytes: int) -> None:  # noqa: ANN001
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(body)
            if not message.get("more_body"):
                break
        data = b"".join(chunks)
        sent = False

        async def replay():  # noqa: ANN202
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send) -> None:  # noqa: ANN001
        body = error_body(RequestTooLarge(limit=self.max_bytes))
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
