"""Constants of the synthetic operator and the columnar call batch every generator part fills.

Calls are kept as integer codes (indices into the number book, gateway, operator, IMSI, IMEI
and cell tables) until they are written, so a day of millions of calls is a few numpy arrays.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from saqbol.detectors.calls.columns import INTL_PREFIX, KZ_OPERATORS, ROUTES

US_PER_S: Final = 1_000_000
US_PER_MIN: Final = 60 * US_PER_S
US_PER_H: Final = 3600 * US_PER_S
US_PER_DAY: Final = 24 * US_PER_H
KZ_UTC_OFFSET_H: Final = 5  # Kazakhstan has used UTC+5 throughout since March 2024
NEVER: Final = np.int64(2**62)

# Kinds of own-network SIMs; simbox SIMs are numbered after everybody else.
KINDS: Final = ("person", "elderly", "business", "taxi", "call_centre", "simbox")
KIND: Final = {k: i for i, k in enumerate(KINDS)}

# Sections of the number book (one string table for every number a call can carry).
OWN, OTHER, FIXED, DID, FOREIGN, FRESH, PROTECTED, UNALLOC, MALFORMED = range(9)

# Scenario labels of calls; the spoofed ones are is_spoofed True. New names go at the end.
SPOOF_SCENARIOS: Final = (
    "spoofed_mobile",  # a real or random valid KZ mobile that was not roaming
    "spoofed_bank",  # a bank's hotline from the protected list
    "spoofed_police",  # police or emergency numbers from the protected list
    "spoofed_state",  # state bodies' short numbers and landlines from the protected list
    "spoofed_landline",  # an ordinary valid KZ landline
    "unallocated_range",  # possible but not valid: +7 703, 709, 73x, ...
    "invalid_number",  # malformed: too short or long, letters, junk
    "spoofed_sip_trunk",  # a domestic SIP trunk presenting numbers not assigned to it
)
# simbox_termination: calls a SIM-box SIM places. is_spoofed is False for them (the number
# shown is the SIM's own); the SIM-level label is truth_sims.is_simbox. roaming_genuine: a KZ
# number calling in from abroad while a roaming record of it covers the call's start.
SCENARIOS: Final = ("none", *SPOOF_SCENARIOS, "simbox_termination", "roaming_genuine")
SCEN: Final = {s: i for i, s in enumerate(SCENARIOS)}
ROUTE: Final = {r: i for i, r in enumerate(ROUTES)}

# Domestic mobile market shares of the other operators (the own operator's SIMs are drawn
# separately); the share of numbers ported away from their range's operator.
OTHER_MOBILE_SHARE: Final = {"BEELINE": 0.55, "TELE2": 0.41, "KAZAKHTELECOM": 0.04}
PORTED_SHARE: Final = 0.05
IMSI_PREFIX: Final = 40102  # MCC 401 (Kazakhstan), MNC 02 (Kcell)

# Regions: weight of population and the landline area code (after +7; 6 digits follow, 5 for
# the 5-digit codes). Interconnect trunks and fixed switches are named after the region.
REGIONS: Final[dict[str, tuple[float, str]]] = {
    "ALA": (0.12, "7272"),  # Almaty
    "AST": (0.08, "7172"),  # Astana
    "SHY": (0.07, "7252"),  # Shymkent
    "KAR": (0.07, "7212"),  # Karaganda
    "AKT": (0.05, "7132"),  # Aktobe
    "TAR": (0.06, "7262"),  # Taraz
    "PAV": (0.04, "7182"),  # Pavlodar
    "UKG": (0.07, "7232"),  # Oskemen
    "ATY": (0.04, "7122"),  # Atyrau
    "KOS": (0.05, "7142"),  # Kostanay
    "KZO": (0.05, "7242"),  # Kyzylorda
    "URA": (0.04, "7112"),  # Oral
    "PET": (0.03, "7152"),  # Petropavl
    "AKU": (0.04, "7292"),  # Aktau
    "TUR": (0.09, "7253"),  # Turkistan region
    "KOK": (0.10, "7162"),  # Kokshetau and the rest
}
REGION_CODES: Final = tuple(REGIONS)
# Where business SIP trunks' number blocks live (after +7; 6 digits follow).
DID_PREFIXES: Final = ("7273", "7279", "7172", "7252")

# Foreign numbers: country -> (weight, carriers, templates); a template is (prefixes, digits
# that follow), every one of them valid per ``phonenumbers``. +7 9xx/495/812 are Russian.
Template = tuple[tuple[str, ...], int]
COUNTRIES: Final[dict[str, tuple[float, tuple[str, ...], tuple[Template, ...]]]] = {
    "RU": (0.34, ("ROSTELECOM", "MTS", "MEGAFON", "VIMPELCOM"), (
        (("+7901", "+7903", "+7905", "+7910", "+7912", "+7915", "+7916", "+7917", "+7919",
          "+7920", "+7925", "+7926", "+7928", "+7950", "+7951", "+7960", "+7961", "+7963",
          "+7977", "+7985", "+7999"), 7),
        (("+7495", "+7499", "+7812", "+7383"), 7),
    )),
    "UZ": (0.15, ("UZTELECOM", "UCELL"), ((("+99890", "+99891", "+99893", "+99894", "+99897",
                                           "+99898", "+99899", "+99833", "+99888"), 7),)),
    "KG": (0.08, ("KYRGYZTELECOM", "MEGACOM"), ((("+996555", "+996700", "+996770", "+996550",
                                                 "+996500", "+996777"), 6),)),
    "CN": (0.08, ("CHINA_TELECOM", "CHINA_UNICOM"), ((("+86130", "+86135", "+86138", "+86139",
                                                       "+86150", "+86186", "+86159"), 8),)),
    "TR": (0.08, ("TURK_TELEKOM", "TURKCELL"), ((("+90530", "+90532", "+90533", "+90535",
                                                  "+90541", "+90542", "+90505", "+90552"), 7),)),
    "TJ": (0.04, ("TCELL",), ((("+99290", "+99291", "+99293", "+99298", "+99255"), 7),)),
    "AZ": (0.03, ("AZERCELL",), ((("+99450", "+99451", "+99455", "+99470", "+99477"), 7),)),
    "GE": (0.03, ("MAGTICOM",), ((("+995555", "+995557", "+995577", "+995599"), 6),)),
    "DE": (0.04, ("DTAG",), ((("+49151", "+49152", "+49170", "+49171", "+49176"), 8),)),
    "GB": (0.03, ("BT", "VODAFONE"), ((("+447400", "+447800", "+447900", "+447500"), 6),)),
    "US": (0.04, ("IDT", "ATT"), ((("+12125", "+16467", "+17183", "+14155", "+13052"), 6),)),
    "AE": (0.03, ("ETISALAT", "DU"), ((("+97150", "+97152", "+97155", "+97156"), 7),)),
    "KR": (0.03, ("KT",), ((("+8210",), 8),)),
    "IN": (0.02, ("TATA", "AIRTEL"), ((("+9198", "+9199", "+9197", "+9190"), 8),)),
}  # fmt: skip
COUNTRY_CODES: Final = tuple(COUNTRIES)
# Wholesale hubbing carriers: they carry some genuine traffic and most of the spoofed calls.
HUB_CARRIERS: Final = ("BICS", "TELIA", "IDT", "TATA", "VIMPELCOM", "ROSTELECOM")
CARRIERS: Final = tuple(
    dict.fromkeys([c for v in COUNTRIES.values() for c in v[1]] + list(HUB_CARRIERS))
)
INTL_GATEWAYS: Final = ("IGW-ALA-1", "IGW-ALA-2", "IGW-AST-1", "IGW-AKT-1")
# Where Kazakh travellers roam (weights) -> carriers of that country.
ROAM_COUNTRIES: Final[dict[str, float]] = {
    "TR": 0.25, "RU": 0.2, "AE": 0.15, "UZ": 0.1, "KG": 0.08, "CN": 0.08, "GE": 0.06,
    "DE": 0.04, "KR": 0.04,
}  # fmt: skip

# The operator-code table of orig_operator: the KZ operators, then "INTL:<carrier>".
ORIG_NAMES: Final = (*KZ_OPERATORS, *(INTL_PREFIX + c for c in CARRIERS))
OP: Final = {name: i for i, name in enumerate(KZ_OPERATORS)}


def carrier_orig(carrier: str) -> int:
    """orig_operator code of an international carrier."""
    return len(KZ_OPERATORS) + CARRIERS.index(carrier)


# Column -> numpy dtype of the coded call batch; -1 is null in gateway, sim, imei and cell.
CALL_COLS: Final[dict[str, type]] = {
    "start": np.int64,
    "duration": np.int32,
    "answered": np.bool_,
    "a": np.int64,  # number-book index of the presented number
    "a_national": np.bool_,  # present a +7 number in national form, 8XXXXXXXXXX
    "b": np.int64,  # number-book index of the called party
    "route": np.int8,
    "gateway": np.int32,
    "orig": np.int16,
    "sim": np.int32,
    "imei": np.int32,
    "cell": np.int32,
    "spoofed": np.bool_,
    "scenario": np.int8,
}

Batch = dict[str, np.ndarray]


def empty_batch() -> Batch:
    return {k: np.empty(0, dtype=t) for k, t in CALL_COLS.items()}


def concat(batches: list[Batch]) -> Batch:
    if not batches:
        return empty_batch()
    return {
        k: np.concatenate([b[k] for b in batches], dtype=t, casting="unsafe")
        for k, t in CALL_COLS.items()
    }


def take(batch: Batch, idx: np.ndarray) -> Batch:
    return {k: v[idx] for k, v in batch.items()}


def make_batch(n: int, **cols: np.ndarray | int | bool) -> Batch:
    """A batch of n calls; columns not given get their null/default (-1, False, 0)."""
    out: Batch = {}
    for k, t in CALL_COLS.items():
        default = -1 if k in ("gateway", "sim", "imei", "cell") else 0
        v = cols.get(k, default)
        out[k] = np.broadcast_to(np.asarray(v, dtype=t), (n,)).copy()
    return out


def durations(
    rng: np.random.Generator, n: int, p_answer: float, median_s: float, sigma: float
) -> tuple[np.ndarray, np.ndarray]:
    """answered flags and lognormal talk times in seconds (0 when not answered)."""
    answered = rng.random(n) < p_answer
    talk = np.clip(rng.lognormal(np.log(median_s), sigma, n), 3, 3 * 3600).astype(np.int32)
    return answered, np.where(answered, talk, 0).astype(np.int32)
