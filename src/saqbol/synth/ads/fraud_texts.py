"""What fraud rings write, per scheme, in Russian and Kazakh.

A script is a list of titles and a list of sentences. Each sentence has a role: ``core`` (always
kept), ``opt`` (a ring may leave it out), ``prepay`` (the ask: prepayment, a card, a delivery
link; "subtle" rings leave these out and are found by price and duplication only) and
``contact`` (off-platform contact). ``a || b`` separates whole alternatives of a sentence and
``[x|y]`` a word-level choice; a ring fixes its choices per lot and each posting changes a few,
which is what makes the texts near-identical rather than identical.
"""

from __future__ import annotations

from typing import Final

Script = dict[str, tuple[tuple[str, tuple[str, ...]], ...] | tuple[str, ...]]


def _s(role: str, options: str) -> tuple[str, tuple[str, ...]]:
    return role, tuple(o.strip() for o in options.split("||"))


SCRIPTS: Final[dict[str, dict[str, Script]]] = {
    "car_prepayment": {
        "ru": {
            "title": (
                "{item}, {year} г.",
                "Срочно! {item} {year}",
                "{item} {year} года, [срочно|недорого|торг]",
            ),
            "sentences": (
                _s(
                    "core",
                    "[Продаю|Срочно продаю|Продам] {item} {year} года, пробег {mileage} км, "
                    "{gearbox}. || {item}, {year} г., [один хозяин|не бит, не крашен], пробег "
                    "{mileage} км.",
                ),
                _s(
                    "opt",
                    "[Машина|Автомобиль] в [отличном|идеальном] состоянии, [вложений не "
                    "требует|всё обслужено].",
                ),
                _s(
                    "core",
                    "Цена {price} тг, [ниже рынка|дешевле рынка|это не опечатка] — [срочный "
                    "переезд|уезжаю за границу|нужны деньги на лечение].",
                ),
                _s(
                    "prepay",
                    "[Машина|Авто] [находится на таможне в Хоргосе|сейчас в г. {city2}|стоит на "
                    "штрафстоянке|в пути из Бишкека], [пригоним|доставим] в ваш город [за 2 "
                    "дня|за 3 дня].",
                ),
                _s(
                    "prepay",
                    "Для [брони|резерва] нужна предоплата {prepay} тг на [Kaspi|карту|Kaspi "
                    "Gold], [остальное при встрече|остальное после осмотра].",
                ),
                _s(
                    "contact",
                    "[Звонки не принимаю, пишите|Пишите только] в WhatsApp: {wa} || WhatsApp "
                    "{wa_phone} || [Связь|Пишите] в Telegram: {tg_link}",
                ),
            ),
        },
        "kk": {
            "title": (
                "{item}, {year} ж.",
                "Шұғыл! {item} {year}",
            ),
            "sentences": (
                _s(
                    "core",
                    "[Сатамын|Шұғыл сатамын] {item} {year} ж., жүрісі {mileage} км, {gearbox}.",
                ),
                _s("core", "Бағасы {price} тг, [нарықтан арзан|шетелге кетуге байланысты]."),
                _s(
                    "prepay",
                    "Көлік [Қорғас кеденінде тұр|{city2} қаласында], [жеткіземіз|айдап әкелеміз].",
                ),
                _s("prepay", "Брондау үшін {prepay} тг алдын ала төлем [Kaspi-ге|картаға]."),
                _s("contact", "WhatsApp-қа жазыңыз: {wa} || WhatsApp: {wa_phone}"),
            ),
        },
    },
    "rent_prepayment": {
        "ru": {
            "title": (
                "{rooms}-комнатная квартира {period_adj}, {area} м²",
                "Сдам {rooms}-комн. квартиру [недорого|от хозяина|без посредников]",
                "{rooms}-комнатная квартира, {area} м², {floor}/{floors} этаж",
            ),
            "sentences": (
                _s(
                    "core",
                    "Сдаётся {rooms}-комнатная квартира, {area} м², [евроремонт|свежий "
                    "ремонт|хороший ремонт], [вся техника|мебель и техника есть].",
                ),
                _s(
                    "opt",
                    "[Хозяйка|Хозяин] [живёт за границей|уехала в Турцию|сейчас в командировке], "
                    "[ключи у знакомых|показывает доверенное лицо].",
                ),
                _s(
                    "core",
                    "Цена {price} тг {period}, [коммунальные включены|без депозита|всё включено].",
                ),
                _s(
                    "prepay",
                    "[Для брони|Чтобы забронировать|Для просмотра] [необходима|нужна] предоплата "
                    "[за первый месяц|50%|{prepay} тг] на [карту|Kaspi].",
                ),
                _s(
                    "prepay",
                    "[Желающих много|Очередь на просмотр], [без предоплаты не показываю|бронь "
                    "только по предоплате].",
                ),
                _s(
                    "contact",
                    "Пишите в WhatsApp: {wa} || Telegram: {tg_link} || WhatsApp {wa_phone}",
                ),
            ),
        },
        "kk": {
            "title": (
                "{rooms} бөлмелі пәтер, {area} м²",
                "{rooms} бөлмелі пәтер жалға, [арзан|иесінен]",
            ),
            "sentences": (
                _s(
                    "core",
                    "{rooms} бөлмелі пәтер жалға беріледі, {area} м², [еуроремонт|жаңа жөндеу].",
                ),
                _s("opt", "Иесі [шетелде тұрады|іссапарда]."),
                _s("core", "Бағасы {period_kk} {price} тг."),
                _s(
                    "prepay",
                    "[Брондау|Көру] үшін [алдын ала төлем|бірінші айдың төлемі] {prepay} тг "
                    "картаға.",
                ),
                _s("contact", "WhatsApp-қа жазыңыз: {wa} || Telegram: {tg_link}"),
            ),
        },
    },
    "phone_delivery": {
        "ru": {
            "title": (
                "{item} [новый|оригинал|запечатан]",
                "{item}, [новый|гарантия]",
                "{item} [из Дубая|из ОАЭ] [дешево|недорого]",
            ),
            "sentences": (
                _s(
                    "core",
                    "{item} [новый|оригинал], [запечатан|не вскрывался|в плёнке], [из Дубая|из "
                    "ОАЭ|из США|с Европы].",
                ),
                _s("core", "Цена {price} тг, [есть все цвета|много в наличии|последние штуки]."),
                _s(
                    "prepay",
                    "[Отправка|Доставка] [через Казпочту|через СДЭК|Казпочтой|СДЭКом] по всему "
                    "Казахстану, [оплата на карту перед отправкой|100% предоплата на "
                    "Kaspi|оплата на карту, трек-номер вышлю].",
                ),
                _s(
                    "opt",
                    "[Самовывоза нет|Встречи не провожу], [работаем только по предоплате|работаю "
                    "только с доставкой].",
                ),
                _s("contact", "Пишите в WhatsApp {wa} || WhatsApp {wa_phone} || Telegram {tg}"),
            ),
        },
        "kk": {
            "title": (
                "{item} [жаңа|түпнұсқа]",
                "{item}, Дубайдан",
            ),
            "sentences": (
                _s("core", "{item} [жаңа|түпнұсқа], [Дубайдан|БАӘ-ден]."),
                _s("core", "Бағасы {price} тг."),
                _s(
                    "prepay",
                    "Қазпошта арқылы жеткіземіз, [алдын ала төлем картаға|Kaspi-ге 100% алдын ала "
                    "төлем].",
                ),
                _s("contact", "WhatsApp: {wa} || WhatsApp: {wa_phone}"),
            ),
        },
    },
    "phishing_delivery_link": {
        "ru": {
            "title": (
                "{item}",
                "{item}, [как новый|отличное состояние]",
                "{item}, [доставка|отправлю]",
            ),
            "sentences": (
                _s(
                    "core",
                    "[Продаю|Продам] {item}, [состояние отличное|как новый|пользовались мало].",
                ),
                _s(
                    "core",
                    "Цена {price} тг. [Нахожусь в другом городе|Я сейчас в г. {city2}], "
                    "[отправлю|доставка] через [OLX Доставку|Kaspi Доставку|безопасную "
                    "сделку].",
                ),
                _s(
                    "prepay",
                    "[Оформить заказ и оплатить|Оформить доставку] [можно|нужно] по ссылке: "
                    "{phish} || [Оплата и доставка|Безопасная сделка] по ссылке: {phish}",
                ),
                _s(
                    "opt",
                    "[Деньги|Оплата] [хранятся|замораживаются] на платформе до получения, [это "
                    "безопасно|всё официально].",
                ),
                _s("contact", "[Вопросы|Пишите] в WhatsApp {wa_phone} || Вопросы в Telegram {tg}"),
            ),
        },
        "kk": {
            "title": (
                "{item}",
                "{item}, жеткізу бар",
            ),
            "sentences": (
                _s("core", "{item} сатамын, [жағдайы өте жақсы|жаңа сияқты]."),
                _s(
                    "core",
                    "Бағасы {price} тг. [Басқа қаладамын|{city2} қаласындамын], [OLX "
                    "Жеткізу|Kaspi Жеткізу] арқылы жіберемін.",
                ),
                _s("prepay", "Тапсырысты сілтеме арқылы рәсімдеңіз: {phish}"),
                _s("contact", "WhatsApp: {wa_phone}"),
            ),
        },
    },
    "fake_job": {
        "ru": {
            "title": (
                "[Требуются курьеры|Курьер, оплата ежедневно|Подработка с ежедневной оплатой]",
                "[Срочно|Требуется] курьер, г. {city}",
                "Работа [на дому|онлайн], доход от {daily} тг/день",
            ),
            "sentences": (
                _s(
                    "core",
                    "[Требуются|Срочно требуются|Срочно нужны] "
                    "[курьеры|курьеры-водители|помощники курьера|сотрудники] [в г. {city}|по "
                    "всему Казахстану].",
                ),
                _s(
                    "core",
                    "Доход от {daily} тг в день, [оплата ежедневно|выплаты каждый день|без "
                    "задержек].",
                ),
                _s(
                    "prepay",
                    "[Работа с картами|Нужна только банковская карта|Нужна своя карта "
                    "Kaspi|Принимать переводы на свою карту и передавать наличные], [опыт не "
                    "нужен|обучение бесплатно|всему научим].",
                ),
                _s(
                    "opt",
                    "[Возраст 18+|От 16 лет|Студентам подходит], [гибкий график|2-3 часа в день].",
                ),
                _s("contact", "Пишите в Telegram {tg_link} || Telegram: {tg} || WhatsApp {wa}"),
            ),
        },
        "kk": {
            "title": (
                "[Курьерлер қажет|Шұғыл курьер керек]",
                "Жұмыс, күніне {daily} тг-ден",
            ),
            "sentences": (
                _s(
                    "core",
                    "[Курьерлер қажет|Шұғыл курьерлер керек] [{city} қаласына|бүкіл Қазақстан "
                    "бойынша].",
                ),
                _s("core", "Күніне {daily} тг-ден табыс, [төлем күн сайын|күнделікті төлем]."),
                _s(
                    "prepay",
                    "[Тек банк картасы керек|Өз Kaspi картаңыз керек], [тәжірибе қажет емес|тегін "
                    "үйретеміз].",
                ),
                _s("contact", "Telegram-ға жазыңыз: {tg_link} || Telegram: {tg}"),
            ),
        },
    },
    "pet_prepayment": {
        "ru": {
            "title": (
                "{item}",
                "{item}, [с документами|привиты|мини]",
                "{item} [недорого|дешево]",
            ),
            "sentences": (
                _s(
                    "core",
                    "{item}, [2 месяца|2,5 месяца|3 месяца], [привиты|с ветпаспортом|с "
                    "документами РКФ].",
                ),
                _s("core", "Цена {price} тг, [скидка|последний щенок|торг]."),
                _s(
                    "prepay",
                    "[Доставка|Отправка] [авиа|самолётом|с сопровождающим] по всему Казахстану, "
                    "[предоплата за перелёт|оплата доставки] {prepay} тг на карту.",
                ),
                _s(
                    "opt",
                    "[Щенки находятся|Питомник] в [Бишкеке|Ташкенте|г. {city2}], [вышлю "
                    "видео|фото по запросу].",
                ),
                _s("contact", "WhatsApp {wa} || WhatsApp {wa_phone}"),
            ),
        },
        "kk": {
            "title": (
                "{item}",
                "{item}, құжаттарымен",
            ),
            "sentences": (
                _s("core", "{item}, [2 айлық|3 айлық], [екпе салынған|құжаттары бар]."),
                _s("core", "Бағасы {price} тг."),
                _s(
                    "prepay",
                    "Ұшақпен жеткіземіз, [ұшуға алдын ала төлем|жеткізу төлемі] {prepay} тг "
                    "картаға.",
                ),
                _s("contact", "WhatsApp: {wa} || WhatsApp: {wa_phone}"),
            ),
        },
    },
}

