"""What is sold where and for how much: cities, categories, items and their market prices.

Prices are log-normal around an item's base price, scaled by the city (Almaty and Astana dearer)
to a category-specific degree: a flat's rent follows the city closely, an iPhone hardly at all.
Every vocabulary is kept as (Russian, Kazakh) pairs; Latin-script Kazakh is derived from the
Kazakh with the spellings people actually type, so the six text variants stay in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Final

import numpy as np

from saqbol.detectors.ads.columns import CATEGORIES, CATEGORY_PLATFORMS, KZT_PER_USD, PLATFORMS
from saqbol.synth.messages.translit import KK_SCHEMES, transliterate
from saqbol.vocab import REGIONS

# Text variants: Russian, Kazakh in Cyrillic, and four Latin spellings of Kazakh.
VARIANTS: Final = ("ru", "kk", "kk_acute", "kk_turkic", "kk_chat_q", "kk_chat_k")
RU, KK = 0, 1
LATIN: Final = (2, 3, 4, 5)
# Row languages; a "mixed" row writes some parts in Russian and some in Kazakh.
LANGS: Final = ("ru", "kk", "kk_latn", "mixed")
LANG_P: Final = (0.76, 0.11, 0.04, 0.09)

REGION_SLUGS: Final = tuple(REGIONS)
CAT: Final = {c: i for i, c in enumerate(CATEGORIES)}
PLAT: Final = {p: i for i, p in enumerate(PLATFORMS)}


def in_variants(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[list[str]]:
    """(ru, kk) pairs -> one list per VARIANTS entry."""
    ru = [p[0] for p in pairs]
    kk = [p[1] for p in pairs]
    latin = [[transliterate(s, KK_SCHEMES[k]) for s in kk] for k in KK_SCHEMES]
    return [ru, kk, *latin]


# City (Russian, Kazakh), region slug, share of listings, price factor.
CITY_ROWS: Final = (
    ("Алматы", "Алматы", "almaty", 0.160, 1.30),
    ("Астана", "Астана", "astana", 0.120, 1.25),
    ("Шымкент", "Шымкент", "shymkent", 0.075, 0.95),
    ("Караганда", "Қарағанды", "karaganda", 0.030, 0.90),
    ("Темиртау", "Теміртау", "karaganda", 0.010, 0.75),
    ("Балхаш", "Балқаш", "karaganda", 0.005, 0.75),
    ("Шахтинск", "Шахтинск", "karaganda", 0.003, 0.65),
    ("Актобе", "Ақтөбе", "aktobe", 0.030, 0.95),
    ("Хромтау", "Хромтау", "aktobe", 0.002, 0.70),
    ("Кандыагаш", "Қандыағаш", "aktobe", 0.002, 0.70),
    ("Атырау", "Атырау", "atyrau", 0.022, 1.15),
    ("Кульсары", "Құлсары", "atyrau", 0.003, 0.90),
    ("Актау", "Ақтау", "mangystau", 0.015, 1.10),
    ("Жанаозен", "Жаңаөзен", "mangystau", 0.008, 0.85),
    ("Павлодар", "Павлодар", "pavlodar", 0.020, 0.85),
    ("Экибастуз", "Екібастұз", "pavlodar", 0.008, 0.80),
    ("Аксу", "Ақсу", "pavlodar", 0.003, 0.70),
    ("Усть-Каменогорск", "Өскемен", "east_kazakhstan", 0.020, 0.90),
    ("Риддер", "Риддер", "east_kazakhstan", 0.004, 0.70),
    ("Алтай", "Алтай", "east_kazakhstan", 0.003, 0.65),
    ("Семей", "Семей", "abai", 0.018, 0.80),
    ("Аягоз", "Аягөз", "abai", 0.003, 0.65),
    ("Курчатов", "Курчатов", "abai", 0.001, 0.60),
    ("Костанай", "Қостанай", "kostanay", 0.016, 0.85),
    ("Рудный", "Рудный", "kostanay", 0.007, 0.75),
    ("Лисаковск", "Лисаковск", "kostanay", 0.002, 0.65),
    ("Уральск", "Орал", "west_kazakhstan", 0.018, 0.85),
    ("Аксай", "Ақсай", "west_kazakhstan", 0.004, 0.85),
    ("Тараз", "Тараз", "zhambyl", 0.022, 0.80),
    ("Шу", "Шу", "zhambyl", 0.003, 0.65),
    ("Каратау", "Қаратау", "zhambyl", 0.002, 0.60),
    ("Кызылорда", "Қызылорда", "kyzylorda", 0.016, 0.80),
    ("Аральск", "Арал", "kyzylorda", 0.002, 0.60),
    ("Туркестан", "Түркістан", "turkistan", 0.012, 0.75),
    ("Кентау", "Кентау", "turkistan", 0.004, 0.65),
    ("Сарыагаш", "Сарыағаш", "turkistan", 0.004, 0.70),
    ("Арыс", "Арыс", "turkistan", 0.002, 0.65),
    ("Петропавловск", "Петропавл", "north_kazakhstan", 0.013, 0.80),
    ("Тайынша", "Тайынша", "north_kazakhstan", 0.002, 0.60),
    ("Кокшетау", "Көкшетау", "akmola", 0.010, 0.80),
    ("Степногорск", "Степногорск", "akmola", 0.004, 0.70),
    ("Щучинск", "Щучинск", "akmola", 0.003, 0.70),
    ("Косшы", "Қосшы", "akmola", 0.006, 1.00),
    ("Конаев", "Қонаев", "almaty_region", 0.008, 0.95),
    ("Каскелен", "Қаскелең", "almaty_region", 0.010, 1.05),
    ("Талгар", "Талғар", "almaty_region", 0.008, 1.00),
    ("Есик", "Есік", "almaty_region", 0.004, 0.85),
    ("Талдыкорган", "Талдықорған", "zhetisu", 0.012, 0.80),
    ("Жаркент", "Жаркент", "zhetisu", 0.003, 0.65),
    ("Текели", "Текелі", "zhetisu", 0.002, 0.60),
    ("Жезказган", "Жезқазған", "ulytau", 0.006, 0.75),
    ("Сатпаев", "Сәтбаев", "ulytau", 0.004, 0.70),
)
CITY_NAMES: Final = in_variants([(r[0], r[1]) for r in CITY_ROWS])
CITY_REGION: Final = np.array([REGION_SLUGS.index(r[2]) for r in CITY_ROWS], dtype=np.int16)
CITY_P: Final = np.array([r[3] for r in CITY_ROWS]) / sum(r[3] for r in CITY_ROWS)
CITY_FACTOR: Final = np.array([r[4] for r in CITY_ROWS])
BIG_CITIES: Final = np.flatnonzero(CITY_P >= 0.012)  # where rings and agencies gather


@dataclass(frozen=True)
class Category:
    """How a category's listings look: price spread, city elasticity, currency, photos."""

    weight: float  # share among private sellers' listings
    platform_p: tuple[float, ...]  # over CATEGORY_PLATFORMS[category]
    sigma: float  # log-normal spread around the item's price
    elasticity: float  # price ~ city_factor ** elasticity
    usd: float  # share priced in USD
    null_price: float  # share with no price ("negotiable")
    photos: tuple[int, int]  # min, max photos
    step: int  # prices are rounded to 3 significant digits, at least this step


