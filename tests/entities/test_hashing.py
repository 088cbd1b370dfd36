import hashlib
import hmac

import pytest

from saqbol.entities import keyed_hash

SECRET = "test-secret-0123456789abcdef"


def test_known_vector():
    expected = hmac.new(SECRET.encode(), b"phone:+77011234567", hashlib.sha256).hexdigest()
    assert keyed_hash("phone", "+77011234567", SECRET) == expected
    assert keyed_hash("phone", "+77011234567", "k" * 32) == (
        "c5e7fae4c6505204ceb0998cff709dcd6ae556b22cc9910d2544b86767ee1403"
    )


def test_str_and_bytes_secret_agree():
    assert keyed_hash("iin", "900101300017", SECRET) == keyed_hash(
        "iin", "900101300017", SECRET.encode()
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("phone", "+77011234567", SECRET), ("phone", "+77011234567", SECRET + "x")),
        (("phone", "+77011234567", SECRET), ("device", "+77011234567", SECRET)),
        (("iin", "900101300017", SECRET), ("card", "900101300017", SECRET)),
        (("phone", "+77011234567", SECRET), ("phone", "+77011234568", SECRET)),
    ],
)
def test_hash_differs(a, b):
    assert keyed_hash(*a) != keyed_hash(*b)


def test_hash_is_hex_sha256():
    digest = keyed_hash("ip", "95.57.90.241", SECRET)
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_unicode_value_is_utf8():
    expected = hmac.new(SECRET.encode(), "domain:каспи.kz".encode(), hashlib.sha256).hexdigest()
    assert keyed_hash("domain", "каспи.kz", SECRET) == expected


def test_kind_with_a_colon_is_refused():
    # "url:x" + "y" would hash like "url" + "x:y"; kinds never contain the separator.
    with pytest.raises(ValueError, match="kind"):
        keyed_hash("url:x", "y", SECRET)


@pytest.mark.parametrize("secret", ["", b""])
def test_empty_secret_is_refused(secret):
    with pytest.raises(ValueError, match="secret"):
        keyed_hash("phone", "+77011234567", secret)
