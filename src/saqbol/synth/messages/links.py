"""Links: lookalike, shortened and raw-IP links for scams; official domains for the rest.

Scam domains imitate a brand the way real ones do (``kaspi-bonus.kz``, ``egov-kz.online``,
``kaspi.kz-login.top``); legitimate messages only ever point at the brand's own domain.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

SlotFn = Callable[[random.Random, str, Mapping[str, str]], str]


def words(text: str) -> tuple[str, ...]:
    """Split a space-separated list (keeps long constant lists compact in the source)."""
    return tuple(text.split())


WORDS = words(
    "bonus pay gift login secure online dostavka oplata priz akcia id verify support 24 kz "
    "cabinet qr bonus24"
)
TLDS = words("online site top com info xyz kz icu live shop click pro")
PATHS = ("", "", *words("/login /bonus /pay /verify /id /dostavka /form /get"))
SHORTENERS = words("bit.ly clck.ru tinyurl.com cutt.ly is.gd goo.su")
IP_FIRST = (185, 91, 45, 194, 5, 176, 92)

SCAM_STEMS: dict[str, tuple[str, ...]] = {
    "kaspi_link": ("kaspi", "kaspi-kz", "kaspibank", "kaspl", "kaspi-gold"),
    "egov_link": ("egov", "egov-kz", "gov-kz", "e-gov", "egovkz"),
    "olx_link": ("olx", "olx-kz", "olx-dostavka", "olx-pay"),
    "post_link": ("kazpost", "post-kz", "kazpochta", "kazpost-track"),
    "bank_link": ("halyk", "homebank", "halyk-kz", "jusan", "forte", "bcc-kz", "freedom-bank"),
    "krisha_link": ("krisha", "krisha-kz", "krisha-bron"),
    "kolesa_link": ("kolesa", "kolesa-kz", "kolesa-oplata"),
    "invest_link": ("kmg-invest", "samruk-invest", "kazinvest", "qazaq-invest", "kaspi-invest"),
    "game_link": ("robux-free", "free-uc", "ff-diamonds", "brawl-gems", "standoff-gold"),
    "prize_link": ("kaspi-priz", "beeline-win", "kcell-lucky", "magnum-lottery", "akcia-2025"),
    "loan_link": ("kredit-online", "zaim24", "nesie-kz", "kredit-kz", "micro-zaim"),
    "job_link": ("rabota-kz", "job-kz", "jumys", "easy-job"),
    "shop_link": ("wildberries-sale", "technodom-sale", "sulpak-akcia", "mechta-sale"),
    "apk_link": ("kaspi-support", "halyk-app", "egov-app", "bank-protect", "kz-secure"),
}
OFFICIAL = {
    "kaspi_url": ("kaspi.kz", "https://kaspi.kz", "kaspi.kz/shop", "kaspi.kz/orders"),
    "egov_url": ("egov.kz", "https://egov.kz", "eGov.kz", "elicense.kz"),
    "olx_url": ("olx.kz", "https://www.olx.kz", "olx.kz/myaccount"),
    "homebank_url": ("homebank.kz", "halykbank.kz", "https://homebank.kz"),
    "kolesa_url": ("kolesa.kz", "https://kolesa.kz"),
    "krisha_url": ("krisha.kz", "https://krisha.kz"),
    "gov_url": ("gov.kz", "https://www.gov.kz", "nationalbank.kz", "afm.gov.kz"),
    "post_url": ("post.kz", "https://post.kz"),
    "shop_url": ("sulpak.kz", "technodom.kz", "mechta.kz", "magnum.kz", "arbuz.kz"),
    "job_url": ("hh.kz", "enbek.kz", "https://hh.kz"),
}


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))


def lookalike(rng: random.Random, stem: str) -> str:
    """A domain built around a brand stem the way phishing kits name theirs."""
    word, tld = rng.choice(WORDS), rng.choice(TLDS)
    if word in stem:
        word = "online"
    return rng.choice(
        (
            f"{stem}-{word}.{tld}",
            f"{stem}{word}.{tld}",
            f"{word}-{stem}.{tld}",
            f"{stem}.kz-{word}.{tld}",
            f"{stem}-{word}.kz",
        )
    )


def _scam(stems: tuple[str, ...], apk: bool = False) -> SlotFn:
    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        host = lookalike(rng, rng.choice(stems))
        path = f"/{_token(rng, 5)}.apk" if apk else rng.choice(PATHS)
        scheme = rng.choice(("https://", "https://", "http://", "", ""))
        return f"{scheme}{host}{path}"

    return draw


def _official(urls: tuple[str, ...]) -> SlotFn:
    def draw(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
        return rng.choice(urls)

    return draw


def _telegram(rng: random.Random, lang: str, filled: Mapping[str, str]) -> str:
    first = rng.choice(("kaspi", "invest", "rabota", "job", "qazaq", "bonus", "crypto", "easy"))
    second = rng.choice(("kz", "money", "24", "pro", "official", "club", "team"))
    return f"{rng.choice(('t.me/', 'https://t.me/', '@'))}{first}_{second}{rng.randint(1, 99)}"


def shortlink(rng: random.Random) -> str:
    """A shortened link, the usual wrapper around a phishing page."""
    return f"{rng.choice(('', 'https://'))}{rng.choice(SHORTENERS)}/{_token(rng, 6)}"


def ip_link(rng: random.Random, stem: str = "kaspi") -> str:
    """A raw-IP link such as ``http://185.22.14.9/kaspi``."""
    octets = (rng.choice(IP_FIRST), rng.randint(1, 254), rng.randint(1, 254), rng.randint(1, 254))
    return f"http://{'.'.join(map(str, octets))}/{stem}"


LINK_SLOTS: dict[str, SlotFn] = {
    **{name: _scam(stems, apk=name == "apk_link") for name, stems in SCAM_STEMS.items()},
    **{name: _official(urls) for name, urls in OFFICIAL.items()},
    "tg_link": _telegram,
}
SCAM_LINK_SLOTS: frozenset[str] = frozenset({*SCAM_STEMS, "tg_link"})