CATS: Final[dict[str, Category]] = {
    "car": Category(0.11, (0.70, 0.18, 0.12), 0.22, 0.3, 0.06, 0.0, (4, 10), 10_000),
    "car_parts": Category(0.06, (0.50, 0.35, 0.15), 0.45, 0.2, 0.0, 0.03, (1, 5), 500),
    "flat_rent": Category(0.07, (0.65, 0.25, 0.10), 0.22, 1.2, 0.02, 0.0, (4, 10), 5_000),
    "flat_daily": Category(0.025, (0.70, 0.30), 0.22, 0.8, 0.0, 0.0, (3, 8), 500),
    "flat_sale": Category(0.04, (0.80, 0.10, 0.10), 0.22, 1.3, 0.08, 0.0, (5, 10), 100_000),
    "house_sale": Category(0.015, (0.70, 0.30), 0.45, 1.1, 0.08, 0.0, (3, 10), 100_000),
    "phone": Category(0.10, (0.50, 0.30, 0.20), 0.22, 0.1, 0.0, 0.0, (1, 6), 1_000),
    "laptop": Category(0.04, (0.50, 0.30, 0.20), 0.28, 0.1, 0.0, 0.0, (1, 6), 1_000),
    "electronics": Category(0.06, (0.50, 0.30, 0.20), 0.3, 0.1, 0.0, 0.0, (1, 5), 500),
    "appliance": Category(0.07, (0.50, 0.30, 0.20), 0.35, 0.2, 0.0, 0.0, (1, 5), 500),
    "furniture": Category(0.07, (0.60, 0.25, 0.15), 0.45, 0.3, 0.0, 0.02, (1, 5), 500),
    "clothes": Category(0.10, (0.65, 0.35), 0.5, 0.3, 0.0, 0.01, (1, 4), 500),
    "kids": Category(0.06, (0.60, 0.30, 0.10), 0.45, 0.2, 0.0, 0.01, (1, 5), 500),
    "job": Category(0.05, (0.70, 0.30), 0.22, 0.6, 0.0, 0.2, (0, 1), 5_000),
    "service": Category(0.06, (0.65, 0.35), 0.5, 0.5, 0.0, 0.35, (0, 3), 500),
    "pet": Category(0.025, (0.70, 0.30), 0.35, 0.2, 0.0, 0.0, (1, 5), 500),
    "livestock": Category(0.02, (0.60, 0.40), 0.25, 0.1, 0.0, 0.0, (1, 4), 500),
}
assert tuple(CATS) == CATEGORIES
CAT_P: Final = np.array([c.weight for c in CATS.values()]) / sum(c.weight for c in CATS.values())
CAT_SIGMA: Final = np.array([c.sigma for c in CATS.values()])
CAT_ELASTICITY: Final = np.array([c.elasticity for c in CATS.values()])
CAT_USD: Final = np.array([c.usd for c in CATS.values()])
CAT_NULL: Final = np.array([c.null_price for c in CATS.values()])
CAT_PHOTOS: Final = np.array([c.photos for c in CATS.values()], dtype=np.int64)
CAT_STEP: Final = np.array([c.step for c in CATS.values()], dtype=np.float64)
# (category, k) -> platform code, and the probability of each k.
CAT_PLATFORMS: Final = np.full((len(CATEGORIES), 3), -1, dtype=np.int8)
CAT_PLATFORM_P: Final = np.zeros((len(CATEGORIES), 3))
for _c, _cat in enumerate(CATS.values()):
    for _k, _plat in enumerate(CATEGORY_PLATFORMS[CATEGORIES[_c]]):
        CAT_PLATFORMS[_c, _k] = PLAT[_plat]
        CAT_PLATFORM_P[_c, _k] = _cat.platform_p[_k]

