"""The statistical half of the text detector: hashed character n-grams and a linear model.

Character n-grams over the folded text survive Kazakh suffixes, misspellings and script
mixing better than words do, and hashing needs no vocabulary file: the artefact is only the
weights (see ``scripts/train_text_model.py`` and ``saqbol/models``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

N_FEATURES = 2**18
NGRAM_RANGE = (1, 4)


def make_word_vectorizer(n_features: int = N_FEATURES) -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        token_pattern=r"(?u)\b\w+\b",
        n_features=n_features,
        alternate_sign=False,
        lowercase=False,
        norm="l2",
        dtype=np.float32,
    )


def featurize(
    folded: Sequence[str],
    n_features: int = N_FEATURES,
    ngram_range: tuple[int, int] = NGRAM_RANGE,
    words: bool = False,
) -> sparse.csr_matrix:
    """Character n-grams, and (``words``) word uni- and bigrams in a second block."""
    chars = make_vectorizer(n_features, ngram_range).transform(folded)
    if not words:
        return chars
    return sparse.hstack([chars, make_word_vectorizer(n_features).transform(folded)], "csr")


def make_vectorizer(n_features: int = N_FEATURES, ngram_range: tuple[int, int] = NGRAM_RANGE):  # type: ignore[no-untyped-def]
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        n_features=n_features,
        alternate_sign=False,
        lowercase=False,  # the folded text is lowercase already
        norm="l2",
        dtype=np.float32,
    )


@dataclass(frozen=True, slots=True)
class Combiner:
    """How model and cues add up: logit(score) = a·logit(p_scam) + b·Σcue weights + c; the
    typology of a scam is argmax over log p(typology) + gamma·Σ(cue weights of that typology)."""

    a: float
    b: float
    c: float
    gamma: float


@dataclass(frozen=True, slots=True)
class TextModel:
    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    combiner: Combiner
    n_features: int = N_FEATURES
    ngram_range: tuple[int, int] = NGRAM_RANGE
    version: str = ""
    words: bool = False

    def features(self, folded: Sequence[str]) -> sparse.csr_matrix:
        return featurize(folded, self.n_features, self.ngram_range, self.words)

    def predict_proba(self, folded: Sequence[str]) -> np.ndarray:
        """Class probabilities, one row per text, columns in ``classes`` order."""
        scores = np.asarray(self.features(folded) @ self.coef.T) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)
