"""Ordinary traffic: a day's calls vectorised over every SIM, routed as the operator sees them,
with call-backs, roamers calling home, and the day's per-SIM usage.

``Router`` is the one place that decides how a call between two numbers appears in the CDR
(route, gateway, originating operator, IMSI/IMEI/cell), so that ordinary calls, call-backs and
the victims' call-backs of fraud are all shaped alike.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from saqbol.detectors.calls.columns import OWN_OPERATOR
from saqbol.synth.calls.population import IC_OPS, Population
from saqbol.synth.calls.tables import (
    CARRIERS,
    COUNTRIES,
    COUNTRY_CODES,
    DID,
    FIXED,
    FOREIGN,
    HUB_CARRIERS,
    KINDS,
    KZ_UTC_OFFSET_H,
    OP,
    OTHER,
    OWN,
    REGION_CODES,
    ROUTE,
    SCEN,
    US_PER_DAY,
    US_PER_H,
    US_PER_MIN,
    US_PER_S,
    Batch,
    concat,
    durations,
    make_batch,
)

# Local-time hour profiles of calls: people, offices, taxis.
PEOPLE_HOURS = np.array(
    [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.4, 1.2, 2.8, 4.2, 5.2, 5.6,
     5.6, 5.4, 5.4, 5.5, 5.7, 6.2, 6.6, 6.4, 5.5, 4.0, 2.3, 1.0]
)  # fmt: skip
OFFICE_HOURS = np.array(
    [0, 0, 0, 0, 0, 0, 0, 0.2, 1.5, 6, 8, 8, 6, 6.5, 8, 8, 7.5, 6, 3, 1, 0.3, 0, 0, 0]
)  # fmt: skip
TAXI_HOURS = np.array(
    [1.2, 0.8, 0.5, 0.3, 0.3, 0.6, 2, 4.5, 6, 5, 4.5, 4.5,
     4.8, 4.8, 4.5, 4.6, 5, 5.8, 6.5, 6, 5, 4, 3, 2]
)  # fmt: skip
PROFILES = tuple(p / p.sum() for p in (PEOPLE_HOURS, OFFICE_HOURS, TAXI_HOURS))
KIND_PROFILE = np.array([0, 0, 1, 2, 1, 1])  # by KINDS
# Per kind: answer probability, median talk seconds, lognormal sigma.
TALK = {
    "person": (0.78, 95, 1.0),
    "elderly": (0.80, 150, 1.0),
    "business": (0.75, 110, 1.0),
    "taxi": (0.85, 35, 0.7),
    "call_centre": (0.55, 70, 1.0),
    "simbox": (0.62, 75, 0.8),
}
# Where a person is when calling: home, work, two other places, anywhere in the region.
WHERE = np.cumsum(
    [
        [0.45, 0.30, 0.10, 0.08, 0.07],  # person
        [0.80, 0.00, 0.10, 0.05, 0.05],  # elderly
        [0.30, 0.45, 0.08, 0.07, 0.10],  # business
        [0.12, 0.00, 0.05, 0.03, 0.80],  # taxi
        [0.12, 0.85, 0.02, 0.01, 0.00],  # call_centre
        [0.50, 0.50, 0.00, 0.00, 0.00],  # simbox (not used: boxes place their own calls)
    ],
    axis=1,
)
# Per kind: SMS out and in per day, median MB on a day with data (see DATA_SHARE for who).
USAGE = {
    "person": (0.4, 2.5, 350.0),
    "elderly": (0.15, 1.5, 1.0),
    "business": (1.5, 4.0, 250.0),
    "taxi": (3.0, 3.0, 900.0),
    "call_centre": (8.0, 10.0, 40.0),
    "simbox": (0.0, 0.08, 1.0),  # service SMS from the operator now and then
}
CALLBACK_P = 0.35  # an unanswered call is returned


def local_midnight(pop: Population, d: int) -> int:
    """UTC microseconds of local (UTC+5) midnight starting day d of the period."""
    return pop.start_us + d * US_PER_DAY


def day_factor(day: date) -> np.ndarray:
    """Activity by kind relative to an ordinary weekday (weekends, New Year, Nauryz)."""
    weekend = day.weekday() >= 5
    f = np.array([1.05, 1.0, 0.35, 1.1, 0.3, 1.0]) if weekend else np.ones(len(KINDS))
    if (day.month, day.day) in ((1, 1), (3, 22), (12, 31)):
        f = f * np.array([1.6, 1.5, 0.5, 0.8, 0.2, 1.0])
    return f


def hours(rng: np.random.Generator, profile: np.ndarray, day0: int) -> np.ndarray:
    """A time in the day (UTC us) per call, drawn from the hour profile coded for that call."""
    n = len(profile)
    out = np.empty(n, dtype=np.int64)
    for k, p in enumerate(PROFILES):
        rows = np.flatnonzero(profile == k)
        out[rows] = rng.choice(24, len(rows), p=p) * US_PER_H
    return day0 + out + rng.integers(0, US_PER_H, n)


class Router:
    """Turns (caller, callee, time) triples into CDR rows as the own operator records them."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        book = pop.book
        self.section = book.section
        self.op = book.op
        self.region = book.region
        self.trunk = book.trunk
        self.national_trunk = pop.trunks.national
        carriers = [[CARRIERS.index(c) for c in COUNTRIES[k][1]] for k in COUNTRY_CODES]
        width = max(len(c) for c in carriers)
        self.country_carriers = np.array([(c * width)[:width] for c in carriers])
        self.country_n = np.array([len(c) for c in carriers])
        self.hubs = np.array([CARRIERS.index(c) for c in HUB_CARRIERS])
        self.ic_slot = np.full(len(OP) + 1, -1, dtype=np.int64)
        for i, o in enumerate(IC_OPS):
            self.ic_slot[OP[o]] = i
        self.own_orig = OP[OWN_OPERATOR]

    def active(self, sims: np.ndarray, t: np.ndarray) -> np.ndarray:
        pop = self.pop
        return (pop.activated_us[sims] <= t) & (t < pop.deactivated_us[sims])

    def imei_at(self, sims: np.ndarray, t: np.ndarray) -> np.ndarray:
        pop = self.pop
        return np.where(t >= pop.imei_change_us[sims], pop.imei2[sims], pop.imei1[sims])

    def cell_at(self, rng: np.random.Generator, sims: np.ndarray, t: np.ndarray) -> np.ndarray:
        pop = self.pop
        n = len(sims)
        u = rng.random(n)
        slot = (u[:, None] > WHERE[pop.kind[sims]]).sum(axis=1)
        local_h = ((t // US_PER_H) + KZ_UTC_OFFSET_H) % 24
        night = (local_h >= 23) | (local_h < 6)
        slot = np.where(night & (rng.random(n) < 0.6), 0, slot)
        cell = pop.cells[sims, np.minimum(slot, 3)].astype(np.int64)
        anywhere = slot == 4
        if anywhere.any():
            reg = pop.region[sims[anywhere]].astype(np.int64)
            cell[anywhere] = pop.region_cell_lo[reg] + (
                rng.random(len(reg)) * pop.region_cell_n[reg]
            ).astype(np.int64)
        return cell

    def route(
        self,
        rng: np.random.Generator,
        caller: np.ndarray,
        callee: np.ndarray,
        t: np.ndarray,
        answered: np.ndarray,
        duration: np.ndarray,
    ) -> Batch:
        """CDR rows for the calls the operator sees; the rest (nobody of its own) are dropped."""
        pop = self.pop
        sec = self.section[caller]
        own_a = sec == OWN
        own_b = self.section[callee] == OWN
        ok = np.ones(len(caller), dtype=bool)
        ok[own_a] = self.active(caller[own_a], t[own_a])
        ok[own_b] &= self.active(callee[own_b], t[own_b])
        trip = pop.trips.covering(caller, t)
        roaming = trip >= 0
        keep = ok & ((own_a & ~roaming) | own_b)
        idx = np.flatnonzero(keep)
        caller, callee, t, sec, roaming, trip = (
            caller[idx], callee[idx], t[idx], sec[idx], roaming[idx], trip[idx]
        )  # fmt: skip
        n = len(idx)
        b = make_batch(
            n, start=t, a=caller, b=callee, answered=answered[idx], duration=duration[idx]
        )
        route = np.full(n, ROUTE["interconnect"], dtype=np.int64)
        orig = self.op[caller].astype(np.int64)
        gateway = np.full(n, -1, dtype=np.int64)
        national = np.zeros(n, dtype=bool)
        coin = rng.random(n)

        mob = (sec == OWN) & ~roaming
        route[mob] = ROUTE["own_mobile"]
        sims = caller[mob]
        b["sim"][mob] = sims
        b["imei"][mob] = self.imei_at(sims, t[mob])
        b["cell"][mob] = self.cell_at(rng, sims, t[mob])

        dom = ((sec == OTHER) | (sec == FIXED)) & ~roaming
        fixed_net = dom & (orig == OP["KAZAKHTELECOM"])
        route[fixed_net] = ROUTE["own_fixed"]
        gateway[fixed_net] = pop.fx0 + self.region[caller[fixed_net]]
        inter = dom & ~fixed_net
        slot = self.ic_slot[np.maximum(orig[inter], 0)]
        gateway[inter] = pop.ic0 + slot * len(REGION_CODES) + self.region[caller[inter]]
        # some switches present national form; so do a few visited networks for roamers
        national[dom] = coin[dom] < np.where(fixed_net[dom], 0.10, 0.03)
        national[roaming] = coin[roaming] < 0.03

        sip = sec == DID
        route[sip] = ROUTE["sip_trunk"]
        trunk = self.trunk[caller[sip]]
        gateway[sip] = pop.trunks.gateway[trunk]
        orig[sip] = self.own_orig
        national[sip] = self.national_trunk[trunk]

        intl = (sec == FOREIGN) | roaming
        route[intl] = ROUTE["international"]
        carrier = np.zeros(n, dtype=np.int64)
        fr = np.flatnonzero(sec == FOREIGN)
        country = pop.book.country[caller[fr]].astype(np.int64)
        pick = (rng.random(len(fr)) * self.country_n[country]).astype(np.int64)
        carrier[fr] = np.where(
            rng.random(len(fr)) < 0.15,
            self.hubs[rng.integers(0, len(self.hubs), len(fr))],
            self.country_carriers[country, pick],
        )
        carrier[roaming] = pop.trips.carrier[trip[roaming]]
        orig[intl] = len(OP) + carrier[intl]
        gateway[intl] = pop.carrier_gw[carrier[intl], rng.integers(0, 2, int(intl.sum()))]
        b["route"] = route.astype(np.int8)
        b["orig"] = orig.astype(np.int16)
        b["gateway"] = gateway.astype(np.int32)
        b["a_national"] = national
        b["scenario"][roaming] = SCEN["roaming_genuine"]
        return b

    def callbacks(
        self, rng: np.random.Generator, calls: Batch, p: np.ndarray, end_us: int
    ) -> Batch:
        """Some called parties ring back within the hour (most often after a missed call)."""
        back = np.flatnonzero(rng.random(len(p)) < p)
        t = (
            calls["start"][back]
            + US_PER_S * 5
            + rng.exponential(20 * US_PER_MIN, len(back)).astype(np.int64)
        )
        keep = t < end_us
        back, t = back[keep], t[keep]
        answered, dur = durations(rng, len(back), 0.85, 90, 1.0)
        return self.route(rng, calls["b"][back], calls["a"][back], t, answered, dur)


def pick_contact(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A position in [lo, hi), favourites (the first ones) far more often."""
    return lo + ((hi - lo) * rng.random(len(lo)) ** 2).astype(np.int64)


class Traffic:
    """One day of ordinary calls and usage at a time."""

    def __init__(self, pop: Population, router: Router) -> None:
        self.pop = pop
        self.router = router
        talk = np.array([TALK[k] for k in KINDS])
        self.p_answer, self.median, self.sigma = talk[:, 0], talk[:, 1], talk[:, 2]
        P = pop.n_ordinary
        self.n_ext = pop.c_start[1 : P + 1] - pop.c_ext[:P]

    def _talk(self, rng: np.random.Generator, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = len(kinds)
        answered = rng.random(n) < self.p_answer[kinds]
        talk = np.exp(rng.normal(np.log(self.median[kinds]), self.sigma[kinds]))
        talk = np.clip(talk, 3, 3 * 3600).astype(np.int32)
        return answered, np.where(answered, talk, 0).astype(np.int32)

    def day(self, rng: np.random.Generator, d: int, day: date) -> Batch:
        pop, router = self.pop, self.router
        P = pop.n_ordinary
        book = pop.book
        day0 = local_midnight(pop, d)
        day1 = day0 + US_PER_DAY
        kind = pop.kind[:P].astype(np.int64)
        factor = day_factor(day)[kind]
        parts: list[Batch] = []

        # own subscribers' calls: mostly to contacts, some to anybody
        counts = rng.poisson(pop.lam_out[:P] * factor)
        caller = np.repeat(np.arange(P, dtype=np.int64), counts)
        n = len(caller)
        ck = kind[caller]
        t = hours(rng, KIND_PROFILE[ck], day0)
        lo = pop.c_start[caller]
        hi = pop.c_start[caller + 1]
        callee = pop.c_num[np.minimum(pick_contact(rng, lo, hi), len(pop.c_num) - 1)]
        anybody = (rng.random(n) < pop.p_random_out[caller]) | (hi == lo)
        m = int(anybody.sum())
        callee[anybody] = np.where(
            rng.random(m) < 0.4, rng.integers(0, P, m), book.draw(rng, OTHER, m)
        )
        callee = np.where(callee == caller, (callee + 1) % P, callee)
        answered, dur = self._talk(rng, ck)
        parts.append(router.route(rng, caller, callee, t, answered, dur))

        # external contacts ring them
        has = self.n_ext > 0
        counts = rng.poisson(pop.lam_in[:P] * factor * has)
        callee = np.repeat(np.arange(P, dtype=np.int64), counts)
        caller = pop.c_num[pick_contact(rng, pop.c_ext[callee], pop.c_start[callee + 1])]
        t = hours(rng, np.zeros(len(callee), dtype=np.int64), day0)
        answered, dur = self._talk(rng, kind[callee])
        parts.append(router.route(rng, caller, callee, t, answered, dur))

        # strangers: customers, wrong numbers, services, relatives' new numbers
        counts = rng.poisson(pop.lam_stranger[:P] * factor)
        callee = np.repeat(np.arange(P, dtype=np.int64), counts)
        m = len(callee)
        src = rng.random(m)
        caller = np.where(
            src < 0.70,
            book.draw(rng, OTHER, m),
            np.where(
                src < 0.80,
                book.draw(rng, FIXED, m),
                np.where(src < 0.95, rng.integers(0, P, m), book.draw(rng, FOREIGN, m)),
            ),
        )
        t = hours(rng, KIND_PROFILE[kind[callee]], day0)
        answered, dur = durations(rng, m, 0.7, 60, 1.0)
        parts.append(router.route(rng, caller, callee, t, answered, dur))

        # business SIP trunks: many calls to many subscribers, from their own numbers
        tr = pop.trunks
        weekday = 1.0 if day.weekday() < 5 else 0.4
        counts = rng.poisson(tr.volume * weekday)
        trunk = np.repeat(np.arange(len(counts)), counts)
        m = len(trunk)
        caller = tr.did_lo[trunk] + (tr.did_n[trunk] * rng.random(m) ** 3).astype(np.int64)
        callee = rng.integers(0, P, m)
        t = hours(rng, np.ones(m, dtype=np.int64), day0)
        answered, dur = durations(rng, m, 0.6, 75, 0.9)
        parts.append(router.route(rng, caller, callee, t, answered, dur))

        # travellers ring home while a roaming record covers them
        trips = pop.trips
        lo_t = np.maximum(trips.from_us, day0)
        hi_t = np.minimum(trips.to_us, day1 - 1)
        live = np.flatnonzero(hi_t > lo_t)
        k = rng.poisson(1.2 * (hi_t[live] - lo_t[live]) / US_PER_DAY)
        rows = np.repeat(live, k)
        t = lo_t[rows] + (rng.random(len(rows)) * (hi_t[rows] - lo_t[rows])).astype(np.int64)
        t = t // US_PER_S * US_PER_S
        answered, dur = durations(rng, len(rows), 0.85, 180, 0.9)
        parts.append(router.route(rng, trips.num[rows], trips.home[rows], t, answered, dur))

        calls = concat(parts)
        back = router.callbacks(rng, calls, np.where(calls["answered"], 0.0, CALLBACK_P), day1)
        return concat([calls, back])

    def usage(
        self, rng: np.random.Generator, d: int, calls_in: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Per active SIM: SMS out/in, mobile data and incoming calls on local day d."""
        pop = self.pop
        day0 = local_midnight(pop, d)
        active = np.flatnonzero(
            (pop.activated_us < day0 + US_PER_DAY) & (pop.deactivated_us > day0)
        )
        kind = pop.kind[active].astype(np.int64)
        u = np.array([USAGE[k] for k in KINDS])
        n = len(active)
        sms_out = rng.poisson(u[kind, 0], n)
        sms_in = rng.poisson(u[kind, 1], n)
        uses_data = pop.has_data[active] & (rng.random(n) < 0.93)
        mb = rng.lognormal(np.log(u[kind, 2]), 0.9, n)
        data = np.where(uses_data, np.round(mb, 2), 0.0)
        return {
            "sim": active,
            "sms_out": sms_out.astype(np.int32),
            "sms_in": sms_in.astype(np.int32),
            "data_mb": data,
            "calls_in": calls_in[active].astype(np.int32),
        }
