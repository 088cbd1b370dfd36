"""Money tracing and drop verdicts: read-only views over the bank's transfer export.

The graph and the verdicts are loaded from the files in the settings on first use and reloaded
when the files change (``saqbol.services.tracing``); 503 names the setting when one is missing.
"""

from __future__ import annotations

from typing import Annotated, Any

import polars as pl
from fastapi import APIRouter, Depends, Header, Query, Request

from saqbol.api import deps
from saqbol.detectors.mules.features import FEATURES
from saqbol.detectors.mules.graph import TransferGraph
from saqbol.rules import load_mule_rules
from saqbol.services import mule_batch, tracing
from saqbol.services.cached import FileCached
from saqbol.services.keys import Principal
from saqbol.services.text_check import pick_language

router = APIRouter(tags=["drops"])
INVESTIGATE = ("analyst", "police", "prosecutor", "admin")
DROP_VERDICTS = ("analyst", "police", "prosecutor", "bank", "admin")


def _graph_file(request: Request) -> FileCached[TransferGraph]:
    state = request.app.state
    if getattr(state, "graph_file", None) is None:
        rates = load_mule_rules().rates
        state.graph_file = tracing.graph_file(deps.settings(request).transfers_path, rates)
    return state.graph_file  # type: ignore[no-any-return]


def _verdict_file(request: Request) -> FileCached[pl.DataFrame]:
    state = request.app.state
    if getattr(state, "verdict_file", None) is None:
        state.verdict_file = tracing.verdict_file(deps.settings(request).mules_path)
    return state.verdict_file  # type: ignore[no-any-return]


@router.get("/v1/trace/{event_id}")
def trace(
    event_id: str,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*INVESTIGATE))],
    hops: Annotated[int, Query(ge=1, le=20, description="Transfers to follow.")] = 5,
    horizon_days: Annotated[
        float, Query(ge=0, le=365, description="Money not moved on within this stays put.")
    ] = 30.0,
    min_freeze: Annotated[
        float, Query(ge=0, description="Leave out of `freeze` holders of less (tenge).")
    ] = 0.0,
) -> dict[str, Any]:
    """Follow a victim's payment forward hop by hop (rule: *tainted first, first out*):
    every transfer that carried the money with the part it carried, where the money is now
    (`holders`), the bank accounts to freeze with amounts, and what left through crypto,
    abroad or cash. Roles: analyst, police, prosecutor, admin."""
    graph = _graph_file(request).require()
    found = tracing.trace_event(graph, event_id, hops=hops, horizon_days=horizon_days)
    return tracing.trace_to_dict(found, min_freeze)


@router.get("/v1/mules/{account_id}")
def mule_verdict(
    account_id: str,
    request: Request,
    _: Annotated[Principal, Depends(deps.require(*DROP_VERDICTS))],
    accept_language: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """An account's drop verdict from the last `saqbol mules` run: score (0..1), role
    (`victim`, `mule`, `organiser`, `cash_out`, `normal`), the reasons in words (in the
    `Accept-Language` language), its cluster and features. Roles: analyst, police,
    prosecutor, bank, admin."""
    row = tracing.verdict(_verdict_file(request).require(), account_id)
    lang = pick_language(accept_language)
    rules = load_mule_rules()
    detector = mule_batch.default_detector()
    return {
        "account_id": account_id,
        "score": round(float(row["score"]), 4),
        "role": row["role"],
        "role_text": rules.role_text[row["role"]][lang],
        "flagged": float(row["score"]) >= rules.flag,
        "cluster_id": row.get("cluster_id"),
        "reasons": detector.explain(row, lang),
        "features": {k: row.get(k) for k in FEATURES},
    }
