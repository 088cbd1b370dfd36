"""Checking messages: runs the text detector and renders its verdicts for people.

Batch lines that fail (invalid UTF-8, not JSON, empty or over-long text) become error lines;
the rest of the batch still runs, and output keeps input order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from saqbol.detectors.text import Message, TextDetector, TextVerdict
from saqbol.detectors.text.detector import KnownEntity, TextContext
from saqbol.detectors.text.extract import extract
from saqbol.detectors.urls import UrlDetector
from saqbol.entities import keyed_hash
from saqbol.errors import InvalidInput
from saqbol.rules import reason_text
from saqbol.services import url_check
from saqbol.store.tables import Entity
from saqbol.vocab import LANGUAGES

BATCH_SIZE = 512


def pick_language(accept_language: str | None, default: str = "ru") -> str:
    """First of kk / ru / en named in an Accept-Language header, by quality."""
    if not accept_language:
        return default
    ranked = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            quality = float(q) if q else 1.0
        except ValueError:
            quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()[:2]))
    return next((tag for _, _, tag in sorted(ranked) if tag in LANGUAGES), default)


def registry_context(*, session: Session, secret: str, texts: Iterable[str]) -> TextContext:
    """What the shared registry knows of the identifiers in ``texts``: this is where a phone
    reported in one channel raises the risk of a message in another."""
    wanted = {
        keyed_hash(found.type, found.value, secret): (found.type, found.value)
        for text in texts
        for found in extract(text)
        if found.type in {"phone", "card", "iban", "url", "crypto_wallet"}
    }
    if not wanted:
        return TextContext()
    rows = session.execute(
        select(Entity.value_hash, Entity.status, Entity.report_count).where(
            Entity.value_hash.in_(wanted)
        )
    )
    return TextContext(
        known_entities={wanted[h]: KnownEntity(status, count) for h, status, count in rows}
    )


def with_url_verdicts(
    context: TextContext, texts: Iterable[str], detector: UrlDetector, session: Session | None
) -> TextContext:
    """Add the URL detector's verdicts (with the monitoring registry's knowledge) for every
    link in ``texts``: they replace the text detector's own rough link cues."""
    urls = sorted({f.value for text in texts for f in extract(text) if f.type == "url"})
    if not urls:
        return context
    verdicts = url_check.check_with_registry(detector, urls, session)
    return TextContext(
        url_verdicts=dict(zip(urls, verdicts, strict=True)),
        known_entities=context.known_entities,
    )


def render(verdict: TextVerdict, lang: str, *, with_entities: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "label": verdict.label,
        "score": verdict.score,
        "typology": verdict.typology,
        "lang": verdict.lang,
        "reasons": [
            {"code": r.code, "text": reason_text(r.code, r.params, lang), "weight": r.weight}
            for r in verdict.reasons
        ],
    }
    if with_entities:
        out["entities"] = [
            {"type": e.type, "value": e.value, "masked": e.masked} for e in verdict.entities
        ]
    return out


def check_lines(
    lines: Iterable[bytes],
    detector: TextDetector,
    lang: str,
    url_detector: UrlDetector | None = None,
) -> Iterator[dict]:
    """JSONL in (``{"id", "text"}`` per line), one result or error object per line out.
    With ``url_detector``, the links in each batch are judged by it (see ``with_url_verdicts``)."""
    pending: list[tuple[Any, Message | dict]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        pending.append(_parse_line(number, raw, detector))
        if len(pending) >= BATCH_SIZE:
            yield from _run(pending, detector, lang, url_detector)
            pending = []
    yield from _run(pending, detector, lang, url_detector)


def _parse_line(number: int, raw: bytes, detector: TextDetector) -> tuple[Any, Message | dict]:
    try:
        line = raw.decode("utf-8")
        problem = None
    except UnicodeDecodeError as exc:
        line, problem = raw.decode("utf-8", "replace"), f"invalid UTF-8 at byte {exc.start}"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, {"line": number, "error": f"not valid JSON: {exc.msg}"}
    if not isinstance(item, dict):
        return None, {"line": number, "error": 'expected an object {"id": ..., "text": ...}'}
    item_id = item.get("id", number)
    if problem:
        return item_id, {"id": item_id, "error": problem}
    text = item.get("text")
    try:
        detector.validate(text)  # type: ignore[arg-type]
    except InvalidInput as exc:
        return item_id, {"id": item_id, "error": str(exc)}
    return item_id, Message(text, subject=str(item_id), sender=item.get("sender"))


def _run(  # type: ignore[no-untyped-def]
    pending: list[tuple[Any, Message | dict]],
    detector: TextDetector,
    lang: str,
    url_detector: UrlDetector | None,
):
    messages = [m for _, m in pending if isinstance(m, Message)]
    context = TextContext()
    if url_detector is not None and messages:
        context = with_url_verdicts(context, [m.text for m in messages], url_detector, None)
    verdicts = iter(detector.detect_batch(messages, context)) if messages else iter(())
    for item_id, item in pending:
        if isinstance(item, Message):
            yield {"id": item_id, **render(next(verdicts), lang, with_entities=False)}
        else:
            yield item
