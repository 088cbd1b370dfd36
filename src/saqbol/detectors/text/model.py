"""The statistical half of the text detector: hashed character n-grams and linear models.

Character n-grams over the folded text survive Kazakh suffixes, misspellings and script
mixing better than words do, and hashing needs no vocabulary file: the artefact is only the
weights (see ``scripts/train_text_model.py`` and ``saqbol/models``).

Two heads share the features. The *scam head* is a multinomial model over ``legit`` and the
typologies; one minus its ``legit`` probability is the model's scam probability. The
*typology head* was fitted on scams only, on the n-grams plus one column per cue that fired,
so it learns which cues point to which scheme instead of being told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

N_FEATURES = 2**18
NGRAM_RANGE = (1, 4)

_PRIME = np.uint64(1_000_003)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def hash_ngrams(
    folded: Sequence[str],
    n_features: int = N_FEATURES,
    ngram_range: tuple[int, int] = NGRAM_RANGE,
) -> sparse.csr_matrix:
    """L2-normalised counts of hashed character n-grams that do not cross a word boundary
    (each word is padded with one space on each side, as scikit-learn's ``char_wb`` does).

    The whole batch is hashed at once with numpy: a rolling polynomial hash over code
    points, finished with splitmix64, so the cost per message is a few microseconds rather
    than a Python loop over every n-gram.
    """
    if n_features & (n_features - 1):
        raise ValueError("n_features must be a power of two")
    low, high = ngram_range
    padded = "".join([f" {text} \x00" for text in folded])
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    doc = np.repeat(np.arange(len(folded), dtype=np.int32), [len(t) + 3 for t in folded])
    separator = codes == 0
    space = codes == 32
    rolling = np.zeros(len(codes), dtype=np.uint64)
    broken = np.zeros(len(codes), dtype=bool)
    mask = np.uint64(n_features - 1)
    rows, cols = [], []
    for n in range(1, high + 1):
        m = len(codes) - n + 1
        rolling = rolling[:m] * _PRIME + codes[n - 1 :]
        broken = broken[:m] | separator[n - 1 :]
        if n >= 3:  # a space inside the n-gram means it spans two words
            broken |= space[n - 2 : n - 2 + m]
        if n < low:
            continue
        keep = ~(broken | space[:m]) if n == 1 else ~broken
        rows.append(doc[:m][keep])
        cols.append((_splitmix(rolling[keep] + np.uint64(n)) & mask).astype(np.int32))
    row = np.concatenate(rows)
    x = sparse.csr_matrix(
        (np.ones(len(row), dtype=np.float32), (row, np.concatenate(cols))),
        shape=(len(folded), n_features),
    )
    x.sum_duplicates()
    row_of_value = np.repeat(np.arange(len(folded)), np.diff(x.indptr))
    norms = np.sqrt(np.bincount(row_of_value, weights=x.data**2, minlength=len(folded)))
    x.data /= norms[row_of_value].astype(np.float32)
    return x


def _splitmix(h: np.ndarray) -> np.ndarray:
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return h


@dataclass(frozen=True, slots=True)
class Combiner:
    """How model and cues add up: logit(score) = a·logit(p_scam) + b·Σcue weights + c."""

    a: float
    b: float
    c: float


@dataclass(frozen=True, slots=True)
class TypologyHead:
    """Multinomial model over the scam typologies on [n-grams, cue_scale · cue indicators]."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features + len(cue_codes))
    intercept: np.ndarray  # (n_classes,)
    cue_codes: tuple[str, ...]
    cue_scale: float
    # coef transposed and contiguous: sparse @ dense then needs no copy of the weights (a
    # copy of 14 MB per call was most of the cost of checking one message).
    weights: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", np.ascontiguousarray(self.coef.T))

    def cue_matrix(self, fired_codes: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        column = {code: i for i, code in enumerate(self.cue_codes)}
        rows, cols = [], []
        for row, codes in enumerate(fired_codes):
            for code in codes:
                if code in column:
                    rows.append(row)
                    cols.append(column[code])
        values = np.full(len(rows), self.cue_scale, dtype=np.float32)
        shape = (len(fired_codes), len(self.cue_codes))
        return sparse.csr_matrix((values, (rows, cols)), shape=shape)

    def predict(self, ngrams: sparse.csr_matrix, fired_codes: Sequence[Sequence[str]]) -> list[str]:
        n_features = ngrams.shape[1]
        scores = np.asarray(ngrams @ self.weights[:n_features])
        scores += np.asarray(self.cue_matrix(fired_codes) @ self.weights[n_features:])
        scores += self.intercept
        return [self.classes[i] for i in scores.argmax(axis=1)]


@dataclass(frozen=True, slots=True)
class TextModel:
    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    combiner: Combiner
    typology: TypologyHead
    n_features: int = N_FEATURES
    ngram_range: tuple[int, int] = NGRAM_RANGE
    version: str = ""
    weights: np.ndarray = field(init=False, repr=False, compare=False)  # coef.T, contiguous

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", np.ascontiguousarray(self.coef.T))

    def features(self, folded: Sequence[str]) -> sparse.csr_matrix:
        return hash_ngrams(folded, self.n_features, self.ngram_range)

    def predict_proba(self, ngrams: sparse.csr_matrix) -> np.ndarray:
        """Scam-head class probabilities, one row per text, columns in ``classes`` order."""
        scores = np.asarray(ngrams @ self.weights) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        return scores / scores.sum(axis=1, keepdims=True)
