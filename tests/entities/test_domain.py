import pytest

from saqbol.entities import parse_domain, parse_url
from saqbol.errors import InvalidIdentifier


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("kaspi.kz", "kaspi.kz"),
        ("KASPI.KZ.", "kaspi.kz"),
        ("https://kaspi.kz/login?x=1", "kaspi.kz"),
        ("kaspi.kz:8080/path", "kaspi.kz"),
        ("//www.kaspi.kz", "www.kaspi.kz"),
        ("каспи.kz", "xn--80aqevj.kz"),
        ("xn--80aqevj.kz", "xn--80aqevj.kz"),
        ("мвд.рф", "xn--b1aew.xn--p1ai"),
    ],
)
def test_normalised_domain(raw, value):
    domain = parse_domain(raw)
    assert domain.kind == "domain"
    assert domain.value == value
    assert domain.masked == value


def test_cyrillic_idn_details():
    details = parse_domain("каспи.kz").details
    assert details["host_unicode"] == "каспи.kz"
    assert details["is_idn"] is True
    assert details["punycode"] is False
    assert details["registered_domain"] == "xn--80aqevj.kz"
    assert details["suffix"] == "kz"


def test_mixed_script_homoglyph_is_accepted_as_an_idn():
    # Recorded behaviour: idna (UTS 46, non-transitional) accepts a label mixing Latin
    # "k", "spi" with Cyrillic "а"; the script mixing is a detector's job, not a parse error.
    domain = parse_domain("kаspi.kz")
    assert domain.value == "xn--kspi-53d.kz"
    assert domain.value != parse_domain("kaspi.kz").value
    assert domain.details["host_unicode"] == "kаspi.kz"
    assert domain.details["is_idn"] is True


def test_domain_details_match_url_host_details():
    url = parse_url("https://kaspi.kz.verify-account.ru/x").details
    domain = parse_domain("kaspi.kz.verify-account.ru").details
    assert domain == {k: v for k, v in url.items() if k not in ("scheme", "has_userinfo")}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("95.57.90.241", "is an IP address"),
        ("[2001:db8::1]", "is an IP address"),
        ("localhost", "expected a dotted host name"),
        ("kaspi_kz.kz", "not a valid domain name"),
        ("kaspi..kz", "not a valid domain name"),
        ("kaspi kz", "contains spaces"),
        ("https:///x", "has no host"),
        ("", "is empty"),
    ],
)
def test_invalid_domains(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_domain(raw)
    assert err.value.kind == "domain"
