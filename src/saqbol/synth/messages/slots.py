"""Slot values: who, how much, which bank, which link. Every value depends only on the rng.

A slot function takes ``(rng, lang, filled)``; ``filled`` holds the slots already drawn for the
same message, so pairs stay coherent (a game and its currency, an operator and its site).
Phones, cards and IBANs come from ``saqbol.synth.identifiers`` so they pass the validators.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from saqbol.synth import identifiers as ids
from saqbol.synth.messages import links

SlotFn = Callable[[random.Random, str, Mapping[str, str]], str]


def _pick(table: Mapping[str, tuple[str, ...]]) -> SlotFn:
    """A slot drawn from a per-language list (``mixed`` falls back to Kazakh)."""

    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        return rng.choice(table.get(lang) or table["kk"])

    return draw


def _same(*values: str) -> SlotFn:
    return _pick({"kk": values})


def _list(text: str) -> tuple[str, ...]:
    """Split a ``|``-separated list, so long value lists stay compact in the source."""
    return tuple(part.strip() for part in text.split("|"))


NAMES = {
    "kk": _list(
        "Айгерім|Асель|Дана|Жансая|Аружан|Мадина|Динара|Гүлназ|Ақбота|Томирис|Нұрлан|Ерлан|"
        "Дәурен|Арман|Айбек|Бауыржан|Санжар|Алихан|Данияр|Мирас|Ерасыл|Әлия|Жандос|Меруерт"
    ),
    "ru": _list(
        "Анна|Ольга|Екатерина|Наталья|Ирина|Дмитрий|Сергей|Андрей|Алексей|Виктор|Айгерим|"
        "Асель|Динара|Нурлан|Ерлан|Данияр|Арман|Мадина|Жанна|Тимур|Марат|Светлана"
    ),
    "en": _list(
        "Aigerim|Asel|Dana|Madina|Daniyar|Arman|Nurlan|Yerlan|Alex|Maria|John|Sarah|David|"
        "Emma|Timur|Olga|Aliya|Sanzhar"
    ),
}
SURNAMES = {
    "kk": _list("Ахметов|Сейітов|Жұмабаев|Нұрланов|Қасымов|Оспанов|Серікбаев|Тоқтаров"),
    "ru": _list("Ахметов|Сейтов|Жумабаев|Иванов|Петров|Ким|Смирнов|Каримов|Токтаров"),
    "en": _list("Akhmetov|Seitov|Zhumabayev|Kim|Ivanov|Nurlanov|Karimov|Toktarov"),
}
BANKS = _list(
    "Kaspi Bank|Halyk Bank|Jusan Bank|ForteBank|Freedom Bank|Bereke Bank|Bank CenterCredit|"
    "Home Credit Bank|Eurasian Bank|Otbasy Bank"
)
CITIES = {
    "kk": _list(
        "Алматы|Астана|Шымкент|Қарағанды|Ақтөбе|Тараз|Павлодар|Өскемен|Семей|Атырау|Қостанай|"
        "Қызылорда|Орал|Ақтау|Түркістан|Көкшетау"
    ),
    "ru": _list(
        "Алматы|Астана|Шымкент|Караганда|Актобе|Тараз|Павлодар|Усть-Каменогорск|Семей|Атырау|"
        "Костанай|Кызылорда|Уральск|Актау"
    ),
    "en": _list(
        "Almaty|Astana|Shymkent|Karaganda|Aktobe|Taraz|Pavlodar|Oskemen|Semey|Atyrau|Kostanay|"
        "Kyzylorda|Oral|Aktau|Turkistan"
    ),
}
SHOPS = _list(
    "Magnum|Small|Sulpak|Technodom|Mechta.kz|Arbuz.kz|Galmart|Wildberries|Lamoda|Toimart|"
    "Fix Price|Marwin|Flip.kz"
)
# Card statements also show services, not just shops.
MERCHANTS = (*SHOPS, *_list("Glovo|Yandex Go|Chocofood|Kaspi Travel|Starbucks|Kinopark|Onay"))
GROCERIES = _list("Magnum|Small|Galmart|Arbuz.kz|Toimart|Anvar|Ramstore")
ITEMS = {
    "kk": _list(
        "iPhone 15 Pro|Samsung Galaxy S24|PlayStation 5|MacBook Air|AirPods Pro|"
        "Dyson шаңсорғышы|тоңазытқыш|балалар арбасы|кір жуғыш машина|диван|велосипед|"
        "Lenovo ноутбугі"
    ),
    "ru": _list(
        "iPhone 15 Pro|Samsung Galaxy S24|PS5|MacBook Air|AirPods Pro|пылесос Dyson|"
        "холодильник|детская коляска|стиральная машина|диван|велосипед|ноутбук Lenovo"
    ),
    "en": _list(
        "iPhone 15 Pro|Samsung Galaxy S24|PS5|MacBook Air|AirPods Pro|Dyson vacuum|fridge|"
        "baby stroller|washing machine|sofa|bike|Lenovo laptop"
    ),
}
CARS = _list(
    "Toyota Camry 70|Hyundai Tucson|Kia Sportage|Chevrolet Cobalt|Lada Granta|Hyundai Elantra|"
    "Toyota Land Cruiser Prado|Volkswagen Polo|Haval Jolion|Kia K5"
)
GAMES = (
    ("Roblox", {"kk": "робакс", "ru": "робуксов", "en": "Robux"}),
    ("PUBG Mobile", {"kk": "UC", "ru": "UC", "en": "UC"}),
    ("Free Fire", {"kk": "алмаз", "ru": "алмазов", "en": "diamonds"}),
    ("Brawl Stars", {"kk": "гем", "ru": "гемов", "en": "gems"}),
    ("Standoff 2", {"kk": "голда", "ru": "голды", "en": "gold"}),
    ("Minecraft", {"kk": "Minecoins", "ru": "Minecoins", "en": "Minecoins"}),
)
COMPANIES = {
    "kk": _list("ҚазМұнайГаз|Самұрық-Қазына|Kaspi.kz|Қазатомөнеркәсіп|Air Astana"),
    "ru": _list("КазМунайГаз|Самрук-Казына|Kaspi.kz|Казатомпром|Air Astana"),
    "en": _list("KazMunayGas|Samruk-Kazyna|Kaspi.kz|Kazatomprom|Air Astana"),
}
CELEBS = {
    "kk": _list(
        "Президент|Kaspi басшысы Михаил Ломтадзе|Ұлттық Банк төрағасы|Димаш Құдайберген|"
        "белгілі миллиардер"
    ),
    "ru": _list(
        "Президент|глава Kaspi Михаил Ломтадзе|председатель Нацбанка|Димаш Кудайберген|"
        "известный миллиардер"
    ),
    "en": _list(
        "the President|Kaspi CEO Mikheil Lomtadze|the National Bank governor|Dimash|"
        "a famous billionaire"
    ),
}
APPS = _list("AnyDesk|TeamViewer|RustDesk|QuickSupport|Kaspi Support|Halyk Protect|eGov Security")
OPERATORS = (
    ("Beeline", "beeline.kz"),
    ("Kcell", "kcell.kz"),
    ("Activ", "activ.kz"),
    ("Tele2", "tele2.kz"),
    ("Altel", "altel.kz"),
)
UNIS = {
    "kk": _list("ҚазҰУ|Назарбаев Университеті|ЕҰУ|Сәтбаев университеті|ҚБТУ|АТУ"),
    "ru": _list("КазНУ|Назарбаев Университет|ЕНУ|Satbayev University|КБТУ|АТУ"),
    "en": _list("KazNU|Nazarbayev University|ENU|Satbayev University|KBTU|AlmaU"),
}


def _group(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def money(rng: random.Random, lang: str, value: int) -> str:
    """Tenge the way people and banks write it in ``lang``: 25 000 ₸, 25 мың теңге, 1,5 млн."""
    if value >= 1_000_000 and value % 100_000 == 0:
        mln = f"{value / 1_000_000:g}"
        forms = {
            "kk": (f"{mln.replace('.', ',')} млн теңге", f"{mln.replace('.', ',')} млн ₸"),
            "ru": (f"{mln.replace('.', ',')} млн тенге", f"{mln.replace('.', ',')} млн ₸"),
            "en": (f"{mln} million tenge", f"{mln}M KZT", f"₸{_group(value, ',')}"),
        }
        return rng.choice(forms.get(lang) or forms["kk"] + forms["ru"])
    thousands = f"{value // 1000}" if value % 1000 == 0 else ""
    kk = [f"{_group(value, ' ')} ₸", f"{value} тг", f"{_group(value, ' ')} теңге", f"{value}₸"]
    ru = [f"{_group(value, ' ')} ₸", f"{value} тг", f"{_group(value, ' ')} тенге", f"{value}тг"]
    en = [f"{_group(value, ',')} KZT", f"₸{_group(value, ',')}", f"{_group(value, ',')} tenge"]
    if thousands:
        kk.append(f"{thousands} мың теңге")
        ru += [f"{thousands} тыс. тенге", f"{thousands}к"]
        en.append(f"{thousands}k tenge")
    forms = {"kk": kk, "ru": ru, "en": en, "mixed": kk + ru}
    return rng.choice(forms[lang])


def _amount(low: int, high: int, step: int) -> SlotFn:
    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        return money(rng, lang, rng.randrange(low, high + 1, step))

    return draw


def _balance(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return money(rng, lang, rng.randint(1_200, 950_000))


def _digits(low: int, high: int) -> SlotFn:
    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(low, high)))

    return draw


def phone(rng: random.Random, lang: str = "kk", filled: Mapping[str, str] | None = None) -> str:
    """A valid Kazakh mobile, written as people write it (``8 701 123 45 67`` and others)."""
    return ids.format_phone_like_a_person(rng, ids.kz_mobile(rng))


def card(rng: random.Random, lang: str = "kk", filled: Mapping[str, str] | None = None) -> str:
    """A Luhn-valid card number, mostly in groups of four."""
    digits = ids.card_number(rng)
    style = rng.random()
    if style < 0.7:
        return " ".join(digits[i : i + 4] for i in range(0, 16, 4))
    return digits if style < 0.9 else "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def iban(rng: random.Random, lang: str = "kk", filled: Mapping[str, str] | None = None) -> str:
    """A valid Kazakh IBAN, sometimes grouped by four as on a bank statement."""
    value = ids.kz_iban(rng)
    return value if rng.random() < 0.7 else " ".join(value[i : i + 4] for i in range(0, 20, 4))


def _card4(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return rng.choice(("*", "*", "•")) + "".join(rng.choice("0123456789") for _ in range(4))


def _game(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return rng.choice(GAMES)[0]


def _gcur(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    names = dict(GAMES)[filled["game"]] if "game" in filled else rng.choice(GAMES)[1]
    return names.get(lang) or names["kk"]


def _operator(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return rng.choice(OPERATORS)[0]


def _operator_url(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return dict(OPERATORS).get(filled.get("operator", ""), "beeline.kz")


def _time(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return f"{rng.randint(8, 22):02d}:{rng.choice(range(0, 60, 5)):02d}"


def _date(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}"


def _track(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    number = "".join(rng.choice("0123456789") for _ in range(9))
    return f"{rng.choice(('RB', 'CP', 'LP', 'RR', 'EE'))}{number}KZ"


def _number(low: int, high: int, suffix: str = "") -> SlotFn:
    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        return f"{rng.randint(low, high)}{suffix}"

    return draw


SLOTS: dict[str, SlotFn] = {
    "name": _pick(NAMES),
    "name2": _pick(NAMES),
    "surname": _pick(SURNAMES),
    "bank": _same(*BANKS),
    "city": _pick(CITIES),
    "shop": _same(*SHOPS),
    "grocery": _same(*GROCERIES),
    "merchant": _same(*MERCHANTS),
    "item": _pick(ITEMS),
    "car": _same(*CARS),
    "game": _game,
    "gcur": _gcur,
    "company": _pick(COMPANIES),
    "celeb": _pick(CELEBS),
    "app": _same(*APPS),
    "operator": _operator,
    "operator_url": _operator_url,
    "uni": _pick(UNIS),
    "amount_small": _amount(1_000, 20_000, 500),
    "amount": _amount(10_000, 450_000, 5_000),
    "amount_big": _amount(500_000, 9_000_000, 100_000),
    "fee": _amount(1_500, 30_000, 500),
    "salary": _amount(250_000, 900_000, 10_000),
    "balance": _balance,
    "code": _digits(4, 6),
    "order": _digits(8, 9),
    "phone": phone,
    "phone2": phone,
    "card": card,
    "card4": _card4,
    "iban": iban,
    "time": _time,
    "date": _date,
    "track": _track,
    "percent": _number(15, 120, "%"),
    "pct_small": _number(5, 15),
    "days": _number(3, 14),
    "num": _number(3, 10),
    **links.LINK_SLOTS,
}


def fill(rng: random.Random, lang: str, name: str, filled: dict[str, str]) -> str:
    """Draw slot ``name`` once per message; repeated slots in one template share the value."""
    if name not in filled:
        try:
            slot = SLOTS[name]
        except KeyError:
            raise KeyError(f"unknown slot {{{name}}}") from None
        filled[name] = slot(rng, lang, filled)
    return filled[name]
