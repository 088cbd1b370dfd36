"""Every error leaves the API as ``application/problem+json`` (RFC 9457) naming the field."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from saqbol.errors import SaqbolError

log = logging.getLogger("saqbol.api")

PROBLEM_TYPE = "https://saqbol.kz/problems/"
_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    422: "Invalid input",
    500: "Internal error",
}


def problem(
    status: int, detail: str, errors: Sequence[dict[str, str]] = (), title: str | None = None
) -> JSONResponse:
    title = title or _TITLES.get(status, "Error")
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + title.lower().replace(" ", "-"),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = list(errors)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status, headers=headers, media_type="application/problem+json")


def clean_message(msg: str) -> str:
    """Drop pydantic's "Value error, " prefix: the caller needs the problem, not our plumbing."""
    return msg.removeprefix("Value error, ")


def _field(loc: Sequence[int | str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    return validation_problem(exc)


def validation_problem(exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        msg = next(e.get("ctx", {}).get("error", "") for e in errors if e["type"] == "json_invalid")
        return problem(400, f"the body is not valid JSON: {msg}".rstrip(": "))
    fields = [{"field": _field(e["loc"]), "message": clean_message(e["msg"])} for e in errors]
    detail = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
    return problem(422, detail, fields)


async def _saqbol(_: Request, exc: SaqbolError) -> JSONResponse:
    return saqbol_problem(exc)


def saqbol_problem(exc: SaqbolError) -> JSONResponse:
    errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
    return problem(exc.status, str(exc), errors, exc.title)


async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    return problem(exc.status_code, str(exc.detail))


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return problem(500, "an unexpected error occurred; it has been logged")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(SaqbolError, _saqbol)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
