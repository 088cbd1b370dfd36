"""The fraud scenarios: victims, fraudsters and mules, planned once for the whole period.

Fraud is rare (a few thousand events even at 10 million payments), so it is planned row by row
in readable Python and merged into the daily stream later. Signals are deliberately noisy: not
every victim is on a call, not every fraudster uses a new device.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from stdnum.iso7064 import mod_97_10

from saqbol.synth.payments import ids
from saqbol.synth.payments.normal import person_context
from saqbol.synth.payments.population import FOREIGN_POOL, MOBILE_POOL, Population
from saqbol.synth.payments.tables import (
    EXCHANGES,
    FRAUD_EXCHANGES,
    ONLINE_LENDERS,
    TENGE,
    US_PER_DAY,
    US_PER_H,
    Batch,
    EventRows,
)

VICTIMS_PER_PERSON_MONTH = 1 / 90
SHARES = {
    "safe_account": 0.20,
    "sms_code_1414": 0.16,
    "investment": 0.14,
    "prepayment": 0.28,
    "relative_in_trouble": 0.22,
}
# Foreign IBAN layouts (country, bank part, number of account digits) for "brokers" abroad.
FOREIGN_IBAN = (("GB", "NWBK", 14), ("GE", "TB", 16), ("TR", "000610", 16), ("AE", "033", 16))
FOREIGN_CARD_PREFIXES = ("220220", "536829", "979200", "860031", "427601")
LOAN = tuple[int, int, str, int, bool]  # time, borrower account, lender, amount, online


@dataclass(frozen=True)
class Report:
    """A victim's complaint naming the identifier they paid."""

    reported_us: int
    kind: str
    value: str
    scenario: str


@dataclass
class FraudPlan:
    events: Batch
    reports: list[Report]
    victims: int
    loans: list[LOAN] = field(default_factory=list)


