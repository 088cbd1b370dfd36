"""The labelled fraud: SIM-box termination day by day, and the spoofing campaigns and roaming
boundary cases planned once for the whole period.

Spoofed calls come in bursts from foreign call centres through one carrier and gateway (or
through a compromised domestic SIP trunk), ring many distinct subscribers, reuse each presented
number a few times and are mostly short. Roaming boundary cases put genuine calls exactly on
a record's ends and spoofed ones just outside them.
"""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from saqbol.detectors.calls.columns import OWN_OPERATOR
from saqbol.synth.calls.population import Population
from saqbol.synth.calls.tables import (
    CARRIERS,
    FIXED,
    FRESH,
    HUB_CARRIERS,
    KIND,
    MALFORMED,
    OP,
    OTHER,
    OWN,
    ROUTE,
    SCEN,
    UNALLOC,
    US_PER_DAY,
    US_PER_H,
    US_PER_S,
    Batch,
    carrier_orig,
    concat,
    durations,
    make_batch,
)
from saqbol.synth.calls.traffic import TALK, Router, local_midnight

SPOOF_WEIGHTS = {
    "spoofed_mobile": 0.33,
    "spoofed_bank": 0.18,
    "spoofed_police": 0.09,
    "spoofed_state": 0.07,
    "spoofed_landline": 0.08,
    "unallocated_range": 0.08,
    "invalid_number": 0.06,
    "spoofed_sip_trunk": 0.11,
}
SPOOF_CALLS_PER_SUB_DAY = 0.0045
MEAN_CAMPAIGN = 45


def simbox_day(rng: np.random.Generator, pop: Population, router: Router, d: int) -> Batch:
    """The day's calls of every running SIM-box, in bursts, plus the few calls back to them."""
    boxes = pop.boxes
    P = pop.n_ordinary
    day0 = local_midnight(pop, d)
    day1 = day0 + US_PER_DAY
    live = np.flatnonzero((boxes.sim_from_day <= d) & (d < boxes.sim_to_day))
    sims, times = [], []
    for box in np.unique(boxes.sim_box[live]).tolist():
        if rng.random() > 0.85:
            continue  # a day off
        mine = live[boxes.sim_box[live] == box]
        for _ in range(1 + min(3, int(rng.poisson(1.2)))):
            begin = day0 + int(rng.uniform(8, 21.5) * US_PER_H)
            length = rng.uniform(0.5, 3.0) * US_PER_H
            per_sim = rng.poisson(
                boxes.rate_h[box] * length / US_PER_H * rng.uniform(0.7, 1.3, len(mine))
            )
            s = np.repeat(mine, per_sim)
            sims.append(s)
            times.append(begin + (rng.random(len(s)) * length).astype(np.int64))
    if not sims:
        return make_batch(0)
    local = np.concatenate(sims)
    t = np.concatenate(times)
    local, t = local[t < day1], t[t < day1]  # a burst running past midnight stops there
    n = len(local)
    box = boxes.sim_box[local]
    sim = P + local
    callee = np.where(rng.random(n) < 0.35, rng.integers(0, P, n), pop.book.draw(rng, OTHER, n))
    awake = (pop.book.section[callee] != OWN) | router.active(
        np.where(pop.book.section[callee] == OWN, callee, 0), t
    )
    rot = boxes.rotating[box].astype(np.int64) * d  # rotating boxes move SIMs on every day
    imei = boxes.module_lo[box] + (boxes.sim_slot[local] + rot) % boxes.module_n[box]
    cell = boxes.cells[box, (rng.random(n) < 0.2).astype(np.int64)]
    p, median, sigma = TALK["simbox"]
    answered, dur = durations(rng, n, p, median, sigma)
    calls = make_batch(
        n, start=t, duration=dur, answered=answered, a=sim, b=callee,
        route=ROUTE["own_mobile"], orig=OP[OWN_OPERATOR], sim=sim, imei=imei, cell=cell,
        scenario=SCEN["simbox_termination"],
    )  # fmt: skip
    keep = np.flatnonzero(awake)
    calls = {k: v[keep] for k, v in calls.items()}
    back = router.callbacks(rng, calls, np.where(calls["answered"], 0.02, 0.05), day1)
    return concat([calls, back])


