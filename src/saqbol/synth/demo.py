"""A small synthetic data set for `make run`: fraud rings whose phones, cards, IBANs and
sites recur across complaints, so the registry shows linked entities from the first minute."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from saqbol.detectors.urls import default_url_detector
from saqbol.schemas import ReportIn
from saqbol.services import keys, reports, resources
from saqbol.store.tables import Report
from saqbol.synth import identifiers as ids
from saqbol.vocab import REGIONS, ROLES

# (typology, channel, text) — short complaints in the three languages users write in.
STORIES = (
    (
        "safe_account",
        "call",
        "Позвонили из 'службы безопасности банка', сказали перевести деньги "
        "на безопасный счёт {iban}. Номер {phone}.",
    ),
    (
        "safe_account",
        "call",
        "Банктің қауіпсіздік қызметіміз деп хабарласты, ақшаны {iban} "
        "шотына аударуды сұрады. Нөмір {phone}.",
    ),
    (
        "sms_code_1414",
        "messenger",
        "Написали в WhatsApp с номера {phone}, попросили код из SMS "
        "от 1414, после этого на меня оформили кредит.",
    ),
    ("sms_code_1414", "sms", "{phone} нөмірінен 1414 кодын сұрады, кейін атыма несие рәсімделді."),
    (
        "prepayment",
        "marketplace",
        "Paid a deposit for a car on a classifieds site to card {card}, "
        "the seller ({phone}) disappeared.",
    ),
    (
        "prepayment",
        "marketplace",
        "Купил телефон на OLX, предоплата на карту {card}, товар не пришёл. Продавец {phone}.",
    ),
    ("phishing_link", "sms", "Пришла ссылка {url} 'получите бонус Kaspi', ввёл данные карты."),
    ("phishing_link", "messenger", "Got a link {url} about a delivery fee, entered my card."),
    (
        "investment",
        "social",
        "Инвестиция жобасы: табыс 30% айына, ақшаны {card} картасына аудардым, байланыс {phone}.",
    ),
    (
        "relative_in_trouble",
        "messenger",
        "Жазды 'апа, мен қиын жағдайдамын', {card} картасына ақша сұрады. Нөмір {phone}.",
    ),
    (
        "fake_loan",
        "social",
        "Кредитный брокер {phone} взял 'страховку' за одобрение займа на карту {card}.",
    ),
    (
        "mule_recruitment",
        "messenger",
        "Offered 'courier' work: receive money to my card and "
        "send it on to {iban}. Contact {phone}.",
    ),
)
PHISHING_HOSTS = (
    "kaspi-bonus.kz",
    "egov-pay.com",
    "olx-dostavka.kz",
    "halyk-kompensaciya.ru",
    "kolesa-oplata.site",
    "krisha-vozvrat.online",
)


@dataclass(frozen=True, slots=True)
class Ring:
    phones: tuple[str, ...]
    cards: tuple[str, ...]
    ibans: tuple[str, ...]
    url: str


@dataclass
class DemoSummary:
    message: str
    keys: dict[str, str] = field(default_factory=dict)


def make_rings(rng: random.Random, n_rings: int = 12) -> list[Ring]:
    return [
        Ring(
            phones=tuple(ids.kz_mobile(rng) for _ in range(rng.randint(1, 3))),
            cards=tuple(ids.card_number(rng) for _ in range(rng.randint(1, 2))),
            ibans=(ids.kz_iban(rng),),
            url=f"https://{rng.choice(PHISHING_HOSTS)}/{rng.choice(('pay', 'bonus', 'login'))}",
        )
        for _ in range(n_rings)
    ]


def demo_reports(n_reports: int, seed: int, now: datetime) -> list[ReportIn]:
    """Synthetic complaints with ground truth in their structure (which ring each names)."""
    rng = random.Random(seed)
    rings = make_rings(rng)
    out = []
    for _ in range(n_reports):
        ring = rng.choice(rings)
        typology, channel, template = rng.choice(STORIES)
        phone, card, iban = rng.choice(ring.phones), rng.choice(ring.cards), ring.ibans[0]
        written_phone = ids.format_phone_like_a_person(rng, phone)
        text = template.format(phone=written_phone, card=card, iban=iban, url=ring.url)
        entities = [{"type": "phone", "value": written_phone}]
        for kind, value in (("card", card), ("iban", iban), ("url", ring.url)):
            if "{" + kind + "}" in template:
                entities.append({"type": kind, "value": value})
        out.append(
            ReportIn(
                channel=channel,
                typology=typology,
                text=text,
                amount_lost_kzt=rng.choice((0, 15_000, 50_000, 120_000, 450_000, 2_300_000)),
                occurred_at=now - timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440)),
                region=rng.choice(tuple(REGIONS)),
                entities=entities,
            )
        )
    return out


def load_demo(
    *, session: Session, secret: str, n_reports: int, seed: int, actor: str, now: datetime
) -> DemoSummary:
    """Load the demo set unless the database already holds reports (never duplicates)."""
    existing = session.scalar(select(func.count()).select_from(Report)) or 0
    if existing:
        return DemoSummary(f"database already holds {existing} reports; demo data not loaded")
    items = demo_reports(n_reports, seed, now)
    for item in items:
        reports.file_report(
            session=session, draft=item.to_draft(), actor=actor, secret=secret, now=now
        )
    # The rings' phishing links also reach the monitoring registry, from several reporters.
    detector = default_url_detector()
    for number, item in enumerate(items):
        for entity in item.entities:
            if entity.type == "url":
                resources.file_complaint(
                    session=session, detector=detector, url=entity.value,
                    reporter=f"demo:citizen:{number % 17}", source="citizen", now=now,
                )  # fmt: skip
    demo_keys = {
        role: keys.create_key(
            session=session, role=role, name=f"demo {role}", actor=actor, now=now
        )[1]
        for role in ROLES
    }
    listed = resources.list_resources(session=session, limit=1)[1]
    message = f"loaded {n_reports} demo reports and {listed} resources to review"
    return DemoSummary(message, demo_keys)
