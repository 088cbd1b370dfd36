"""The synthetic bank's customers, employers, merchants and mule accounts.

Everything is one flat account table (index = account number in every event) plus per-person
attribute arrays, built vectorised from one numpy ``Generator`` so the population is a pure
function of the seed and the sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saqbol.synth.payments import ids
from saqbol.synth.payments.tables import (
    BANK_CODES,
    BANKS,
    BIG_MCCS,
    BILLER_MCCS,
    COUNTRY,
    EXCHANGES,
    FOREIGN_NETS,
    KZ_HOME_NETS,
    KZ_MOBILE_NETS,
    MCCS,
    REGION_PAY,
    REGION_POPULATION,
    TENGE,
    US_PER_DAY,
)
from saqbol.vocab import REGIONS

REGION_SLUGS = tuple(REGIONS)
KINDS = ("person", "employer", "merchant", "mule")
MOBILE_POOL = 4000
FOREIGN_POOL = 400
N_FOREIGN_MERCHANTS = 24


class StringTable:
    """An append-only table of strings; events refer to its rows by index."""

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []
        self.size = 0

    def add(self, values: np.ndarray | list[str]) -> int:
        """Append values; return the index of the first one."""
        arr = np.asarray(values, dtype=str)
        self._parts.append(arr)
        start, self.size = self.size, self.size + len(arr)
        return start

    def values(self) -> list[str]:
        return np.concatenate(self._parts).tolist() if self._parts else []


@dataclass
class Population:
    """Accounts (index a) and per-person attributes (index p < n_persons, p == a)."""

    n_persons: int
    n_accounts: int
    start_us: int
    end_us: int
    # accounts
    iban: np.ndarray
    card: np.ndarray
    phone: np.ndarray
    iin: np.ndarray
    region: np.ndarray
    bank: np.ndarray
    kind: np.ndarray
    recruited_us: np.ndarray  # -1 unless a mule
    # persons
    age: np.ndarray
    income: np.ndarray  # monthly, tiyn (salary or pension; 0 for none)
    spend: np.ndarray  # multiplier on ticket sizes
    lam: np.ndarray  # payments per day
    savings: np.ndarray  # tiyn
    night_owl: np.ndarray
    remote_it: np.ndarray
    has_laptop: np.ndarray
    upgrade_us: np.ndarray
    sim_change_us: np.ndarray
    family: np.ndarray  # (n_persons, 6) account indices
    n_family: np.ndarray
    employer: np.ndarray  # account index or -1
    pension: np.ndarray  # bool
    benefit: np.ndarray  # bool
    landlord: np.ndarray  # account index or -1
    rent_day: np.ndarray
    rent: np.ndarray
    crypto_user: np.ndarray
    abroad_payee: np.ndarray  # payee-table index of a relative's foreign card or -1
    abroad_country: np.ndarray  # COUNTRY code
    # employers, merchants, companies
    employers: np.ndarray  # account indices
    payday1: np.ndarray  # by account index (0 for non-employers)
    payday2: np.ndarray
    state_fund: int
    merchant_acct: np.ndarray  # by merchant number m
    merchant_mcc: np.ndarray
    merchant_region: np.ndarray
    merchant_has_acct: np.ndarray
    merchant_cum: np.ndarray  # cumulative popularity, merchants ordered by region
    region_cum_start: np.ndarray
    region_cum_total: np.ndarray
    n_shop_merchants: int
    billers: np.ndarray  # merchant numbers
    companies: np.ndarray  # account indices of big-ticket sellers (car dealers, universities)
    company_mcc: np.ndarray
    # mules
    mules: np.ndarray  # account indices
    mule_tier: np.ndarray  # 1 receives from victims, 2 from other mules
    mule_until_us: np.ndarray
    handler_devices: np.ndarray  # device-table indices shared by mule handlers
    # string tables and their offsets
    payees: StringTable
    devices: StringTable
    ips: StringTable
    merchant0: int  # payee index of merchant m is merchant0 + m
    foreign_merchant0: int
    foreign_merchant_country: np.ndarray
    exchange0: int
    exchange_names: tuple[str, ...]
    mobile_ip0: int
    foreign_ip0: int

    # payee / device / ip indices of an account's identifiers
    def iban_payee(self, a: np.ndarray | int) -> np.ndarray | int:
        return a

    def card_payee(self, a: np.ndarray | int) -> np.ndarray | int:
        return a + self.n_accounts

    def phone_payee(self, a: np.ndarray | int) -> np.ndarray | int:
        return a + 2 * self.n_accounts

    def exchange(self, name: str) -> int:
        return self.exchange0 + self.exchange_names.index(name)


def _weights(d: dict[str, float], keys: tuple[str, ...]) -> np.ndarray:
    w = np.array([d[k] for k in keys], dtype=float)
    return w / w.sum()


def build_population(
    rng: np.random.Generator, customers: int, days: int, start_us: int
) -> Population:
    """A population of ``customers`` persons plus the accounts around them."""
    P = customers
    end_us = start_us + days * US_PER_DAY
    months = days / 30.0
    n_tier1 = max(8, round(P * months / 350))
    n_tier2 = max(3, n_tier1 // 3)
    n_mules = n_tier1 + n_tier2
    n_fresh = n_mules // 2
    E = max(5, P // 150)
    M = max(200, P // 25)
    n_bill = len(BILLER_MCCS) * 4
    C = max(20, P // 500)
    A = P + n_fresh + E + 1 + M + n_bill + C
    emp0 = P + n_fresh
    fund = emp0 + E
    mer0 = fund + 1
    comp0 = mer0 + M + n_bill

    # --- accounts: region, bank, identifiers
    region = rng.choice(len(REGION_SLUGS), A, p=_weights(REGION_POPULATION, REGION_SLUGS))
    bank = rng.choice(
        len(BANK_CODES), A, p=_weights({k: v[0] for k, v in BANKS.items()}, BANK_CODES)
    )
    bank_iban = np.array([BANKS[b][1] for b in BANK_CODES])[bank]
    iban = ids.kz_ibans(rng, bank_iban)
    card = ids.cards(rng, A)
    phone = ids.kz_phones(rng, A)
    n_people = P + n_fresh
    age = np.clip(rng.normal(41, 15, n_people), 18, 86).astype(np.int64)
    age[P:] = rng.integers(18, 30, n_fresh)  # fresh mule accounts: young droppers
    female = rng.random(n_people) < 0.52
    iin = np.full(A, "", dtype="U12")
    iin[:n_people] = ids.iins(rng, 2026 - age - rng.integers(0, 2, n_people), female)
    kind = np.full(A, KINDS.index("merchant"), dtype=np.int8)
    kind[:n_people] = KINDS.index("person")
    kind[emp0 : fund + 1] = KINDS.index("employer")

    # --- persons
    age_p = age[:P]
    pay = np.array([REGION_PAY.get(r, 1.0) for r in REGION_SLUGS])[region[:P]]
    pensioner = age_p >= 63
    employed = ~pensioner & (rng.random(P) < 0.8) & (age_p >= 19)
    salary = 350_000 * TENGE * pay * rng.lognormal(0.0, 0.45, P)
    pension_amt = rng.uniform(90_000, 210_000, P) * TENGE
    income = np.where(employed, salary, np.where(pensioner, pension_amt, 0.0)).astype(np.int64)
    spend = np.sqrt(np.maximum(income, 120_000 * TENGE) / (350_000 * TENGE))
    lam = rng.gamma(1.6, 3.0 / 1.6, P) * np.where(age_p < 35, 1.2, np.where(age_p > 65, 0.6, 1.0))
    lam *= 3.0 / lam.mean()
    lam = np.minimum(lam, 14.0)
    savings = (np.maximum(income, 150_000 * TENGE) * rng.lognormal(0.7, 0.8, P)).astype(np.int64)
    night_owl = rng.random(P) < np.where(age_p < 40, 0.16, 0.05)
    remote_it = rng.random(P) < 0.015
    has_laptop = rng.random(P) < 0.4
    never = np.int64(2**62)
    upgrade_us = np.where(
        rng.random(P) < 0.04 * months,
        start_us + rng.integers(0, max(days, 1) * US_PER_DAY, P),
        never,
    )
    sim_change_us = np.where(
        rng.random(P) < 0.02 * months,
        start_us + rng.integers(0, max(days, 1) * US_PER_DAY, P),
        never,
    )
    # family and friends: mostly in the same region
    order = np.argsort(region[:P], kind="stable")
    rstart = np.searchsorted(region[order], np.arange(len(REGION_SLUGS)))
    rcount = np.bincount(region[:P], minlength=len(REGION_SLUGS))
    n_family = rng.integers(2, 7, P)
    local = rng.random((P, 6)) < 0.75
    r = region[:P, None]
    pick_local = order[np.minimum(rstart[r] + (rng.random((P, 6)) * rcount[r]).astype(int), P - 1)]
    family = np.where(local, pick_local, rng.integers(0, P, (P, 6)))
    self_pick = family == np.arange(P)[:, None]
    family[self_pick] = (family[self_pick] + 1) % P
    # employers pay most people once or twice a month, the state fund pays pensions
    employers = np.arange(emp0, fund)
    emp_weight = 1.0 / np.arange(1, E + 1) ** 0.8
    employer = np.where(employed, employers[rng.choice(E, P, p=emp_weight / emp_weight.sum())], -1)
    payday1 = np.zeros(A, dtype=np.int64)
    payday2 = np.zeros(A, dtype=np.int64)
    payday1[employers] = rng.integers(1, 11, E)
    payday2[employers] = np.where(rng.random(E) < 0.4, payday1[employers] + 15, 0)
    benefit = ~pensioner & ~employed & (rng.random(P) < 0.3)
    renter = rng.random(P) < np.where(age_p < 35, 0.3, 0.12)
    landlord = np.where(renter, rng.integers(0, P, P), -1)
    landlord[landlord == np.arange(P)] = -1
    rent_day = rng.integers(1, 29, P)
    rent = (rng.uniform(80_000, 250_000, P) * pay * TENGE).astype(np.int64) // 100_000 * 100_000
    crypto_user = rng.random(P) < np.where(age_p < 35, 0.12, 0.02)
    abroad = rng.random(P) < 0.04
    abroad_country = np.where(
        abroad, rng.choice([COUNTRY[c] for c in ("RU", "UZ", "TR", "KG", "KR", "DE")], P,
                           p=[0.4, 0.2, 0.15, 0.1, 0.1, 0.05]), -1
    )  # fmt: skip

    # --- merchants: shops by region, national billers, big-ticket companies
    mccs = np.array(list(MCCS))
    share = np.array([v[0] for v in MCCS.values()])
    merchant_mcc = np.concatenate(
        [rng.choice(mccs, M, p=share / share.sum()), np.repeat(np.array(BILLER_MCCS), 4)]
    )
    shop_region = np.where(
        np.arange(M) < 2 * len(REGION_SLUGS),
        np.arange(M) % len(REGION_SLUGS),
        region[mer0 : mer0 + M],
    )
    merchant_region = np.concatenate([shop_region, np.zeros(n_bill, dtype=np.int64)])
    merchant_acct = mer0 + np.arange(M + n_bill)
    region[merchant_acct] = merchant_region
    merchant_has_acct = rng.random(M + n_bill) < 0.5
    # popularity: Zipf-like inside each region; merchants are numbered so that shops come first
    shop_order = np.argsort(merchant_region[:M], kind="stable")
    by_mcc = np.argsort(mccs)
    mcc_pos = by_mcc[np.searchsorted(mccs[by_mcc], merchant_mcc[:M][shop_order])]
    popularity = share[mcc_pos] * rng.pareto(1.5, M)
    popularity += 1e-3
    # renumber shop merchants so that number == position in region order
    merchant_mcc[:M] = merchant_mcc[:M][shop_order]
    merchant_region[:M] = merchant_region[:M][shop_order]
    merchant_has_acct[:M] = merchant_has_acct[:M][shop_order]
    region[merchant_acct[:M]] = merchant_region[:M]
    merchant_cum = np.cumsum(popularity)
    rbounds = np.searchsorted(merchant_region[:M], np.arange(len(REGION_SLUGS) + 1))
    cum0 = np.concatenate([[0.0], merchant_cum])
    region_cum_start = cum0[rbounds[:-1]]
    region_cum_total = cum0[rbounds[1:]] - region_cum_start
    billers = np.arange(M, M + n_bill)
    companies = np.arange(comp0, A)
    company_mcc = rng.choice(np.array(BIG_MCCS), C)

    # --- mules: half recruited from ordinary customers (with a normal history), half fresh
    recruited_us = np.full(A, -1, dtype=np.int64)
    fresh = np.arange(P, P + n_fresh)
    recruited = rng.choice(
        np.flatnonzero((age_p >= 18) & (age_p < 45)), n_mules - n_fresh, replace=False
    )
    mules = np.concatenate([recruited, fresh])
    rng.shuffle(mules)
    mule_tier = np.where(np.arange(n_mules) < n_tier1, 1, 2)
    span = max(days - 2, 1) * US_PER_DAY
    recruited_us[mules] = (
        start_us - 20 * US_PER_DAY + rng.integers(0, span + 20 * US_PER_DAY, n_mules)
    )
    recruited_us[mules] //= 1_000_000
    recruited_us[mules] *= 1_000_000
    mule_until_us = recruited_us[mules] + rng.integers(10, 40, n_mules) * US_PER_DAY
    kind[mules] = KINDS.index("mule")

    # --- string tables
    payees = StringTable()
    payees.add(iban)
    payees.add(card)
    payees.add(phone)
    merchant0 = payees.add([f"MCC{mcc}-{m:06d}" for m, mcc in enumerate(merchant_mcc.tolist())])
    foreign_merchant0 = payees.add([f"MCC5399-F{i:05d}" for i in range(N_FOREIGN_MERCHANTS)])
    foreign_merchant_country = rng.choice(
        [COUNTRY[c] for c in ("CN", "US", "TR", "DE", "KR")], N_FOREIGN_MERCHANTS
    )
    exchange_names = tuple(EXCHANGES)
    exchange0 = payees.add(list(exchange_names))
    abroad_payee = np.full(P, -1, dtype=np.int64)
    who = np.flatnonzero(abroad)
    if len(who):
        abroad_payee[who] = payees.add(
            ids.cards(rng, len(who), ("220220", "860031", "979204", "417398", "536827"))
        )
    devices = StringTable()
    os_name = np.where(rng.random(A) < 0.55, "and", "ios")
    devices.add(ids.hex_ids(rng, os_name, A))  # main phone
    devices.add(ids.hex_ids(rng, "web", A))  # laptop / browser
    devices.add(ids.hex_ids(rng, os_name, A))  # the phone after an upgrade
    n_handler = max(3, n_mules // 6)
    handler_devices = devices.add(ids.hex_ids(rng, "and", n_handler)) + np.arange(n_handler)
    ips = StringTable()
    ips.add(ids.ipv4(rng, KZ_HOME_NETS, A))
    mobile_ip0 = ips.add(ids.ipv4(rng, KZ_MOBILE_NETS, MOBILE_POOL))
    foreign_ip0 = ips.add(ids.ipv4(rng, FOREIGN_NETS, FOREIGN_POOL))

    return Population(
        n_persons=P, n_accounts=A, start_us=start_us, end_us=end_us,
        iban=iban, card=card, phone=phone, iin=iin, region=region, bank=bank, kind=kind,
        recruited_us=recruited_us, age=age, income=income, spend=spend, lam=lam, savings=savings,
        night_owl=night_owl, remote_it=remote_it, has_laptop=has_laptop, upgrade_us=upgrade_us,
        sim_change_us=sim_change_us, family=family, n_family=n_family, employer=employer,
        pension=pensioner, benefit=benefit, landlord=landlord, rent_day=rent_day, rent=rent,
        crypto_user=crypto_user, abroad_payee=abroad_payee, abroad_country=abroad_country,
        employers=employers, payday1=payday1, payday2=payday2, state_fund=fund,
        merchant_acct=merchant_acct, merchant_mcc=merchant_mcc, merchant_region=merchant_region,
        merchant_has_acct=merchant_has_acct, merchant_cum=merchant_cum,
        region_cum_start=region_cum_start, region_cum_total=region_cum_total, n_shop_merchants=M,
        billers=billers, companies=companies, company_mcc=company_mcc, mules=mules,
        mule_tier=mule_tier, mule_until_us=mule_until_us, handler_devices=handler_devices,
        payees=payees, devices=devices, ips=ips, merchant0=merchant0,
        foreign_merchant0=foreign_merchant0, foreign_merchant_country=foreign_merchant_country,
        exchange0=exchange0, exchange_names=exchange_names, mobile_ip0=mobile_ip0,
        foreign_ip0=foreign_ip0,
    )  # fmt: skip
