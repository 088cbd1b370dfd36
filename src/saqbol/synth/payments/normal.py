"""Ordinary customer behaviour: a day's bulk of payments, vectorised over the whole population,
plus the rarer legitimate events (loans, big purchases, transfers abroad, crypto) planned once.

The rare legitimate events are the hard negatives for the fraud detectors: large first-time
payees, loans spent within hours, foreign payees, crypto exchanges, calls and remote access.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from saqbol.synth.payments.population import MOBILE_POOL, N_FOREIGN_MERCHANTS, Population
from saqbol.synth.payments.tables import (
    BANK_CODES,
    CHAN,
    COUNTRIES,
    COUNTRY,
    CUR,
    EVENT_COLS,
    EXCHANGES,
    LEGIT_EXCHANGES,
    MCCS,
    ONLINE_LENDERS,
    PTYPE,
    TENGE,
    US_PER_DAY,
    US_PER_H,
    Batch,
    EventRows,
    concat,
)

# Local-time hour profile of card payments (peaks at lunch and early evening).
HOURS = np.array(
    [0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 1.5, 3.0, 4.5, 5.5, 6.0,
     6.8, 6.5, 6.0, 6.0, 6.2, 6.8, 7.2, 7.0, 6.0, 4.5, 2.8, 1.2]
)  # fmt: skip
HOURS = HOURS / HOURS.sum()
NIGHT = np.array([3.0, 3.0, 2.5, 2.0, 1.5, 0.5] + [0.0] * 16 + [2.0, 3.0])
NIGHT = NIGHT / NIGHT.sum()

FX_PER_UNIT = {"USD": 500.0, "EUR": 540.0, "CNY": 70.0, "RUB": 5.5, "USDT": 500.0}


def day_multiplier(day: date) -> float:
    """Activity relative to an ordinary weekday: weekends, New Year, Nauryz, back to school."""
    m = (1.0, 1.0, 1.0, 1.02, 1.1, 1.2, 1.1)[day.weekday()]
    if day.month == 12 and day.day >= 20:
        m *= 1.2 + 0.4 * (day.day - 20) / 11
    elif day.month == 1 and day.day <= 2:
        m *= 0.8
    elif day.month == 3 and 20 <= day.day <= 23:
        m *= 1.3
    elif day.month == 8 and day.day >= 20:
        m *= 1.2
    if day.day <= 12:
        m *= 1.05  # most salaries arrive in the first ten days
    return m


def person_context(
    rng: np.random.Generator, pop: Population, payer: np.ndarray, t: np.ndarray, web: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Device, new_device, sim_changed and ip of persons paying at times t."""
    A = pop.n_accounts
    upgraded = t >= pop.upgrade_us[payer]
    device = np.where(web, A + payer, np.where(upgraded, 2 * A + payer, payer))
    new_device = ~web & upgraded & (t < pop.upgrade_us[payer] + US_PER_DAY)
    sim = pop.sim_change_us[payer]
    sim_changed = (t >= sim) & (t < sim + 3 * US_PER_DAY)
    mobile = ~web & (rng.random(len(payer)) < 0.45)
    ip = np.where(mobile, pop.mobile_ip0 + rng.integers(0, MOBILE_POOL, len(payer)), payer)
    return device, new_device, sim_changed, ip


def _times(rng: np.random.Generator, day0_us: int, n: int, night: np.ndarray) -> np.ndarray:
    hour = rng.choice(24, n, p=HOURS)
    owl = night & (rng.random(n) < 0.25)
    hour[owl] = rng.choice(24, int(owl.sum()), p=NIGHT)
    return day0_us + hour * US_PER_H + rng.integers(0, US_PER_H, n)


