"""The scam-message detector: cues from ``rules/`` and a trained model, explained together."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from saqbol.detectors.text.clean import CleanText, clean
from saqbol.detectors.text.cues import find_cues
from saqbol.detectors.text.extract import Found, extract
from saqbol.detectors.text.lang import detect_language
from saqbol.detectors.text.links import link_reasons
from saqbol.detectors.text.model import TextModel
from saqbol.detectors.verdict import Reason, Verdict
from saqbol.entities import normalise
from saqbol.errors import InvalidIdentifier, InvalidInput
from saqbol.rules import CueBook, LinkRules

MAX_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class TextParams:
    """threshold: score at or above which a message is labelled scam.
    max_chars: longest text accepted (longer input is refused, not truncated)."""

    threshold: float = 0.5
    max_chars: int = MAX_CHARS


@dataclass(frozen=True, slots=True)
class TextVerdict(Verdict):
    lang: str = "ru"
    entities: tuple[Found, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """What the shared registry knows of an identifier (passed in; never looked up here)."""

    status: str
    report_count: int


@dataclass(frozen=True, slots=True)
class TextContext:
    """State the shell hands in: the URL detector's verdicts by normalised URL, and registry
    knowledge by ``(type, normalised value)`` of the identifiers found in the messages."""

    url_verdicts: Mapping[str, Verdict] = field(default_factory=dict)
    known_entities: Mapping[tuple[str, str], KnownEntity] = field(default_factory=dict)


EMPTY_CONTEXT = TextContext()


@dataclass(frozen=True, slots=True)
class Message:
    text: str
    subject: str = ""
    sender: str | None = None
    channel: str | None = None


class TextDetector:
    """Label a message scam or legit, name its typology, and say why.

    >>> from saqbol.detectors.text import default_detector
    >>> verdict = default_detector().detect("Назовите код из SMS от 1414, это служба безопасности")
    >>> verdict.label, verdict.typology
    ('scam', 'sms_code_1414')
    """

    def __init__(
        self, cues: CueBook, links: LinkRules, model: TextModel, params: TextParams | None = None
    ) -> None:
        self.cues = cues
        self.links = links
        self.model = model
        self.params = params or TextParams()
        self._link_cache: dict[str, tuple[Reason, ...]] = {}  # judged links, by URL

    def detect(
        self,
        text: str,
        *,
        subject: str = "",
        sender: str | None = None,
        channel: str | None = None,
    ) -> TextVerdict:
        return self.detect_batch([Message(text, subject, sender, channel)])[0]

    def detect_batch(
        self,
        messages: Sequence[Message],
        context: TextContext = EMPTY_CONTEXT,
    ) -> list[TextVerdict]:
        """The batch path; ``detect`` calls it with one message. Raises ``InvalidInput`` for
        an empty or over-long text (callers that must not stop use ``validate`` first)."""
        for message in messages:
            self.validate(message.text)
        cleaned = [clean(m.text) for m in messages]
        ngrams = self.model.features([c.folded for c in cleaned])
        proba = self.model.predict_proba(ngrams)
        found = [extract(c.display) for c in cleaned]
        fired = [
            self.cue_reasons(m, c, e, context)
            for m, c, e in zip(messages, cleaned, found, strict=True)
        ]
        typologies = self.model.typology.predict(ngrams, [[r.code for r in f] for f in fired])
        return [
            self._verdict(*row)
            for row in zip(messages, cleaned, found, fired, proba, typologies, strict=True)
        ]

    def validate(self, text: str) -> None:
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput("must not be empty", field="text")
        if len(text) > self.params.max_chars:
            raise InvalidInput(
                f"is {len(text)} characters long; the limit is {self.params.max_chars}",
                field="text",
            )

    def _verdict(
        self,
        message: Message,
        cleaned: CleanText,
        entities: tuple[Found, ...],
        fired: list[Reason],
        proba: np.ndarray,
        typology: str,
    ) -> TextVerdict:
        p_scam = float(1.0 - proba[self.model.classes.index("legit")])
        comb = self.model.combiner
        logit = comb.a * _logit(p_scam) + comb.b * self.rule_logit(fired) + comb.c
        score = 1.0 / (1.0 + math.exp(-logit))
        label = "scam" if score >= self.params.threshold else "legit"
        return TextVerdict(
            subject=message.subject,
            score=round(score, 4),
            label=label,
            typology=typology if label == "scam" else "legit",
            reasons=self._explain(fired, p_scam, label),
            lang=detect_language(cleaned.display),
            entities=entities,
        )

    def cue_reasons(
        self,
        message: Message,
        cleaned: CleanText,
        entities: tuple[Found, ...],
        context: TextContext = EMPTY_CONTEXT,
    ) -> list[Reason]:
        """The cues that fire on a message, each once (no model involved)."""
        fired = [Reason(code, 0.0) for code in find_cues(cleaned.folded, self.cues)]
        urls = [e.value for e in entities if e.type == "url"]
        fired += link_reasons(urls, self.links, context.url_verdicts, self._link_cache)
        fired += _registry_reasons(entities, context)
        for code, count in (
            ("text.obfuscation.invisible", cleaned.invisible_chars),
            ("text.obfuscation.mixed_script", cleaned.mixed_script_words),
            ("text.obfuscation.spaced", cleaned.spaced_words),
        ):
            if count:
                fired.append(Reason(code, 0.0, {"count": count}))
        fired += self._sender_reasons(message.sender, cleaned.folded)
        unique: dict[str, Reason] = {}
        for reason in fired:
            if reason.code in self.cues.cues:
                unique.setdefault(reason.code, reason)
        return list(unique.values())

    def rule_logit(self, fired: Sequence[Reason]) -> float:
        return sum(self.cues.cues[r.code].weight for r in fired)

    def _sender_reasons(self, sender: str | None, folded: str) -> list[Reason]:
        if not sender:
            return []
        try:
            phone = normalise("phone", sender)
        except InvalidIdentifier:
            return []
        if phone.details.get("line") not in {"mobile", "fixed_or_mobile"}:
            return []
        brand = next((b for t, b in self.links.brand_tokens.items() if t in folded), None)
        if brand is None and "банк" not in folded and "bank" not in folded:
            return []
        return [Reason("text.sender.personal_number", 0.0, {"brand": brand or "bank"})]

    def _explain(self, fired: list[Reason], p_scam: float, label: str) -> tuple[Reason, ...]:
        b = self.model.combiner.b
        weighted = [
            Reason(r.code, round(b * self.cues.cues[r.code].weight, 3), r.params) for r in fired
        ]
        sign = 1 if label == "scam" else -1
        model_weight = round(self.model.combiner.a * _logit(p_scam), 3)
        if model_weight * sign > 0:  # the model is a reason only when it argues for the verdict
            code = "text.model.scam_like" if label == "scam" else "text.model.legit_like"
            probability = p_scam if label == "scam" else 1.0 - p_scam
            weighted.append(Reason(code, model_weight, {"probability": round(100 * probability)}))
        if label == "legit" and not any(r.weight < 0 for r in weighted):
            weighted.append(Reason("text.legit.no_scam_cues", 0.0))
        # Reasons that argue for the verdict first, strongest first.
        return tuple(sorted(weighted, key=lambda r: -sign * r.weight))


def _registry_reasons(entities: Sequence[Found], context: TextContext) -> list[Reason]:
    reasons = []
    for entity in entities:
        known = context.known_entities.get((entity.type, entity.value))
        if known is None or known.status == "cleared":
            continue
        code = (
            "text.registry.blocked"
            if known.status in {"confirmed", "blocked"}
            else ("text.registry.reported")
        )
        params = {"entity": entity.masked, "reports": known.report_count}
        reasons.append(Reason(code, 0.0, params))
    return reasons


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
