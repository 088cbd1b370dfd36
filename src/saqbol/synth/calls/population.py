"""The synthetic operator's world: its SIMs, everybody else's numbers, cells, phones, contacts,
business SIP trunks, SIM-boxes and roaming trips.

Built vectorised from one numpy ``Generator`` (Python loops only over the few boxes and trunks),
so the world is a pure function of the seed and the sizes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import pyarrow as pa
import yaml

from saqbol.detectors.calls.columns import MOBILE_PREFIXES, OWN_OPERATOR
from saqbol.synth.calls import numbers as num
from saqbol.synth.calls.tables import (
    CARRIERS,
    COUNTRIES,
    DID,
    DID_PREFIXES,
    FIXED,
    FOREIGN,
    FRESH,
    IMSI_PREFIX,
    INTL_GATEWAYS,
    KIND,
    KINDS,
    MALFORMED,
    NEVER,
    OP,
    OTHER,
    OTHER_MOBILE_SHARE,
    OWN,
    PORTED_SHARE,
    PROTECTED,
    REGION_CODES,
    REGIONS,
    ROAM_COUNTRIES,
    UNALLOC,
    US_PER_DAY,
    US_PER_H,
    US_PER_S,
)

# Share of the ordinary SIMs by kind (the rest are persons); simbox SIMs come on top.
SIMBOX_SIM_SHARE = 0.0015  # SIM-box SIMs working at any time, per ordinary SIM
KIND_SHARE = {"elderly": 0.09, "business": 0.035, "taxi": 0.008, "call_centre": 0.0015}
# Per kind: outgoing calls/day, incoming from contacts/day, from strangers/day, and the share of
# outgoing calls that go to numbers outside the contact list.
RATES = {
    "person": (2.0, 1.1, 0.12, 0.05),
    "elderly": (1.0, 0.9, 0.10, 0.02),
    "business": (6.0, 3.0, 1.5, 0.30),
    "taxi": (28.0, 4.0, 9.0, 0.60),
    "call_centre": (85.0, 1.0, 14.0, 0.92),
    "simbox": (0.0, 0.0, 0.0, 0.0),
}
# External contacts per kind (1 + Poisson mean) and the sections they fall in.
EXT_CONTACTS = {"person": 3.5, "elderly": 2.0, "business": 8.0, "taxi": 4.0, "call_centre": 2.0}
EXT_SECTIONS = ((OTHER, 0.78), (FIXED, 0.08), (FOREIGN, 0.06), (DID, 0.08))
# Share of SIMs that use mobile data at all.
DATA_SHARE = {
    "person": 0.88, "elderly": 0.0, "business": 0.95, "taxi": 1.0, "call_centre": 0.6,
    "simbox": 0.0,
}  # fmt: skip
# Domestic operators reaching the own network over interconnect (KAZAKHTELECOM is own_fixed).
IC_OPS = ("BEELINE", "TELE2", "TRANSTELECOM")
SIP_CALLS_PER_SUB = 0.12  # business SIP trunks' calls per day to each ordinary subscriber
TRUNK_CATEGORIES = ("bank", "delivery", "clinic", "retail", "outsourcing", "dispatch", "utility")
N_PHONE_TACS = 160
N_GATEWAY_TACS = 4


@dataclass
class Book:
    """Every number a call can carry, as one Arrow string table plus per-number attributes."""

    numbers: pa.StringArray
    section: np.ndarray  # int8 section code
    op: np.ndarray  # int16 index into KZ_OPERATORS (current operator), -1 if none
    region: np.ndarray  # int8 index into REGION_CODES, -1 if none
    country: np.ndarray  # int16 index into COUNTRY_CODES, -1 if not foreign
    trunk: np.ndarray  # int32 SIP trunk of a DID, -1 otherwise
    lo: dict[int, int]
    hi: dict[int, int]
    protected: dict[str, np.ndarray]  # kind -> book indices of protected numbers

    def span(self, section: int) -> tuple[int, int]:
        return self.lo[section], self.hi[section]

    def draw(self, rng: np.random.Generator, section: int, n: int) -> np.ndarray:
        lo, hi = self.span(section)
        return rng.integers(lo, hi, n)


@dataclass
class Trunks:
    """Business customers' SIP trunks: each presents numbers from its own block of DIDs."""

    gateway: np.ndarray  # gateway-table index
    did_lo: np.ndarray  # book index of the first DID
    did_n: np.ndarray
    category: np.ndarray
    name: list[str]
    volume: np.ndarray  # outgoing calls per day
    national: np.ndarray  # presents its numbers in national form (8 7xx ...)
    compromised: np.ndarray  # also carries spoofed calls


