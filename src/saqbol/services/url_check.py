"""Checking links: runs the URL detector with what the monitoring registry knows, and renders
verdicts for people. Batch lines that fail become error lines; the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.orm import Session

from saqbol.detectors.urls import UrlContext, UrlDetector, UrlVerdict
from saqbol.rules import reason_text
from saqbol.services import resources

BATCH_SIZE = 512


def render(verdict: UrlVerdict, lang: str) -> dict[str, Any]:
    return {
        "url": verdict.url or verdict.subject,
        "verdict": verdict.label,
        "score": verdict.score,
        "brand": verdict.brand,
        "domain": verdict.domain or None,
        "reasons": [
            {"code": r.code, "text": reason_text(r.code, r.params, lang), "weight": r.weight}
            for r in verdict.reasons
        ],
    }


def check_with_registry(
    detector: UrlDetector, urls: list[str], session: Session | None
) -> list[UrlVerdict]:
    """Two passes: judge, then judge again with the registry's knowledge of the domains."""
    first = detector.check_batch(urls)
    if session is None:
        return first
    context = resources.url_context(session, (v.domain for v in first))
    if not context.known_domains:
        return first
    return detector.check_batch(urls, context)


def check_lines(
    lines: Iterable[bytes], detector: UrlDetector, lang: str, context: UrlContext | None = None
) -> Iterator[str]:
    """``{"id", "url"}`` lines in, ``{"id", "url", "verdict", "score", "brand", "reasons"}``
    lines out, in input order."""
    for number, raw in enumerate(lines, start=1):
        record_id: Any = None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _error(number, None, "line is not valid UTF-8")
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield _error(number, None, f"line is not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield _error(number, None, "line must be a JSON object with id and url")
            continue
        record_id = record.get("id")
        url = record.get("url")
        if not isinstance(url, str):
            yield _error(number, record_id, "url: must be a string")
            continue
        verdict = detector.check_batch([url], context or UrlContext())[0]
        out = {"id": record_id, **render(verdict, lang)}
        out["url"] = url
        for reason in out["reasons"]:
            reason.pop("weight", None)
        yield json.dumps(out, ensure_ascii=False)


def _error(line: int, record_id: Any, problem: str) -> str:
    return json.dumps(
        {"id": record_id, "line": line, "verdict": "error", "error": problem}, ensure_ascii=False
    )
