"""Where sellers connect from and which numbers they sign in with.

The address blocks are real allocations, checked block by block against the offline
``geoip2fast`` database (tests walk every block): Kazakhtelecom and the mobile operators for
Kazakh users, consumer ISPs abroad for travellers, students and rings, and hosting companies
that sell VPN exits. Phone prefixes are valid per ``phonenumbers`` for their country.
"""

from __future__ import annotations

import ipaddress
from functools import cache
from typing import Final

import numpy as np
import pyarrow as pa

from saqbol.synth.calls.numbers import prefixed_strings
from saqbol.synth.identifiers import KZ_MOBILE_PREFIXES

# Fixed broadband (Kazakhtelecom, Transtelecom): a home connection, one address per household.
KZ_HOME_NETS: Final = (
    "2.132.0.0/14", "37.150.0.0/15", "5.76.0.0/16", "95.56.0.0/14", "178.88.0.0/14",
    "92.46.0.0/15", "147.30.0.0/16", "89.218.0.0/16", "82.200.128.0/17", "87.255.192.0/19",
)  # fmt: skip
# Mobile operators (Kcell, Beeline/Kar-Tel, Tele2/Altel, Jusan Mobile): carrier-grade NAT, so
# one address is shared by many unrelated subscribers of a region.
KZ_MOBILE_NETS: Final = (
    "2.72.0.0/13", "5.34.0.0/18", "212.96.64.0/19", "185.48.148.0/22", "31.171.160.0/19",
)  # fmt: skip
# Consumer ISPs abroad, by ISO country.
FOREIGN_NETS: Final[dict[str, tuple[str, ...]]] = {
    "RU": ("95.24.0.0/13", "5.16.0.0/14", "178.176.0.0/14", "176.59.128.0/17", "85.140.0.0/15",
           "31.173.0.0/16", "213.87.0.0/17"),
    "UZ": ("213.230.64.0/18", "84.54.64.0/18", "195.158.0.0/19", "188.113.192.0/18",
           "185.139.136.0/22"),
    "KG": ("212.42.96.0/19", "46.251.192.0/19", "92.62.64.0/20", "212.112.96.0/19",
           "158.181.128.0/17"),
    "TJ": ("85.9.128.0/18", "37.98.152.0/21"),
    "NG": ("105.112.0.0/12", "197.210.0.0/16", "102.88.0.0/13", "129.205.112.0/20"),
    "TR": ("78.160.0.0/14", "88.224.0.0/14", "85.96.0.0/13"),
    "UA": ("46.175.136.0/21", "176.36.0.0/14", "46.211.128.0/17"),
    "DE": ("79.192.0.0/10", "87.128.0.0/14"),
    "AE": ("94.200.0.0/13", "2.48.0.0/14"),
    "KR": ("121.128.0.0/10", "211.36.128.0/17"),
    "PL": ("83.0.0.0/12", "79.184.128.0/17"),
    "CN": ("117.136.0.0/13", "112.1.0.0/16"),
    "GB": ("86.128.0.0/14",),
    "US": ("73.0.0.0/13",),
    "GE": ("94.240.192.0/18", "188.129.128.0/17"),
}  # fmt: skip
# Hosting and VPN exits (NForce NL, Hetzner DE, 31173 Services SE): no household lives there.
HOSTING_NETS: Final[dict[str, tuple[str, ...]]] = {
    "NL": ("185.107.56.0/22", "46.166.128.0/20", "109.201.144.0/20"),
    "DE": ("88.198.0.0/17", "78.46.0.0/16"),
    "SE": ("45.83.220.0/22",),
}