# Openers a mixed-language ring puts before its Russian text.
KK_OPENERS: Final = ("Сәлеметсіз бе!", "Сатылады!", "Шұғыл!", "Қайырлы күн!")
EMOJI: Final = ("🔥", "✅", "❗", "‼️", "💥", "⚡")
# Cyrillic letters and the Latin ones that look the same: swapped to dodge exact matching.
HOMOGLYPHS: Final = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "А": "A", "В": "B",
    "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
}  # fmt: skip
# Lookalike domains of the platforms, as phishing kits name them (brand, then a lure).
PHISH_BRANDS: Final = {
    "olx": ("olx-kz", "olx.kz-", "olx-dostavka", "olxkz"),
    "kaspi": ("kaspi-kz", "kaspi.kz-", "kaspi-dostavka", "kaspikz"),
    "krisha": ("krisha-kz", "krisha.kz-", "krisha-bron"),
    "kolesa": ("kolesa-kz", "kolesa.kz-", "kolesa-oplata"),
    "market": ("market-kz", "market.kz-"),
}
PHISH_LURES: Final = (
    "delivery-pay", "secure-pay", "safe-deal", "oplata-dostavka", "pay-order", "bezopasnaya-sdelka",
    "dostavka-online", "order-confirm",
)  # fmt: skip
PHISH_TLDS: Final = ("com", "top", "online", "site", "info", "xyz", "shop", "icu", "pro")
PHISH_PATHS: Final = ("/order/", "/pay?id=", "/deal/", "/delivery/", "/o/")
TG_WORDS: Final = ("rabota", "kurier", "dostavka", "arenda", "auto", "iphone", "zhumys", "work")
TG_TAILS: Final = ("kz", "almaty", "astana", "24", "pro", "official")