class NormalDays:
    """Generates the bulk of one day's ordinary payments at a time."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        mcc = pop.merchant_mcc
        self.median = np.array([MCCS.get(int(c), (0, 6000, ("app",)))[1] for c in mcc]) * TENGE
        chans = [MCCS.get(int(c), (0, 0, ("app",)))[2] for c in mcc]
        self.chan_table = np.array([[CHAN[ch[i % len(ch)]] for i in range(3)] for ch in chans])
        self.n_chan = np.array([len(ch) for ch in chans])
        self.mbank = pop.bank[pop.merchant_acct]

    def day(self, rng: np.random.Generator, d: int, day: date) -> Batch:
        pop = self.pop
        P, A = pop.n_persons, pop.n_accounts
        day0 = pop.start_us + d * US_PER_DAY
        counts = rng.poisson(pop.lam * day_multiplier(day))
        payer = np.repeat(np.arange(P, dtype=np.int64), counts)
        n = len(payer)
        t = _times(rng, day0, n, pop.night_owl[payer])
        cat = rng.random(n)
        shop, bill = cat < 0.70, (cat >= 0.70) & (cat < 0.77)
        p2p = cat >= 0.77
        payee = np.zeros(n, dtype=np.int64)
        payee_acct = np.full(n, -1, dtype=np.int64)
        payee_bank = np.full(n, -1, dtype=np.int64)
        country = np.full(n, COUNTRY["KZ"], dtype=np.int64)
        amount = np.zeros(n, dtype=np.int64)
        currency = np.full(n, CUR["KZT"], dtype=np.int64)
        channel = np.full(n, CHAN["app"], dtype=np.int64)
        ptype = np.full(n, PTYPE["merchant"], dtype=np.int64)
        noise = rng.lognormal(0.0, 0.75, n)
        spend = pop.spend[payer]

        # shops, in the payer's region mostly, popular ones more often
        i = np.flatnonzero(shop)
        r = pop.region[payer[i]]
        away = rng.random(len(i)) < 0.08
        r = np.where(away, rng.integers(0, len(pop.region_cum_start), len(i)), r)
        target = pop.region_cum_start[r] + rng.random(len(i)) * pop.region_cum_total[r]
        m = np.minimum(
            np.searchsorted(pop.merchant_cum, target, side="right"), pop.n_shop_merchants - 1
        )
        payee[i] = pop.merchant0 + m
        has = pop.merchant_has_acct[m]
        payee_acct[i] = np.where(has, pop.merchant_acct[m], -1)
        payee_bank[i] = self.mbank[m]
        amount[i] = np.maximum(self.median[m] * spend[i] * noise[i] // TENGE, 150) * TENGE
        channel[i] = self.chan_table[m, (rng.random(len(i)) * self.n_chan[m]).astype(np.int64)]
        # a few online purchases abroad, in foreign currency
        f = i[rng.random(len(i)) < 0.006]
        k = rng.integers(0, N_FOREIGN_MERCHANTS, len(f))
        payee[f] = pop.foreign_merchant0 + k
        payee_acct[f], payee_bank[f] = -1, -1
        country[f] = pop.foreign_merchant_country[k]
        cur_of = {COUNTRY["CN"]: CUR["CNY"], COUNTRY["DE"]: CUR["EUR"]}
        currency[f] = [cur_of.get(int(c), CUR["USD"]) for c in country[f]]
        rate = np.where(
            currency[f] == CUR["CNY"], 70.0, np.where(currency[f] == CUR["EUR"], 540.0, 500.0)
        )
        amount[f] = np.maximum((amount[f] / rate).astype(np.int64), 100)
        channel[f] = CHAN["app"]

        # bills and mobile top-ups
        i = np.flatnonzero(bill)
        b = pop.billers[rng.integers(0, len(pop.billers), len(i))]
        payee[i] = pop.merchant0 + b
        payee_acct[i] = pop.merchant_acct[b]
        payee_bank[i] = self.mbank[b]
        amount[i] = np.maximum(5000 * noise[i] // 1, 500) * TENGE

        # transfers to family and friends
        i = np.flatnonzero(p2p)
        slot = (rng.random(len(i)) * pop.n_family[payer[i]]).astype(np.int64)
        to = pop.family[payer[i], slot]
        how = rng.random(len(i))
        by_phone, by_card = how < 0.55, (how >= 0.55) & (how < 0.85)
        ptype[i] = np.where(
            by_phone, PTYPE["phone"], np.where(by_card, PTYPE["card"], PTYPE["iban"])
        )
        payee[i] = np.where(by_phone, 2 * A + to, np.where(by_card, A + to, to))
        channel[i] = np.where(by_phone, CHAN["p2p_phone"], CHAN["app"])
        payee_acct[i] = to
        payee_bank[i] = pop.bank[to]
        raw = 7000 * spend[i] * noise[i] * rng.lognormal(0.0, 0.4, len(i))
        round_to = np.where(rng.random(len(i)) < 0.6, 500, 1)
        amount[i] = np.maximum(raw // round_to * round_to, 100).astype(np.int64) * TENGE

        web = pop.has_laptop[payer] & (channel == CHAN["app"]) & (rng.random(n) < 0.2)
        channel[web] = CHAN["web"]
        device, new_device, sim_changed, ip = person_context(rng, pop, payer, t, web)
        remote = (pop.remote_it[payer] & (rng.random(n) < 0.3)) | (rng.random(n) < 0.0005)
        on_call = rng.random(n) < np.where(p2p, 0.06, 0.015)
        bulk = {
            "time": t, "payer": payer, "ptype": ptype, "payee": payee, "payee_acct": payee_acct,
            "payee_bank": payee_bank, "country": country, "amount": amount, "currency": currency,
            "channel": channel, "device": device, "ip": ip, "remote": remote, "on_call": on_call,
            "new_device": new_device, "sim_changed": sim_changed,
            "fraud": np.zeros(n, dtype=bool), "scenario": np.zeros(n, dtype=np.int64),
            "role": np.zeros(n, dtype=np.int64),
        }  # fmt: skip
        return concat([bulk, self._monthly(rng, day0, day)])

    def _monthly(self, rng: np.random.Generator, day0: int, day: date) -> Batch:
        """Salaries, pensions, benefits and rent due on this day of the month."""
        pop = self.pop
        A = pop.n_accounts
        dom = day.day
        persons = np.arange(pop.n_persons)
        emp = pop.employer
        safe = np.maximum(emp, 0)
        paid = (emp >= 0) & ((pop.payday1[safe] == dom) | (pop.payday2[safe] == dom))
        split = np.where(pop.payday2[safe] > 0, 2, 1)
        pension = pop.pension & (dom == 10)
        benefit = pop.benefit & (dom == 15)
        who = np.concatenate([persons[paid], persons[pension], persons[benefit]])
        payer = np.concatenate(
            [emp[paid], np.full(int(pension.sum() + benefit.sum()), pop.state_fund)]
        )
        amount = np.concatenate(
            [
                pop.income[paid] // split[paid],
                pop.income[pension],
                np.full(int(benefit.sum()), 42_500 * TENGE)
                * rng.integers(1, 3, int(benefit.sum())),
            ]
        )
        amount = (amount * rng.uniform(0.98, 1.02, len(amount))).astype(np.int64)
        t = day0 + rng.integers(9 * US_PER_H, 13 * US_PER_H, len(who))
        income = _transfer_batch(len(who))
        income.update(
            time=t, payer=payer, ptype=np.full(len(who), PTYPE["iban"]), payee=who, payee_acct=who,
            payee_bank=pop.bank[who], amount=amount, channel=np.full(len(who), CHAN["web"]),
            device=A + payer, ip=payer,
        )  # fmt: skip
        rent_due = (pop.landlord >= 0) & (pop.rent_day == dom)
        tenant = persons[rent_due]
        landlord = pop.landlord[rent_due]
        n = len(tenant)
        t = day0 + rng.integers(8 * US_PER_H, 23 * US_PER_H, n)
        by_card = rng.random(n) < 0.5
        web = np.zeros(n, dtype=bool)
        device, new_device, sim_changed, ip = person_context(rng, pop, tenant, t, web)
        rent = _transfer_batch(n)
        rent.update(
            time=t, payer=tenant, ptype=np.where(by_card, PTYPE["card"], PTYPE["iban"]),
            payee=np.where(by_card, A + landlord, landlord), payee_acct=landlord,
            payee_bank=pop.bank[landlord], amount=pop.rent[rent_due],
            channel=np.full(n, CHAN["app"]), device=device, ip=ip, new_device=new_device,
            sim_changed=sim_changed,
        )  # fmt: skip
        return concat([income, rent])


def _transfer_batch(n: int) -> Batch:
    """A batch of n KZT transfers with every flag off, to be filled in."""
    out = {k: np.zeros(n, dtype=t) for k, t in EVENT_COLS.items()}
    out["country"][:] = COUNTRY["KZ"]
    out["currency"][:] = CUR["KZT"]
    return out


def local_time(rng: np.random.Generator, pop: Population, lo_h: float, hi_h: float) -> int:
    """A random moment in the period between local hours lo_h and hi_h of a random day."""
    days = (pop.end_us - pop.start_us) // US_PER_DAY
    d = int(rng.integers(0, days))
    return pop.start_us + d * US_PER_DAY + int(rng.uniform(lo_h, hi_h) * US_PER_H)


def legit_specials(
    rng: np.random.Generator,
    pop: Population,
    days: int,
    loans: list[tuple[int, int, str, int, bool]],
) -> Batch:
    """Rare legitimate payments (hard negatives); loans taken are appended to ``loans``."""
    rows = EventRows()
    P = pop.n_persons
    adults = np.flatnonzero(pop.age[:P] >= 21)

    def ctx(p: int, t: int, web: bool = False) -> tuple[int, bool, bool, int]:
        dev, new, sim, ip = person_context(rng, pop, np.array([p]), np.array([t]), np.array([web]))
        return int(dev[0]), bool(new[0]), bool(sim[0]), int(ip[0])

    def to_company(p: int, t: int, amount: int, on_call: bool) -> None:
        c = int(pop.companies[rng.integers(0, len(pop.companies))])
        web = bool(pop.has_laptop[p] and rng.random() < 0.3)
        dev, new, sim, ip = ctx(p, t, web)
        rows.add(
            time=t, payer=p, ptype="iban", payee=c, payee_acct=c, payee_bank=int(pop.bank[c]),
            country="KZ", amount=amount, channel="web" if web else "app", device=dev, ip=ip,
            on_call=on_call, new_device=new, sim_changed=sim,
            remote=bool(pop.remote_it[p] and rng.random() < 0.5),
        )  # fmt: skip

    # consumer loans, some spent within hours on a big purchase
    for _ in range(rng.poisson(P * days * 0.001)):
        p = int(adults[rng.integers(0, len(adults))])
        t = local_time(rng, pop, 9, 21)
        online = bool(rng.random() < 0.6)
        lender = (
            ONLINE_LENDERS[rng.integers(0, len(ONLINE_LENDERS))]
            if online
            else BANK_CODES[rng.integers(0, 6)]
        )
        amount = int(rng.lognormal(np.log(500_000), 0.7) * pop.spend[p]) // 10_000 * 10_000 * TENGE
        amount = max(amount, 50_000 * TENGE)
        loans.append((t, p, lender, amount, online))
        if rng.random() < 0.3:
            spent = int(amount * rng.uniform(0.7, 1.0)) // TENGE * TENGE
            tt = t + int(rng.uniform(0.3, 5) * US_PER_H)
            if rng.random() < 0.6:
                to_company(p, tt, spent, on_call=bool(rng.random() < 0.1))
            else:
                dev, new, sim, ip = ctx(p, tt)
                m = int(rng.integers(0, pop.n_shop_merchants))
                shop = int(pop.merchant_acct[m])
                rows.add(
                    time=tt, payer=p, ptype="merchant", payee=pop.merchant0 + m,
                    payee_acct=shop, payee_bank=int(pop.bank[shop]),
                    country="KZ", amount=spent, channel="pos", device=dev, ip=ip, new_device=new,
                    sim_changed=sim,
                )  # fmt: skip

    # big first-time purchases: car, furniture, tuition
    for _ in range(rng.poisson(P * days * 0.0003)):
        p = int(adults[rng.integers(0, len(adults))])
        amount = int(np.exp(rng.uniform(np.log(500_000), np.log(5_000_000)))) // 1000 * 1000 * TENGE
        to_company(p, local_time(rng, pop, 9, 20), amount, on_call=bool(rng.random() < 0.15))

    # money to family abroad (students, relatives in Russia, Uzbekistan, Turkey, ...)
    for p in np.flatnonzero(pop.abroad_payee >= 0).tolist():
        for _ in range(rng.poisson(days / 14)):
            t = local_time(rng, pop, 8, 23)
            country = COUNTRIES[pop.abroad_country[p]]
            kzt = int(rng.lognormal(np.log(80_000), 0.7)) // 1000 * 1000 * TENGE
            cur = "KZT"
            if rng.random() < 0.2:
                cur = "RUB" if country == "RU" else "USD"
                kzt = int(kzt / FX_PER_UNIT[cur])
            dev, new, sim, ip = ctx(p, t)
            rows.add(
                time=t, payer=p, ptype="card", payee=int(pop.abroad_payee[p]), payee_acct=-1,
                payee_bank=-1, country=country, amount=kzt, currency=cur, channel="app",
                device=dev, ip=ip, on_call=bool(rng.random() < 0.1), new_device=new,
                sim_changed=sim,
            )  # fmt: skip

    # young people buying crypto on exchanges, some at night
    for p in np.flatnonzero(pop.crypto_user).tolist():
        for _ in range(rng.poisson(days / 12)):
            night = pop.night_owl[p] and rng.random() < 0.5
            t = local_time(rng, pop, 0, 5) if night else local_time(rng, pop, 9, 23)
            name = LEGIT_EXCHANGES[rng.integers(0, len(LEGIT_EXCHANGES))]
            dev, new, sim, ip = ctx(p, t)
            rows.add(
                time=t, payer=p, ptype="crypto", payee=pop.exchange(name), payee_acct=-1,
                payee_bank=-1, country=EXCHANGES[name],
                amount=int(rng.lognormal(np.log(50_000), 0.9)) // 100 * 100 * TENGE,
                channel="app", device=dev, ip=ip, new_device=new, sim_changed=sim,
            )  # fmt: skip
    return rows.batch()
