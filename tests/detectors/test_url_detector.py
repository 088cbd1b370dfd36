"""The phishing and lookalike detector: every trick it must catch has a reason of its own, and
real sites stay ok."""

from __future__ import annotations

import pytest

from saqbol.detectors.urls import KnownResource, UrlContext, default_url_detector
from saqbol.errors import InvalidInput
from saqbol.rules import load_cue_book, load_url_rules, reason_text


@pytest.fixture(scope="module")
def detector():
    return default_url_detector()


CAUGHT = [
    # (url, reason code that must fire, brand)
    ("kapsi.kz", "url.typo.transposition", "Kaspi.kz"),
    ("kasi.kz", "url.typo.omission", "Kaspi.kz"),
    ("kasppi.kz", "url.typo.repetition", "Kaspi.kz"),
    ("kazspi.kz", "url.typo.insertion", "Kaspi.kz"),
    ("kaspis.kz", "url.typo.plural", "Kaspi.kz"),
    ("kas-pi.kz", "url.typo.hyphenation", "Kaspi.kz"),
    ("kaspo.kz", "url.typo.vowel_swap", "Kaspi.kz"),
    ("laspi.kz", "url.typo.keyboard", "Kaspi.kz"),
    ("kcspi.kz", "url.typo.bitsquatting", "Kaspi.kz"),
    ("dcc.kz", "url.typo.lookalike", "Bank CenterCredit"),  # d passes for b
    ("alzel.kz", "url.typo.keyboard", "Altel"),  # z is next to t on a German keyboard
    ("kojesa.kz", "url.typo.replacement", "Kolesa.kz"),  # any letter, in a longer name
    ("k.aspi.kz", "url.typo.split", "Kaspi.kz"),
    ("eg.ov.kz", "url.typo.split", "eGov (электронное правительство)"),
    ("kаspi.kz", "url.homoglyph", "Kaspi.kz"),  # Cyrillic а
    ("xn--kspi-53d.kz", "url.homoglyph", "Kaspi.kz"),  # punycode of kаspi (Cyrillic а)
    ("xn--80att7fg.kz", "url.homoglyph", "Kaspi.kz"),  # каѕрі: all Cyrillic look-alikes
    ("kasp1.kz", "url.homoglyph", "Kaspi.kz"),  # digit for letter
    ("icmg.kz", "url.homoglyph", "KazMunayGas"),  # i for l, then lc for k
    ("olx-dostavka.kz", "url.combosquat", "OLX"),
    ("egov-pay.kz", "url.combosquat", "eGov (электронное правительство)"),
    ("kaspi-bonus.online", "url.combosquat", "Kaspi.kz"),
    ("kaspi.com", "url.tld_swap", "Kaspi.kz"),
    ("kaspi.kz.verify-account.ru", "url.brand_subdomain", "Kaspi.kz"),
    ("http://example-shop.ru/kaspi.kz/login", "url.brand_in_path", "Kaspi.kz"),
    # Glue read as alternatives: bonus + apple, not bonus + app + "le"; tbank + bonus.
    ("bonusapple.com", "url.combosquat", "Apple / iCloud"),
    ("tbankbonus.ru", "url.combosquat", "T-Bank (Tinkoff)"),
    ("wwwgov.kz", "url.combosquat", "Gov.kz (порталы госорганов)"),  # the dot after www left out
    # An official domain written as one label.
    ("applecom.com", "url.combosquat", "Apple / iCloud"),
    ("post-kz.com", "url.combosquat", "Kazpost (Казпочта)"),
    # A label two brands share counts in the zones of both (gov.kz, gov.ru).
    ("gova.ru", "url.typo.insertion", "State Revenue Committee (налоговая служба)"),
    # Letters with hooks and strokes, and Cyrillic letters, that pass for Latin ones.
    ("xn--lsa-3jy.com", "url.homoglyph", "Visa"),  # ᶌlsa: v with a palatal hook, l for i
    ("xn--80ax3fyx.ru", "url.homoglyph", "Mail.ru"),  # маіӏ, all Cyrillic (ӏ the palochka)
    # Look-alike Latin letters: r and n pass for m; a pair fold must not eat a look-alike.
    ("nrsn.com", "url.homoglyph", "Microsoft"),
    ("dlnance.us", "url.homoglyph", "Binance"),  # d for b, l for i
    # An everyday official label in a cheap zone.
    ("mail.online", "url.tld_swap", "Mail.ru"),
]


