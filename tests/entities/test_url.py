import os
import subprocess
import sys

import pytest

from saqbol.entities import parse_url
from saqbol.errors import InvalidIdentifier


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("https://kaspi.kz/", "https://kaspi.kz/"),
        ("kaspi.kz", "http://kaspi.kz/"),
        ("//kaspi.kz", "http://kaspi.kz/"),
        ("HTTPS://KASPI.KZ", "https://kaspi.kz/"),
        ("https://kaspi.kz:443/pay?x=1#frag", "https://kaspi.kz/pay?x=1"),
        ("http://kaspi.kz:80", "http://kaspi.kz/"),
        ("kaspi.kz:8080/x", "http://kaspi.kz:8080/x"),
        ("https://kaspi.kz./login", "https://kaspi.kz/login"),
        ("ftp://files.example.kz:21/a", "ftp://files.example.kz/a"),
        ("http://каспи.kz/", "http://xn--80aqevj.kz/"),
        ("http://xn--80aqevj.kz/", "http://xn--80aqevj.kz/"),
        ("http://kaspi.kz/путь", "http://kaspi.kz/%D0%BF%D1%83%D1%82%D1%8C"),
        ("http://kaspi.kz/%D0%BF%D1%83%D1%82%D1%8C", "http://kaspi.kz/%D0%BF%D1%83%D1%82%D1%8C"),
        ("http://[2001:DB8::1]:443/", "http://[2001:db8::1]:443/"),
        ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
        ("http://kaspi.kz@evil.ru/", "http://kaspi.kz@evil.ru/"),
    ],
)
def test_normalised_value(raw, value):
    url = parse_url(raw)
    assert url.kind == "url"
    assert url.value == value


def test_phishing_subdomain_details():
    url = parse_url("https://kaspi.kz.verify-account.ru/x?session=1")
    assert url.masked == "https://kaspi.kz.verify-account.ru/x"
    assert url.details == {
        "host_ascii": "kaspi.kz.verify-account.ru",
        "host_unicode": "kaspi.kz.verify-account.ru",
        "registered_domain": "verify-account.ru",
        "subdomain": "kaspi.kz",
        "suffix": "ru",
        "is_ip_host": False,
        "ip_obfuscated": False,
        "is_idn": False,
        "punycode": False,
        "scheme": "https",
        "has_userinfo": False,
    }


@pytest.mark.parametrize(
    ("raw", "key", "expected"),
    [
        ("http://kaspi.kz@evil.ru/", "registered_domain", "evil.ru"),
        ("http://kaspi.kz@evil.ru/", "has_userinfo", True),
        ("http://gov.kz.egov-pay.com/", "subdomain", "gov.kz"),
        ("https://www.egov.kz/cms", "registered_domain", "egov.kz"),
        ("https://xn--80ak6aa92e.com/", "host_unicode", "аррӏе.com"),
        ("https://xn--80ak6aa92e.com/", "punycode", True),
        ("https://xn--80ak6aa92e.com/", "is_idn", True),
        ("http://каспи.kz/", "punycode", False),
        ("http://каспи.kz/", "is_idn", True),
        ("http://каспи.kz/", "registered_domain", "xn--80aqevj.kz"),
        ("http://95.57.90.241/login", "is_ip_host", True),
        ("http://95.57.90.241/login", "registered_domain", ""),
        ("http://95.57.90.241/login", "ip_obfuscated", False),
        ("https://x.xn--p1ai/", "suffix", "xn--p1ai"),
    ],
)
def test_host_details(raw, key, expected):
    assert parse_url(raw).details[key] == expected


# Browsers open these hosts, so the registry must key on what the victim really reaches.
@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://0177.0.0.1/", "http://127.0.0.1/"),
        ("http://evil.ru\\@kaspi.kz/", "http://evil.ru/@kaspi.kz/"),
        ("http://%6Baspi.kz/", "http://kaspi.kz/"),
        ("http://ｋａｓｐｉ.kz/", "http://kaspi.kz/"),
        ("http://kaspi。kz。/", "http://kaspi.kz/"),
    ],
)
def test_browser_equivalent_hosts(raw, value):
    assert parse_url(raw).value == value


def test_obfuscated_ip_is_flagged():
    details = parse_url("http://2130706433/").details
    assert details["is_ip_host"] is True
    assert details["ip_obfuscated"] is True


def test_password_is_masked_but_kept_in_value():
    url = parse_url("http://user:secret@evil.ru:8080/a?q=1")
    assert url.value == "http://user:secret@evil.ru:8080/a?q=1"
    assert url.masked == "http://user:***@evil.ru:8080/a"


@pytest.mark.parametrize(
    ("raw", "value", "scheme"),
    [
        ("data:text/html,<b>pay</b>", "data:text/html,<b>pay</b>", "data"),
        ("JavaScript:alert('x y')", "javascript:alert('x y')", "javascript"),
    ],
)
def test_data_and_javascript_urls_are_kept_verbatim(raw, value, scheme):
    url = parse_url(raw)
    assert url.value == value
    assert url.details == {"scheme": scheme}


def test_long_data_url_is_truncated_in_masked():
    url = parse_url("data:text/html;base64," + "A" * 200)
    assert len(url.masked) == 65 and url.masked.endswith("…")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("mailto:a@kaspi.kz", "unsupported scheme"),
        ("file:///etc/passwd", "unsupported scheme"),
        ("hello", "has no scheme and the host has no dot"),
        ("http://a_b.kz/", "host is not a valid domain name"),
        ("http://kaspi..kz/", "host is not a valid domain name"),
        ("http://-kaspi.kz/", "host is not a valid domain name"),
        ("http://" + "a" * 64 + ".kz/", "host is not a valid domain name"),
        ("http:///path", "has no host"),
        ("http://kaspi.kz:99999/", "port is not a number"),
        ("http://kaspi.kz:abc/", "port is not a number"),
        ("http://[::1/", "is not a well-formed URL"),
        ("http://[fe80::1%25eth0]/", "host is not a valid IP address"),
        ("http://1.2.3.999/", "host ends in a number but is not an IPv4 address"),
        ("http://kaspi.kz/a b", "contains spaces"),
        ("data:text/html,\x00", "contains control characters"),
        ("", "is empty"),
        ("http://kaspi.kz/" + "a" * 9000, "too long"),
    ],
)
def test_invalid_urls(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_url(raw)
    assert err.value.kind == "url"


NO_NETWORK_SCRIPT = """
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK USED\\n")
    raise OSError("network use refused")

socket.getaddrinfo = socket.create_connection = socket.socket.connect = refuse
from saqbol.entities import parse_url
print(parse_url("https://kaspi.kz.verify-account.ru/").details["registered_domain"])
"""


def test_public_suffix_list_is_never_downloaded():
    # A fresh interpreter, so the extractor loads its suffix list here, with sockets refused.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    run = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_SCRIPT], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "NETWORK USED" not in run.stderr
    assert run.stdout.strip() == "verify-account.ru"
