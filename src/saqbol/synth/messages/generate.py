"""Fill templates, add noise, assign splits: the whole corpus from one seed.

The split is by family, never by message: a detector tested on ``test`` has seen none of the
ways those stories are told, only the typology. Every random draw comes from a
``random.Random`` seeded with the seed and the family id, so adding a family leaves the
messages of every other family unchanged.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

from saqbol.synth.messages import noise, slots, translit
from saqbol.synth.messages.family import TYPOLOGIES, Family
from saqbol.synth.messages.links import OFFICIAL, SCAM_LINK_SLOTS

DEFAULT_SEED = 1414
LANGS: tuple[str, ...] = ("kk", "ru", "en", "mixed")
# Messages per language: kk and ru carry the corpus, English and code-mixing follow.
LANG_TOTALS: Mapping[str, int] = {"kk": 2000, "ru": 1950, "en": 900, "mixed": 350}
SCAM_SHARE = 0.57
TEST_SHARE = 0.25
NOISE_RATE = {True: 0.38, False: 0.25}
# Kazakh is typed in Latin letters far more in chats than in bank or operator SMS.
KK_LATIN_RATE = {"sms": 0.12, "messenger": 0.38, "social": 0.28}
_SLOT = re.compile(r"\{(\w+)\}")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class CorpusMessage:
    """One labelled message, as written to ``corpus/messages.jsonl``."""

    id: str
    text: str
    label: str
    typology: str
    lang: str
    script: str
    channel: str
    family: str
    split: str
    noise: tuple[str, ...]

    def to_json(self) -> str:
        record = asdict(self)
        record["noise"] = list(self.noise)
        return json.dumps(record, ensure_ascii=False)


def family_table() -> dict[str, tuple[Family, ...]]:
    """The template families of every language (imported here to keep the modules light)."""
    from saqbol.synth.messages import templates_en, templates_kk, templates_mixed, templates_ru

    return {
        "kk": templates_kk.FAMILIES,
        "ru": templates_ru.FAMILIES,
        "en": templates_en.FAMILIES,
        "mixed": templates_mixed.FAMILIES,
    }


def family_ids(lang: str, families: Iterable[Family]) -> list[tuple[str, Family]]:
    """Number families within each typology in source order: ``kk.safe_account.01``."""
    seen: dict[str, int] = {}
    out = []
    for family in families:
        seen[family.typology] = seen.get(family.typology, 0) + 1
        out.append((f"{lang}.{family.typology}.{seen[family.typology]:02d}", family))
    return out


def spread(total: int, keys: Sequence[str]) -> dict[str, int]:
    """Split ``total`` as evenly as possible over ``keys``; the first keys get the remainder."""
    base, extra = divmod(total, len(keys))
    return {key: base + (i < extra) for i, key in enumerate(keys)}


def quotas(lang: str, families: list[tuple[str, Family]]) -> dict[str, int]:
    """Messages per family: the language total split by label, then typology, then family."""
    present = [t for t in TYPOLOGIES if any(f.typology == t for _, f in families)]
    scam = [t for t in present if t != "legit"]
    scam_total = round(LANG_TOTALS[lang] * SCAM_SHARE)
    per_typology = spread(scam_total, scam) | {"legit": LANG_TOTALS[lang] - scam_total}
    out: dict[str, int] = {}
    for typology in present:
        ids = [fid for fid, f in families if f.typology == typology]
        out |= spread(per_typology[typology], ids)
    return out


def test_families(seed: int, families: list[tuple[str, Family]]) -> set[str]:
    """About a quarter of each (language, typology) group's families, at least one, never all.

    The draw depends on the typology and the group size, not the language: the kk, ru and en
    template files list parallel families in the same order, so a story told in the test split
    is in the test split in every language, and no translation of it leaks into train.
    """
    chosen: set[str] = set()
    for typology in TYPOLOGIES:
        ids = [fid for fid, f in families if f.typology == typology]
        if len(ids) < 2:
            continue
        k = min(max(1, round(len(ids) * TEST_SHARE)), len(ids) - 1)
        rng = random.Random(f"{seed}:split:{typology}:{len(ids)}")
        chosen |= {ids[i] for i in rng.sample(range(len(ids)), k)}
    return chosen


def fill_template(rng: random.Random, template: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """Resolve ``[a|b]`` choices and ``{slot}`` values; also return the links that went in."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    filled: dict[str, str] = {}
    text = _SLOT.sub(lambda m: slots.fill(rng, lang, m.group(1), filled), text)
    link_slots = SCAM_LINK_SLOTS | set(OFFICIAL)
    return text, tuple(value for name, value in filled.items() if name in link_slots)


