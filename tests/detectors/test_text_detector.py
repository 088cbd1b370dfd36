"""The shipped text detector on messages written for these tests (not from the corpus)."""

from __future__ import annotations

import pytest

from saqbol.detectors.text import Message, TextContext, default_detector
from saqbol.detectors.text.detector import KnownEntity
from saqbol.errors import InvalidInput

SCAMS = [
    (
        "Здравствуйте, служба безопасности Kaspi. На ваше имя оформляют кредит, продиктуйте код "
        "из SMS, чтобы отменить заявку.",
        "sms_code_1414",
    ),
    (
        "Сіздің атыңызға несие рәсімделіп жатыр. Ақшаңызды сақтау үшін қауіпсіз шотқа аударыңыз.",
        "safe_account",
    ),
    (
        "Your card is blocked. Verify your details here: http://kaspi-verify.online/login",
        "phishing_link",
    ),
    (
        "Мама, я попал в аварию, срочно нужны деньги, переведи 200 000 на эту карту, не звони",
        "relative_in_trouble",
    ),
    ("Tegin 10 000 robux! Anańnyń kartasynyń suretin jiber, sosyn kod keledi", "game_gift"),
    (
        "Работа курьером: принимаешь переводы на свою карту и переводишь дальше, 10% себе",
        "mule_recruitment",
    ),
    (
        "Поздравляем! Вы выиграли iPhone 17 в розыгрыше Magnum. Оплатите доставку 4 990 тг.",
        "prize_lottery",
    ),
    ("Инвестируйте в акции КазМунайГаз от 90 000 тг и получайте доход 30% в месяц", "investment"),
    ("Установите AnyDesk, наш специалист поможет защитить ваш счёт", "remote_access"),
    (
        "Кредит без справок с любой кредитной историей! Оплатите страховку 15 000 тг",
        "fake_loan",
    ),
]
LEGIT = [
    "Ваш код для входа в eGov: 482913. Никому не сообщайте этот код.",
    "Kaspi.kz: Покупка 12 500 ₸ MAGNUM. Доступно 84 300 ₸",
    "Сіздің кодыңыз: 5521. Кодты ешкімге айтпаңыз.",
    "Абайлаңыз, алаяқтар! Банк қызметкерлері ешқашан SMS-кодты сұрамайды.",
    "Police never ask you to move money to a safe account. If someone calls, hang up and call 102.",
    "В 2024 году в Казахстане зарегистрировано более 22 тысяч интернет-мошенничеств.",
    "Апа, ертең сабаққа 3000 жіберші, рахмет",
    "Hi Dana, I'll transfer you the rent tomorrow morning.",
    "Встречаемся в 7 у входа в Mega, не опаздывай",
]


@pytest.fixture(scope="module")
def detector():
    return default_detector()


@pytest.mark.parametrize(("text", "typology"), SCAMS)
def test_scams_are_caught_with_their_typology(detector, text, typology) -> None:
    verdict = detector.detect(text)
    assert (verdict.label, verdict.typology) == ("scam", typology), verdict.reasons
    assert verdict.reasons and verdict.reasons[0].weight > 0


@pytest.mark.parametrize("text", LEGIT)
def test_hard_negatives_are_legit(detector, text) -> None:
    verdict = detector.detect(text)
    assert verdict.label == "legit", verdict.reasons
    assert verdict.typology == "legit" and verdict.reasons


@pytest.mark.parametrize(
    "disguise",
    [
        "Назовите к о д из SMS от 1414, служба безопасности банка",
        "Назовите ко\u200bд из SMS от 1414, служба безопасности банкa",
        "НАЗОВИТЕ КОД ИЗ СМС ОТ 1414!!! СЛУЖБА БЕЗОПАСНОСТИ 🔥🔥",
    ],
)
def test_disguised_requests_still_caught(detector, disguise) -> None:
    assert detector.detect(disguise).label == "scam"


def test_disguise_is_itself_a_reason(detector) -> None:
    codes = [r.code for r in detector.detect("Kаspi бонус: ка\u200bспи.kz").reasons]
    assert "text.obfuscation.mixed_script" in codes


def test_registry_knowledge_raises_the_score(detector) -> None:
    text = "Скинь 5000 на +7 701 123 45 67, завтра верну"
    plain = detector.detect_batch([Message(text)])[0]
    known = TextContext(known_entities={("phone", "+77011234567"): KnownEntity("blocked", 4)})
    linked = detector.detect_batch([Message(text)], known)[0]
    assert linked.score > plain.score
    assert "text.registry.blocked" in [r.code for r in linked.reasons]


def test_sender_number_posing_as_a_bank(detector) -> None:
    verdict = detector.detect("Halyk Bank: ваша карта заблокирована", sender="+77011234567")
    assert "text.sender.personal_number" in [r.code for r in verdict.reasons]


def test_entities_come_back_normalised(detector) -> None:
    verdict = detector.detect("Переведи на 4400 4300 0000 0007, звони 8 701 123 45 67")
    assert {(e.type, e.value) for e in verdict.entities} >= {
        ("card", "4400430000000007"),
        ("phone", "+77011234567"),
    }


@pytest.mark.parametrize("bad", ["", "   \n", "x" * 20_001])
def test_empty_or_oversized_text_is_refused(detector, bad) -> None:
    with pytest.raises(InvalidInput) as info:
        detector.detect(bad)
    assert info.value.field == "text"


def test_batch_and_single_agree(detector) -> None:
    texts = [t for t, _ in SCAMS[:3]] + LEGIT[:3]
    batch = detector.detect_batch([Message(t) for t in texts])
    assert [v.score for v in batch] == [detector.detect(t).score for t in texts]
