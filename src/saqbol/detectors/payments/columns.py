"""The columns of a payment and a loan event, shared by the generator, the batch scorer and the
API. A Parquet/CSV/JSONL file of payments has exactly these names; the API's JSON body uses
the same names (see ``saqbol.schemas.PaymentIn``).

Money is integer tiyn (1 tenge = 100 tiyn); times are UTC.
"""

from __future__ import annotations

from typing import Final

import polars as pl

PAYEE_TYPES: Final = ("card", "iban", "phone", "wallet", "crypto", "merchant")
CHANNELS: Final = ("app", "web", "p2p_phone", "qr", "atm", "pos")
CURRENCIES: Final = ("KZT", "USD", "EUR", "RUB", "CNY", "USDT")

TIME = pl.Datetime("us", "UTC")

PAYMENT_SCHEMA: Final[dict[str, pl.DataType]] = {
    "event_id": pl.String(),
    "time": TIME,
    "payer_account": pl.String(),  # the payer's KZ IBAN
    "payer_bank": pl.String(),  # short bank code, e.g. "KASPI"
    "payee_type": pl.String(),  # one of PAYEE_TYPES
    "payee": pl.String(),  # card number, KZ IBAN, +7 phone, wallet id, exchange, merchant id
    "payee_account": pl.String(),  # KZ IBAN behind a domestic card/phone/IBAN payee, else null
    "payee_bank": pl.String(),  # may be null (crypto exchange, foreign payee)
    "payee_country": pl.String(),  # ISO 3166 alpha-2
    "amount": pl.Int64(),  # tiyn, > 0
    "currency": pl.String(),  # one of CURRENCIES
    "channel": pl.String(),  # one of CHANNELS
    "device_id": pl.String(),
    "ip": pl.String(),
    "remote_access": pl.Boolean(),  # a remote-access app (AnyDesk, ...) is active
    "on_call": pl.Boolean(),  # a phone call is in progress
    "new_device": pl.Boolean(),  # first time this device is seen for the payer
    "sim_changed": pl.Boolean(),  # the payer's SIM was changed in the last days
}

LOAN_SCHEMA: Final[dict[str, pl.DataType]] = {
    "event_id": pl.String(),
    "time": TIME,
    "borrower_account": pl.String(),  # the KZ IBAN the loan is paid into
    "borrower_iin": pl.String(),
    "lender": pl.String(),  # lender code, e.g. "KASPI", "MFO_SOLVA"
    "amount": pl.Int64(),  # tiyn
    "currency": pl.String(),
    "online": pl.Boolean(),
}

TRUTH_SCHEMA: Final[dict[str, pl.DataType]] = {
    "event_id": pl.String(),  # a payment's event_id
    "is_fraud": pl.Boolean(),
    "scenario": pl.String(),  # "none" for normal payments
    "role": pl.String(),  # "customer", "victim", "fraudster" or "mule"
}