# Items: (Russian, Kazakh, base price in KZT, weight). Cars add (typical year, engine litres).
_I = tuple[str, str, float, float]
ITEM_ROWS: Final[dict[str, tuple[_I, ...]]] = {
    "car": (
        ("Toyota Camry", "Toyota Camry", 15.5e6, 8),
        ("Toyota Corolla", "Toyota Corolla", 9.5e6, 4),
        ("Toyota Land Cruiser Prado", "Toyota Land Cruiser Prado", 25e6, 3),
        ("Toyota RAV4", "Toyota RAV4", 14e6, 3),
        ("Hyundai Accent", "Hyundai Accent", 6.5e6, 8),
        ("Hyundai Elantra", "Hyundai Elantra", 9e6, 4),
        ("Hyundai Tucson", "Hyundai Tucson", 12.5e6, 4),
        ("Hyundai Sonata", "Hyundai Sonata", 11e6, 3),
        ("Kia Rio", "Kia Rio", 6.5e6, 6),
        ("Kia K5", "Kia K5", 12.5e6, 3),
        ("Kia Sportage", "Kia Sportage", 12e6, 4),
        ("Chevrolet Cobalt", "Chevrolet Cobalt", 5.8e6, 6),
        ("Chevrolet Nexia", "Chevrolet Nexia", 5.5e6, 4),
        ("Daewoo Nexia", "Daewoo Nexia", 2e6, 4),
        ("Daewoo Matiz", "Daewoo Matiz", 1.4e6, 3),
        ("Lada Granta", "Lada Granta", 4.2e6, 5),
        ("Lada Vesta", "Lada Vesta", 6e6, 4),
        ("ВАЗ 2107", "ВАЗ 2107", 1.1e6, 3),
        ("Lada Niva", "Lada Niva", 4.5e6, 3),
        ("Volkswagen Polo", "Volkswagen Polo", 6.5e6, 4),
        ("Volkswagen Passat", "Volkswagen Passat", 6e6, 3),
        ("Audi A6", "Audi A6", 5.5e6, 2),
        ("Mercedes-Benz E 200", "Mercedes-Benz E 200", 14e6, 3),
        ("BMW 520", "BMW 520", 12e6, 2),
        ("Lexus RX 350", "Lexus RX 350", 18e6, 2),
        ("Mitsubishi Outlander", "Mitsubishi Outlander", 9e6, 2),
        ("Nissan Almera", "Nissan Almera", 4.8e6, 3),
        ("Subaru Forester", "Subaru Forester", 8e6, 2),
        ("Opel Astra", "Opel Astra", 2.5e6, 2),
        ("Chery Tiggo 7 Pro", "Chery Tiggo 7 Pro", 10.5e6, 3),
        ("Haval Jolion", "Haval Jolion", 9.8e6, 3),
        ("JAC S3", "JAC S3", 5.5e6, 1),
        ("Honda CR-V", "Honda CR-V", 8.5e6, 2),
        ("Mazda 6", "Mazda 6", 9e6, 2),
        ("Skoda Octavia", "Skoda Octavia", 7e6, 2),
    ),
    "car_parts": (
        ("Шины зимние R16, комплект", "Қысқы дөңгелектер R16, жинақ", 110e3, 5),
        ("Шины летние R15, 4 штуки", "Жазғы шиналар R15, 4 дана", 70e3, 4),
        ("Диски литые R17", "R17 құйма дискілер", 150e3, 3),
        ("Аккумулятор 60 Ач", "Аккумулятор 60 Ач", 35e3, 4),
        ("Фары на Camry 70", "Camry 70 фаралары", 90e3, 2),
        ("Бампер передний на Accent", "Accent алдыңғы бамперы", 45e3, 2),
        ("Двигатель 2AZ-FE контрактный", "2AZ-FE қозғалтқышы, келісімшарттық", 650e3, 1),
        ("Коробка автомат на Corolla", "Corolla автомат қорабы", 400e3, 1),
        ("Магнитола Android 9 дюймов", "Android магнитола, 9 дюйм", 30e3, 3),
        ("Видеорегистратор", "Бейнетіркегіш", 15e3, 3),
        ("Коврики в салон", "Салон кілемшелері", 12e3, 3),
        ("Стартер", "Стартер", 25e3, 2),
    ),
    "flat_rent": (("квартира", "пәтер", 130e3, 1),),
    "flat_daily": (("квартира", "пәтер", 11e3, 1),),
    "flat_sale": (("квартира", "пәтер", 16e6, 1),),
    "house_sale": (("дом", "үй", 28e6, 1),),
    "phone": (
        ("iPhone 11 64GB", "iPhone 11 64GB", 140e3, 5),
        ("iPhone 12 128GB", "iPhone 12 128GB", 190e3, 5),
        ("iPhone 13 128GB", "iPhone 13 128GB", 260e3, 7),
        ("iPhone 14 Pro 256GB", "iPhone 14 Pro 256GB", 420e3, 5),
        ("iPhone 15 Pro Max 256GB", "iPhone 15 Pro Max 256GB", 610e3, 4),
        ("iPhone 16 Pro 128GB", "iPhone 16 Pro 128GB", 640e3, 2),
        ("iPhone XR", "iPhone XR", 95e3, 3),
        ("Samsung Galaxy A54", "Samsung Galaxy A54", 120e3, 5),
        ("Samsung Galaxy A15", "Samsung Galaxy A15", 65e3, 6),
        ("Samsung Galaxy S23 Ultra", "Samsung Galaxy S23 Ultra", 380e3, 3),
        ("Samsung Galaxy S24", "Samsung Galaxy S24", 350e3, 2),
        ("Xiaomi Redmi Note 13", "Xiaomi Redmi Note 13", 85e3, 7),
        ("Xiaomi Redmi 13C", "Xiaomi Redmi 13C", 48e3, 6),
        ("Poco X6 Pro", "Poco X6 Pro", 130e3, 3),
        ("Honor X8b", "Honor X8b", 80e3, 3),
        ("Realme C55", "Realme C55", 55e3, 3),
        ("Tecno Spark 20", "Tecno Spark 20", 45e3, 3),
        ("Xiaomi 14T", "Xiaomi 14T", 220e3, 2),
        ("Samsung Galaxy Z Flip5", "Samsung Galaxy Z Flip5", 300e3, 1),
    ),
    "laptop": (
        ("MacBook Air M1", "MacBook Air M1", 330e3, 4),
        ("MacBook Air M2", "MacBook Air M2", 460e3, 3),
        ("MacBook Pro 14 M3", "MacBook Pro 14 M3", 900e3, 1),
        ("Lenovo IdeaPad 3", "Lenovo IdeaPad 3", 180e3, 5),
        ("HP 250 G9", "HP 250 G9", 170e3, 4),
        ("Asus TUF Gaming F15", "Asus TUF Gaming F15", 420e3, 3),
        ("Acer Aspire 5", "Acer Aspire 5", 210e3, 3),
        ("Huawei MateBook D15", "Huawei MateBook D15", 230e3, 2),
        ("Dell Latitude 5420", "Dell Latitude 5420", 150e3, 2),
        ("Asus VivoBook 15", "Asus VivoBook 15", 190e3, 4),
        ("Lenovo Legion 5", "Lenovo Legion 5", 550e3, 2),
    ),
    "electronics": (
        ("Телевизор Samsung 55 дюймов", "Samsung теледидары, 55 дюйм", 220e3, 5),
        ("Телевизор LG 43 дюйма", "LG теледидары, 43 дюйм", 140e3, 4),
        ("PlayStation 5", "PlayStation 5", 270e3, 4),
        ("PlayStation 4 Pro", "PlayStation 4 Pro", 130e3, 3),
        ("Xbox Series S", "Xbox Series S", 160e3, 2),
        ("AirPods Pro 2", "AirPods Pro 2", 95e3, 4),
        ("Apple Watch Series 9", "Apple Watch Series 9", 170e3, 2),
        ("Наушники JBL Tune 510", "JBL Tune 510 құлаққаптары", 18e3, 3),
        ("Колонка JBL Charge 5", "JBL Charge 5 колонкасы", 65e3, 3),
        ("Фотоаппарат Canon EOS 250D", "Canon EOS 250D фотоаппараты", 290e3, 1),
        ("Яндекс Станция Мини", "Яндекс Станция Мини", 35e3, 2),
        ("iPad 10", "iPad 10", 200e3, 3),
        ("Samsung Galaxy Tab A9", "Samsung Galaxy Tab A9", 90e3, 2),
    ),
    "appliance": (
        ("Холодильник Samsung", "Samsung тоңазытқышы", 280e3, 4),
        ("Холодильник Indesit", "Indesit тоңазытқышы", 150e3, 3),
        ("Стиральная машина LG 7 кг", "LG кір жуғыш машинасы, 7 кг", 170e3, 4),
        ("Стиральная машина Artel", "Artel кір жуғыш машинасы", 110e3, 3),
        ("Кондиционер Midea", "Midea кондиционері", 180e3, 3),
        ("Пылесос Dyson V15", "Dyson V15 шаңсорғышы", 320e3, 2),
        ("Пылесос Samsung", "Samsung шаңсорғышы", 45e3, 3),
        ("Микроволновая печь", "Микротолқынды пеш", 30e3, 3),
        ("Газовая плита", "Газ плитасы", 80e3, 2),
        ("Посудомоечная машина Bosch", "Bosch ыдыс жуғыш машинасы", 230e3, 1),
        ("Мультиварка Redmond", "Redmond мультиваркасы", 25e3, 2),
        ("Кофемашина DeLonghi", "DeLonghi кофемашинасы", 150e3, 1),
    ),
    "furniture": (
        ("Диван угловой", "Бұрыштық диван", 150e3, 4),
        ("Шкаф-купе", "Купе шкафы", 120e3, 3),
        ("Кухонный гарнитур", "Ас үй гарнитуры", 250e3, 2),
        ("Кровать 160х200 с матрасом", "160х200 төсек, матрасымен", 120e3, 3),
        ("Стол и 4 стула", "Үстел және 4 орындық", 60e3, 3),
        ("Комод", "Комод", 35e3, 2),
        ("Офисное кресло", "Кеңсе креслосы", 40e3, 2),
        ("Мягкая мебель", "Жұмсақ жиһаз", 200e3, 2),
        ("Стенка", "Қабырға шкафы", 70e3, 1),
        ("Сырмак ручной работы", "Қолдан жасалған сырмақ", 90e3, 1),
    ),
    "clothes": (
        ("Пуховик зимний", "Қысқы пуховик", 25e3, 4),
        ("Куртка кожаная", "Былғары күрте", 35e3, 3),
        ("Платье вечернее", "Кешкі көйлек", 20e3, 4),
        ("Кроссовки Nike", "Nike кроссовкалары", 30e3, 4),
        ("Шуба норковая", "Күзен тон", 450e3, 1),
        ("Свадебное платье", "Үйлену көйлегі", 90e3, 1),
        ("Костюм мужской", "Ерлер костюмі", 30e3, 2),
        ("Сапоги зимние", "Қысқы етік", 20e3, 3),
        ("Шапан", "Шапан", 45e3, 1),
        ("Камзол", "Камзол", 25e3, 1),
        ("Джинсы Levi's", "Levi's джинсы", 12e3, 2),
    ),
    "kids": (
        ("Коляска Anex", "Anex арбасы", 120e3, 3),
        ("Коляска 2 в 1", "2-і 1-де арба", 70e3, 3),
        ("Автокресло", "Автокресло", 30e3, 3),
        ("Детская кроватка", "Балалар кереуеті", 35e3, 3),
        ("Велосипед детский", "Балалар велосипеді", 25e3, 3),
        ("Манеж", "Манеж", 20e3, 2),
        ("Ходунки", "Жүргіншек", 10e3, 2),
        ("Конструктор LEGO", "LEGO құрастырғышы", 20e3, 2),
        ("Бесик", "Бесік", 30e3, 1),
    ),
    "job": (
        ("продавец-консультант", "сатушы-кеңесші", 200e3, 5),
        ("официант", "даяшы", 160e3, 4),
        ("водитель категории C", "С санатты жүргізуші", 380e3, 3),
        ("бухгалтер", "бухгалтер", 320e3, 3),
        ("повар", "аспаз", 260e3, 3),
        ("разнорабочий", "жұмысшы", 220e3, 3),
        ("оператор call-центра", "call-орталық операторы", 200e3, 3),
        ("менеджер по продажам", "сату менеджері", 280e3, 3),
        ("сварщик", "дәнекерлеуші", 380e3, 2),
        ("курьер", "курьер", 230e3, 3),
        ("няня", "бала күтуші", 170e3, 2),
        ("охранник", "күзетші", 190e3, 2),
        ("кассир", "кассир", 180e3, 3),
        ("грузчик", "жүк тасушы", 200e3, 2),
    ),
    "service": (
        ("Ремонт квартир под ключ", "Пәтерді кілтке дейін жөндеу", 15e3, 3),
        ("Сантехник", "Сантехник қызметі", 5e3, 3),
        ("Электрик", "Электрик қызметі", 5e3, 3),
        ("Грузоперевозки на Газели", "Газельмен жүк тасымалдау", 8e3, 3),
        ("Репетитор по математике", "Математикадан репетитор", 5e3, 2),
        ("Маникюр", "Маникюр", 6e3, 2),
        ("Ремонт телефонов", "Телефон жөндеу", 8e3, 2),
        ("Уборка квартир", "Пәтер тазалау", 20e3, 2),
        ("Такси межгород", "Қалааралық такси", 10e3, 2),
        ("Тамада на той", "Тойға асаба", 150e3, 2),
        ("Фотограф на той", "Тойға фотограф", 80e3, 1),
        ("Ремонт стиральных машин", "Кір жуғыш машина жөндеу", 7e3, 2),
        ("Натяжные потолки", "Керме төбелер", 3.5e3, 2),
    ),
    "pet": (
        ("Котята британские", "Британ мысықтары", 40e3, 4),
        ("Котята шотландские", "Шотланд мысықтары", 45e3, 3),
        ("Щенки хаски", "Хаски күшіктері", 120e3, 2),
        ("Щенки шпица", "Шпиц күшіктері", 180e3, 2),
        ("Щенки йорка", "Йорк күшіктері", 150e3, 2),
        ("Щенки алабая", "Алабай күшіктері", 90e3, 2),
        ("Волнистые попугаи", "Толқынды тотықұстар", 6e3, 2),
        ("Аквариумные рыбки", "Аквариум балықтары", 2e3, 1),
        ("Котята в добрые руки", "Мысықтар тегін беріледі", 0.0, 3),
        ("Кролики", "Қояндар", 8e3, 1),
        ("Щенки французского бульдога", "Француз бульдогы күшіктері", 220e3, 1),
    ),
    "livestock": (
        ("Бараны на Курбан айт", "Құрбан айтқа қошқарлар", 90e3, 4),
        ("Корова дойная", "Сауын сиыр", 450e3, 3),
        ("Лошадь на согым", "Соғымға жылқы", 850e3, 2),
        ("Куры-несушки", "Жұмыртқалайтын тауықтар", 3.5e3, 2),
        ("Тёлка", "Құнажын", 300e3, 2),
        ("Козы", "Ешкілер", 50e3, 1),
        ("Бычки", "Бұқашықтар", 250e3, 2),
    ),
}
CAR_YEAR: Final = (
    2018, 2017, 2016, 2018, 2018, 2019, 2019, 2019, 2018, 2021, 2019, 2020, 2021, 2010, 2010,
    2019, 2020, 2008, 2018, 2018, 2012, 2010, 2015, 2014, 2015, 2016, 2016, 2013, 2008, 2023,
    2023, 2020, 2012, 2016, 2016,
)  # fmt: skip
CAR_ENGINE: Final = (
    2.5, 1.6, 2.7, 2.0, 1.6, 2.0, 2.0, 2.0, 1.6, 2.5, 2.0, 1.5, 1.5, 1.5, 0.8, 1.6, 1.6, 1.5,
    1.7, 1.6, 1.8, 2.8, 2.0, 2.0, 3.5, 2.4, 1.6, 2.5, 1.6, 1.5, 1.5, 1.6, 2.4, 2.0, 1.4,
)  # fmt: skip
assert len(CAR_YEAR) == len(CAR_ENGINE) == len(ITEM_ROWS["car"])

