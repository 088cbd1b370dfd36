"""URLs and domains, normalised so that every spelling of one address shares a registry key.

Hosts go to IDNA ASCII (punycode) with UTS 46 mapping, as browsers do, and the registrable
domain comes from the public suffix list bundled with tldextract (never downloaded). A few
browser habits that phishing relies on are copied so we key on the host a victim really
opens: backslashes count as slashes, percent-escapes in the host are decoded, and numeric
hosts such as ``2130706433`` are IPv4 addresses.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Final
from urllib.parse import SplitResult, quote, unquote, urlsplit

import idna
import tldextract

from saqbol.entities.identifier import Identifier, require_text
from saqbol.entities.ip import loose_ipv4
from saqbol.errors import InvalidIdentifier

# One offline extractor: no suffix-list URLs (the default downloads one) and no disk cache.
_EXTRACT: Final = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ftp": 21}
# Kept verbatim rather than rejected: a data: or javascript: link in a message is a fraud cue.
_OPAQUE_SCHEMES: Final = ("data", "javascript")
_OPAQUE_MASK_CHARS: Final = 64

_WITH_AUTHORITY = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*)://")
# "scheme:" not followed by a port number, so "kaspi.kz:8080/x" is not read as a scheme.
_SCHEME_ONLY = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):(?![0-9]*(?:[/?#]|$))")
_SPACE_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Dotted labels of 1-63 lowercase letters, digits and hyphens, no hyphen at either end and
# none in the third and fourth places (reserved for xn-- and other ACE prefixes).
_LABEL = r"(?![a-z0-9]{2}--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# http(s) or no scheme, a lowercase host whose last label is letters (never an IP), no port,
# no user, and a path and query of characters that need no escaping; no fragment.
_URL_SAFE = r"[A-Za-z0-9!$&'()*+,\-./:;=@_~]"
_SIMPLE_URL = re.compile(
    rf"(?:(?P<scheme>https?|HTTPS?)://)?(?P<host>(?:{_LABEL}\.)+[a-z]{{2,63}})"
    rf"(?P<path>/{_URL_SAFE}*)?(?P<query>\?(?:{_URL_SAFE}|\?)*)?"
)
# Printable ASCII that browsers send unescaped in a path (WHATWG path percent-encode set);
# anything else, non-ASCII included, is percent-encoded so both spellings share one key.
_PATH_SAFE: Final = "!$%&'()*+,-./:;=@[\\]^_|~"
_QUERY_SAFE: Final = _PATH_SAFE + "?`{}"


def parse_url(raw: str) -> Identifier:
    """Parse a URL, e.g. ``"KASPI.kz:80/a#top"`` -> value ``"http://kaspi.kz/a"``."""
    text = require_text("url", raw)
    simple = _SIMPLE_URL.fullmatch(text)
    if simple is not None:
        return _simple_url(simple)
    opaque = _opaque_scheme(text)
    if opaque:
        return _opaque_url(opaque, text)
    if _SPACE_OR_CONTROL.search(text):
        raise InvalidIdentifier("url", "contains spaces or control characters")
    scheme, assumed, parts = _split(text.replace("\\", "/"))
    host, details = host_details("url", parts.hostname or "")
    if assumed and "." not in host and not details["is_ip_host"]:
        raise InvalidIdentifier("url", "has no scheme and the host has no dot")
    netloc = _netloc(scheme, parts, host)
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    query = f"?{quote(parts.query, safe=_QUERY_SAFE)}" if parts.query else ""
    userinfo, _, _ = parts.netloc.rpartition("@")
    details |= {"scheme": scheme, "has_userinfo": "@" in parts.netloc}
    masked = f"{scheme}://{_mask_userinfo(userinfo)}{netloc}{path}"
    prefix = f"{userinfo}@" if "@" in parts.netloc else ""
    return Identifier("url", f"{scheme}://{prefix}{netloc}{path}{query}", masked, details)


def _simple_url(match: re.Match[str]) -> Identifier:
    """The common case without anything to decode or escape: what the general path below
    would return, without urlsplit and quoting (tests hold the two paths equal)."""
    scheme = (match.group("scheme") or "http").lower()
    host, details = host_details("url", match.group("host"))
    path = match.group("path") or "/"
    query = match.group("query") or ""
    details |= {"scheme": scheme, "has_userinfo": False}
    return Identifier("url", f"{scheme}://{host}{path}{query}", f"{scheme}://{host}{path}", details)


def parse_domain(raw: str) -> Identifier:
    """Parse a host name; a URL is accepted and reduced to its host, e.g. ``"каспи.kz"``."""
    text = require_text("domain", raw, max_chars=1024).replace("\\", "/")
    if _SPACE_OR_CONTROL.search(text):
        raise InvalidIdentifier("domain", "contains spaces or control characters")
    if not _WITH_AUTHORITY.match(text):
        text = "//" + text.removeprefix("//")
    try:
        hostname = urlsplit(text).hostname or ""
    except ValueError:
        raise InvalidIdentifier("domain", "is not a host name") from None
    host, details = host_details("domain", hostname)
    if details["is_ip_host"]:
        raise InvalidIdentifier("domain", "is an IP address, not a domain name")
    if "." not in host:
        raise InvalidIdentifier("domain", "expected a dotted host name")
    return Identifier("domain", host, host, details)


def host_details(kind: str, hostname: str) -> tuple[str, dict[str, str | bool | int]]:
    """Normalise a host to its ASCII form and describe it; ``kind`` names the caller in errors.

    ``is_idn`` means the host has a non-ASCII (xn--) label; ``punycode`` means the input
    already spelled such a label in its xn-- form.
    """
    host = unquote(hostname).lower()
    host = host.removesuffix(".")
    if not host:
        raise InvalidIdentifier(kind, "has no host")
    if ":" in host:
        return _ip_host(kind, host, host)
    ascii_host, unicode_host = _idna_forms(kind, host)
    try:
        ipv4 = loose_ipv4(ascii_host)
    except ValueError:
        raise InvalidIdentifier(kind, "host ends in a number but is not an IPv4 address") from None
    if ipv4 is not None:
        return _ip_host(kind, str(ipv4), ascii_host)
    ext = _EXTRACT(ascii_host)
    return ascii_host, {
        "host_ascii": ascii_host,
        "host_unicode": unicode_host,
        "registered_domain": ext.top_domain_under_public_suffix,
        "subdomain": ext.subdomain,
        "suffix": ext.suffix,
        "is_ip_host": False,
        "ip_obfuscated": False,
        "is_idn": ascii_host != unicode_host,
        "punycode": "xn--" in host,
    }


def _idna_forms(kind: str, host: str) -> tuple[str, str]:
    """(ASCII, Unicode) forms of a host; UTS 46 also maps fullwidth letters and "。" to ASCII."""
    if _PLAIN_HOST.fullmatch(host) and len(host) <= 253:
        # Lowercase letters, digits and inner hyphens only: both forms are the host itself
        # (what idna would return, at a fraction of the cost; xn-- and "ab--" go the long way).
        return host, host
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii").removesuffix(".")
        unicode_host = idna.decode(ascii_host) if ascii_host else ""
    except (UnicodeError, ValueError):
        raise InvalidIdentifier(kind, "host is not a valid domain name") from None
    if not ascii_host:
        raise InvalidIdentifier(kind, "has no host")
    return ascii_host, unicode_host


def _ip_host(kind: str, host: str, spelled: str) -> tuple[str, dict[str, str | bool | int]]:
    try:
        if "%" in host:  # zone index: local to one machine, and ipaddress accepts junk there
            raise ValueError("zone index")
        address = ipaddress.ip_address(host)
    except ValueError:
        raise InvalidIdentifier(kind, "host is not a valid IP address") from None
    text = str(address)
    return text, {
        "host_ascii": text,
        "host_unicode": text,
        "registered_domain": "",
        "subdomain": "",
        "suffix": "",
        "is_ip_host": True,
        "ip_obfuscated": spelled != text,
        "is_idn": False,
        "punycode": False,
    }


def _opaque_scheme(text: str) -> str | None:
    scheme = text.partition(":")[0].lower()
    return scheme if scheme in _OPAQUE_SCHEMES and ":" in text else None


def _opaque_url(scheme: str, text: str) -> Identifier:
    if _CONTROL.search(text):
        raise InvalidIdentifier("url", "contains control characters")
    value = scheme + text[len(scheme) :]
    masked = value
    if len(value) > _OPAQUE_MASK_CHARS:
        masked = value[:_OPAQUE_MASK_CHARS] + "…"
    return Identifier("url", value, masked, {"scheme": scheme})


def _split(text: str) -> tuple[str, bool, SplitResult]:
    """Return (scheme, whether it was assumed, parts); no scheme means http."""
    match = _WITH_AUTHORITY.match(text)
    if match:
        scheme, assumed = match.group(1).lower(), False
        rest = text[match.end(1) + 1 :]
    elif text.startswith("//"):
        scheme, assumed, rest = "http", True, text
    elif _SCHEME_ONLY.match(text):
        raise InvalidIdentifier("url", "unsupported scheme; expected http, https or ftp")
    else:
        scheme, assumed, rest = "http", True, "//" + text
    if scheme not in _DEFAULT_PORTS:
        raise InvalidIdentifier("url", "unsupported scheme; expected http, https or ftp")
    try:
        return scheme, assumed, urlsplit(f"{scheme}:{rest}")
    except ValueError:
        raise InvalidIdentifier("url", "is not a well-formed URL") from None


def _netloc(scheme: str, parts: SplitResult, host: str) -> str:
    try:
        port = parts.port
    except ValueError:
        raise InvalidIdentifier("url", "port is not a number from 0 to 65535") from None
    shown = f"[{host}]" if ":" in host else host
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return shown
    return f"{shown}:{port}"


def _mask_userinfo(userinfo: str) -> str:
    # A password in a URL is a secret even when the rest of the URL is not.
    if not userinfo:
        return ""
    user, colon, _ = userinfo.partition(":")
    return f"{user}:***@" if colon else f"{user}@"
