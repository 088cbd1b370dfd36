"""The columns of an operator's call records, roaming records, SIM usage and labels, shared by
the synthetic generator and the call detectors. A Parquet file of each kind has exactly these
names and dtypes; times are UTC.

The CDR is one operator's view of voice traffic: calls its own SIMs make (``own_mobile``) and
calls that reach its subscribers from other domestic operators (``interconnect``), from its own
group's fixed network (``own_fixed``), from abroad (``international``) and from business
customers' SIP trunks (``sip_trunk``). ``a_number`` is the calling number *as presented* (not
normalised: E.164, national ``8...``, short numbers, or garbage); ``b_number`` is E.164.
"""

from __future__ import annotations

from typing import Final

import polars as pl

# Where a call entered the operator's network.
ROUTES: Final = ("international", "interconnect", "own_mobile", "own_fixed", "sip_trunk")

# Domestic operator codes. The CDR's operator is KCELL (Kcell/Activ); KAZAKHTELECOM is its
# group's fixed network (route own_fixed) and also holds the 760-764 mobile ranges; BEELINE and
# TELE2 (Tele2/Altel) reach it over interconnect, as does TRANSTELECOM's fixed network.
OWN_OPERATOR: Final = "KCELL"
KZ_OPERATORS: Final = ("KCELL", "BEELINE", "TELE2", "KAZAKHTELECOM", "TRANSTELECOM")
# Mobile codes as allocated (after +7). Mobile number portability means a number's current
# operator may differ from its range's: the prefix is a hint, never proof.
MOBILE_PREFIXES: Final[dict[str, tuple[str, ...]]] = {
    "KCELL": ("701", "702", "775", "778"),
    "BEELINE": ("705", "706", "771", "776", "777"),
    "TELE2": ("700", "707", "708", "747"),
    "KAZAKHTELECOM": ("760", "761", "762", "763", "764"),
}
INTL_PREFIX: Final = "INTL:"  # orig_operator of international calls is "INTL:<carrier>"

TIME = pl.Datetime("us", "UTC")

CDR_SCHEMA: Final[dict[str, pl.DataType]] = {
    "call_id": pl.String(),  # unique
    "start": TIME,
    "duration_s": pl.Int32(),  # 0 when not answered
    "answered": pl.Boolean(),
    "a_number": pl.String(),  # as presented
    "b_number": pl.String(),  # E.164 of the called party
    "route": pl.String(),  # one of ROUTES
    "gateway_id": pl.String(),  # IGW-*, IC-*, FX-*, SIP-*; null for own_mobile
    "orig_operator": pl.String(),  # a KZ_OPERATORS code, or "INTL:<carrier>"
    "imsi": pl.String(),  # own_mobile only, else null
    "imei": pl.String(),  # own_mobile only, else null
    "cell_id": pl.String(),  # own_mobile only, else null
}

ROAMING_SCHEMA: Final[dict[str, pl.DataType]] = {
    "msisdn": pl.String(),  # E.164
    "roaming_from": TIME,  # a call is covered when roaming_from <= start <= roaming_to
    "roaming_to": TIME,
    "operator": pl.String(),  # the subscriber's KZ operator (a KZ_OPERATORS code)
    "answered_by_exchange": pl.Boolean(),  # False: the operator's exchange gave no answer
}

USAGE_SCHEMA: Final[dict[str, pl.DataType]] = {
    "imsi": pl.String(),
    "msisdn": pl.String(),
    "day": pl.Date(),  # local (UTC+5) day
    "sms_out": pl.Int32(),
    "sms_in": pl.Int32(),
    "data_mb": pl.Float64(),
    "calls_in": pl.Int32(),  # CDR rows that day with this msisdn as b_number
}

SUBSCRIBER_SCHEMA: Final[dict[str, pl.DataType]] = {
    "imsi": pl.String(),
    "msisdn": pl.String(),
    "imei": pl.String(),  # the first phone the SIM was seen in
    "home_cell": pl.String(),
    "activated": pl.Date(),
    "kind": pl.String(),  # person, elderly, business, taxi, call_centre, simbox: inspection only
}

SIP_TRUNK_SCHEMA: Final[dict[str, pl.DataType]] = {
    "gateway_id": pl.String(),  # SIP-*
    "customer": pl.String(),
    "number": pl.String(),  # a number assigned to the trunk (E.164), one row each
}

TRUTH_CALLS_SCHEMA: Final[dict[str, pl.DataType]] = {
    "call_id": pl.String(),
    "is_spoofed": pl.Boolean(),
    "scenario": pl.String(),  # "none" for ordinary calls
}

TRUTH_SIMS_SCHEMA: Final[dict[str, pl.DataType]] = {
    "imsi": pl.String(),
    "is_simbox": pl.Boolean(),
}
