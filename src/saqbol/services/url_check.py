"""Checking links: runs the URL detector with what the monitoring registry knows, and renders
verdicts for people. Batch lines that fail become error lines; the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy.orm import Session

from saqbol.detectors.urls import UrlDetector, UrlVerdict
from saqbol.rules import reason_text
from saqbol.services import resources


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


def check_lines(lines: Iterable[bytes], detector: UrlDetector, lang: str) -> Iterator[dict]:
    """``{"id", "url"}`` lines in; ``{"id", "url", "verdict", "score", "brand", "reasons"}``
    lines out, in input order. A link that cannot be read gets the verdict ``error`` with a
    reason; a line that is not JSON gets ``{"line", "error"}``. The batch always goes on."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line, problem = raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            line, problem = raw.decode("utf-8", "replace"), f"invalid UTF-8 at byte {exc.start}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"line": number, "error": f"not valid JSON: {exc.msg}"}
            continue
        if not isinstance(item, dict):
            yield {"line": number, "error": 'expected an object {"id": ..., "url": ...}'}
            continue
        item_id = item.get("id", number)
        url = item.get("url")
        if problem:
            verdict = detector.error_verdict(url, problem)
        else:
            verdict = detector.check_batch([url])[0]
        out = render(verdict, lang)
        yield {
            "id": item_id,
            "url": url if isinstance(url, str) else None,
            "verdict": out["verdict"],
            "score": out["score"],
            "brand": out["brand"],
            "reasons": [{"code": r["code"], "text": r["text"]} for r in out["reasons"]],
        }