def _round(amount: float, step_tenge: int) -> int:
    step = step_tenge * TENGE
    return max(int(amount) // step * step, step)


class Planner:
    """Builds every scenario's events into one ``EventRows``."""

    def __init__(self, rng: np.random.Generator, pop: Population, loans: list[LOAN]) -> None:
        self.rng, self.pop, self.loans = rng, pop, loans
        self.rows = EventRows()
        self.mule_in: list[tuple[int, int, int]] = []  # (time, mule, amount) received
        self.victim_paid: list[tuple[int, int, str, int, str]] = []  # time, victim, kind, mule, sc
        tier = pop.mule_tier
        self.tier1, self.tier2 = pop.mules[tier == 1], pop.mules[tier == 2]
        self.until1, self.until2 = pop.mule_until_us[tier == 1], pop.mule_until_us[tier == 2]
        n_dev = 40 + pop.n_persons // 200
        self.fraud_dev0 = pop.devices.add(ids.hex_ids(rng, "and", n_dev))
        self.n_fraud_dev = n_dev
        self.foreign_cards0 = pop.payees.add(ids.cards(rng, 80, FOREIGN_CARD_PREFIXES))
        self.foreign_ibans0 = pop.payees.add(self._foreign_ibans(40))
        self.seen: set[tuple[int, int]] = set()

    # --- helpers
    def _foreign_ibans(self, n: int) -> list[str]:
        out = []
        for i in range(n):
            country, bank, k = FOREIGN_IBAN[i % len(FOREIGN_IBAN)]
            bban = bank + "".join(str(d) for d in self.rng.integers(0, 10, k))
            out.append(country + mod_97_10.calc_check_digits(bban + country) + bban)
        return out

    def _foreign_country(self, i: int) -> str:
        return FOREIGN_IBAN[i % len(FOREIGN_IBAN)][0]

    def pick_mule(self, t: int, tier: int = 1) -> int:
        mules, until = (self.tier1, self.until1) if tier == 1 else (self.tier2, self.until2)
        rec = self.pop.recruited_us[mules]
        ok = np.flatnonzero((rec <= t) & (until >= t))
        if not len(ok):
            ok = np.flatnonzero(rec <= t)
        if not len(ok):
            ok = np.array([int(np.argmin(rec))])
        return int(mules[ok[self.rng.integers(0, len(ok))]])

    def ctx(self, p: int, t: int) -> tuple[int, bool, bool, int]:
        dev, new, sim, ip = person_context(
            self.rng, self.pop, np.array([p]), np.array([t]), np.array([False])
        )
        return int(dev[0]), bool(new[0]), bool(sim[0]), int(ip[0])

    def to_mule(
        self, *, payer: int, t: int, amount: int, mule: int, via: str, scenario: str, role: str,
        device: int, ip: int, new_device: bool = False, sim_changed: bool = False,
        on_call: bool = False, remote: bool = False,
    ) -> None:  # fmt: skip
        """A payment into a mule's card, phone or IBAN (payee_account is the mule's IBAN)."""
        pop = self.pop
        payee = {"iban": mule, "card": pop.n_accounts + mule, "phone": 2 * pop.n_accounts + mule}
        if t >= pop.end_us:
            return
        self.rows.add(
            time=t, payer=payer, ptype=via, payee=payee[via], payee_acct=mule,
            payee_bank=int(pop.bank[mule]), country="KZ", amount=amount,
            channel="p2p_phone" if via == "phone" else "app", device=device, ip=ip,
            remote=remote, on_call=on_call, new_device=new_device, sim_changed=sim_changed,
            scenario=scenario, role=role,
        )  # fmt: skip
        self.mule_in.append((t, mule, amount))
        if role != "mule" and payer < pop.n_persons:
            self.victim_paid.append((t, payer, via, mule, scenario))

    def loan(self, t: int, p: int, amount: int, lenders: tuple[str, ...]) -> str:
        lender = lenders[self.rng.integers(0, len(lenders))]
        self.loans.append((t, p, lender, amount, True))
        return lender

    def victim_payment(
        self, p: int, t: int, amount: int, scenario: str, *, via: str, mule: int,
        on_call: bool, remote: bool,
    ) -> None:  # fmt: skip
        dev, new, sim, ip = self.ctx(p, t)
        self.to_mule(
            payer=p, t=t, amount=amount, mule=mule, via=via, scenario=scenario, role="victim",
            device=dev, ip=ip, new_device=new, sim_changed=sim, on_call=on_call, remote=remote,
        )  # fmt: skip

    # --- scenarios
    def safe_account(self, p: int, t0: int) -> None:
        rng, pop = self.rng, self.pop
        total = pop.savings[p] * rng.uniform(0.6, 0.95)
        t_first = t0 + int(rng.uniform(0.3, 1.0) * US_PER_H)
        if rng.random() < 0.3:
            lenders = list(rng.choice(ONLINE_LENDERS, int(rng.integers(1, 3)), replace=False))
            for i, lender in enumerate(lenders):
                amount = _round(rng.uniform(300_000, 2_000_000) * TENGE, 10_000)
                self.loan(t0 + int((0.1 + 0.2 * i) * US_PER_H), p, amount, (str(lender),))
                total += amount * rng.uniform(0.85, 0.98)
        k = int(rng.integers(1, 5))
        parts = rng.dirichlet(np.full(k, 2.0)) * total
        times = np.sort(t_first + (rng.uniform(0, 3.5, k) * US_PER_H).astype(np.int64))
        mules = [self.pick_mule(t0) for _ in range(1 if rng.random() < 0.6 else 2)]
        for i in range(k):
            self.victim_payment(
                p, int(times[i]), _round(parts[i], 1000), "safe_account",
                via="card" if rng.random() < 0.55 else "iban", mule=mules[i % len(mules)],
                on_call=bool(rng.random() < 0.7), remote=bool(rng.random() < 0.3),
            )  # fmt: skip

    def sms_code_1414(self, p: int, t0: int) -> None:
        rng, pop = self.rng, self.pop
        n = int(rng.integers(2, 6))
        lenders = rng.choice(np.array(ONLINE_LENDERS), n, replace=False)
        t = t0
        total = 0
        for lender in lenders.tolist():
            t += int(rng.uniform(0.05, 0.6) * US_PER_H)
            amount = _round(rng.uniform(100_000, 1_000_000) * TENGE, 10_000)
            self.loan(t, p, amount, (lender,))
            total += amount
        out = total * rng.uniform(0.8, 1.0)
        k = int(rng.integers(2, 7))
        parts = rng.dirichlet(np.full(k, 1.5)) * out
        times = np.sort(t + (rng.uniform(0.1, 4.0, k) * US_PER_H).astype(np.int64))
        new = bool(rng.random() < 0.85)
        device = self.fraud_dev0 + int(rng.integers(0, self.n_fraud_dev)) if new else p
        sim = bool(rng.random() < 0.6)
        foreign = rng.random() < 0.35
        for i in range(k):
            ti = int(times[i])
            ip = int(
                pop.foreign_ip0 + rng.integers(0, FOREIGN_POOL)
                if foreign
                else pop.mobile_ip0 + rng.integers(0, MOBILE_POOL)
            )
            amount = _round(parts[i], 100)
            if rng.random() < 0.55:
                via = ("card", "phone", "iban")[int(rng.integers(0, 3))]
                self.to_mule(
                    payer=p, t=ti, amount=amount, mule=self.pick_mule(ti), via=via,
                    scenario="sms_code_1414", role="fraudster", device=device, ip=ip,
                    new_device=new, sim_changed=sim, remote=bool(rng.random() < 0.1),
                )  # fmt: skip
            else:
                name = "ATAIX" if rng.random() < 0.1 else str(rng.choice(FRAUD_EXCHANGES))
                self._crypto(p, ti, amount, name, "sms_code_1414", "fraudster", device, ip,
                             new_device=new, sim_changed=sim)  # fmt: skip

    def _crypto(
        self, payer: int, t: int, amount: int, name: str, scenario: str, role: str, device: int,
        ip: int, *, new_device: bool = False, sim_changed: bool = False, remote: bool = False,
        on_call: bool = False,
    ) -> None:  # fmt: skip
        if t >= self.pop.end_us:
            return
        self.rows.add(
            time=t, payer=payer, ptype="crypto", payee=self.pop.exchange(name), payee_acct=-1,
            payee_bank=-1, country=EXCHANGES[name], amount=amount, channel="app", device=device,
            ip=ip, new_device=new_device, sim_changed=sim_changed, remote=remote,
            on_call=on_call, scenario=scenario, role=role,
        )  # fmt: skip

    def _abroad(
        self, payer: int, t: int, amount: int, scenario: str, role: str, device: int, ip: int,
        *, card: int | None = None, remote: bool = False, on_call: bool = False,
        new_device: bool = False,
    ) -> None:  # fmt: skip
        """A transfer to a foreign card (or, for brokers, sometimes a foreign IBAN)."""
        if t >= self.pop.end_us:
            return
        rng = self.rng
        if card is None:
            card = int(rng.integers(0, 80))
        if card >= 0:
            payee, ptype = self.foreign_cards0 + card, "card"
            country = ("RU", "UZ", "KG", "TR", "AE", "GE")[card % 6]
        else:
            i = -card - 1
            payee, ptype, country = self.foreign_ibans0 + i, "iban", self._foreign_country(i)
        self.rows.add(
            time=t, payer=payer, ptype=ptype, payee=payee, payee_acct=-1, payee_bank=-1,
            country=country, amount=amount, channel="app", device=device, ip=ip, remote=remote,
            on_call=on_call, new_device=new_device, scenario=scenario, role=role,
        )  # fmt: skip

    def investment(self, p: int, t0: int) -> None:
        rng = self.rng
        k = int(rng.integers(3, 9))
        span = rng.uniform(7, 42) * US_PER_DAY
        offsets = np.sort(rng.uniform(0, 1, k)) * span
        offsets[0] = 0
        amount = rng.uniform(30_000, 200_000) * TENGE
        remote = rng.random() < 0.4
        crypto = rng.random() < 0.6
        name = str(rng.choice([e for e in FRAUD_EXCHANGES if EXCHANGES[e] != "KZ"]))
        dest = int(rng.integers(0, 80)) if rng.random() < 0.5 else -int(rng.integers(1, 41))
        for i in range(k):
            t = t0 + int(offsets[i])
            t = t - (t - self.pop.start_us) % US_PER_DAY + int(rng.uniform(10, 22) * US_PER_H)
            amt = _round(amount, 1000)
            if rng.random() < 0.2:
                amt_loan = _round(amt * rng.uniform(0.8, 1.2), 10_000)
                self.loan(t - int(rng.uniform(0.3, 2.0) * US_PER_H), p, amt_loan, ONLINE_LENDERS)
            dev, new, sim, ip = self.ctx(p, t)
            r = bool(remote and rng.random() < 0.85)
            call = bool(rng.random() < 0.25)
            if crypto:
                self._crypto(p, t, amt, name, "investment", "victim", dev, ip, remote=r,
                             on_call=call, new_device=new, sim_changed=sim)  # fmt: skip
            else:
                self._abroad(p, t, amt, "investment", "victim", dev, ip, card=dest, remote=r,
                             on_call=call, new_device=new)  # fmt: skip
            amount *= rng.uniform(1.2, 1.8)

    def prepayment(self, p: int, t0: int) -> None:
        rng = self.rng
        mule = self.pick_mule(t0)
        via = "card" if rng.random() < 0.55 else "phone"
        amount = np.exp(rng.uniform(np.log(20_000), np.log(400_000))) * TENGE
        self.victim_payment(p, t0, _round(amount, 500), "prepayment", via=via, mule=mule,
                            on_call=bool(rng.random() < 0.1), remote=False)  # fmt: skip
        for _ in range(int(rng.integers(0, 2)) + int(rng.random() < 0.2)):
            t0 += int(rng.uniform(0.5, 48) * US_PER_H)
            extra = rng.uniform(10_000, 100_000) * TENGE
            self.victim_payment(p, t0, _round(extra, 500), "prepayment", via=via, mule=mule,
                                on_call=bool(rng.random() < 0.1), remote=False)  # fmt: skip

    def relative_in_trouble(self, p: int, t0: int) -> None:
        rng = self.rng
        mule = self.pick_mule(t0)
        via = "card" if rng.random() < 0.6 else "phone"
        for i in range(int(rng.integers(1, 4))):
            if i:
                t0 += int(rng.uniform(1, 24) * US_PER_H)
                if rng.random() < 0.3:
                    mule = self.pick_mule(t0)
            amount = rng.uniform(100_000, 1_500_000) * TENGE
            self.victim_payment(p, t0, _round(amount, 1000), "relative_in_trouble", via=via,
                                mule=mule, on_call=bool(rng.random() < 0.75),
                                remote=bool(rng.random() < 0.05))  # fmt: skip

    def cash_out(self) -> None:
        """Every mule passes ~90% of each receipt on within 1-6 hours; tier 1 feeds tier 2."""
        rng, pop = self.rng, self.pop
        tier2 = set(self.tier2.tolist())
        for tier in (1, 2):
            incoming = sorted(x for x in self.mule_in if (x[1] in tier2) == (tier == 2))
            for t, mule, amount in incoming:
                out = amount * (1 - rng.uniform(0.06, 0.14))
                k = int(rng.integers(1, 8))
                parts = rng.dirichlet(np.full(k, 2.0)) * out
                times = np.sort(t + (rng.uniform(1, 6, k) * US_PER_H).astype(np.int64))
                for i in range(k):
                    ti, amt = int(times[i]), max(int(parts[i]) // TENGE * TENGE, TENGE)
                    handler = rng.random() < 0.5
                    device = (
                        int(pop.handler_devices[rng.integers(0, len(pop.handler_devices))])
                        if handler
                        else mule
                    )
                    new = (mule, device) not in self.seen
                    self.seen.add((mule, device))
                    ip = int(
                        pop.foreign_ip0 + rng.integers(0, FOREIGN_POOL)
                        if rng.random() < 0.2
                        else pop.mobile_ip0 + rng.integers(0, MOBILE_POOL)
                    )
                    u = rng.random()
                    if tier == 1 and u < 0.45:
                        via = ("card", "phone", "iban")[int(rng.integers(0, 3))]
                        self.to_mule(
                            payer=mule, t=ti, amount=amt, mule=self.pick_mule(ti, tier=2),
                            via=via, scenario="mule_cashout", role="mule", device=device, ip=ip,
                            new_device=new,
                        )  # fmt: skip
                    elif u < 0.78:
                        name = str(rng.choice(FRAUD_EXCHANGES))
                        self._crypto(mule, ti, amt, name, "mule_cashout", "mule", device, ip,
                                     new_device=new)  # fmt: skip
                    else:
                        self._abroad(mule, ti, amt, "mule_cashout", "mule", device, ip,
                                     new_device=new)  # fmt: skip

    def reports(self) -> list[Report]:
        """Some victims of some mules complain 3-60 days later; only those inside the period."""
        rng, pop = self.rng, self.pop
        by_mule: dict[int, list[tuple[int, int, str, str]]] = {}
        for t, victim, via, mule, scenario in sorted(self.victim_paid):
            by_mule.setdefault(mule, []).append((t, victim, via, scenario))
        out: list[Report] = []
        for mule in sorted(by_mule):
            if rng.random() >= 0.55:
                continue
            told: set[int] = set()
            for j, (t, victim, via, scenario) in enumerate(by_mule[mule]):
                if victim in told or (j and rng.random() >= 0.5):
                    continue
                told.add(victim)
                when = t + int(rng.uniform(3, 60) * US_PER_DAY)
                if when < pop.end_us:
                    out.append(Report(when, via, self._as_written(via, mule), scenario))
        return sorted(out, key=lambda r: (r.reported_us, r.kind, r.value))

    def _as_written(self, via: str, mule: int) -> str:
        """The identifier the way a victim types it into a complaint."""
        pop, style = self.pop, int(self.rng.integers(0, 4))
        if via == "phone":
            n = str(pop.phone[mule])[2:]
            forms = (
                f"+7{n}",
                f"8 {n[:3]} {n[3:6]} {n[6:8]} {n[8:]}",
                f"+7({n[:3]}){n[3:]}",
                f"8{n}",
            )
            return forms[style]
        value = str(pop.card[mule] if via == "card" else pop.iban[mule])
        if style < 2:
            return value
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def plan_fraud(
    rng: np.random.Generator, pop: Population, days: int, loans: list[LOAN]
) -> FraudPlan:
    """Pick victims for every scenario, play the scenarios, then the mules' cash-out."""
    planner = Planner(rng, pop, loans)
    P = pop.n_persons
    not_mule = np.ones(P, dtype=bool)
    not_mule[pop.mules[pop.mules < P]] = False
    total = max(len(SHARES) * 6, round(P * days / 30 * VICTIMS_PER_PERSON_MONTH))
    counts = {s: max(6, round(total * share)) for s, share in SHARES.items()}
    pool = np.flatnonzero(not_mule)
    older = pool[pop.age[pool] >= 55]
    chosen = rng.choice(pool, min(sum(counts.values()), len(pool)), replace=False)
    victims = 0
    i = 0
    used = set(chosen.tolist())
    for scenario, n in counts.items():
        for _ in range(n):
            if scenario == "relative_in_trouble" and len(older) and rng.random() < 0.75:
                p = int(older[rng.integers(0, len(older))])
                if p in used:
                    p = int(chosen[i % len(chosen)])
                    i += 1
                used.add(p)
            else:
                p = int(chosen[i % len(chosen)])
                i += 1
            night = scenario == "sms_code_1414" and rng.random() < 0.5
            lo, hi = (0.0, 5.0) if night else (9.0, 21.0)
            d = int(rng.integers(0, days))
            t0 = pop.start_us + d * US_PER_DAY + int(rng.uniform(lo, hi) * US_PER_H)
            getattr(planner, scenario)(p, t0)
            victims += 1
    planner.cash_out()
    return FraudPlan(planner.rows.batch(), planner.reports(), victims, loans)
