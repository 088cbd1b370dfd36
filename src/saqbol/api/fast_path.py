"""``POST /v1/payments/score`` answered as plain ASGI, in front of FastAPI.

Scoring a payment takes about a quarter of a millisecond; FastAPI's layers around it (the
middleware stack, routing, request and response objects) cost more than that again. Banks
send every transfer here, so this one path skips them: the same function as the documented
route (``routes.payments.score_body``) does the work, and errors leave through the same
problem+json renderers, so callers cannot tell the two apart. Every other request goes on
to the app untouched.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from saqbol.api import problems
from saqbol.api.routes.payments import score_body
from saqbol.errors import SaqbolError

PATH = "/v1/payments/score"
log = logging.getLogger("saqbol.api")


class PaymentScoreFastPath:
    def __init__(self, app: ASGIApp, owner: FastAPI, max_bytes: int) -> None:
        self.app = app
        self.owner = owner
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        response = await self._answer(headers, receive)
        await response(scope, receive, send)

    async def _answer(self, headers: dict[str, str], receive: Receive) -> Response:
        too_big = problems.problem(
            413, f"the body is larger than the limit of {self.max_bytes} bytes"
        )
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return too_big
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return problems.problem(400, "the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return too_big
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        try:
            payload = score_body(self.owner, headers, b"".join(chunks))
        except RequestValidationError as exc:
            return problems.validation_problem(exc)
        except SaqbolError as exc:
            return problems.saqbol_problem(exc)
        except Exception as exc:
            log.exception("unhandled error", exc_info=exc)
            return problems.problem(500, "an unexpected error occurred; it has been logged")
        return Response(payload, media_type="application/json")
