"""Saqbol: an open-source anti-fraud platform for Kazakhstan.

>>> import saqbol
>>> saqbol.normalise("phone", "8 701 123 45 67").value
'+77011234567'
"""

from saqbol.config import Settings, get_settings
from saqbol.entities import ENTITY_KINDS, Identifier, keyed_hash, normalise
from saqbol.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidIdentifier,
    InvalidInput,
    NotFound,
    SaqbolError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
)
from saqbol.vocab import CHANNELS, ENTITY_STATUSES, REGIONS, ROLES, TYPOLOGIES

__version__ = "0.1.0"

__all__ = [
    "CHANNELS",
    "ENTITY_KINDS",
    "ENTITY_STATUSES",
    "REGIONS",
    "ROLES",
    "TYPOLOGIES",
    "BadRequest",
    "Conflict",
    "Forbidden",
    "Identifier",
    "InvalidIdentifier",
    "InvalidInput",
    "NotFound",
    "SaqbolError",
    "ServiceUnavailable",
    "Settings",
    "TooManyRequests",
    "Unauthorized",
    "__version__",
    "get_settings",
    "keyed_hash",
    "normalise",
]
