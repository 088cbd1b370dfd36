"""Trained artefacts shipped in the package, and their loaders.

``text_model.npz`` is produced by ``scripts/train_text_model.py`` from ``corpus/``; it holds
only numbers (no pickles), so loading it runs no code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from saqbol.detectors.text.model import Combiner, TextModel
from saqbol.errors import ServiceUnavailable

TEXT_MODEL = "text_model.npz"


def save_text_model(model: TextModel, path: Path) -> None:
    """Store non-zero weight columns only, as float16: a few MB instead of tens."""
    columns = np.flatnonzero(np.abs(model.coef).max(axis=0) > 1e-4).astype(np.int32)
    c = model.combiner
    np.savez_compressed(
        path,
        classes=np.array(model.classes),
        columns=columns,
        values=model.coef[:, columns].astype(np.float16),
        intercept=model.intercept.astype(np.float32),
        combiner=np.array([c.a, c.b, c.c, c.gamma], dtype=np.float64),
        shape=np.array([model.n_features, *model.ngram_range, model.words], dtype=np.int64),
        version=np.array(model.version),
    )


def read_text_model(path: Path) -> TextModel:
    with np.load(path, allow_pickle=False) as data:
        n_features, low, high, *rest = (int(v) for v in data["shape"])
        words = bool(rest and rest[0])
        classes = tuple(str(c) for c in data["classes"])
        width = n_features * (2 if words else 1)
        coef = np.zeros((len(classes), width), dtype=np.float32)
        coef[:, data["columns"]] = data["values"].astype(np.float32)
        a, b, c, gamma = (float(v) for v in data["combiner"])
        return TextModel(
            classes=classes,
            coef=coef,
            intercept=data["intercept"],
            combiner=Combiner(a, b, c, gamma),
            n_features=n_features,
            ngram_range=(low, high),
            version=str(data["version"]),
            words=words,
        )


@lru_cache(maxsize=1)
def load_text_model() -> TextModel:
    with resources.as_file(resources.files("saqbol.models").joinpath(TEXT_MODEL)) as path:
        if not path.exists():
            raise ServiceUnavailable(
                f"the text model {TEXT_MODEL} is not in the package; build it with "
                "scripts/train_text_model.py"
            )
        return read_text_model(path)
