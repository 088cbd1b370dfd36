"""The phishing and lookalike detector: is this link or domain an imitation, of whom, and why?

Every check reads the parsed address only (no network, no page fetch): the host's labels are
compared with the protected brands (``rules/brands.yaml``) exactly, through their look-alike
skeleton and within one edit; the rest of the address is read for the tricks that hide a
host (``user@host``, IP hosts, shorteners, ``data:``) and for lure words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from rapidfuzz import process
from rapidfuzz.distance import OSA

from saqbol.detectors.urls import short
from saqbol.detectors.urls.skeleton import Skeleton, ascii_classes, fold_digits, fold_pairs, scripts
from saqbol.detectors.urls.typos import NameHit, NameIndex
from saqbol.detectors.verdict import Reason, Verdict
from saqbol.entities import parse_url
from saqbol.errors import InvalidIdentifier, InvalidInput
from saqbol.rules import Brand, UrlRules

MAX_HOST = 253
MAX_LABEL = 63
MAX_URL = 8192
# Names this short collide with ordinary words and other companies: they count as typos only
# in the brand's own zones (olx.kz, olx.pl; .kz for every brand with a .kz site).
SHORT_NAME = 4
# Two edits are searched for only in a brand's own zones, for names longer than SHORT_NAME,
# and in plain ASCII only for labels of LONG_NAME letters or more (halykbank -> haiykbamk).
# Edits are counted as optimal string alignment (a swap of neighbours is one edit): it differs
# from full Damerau-Levenshtein only where one stretch is edited twice (ca -> abc), and
# rapidfuzz computes it about 5 times faster (dnstwist eval: the same 661,969 flagged).
NEAR_EDITS = 2
LONG_NAME = 8
# An ASCII letter swapped for an unrelated one (not a keyboard neighbour, a look-alike, a vowel
# or one bit away) is a typo only of names longer than this: among short names it is another
# word (astel.kz is a telecom of its own, not altel.kz), and dnstwist makes no such swaps.
PLAIN_SWAP_NAME = 5
# Official labels shorter than this (t.me, vk.com, g.co) are not names: every short domain is
# within one edit of them. ``short.ShortLabels`` says where they count (``url.short_name``:
# suspicious, not phishing).
MIN_LABEL = short.MAX_LABEL + 1
_TOKEN = re.compile(r"[a-z]+|[а-яёәғқңөұүһі]+")
_DOTTED = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
_HOST_TOKEN = re.compile(r"[^\W\d_]+")
_TOKEN_BREAKS = re.compile(r"[-\d]+")  # where a label splits into words (kaspi-bonus24)


@dataclass(frozen=True, slots=True)
class UrlVerdict(Verdict):
    """``label`` is the verdict: ``phishing``, ``suspicious``, ``ok`` or ``error`` (input that
    cannot be read; its reason says why)."""

    url: str = ""
    host: str = ""
    domain: str = ""
    brand: str | None = None


@dataclass(frozen=True, slots=True)
class KnownResource:
    """What the monitoring registry knows of a registered domain (passed in, never looked up)."""

    status: str
    reports: int


@dataclass(frozen=True, slots=True)
class UrlContext:
    known_domains: Mapping[str, KnownResource] = field(default_factory=dict)


EMPTY_CONTEXT = UrlContext()
_NO_SIGNS = (Reason("url.no_signs", 0.0),)
BLOCKING_STATUSES = frozenset({"block_requested", "blocked"})


class UrlDetector:
    """Judge URLs and bare domains.

    >>> from saqbol.detectors.urls import default_url_detector
    >>> verdict = default_url_detector().check("https://kaspi-bonus.online/login")
    >>> verdict.label, verdict.brand
    ('phishing', 'Kaspi.kz')
    """

    def __init__(
        self, brands: Sequence[Brand], rules: UrlRules, lookalikes: Mapping[int, str]
    ) -> None:
        """``lookalikes``: character -> the Latin letter it passes for
        (``skeleton.lookalike_table``)."""
        self.rules = rules
        self.skeleton = Skeleton(lookalikes)
        self.brands = {b.key: b for b in brands}
        self.official: dict[str, str] = {}  # a domain two brands list is the first one's
        for b in brands:
            for domain in b.official:
                self.official.setdefault(domain, b.key)
        # Names fraud writes anywhere (curated in brands.yaml), and the labels of official
        # domains, which may be ordinary words (market.kz, mail.ru, telecom.kz): those count
        # only in the brand's own zones, as do names of SHORT_NAME letters or fewer.
        names = [(n, b.key) for b in brands for n in b.names if len(n) >= MIN_LABEL]
        labels = [(label, b.key) for b in brands for label in _official_labels(b)]
        self.names = NameIndex([*names, *labels])
        self._owners: dict[str, list[str]] = {}  # name -> every brand that has it
        for name, key in [*names, *labels]:
            if key not in self._owners.setdefault(name, []):
                self._owners[name].append(key)
        self._anywhere = {n for n, _ in names if len(n) > SHORT_NAME}
        self.cyrillic_names = NameIndex(
            (n.replace(" ", ""), b.key) for b in brands for n in b.cyrillic
        )
        self.official_labels = {b.key: frozenset(_official_labels(b)) for b in brands}
        # A brand's zones: those of its official domains (olx.kz, olx.pl, olx.ua); .kz for
        # every brand present in Kazakhstan under .kz, where fraud against it is registered.
        self.official_suffixes = {b.key: _zones(b) for b in brands}
        self._curated = {n for n, _ in names}
        self._risky = frozenset(rules.risky_suffixes)
        long_names = sorted(self._anywhere, key=len, reverse=True)
        self._long_name = re.compile("|".join(map(re.escape, long_names)))
        latin = [*names, *labels]
        self._classes: dict[str, tuple[str, str]] = {}  # folded -> (name, brand)
        for name, key in latin:
            for folded in ascii_classes(name):
                self._classes.setdefault(folded, (name, key))
        # (zone, label length) -> names longer than SHORT_NAME that two edits can reach
        # (their length is within two of the label's).
        by_zone: dict[str, set[str]] = {}
        for name, key in latin:
            if len(name) > SHORT_NAME:
                for zone in self.official_suffixes[key]:
                    by_zone.setdefault(zone, set()).add(name)
        self._near_names: dict[tuple[str, int], tuple[str, ...]] = {
            (zone, size): tuple(sorted(n for n in zone_names if abs(len(n) - size) <= NEAR_EDITS))
            for zone, zone_names in by_zone.items()
            for size in range(1, 64)
        }
        # Names that count only glued to lure words ("olxpay", "bonusonlinebank").
        self._zone_names = {n: k for n, k in latin if n not in self._anywhere}
        official_domains = [(d, b.key) for b in brands for d in b.official if d[:4] != "www."]
        lures = rules.lure_words | {"kz", "qz", "kaz", "online"}
        self.short = short.ShortLabels(official_domains, lures, rules.risky_suffixes)
        # An official domain written as one label: post-kz, t-me, and without the hyphen
        # (applecom, cdekru, fbme) unless the zone may end a word: telegra.ph and telesco.pe
        # are "domain hacks", and joined they are the words telegraph and telescope. A hack
        # takes a longer label than 4 letters in a foreign zone.
        self._hyphened_official = {d.replace(".", "-"): key for d, key in official_domains}
        self._joined_official = {
            d.replace(".", ""): key
            for d, key in official_domains
            if d.rpartition(".")[2] in short.SWAP_ZONES or len(d.partition(".")[0]) <= SHORT_NAME
        }
        # Those left out may be words (telegraph, telescope, instagram): not two edits from
        # the official label either.
        self._domain_hacks = {
            d.replace(".", "") for d, _ in official_domains
        } - self._joined_official.keys()
        glue = sorted(lures | {"my", "app", "web", "www"}, key=len, reverse=True)
        words = "(?:" + "|".join(map(re.escape, glue)) + r"|\d+)+"
        zone_names = "|".join(map(re.escape, sorted(self._zone_names, key=len, reverse=True)))
        # Alternatives, not a greedy prefix, so "bonusapple" is bonus + apple, not bonus + app.
        self._glued = re.compile(rf"{words}(?P<tail>{zone_names})|(?P<head>{zone_names}){words}")
        self._longest = max(len(n) for n, _ in latin) + 1
        self._plain_score, self._plain_label = self._score(0.0)  # a link with no signs

    def check(self, url: str, context: UrlContext = EMPTY_CONTEXT) -> UrlVerdict:
        """Raises ``InvalidInput`` (field ``url``) for what cannot be read as a URL or domain."""
        return self._judge(url, context)

    def check_batch(
        self, urls: Iterable[str], context: UrlContext = EMPTY_CONTEXT
    ) -> list[UrlVerdict]:
        """Never raises for one bad line: it gets the verdict ``error`` with a reason."""
        out = []
        for url in urls:
            try:
                out.append(self._judge(url, context))
            except InvalidInput as exc:
                out.append(self.error_verdict(url, exc.message))
        return out

    def error_verdict(self, url: object, problem: str) -> UrlVerdict:
        subject = url[:200] if isinstance(url, str) else ""
        reason = Reason("url.error", 0.0, {"problem": problem})
        return UrlVerdict(subject, 0.0, "error", "other", (reason,), url=subject)

    # -- the checks ---------------------------------------------------------------------------

    def _judge(self, raw: str, context: UrlContext) -> UrlVerdict:
        parsed = _parse(raw)
        details = parsed.details
        scheme = str(details.get("scheme", ""))
        if scheme in {"data", "javascript"}:
            return self._verdict(
                raw, parsed.value, "", "", None, [_r("url.scheme_opaque", scheme=scheme)]
            )
        host = str(details["host_ascii"])
        domain = str(details.get("registered_domain") or host)
        official = self._official_brand(domain, str(details.get("suffix", "")))
        if official is not None:
            brand = self.brands[official]
            reasons = [_r("url.official", host=host, brand=brand.title)]
            return self._verdict(raw, parsed.value, host, domain, brand.title, reasons)
        reasons: list[Reason] = []
        brand_key: str | None = None
        if details.get("is_ip_host"):
            reasons.append(_r("url.ip_host", host=host))
        else:
            brand_key = self._host_reasons(details, host, domain, reasons)
        if details.get("has_userinfo"):
            reasons.append(_r("url.userinfo", host=host))
        if domain in self.rules.shorteners or host in self.rules.shorteners:
            reasons.append(_r("url.shortener", host=host))
        # Everything but the host: the path and query, and a user@ part that may name a brand.
        path = unquote(parsed.value.split("://", 1)[-1].replace(host, " ", 1)).lower()
        words = _TOKEN.findall(path)
        if brand_key is None:
            brand_key = self._path_brand(path, words, domain, reasons)
        lure = self._lure(host, words)
        if lure:
            reasons.append(_r("url.lure", word=lure))
        suffix = str(details.get("suffix", ""))
        if suffix.rsplit(".", 1)[-1] in self.rules.risky_suffixes:
            reasons.append(_r("url.risky_suffix", suffix="." + suffix))
        known = context.known_domains.get(domain)
        if known is not None and known.status == "false_positive":
            reasons.append(_r("url.registry.cleared", domain=domain))
        elif known is not None and known.status != "unblocked":
            code = (
                "url.registry.blocked"
                if known.status in BLOCKING_STATUSES
                else "url.registry.reported"
            )
            reasons.append(_r(code, domain=domain, status=known.status, reports=known.reports))
        title = self.brands[brand_key].title if brand_key else None
        return self._verdict(raw, parsed.value, host, domain, title, reasons)

    def _official_brand(self, domain: str, suffix: str) -> str | None:
        key = self.official.get(domain)
        if key is None and suffix == "gov.kz":
            key = "govkz"  # only state bodies can register under gov.kz
        if key is None and suffix == "yandex":
            key = "yandex"
        return key if key in self.brands else None

    def _host_reasons(
        self, details: Mapping[str, object], host: str, domain: str, reasons: list[Reason]
    ) -> str | None:
        unicode_host = str(details.get("host_unicode") or host)
        suffix = str(details.get("suffix", ""))
        labels = unicode_host.split(".")
        n_suffix = len(suffix.split(".")) if suffix else 0
        if len(labels) <= n_suffix:
            return None
        main = labels[len(labels) - n_suffix - 1]
        subs = labels[: len(labels) - n_suffix - 1]
        latin, cyrillic = scripts(main)
        if latin and cyrillic:
            reasons.append(_r("url.mixed_script", label=main))
        elif details.get("is_idn"):
            reasons.append(_r("url.idn", host=host))
        if main == "www" and "." not in suffix:  # www.kz: www.<name>.kz without the name
            reasons.append(_r("url.www_name", host=host, domain=domain))
        found = self._split_brand(subs, main, host) if subs else None
        if found is None:
            found = self._label_brand(main, suffix, host)
        if found is not None:
            reasons.append(found[1])
            return found[0]
        return self._subdomain_brand(subs, host, domain, reasons)

    def _label_brand(self, label: str, suffix: str, host: str) -> tuple[str, Reason] | None:
        """The brand a registered label imitates, and how."""
        plain = label.isascii()
        skel = self.skeleton(label)
        changed = not plain or skel != label
        variants = [(skel, changed)]
        seen = {skel}
        spellings = [fold_pairs(skel)]
        digits = fold_digits(skel)
        if digits is not skel:  # most labels have no digit: nothing more to fold
            ones = skel.replace("1", "i")
            spellings = [digits, spellings[0], fold_pairs(digits), ones, fold_pairs(ones)]
        for folded in spellings:
            if folded not in seen:
                seen.add(folded)
                variants.append((folded, True))
        # 1. The name itself, or its look-alike spelling.
        for text, disguised in variants:
            key = self.names.exact.get(text)
            if key is None:
                continue
            if not disguised:
                key = self._zone_owner(text, key, suffix, exact=True)
                if key is None:
                    continue
            brand = self.brands[key]
            if disguised:
                return key, _r("url.homoglyph", host=host, brand=brand.title, label=label)
            if text in self.official_labels[key]:
                official = ", ".join(sorted(brand.official))
                return key, _r(
                    "url.tld_swap",
                    host=host,
                    brand=brand.title,
                    suffix="." + suffix,
                    official=official,
                )
            return key, _r("url.combosquat", host=host, brand=brand.title, label=label)
        if not plain and not skel.isascii():
            hit = self._cyrillic_hit(label, host)
            if hit is not None:
                return hit
        # 2. One edit away.
        near: dict[str, list[NameHit]] = {}  # the names one edit from each variant
        for text, disguised in variants:
            if len(text) > self._longest:
                continue
            near[text] = self.names.find(text)
            hits = [
                replace(h, key=owner)
                for h in near[text]
                if _counts(h, plain) and (owner := self._zone_owner(h.name, h.key, suffix))
            ]
            if hits:
                hit = max(hits, key=lambda h: len(h.name))
                return self._typo_reason(hit, label, host, disguised)
        # 3. Spelled with look-alike Latin letters (bccline for beeline).
        folds = [ascii_classes(text) for text, _ in variants]
        for (text, _), text_folds in zip(variants, folds, strict=True):
            for folded in text_folds:
                name, key = self._classes.get(folded, ("", ""))
                owner = self._zone_owner(name, key, suffix) if key and text != name else None
                if owner is not None:
                    brand = self.brands[owner].title
                    return owner, _r("url.homoglyph", host=host, brand=brand, label=label)
        # 4. The name glued to other words.
        found = self._combo_brand(skel, label, host, suffix, near)
        if found is not None:
            return found
        # 5. Two edits away from a longer name, in the brand's own zone.
        found = self._near_brand(variants, label, host, suffix)
        if found is not None:
            return found
        # 6. A short official label (t.me, vk.com): see MIN_LABEL.
        return self._short_brand(variants, folds[0], label, host, suffix)

    def _short_brand(
        self,
        variants: list[tuple[str, bool]],
        folds: tuple[str, ...],
        label: str,
        host: str,
        suffix: str,
    ) -> tuple[str, Reason] | None:
        """``folds``: the first variant's look-alike classes (``ascii_classes``)."""
        for text, disguised in variants:
            zones = self.short.zones.get(text)
            if zones is None:
                continue
            if disguised:
                key = zones.get(suffix) or next(iter(zones.values()))
                brand = self.brands[key].title
                return key, _r("url.homoglyph", host=host, brand=brand, label=label)
            key = self.short.exact(text, suffix)
            if key is not None:
                return self._short_reason(text, key, label, host)
            break  # in another country's zone (t.co); one edit of another name may count
        # One edit of the label as written (or its skeleton) only: after digit and pair folds
        # too, a two-letter name is near anything (r18 -> rlb -> rb -> fb).
        found = self.short.near(variants[0][0], folds, suffix)
        return self._short_reason(*found, label, host) if found is not None else None

    def _short_reason(self, name: str, key: str, label: str, host: str) -> tuple[str, Reason]:
        official = self.short.official(name)
        brand = self.brands[key].title
        return key, _r("url.short_name", host=host, brand=brand, label=label, official=official)

    def _near_brand(
        self, variants: list[tuple[str, bool]], label: str, host: str, suffix: str
    ) -> tuple[str, Reason] | None:
        plain = label.isascii()
        if plain and len(label) < LONG_NAME:
            return None  # its variants are no longer than the label
        for text, _ in variants:
            if (plain and len(text) < LONG_NAME) or text in self._domain_hacks:
                continue  # two plain edits (or digit games) are too common among short names
            choices = self._near_names.get((suffix, len(text)))
            if not choices:
                continue
            best = process.extractOne(text, choices, scorer=OSA.distance, score_cutoff=NEAR_EDITS)
            if best is not None:
                name = best[0]
                key = self.names.exact[name]
                params = {"host": host, "brand": self.brands[key].title, "label": label}
                return key, _r("url.typo.near", name=name, **params)
        return None

    def _cyrillic_hit(self, label: str, host: str) -> tuple[str, Reason] | None:
        """A Cyrillic label such as «каспи» (.kz sites may have one), exact or one edit away."""
        for hit in self.cyrillic_names.find(label.lower()):
            brand = self.brands[hit.key]
            if hit.kind == "exact":
                return hit.key, _r("url.combosquat", host=host, brand=brand.title, label=label)
            return self._typo_reason(hit, label, host, False)
        return None

    def _zone_owner(self, name: str, key: str, suffix: str, exact: bool = False) -> str | None:
        """The brand a match on ``name`` counts for under ``suffix`` (see ``__init__``), or None:
        a brand's own name spelled exactly counts anywhere (TLD swap), an official label that is
        an everyday word (mail, post, visa) in the brand's zones and in the cheap zones phishing
        favours (mail.online); a label that several brands share (gov: gov.kz, gov.ru) counts in
        the zones of each."""
        if name in self._anywhere:
            return key
        if exact and (name in self._curated or suffix.rpartition(".")[2] in self._risky):
            return key
        for owner in self._owners.get(name, (key,)):
            if suffix in self.official_suffixes[owner]:
                return owner
        return None

    def _typo_reason(
        self, hit: NameHit, label: str, host: str, disguised: bool
    ) -> tuple[str, Reason]:
        brand = self.brands[hit.key].title
        if disguised:
            return hit.key, _r("url.homoglyph", host=host, brand=brand, label=label)
        params = {"host": host, "brand": brand, "label": label, "name": hit.name}
        if hit.kind == "keyboard":
            params["layout"] = hit.detail
        return hit.key, Reason(f"url.typo.{hit.kind}", 0.0, params)

    def _combo_brand(
        self, skel: str, label: str, host: str, suffix: str, near: Mapping[str, list[NameHit]]
    ) -> tuple[str, Reason] | None:
        tokens = [skel] if skel.isalpha() else [t for t in _TOKEN_BREAKS.split(skel) if t]
        for token in tokens:
            key = self.names.exact.get(token)
            if key is not None:
                key = self._zone_owner(token, key, suffix)
            if key is None and len(token) > SHORT_NAME:
                found = near[token] if token in near else self.names.find(token)
                plain = label.isascii()
                hits = [h for h in found if h.name in self._anywhere and _counts(h, plain)]
                key = hits[0].key if hits else None
            if key is not None and (len(tokens) > 1 or token != skel):
                return key, _r(
                    "url.combosquat", host=host, brand=self.brands[key].title, label=label
                )
        joined = skel.replace("-", "")
        match = self._long_name.search(joined)
        if match is not None:
            key = self.names.exact[match.group()]
        else:
            key = self._joined_official.get(joined) or self._hyphened_official.get(skel)
        if key is not None:
            return key, _r("url.combosquat", host=host, brand=self.brands[key].title, label=label)
        glued = self._glued.fullmatch(joined)
        if glued is not None:
            rest = glued.group("tail") or glued.group("head")
            key = self._zone_owner(rest, self._zone_names[rest], suffix)
            if key is not None:
                brand = self.brands[key].title
                return key, _r("url.combosquat", host=host, brand=brand, label=label)
        found = self.short.glued(joined, suffix)  # lure words only: not webme.com
        return self._short_reason(*found, label, host) if found is not None else None

    def _split_brand(self, subs: list[str], main: str, host: str) -> tuple[str, Reason] | None:
        """``k.aspi.kz``: the name split by a dot into a subdomain."""
        for take in range(1, min(3, len(subs)) + 1):
            joined = self.skeleton("".join([*subs[-take:], main]))
            key = self.names.exact.get(joined)
            if key is not None and key in self.brands:
                brand = self.brands[key].title
                return key, _r("url.typo.split", host=host, brand=brand, name=joined, label=main)
        return None

    def _subdomain_brand(
        self, subs: list[str], host: str, domain: str, reasons: list[Reason]
    ) -> str | None:
        if not subs:
            return None
        text = ".".join(subs)
        key = self._official_named_in(text)
        for label in subs:
            if key is not None:
                break
            skel = self.skeleton(label)
            key = self.names.exact.get(skel) or self.names.exact.get(skel.replace("-", ""))
            if key is None:
                for token in re.split(r"[-\d]+", skel):
                    key = self.names.exact.get(token) if len(token) > SHORT_NAME else None
                    if key:
                        break
        if key is None:
            return None
        reasons.append(_r("url.brand_subdomain", brand=self.brands[key].title, domain=domain))
        return key

    def _official_named_in(self, text: str) -> str | None:
        """The brand whose official domain is written in ``text`` ("/kaspi.kz/login")."""
        for dotted in _DOTTED.findall(text):
            labels = dotted.split(".")
            for start in range(len(labels) - 1):
                for end in range(start + 2, min(start + 4, len(labels)) + 1):  # 2-3 labels
                    key = self.official.get(".".join(labels[start:end]))
                    if key is not None:
                        return key
        return None

    def _path_brand(
        self, path: str, words: list[str], domain: str, reasons: list[Reason]
    ) -> str | None:
        if len(path) <= 1:
            return None
        key = self._official_named_in(path)
        if key is None:
            for token in words:
                if len(token) > SHORT_NAME and token in self.names.exact:
                    key = self.names.exact[token]
                    break
        if key is None:
            return None
        reasons.append(_r("url.brand_in_path", brand=self.brands[key].title, domain=domain))
        return key

    def _lure(self, host: str, path_words: list[str]) -> str | None:
        words = self.rules.lure_words
        for token in _HOST_TOKEN.findall(host.replace("xn--", " ")):
            if token in words:
                return token
        for token in path_words:
            if token in words:
                return token
        return None

    def _score(self, weight: float) -> tuple[float, str]:
        """Score (logistic of the bias plus the reasons' weights, 4 decimals) and label."""
        score = 1.0 / (1.0 + math.exp(-(self.rules.bias + weight)))
        if score >= self.rules.phishing_at:
            label = "phishing"
        elif score >= self.rules.suspicious_at:
            label = "suspicious"
        else:
            label = "ok"
        return round(score, 4), label

    def _verdict(
        self,
        raw: str,
        url: str,
        host: str,
        domain: str,
        brand: str | None,
        reasons: list[Reason],
    ) -> UrlVerdict:
        if not reasons:  # most links: the same verdict every time, worked out once
            return UrlVerdict(
                subject=raw[:200],
                score=self._plain_score,
                label=self._plain_label,
                typology="legit" if self._plain_label == "ok" else "phishing_link",
                reasons=_NO_SIGNS,
                url=url,
                host=host,
                domain=domain,
                brand=brand,
            )
        weights = self.rules.weights
        weighted = [Reason(r.code, weights[r.code], r.params) for r in reasons]
        score, label = self._score(sum(r.weight for r in weighted))
        sign = -1 if label == "ok" else 1
        ordered = tuple(sorted(weighted, key=lambda r: -sign * r.weight))
        typology = "legit" if label == "ok" else "phishing_link"
        return UrlVerdict(
            subject=raw[:200],
            score=score,
            label=label,
            typology=typology,
            reasons=ordered,
            url=url,
            host=host,
            domain=domain,
            brand=brand,
        )


