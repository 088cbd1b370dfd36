"""Trained artefacts shipped in the package, and their loaders.

``text_model.npz`` is produced by ``scripts/train_text_model.py`` from ``corpus/``; it holds
only numbers and strings (no pickles), so loading it runs no code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from saqbol.detectors.calls.simbox import SimboxDetector
from saqbol.detectors.mules.detector import MuleModel
from saqbol.detectors.payments.detector import PaymentModel
from saqbol.detectors.text.model import Combiner, TextModel, TypologyHead
from saqbol.errors import ServiceUnavailable

TEXT_MODEL = "text_model.npz"
PAYMENT_MODEL = "payment_model.txt"
MULE_MODEL = "mule_model.txt"
SIMBOX_MODEL = "simbox_model.txt"
MULE_MODEL_STRUCTURAL = "mule_model_structural.txt"
FORMAT = 2


def save_text_model(model: TextModel, path: Path) -> None:
    """Store non-zero weight columns only, as float16: a few MB instead of tens."""
    c, head = model.combiner, model.typology
    np.savez_compressed(
        path,
        format=np.array(FORMAT),
        classes=np.array(model.classes),
        intercept=model.intercept.astype(np.float32),
        combiner=np.array([c.a, c.b, c.c], dtype=np.float64),
        shape=np.array([model.n_features, *model.ngram_range], dtype=np.int64),
        version=np.array(model.version),
        typology_classes=np.array(head.classes),
        typology_intercept=head.intercept.astype(np.float32),
        cue_codes=np.array(head.cue_codes),
        cue_scale=np.array(head.cue_scale),
        **_sparse_columns("scam", model.coef),
        **_sparse_columns("typology", head.coef),
    )


def read_text_model(path: Path) -> TextModel:
    with np.load(path, allow_pickle=False) as data:
        if "format" not in data or int(data["format"]) != FORMAT:
            raise ServiceUnavailable(
                f"{path.name} was written by another version of the trainer; "
                "retrain with scripts/train_text_model.py"
            )
        n_features, low, high = (int(v) for v in data["shape"])
        cue_codes = tuple(str(c) for c in data["cue_codes"])
        typology_classes = tuple(str(c) for c in data["typology_classes"])
        a, b, c = (float(v) for v in data["combiner"])
        return TextModel(
            classes=tuple(str(c) for c in data["classes"]),
            coef=_dense(data, "scam", n_features),
            intercept=data["intercept"],
            combiner=Combiner(a, b, c),
            typology=TypologyHead(
                classes=typology_classes,
                coef=_dense(data, "typology", n_features + len(cue_codes)),
                intercept=data["typology_intercept"],
                cue_codes=cue_codes,
                cue_scale=float(data["cue_scale"]),
            ),
            n_features=n_features,
            ngram_range=(low, high),
            version=str(data["version"]),
        )


def _sparse_columns(name: str, coef: np.ndarray) -> dict[str, np.ndarray]:
    columns = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-4).astype(np.int32)
    return {f"{name}_columns": columns, f"{name}_values": coef[:, columns].astype(np.float16)}


def _dense(data: np.lib.npyio.NpzFile, name: str, width: int) -> np.ndarray:
    values = data[f"{name}_values"]
    coef = np.zeros((values.shape[0], width), dtype=np.float32)
    coef[:, data[f"{name}_columns"]] = values.astype(np.float32)
    return coef


@lru_cache(maxsize=1)
def load_text_model() -> TextModel:
    with resources.as_file(resources.files("saqbol.models").joinpath(TEXT_MODEL)) as path:
        if not path.exists():
            raise ServiceUnavailable(
                f"the text model {TEXT_MODEL} is not in the package; build it with "
                "scripts/train_text_model.py"
            )
        return read_text_model(path)


@lru_cache(maxsize=1)
def load_payment_model() -> PaymentModel:
    """The LightGBM payment model (a text file: trees and thresholds, no code)."""
    import lightgbm

    source = resources.files("saqbol.models").joinpath(PAYMENT_MODEL)
    if not source.is_file():
        raise ServiceUnavailable(
            f"the payment model {PAYMENT_MODEL} is not in the package; build it with "
            "scripts/train_payment_model.py"
        )
    return PaymentModel(lightgbm.Booster(model_str=source.read_text("utf-8")))


@lru_cache(maxsize=2)
def load_mule_model(structural: bool = False) -> MuleModel:
    """A LightGBM drop model (a text file, no code), by ``scripts/train_mule_model.py``."""
    import lightgbm

    name = MULE_MODEL_STRUCTURAL if structural else MULE_MODEL
    source = resources.files("saqbol.models").joinpath(name)
    if not source.is_file():
        raise ServiceUnavailable(
            f"the mule model {name} is not in the package; build it with "
            "scripts/train_mule_model.py"
        )
    return MuleModel(lightgbm.Booster(model_str=source.read_text("utf-8")))


@lru_cache(maxsize=1)
def load_simbox_detector() -> SimboxDetector:
    """The SIM-box model (``scripts/train_simbox_model.py``) with the cues of simbox.yaml."""
    import lightgbm

    from saqbol.rules import load_sim_rules

    source = resources.files("saqbol.models").joinpath(SIMBOX_MODEL)
    if not source.is_file():
        raise ServiceUnavailable(
            f"the SIM-box model {SIMBOX_MODEL} is not in the package; build it with "
            "scripts/train_simbox_model.py"
        )
    return SimboxDetector(load_sim_rules(), lightgbm.Booster(model_str=source.read_text("utf-8")))