def script_of(text: str) -> str:
    """``cyrl``, ``latn`` or ``mixed`` from the letters of the message's own words.

    Links, numbers and words with capitals are left out when there is anything else: brand and
    product names (Kaspi Gold, eGov, Haval Jolion) are Latin in every language and say nothing
    about the script the sender typed in.
    """
    tokens = [t for t in text.split() if not noise.is_protected(t)]
    common = [t for t in tokens if t.lower() == t]
    counts = {"LATIN": 0, "CYRILLIC": 0}
    for token in common or tokens:
        for char in token:
            kind = unicodedata.name(char, "").split(" ")[0] if char.isalpha() else ""
            if kind in counts:
                counts[kind] += 1
    letters = counts["LATIN"] + counts["CYRILLIC"]
    share = counts["LATIN"] / letters if letters else 1.0
    return "latn" if share >= 0.8 else "cyrl" if share <= 0.2 else "mixed"


def render(rng: random.Random, family: Family, lang: str) -> tuple[str, str, tuple[str, ...]]:
    """One message of ``family``: text, script and noise kinds.

    The script is read before noise (shouting or homoglyphs do not change what the sender
    typed in), except that Russian retyped in Latin letters is Latin.
    """
    text, link_values = fill_template(rng, rng.choice(family.variants), lang)
    if lang == "kk" and rng.random() < KK_LATIN_RATE[family.channel]:
        text = translit.kazakh_latin(rng, text)
    scam = family.typology != "legit"
    ctx = noise.NoiseContext(lang, link_values, scam)
    kinds = noise.choose(rng, scam, lang) if rng.random() < NOISE_RATE[scam] else ()
    noisy, applied = noise.apply(rng, text, kinds, ctx)
    typed = noise.to_latin(rng, text, ctx) if "translit" in applied else text
    return noisy, script_of(typed), applied


def _family_messages(
    seed: int, lang: str, fid: str, family: Family, count: int, split: str, seen: set[str]
) -> list[CorpusMessage]:
    rng = random.Random(f"{seed}:{fid}")
    out = []
    for _ in range(count):
        for _attempt in range(50):  # a repeat is redrawn; templates have room for variety
            text, script, kinds = render(rng, family, lang)
            if text not in seen:
                break
        seen.add(text)
        label = "legit" if family.typology == "legit" else "scam"
        out.append(
            CorpusMessage(
                "", text, label, family.typology, lang, script, family.channel, fid, split, kinds
            )
        )
    return out


def generate_corpus(seed: int = DEFAULT_SEED) -> list[CorpusMessage]:
    """The whole corpus, shuffled and numbered; the same seed always gives the same list.

    >>> corpus = generate_corpus()
    >>> corpus == generate_corpus() and len(corpus) >= 3000
    True
    """
    seen: set[str] = set()
    messages: list[CorpusMessage] = []
    for lang, families in family_table().items():
        numbered = family_ids(lang, families)
        counts, test = quotas(lang, numbered), test_families(seed, numbered)
        for fid, family in numbered:
            split = "test" if fid in test else "train"
            messages += _family_messages(seed, lang, fid, family, counts[fid], split, seen)
    random.Random(f"{seed}:order").shuffle(messages)
    return [replace(m, id=f"m{i:06d}") for i, m in enumerate(messages, start=1)]


def to_jsonl(messages: Iterable[CorpusMessage]) -> str:
    """The JSON Lines text of ``messages``, one object per line, UTF-8 as is."""
    return "".join(m.to_json() + "\n" for m in messages)
