"""The closed vocabularies every part of Saqbol shares (see DESIGN.md, "Shared vocabulary").

Kept as code, not data, because tables, schemas and tests are typed against them.
"""

from __future__ import annotations

from typing import Final, NamedTuple

TYPOLOGIES: Final = (
    "safe_account",
    "sms_code_1414",
    "investment",
    "prepayment",
    "relative_in_trouble",
    "fake_loan",
    "fake_service",
    "mule_recruitment",
    "prize_lottery",
    "game_gift",
    "pyramid",
    "phishing_link",
    "remote_access",
    "spoofed_call",
    "simbox",
    "other",
    "legit",
)

ROLES: Final = (
    "citizen",
    "analyst",
    "bank",
    "telecom",
    "marketplace",
    "police",
    "prosecutor",
    "admin",
)

CHANNELS: Final = ("call", "sms", "messenger", "social", "marketplace", "website", "other")

ENTITY_STATUSES: Final = ("reported", "confirmed", "blocked", "cleared")


class Region(NamedTuple):
    iso: str
    kk: str
    ru: str
    en: str


# The 17 oblasts (after the 2022 reform: Abai, Zhetisu, Ulytau) and the three cities of
# republican significance. Keys are stable slugs; names render in the caller's language.
REGIONS: Final[dict[str, Region]] = {
    "abai": Region("KZ-10", "Абай облысы", "Абайская область", "Abai Region"),
    "akmola": Region("KZ-11", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    "aktobe": Region("KZ-15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    "almaty_region": Region("KZ-19", "Алматы облысы", "Алматинская область", "Almaty Region"),
    "atyrau": Region("KZ-23", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    "west_kazakhstan": Region(
        "KZ-27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan"
    ),
    "zhambyl": Region("KZ-31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    "zhetisu": Region("KZ-33", "Жетісу облысы", "Область Жетісу", "Zhetisu Region"),
    "karaganda": Region("KZ-35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    "kostanay": Region("KZ-39", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    "kyzylorda": Region("KZ-43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    "mangystau": Region("KZ-47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    "pavlodar": Region("KZ-55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    "north_kazakhstan": Region(
        "KZ-59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan"
    ),
    "turkistan": Region("KZ-61", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    "ulytau": Region("KZ-62", "Ұлытау облысы", "Область Улытау", "Ulytau Region"),
    "east_kazakhstan": Region(
        "KZ-63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan"
    ),
    "astana": Region("KZ-71", "Астана", "Астана", "Astana"),
    "almaty": Region("KZ-75", "Алматы", "Алматы", "Almaty"),
    "shymkent": Region("KZ-79", "Шымкент", "Шымкент", "Shymkent"),
}

LANGUAGES: Final = ("kk", "ru", "en")
