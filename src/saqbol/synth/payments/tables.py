"""Constants of the synthetic bank and the columnar event batch every generator part fills.

Events are kept as small integer codes (indices into string tables) until they are written,
so that 10 million payments cost a few numbers each, not a dozen Python strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np

from saqbol.detectors.payments.columns import CHANNELS, CURRENCIES, PAYEE_TYPES

US_PER_S: Final = 1_000_000
US_PER_H: Final = 3600 * US_PER_S
US_PER_DAY: Final = 24 * US_PER_H
KZ_UTC_OFFSET_H: Final = 5  # Kazakhstan has used UTC+5 throughout since March 2024
TENGE: Final = 100  # tiyn

# Rough population shares (millions, 2024) of the 20 regions; weights for where people live.
REGION_POPULATION: Final[dict[str, float]] = {
    "abai": 0.61,
    "akmola": 0.79,
    "aktobe": 0.93,
    "almaty_region": 1.51,
    "atyrau": 0.70,
    "west_kazakhstan": 0.69,
    "zhambyl": 1.22,
    "zhetisu": 0.70,
    "karaganda": 1.13,
    "kostanay": 0.83,
    "kyzylorda": 0.83,
    "mangystau": 0.79,
    "pavlodar": 0.75,
    "north_kazakhstan": 0.53,
    "turkistan": 2.14,
    "ulytau": 0.22,
    "east_kazakhstan": 0.73,
    "astana": 1.42,
    "almaty": 2.23,
    "shymkent": 1.22,
}
# Salary level relative to the national median, by region (oil regions and cities pay more).
REGION_PAY: Final[dict[str, float]] = {
    "atyrau": 1.7,
    "mangystau": 1.4,
    "astana": 1.45,
    "almaty": 1.4,
    "ulytau": 1.15,
    "aktobe": 1.05,
    "west_kazakhstan": 1.05,
    "karaganda": 1.05,
    "pavlodar": 1.05,
    "east_kazakhstan": 1.0,
    "shymkent": 0.85,
    "turkistan": 0.75,
    "zhambyl": 0.8,
    "kyzylorda": 0.85,
    "zhetisu": 0.8,
    "almaty_region": 0.9,
}

# Bank code -> (market share, 3-digit IBAN bank code).
BANKS: Final[dict[str, tuple[float, str]]] = {
    "KASPI": (0.42, "722"),
    "HALYK": (0.22, "601"),
    "FREEDOM": (0.07, "551"),
    "JUSAN": (0.05, "998"),
    "FORTE": (0.05, "965"),
    "BCC": (0.05, "826"),
    "BEREKE": (0.04, "914"),
    "HOMECREDIT": (0.03, "886"),
    "EURASIAN": (0.02, "948"),
    "RBK": (0.015, "821"),
    "OTBASY": (0.01, "250"),
    "ALTYN": (0.01, "549"),
    "NURBANK": (0.01, "849"),
    "SHINHAN": (0.005, "450"),
}
BANK_CODES: Final = tuple(BANKS)
MFO_LENDERS: Final = (
    "MFO_SOLVA",
    "MFO_KMF",
    "MFO_ZAIMER",
    "MFO_MOKKA",
    "MFO_ONECLICK",
    "MFO_TENGE",
)
ONLINE_LENDERS: Final = ("KASPI", "HALYK", "HOMECREDIT", "FREEDOM", "JUSAN", *MFO_LENDERS)

KZ_HOME_NETS: Final = ("95.56", "2.132", "37.150", "178.91", "92.46", "2.133", "37.151")
KZ_MOBILE_NETS: Final = ("5.76", "5.251", "37.99", "176.64", "188.0", "46.34")
FOREIGN_NETS: Final = ("185.220", "45.141", "91.132", "194.26", "103.152", "212.102", "5.188")

# Crypto exchanges a Kazakh customer can pay into, with their registration country.
EXCHANGES: Final[dict[str, str]] = {
    "ATAIX": "KZ",
    "INTEBIX": "KZ",
    "BINANCE": "AE",
    "BYBIT": "AE",
    "OKX": "SC",
    "HTX": "SC",
    "KUCOIN": "SC",
    "MEXC": "SC",
    "GARANTEX": "VG",
    "BITGET": "VG",
}
LEGIT_EXCHANGES: Final = ("ATAIX", "INTEBIX", "BINANCE", "BYBIT", "OKX")
FRAUD_EXCHANGES: Final = ("BINANCE", "BYBIT", "OKX", "HTX", "KUCOIN", "MEXC", "GARANTEX", "BITGET")

# Merchant categories: MCC -> (share of purchases, median ticket in tenge, channels).
MCCS: Final[dict[int, tuple[float, float, tuple[str, ...]]]] = {
    5411: (0.38, 4500, ("pos", "qr")),  # groceries
    5812: (0.12, 3500, ("pos", "qr")),  # restaurants, cafes
    5814: (0.10, 2000, ("qr", "pos")),  # fast food, coffee
    5541: (0.08, 9000, ("pos", "qr")),  # fuel
    5912: (0.06, 4000, ("pos", "qr")),  # pharmacy
    5651: (0.06, 15000, ("pos", "qr", "app")),  # clothing
    5399: (0.12, 8000, ("app",)),  # online marketplace
    4121: (0.05, 1800, ("app",)),  # taxi
    7832: (0.03, 3000, ("app", "pos")),  # cinema, leisure
}
BILLER_MCCS: Final = (4900, 4814, 4899)  # utilities, mobile top-up, internet/TV
BIG_MCCS: Final = (5511, 5712, 5732, 8220)  # car dealer, furniture, electronics, university

# Money-laundering typologies after IBM AMLSim / AMLworld (Altman et al. 2023), planned in
# ``laundering.py``; only with ``mules=True``.
LAUNDERING_TYPOLOGIES: Final = (
    "fan_in",
    "fan_out",
    "cycle",
    "bipartite",
    "stack",
    "scatter_gather",
    "gather_scatter",
    "random",
)
# New names go at the end so that the codes of the existing ones never change.
SCENARIOS: Final = (
    "none",
    "safe_account",
    "sms_code_1414",
    "investment",
    "prepayment",
    "relative_in_trouble",
    "mule_cashout",
    *LAUNDERING_TYPOLOGIES,
)
ROLES: Final = ("customer", "victim", "fraudster", "mule")
COUNTRIES: Final = (
    "KZ", "RU", "UZ", "KG", "TR", "CN", "KR", "DE", "AE", "SC", "VG", "CY", "GB", "GE", "US",
)  # fmt: skip

PTYPE: Final = {name: i for i, name in enumerate(PAYEE_TYPES)}
CHAN: Final = {name: i for i, name in enumerate(CHANNELS)}
CUR: Final = {name: i for i, name in enumerate(CURRENCIES)}
COUNTRY: Final = {name: i for i, name in enumerate(COUNTRIES)}
BANK: Final = {name: i for i, name in enumerate(BANK_CODES)}
SCEN: Final = {name: i for i, name in enumerate(SCENARIOS)}
ROLE: Final = {name: i for i, name in enumerate(ROLES)}

# Column -> numpy dtype of the coded event batch. payee_acct and payee_bank use -1 for null.
EVENT_COLS: Final[dict[str, type]] = {
    "time": np.int64,
    "payer": np.int32,
    "ptype": np.int8,
    "payee": np.int32,
    "payee_acct": np.int32,
    "payee_bank": np.int16,
    "country": np.int16,
    "amount": np.int64,
    "currency": np.int8,
    "channel": np.int8,
    "device": np.int32,
    "ip": np.int32,
    "remote": np.bool_,
    "on_call": np.bool_,
    "new_device": np.bool_,
    "sim_changed": np.bool_,
    "fraud": np.bool_,
    "scenario": np.int8,
    "role": np.int8,
}

Batch = dict[str, np.ndarray]


def empty_batch() -> Batch:
    return {k: np.empty(0, dtype=t) for k, t in EVENT_COLS.items()}


def concat(batches: list[Batch]) -> Batch:
    return {k: np.concatenate([b[k] for b in batches]).astype(t) for k, t in EVENT_COLS.items()}


def take(batch: Batch, idx: np.ndarray) -> Batch:
    return {k: v[idx] for k, v in batch.items()}


@dataclass
class EventRows:
    """Row-wise builder for the few thousand special events (frauds, loans, big purchases)."""

    rows: list[tuple[int, ...]] = field(default_factory=list)

    def add(
        self,
        *,
        time: int,
        payer: int,
        ptype: str,
        payee: int,
        payee_acct: int,
        payee_bank: int,
        country: str,
        amount: int,
        channel: str,
        device: int,
        ip: int,
        currency: str = "KZT",
        remote: bool = False,
        on_call: bool = False,
        new_device: bool = False,
        sim_changed: bool = False,
        scenario: str = "none",
        role: str = "customer",
    ) -> None:
        self.rows.append(
            (
                time, payer, PTYPE[ptype], payee, payee_acct, payee_bank, COUNTRY[country],
                max(int(amount), TENGE), CUR[currency], CHAN[channel], device, ip, remote, on_call,
                new_device, sim_changed, scenario != "none", SCEN[scenario], ROLE[role],
            )
        )  # fmt: skip

    def batch(self) -> Batch:
        if not self.rows:
            return empty_batch()
        cols = list(zip(*self.rows, strict=True))
        return {k: np.array(c, dtype=t) for (k, t), c in zip(EVENT_COLS.items(), cols, strict=True)}