# One flat item table: category c's items are ITEM_LO[c] .. ITEM_LO[c+1]-1.
_ALL_ITEMS = [row for cat in CATEGORIES for row in ITEM_ROWS[cat]]
ITEM_NAMES: Final = in_variants([(r[0], r[1]) for r in _ALL_ITEMS])
ITEM_PRICE: Final = np.array([r[2] for r in _ALL_ITEMS])
ITEM_LO: Final = np.cumsum([0] + [len(ITEM_ROWS[c]) for c in CATEGORIES])
ITEM_CAT: Final = np.repeat(np.arange(len(CATEGORIES)), np.diff(ITEM_LO)).astype(np.int8)
ITEM_W: Final = np.array([r[3] for r in _ALL_ITEMS], dtype=np.float64)
ITEM_YEAR: Final = np.zeros(len(_ALL_ITEMS), dtype=np.int64)
ITEM_YEAR[ITEM_LO[CAT["car"]] : ITEM_LO[CAT["car"] + 1]] = CAR_YEAR
ENGINES: Final = np.array(CAR_ENGINE)


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


# The typical (weighted median) base price of a category's priced items.
CAT_TYPICAL: Final = np.array(
    [
        _weighted_median(
            ITEM_PRICE[lo:hi][ITEM_PRICE[lo:hi] > 0], ITEM_W[lo:hi][ITEM_PRICE[lo:hi] > 0]
        )
        for lo, hi in pairwise(ITEM_LO)
    ]
)
# Items whose sellers often show the maker's catalogue photo instead of their own.
STOCK_CATS: Final = tuple(CAT[c] for c in ("phone", "laptop", "electronics", "appliance"))

