"""The two hottest endpoints answered as plain ASGI, in front of FastAPI.

``POST /v1/payments/score`` (every transfer a bank makes) and ``POST /v1/credit-ban/check``
(every loan a lender considers) do a fraction of a millisecond of work; FastAPI's layers
around it (the middleware stack, routing, dependency resolution, request and response
objects) cost more than that again. So these two paths skip them: the same functions as the
documented routes (``routes.payments.score_body``, ``routes.credit_ban.check_body``) do the
work, and errors leave through the same problem+json renderers, so callers cannot tell the
two apart. Every other request goes on to the app untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from saqbol.api import problems
from saqbol.api.routes.credit_ban import check_body
from saqbol.api.routes.payments import score_body
from saqbol.errors import SaqbolError

log = logging.getLogger("saqbol.api")
Handler = Callable[[FastAPI, dict[str, str], bytes], Awaitable[bytes]]


async def _score(app: FastAPI, headers: dict[str, str], body: bytes) -> bytes:
    return score_body(app, headers, body)


HOT: dict[str, Handler] = {"/v1/payments/score": _score, "/v1/credit-ban/check": check_body}


class HotPaths:
    def __init__(self, app: ASGIApp, owner: FastAPI, max_bytes: int) -> None:
        self.app = app
        self.owner = owner
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = HOT.get(scope["path"]) if scope["type"] == "http" else None
        if handler is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        response = await self._answer(handler, headers, receive)
        await response(scope, receive, send)

    async def _answer(
        self, handler: Handler, headers: dict[str, str], receive: Receive
    ) -> Response:
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
            payload = await handler(self.owner, headers, b"".join(chunks))
        except RequestValidationError as exc:
            return problems.validation_problem(exc)
        except SaqbolError as exc:
            return problems.saqbol_problem(exc)
        except Exception as exc:
            log.exception("unhandled error", exc_info=exc)
            return problems.problem(500, "an unexpected error occurred; it has been logged")
        return Response(payload, media_type="application/json")


def document_bodies(app: FastAPI, models: tuple[type[BaseModel], ...]) -> None:
    """Put the hot paths' body models into the OpenAPI components: their routes read the raw
    body, so FastAPI does not see the models itself."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = generate()
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        for model in models:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in schema.pop("$defs", {}).items():
                schemas.setdefault(name, definition)
            schemas.setdefault(model.__name__, schema)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
