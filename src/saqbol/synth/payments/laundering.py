"""Laundering typologies, their legitimate look-alikes, and who is who per account.

Drop networks are judged per account, so besides per-payment labels the bank needs an
account-level truth: which accounts organise, pass on or cash out dirty money. This module

- plans the eight AMLSim / AMLworld typologies (Altman et al. 2023) run by crews of recruited
  customers and fresh young accounts, and hard negatives (small traders, group collections,
  own accounts at two banks, family loans) that look like them but are legitimate;
- builds ``accounts_truth``: one row per account with its role, typology and group.

Everything here draws from its own random stream and only appends to the payee, device and IP
tables, so the ordinary payments are the same with or without it. The plan is small Python
over a few thousand events; the normal stream is never touched.

Roles (by precedence when an account is in several schemes): ``organiser`` (where dirty money
enters a pattern: fan-out / scatter-gather / cycle / random-walk origin, every source of a
fan-in, bipartite, stack's first layer or gather-scatter) > ``cash_out`` (a pattern's sink: it
receives and takes the money out of the banks, to a crypto exchange or a foreign card or IBAN;
also tier-2 drop mules) > ``mule`` (receives and passes on inside the banks; also tier-1 drop
mules) > ``victim`` (paid a drop mule) > ``normal``.

Group ids: drop chains get one id per tier-1 mule (its victims join the first mule they paid,
a tier-2 mule the first tier-1 mule that paid it, an unpaid tier-2 mule an id of its own);
laundering crews follow, one id per crew. A crew runs several instances of one typology with
overlapping members (as professional drops are reused, and as AMLSim reuses accounts), which
keeps laundering accounts a small minority while the instance count follows the customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

import numpy as np
import pyarrow as pa
from stdnum.iso7064 import mod_97_10

from saqbol.synth.payments import ids
from saqbol.synth.payments.fraud import FOREIGN_CARD_PREFIXES, FOREIGN_IBAN
from saqbol.synth.payments.normal import person_context
from saqbol.synth.payments.population import (
    FOREIGN_POOL,
    KINDS,
    MOBILE_POOL,
    Population,
)
from saqbol.synth.payments.tables import (
    BANK_CODES,
    BANKS,
    EXCHANGES,
    FRAUD_EXCHANGES,
    KZ_HOME_NETS,
    LAUNDERING_TYPOLOGIES,
    TENGE,
    US_PER_DAY,
    US_PER_H,
    Batch,
    EventRows,
)

ACCOUNT_ROLES: Final = ("organiser", "cash_out", "mule", "victim", "normal")  # most serious first
ACCOUNT_TYPOLOGIES: Final = ("none", "drop_chain", *LAUNDERING_TYPOLOGIES)
HARD_NEGATIVES: Final = ("none", "small_trader", "group_collection", "own_accounts", "family_loans")
CREW_ROLES: Final = ("organiser", "mule", "cash_out")  # in the order money flows

ACCOUNTS_PER_CUSTOMER = 0.001  # distinct laundering accounts per customer, per typology
INSTANCES_PER_10K = (6.0, 10.0)  # instances of each typology per 10,000 customers
FRESH_SHARE = 0.4  # crew members that are accounts opened for the scheme
MAX_KEEP = 0.13  # an intermediary keeps 0-13% (+ <0.5% rounding) of what passes through
US_PER_MIN: Final = 60_000_000

# Per typology: typical total size (to count crews) and the fewest organisers, mules and
# cash-outs an instance can have (AMLSim sizes: fans 5-15, cycles 3-8, bipartite 2-5 x 2-5,
# stack 3 layers of 2-5, scatter/gather 4-10 middles, random walk 5-10 accounts).
MEAN_SIZE: Final = {
    "fan_in": 11.0, "fan_out": 11.0, "cycle": 5.5, "bipartite": 7.0, "stack": 10.5,
    "scatter_gather": 9.0, "gather_scatter": 8.0, "random": 7.5,
}  # fmt: skip
MIN_ROLES: Final = {
    "fan_in": (5, 0, 1), "fan_out": (1, 0, 5), "cycle": (1, 2, 0), "bipartite": (2, 0, 2),
    "stack": (2, 2, 2), "scatter_gather": (1, 4, 1), "gather_scatter": (2, 1, 2),
    "random": (1, 3, 1),
}  # fmt: skip

Leg = tuple[int, int, int, int]  # time, payer, payee account (or -1 - cash-out venue), tiyn


@dataclass
class NewAccounts:
    """Accounts opened after the population was drawn: fresh drops and second own accounts."""

    iban: np.ndarray
    card: np.ndarray
    phone: np.ndarray
    iin: np.ndarray
    region: np.ndarray
    bank: np.ndarray


@dataclass
class LaunderingPlan:
    """The planned payments plus what the account-level truth needs to know about them."""

    events: Batch
    accounts: NewAccounts
    # account -> (role, typology, crew number, fresh); one entry per crew member
    members: dict[int, tuple[str, str, int, bool]] = field(default_factory=dict)
    hard_negative: dict[int, str] = field(default_factory=dict)  # account -> look-alike kind


@dataclass
class _Crew:
    """One crew: its role pools and habits (device, IPs, payee types, speed, cash-out venues)."""

    gid: int
    typology: str
    organisers: list[int]
    mules: list[int]
    cash_outs: list[int]
    device: int  # the organiser's phone, sometimes used by the members
    p_handler: float
    p_foreign_ip: float
    via_p: np.ndarray  # card, phone, iban
    speed_h: float  # median hop delay
    venues: list[tuple[str, int, str]]  # payee type, payee index, country
    venue_p: np.ndarray
    starts: list[int] = field(default_factory=list)


def _size(rng: np.random.Generator, lo: int, hi: int, room: float) -> int:
    return int(rng.integers(lo, max(lo, min(hi, int(room))) + 1))


def _role_counts(rng: np.random.Generator, typology: str, cap: float) -> tuple[int, int, int]:
    """Organisers, mules, cash-outs of a crew, AMLSim-sized but at most ``cap`` accounts."""
    match typology:
        case "fan_out":
            return 1, 0, _size(rng, 5, 15, cap - 1)
        case "fan_in":
            return _size(rng, 5, 15, cap - 1), 0, 1
        case "cycle":
            return 1, _size(rng, 3, 8, cap) - 1, 0
        case "bipartite":
            a = _size(rng, 2, 5, cap - 2)
            return a, 0, _size(rng, 2, 5, cap - a)
        case "stack":
            return _size(rng, 2, 5, cap / 3), _size(rng, 2, 5, cap / 3), _size(rng, 2, 5, cap / 3)
        case "scatter_gather":
            return 1, _size(rng, 4, 10, cap - 2), 1
        case "gather_scatter":
            n = _size(rng, 4, 10, cap - 1)
            a = int(rng.integers(2, n - 1))
            return a, 1, n - a
        case _:  # random walk
            return 1, _size(rng, 5, 10, cap) - 2, 1


def _distinct(
    draw: np.ndarray, taken: set[str], redraw: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """Redraw values that collide with ``taken`` or each other (``redraw(rows)`` -> values)."""
    out = draw.copy()
    while True:
        seen: set[str] = set()
        bad = []
        for i, v in enumerate(out.tolist()):
            if v in taken or v in seen:
                bad.append(i)
            seen.add(v)
        if not bad:
            return out
        out[bad] = redraw(np.array(bad))


class _Planner:
    """Plans crews, their typology instances and the hard negatives into one ``EventRows``."""

    def __init__(
        self, rng: np.random.Generator, pop: Population, days: int, busy: np.ndarray
    ) -> None:
        self.rng, self.pop, self.days, self.busy = rng, pop, days, busy.copy()
        self.rows = EventRows()
        self.P, self.A = pop.n_persons, pop.n_accounts
        self.members: dict[int, tuple[str, str, int, bool]] = {}
        self.hard: dict[int, str] = {}
        self.seen: set[tuple[int, int]] = set()
        self.owner: list[int] = []  # per new account: the customer it belongs to, or -1
        self.pairs: list[tuple[int, int]] = []  # (customer, their second account)
        self.instances: dict[str, int] = {}
        self.scenario = "none"
        order = np.argsort(pop.region[: self.P], kind="stable")
        self.by_region = order
        self.region_start = np.searchsorted(
            pop.region[: self.P][order], np.arange(int(pop.region.max()) + 2)
        )

    # --- people
    def _eligible(self, lo: int, hi: int) -> np.ndarray:
        age = self.pop.age[: self.P]
        return np.flatnonzero(~self.busy & (age >= lo) & (age <= hi))

    def _take(self, n: int, lo: int = 18, hi: int = 60) -> list[int]:
        pool = self._eligible(lo, hi)
        got = self.rng.choice(pool, min(n, len(pool)), replace=False)
        self.busy[got] = True
        return [int(x) for x in got]

    def _new(self, owner: int = -1) -> int:
        self.owner.append(owner)
        return self.A + len(self.owner) - 1

    def _neighbour(self, p: int) -> int:
        """A random customer from p's region (not p)."""
        r = int(self.pop.region[p])
        lo, hi = int(self.region_start[r]), int(self.region_start[r + 1])
        q = int(self.by_region[self.rng.integers(lo, hi)]) if hi > lo else p
        return q if q != p else int((p + 1 + self.rng.integers(0, self.P - 1)) % self.P)

    # --- identifiers of the new accounts
    def open_accounts(self) -> NewAccounts:
        rng, pop = self.rng, self.pop
        n = len(self.owner)
        owner = np.array(self.owner, dtype=np.int64)
        own = owner >= 0
        region = np.where(own, pop.region[np.maximum(owner, 0)], 0)
        fresh_region = rng.choice(int(pop.region.max()) + 1, n)
        region = np.where(own, region, fresh_region).astype(np.int64)
        share = np.array([BANKS[b][0] for b in BANK_CODES])
        bank = rng.choice(len(BANK_CODES), n, p=share / share.sum())
        for i in np.flatnonzero(own & (bank == pop.bank[np.maximum(owner, 0)])):
            bank[i] = (bank[i] + 1 + rng.integers(0, len(BANK_CODES) - 1)) % len(BANK_CODES)
        code = np.array([BANKS[b][1] for b in BANK_CODES])[bank]
        iban = _distinct(
            ids.kz_ibans(rng, code), set(pop.iban.tolist()), lambda r: ids.kz_ibans(rng, code[r])
        )
        card = _distinct(
            ids.cards(rng, n), set(pop.card.tolist()), lambda r: ids.cards(rng, len(r))
        )
        phone = _distinct(
            ids.kz_phones(rng, n), set(pop.phone.tolist()), lambda r: ids.kz_phones(rng, len(r))
        )
        age = rng.integers(18, 25, n)
        year = 2026 - age - rng.integers(0, 2, n)
        female = rng.random(n) < 0.35
        iin = _distinct(
            ids.iins(rng, year, female),
            set(pop.iin.tolist()),
            lambda r: ids.iins(rng, year[r], female[r]),
        )
        iin = np.where(own, pop.iin[np.maximum(owner, 0)], iin)
        self.iban0 = pop.payees.add(iban)
        self.card0 = pop.payees.add(card)
        self.phone0 = pop.payees.add(phone)
        self.dev0 = pop.devices.add(
            ids.hex_ids(rng, np.where(rng.random(n) < 0.6, "and", "ios"), n)
        )
        self.ip0 = pop.ips.add(ids.ipv4(rng, KZ_HOME_NETS, n))
        self.bank = np.concatenate([pop.bank, bank])
        self.new = NewAccounts(iban, card, phone, iin.astype(pop.iin.dtype), region, bank)
        return self.new

    def payee(self, a: int, via: str) -> int:
        if a < self.A:
            return a + {"iban": 0, "card": 1, "phone": 2}[via] * self.A
        j = a - self.A
        return {"iban": self.iban0, "card": self.card0, "phone": self.phone0}[via] + j

    def ctx(self, a: int, t: int) -> tuple[int, bool, bool, int]:
        """Device, new_device, sim_changed and ip of account a's own phone at time t."""
        if a < self.P:
            dev, new, sim, ip = person_context(
                self.rng, self.pop, np.array([a]), np.array([t]), np.array([False])
            )
            return int(dev[0]), bool(new[0]), bool(sim[0]), int(ip[0])
        if a < self.A:  # employers, companies: their web banking
            return self.A + a, False, False, a
        j = a - self.A
        if self.owner[j] >= 0:  # a second account: the owner's phone runs both apps
            return self.ctx(self.owner[j], t)
        mobile = self.rng.random() < 0.45
        ip = (
            self.pop.mobile_ip0 + int(self.rng.integers(0, MOBILE_POOL)) if mobile else self.ip0 + j
        )
        return self.dev0 + j, False, False, ip

    def later(self, t: int, hours: float) -> int:
        """t plus a delay (at least a few minutes), mostly pushed out of the small hours."""
        t += int(max(hours, self.rng.uniform(2, 12) / 60) * US_PER_H)
        hour = (t - self.pop.start_us) % US_PER_DAY / US_PER_H
        if hour < 7 and self.rng.random() < 0.75:
            t += int((7 - hour + self.rng.uniform(0, 3)) * US_PER_H)
        return t

    def transfer(
        self, payer: int, payee: int, t: int, amount: int, via: str, *, device: int | None = None,
        ip: int | None = None, fraud: bool = False,
    ) -> None:  # fmt: skip
        """A domestic transfer to an account's card, phone or IBAN."""
        if t >= self.pop.end_us or t < self.pop.start_us:
            return
        dev, new, sim, own_ip = self.ctx(payer, t)
        if device is not None:
            new = (payer, device) not in self.seen and device != dev
            self.seen.add((payer, device))
            dev = device
        self.rows.add(
            time=t, payer=payer, ptype=via, payee=self.payee(payee, via), payee_acct=payee,
            payee_bank=int(self.bank[payee]), country="KZ", amount=amount,
            channel="p2p_phone" if via == "phone" else "app", device=dev,
            ip=own_ip if ip is None else ip, new_device=new, sim_changed=sim,
            on_call=bool(self.rng.random() < 0.03),
            scenario=self.scenario if fraud else "none", role="mule" if fraud else "customer",
        )  # fmt: skip

    # --- crews
    def crews(self, fresh_share: float = FRESH_SHARE) -> list[_Crew]:
        """Draw each typology's crews and their members; new accounts are only reserved here."""
        rng, P = self.rng, self.P
        budget = ACCOUNTS_PER_CUSTOMER * P
        out: list[_Crew] = []
        for typology in LAUNDERING_TYPOLOGIES:
            n_inst = max(2, round(P / 10_000 * rng.uniform(*INSTANCES_PER_10K)))
            n_crews = min(n_inst, max(1, round(budget / MEAN_SIZE[typology])))
            self.instances[typology] = n_inst
            for _ in range(n_crews):
                counts = _role_counts(rng, typology, max(budget, 1.0))
                pools: list[list[int]] = []
                for role, k in zip(CREW_ROLES, counts, strict=True):
                    share = fresh_share * (0.6 if role == "organiser" else 1.0)
                    fresh = rng.random(k) < share
                    recruited = self._take(int((~fresh).sum()), 18, 55)
                    # a tiny bank may run out of customers to recruit: open accounts instead
                    pool = recruited + [self._new() for _ in range(k - len(recruited))]
                    pools.append([int(x) for x in rng.permutation(pool)])
                gid = len(out)
                for role, pool in zip(CREW_ROLES, pools, strict=True):
                    for a in pool:
                        self.members[a] = (role, typology, gid, a >= self.A)
                out.append(_Crew(gid, typology, *pools, device=-1, p_handler=0.0,
                                 p_foreign_ip=0.0, via_p=np.ones(3) / 3, speed_h=1.0,
                                 venues=[], venue_p=np.ones(1)))  # fmt: skip
        # instances: spread over the period, every crew at least one
        by_typology: dict[str, list[_Crew]] = {}
        for crew in out:
            by_typology.setdefault(crew.typology, []).append(crew)
        for typology, crews in by_typology.items():
            for i in range(self.instances[typology]):
                crews[i % len(crews)].starts.append(self._start())
        return out

    def _start(self) -> int:
        d = int(self.rng.integers(0, max(self.days - 1, 1)))
        return self.pop.start_us + d * US_PER_DAY + int(self.rng.uniform(8, 22) * US_PER_H)

    def habits(self, crews: list[_Crew]) -> None:
        """Devices, IP, payee-type, speed and cash-out habits of each crew."""
        rng, pop = self.rng, self.pop
        dev0 = pop.devices.add(ids.hex_ids(rng, "and", len(crews)))
        cards = ids.cards(rng, 3 * len(crews) + 3, FOREIGN_CARD_PREFIXES)
        card0 = pop.payees.add(cards)
        iban0 = pop.payees.add(self._foreign_ibans(len(crews) + 1))
        for c in crews:
            c.device = dev0 + c.gid
            c.p_handler = float(rng.uniform(0.05, 0.5))
            c.p_foreign_ip = float(rng.uniform(0, 0.3)) if rng.random() < 0.6 else 0.0
            c.via_p = rng.dirichlet([2.0, 2.0, 1.5])
            c.speed_h = float(np.exp(rng.uniform(np.log(0.3), np.log(12))))
            venues: list[tuple[str, int, str]] = []
            for name in rng.choice(FRAUD_EXCHANGES, int(rng.integers(1, 3)), replace=False):
                venues.append(("crypto", pop.exchange(str(name)), EXCHANGES[str(name)]))
            for k in rng.choice(len(cards), int(rng.integers(0, 3)), replace=False).tolist():
                venues.append(("card", card0 + k, ("RU", "UZ", "KG", "TR", "AE", "GE")[k % 6]))
            if rng.random() < 0.4:
                k = int(rng.integers(0, len(crews) + 1))
                venues.append(("iban", iban0 + k, FOREIGN_IBAN[k % len(FOREIGN_IBAN)][0]))
            c.venues = venues
            c.venue_p = rng.dirichlet(np.full(len(venues), 1.5))

    def _foreign_ibans(self, n: int) -> list[str]:
        out = []
        for i in range(n):
            country, bank, k = FOREIGN_IBAN[i % len(FOREIGN_IBAN)]
            bban = bank + "".join(str(d) for d in self.rng.integers(0, 10, k))
            out.append(country + mod_97_10.calc_check_digits(bban + country) + bban)
        return out

    # --- one instance of a typology
    def _pick(self, pool: list[int], lo: int, full: bool) -> list[int]:
        if not pool:
            return []
        k = len(pool) if full else int(self.rng.integers(min(lo, len(pool)), len(pool) + 1))
        return [pool[i] for i in sorted(self.rng.choice(len(pool), k, replace=False).tolist())]

    def _dense(self, n_src: int, n_dst: int) -> list[list[int]]:
        """Most of a complete bipartite graph: every node keeps an edge each way."""
        rng = self.rng
        out = [[j for j in range(n_dst) if rng.random() > 0.25] for _ in range(n_src)]
        for i in range(n_src):
            if not out[i]:
                out[i] = [int(rng.integers(0, n_dst))]
        for j in range(n_dst):
            if not any(j in o for o in out):
                out[int(rng.integers(0, n_src))].append(j)
        return [sorted(o) for o in out]

    def _shape(self, c: _Crew, full: bool) -> tuple[list[list[int]], list[list[list[int]]]]:
        """Layers of accounts and, per layer, each node's successors in the next layer."""
        lo = MIN_ROLES[c.typology]
        org = self._pick(c.organisers, lo[0], full)
        mul = list(self.rng.permutation(self._pick(c.mules, lo[1], full)).tolist())
        out = self._pick(c.cash_outs, lo[2], full)
        o = [org[int(self.rng.integers(0, len(org)))]] if org else []
        chain = [[0]]
        match c.typology:
            case "fan_out":
                return [o, out], [[list(range(len(out)))]]
            case "fan_in":
                return [org, out[:1]], [[[0] for _ in org]]
            case "cycle":
                layers = [o, *([m] for m in mul), o]
                return layers, [[[0]] for _ in layers[:-1]]
            case "bipartite":
                return [org, out], [self._dense(len(org), len(out))]
            case "stack":
                return [org, mul, out], [
                    self._dense(len(org), len(mul)),
                    self._dense(len(mul), len(out)),
                ]
            case "scatter_gather":
                return [o, mul, out[:1]], [[list(range(len(mul)))], [[0] for _ in mul]]
            case "gather_scatter":
                return [org, mul[:1], out], [[[0] for _ in org], [list(range(len(out)))]]
            case _:  # random walk over the mules, revisiting some, then to the cash-out
                walk = list(mul)
                for _ in range(int(self.rng.integers(0, 3))):
                    pos = int(self.rng.integers(1, len(walk) + 1))
                    near = {walk[pos - 1], walk[pos] if pos < len(walk) else -1}
                    options = [m for m in mul if m not in near]
                    if options:
                        walk.insert(pos, options[int(self.rng.integers(0, len(options)))])
                layers = [o, *([m] for m in walk), out[:1]]
                return layers, [chain for _ in layers[:-1]]

    def _money(self, x: float) -> int:
        """Tiyn, rounded the way people type sums (never up, at most 0.5% off)."""
        tenge = int(x) // TENGE
        if tenge >= 200_000 and self.rng.random() < 0.5:
            tenge = tenge // 1000 * 1000
        elif tenge >= 20_000 and self.rng.random() < 0.4:
            tenge = tenge // 100 * 100
        return max(tenge, 1) * TENGE

    def _send(self, legs: list[Leg], inbox: list[tuple[int, int]], c: _Crew, payer: int,
              payee: int, t: int, amount: float) -> None:  # fmt: skip
        """One hop; big sums are sometimes split in two payments minutes apart."""
        parts = [amount]
        if amount > 1_500_000 * TENGE and self.rng.random() < 0.4:
            f = self.rng.uniform(0.35, 0.65)
            parts = [amount * f, amount * (1 - f)]
        for i, part in enumerate(parts):
            ti = t + i * int(self.rng.uniform(1, 40) * US_PER_MIN)
            money = self._money(part)
            legs.append((ti, payer, payee, money))
            inbox.append((ti, money))

    def _delay(self, c: _Crew) -> float:
        return float(min(self.rng.lognormal(np.log(c.speed_h), 1.0), 120.0))

    def play(self, c: _Crew, t0: int, full: bool) -> list[Leg]:
        """Money through one instance: sources pay, every later node pays on what it got."""
        rng = self.rng
        layers, edges = self._shape(c, full)
        inbox: list[list[list[tuple[int, int]]]] = [[[] for _ in layer] for layer in layers]
        legs: list[Leg] = []
        total = float(np.clip(rng.lognormal(np.log(1.5e6), 0.8), 3e5, 2e7)) * TENGE
        n0 = len(layers[0])
        funds = total * rng.dirichlet(np.full(n0, 4.0)) if n0 > 1 else np.array([total])
        spread = rng.uniform(0, 2 * US_PER_DAY) if n0 > 1 else 0.0
        for i, src in enumerate(layers[0]):
            t = t0 + int(rng.uniform(0, 1) * spread)
            succ = edges[0][i]
            parts = funds[i] * rng.dirichlet(np.full(len(succ), 3.0))
            for k, j in enumerate(rng.permutation(len(succ)).tolist()):
                if k:
                    t = self.later(t, rng.exponential(c.speed_h))
                self._send(legs, inbox[1][succ[j]], c, src, layers[1][succ[j]], t, parts[j])
        last = len(layers) - 1
        for lay in range(1, len(layers)):
            for i, acct in enumerate(layers[lay]):
                got = inbox[lay][i]
                if not got or (lay == last and c.typology == "cycle"):
                    continue  # the cycle's money is back home
                keep = rng.uniform(0, MAX_KEEP)
                if lay == last:
                    self._cash_out(legs, c, acct, got, keep)
                    continue
                succ = edges[lay][i]
                if len(succ) == 1 and rng.random() < 0.5:  # pass on each receipt
                    for t_in, amt in got:
                        t = self.later(t_in, self._delay(c))
                        nxt = inbox[lay + 1][succ[0]]
                        self._send(
                            legs, nxt, c, acct, layers[lay + 1][succ[0]], t, amt * (1 - keep)
                        )
                    continue
                t_last = max(t for t, _ in got)  # gather, then pass on
                out = sum(a for _, a in got) * (1 - keep)
                parts = out * rng.dirichlet(np.full(len(succ), 3.0))
                for j, part in zip(succ, parts, strict=True):
                    t = self.later(t_last, self._delay(c))
                    self._send(legs, inbox[lay + 1][j], c, acct, layers[lay + 1][j], t, part)
        return legs

    def _cash_out(self, legs: list[Leg], c: _Crew, acct: int, got: list[tuple[int, int]],
                  keep: float) -> None:  # fmt: skip
        """The sink takes the money out: per receipt, or all of it after the last one."""
        rng = self.rng

        def venue() -> int:
            return -1 - int(rng.choice(len(c.venues), p=c.venue_p))

        if rng.random() < 0.4:
            for t_in, amt in got:
                legs.append(
                    (self.later(t_in, self._delay(c)), acct, venue(), self._money(amt * (1 - keep)))
                )
            return
        t = max(t for t, _ in got)
        total = sum(a for _, a in got) * (1 - keep)
        k = int(rng.integers(1, 4))
        for part in total * rng.dirichlet(np.full(k, 3.0)):
            t = self.later(t, self._delay(c))
            legs.append((t, acct, venue(), self._money(part)))

    def emit(self, c: _Crew, legs: list[Leg]) -> None:
        """Fit an instance inside the period (whole days earlier, squeezed if need be) and write."""
        pop, rng = self.pop, self.rng
        times = np.array([leg[0] for leg in legs], dtype=np.int64)
        limit = pop.end_us - US_PER_MIN
        if times.max() > limit:
            times -= -(-(int(times.max()) - limit) // US_PER_DAY) * US_PER_DAY
        if times.min() < pop.start_us:
            lo, hi = int(times.min()), int(times.max())
            squeeze = (limit - pop.start_us) / max(hi - lo, 1)
            times = pop.start_us + ((times - lo) * squeeze).astype(np.int64)
        self.scenario = c.typology
        for (_, payer, dest, amount), t in zip(legs, times.tolist(), strict=True):
            device = c.device if rng.random() < c.p_handler else None
            ip = None
            if rng.random() < c.p_foreign_ip:
                ip = pop.foreign_ip0 + int(rng.integers(0, FOREIGN_POOL))
            if dest >= 0:
                via = ("card", "phone", "iban")[int(rng.choice(3, p=c.via_p))]
                self.transfer(payer, dest, t, amount, via, device=device, ip=ip, fraud=True)
                continue
            ptype, payee, country = c.venues[-1 - dest]
            dev, new, sim, own_ip = self.ctx(payer, t)
            if device is not None:
                new = (payer, device) not in self.seen
                self.seen.add((payer, device))
                dev = device
            self.rows.add(
                time=t, payer=payer, ptype=ptype, payee=payee, payee_acct=-1, payee_bank=-1,
                country=country, amount=amount, channel="app", device=dev,
                ip=own_ip if ip is None else ip, new_device=new, sim_changed=sim,
                scenario=c.typology, role="mule",
            )  # fmt: skip

    # --- hard negatives: legitimate accounts that look like drops
    def traders(self, n: int) -> None:
        """Individual entrepreneurs: many small P2P payments from strangers, a few suppliers."""
        rng, pop = self.rng, self.pop
        for p in self._take(n, 22, 65):
            self.hard[p] = "small_trader"
            k = int(rng.poisson(self.days * rng.uniform(1.0, 3.5)))
            if not k:
                continue
            payer = np.array([self._neighbour(p) if rng.random() < 0.7 else
                              int(rng.integers(0, self.P)) for _ in range(k)])  # fmt: skip
            payer[payer == p] = (p + 1) % self.P
            t = np.sort(pop.start_us + rng.integers(0, self.days, k) * US_PER_DAY
                        + (rng.uniform(9, 22, k) * US_PER_H).astype(np.int64))  # fmt: skip
            dev, new, sim, ip = person_context(rng, pop, payer, t, np.zeros(k, dtype=bool))
            price = rng.lognormal(np.log(6000), 0.8, k)
            amount = np.maximum(price // 100 * 100, 500).astype(np.int64) * TENGE
            by_phone = rng.random(k) < 0.6
            for i in range(k):
                via = "phone" if by_phone[i] else "card"
                self.rows.add(
                    time=int(t[i]), payer=int(payer[i]), ptype=via, payee=self.payee(p, via),
                    payee_acct=p, payee_bank=int(self.bank[p]), country="KZ",
                    amount=int(amount[i]), channel="p2p_phone" if by_phone[i] else "app",
                    device=int(dev[i]), ip=int(ip[i]), new_device=bool(new[i]),
                    sim_changed=bool(sim[i]),
                )  # fmt: skip
            suppliers = rng.choice(pop.companies, int(rng.integers(2, 5)), replace=True)
            paid_until, day = 0, int(rng.integers(3, 9))
            while day < self.days:
                ts = pop.start_us + day * US_PER_DAY + int(rng.uniform(10, 19) * US_PER_H)
                takings = int(amount[(t < ts)][paid_until:].sum())
                paid_until = int((t < ts).sum())
                if takings >= 20_000 * TENGE:
                    s = int(suppliers[rng.integers(0, len(suppliers))])
                    self.transfer(p, s, ts, self._money(takings * rng.uniform(0.5, 0.85)), "iban")
                day += int(rng.integers(4, 10))

    def collections(self, n: int) -> None:
        """One person gathers a fixed sum from 15-30 people in a few days, then pays one seller."""
        rng, pop = self.rng, self.pop
        for p in self._take(n, 25, 65):
            self.hard[p] = "group_collection"
            for _ in range(1 if rng.random() < 0.6 else 2):
                k = int(rng.integers(15, 31))
                fam = pop.family[p, : pop.n_family[p]].tolist()
                people = [int(x) for x in fam] + [self._neighbour(p) for _ in range(k - len(fam))]
                t0 = pop.start_us + int(rng.integers(0, max(self.days - 5, 1))) * US_PER_DAY
                t0 += int(rng.uniform(9, 20) * US_PER_H)
                span = rng.uniform(1, 3) * US_PER_DAY
                each = float(rng.choice([2000, 3000, 5000, 10_000, 15_000, 20_000]))
                total, last = 0, t0
                for q in people:
                    amt = each if rng.random() < 0.7 else each * rng.uniform(0.8, 1.5) // 500 * 500
                    t = self.later(t0 + int(rng.uniform(0, span)), 0)
                    via = "phone" if rng.random() < 0.7 else "card"
                    if q != p and t < pop.end_us:
                        self.transfer(q, p, t, int(amt) * TENGE, via)
                        total, last = total + int(amt) * TENGE, max(last, t)
                t = self.later(last, rng.uniform(2, 96))
                c = int(pop.companies[rng.integers(0, len(pop.companies))])
                if total:
                    self.transfer(p, c, t, self._money(total * rng.uniform(0.8, 1.0)), "iban")

    def own_accounts(self, n: int) -> None:
        """Income lands on a second account at another bank and moves home within minutes."""
        for p in self._take(n, 23, 62):
            a2 = self._new(owner=p)
            self.hard[p] = self.hard[a2] = "own_accounts"
            self.pairs.append((p, a2))

    def own_account_moves(self) -> None:
        rng, pop = self.rng, self.pop
        for p, a2 in self.pairs:
            for _ in range(int(rng.integers(2, 6))):
                t = pop.start_us + int(rng.integers(0, self.days)) * US_PER_DAY
                t += int(rng.uniform(10, 19) * US_PER_H)
                payer = int(pop.employers[rng.integers(0, len(pop.employers))])
                amt = self._money(rng.lognormal(np.log(150_000), 0.6) * TENGE)
                self.transfer(payer, a2, t, amt, "iban")
                back = t + int(rng.uniform(2, 25) * US_PER_MIN)
                self.transfer(a2, p, back, self._money(amt * rng.uniform(0.97, 1.0)), "iban")
            for _ in range(int(rng.integers(0, 3))):  # savings the other way
                t = self.later(pop.start_us + int(rng.integers(0, self.days)) * US_PER_DAY, 14)
                amt = self._money(max(int(pop.income[p]), 100_000 * TENGE) * rng.uniform(0.1, 0.4))
                self.transfer(p, a2, t, amt, "card" if rng.random() < 0.5 else "iban")

    def family_loans(self, n: int) -> None:
        """A lends B a round sum; B pays it back weeks later, sometimes in instalments."""
        rng, pop = self.rng, self.pop
        for a in self._take(n, 25, 75):
            fam = [int(x) for x in pop.family[a, : pop.n_family[a]] if not self.busy[x]]
            if not fam:
                self.busy[a] = False
                continue
            b = fam[int(rng.integers(0, len(fam)))]
            self.busy[b] = True
            self.hard[a] = self.hard[b] = "family_loans"
            for _ in range(1 if rng.random() < 0.7 else 2):
                t = self.later(
                    pop.start_us + int(rng.integers(0, max(int(self.days * 0.6), 1))) * US_PER_DAY,
                    rng.uniform(9, 21),
                )
                amt = max(int(rng.lognormal(np.log(250_000), 0.8)) // 10_000 * 10_000, 20_000)
                self.transfer(a, b, t, amt * TENGE, ("phone", "card", "iban")[int(rng.integers(3))])
                k = int(rng.integers(1, 4))
                share = rng.dirichlet(np.full(k, 4.0)) * amt * (1.0 if rng.random() < 0.7 else 0.9)
                t = self.later(t, rng.uniform(7, 40) * 24)
                for part in share:
                    self.transfer(b, a, t, max(int(part) // 1000 * 1000, 1000) * TENGE, "phone")
                    t = self.later(t, rng.uniform(3, 15) * 24)

    def fresh_spending(self) -> None:
        """Fresh drops top up a phone or buy something now and then, so they are not all silent."""
        rng, pop = self.rng, self.pop
        for j, owner in enumerate(self.owner):
            if owner >= 0:
                continue
            a = self.A + j
            for _ in range(int(rng.poisson(self.days / 5))):
                t = self.later(pop.start_us + int(rng.integers(0, self.days)) * US_PER_DAY,
                               rng.uniform(8, 23))  # fmt: skip
                if t >= pop.end_us:
                    continue
                if rng.random() < 0.4:
                    m = int(pop.billers[rng.integers(0, len(pop.billers))])
                    amt = int(rng.uniform(1000, 5000)) // 100 * 100
                else:
                    m = int(rng.integers(0, pop.n_shop_merchants))
                    amt = int(rng.lognormal(np.log(4000), 0.8)) // 10 * 10 + 100
                acct = int(pop.merchant_acct[m]) if pop.merchant_has_acct[m] else -1
                dev, new, sim, ip = self.ctx(a, t)
                self.rows.add(
                    time=t, payer=a, ptype="merchant", payee=pop.merchant0 + m, payee_acct=acct,
                    payee_bank=int(pop.bank[pop.merchant_acct[m]]), country="KZ",
                    amount=amt * TENGE, channel="qr" if rng.random() < 0.5 else "pos",
                    device=dev, ip=ip, new_device=new, sim_changed=sim,
                )  # fmt: skip


def plan_laundering(
    rng: np.random.Generator, pop: Population, days: int, fraud: Batch
) -> LaunderingPlan:
    """Crews and their typology instances, then the hard negatives; all from ``rng`` alone.

    ``fraud`` is the fraud plan's events: its victims and the drop mules are never recruited.
    Appends to ``pop``'s payee, device and IP tables (after everything already there).
    """
    P = pop.n_persons
    busy = np.zeros(P, dtype=bool)
    busy[pop.mules[pop.mules < P]] = True
    busy[fraud["payer"][fraud["payer"] < P]] = True
    planner = _Planner(rng, pop, days, busy)
    crews = planner.crews()
    planner.own_accounts(max(2, round(P * 0.001)))
    accounts = planner.open_accounts()
    planner.habits(crews)
    for crew in crews:
        for i, t0 in enumerate(sorted(crew.starts)):
            planner.emit(crew, planner.play(crew, t0, full=i == 0))
    planner.traders(max(2, round(P * 0.0022)))
    planner.collections(max(2, round(P * 0.0018)))
    planner.own_account_moves()
    planner.family_loans(max(2, round(P * 0.0015)))
    planner.fresh_spending()
    return LaunderingPlan(planner.rows.batch(), accounts, planner.members, planner.hard)


def with_new_accounts(pop: Population, new: NewAccounts) -> Population:
    """``pop`` with the new accounts appended to its account arrays (for writing only).

    ``n_accounts`` keeps its value: it is the stride of the card and phone payee blocks of the
    drawn accounts; the new accounts' identifiers sit at the end of the payee table.
    """
    n = len(new.iban)
    if not n:
        return pop
    return replace(
        pop,
        iban=np.concatenate([pop.iban, new.iban]),
        card=np.concatenate([pop.card, new.card]),
        phone=np.concatenate([pop.phone, new.phone]),
        iin=np.concatenate([pop.iin, new.iin]),
        region=np.concatenate([pop.region, new.region]),
        bank=np.concatenate([pop.bank, new.bank]),
        kind=np.concatenate([pop.kind, np.full(n, KINDS.index("person"), dtype=pop.kind.dtype)]),
        recruited_us=np.concatenate([pop.recruited_us, np.full(n, -1, dtype=np.int64)]),
    )


def accounts_truth(
    pop: Population, fraud: Batch, plan: LaunderingPlan | None
) -> tuple[pa.Table, dict[str, int]]:
    """One row per account: role, typology, group, fresh, hard negative; and launderers per
    typology. ``pop`` must already hold the plan's new accounts (``with_new_accounts``)."""
    n = len(pop.iban)
    P = pop.n_persons
    rank = np.full(n, ACCOUNT_ROLES.index("normal"), dtype=np.int64)
    typology = np.zeros(n, dtype=np.int64)
    group = np.full(n, -1, dtype=np.int64)

    def claim(a: int, role: str, typ: str, gid: int) -> None:
        r = ACCOUNT_ROLES.index(role)
        if r < rank[a]:
            rank[a], typology[a], group[a] = r, ACCOUNT_TYPOLOGIES.index(typ), gid

    # drop chains: one group per tier-1 mule
    tier1 = pop.mules[pop.mule_tier == 1].tolist()
    tier2 = pop.mules[pop.mule_tier == 2].tolist()
    gid_of = {m: i for i, m in enumerate(tier1)}
    is_mule = np.zeros(n, dtype=bool)
    is_mule[pop.mules] = True
    order = np.argsort(fraud["time"], kind="stable")
    payer, payee = fraud["payer"][order], fraud["payee_acct"][order]
    into_mule = (payee >= 0) & is_mule[np.maximum(payee, 0)]
    first_payer: dict[int, int] = {}
    victims: dict[int, int] = {}
    for src, dst in zip(payer[into_mule].tolist(), payee[into_mule].tolist(), strict=True):
        if src in gid_of:
            first_payer.setdefault(dst, src)
        elif not is_mule[src] and dst in gid_of:
            victims.setdefault(src, gid_of[dst])
    next_gid = len(tier1)
    for m in tier1:
        claim(m, "mule", "drop_chain", gid_of[m])
    for m in tier2:
        if m in first_payer:
            gid = gid_of[first_payer[m]]
        else:
            gid, next_gid = next_gid, next_gid + 1
        claim(m, "cash_out", "drop_chain", gid)
    for v, gid in victims.items():
        claim(v, "victim", "drop_chain", gid)
    fresh = is_mule & (np.arange(n) >= P)
    hard = np.zeros(n, dtype=np.int64)
    if plan is not None:
        for a, (role, typ, crew, is_fresh) in plan.members.items():
            claim(a, role, typ, next_gid + crew)
            fresh[a] |= is_fresh
        for a, kind in plan.hard_negative.items():
            hard[a] = HARD_NEGATIVES.index(kind)
    roles = np.array(ACCOUNT_ROLES)[rank]
    table = pa.table(
        {
            "account_id": pa.array(pop.iban.tolist(), pa.string()),
            "role": pa.array(roles.tolist(), pa.string()),
            "typology": pa.array(np.array(ACCOUNT_TYPOLOGIES)[typology].tolist(), pa.string()),
            "group_id": pa.array(group, pa.int64()),
            "fresh": pa.array(fresh),
            "hard_negative": pa.array(np.array(HARD_NEGATIVES)[hard].tolist(), pa.string()),
        }
    )
    launders = rank <= ACCOUNT_ROLES.index("mule")
    counts = np.bincount(typology[launders], minlength=len(ACCOUNT_TYPOLOGIES))
    per_typology = {t: int(c) for t, c in zip(ACCOUNT_TYPOLOGIES, counts, strict=True)}
    del per_typology["none"]
    return table, per_typology


__all__ = [
    "ACCOUNT_ROLES",
    "ACCOUNT_TYPOLOGIES",
    "HARD_NEGATIVES",
    "LaunderingPlan",
    "NewAccounts",
    "accounts_truth",
    "plan_laundering",
    "with_new_accounts",
]