COLORS: Final = in_variants(
    [("белый", "ақ"), ("чёрный", "қара"), ("серебристый", "күміс түсті"), ("серый", "сұр"),
     ("синий", "көк"), ("красный", "қызыл"), ("бежевый", "бежевый")]
)  # fmt: skip
GEARBOXES: Final = in_variants(
    [("автомат", "автомат"), ("механика", "механика"), ("вариатор", "вариатор")]
)
STREETS: Final = in_variants(
    [("ул. Абая", "Абай көшесі"), ("ул. Толе би", "Төле би көшесі"),
     ("пр. Абылай хана", "Абылай хан даңғылы"), ("ул. Сатпаева", "Сәтбаев көшесі"),
     ("ул. Кунаева", "Қонаев көшесі"), ("ул. Айтеке би", "Әйтеке би көшесі"),
     ("ул. Байтурсынова", "Байтұрсынов көшесі"), ("мкр. Самал", "Самал ш/а"),
     ("мкр. Восток", "Шығыс ш/а"), ("ул. Ауэзова", "Әуезов көшесі"),
     ("ул. Жамбыла", "Жамбыл көшесі"), ("ул. Гагарина", "Гагарин көшесі"),
     ("мкр. Нурсат", "Нұрсат ш/а"), ("ЖК «Алатау»", "«Алатау» ТК"), ("ЖК «Хайвил»", "«Хайвил» ТК"),
     ("ул. Желтоксан", "Желтоқсан көшесі")]
)  # fmt: skip
# Names of agencies, car dealers and shops (brand-like, the same in every language).
BUSINESS_NAMES: Final = (
    "Ак Орда Недвижимость", "Жилстрой", "Мой Дом", "Nomad Realty", "Астана Хоум", "Қазына Риэлт",
    "Этажи", "Империя Недвижимости", "Auto Trade KZ", "Авто Алем", "Car City", "Mega Motors",
    "Kolesa Partner", "Жол Авто", "Tech Store", "iStore KZ", "Gadget Pro", "Smart Zone",
    "Электро Мир", "Бытовая техника 24", "Sulu Home", "TechnoPlus",
)  # fmt: skip
SELLER_NAMES: Final = (
    "Айгерим", "Асель", "Дана", "Мадина", "Динара", "Нурлан", "Ерлан", "Даурен", "Арман",
    "Айбек", "Бауыржан", "Санжар", "Данияр", "Мирас", "Жанна", "Тимур", "Марат", "Ольга", "Сергей",
    "Андрей", "Светлана", "Наталья",
)  # fmt: skip

