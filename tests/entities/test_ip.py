import pytest

from saqbol.entities import parse_ip
from saqbol.entities.ip import loose_ipv4
from saqbol.errors import InvalidIdentifier


@pytest.mark.parametrize(
    ("raw", "value", "masked"),
    [
        ("95.57.90.241", "95.57.90.241", "95.57.*.*"),
        (" 95.57.90.241 ", "95.57.90.241", "95.57.*.*"),
        ("2A03:32C0:0000::0001", "2a03:32c0::1", "2a03:32c0:*"),
        ("[2a03:32c0::1]", "2a03:32c0::1", "2a03:32c0:*"),
        ("::ffff:95.57.90.241", "95.57.90.241", "95.57.*.*"),
    ],
)
def test_value_and_mask(raw, value, masked):
    ip = parse_ip(raw)
    assert ip.kind == "ip"
    assert (ip.value, ip.masked) == (value, masked)


@pytest.mark.parametrize(
    ("raw", "version", "is_private", "is_global", "is_loopback"),
    [
        ("95.57.90.241", 4, False, True, False),
        ("192.168.1.10", 4, True, False, False),
        ("127.0.0.1", 4, True, False, True),
        ("100.64.0.1", 4, False, False, False),
        ("::1", 6, True, False, True),
        ("2a03:32c0::1", 6, False, True, False),
    ],
)
def test_details(raw, version, is_private, is_global, is_loopback):
    assert parse_ip(raw).details == {
        "version": version,
        "is_private": is_private,
        "is_global": is_global,
        "is_loopback": is_loopback,
    }


@pytest.mark.parametrize(
    "raw",
    [
        "fe80::1%eth0",
        "::%1]",
        "256.1.1.1",
        "1.2.3",
        "01.2.3.4",
        "kaspi.kz",
        "2a03::32c0::1",
        "1.2.3.4/24",
        "",
    ],
)
def test_invalid(raw):
    with pytest.raises(InvalidIdentifier) as err:
        parse_ip(raw)
    assert err.value.kind == "ip"


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("1.2.3.4", "1.2.3.4"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.0x10203", "10.1.2.3"),
        ("0x", "0.0.0.0"),
        ("kaspi.kz", None),
        ("1.kaspi", None),
        ("xn--80aqevj.kz", None),
    ],
)
def test_loose_ipv4_reads_hosts_like_a_browser(host, address):
    result = loose_ipv4(host)
    assert (str(result) if result else None) == address


@pytest.mark.parametrize("host", ["1.2.3.256", "4294967296", "1.2.3.4.5", "a.1", "09.1.1.1"])
def test_loose_ipv4_rejects_numeric_non_addresses(host):
    with pytest.raises(ValueError):
        loose_ipv4(host)