def test_an_unrelated_letter_in_a_short_name_is_another_word(detector) -> None:
    # astel.kz is a Kazakh telecom of its own: one letter from altel.kz, but not a key next
    # to it on any keyboard, a look-alike, a vowel or one bit.
    assert detector.check("astel.kz").label == "ok"
    assert detector.check("kmj.kz").label == "ok"  # g and j are two keys apart


@pytest.mark.parametrize(
    ("url", "label", "brand"),
    [
        ("ta.me", "suspicious", "Telegram"),  # one letter added in the official zone
        ("vk1.com", "suspicious", "VK (ВКонтакте)"),
        ("ya-bonus.ru", "phishing", "Yandex (Go, Taxi, Delivery)"),  # the lure word weighs too
        ("t.ru", "suspicious", "Telegram"),  # the same label in another zone
        ("fcl.com", "suspicious", "Facebook / Meta"),  # look-alike letters: cl for d, d for b
    ],
)
def test_short_official_labels_count_near_their_own_zone(detector, url, label, brand) -> None:
    verdict = detector.check(url)
    assert (verdict.label, verdict.brand) == (label, brand)
    assert "url.short_name" in [r.code for r in verdict.reasons]


@pytest.mark.parametrize("url", ["уа.ru", "xn--j1a1j.com", "vva.me"])  # уа, ѵк, vv for w
def test_short_official_labels_in_look_alike_letters_are_phishing(detector, url) -> None:
    verdict = detector.check(url)
    assert verdict.label == "phishing"
    assert "url.homoglyph" in [r.code for r in verdict.reasons]


@pytest.mark.parametrize(
    "url", ["gt.com", "ea.com", "tt.com", "r18.com", "mail.kz", "t.cn", "go.im", "webme.com"]
)
def test_short_official_labels_stay_in_their_own_zone(detector, url) -> None:
    # gt, tt: one edit of t.me, but in .com; ea: of ya.ru; r18 is fb only after folding the
    # digits, a pair and a keyboard slip; mail.kz is a Kazakh mail service, not mail.ru; t.cn
    # and go.im are in other countries' zones; web is no lure word.
    assert detector.check(url).label == "ok"


@pytest.mark.parametrize("url", ["telegraph.co.uk", "telescope.com", "www.gov.uk", "www.nhs.uk"])
def test_words_that_official_domains_spell_are_not_lookalikes(detector, url) -> None:
    # telegra.ph and telesco.pe are Telegram's, and joined they are English words; a www host
    # under a two-label suffix (gov.uk) is a real site, not a domain named www.
    assert detector.check(url).label == "ok"


@pytest.mark.parametrize(("url", "code", "brand"), CAUGHT)
def test_lookalikes_are_caught_with_a_reason_and_the_brand(detector, url, code, brand) -> None:
    verdict = detector.check(url)
    assert verdict.label in {"phishing", "suspicious"}, verdict.reasons
    assert code in [r.code for r in verdict.reasons]
    assert verdict.brand == brand


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://bit.ly/3xYz", "url.shortener"),
        ("http://185.22.10.4/pay", "url.ip_host"),
        ("http://kaspi.kz@185.22.10.4/", "url.userinfo"),
        ("data:text/html;base64,PGgxPkthc3BpPC9oMT4=", "url.scheme_opaque"),
        ("javascript:alert(1)", "url.scheme_opaque"),
    ],
)
def test_tricks_that_hide_the_host_are_flagged(detector, url, code) -> None:
    verdict = detector.check(url)
    assert verdict.label in {"phishing", "suspicious"}
    assert code in [r.code for r in verdict.reasons]


@pytest.mark.parametrize("url", ["www.kz", "https://www.com/news"])
def test_a_domain_named_www_catches_addresses_typed_without_a_name(detector, url) -> None:
    verdict = detector.check(url)
    assert verdict.label == "suspicious"
    assert verdict.reasons[0].code == "url.www_name"
    assert detector.check("https://www.gov.kz/memleket").label == "ok"  # a www host is not


