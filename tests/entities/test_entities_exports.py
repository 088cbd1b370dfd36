import types

import saqbol.entities as entities

CONTRACT = {
    "ENTITY_KINDS",
    "Identifier",
    "normalise",
    "keyed_hash",
    "parse_phone",
    "mask_phone",
    "validate_iin",
    "parse_iin",
    "validate_bin",
    "parse_card",
    "mask_card",
    "parse_iban",
    "parse_url",
    "parse_domain",
    "parse_ip",
    "parse_wallet",
    "parse_device",
}


def test_all_is_the_contract():
    assert set(entities.__all__) == CONTRACT
    assert len(entities.__all__) == len(CONTRACT)


def test_all_is_complete():
    public = {
        name
        for name, value in vars(entities).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(entities.__all__)


def test_entity_kinds():
    assert entities.ENTITY_KINDS == (
        "phone",
        "card",
        "iban",
        "iin",
        "url",
        "domain",
        "ip",
        "crypto_wallet",
        "device",
    )
