import hashlib

import pytest

from saqbol.entities import parse_wallet
from saqbol.entities.wallet import bech32_polymod
from saqbol.errors import InvalidIdentifier

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload: bytes) -> str:
    """Encode as base58check (double SHA-256 checksum), independently of the parser."""
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, rem = divmod(number, 58)
        out = ALPHABET[rem] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


TRON = base58check(bytes([0x41]) + bytes(range(1, 21)))
GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
BIP173_P2WPKH = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
BIP173_P2WSH = "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"
BIP350_P2TR = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
# BIP-350's invalid vector: a v1 program with a bech32 (not bech32m) checksum.
P2TR_WITH_BECH32 = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd"
EIP55 = "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe"


def flip(address: str, index: int = 10) -> str:
    """Change one character to another of the same alphabet (so only the checksum fails)."""
    char = address[index]
    other = "q" if char != "q" else "p"
    return address[:index] + other + address[index + 1 :]


def test_helper_reproduces_the_genesis_address():
    payload = bytes.fromhex("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18")
    assert base58check(payload) == GENESIS


@pytest.mark.parametrize(
    ("raw", "value", "details"),
    [
        (TRON, TRON, {"network": "tron"}),
        (
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            {"network": "tron"},
        ),
        (GENESIS, GENESIS, {"network": "bitcoin", "type": "p2pkh"}),
        (P2SH, P2SH, {"network": "bitcoin", "type": "p2sh"}),
        (BIP173_P2WPKH, BIP173_P2WPKH, {"network": "bitcoin", "type": "segwit_v0"}),
        (BIP173_P2WPKH.upper(), BIP173_P2WPKH, {"network": "bitcoin", "type": "segwit_v0"}),
        (BIP173_P2WSH, BIP173_P2WSH, {"network": "bitcoin", "type": "segwit_v0"}),
        (BIP350_P2TR, BIP350_P2TR, {"network": "bitcoin", "type": "segwit_v1"}),
        (EIP55, EIP55.lower(), {"network": "ethereum"}),
        (f"  {EIP55.lower()} ", EIP55.lower(), {"network": "ethereum"}),
    ],
)
def test_valid_wallets(raw, value, details):
    wallet = parse_wallet(raw)
    assert wallet.kind == "crypto_wallet"
    assert (wallet.value, dict(wallet.details)) == (value, details)


def test_masked_keeps_six_and_four():
    assert parse_wallet(GENESIS).masked == "1A1zP1…vfNa"


def test_bip350_vector_really_carries_a_bech32_checksum():
    hrp = [3, 3, 0, 2, 3]  # "bc" expanded: high bits, separator, low bits
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    data = [charset.index(c) for c in P2TR_WITH_BECH32[3:]]
    assert bech32_polymod(hrp + data) == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (flip(TRON), "checksum does not match"),
        (flip(GENESIS), "checksum does not match"),
        (flip(P2SH), "checksum does not match"),
        (flip(BIP173_P2WPKH), "checksum does not match"),
        (flip(BIP350_P2TR), "checksum does not match"),
        (P2TR_WITH_BECH32, "checksum does not match"),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3T4", "mixes upper and lower case"),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb", "not a valid bech32 address"),
        (base58check(bytes([0x42]) + bytes(range(1, 21))), "wrong length or version"),
        (base58check(bytes([0x41]) + bytes(range(1, 20))), "not a recognised"),
        (base58check(bytes([0x6F]) + bytes(range(1, 21))), "not a recognised"),
        ("0x" + "g" * 40, "not a recognised"),
        ("0x" + "a" * 39, "not a recognised"),
        ("kaspi.kz", "not a recognised"),
        ("", "is empty"),
    ],
)
def test_invalid_wallets(raw, message):
    with pytest.raises(InvalidIdentifier, match=message) as err:
        parse_wallet(raw)
    assert err.value.kind == "crypto_wallet"