@dataclass
class Boxes:
    """SIM-boxes: a box holds ``size`` slots; each slot's SIM is replaced every few days."""

    from_day: np.ndarray  # first and last+1 active day relative to the period (may be < 0)
    to_day: np.ndarray
    region: np.ndarray
    cells: np.ndarray  # (n, 2) cell indices; equal when the box sees one cell
    module_lo: np.ndarray  # IMEI-table index of the box's first GSM module
    module_n: np.ndarray  # its modules (consecutive IMEIs); each serves several SIMs
    rotating: np.ndarray  # SIMs move to the next module every day
    rate_h: np.ndarray  # calls per SIM per hour of a burst
    # per simbox SIM (own SIM index - first simbox SIM)
    sim_box: np.ndarray
    sim_slot: np.ndarray
    sim_from_day: np.ndarray
    sim_to_day: np.ndarray


@dataclass
class Trips:
    """Roaming records, sorted by (number, from); at most two per number, never overlapping."""

    num: np.ndarray  # book index of the msisdn (OWN or OTHER)
    from_us: np.ndarray
    to_us: np.ndarray
    carrier: np.ndarray  # CARRIERS index of the visited network
    home: np.ndarray  # own SIM the traveller calls home to
    answered: np.ndarray  # the operator's exchange answers a roaming query for it

    def covering(self, numbers: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Index of the record that covers each (number, time), inclusive at both ends; -1."""
        out = np.full(len(numbers), -1, dtype=np.int64)
        if len(self.num) == 0 or len(numbers) == 0:
            return out
        i = np.searchsorted(self.num, numbers, "left")
        for k in (0, 1):
            j = np.minimum(i + k, len(self.num) - 1)
            hit = (
                (i + k < len(self.num))
                & (self.num[j] == numbers)
                & (self.from_us[j] <= t)
                & (t <= self.to_us[j])
            )
            out = np.where(hit & (out < 0), j, out)
        return out


@dataclass
class Population:
    """Everything a day of traffic is drawn from; own SIM i is book number i."""

    n_sims: int
    n_ordinary: int  # SIMs below this index are ordinary subscribers; simbox SIMs follow
    start_us: int
    days: int
    book: Book
    kind: np.ndarray
    region: np.ndarray
    activated_us: np.ndarray
    deactivated_us: np.ndarray
    cells: np.ndarray  # (n_sims, 4): home, work, two other places
    imei1: np.ndarray
    imei2: np.ndarray
    imei_change_us: np.ndarray
    lam_out: np.ndarray
    lam_in: np.ndarray
    lam_stranger: np.ndarray
    p_random_out: np.ndarray
    has_data: np.ndarray  # uses mobile data at all (smartphone and a data plan)
    c_start: np.ndarray  # contacts CSR: own contacts [c_start, c_ext), external [c_ext, next)
    c_ext: np.ndarray
    c_num: np.ndarray
    imsi: pa.StringArray
    imei_table: pa.StringArray
    cell_table: pa.StringArray
    region_cell_lo: np.ndarray
    region_cell_n: np.ndarray
    gateways: pa.StringArray
    ic0: int  # IC-<op>-<region> gateways start here, op-major over IC_OPS
    fx0: int  # FX-<region>
    sip0: int  # SIP-<trunk>
    carrier_gw: np.ndarray  # (n_carriers, 2) international gateways each carrier uses
    trunks: Trunks
    boxes: Boxes
    trips: Trips


def load_protected() -> list[dict[str, str]]:
    """The protected-numbers list shipped in ``saqbol/rules``."""
    # read as a plain package file: importing saqbol.rules would pull in every detector
    text = (resources.files("saqbol") / "rules" / "protected_numbers.yaml").read_text("utf-8")
    return list(yaml.safe_load(text)["numbers"])


def _weights(values: list[float] | np.ndarray) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def _unique_national(
    rng: np.random.Generator, codes: list[str], which: np.ndarray, taken: np.ndarray
) -> np.ndarray:
    """National numbers with the given codes, distinct and not in ``taken``; redraws keep codes."""
    out = num.kz_national(rng, codes, which)
    while True:
        _, first = np.unique(out, return_index=True)
        bad = np.ones(len(out), dtype=bool)
        bad[first] = False
        bad |= np.isin(out, taken)
        if not bad.any():
            return out
        idx = np.flatnonzero(bad)
        out[idx] = num.kz_national(rng, codes, which[idx])


def _mobile_codes(rng: np.random.Generator, ops: np.ndarray) -> tuple[list[str], np.ndarray]:
    """A mobile code per number: its operator's range, or another's if the number was ported."""
    codes = [c for v in MOBILE_PREFIXES.values() for c in v]
    code_op = np.array([OP[o] for o, v in MOBILE_PREFIXES.items() for _ in v])
    which = np.empty(len(ops), dtype=np.int64)
    ported = rng.random(len(ops)) < PORTED_SHARE
    for o in np.unique(ops):
        rows = np.flatnonzero(ops == o)
        mine = np.flatnonzero(code_op == o)
        others = np.flatnonzero(code_op != o)
        which[rows] = np.where(
            ported[rows],
            others[rng.integers(0, len(others), len(rows))],
            mine[rng.integers(0, len(mine), len(rows))],
        )
    return codes, which


def build_population(
    rng: np.random.Generator, subscribers: int, days: int, start_us: int
) -> Population:
    """The world around ``subscribers`` ordinary SIMs of the own operator."""
    P = subscribers
    region_w = _weights([v[0] for v in REGIONS.values()])
    sims = _ordinary_sims(rng, P, days, start_us, region_w)
    boxes = _plan_boxes(rng, P, days, region_w)
    S = P + len(boxes.sim_box)
    sims.kind = np.concatenate([sims.kind, np.full(S - P, KIND["simbox"], dtype=np.int8)])
    sims.region = np.concatenate([sims.region, boxes.region[boxes.sim_box]])
    act = start_us + boxes.sim_from_day * US_PER_DAY - rng.integers(0, 3 * US_PER_DAY, S - P)
    sims.activated = np.concatenate([sims.activated, act // US_PER_S * US_PER_S])
    sims.deactivated = np.full(S, NEVER, dtype=np.int64)
    sims.deactivated[P:] = start_us + boxes.sim_to_day * US_PER_DAY

    cells = _Cells(rng, max(4 * len(REGION_CODES), P // 40), region_w)
    place = _places(rng, sims, boxes, cells, region_w)
    phones = _phones(rng, sims, boxes, days, start_us)
    trunks_spec = _plan_trunks(rng, P)
    book = _book(rng, sims, trunks_spec, region_w)
    gateways, ic0, fx0, sip0 = _gateways(trunks_spec["n"])
    first = rng.integers(0, len(INTL_GATEWAYS), len(CARRIERS))
    carrier_gw = np.stack(
        [first, (first + 1 + rng.integers(0, 3, len(CARRIERS))) % len(INTL_GATEWAYS)], axis=1
    )
    did_trunk = book.trunk[book.lo[DID] : book.hi[DID]]
    n_trunks = trunks_spec["n"]
    trunks = Trunks(
        gateway=sip0 + np.arange(n_trunks),
        did_lo=book.lo[DID] + np.searchsorted(did_trunk, np.arange(n_trunks)),
        did_n=np.bincount(did_trunk, minlength=n_trunks),
        category=trunks_spec["category"],
        name=trunks_spec["name"],
        volume=trunks_spec["weight"] * SIP_CALLS_PER_SUB * P,
        national=trunks_spec["national"],
        compromised=trunks_spec["compromised"],
    )

    # behaviour: call rates by kind with personal noise, who uses data at all
    kind = sims.kind
    rates = np.array([RATES[k] for k in KINDS])
    noise = rng.gamma(1.6, 1 / 1.6, S)
    lam_out = rates[kind, 0] * np.where(kind == KIND["person"], noise, np.sqrt(noise))
    lam_in = rates[kind, 1] * np.sqrt(noise)
    lam_stranger = rates[kind, 2] * rng.gamma(2.0, 0.5, S)
    has_data = rng.random(S) < np.array([DATA_SHARE[k] for k in KINDS])[kind]
    contacts = _contacts(rng, sims, book, noise[:P], S)
    trips = _plan_trips(rng, P, book, kind, contacts, start_us, start_us + days * US_PER_DAY)
    return Population(
        n_sims=S, n_ordinary=P, start_us=start_us, days=days, book=book, kind=kind,
        region=sims.region, activated_us=sims.activated, deactivated_us=sims.deactivated,
        cells=place, imei1=phones[0], imei2=phones[1], imei_change_us=phones[2],
        lam_out=lam_out, lam_in=lam_in, lam_stranger=lam_stranger, p_random_out=rates[kind, 3],
        has_data=has_data, c_start=contacts.start, c_ext=contacts.ext, c_num=contacts.contact,
        imsi=num.fixed_strings("", num.imsis(rng, S, IMSI_PREFIX), 15), imei_table=phones[3],
        cell_table=cells.table, region_cell_lo=cells.region_lo, region_cell_n=cells.region_n,
        gateways=gateways, ic0=ic0, fx0=fx0, sip0=sip0, carrier_gw=carrier_gw, trunks=trunks,
        boxes=boxes, trips=trips,
    )  # fmt: skip


@dataclass
class _Sims:
    kind: np.ndarray
    region: np.ndarray
    activated: np.ndarray
    deactivated: np.ndarray


def _ordinary_sims(
    rng: np.random.Generator, P: int, days: int, start_us: int, region_w: np.ndarray
) -> _Sims:
    """Kind, region and activation time of the ordinary SIMs; a few are new in the period."""
    kind = np.full(P, KIND["person"], dtype=np.int8)
    u = rng.random(P)
    lo = 0.0
    for k, share in KIND_SHARE.items():
        kind[(u >= lo) & (u < lo + share)] = KIND[k]
        lo += share
    region = rng.choice(len(REGION_CODES), P, p=region_w).astype(np.int8)
    activated = start_us - (rng.uniform(30, 8 * 365, P) * US_PER_DAY).astype(np.int64)
    new = rng.random(P) < 0.03
    activated[new] = start_us + rng.integers(0, days * US_PER_DAY, int(new.sum()))
    return _Sims(kind, region, activated // US_PER_S * US_PER_S, np.empty(0, dtype=np.int64))


class _Cells:
    """Cells grouped by region (big regions have more), named like ``401-02-<LAC>-<CI>``."""

    def __init__(self, rng: np.random.Generator, n: int, region_w: np.ndarray) -> None:
        R = len(REGION_CODES)
        self.rng = rng
        region = np.sort(
            np.concatenate([np.repeat(np.arange(R), 2), rng.choice(R, n - 2 * R, p=region_w)])
        )
        self.region_lo = np.searchsorted(region, np.arange(R)).astype(np.int64)
        self.region_n = np.bincount(region, minlength=R).astype(np.int64)
        lac = 10_000 + region * 100 + np.arange(n) % 37
        ci = rng.permutation(n) + 10_000
        self.table = pa.array(
            [f"401-02-{a}-{c}" for a, c in zip(lac.tolist(), ci.tolist(), strict=True)]
        )

    def draw(self, region: np.ndarray) -> np.ndarray:
        """A random cell in each given region."""
        reg = region.astype(np.int64)
        u = self.rng.random(len(reg))
        return self.region_lo[reg] + (u * self.region_n[reg]).astype(np.int64)


def _places(
    rng: np.random.Generator, sims: _Sims, boxes: Boxes, cells: _Cells, region_w: np.ndarray
) -> np.ndarray:
    """(n_sims, 4) cells: home, work, two other places; boxes sit in one or two cells."""
    S = len(sims.kind)
    P = S - len(boxes.sim_box)
    region = sims.region[:P]
    kind = sims.kind[:P]
    place = np.empty((S, 4), dtype=np.int32)
    place[:P, 0] = cells.draw(region)
    place[:P, 1] = np.where(rng.random(P) < 0.7, cells.draw(region), place[:P, 0])
    place[:P, 2] = cells.draw(region)
    far = rng.choice(len(REGION_CODES), P, p=region_w)  # the dacha, the parents' town
    place[:P, 3] = np.where(rng.random(P) < 0.15, cells.draw(far), cells.draw(region))
    elderly = kind == KIND["elderly"]
    place[:P, 1][elderly] = place[:P, 0][elderly]
    # call-centre SIMs sit in offices of 10-30 SIMs that share one cell
    cc = np.flatnonzero(kind == KIND["call_centre"])
    office = np.cumsum(rng.random(len(cc)) < 1 / 18)
    office_region = rng.choice(len(REGION_CODES), int(office.max(initial=0)) + 1, p=region_w)
    place[cc, 1] = cells.draw(office_region)[office]
    boxes.cells[:, 0] = cells.draw(boxes.region)
    second = cells.draw(boxes.region)
    boxes.cells[:, 1] = np.where(rng.random(len(second)) < 0.5, boxes.cells[:, 0], second)
    b = boxes.sim_box
    place[P:] = boxes.cells[b][:, [0, 1, 0, 1]]
    return place


def _phones(
    rng: np.random.Generator, sims: _Sims, boxes: Boxes, days: int, start_us: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.StringArray]:
    """IMEI before and after a phone change, the change time, and the IMEI table.

    Persons' phones come from popular TACs; a few change phone in the period and a few share
    one handset between two SIMs. Each box's GSM modules get consecutive IMEIs, with TACs of
    gateway hardware or, to hide, of ordinary phones.
    """
    S = len(sims.kind)
    P = S - len(boxes.sim_box)
    phone_tacs = np.where(rng.random(N_PHONE_TACS) < 0.7, 35_000_000, 86_000_000)
    phone_tacs = phone_tacs + rng.integers(0, 1_000_000, N_PHONE_TACS)
    tac_w = _weights(1.0 / np.arange(1, N_PHONE_TACS + 1) ** 0.9)
    gateway_tacs = 86_000_000 + rng.integers(0, 1_000_000, N_GATEWAY_TACS)
    n_modules = int(boxes.module_n.sum())
    box_of_module = np.repeat(np.arange(len(boxes.module_n)), boxes.module_n)
    hardware = (rng.random(len(boxes.module_n)) < 0.6)[box_of_module]
    module_tac = np.where(
        hardware,
        gateway_tacs[rng.integers(0, N_GATEWAY_TACS, n_modules)],
        phone_tacs[rng.choice(N_PHONE_TACS, n_modules, p=tac_w)],
    )
    changers = np.flatnonzero(
        (rng.random(P) < 0.03 * days / 30) & (sims.kind[:P] != KIND["elderly"])
    )
    tacs = np.concatenate(
        [
            phone_tacs[rng.choice(N_PHONE_TACS, P + len(changers), p=tac_w)],
            module_tac,
        ]
    )
    table = num.fixed_strings("", num.imeis(rng, tacs.astype(np.int64)), 15)
    imei1 = np.empty(S, dtype=np.int32)
    imei1[:P] = np.arange(P)
    shared = np.flatnonzero(rng.random(P) < 0.006)
    imei1[shared] = rng.integers(0, P, len(shared))  # family phone, single-IMEI dual-SIM phone
    boxes.module_lo += P + len(changers)
    box = boxes.sim_box
    imei1[P:] = boxes.module_lo[box] + boxes.sim_slot % boxes.module_n[box]
    imei2 = imei1.copy()
    imei2[changers] = P + np.arange(len(changers))
    change_us = np.full(S, NEVER, dtype=np.int64)
    change_us[changers] = start_us + rng.integers(0, days * US_PER_DAY, len(changers))
    return imei1, imei2, change_us, table


def _book(rng: np.random.Generator, sims: _Sims, trunks_spec: dict, region_w: np.ndarray) -> Book:
    """Every number: own SIMs first (book index == SIM index), then everybody else's."""
    S = len(sims.kind)
    P = int((sims.kind != KIND["simbox"]).sum())
    R = len(REGION_CODES)
    protected = load_protected()
    protected_land = np.array(
        [int(p["number"][2:]) for p in protected if p["number"].startswith("+7")], dtype=np.int64
    )
    other_ops = rng.choice(
        [OP[o] for o in OTHER_MOBILE_SHARE],
        round(1.3 * P),
        p=_weights(list(OTHER_MOBILE_SHARE.values())),
    ).astype(np.int16)
    n_other = len(other_ops)
    own_ops = np.full(S, OP[OWN_OPERATOR], dtype=np.int16)
    fresh_ops = rng.choice([OP[o] for o in MOBILE_PREFIXES], max(400, P // 10)).astype(np.int16)
    codes, which = _mobile_codes(rng, np.concatenate([own_ops, other_ops, fresh_ops]))
    mobiles = _unique_national(rng, codes, which, np.empty(0, dtype=np.int64))
    did_values, did_trunk = _did_blocks(rng, trunks_spec["n"])
    n_fixed = max(400, P // 4)
    fixed_region = rng.choice(R, n_fixed, p=region_w)
    fixed = _unique_national(
        rng,
        [v[1] for v in REGIONS.values()],
        fixed_region,
        np.concatenate([did_values, protected_land]),
    )
    fixed_ops = np.where(rng.random(n_fixed) < 0.85, OP["KAZAKHTELECOM"], OP["TRANSTELECOM"])
    foreign, foreign_country = num.foreign_numbers(rng, max(400, P // 8))
    n_unalloc = max(200, P // 200)
    unalloc = _unique_national(
        rng,
        list(num.UNALLOCATED),
        rng.integers(0, len(num.UNALLOCATED), n_unalloc),
        np.empty(0, dtype=np.int64),
    )
    parts = [
        (OWN, num.fixed_strings("+7", mobiles[:S], 10)),
        (OTHER, num.fixed_strings("+7", mobiles[S : S + n_other], 10)),
        (FIXED, num.fixed_strings("+7", fixed, 10)),
        (DID, num.fixed_strings("+7", did_values, 10)),
        (FOREIGN, foreign),
        (FRESH, num.fixed_strings("+7", mobiles[S + n_other :], 10)),
        (PROTECTED, pa.array([p["number"] for p in protected], pa.string())),
        (UNALLOC, num.fixed_strings("+7", unalloc, 10)),
        (MALFORMED, pa.array(num.malformed(rng, 300), pa.string())),
    ]
    sizes = np.array([len(a) for _, a in parts])
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    lo = {sec: int(bounds[i]) for i, (sec, _) in enumerate(parts)}
    hi = {sec: int(bounds[i + 1]) for i, (sec, _) in enumerate(parts)}
    N = int(bounds[-1])
    section = np.repeat(np.array([sec for sec, _ in parts], dtype=np.int8), sizes)
    op = np.full(N, -1, dtype=np.int16)
    op[lo[OWN] : hi[OWN]] = own_ops
    op[lo[OTHER] : hi[OTHER]] = other_ops
    op[lo[FIXED] : hi[FIXED]] = fixed_ops
    op[lo[FRESH] : hi[FRESH]] = fresh_ops
    region = np.full(N, -1, dtype=np.int8)
    region[: hi[OWN]] = sims.region
    region[lo[OTHER] : hi[OTHER]] = rng.choice(R, n_other, p=region_w)
    region[lo[FIXED] : hi[FIXED]] = fixed_region
    country = np.full(N, -1, dtype=np.int16)
    country[lo[FOREIGN] : hi[FOREIGN]] = foreign_country
    trunk = np.full(N, -1, dtype=np.int32)
    trunk[lo[DID] : hi[DID]] = did_trunk
    prot_kind = np.array([p["kind"] for p in protected])
    return Book(
        numbers=pa.concat_arrays([a for _, a in parts]),
        section=section, op=op, region=region, country=country, trunk=trunk, lo=lo, hi=hi,
        protected={
            k: lo[PROTECTED] + np.flatnonzero(prot_kind == k)
            for k in ("bank", "police", "state", "emergency")
        },
    )  # fmt: skip


def _gateways(n_trunks: int) -> tuple[pa.StringArray, int, int, int]:
    """Gateway names: international, interconnect per operator and region, fixed, SIP."""
    names = list(INTL_GATEWAYS)
    ic0 = len(names)
    names += [f"IC-{o}-{r}" for o in IC_OPS for r in REGION_CODES]
    fx0 = len(names)
    names += [f"FX-{r}" for r in REGION_CODES]
    sip0 = len(names)
    names += [f"SIP-{i:05d}" for i in range(n_trunks)]
    return pa.array(names, pa.string()), ic0, fx0, sip0


@dataclass
class _Contacts:
    """Contact lists as CSR: own contacts of SIM i are contact[start[i]:ext[i]], external ones
    contact[ext[i]:start[i + 1]]; ``owner`` and ``is_ext`` are per entry."""

    start: np.ndarray
    ext: np.ndarray
    contact: np.ndarray
    owner: np.ndarray
    is_ext: np.ndarray


def _contacts(
    rng: np.random.Generator, sims: _Sims, book: Book, sociability: np.ndarray, S: int
) -> _Contacts:
    """Symmetric own-own pairs, mostly inside one region, plus numbers on other networks."""
    P = len(sociability)
    R = len(REGION_CODES)
    kind, region = sims.kind[:P], sims.region[:P].astype(np.int64)
    social = _weights(np.where(kind == KIND["call_centre"], 0.3, 1.0) * np.sqrt(sociability))
    n_pairs = round(2.2 * P)
    ua = rng.choice(P, n_pairs, p=social)
    order = np.argsort(region, kind="stable")
    rstart = np.searchsorted(region[order], np.arange(R))
    rcount = np.bincount(region, minlength=R)
    pos = rstart[region[ua]] + (rng.random(n_pairs) * rcount[region[ua]]).astype(np.int64)
    same = order[np.minimum(pos, P - 1)]
    ub = np.where(rng.random(n_pairs) < 0.75, same, rng.choice(P, n_pairs, p=social))
    keep = ua != ub
    ua, ub = ua[keep], ub[keep]
    ext_mean = np.array([EXT_CONTACTS.get(k, 0.0) for k in KINDS])[kind]
    ext_u = np.repeat(np.arange(P), 1 + rng.poisson(ext_mean))
    sec_draw = rng.choice(len(EXT_SECTIONS), len(ext_u), p=_weights([w for _, w in EXT_SECTIONS]))
    ext_num = np.empty(len(ext_u), dtype=np.int64)
    for k, (sec, _) in enumerate(EXT_SECTIONS):
        rows = np.flatnonzero(sec_draw == k)
        ext_num[rows] = book.draw(rng, sec, len(rows))
    owner = np.concatenate([ua, ub, ext_u])
    contact = np.concatenate([ub, ua, ext_num])
    is_ext = np.concatenate([np.zeros(2 * len(ua), bool), np.ones(len(ext_u), bool)])
    # group by owner, own contacts first, shuffled inside (the first ones become favourites)
    perm = rng.permutation(len(owner))
    srt = perm[np.argsort((owner * 2 + is_ext)[perm], kind="stable")]
    owner, contact, is_ext = owner[srt], contact[srt], is_ext[srt]
    start = np.zeros(S + 1, dtype=np.int64)
    start[1 : P + 1] = np.cumsum(np.bincount(owner, minlength=P))
    start[P + 1 :] = start[P]
    ext = start[:-1].copy()
    ext[:P] += np.bincount(owner[~is_ext], minlength=P)
    return _Contacts(start, ext, contact, owner, is_ext)


def _plan_boxes(rng: np.random.Generator, P: int, days: int, region_w: np.ndarray) -> Boxes:
    """Boxes running at the start plus boxes appearing later, and each slot's chain of SIMs:
    a SIM works a few days, then a fresh one (activated days before) takes its slot."""
    concurrent = max(2, round(P * SIMBOX_SIM_SHARE / 24))
    later = int(rng.poisson(concurrent * days / 15))
    n = concurrent + later
    from_day = np.concatenate(
        [rng.integers(-20, 1, concurrent), rng.integers(1, max(days, 2), later)]
    )
    to_day = from_day + 5 + rng.geometric(1 / 25, n)
    to_day[:concurrent] = np.maximum(to_day[:concurrent], 3)  # running boxes live into the period
    size = np.exp(rng.uniform(np.log(8), np.log(64.99), n)).astype(np.int64)
    rotating = rng.random(n) < 0.4
    per_module = rng.choice([4, 8, 16, 32], n)
    n_mod = np.where(rotating, rng.integers(2, 5, n), np.ceil(size / per_module)).astype(np.int64)
    n_mod = np.clip(n_mod, 1, size)
    # Almaty, Shymkent and Astana host most boxes
    city_w = region_w.copy()
    for code, boost in (("ALA", 4.0), ("SHY", 2.5), ("AST", 2.0)):
        city_w[REGION_CODES.index(code)] *= boost
    region = rng.choice(len(REGION_CODES), n, p=city_w / city_w.sum()).astype(np.int8)
    sims: list[tuple[int, int, int, int]] = []
    for i in range(n):
        end = min(int(to_day[i]), days)
        for slot in range(int(size[i])):
            d = int(from_day[i]) - int(rng.integers(0, 3))
            while d < end:
                life = 1 + int(rng.geometric(1 / 6))
                lo, hi = max(d, int(from_day[i]), 0), min(d + life, end)
                if lo < hi:
                    sims.append((i, slot, lo, hi))
                d += life + int(rng.random() < 0.3)
    cols = np.array(sims, dtype=np.int64).reshape(-1, 4)
    return Boxes(
        from_day=from_day, to_day=to_day, region=region, cells=np.zeros((n, 2), dtype=np.int64),
        module_lo=np.concatenate([[0], np.cumsum(n_mod)[:-1]]), module_n=n_mod,
        rotating=rotating, rate_h=rng.uniform(8, 22, n), sim_box=cols[:, 0], sim_slot=cols[:, 1],
        sim_from_day=cols[:, 2], sim_to_day=cols[:, 3],
    )  # fmt: skip


def _plan_trunks(rng: np.random.Generator, P: int) -> dict:
    n = max(6, P // 2000)
    category = rng.choice(len(TRUNK_CATEGORIES), n)
    category[:2] = [TRUNK_CATEGORIES.index("bank"), TRUNK_CATEGORIES.index("outsourcing")]
    weight = rng.lognormal(0.0, 1.0, n)
    compromised = np.zeros(n, dtype=bool)
    candidates = np.flatnonzero(category != TRUNK_CATEGORIES.index("bank"))
    compromised[rng.choice(candidates, min(len(candidates), 1 + n // 40), replace=False)] = True
    name = [f"{TRUNK_CATEGORIES[c].upper()}-{i:03d}" for i, c in enumerate(category.tolist())]
    return {
        "n": n,
        "category": category,
        "name": name,
        "weight": weight / weight.sum(),
        "national": rng.random(n) < 0.08,
        "compromised": compromised,
    }


def _did_blocks(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each trunk's block of 10-100 consecutive numbers inside a business range, disjoint."""
    size = np.exp(rng.uniform(np.log(10), np.log(100), n)).astype(np.int64)
    code = np.array([int(c) for c in DID_PREFIXES])[rng.integers(0, len(DID_PREFIXES), n)]
    base = num.unique_draw(lambda m: rng.integers(0, 10_000, m), n) * 100
    start = code * 1_000_000 + base
    values = np.concatenate([s + np.arange(k) for s, k in zip(start, size, strict=True)])
    return values, np.repeat(np.arange(n), size).astype(np.int32)


def _plan_trips(
    rng: np.random.Generator,
    P: int,
    book: Book,
    kind: np.ndarray,
    contacts: _Contacts,
    start_us: int,
    end_us: int,
) -> Trips:
    """Roaming trips of own subscribers and of other operators' subscribers in contact lists;
    each traveller rings one own subscriber at home (a contact of theirs)."""
    owner, contact, is_ext = contacts.owner, contacts.contact, contacts.is_ext
    c_start, c_ext = contacts.start, contacts.ext
    days = (end_us - start_us) / US_PER_DAY
    n_own = max(3, round(P * 0.010 * (days + 14) / 30))
    eligible = np.flatnonzero(
        np.isin(kind[:P], [KIND["person"], KIND["business"], KIND["elderly"]])
    )
    own = rng.choice(eligible, min(n_own, len(eligible)), replace=False)
    has_own = c_ext[own] > c_start[own]
    pick = c_start[own] + (rng.random(len(own)) * (c_ext[own] - c_start[own])).astype(np.int64)
    own_home = np.where(
        has_own, contact[np.minimum(pick, len(contact) - 1)], rng.integers(0, P, len(own))
    )
    other_edges = np.flatnonzero(is_ext & (book.section[np.where(is_ext, contact, 0)] == OTHER))
    n_other = round(1.4 * len(own))
    edges = (
        other_edges[rng.integers(0, len(other_edges), n_other)] if len(other_edges) else other_edges
    )
    # every other mobile operator has travellers, however small the world
    edge_op = book.op[contact[other_edges]]
    for o in (OP[k] for k in OTHER_MOBILE_SHARE):
        mine = other_edges[edge_op == o]
        if len(mine) and not (book.op[contact[edges]] == o).any():
            edges = np.append(edges, mine[rng.integers(0, len(mine))])
    other_num, first = np.unique(contact[edges], return_index=True)
    other_home = owner[edges][first]
    nums = np.concatenate([own, other_num])
    home = np.concatenate([own_home, other_home])
    n = len(nums)
    span = end_us - start_us + 14 * US_PER_DAY
    t0 = start_us - 14 * US_PER_DAY + (rng.random(n) * span).astype(np.int64)
    dur = np.clip(rng.lognormal(np.log(5 * US_PER_DAY), 0.7, n), 4 * US_PER_H, 45 * US_PER_DAY)
    t1 = t0 + dur.astype(np.int64)
    # some travel twice: a second trip after a gap of one to five days
    again = np.flatnonzero(rng.random(n) < 0.08)
    g0 = t1[again] + rng.integers(US_PER_DAY, 5 * US_PER_DAY, len(again))
    g1 = g0 + np.clip(
        rng.lognormal(np.log(4 * US_PER_DAY), 0.6, len(again)), 4 * US_PER_H, 30 * US_PER_DAY
    ).astype(np.int64)
    nums = np.concatenate([nums, nums[again]])
    home = np.concatenate([home, home[again]])
    t0 = np.concatenate([t0, g0]) // US_PER_S * US_PER_S
    t1 = np.concatenate([t1, g1]) // US_PER_S * US_PER_S
    m = len(nums)
    countries = list(ROAM_COUNTRIES)
    visited = rng.choice(len(countries), m, p=_weights(list(ROAM_COUNTRIES.values())))
    carrier = np.empty(m, dtype=np.int64)
    for c, code in enumerate(countries):
        rows = np.flatnonzero(visited == c)
        names = COUNTRIES[code][1]
        carrier[rows] = [CARRIERS.index(names[k]) for k in rng.integers(0, len(names), len(rows))]
    foreign_op = book.section[nums] != OWN
    answered = ~(foreign_op & (rng.random(m) < 0.06))
    if foreign_op.any() and answered.all():  # however small the world, one exchange is silent
        answered[rng.choice(np.flatnonzero(foreign_op))] = False
    order = np.lexsort((t0, nums))
    return Trips(
        num=nums[order], from_us=t0[order], to_us=t1[order], carrier=carrier[order],
        home=home[order], answered=answered[order],
    )  # fmt: skip