ROOMS_P: Final = {
    "flat_rent": (0.38, 0.35, 0.20, 0.06, 0.01),
    "flat_daily": (0.55, 0.33, 0.10, 0.02, 0.0),
    "flat_sale": (0.30, 0.35, 0.25, 0.08, 0.02),
    "house_sale": (0.0, 0.0, 0.25, 0.40, 0.35),
}
ROOM_CATS: Final = tuple(CAT[c] for c in ROOMS_P)
FLOORS: Final = np.array([5, 5, 9, 9, 9, 12, 16])


def rooms_factor(cat: np.ndarray, rooms: np.ndarray) -> np.ndarray:
    """Price multiplier for the number of rooms (1 for categories without rooms)."""
    r = rooms.astype(np.float64)
    out = np.ones(len(cat))
    rent = (cat == CAT["flat_rent"]) | (cat == CAT["flat_daily"])
    out[rent] = 1 + 0.35 * (r[rent] - 1)
    sale = cat == CAT["flat_sale"]
    out[sale] = r[sale] ** 0.8
    house = cat == CAT["house_sale"]
    out[house] = (r[house] / 3) ** 0.6
    return out


def market_price(
    item: np.ndarray, city: np.ndarray, rooms: np.ndarray, year: np.ndarray
) -> np.ndarray:
    """The median KZT price of an item in a city (before the log-normal spread)."""
    cat = ITEM_CAT[item]
    age = np.where(ITEM_YEAR[item] > 0, year - ITEM_YEAR[item], 0)
    return (
        ITEM_PRICE[item]
        * CITY_FACTOR[city] ** CAT_ELASTICITY[cat]
        * rooms_factor(cat, rooms)
        * np.exp(0.09 * age)
    )


def round_price(price: np.ndarray, cat: np.ndarray) -> np.ndarray:
    """Round to 3 significant digits (and the category's step), as people write prices."""
    p = np.maximum(price, 1.0)
    step = np.maximum(10.0 ** np.maximum(np.floor(np.log10(p)) - 2, 0), CAT_STEP[cat])
    return np.where(price > 0, np.maximum(np.round(price / step), 1) * step, 0.0)


def to_usd(kzt: np.ndarray) -> np.ndarray:
    """A KZT price as a USD listing would show it (rounded to 100 or 1,000 dollars)."""
    usd = kzt / KZT_PER_USD
    step = np.where(usd >= 50_000, 1000.0, 100.0)
    return np.maximum(np.round(usd / step), 1) * step
