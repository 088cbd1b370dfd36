"""Crypto wallet addresses: TRON (USDT TRC-20, the usual one in Kazakh scams), Bitcoin, Ethereum.

Checksums are verified (base58check; bech32 per BIP-173 and bech32m per BIP-350) so a typo
does not create a new registry node. ``stdnum.bitcoin`` is not used: it rejects bech32m
(Taproot, ``bc1p…``) addresses.
"""

from __future__ import annotations

import hashlib
import re
from typing import Final

from saqbol.entities.identifier import Identifier, require_text
from saqbol.errors import InvalidIdentifier

BASE58_ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32_CHARSET: Final = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST: Final = 1
_BECH32M_CONST: Final = 0x2BC830A3
_GENERATOR: Final = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)

_TRON = re.compile(rf"T[{BASE58_ALPHABET}]{{33}}")
_BITCOIN_BASE58 = re.compile(rf"[13][{BASE58_ALPHABET}]{{24,33}}")
_ETHEREUM = re.compile(r"0[xX][0-9a-fA-F]{40}")
_TRON_VERSION: Final = 0x41
_BITCOIN_VERSIONS: Final = {0x00: "p2pkh", 0x05: "p2sh"}


def parse_wallet(raw: str) -> Identifier:
    """Parse a wallet address; ``details["network"]`` is "tron", "bitcoin" or "ethereum"."""
    text = require_text("crypto_wallet", raw, max_chars=128)
    if _ETHEREUM.fullmatch(text):
        value, details = text.lower(), {"network": "ethereum"}
    elif _TRON.fullmatch(text):
        _check_base58(text, {_TRON_VERSION: "tron"})
        value, details = text, {"network": "tron"}
    elif _BITCOIN_BASE58.fullmatch(text):
        kind = _check_base58(text, _BITCOIN_VERSIONS)
        value, details = text, {"network": "bitcoin", "type": kind}
    elif text[:3].lower() == "bc1":
        value = _check_segwit(text)
        details = {"network": "bitcoin", "type": f"segwit_v{BECH32_CHARSET.index(value[3])}"}
    else:
        raise InvalidIdentifier(
            "crypto_wallet", "not a recognised TRON, Bitcoin or Ethereum address"
        )
    return Identifier("crypto_wallet", value, mask_wallet(value), details)


def mask_wallet(value: str) -> str:
    """Keep the first six and last four characters: ``TJRabc…wxyz``."""
    return f"{value[:6]}…{value[-4:]}" if len(value) > 12 else "…"


def b58decode(text: str) -> bytes:
    """Decode base58 (Bitcoin alphabet); each leading ``1`` is a leading zero byte."""
    number = 0
    for char in text:
        number = number * 58 + BASE58_ALPHABET.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def bech32_polymod(values: list[int]) -> int:
    """The BCH checksum of BIP-173; a valid string gives 1 (bech32) or 0x2bc830a3 (bech32m)."""
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_GENERATOR):
            chk ^= gen if (top >> i) & 1 else 0
    return chk


def _check_base58(text: str, versions: dict[int, str]) -> str:
    """Verify a 25-byte base58check payload; return the name of its version byte."""
    data = b58decode(text)
    payload, checksum = data[:-4], data[-4:]
    if len(data) != 25 or payload[0] not in versions:
        raise InvalidIdentifier("crypto_wallet", "wrong length or version for its network")
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        raise InvalidIdentifier("crypto_wallet", "checksum does not match")
    return versions[payload[0]]


def _check_segwit(text: str) -> str:
    """Verify a mainnet segwit address (BIP-173/350) and return it in lower case."""
    if text != text.lower() and text != text.upper():
        raise InvalidIdentifier("crypto_wallet", "mixes upper and lower case")
    value = text.lower()
    data_part = value[3:]
    if not 14 <= len(value) <= 90 or any(c not in BECH32_CHARSET for c in data_part):
        raise InvalidIdentifier("crypto_wallet", "not a valid bech32 address")
    data = [BECH32_CHARSET.index(c) for c in data_part]
    hrp = [ord(c) >> 5 for c in "bc"] + [0] + [ord(c) & 31 for c in "bc"]
    version, program = data[0], _convert_5_to_8(data[1:-6])
    expected = _BECH32_CONST if version == 0 else _BECH32M_CONST
    if bech32_polymod(hrp + data) != expected:
        raise InvalidIdentifier("crypto_wallet", "checksum does not match")
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        raise InvalidIdentifier("crypto_wallet", "invalid witness program")
    if version == 0 and len(program) not in (20, 32):
        raise InvalidIdentifier("crypto_wallet", "invalid witness program")
    return value


def _convert_5_to_8(data: list[int]) -> bytes | None:
    """Regroup 5-bit words into bytes; None if the padding is not zero bits (BIP-173)."""
    acc = bits = 0
    out = bytearray()
    for word in data:
        acc = (acc << 5) | word
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        return None
    return bytes(out)