# E.164 prefixes -> digits that follow; all valid numbers per libphonenumber.
PHONE_PLANS: Final[dict[str, tuple[tuple[str, ...], int]]] = {
    "KZ": (tuple("+7" + p for p in KZ_MOBILE_PREFIXES), 7),
    "UZ": (("+99890", "+99891", "+99893", "+99894", "+99895", "+99897", "+99898", "+99899",
            "+99833", "+99888", "+99877"), 7),
    "KG": (("+996555", "+996700", "+996770", "+996550", "+996500", "+996777", "+996220",
            "+996705"), 6),
    "TJ": (("+99290", "+99291", "+99293", "+99298", "+99255", "+99292", "+99288", "+99250"), 7),
    "RU": (("+7901", "+7903", "+7905", "+7910", "+7912", "+7915", "+7916", "+7917", "+7919",
            "+7920", "+7925", "+7926", "+7928", "+7950", "+7951", "+7960", "+7961", "+7963",
            "+7977", "+7985", "+7999"), 7),
    "UA": (("+38050", "+38063", "+38066", "+38067", "+38068", "+38073", "+38093", "+38095",
            "+38096", "+38097", "+38098", "+38099"), 7),
    "NG": (("+234803", "+234806", "+234813", "+234816", "+234703", "+234706", "+234810",
            "+234814", "+234903", "+234802", "+234808", "+234812", "+234701", "+234708",
            "+234902", "+234907", "+234901"), 7),
    "TR": (("+90530", "+90532", "+90533", "+90535", "+90541", "+90542", "+90505", "+90552"), 7),
    "KR": (("+82102", "+82103", "+82104", "+82105", "+82106", "+82107", "+82108", "+82109"), 7),
    "DE": (("+49151", "+49152", "+49170", "+49171", "+49176"), 8),
    "PL": (("+4850", "+4851", "+4853", "+4857", "+4860", "+4866", "+4869", "+4872", "+4878",
            "+4879", "+4888"), 7),
    "CN": (("+86130", "+86135", "+86138", "+86139", "+86150", "+86186", "+86159"), 8),
    "US": (("+12125", "+16467", "+17183", "+14155", "+13052"), 6),
    "GB": (("+447400", "+447800", "+447900", "+447500"), 6),
    "AE": (("+97150", "+97152", "+97155", "+97156"), 7),
    "GE": (("+995555", "+995557", "+995577", "+995599"), 6),
}  # fmt: skip
# How a Kazakh number is written in a listing: 10 national digits fill the d's.
KZ_PHONE_STYLES: Final = (
    "+7dddddddddd", "8 ddd ddd dd dd", "8(ddd)ddd-dd-dd", "8dddddddddd", "+7 ddd ddd dddd",
    "+7 (ddd) ddd-dd-dd", "8-ddd-ddd-dd-dd", "+7 ddd ddd dd dd",
)  # fmt: skip
KZ_PHONE_STYLE_P: Final = (0.20, 0.22, 0.12, 0.18, 0.08, 0.08, 0.04, 0.08)
# Countries honest Kazakhs study or work in, and travel to.
STUDY_COUNTRIES: Final = ("RU", "TR", "KR", "PL", "DE", "CN", "US", "GB")
TRAVEL_COUNTRIES: Final = ("TR", "AE", "RU", "GE", "UZ", "KG", "DE", "KR", "CN")


@cache
def _ranges(nets: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    first = np.array([int(ipaddress.ip_network(n).network_address) for n in nets], np.int64)
    size = np.array([ipaddress.ip_network(n).num_addresses for n in nets], np.int64)
    return first, size


def draw_ips(rng: np.random.Generator, nets: tuple[str, ...], n: int) -> np.ndarray:
    """n uint32 host addresses, each in a block chosen uniformly (never .0 or .255)."""
    first, size = _ranges(nets)
    k = rng.integers(0, len(nets), n)
    addr = first[k] + (rng.random(n) * size[k]).astype(np.int64)
    last = addr & 255
    addr = addr - last + np.clip(last, 1, 254)
    return addr.astype(np.uint32)


def kz_nationals(rng: np.random.Generator, n: int) -> np.ndarray:
    """n Kazakh mobile numbers as 10-digit int64 (7011234567), not necessarily distinct."""
    head = np.array([int(p) for p in KZ_MOBILE_PREFIXES], dtype=np.int64)
    return head[rng.integers(0, len(head), n)] * 10**7 + rng.integers(0, 10**7, n)


def e164(rng: np.random.Generator, country: str, n: int) -> pa.StringArray:
    """n valid E.164 mobile numbers of a country."""
    prefixes, width = PHONE_PLANS[country]
    which = rng.integers(0, len(prefixes), n)
    return prefixed_strings(prefixes, which, rng.integers(0, 10**width, n), width)


def e164_one(rng: np.random.Generator, country: str) -> str:
    """One valid E.164 mobile number of a country (cheap, for rare per-event use)."""
    prefixes, width = PHONE_PLANS[country]
    return f"{prefixes[int(rng.integers(len(prefixes)))]}{int(rng.integers(10**width)):0{width}d}"


def draw_ip(rng: np.random.Generator, nets: tuple[str, ...]) -> int:
    """One host address (as ``draw_ips``, without the array overhead)."""
    first, size = _ranges(nets)
    k = int(rng.integers(len(nets)))
    addr = int(first[k]) + int(rng.random() * int(size[k]))
    return addr - (addr & 255) + min(max(addr & 255, 1), 254)


def ip_str(address: int) -> str:
    a = int(address)
    return f"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}"
