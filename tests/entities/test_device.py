import pytest

from saqbol.entities import parse_device
from saqbol.errors import InvalidIdentifier

# 49015420323751 with its Luhn digit 8: the IMEI example used in GSMA and Wikipedia.
IMEI = "490154203237518"


@pytest.mark.parametrize(
    ("raw", "value", "fmt"),
    [
        (IMEI, IMEI, "imei"),
        ("49-015420-323751-8", IMEI, "imei"),
        ("49 015420 323751 8", IMEI, "imei"),
        ("550E8400-E29B-41D4-A716-446655440000", "550e8400-e29b-41d4-a716-446655440000", "uuid"),
        ("9774d56d682e549c", "9774d56d682e549c", "opaque"),
        ("  FP:ab.CD_01-ef  ", "fp:ab.cd_01-ef", "opaque"),
        ("4901542032375180", "4901542032375180", "opaque"),
        ("abcd", "abcd", "opaque"),
    ],
)
def test_valid_devices(raw, value, fmt):
    device = parse_device(raw)
    assert device.kind == "device"
    assert device.value == value
    assert device.details == {"format": fmt}


@pytest.mark.parametrize(
    ("value", "masked"), [(IMEI, "4901…18"), ("9774d56d682e549c", "9774…9c"), ("abcd", "…")]
)
def test_masked(value, masked):
    assert parse_device(value).masked == masked


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("490154203237519", "IMEI check digit does not match"),
        ("abc", "expected 4 to 128 characters"),
        ("a" * 129, "expected 4 to 128 characters"),
        ("device id", "expected 4 to 128 characters"),
        ("dev/ice", "expected 4 to 128 characters"),
        ("устройство", "expected 4 to 128 characters"),
        ("", "is empty"),
    ],
)
def test_invalid_devices(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_device(raw)
    assert err.value.kind == "device"
