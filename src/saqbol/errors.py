"""One exception tree for Saqbol; each error carries the HTTP status the API answers with.

    SaqbolError                       500  anything we did not foresee
    ├── InvalidInput                  422  a field the caller sent is wrong (names the field)
    │   └── InvalidIdentifier         422  a phone / IIN / card / IBAN / URL ... does not parse
    ├── BadRequest                    400  the request as a whole is malformed (invalid JSON)
    ├── Unauthorized                  401  no API key, or an unknown one
    ├── Forbidden                     403  the key's role may not do this
    ├── NotFound                      404
    ├── Conflict                      409  the request does not fit the current state
    ├── TooManyRequests               429  a key's rate limit is spent
    └── ServiceUnavailable            503  a shipped artefact (a model) is missing

A body over the size limit is refused with 413 by ``saqbol.api.limits`` before any of this.

The CLI prints ``error: <message>`` and exits 2 for ``InvalidInput``/``BadRequest``, 1 otherwise.
Messages never echo a raw personal identifier: they name the field and the problem only.
"""

from __future__ import annotations


class SaqbolError(Exception):
    status: int = 500
    title: str = "Internal error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidInput(SaqbolError):
    status = 422
    title = "Invalid input"


class InvalidIdentifier(InvalidInput):
    """An identifier failed to parse; ``kind`` is the identifier type (phone, iin, card...)."""

    title = "Invalid identifier"

    def __init__(self, kind: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field or kind)
        self.kind = kind


class BadRequest(SaqbolError):
    status = 400
    title = "Bad request"


class Unauthorized(SaqbolError):
    status = 401
    title = "Unauthorized"


class Forbidden(SaqbolError):
    status = 403
    title = "Forbidden"


class NotFound(SaqbolError):
    status = 404
    title = "Not found"


class Conflict(SaqbolError):
    status = 409
    title = "Conflict"


class TooManyRequests(SaqbolError):
    status = 429
    title = "Too many requests"


class ServiceUnavailable(SaqbolError):
    status = 503
    title = "Service unavailable"