@pytest.mark.parametrize("path", ["/вывод", "/%D0%B2%D1%8B%D0%B2%D0%BE%D0%B4", "/tolem", "/priz"])
def test_lure_words_in_cyrillic_and_translit_paths(detector, path) -> None:
    verdict = detector.check(f"http://example-wallet-site.com{path}")
    assert "url.lure" in [r.code for r in verdict.reasons]


def test_lure_words_in_translit_add_to_the_score(detector) -> None:
    plain = detector.check("http://halykk.kz/")
    lured = detector.check("http://halykk.kz/vozvrat/kompensaciya")
    assert "url.lure" in [r.code for r in lured.reasons]
    assert lured.score > plain.score


@pytest.mark.parametrize(
    "url",
    [
        "https://kaspi.kz/shop/p/iphone",
        "https://www.halykbank.kz",
        "https://egov.kz/cms/ru",
        "https://kgd.gov.kz/ru",
        "https://www.olx.kz/d/obyavlenie/",
        "olx.pl",  # the brand's own domain in another country is not a lookalike
        "olx.ua",
        "https://krisha.kz/prodazha/kvartiry/almaty/",
        "https://tengrinews.kz/kazakhstan_news/",
        "https://www.nur.kz",
        "https://kolesa.kz/cars/",
        "https://www.google.com/search?q=kaspi",
    ],
)
def test_real_sites_are_ok(detector, url) -> None:
    verdict = detector.check(url)
    assert verdict.label == "ok", verdict.reasons
    assert verdict.reasons


def test_every_verdict_has_reasons_whose_codes_exist(detector) -> None:
    codes = set(load_url_rules().weights) | set(load_cue_book().cues)
    urls = [u for u, _, _ in CAUGHT] + ["https://tengrinews.kz", "bit.ly/x", "kaspi.kz"]
    for verdict in detector.check_batch(urls):
        assert verdict.reasons
        for reason in verdict.reasons:
            assert reason.code in codes
            for lang in ("kk", "ru", "en"):
                assert "{" not in reason_text(reason.code, reason.params, lang)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://" + "a" * 64 + ".kz/", "63"),
        ("http://" + ".".join(["abcdefghij"] * 25) + ".kz/", "253"),
        ("http://xn--zz-zzzzzzz.kz/", "valid"),  # invalid punycode
        ("http://ka spi.kz", "spaces"),
        ("", "empty"),
    ],
)
def test_bad_input_is_an_error_verdict_in_a_batch_and_raises_alone(detector, url, problem) -> None:
    [verdict] = detector.check_batch([url])
    assert verdict.label == "error"
    assert verdict.reasons[0].code == "url.error"
    assert problem in str(verdict.reasons[0].params["problem"]) or problem == "empty"
    with pytest.raises(InvalidInput) as caught:
        detector.check(url)
    assert caught.value.field == "url"


def test_a_batch_goes_on_after_a_bad_line(detector) -> None:
    verdicts = detector.check_batch(["kapsi.kz", "http://" + "a" * 70 + ".kz", "kaspi.kz"])
    assert [v.label for v in verdicts] == ["phishing", "error", "ok"]


def test_the_monitoring_registry_feeds_in(detector) -> None:
    plain = detector.check("http://plain-shop-example.com/")
    assert plain.label == "ok"
    context = UrlContext({"plain-shop-example.com": KnownResource("blocked", 4)})
    known = detector.check("http://plain-shop-example.com/", context)
    assert known.label == "phishing"
    assert "url.registry.blocked" in [r.code for r in known.reasons]
    cleared = UrlContext({"plain-shop-example.com": KnownResource("false_positive", 4)})
    assert detector.check("http://plain-shop-example.com/", cleared).label == "ok"


def test_an_analysts_false_positive_decision_clears_a_lookalike(detector) -> None:
    assert detector.check("kmf.kz").label == "phishing"  # one letter from kmg.kz
    cleared = UrlContext({"kmf.kz": KnownResource("false_positive", 1)})
    verdict = detector.check("kmf.kz", cleared)
    assert verdict.label == "ok"
    assert verdict.reasons[0].code == "url.registry.cleared"