class _Victims:
    """Draws own subscribers to ring: older people more, and sometimes a run of numbers."""

    def __init__(self, pop: Population) -> None:
        P = pop.n_ordinary
        kind = pop.kind[:P]
        w = np.where(kind == KIND["elderly"], 3.0, 1.0)
        w = np.where(kind == KIND["call_centre"], 0.2, w)
        self.cum = np.cumsum(w)
        own = pop.book.numbers.slice(0, P)
        self.by_number = pc.sort_indices(own).to_numpy().astype(np.int64)

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if rng.random() < 0.3 and n < len(self.by_number):  # a dialler walking a number range
            start = int(rng.integers(0, len(self.by_number) - n))
            return self.by_number[start : start + n]
        u = rng.random(n) * self.cum[-1]
        return np.searchsorted(self.cum, u, side="right").astype(np.int64)


def plan_spoofing(
    rng: np.random.Generator, pop: Population, router: Router, days: int
) -> tuple[Batch, int]:
    """Every spoofing campaign of the period, the victims' calls back, and the roaming edges.

    Returns the calls (any order) and the number of campaigns.
    """
    book = pop.book
    trips = pop.trips
    victims = _Victims(pop)
    end_us = pop.start_us + days * US_PER_DAY
    P = pop.n_ordinary
    names = list(SPOOF_WEIGHTS)
    w = np.array(list(SPOOF_WEIGHTS.values()))
    n_camp = max(len(names), int(rng.poisson(SPOOF_CALLS_PER_SUB_DAY * P * days / MEAN_CAMPAIGN)))
    scen = np.concatenate(
        [np.arange(len(names)), rng.choice(len(names), n_camp - len(names), p=w / w.sum())]
    )
    camp_day = rng.integers(0, days, n_camp)
    hubs = np.array([CARRIERS.index(c) for c in HUB_CARRIERS])
    compromised = np.flatnonzero(pop.trunks.compromised)
    parts: list[Batch] = []
    for c in range(n_camp):
        name = names[scen[c]]
        size = int(min(300, 8 + rng.geometric(1 / (MEAN_CAMPAIGN - 8))))
        day0 = local_midnight(pop, int(camp_day[c]))
        gap = rng.uniform(8, 45) * US_PER_S
        t = (
            day0
            + int(rng.uniform(9, 20.5) * US_PER_H)
            + np.cumsum(rng.exponential(gap, size)).astype(np.int64)
        )
        t = t[t < min(day0 + US_PER_DAY, end_us)]
        n = len(t)
        if n == 0:
            continue
        b = victims.draw(rng, n)
        reuse = int(rng.integers(1, 7))
        pool_n = max(1, -(-n // reuse))
        pool = _presented(rng, pop, name, pool_n)
        a = pool[rng.permutation(np.arange(n) // reuse % pool_n)]
        if name in ("spoofed_mobile", "spoofed_sip_trunk"):
            covered = trips.covering(a, t) >= 0  # never a number that really was roaming
            a[covered] = book.draw(rng, FRESH, int(covered.sum()))
        national = np.zeros(n, dtype=bool)
        if name in ("spoofed_mobile", "spoofed_landline"):
            national = rng.random(n) < (0.2 if name == "spoofed_mobile" else 0.25)
        answered, dur = durations(rng, n, rng.uniform(0.35, 0.55), rng.uniform(25, 50), 0.9)
        hooked = answered & (rng.random(n) < 0.04)
        dur[hooked] = rng.integers(300, 2400, int(hooked.sum()))
        if name == "spoofed_sip_trunk":
            trunk = compromised[int(rng.integers(0, len(compromised)))]
            route, orig, gw = ROUTE["sip_trunk"], OP[OWN_OPERATOR], pop.trunks.gateway[trunk]
            gateway = np.full(n, gw)
        else:
            carrier = (
                hubs[int(rng.integers(0, len(hubs)))]
                if rng.random() < 0.7
                else int(rng.integers(0, len(CARRIERS)))
            )
            route, orig = ROUTE["international"], carrier_orig(CARRIERS[carrier])
            gateway = pop.carrier_gw[carrier, (rng.random(n) < 0.15).astype(np.int64)]
        calls = make_batch(
            n, start=t, duration=dur, answered=answered, a=a, a_national=national, b=b,
            route=route, gateway=gateway, orig=orig, spoofed=True, scenario=SCEN[name],
        )  # fmt: skip
        awake = router.active(b, t)
        calls = {k: v[awake] for k, v in calls.items()}
        parts.append(calls)
        if name in ("spoofed_mobile", "spoofed_landline", "spoofed_sip_trunk"):
            parts.append(_ring_back(rng, router, calls, end_us))
    parts.append(_roaming_edges(rng, pop, router, victims, hubs, end_us))
    out = concat(parts)
    keep = (out["start"] >= pop.start_us) & (out["start"] < end_us)
    return {k: v[keep] for k, v in out.items()}, n_camp


def _presented(rng: np.random.Generator, pop: Population, name: str, n: int) -> np.ndarray:
    """A campaign's pool of presented numbers (book indices)."""
    book = pop.book
    if name in ("spoofed_mobile", "spoofed_sip_trunk"):
        src = rng.random(n)
        mobile = np.where(
            src < 0.3,
            rng.integers(0, pop.n_ordinary, n),
            np.where(src < 0.7, book.draw(rng, OTHER, n), book.draw(rng, FRESH, n)),
        )
        if name == "spoofed_mobile":
            return mobile
        return np.where(rng.random(n) < 0.6, mobile, book.draw(rng, FIXED, n))
    if name == "spoofed_landline":
        return book.draw(rng, FIXED, n)
    if name == "unallocated_range":
        return book.draw(rng, UNALLOC, n)
    if name == "invalid_number":
        return book.draw(rng, MALFORMED, n)
    kinds = {"spoofed_bank": ("bank",), "spoofed_police": ("police", "emergency")}
    pool = np.concatenate([book.protected[k] for k in kinds.get(name, ("state",))])
    # a campaign impersonates one or two institutions' numbers
    few = pool[rng.integers(0, len(pool), min(n, int(rng.integers(1, 3))))]
    return few[rng.integers(0, len(few), n)]


def _ring_back(rng: np.random.Generator, router: Router, calls: Batch, end_us: int) -> Batch:
    """Victims call the presented number back: the real owner gets strangers' calls."""
    p = np.where(calls["answered"], 0.08, 0.12)
    back = np.flatnonzero(rng.random(len(p)) < p)
    t = calls["start"][back] + rng.exponential(1.5 * US_PER_H, len(back)).astype(np.int64)
    keep = t < end_us
    back, t = back[keep], t[keep] // US_PER_S * US_PER_S
    answered, dur = durations(rng, len(back), 0.75, 60, 1.0)
    return router.route(rng, calls["b"][back], calls["a"][back], t, answered, dur)


def _roaming_edges(
    rng: np.random.Generator,
    pop: Population,
    router: Router,
    victims: _Victims,
    hubs: np.ndarray,
    end_us: int,
) -> Batch:
    """Genuine calls exactly at a roaming record's ends (and one running past its end), and
    spoofed calls presenting the same number seconds to half an hour outside the record."""
    trips = pop.trips
    start_us = pop.start_us
    m = len(trips.num)
    begins_in = (trips.from_us >= start_us) & (trips.from_us < end_us)
    ends_in = (trips.to_us >= start_us) & (trips.to_us < end_us)
    u = rng.random((m, 5))
    parts: list[Batch] = []
    at_from = np.flatnonzero(begins_in & (u[:, 0] < 0.35))
    at_to = np.flatnonzero(ends_in & (u[:, 1] < 0.35))
    across = np.flatnonzero(ends_in & (u[:, 2] < 0.2))
    rows = np.concatenate([at_from, at_to, across])
    t = np.concatenate(
        [
            trips.from_us[at_from],
            trips.to_us[at_to],
            trips.to_us[across] - rng.integers(1, 61, len(across)) * US_PER_S,
        ]
    )
    answered = np.ones(len(rows), dtype=bool)
    dur = rng.integers(20, 400, len(rows)).astype(np.int32)
    dur[len(at_from) + len(at_to) :] = rng.integers(600, 1500, len(across))
    parts.append(router.route(rng, trips.num[rows], trips.home[rows], t, answered, dur))

    after = np.flatnonzero(ends_in & (u[:, 3] < 0.25))
    before = np.flatnonzero(begins_in & (u[:, 4] < 0.25))
    rows = np.concatenate([after, before])
    offset = rng.integers(1, 1801, len(rows)) * US_PER_S
    t = np.concatenate(
        [trips.to_us[after] + offset[: len(after)], trips.from_us[before] - offset[len(after) :]]
    )
    n = len(rows)
    a = trips.num[rows]
    ok = trips.covering(a, t) < 0
    carrier = hubs[rng.integers(0, len(hubs), n)]
    answered, dur = durations(rng, n, 0.5, 40, 0.9)
    b = victims.draw(rng, n)
    orig = len(OP) + carrier
    spoof = make_batch(
        n, start=t, duration=dur, answered=answered, a=a, b=b, route=ROUTE["international"],
        gateway=pop.carrier_gw[carrier, 0], orig=orig, spoofed=True,
        scenario=SCEN["spoofed_mobile"],
    )  # fmt: skip
    ok &= router.active(b, t)
    parts.append({k: v[ok] for k, v in spoof.items()})
    return concat(parts)