def _zones(brand: Brand) -> frozenset[str]:
    zones = {d.split(".", 1)[1] for d in brand.official if "." in d}
    if any(zone == "kz" or zone.endswith(".kz") for zone in zones):
        zones.add("kz")
    return frozenset(zones)


def _official_labels(brand: Brand) -> list[str]:
    """The first label of each official domain, matched only in the brand's own zones; labels
    shorter than MIN_LABEL are left out."""
    labels = (d.split(".", 1)[0] for d in brand.official if not d.startswith("www."))
    return [label for label in labels if len(label) >= MIN_LABEL]


def _counts(hit: NameHit, plain: bool) -> bool:
    """Whether a one-edit hit on a label counts as a typo (see PLAIN_SWAP_NAME); a letter
    swapped for a non-ASCII one (egoʉ for egov) always does."""
    return hit.kind != "replacement" or len(hit.name) > PLAIN_SWAP_NAME or not plain


def _r(code: str, **params: str | int | float) -> Reason:
    return Reason(code, 0.0, params)


def _parse(raw: object):  # type: ignore[no-untyped-def]
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput("must be a non-empty string", field="url")
    text = raw.strip()
    if len(text) > MAX_URL:
        raise InvalidInput(f"is {len(text)} characters long; the limit is {MAX_URL}", field="url")
    try:
        return parse_url(text)
    except InvalidIdentifier as exc:
        problem = exc.message
    # Say which limit a host broke, when that is why it could not be read.
    host = _rough_host(text)
    long_label = next((label for label in host.split(".") if len(label) > MAX_LABEL), None)
    if len(host) > MAX_HOST:
        problem = f"host is {len(host)} characters long; the limit is {MAX_HOST}"
    elif long_label is not None:
        problem = f"a host label is {len(long_label)} characters long; the limit is {MAX_LABEL}"
    raise InvalidInput(problem, field="url")


def _rough_host(text: str) -> str:
    rest = text.split("://", 1)[-1] if "://" in text[:12] else text
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    return authority.rpartition("@")[2].split(":")[0]
