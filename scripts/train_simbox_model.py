"""Train the SIM-box model (LightGBM over the per-SIM features) on synthetic CDRs, write
``src/saqbol/models/simbox_model.txt`` and set ``flag`` in ``src/saqbol/rules/simbox.yaml``.

Seeds: 401 and 403 train, 402 stops the boosting early and picks the flag threshold (best F1);
the evaluation (``bench/eval_calls.py``) uses seed 9, never seen here.

    .venv/bin/python scripts/train_simbox_model.py [--subscribers 20000 --days 14]
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl

from saqbol.detectors.calls.simbox import FEATURES
from saqbol.services.call_screening import read_sim_features
from saqbol.synth.calls import generate_calls
from saqbol.training import lgbm_params

TRAIN_SEEDS, VALID_SEED = (401, 403), 402
ROOT = Path(__file__).resolve().parents[1] / "src" / "saqbol"
OUT = ROOT / "models" / "simbox_model.txt"
RULES = ROOT / "rules" / "simbox.yaml"
PARAMS = lgbm_params()


def dataset(seed: int, subscribers: int, days: int, workdir: Path) -> tuple[np.ndarray, np.ndarray]:
    out = workdir / f"seed{seed}"
    generate_calls(seed=seed, subscribers=subscribers, days=days, out_dir=out)
    features = read_sim_features(out)
    truth = pl.read_parquet(out / "truth_sims.parquet")
    labelled = features.join(truth, on="imsi", how="left")
    y = labelled["is_simbox"].fill_null(False).to_numpy()
    print(f"seed {seed}: {len(y):,} SIMs that called, {int(y.sum())} SIM-box SIMs")
    return labelled.select(FEATURES).to_numpy().astype(np.float64), y


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=14)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        parts = [dataset(s, args.subscribers, args.days, Path(tmp)) for s in TRAIN_SEEDS]
        x_valid, y_valid = dataset(VALID_SEED, args.subscribers, args.days, Path(tmp))
    x_train = np.vstack([x for x, _ in parts])
    y_train = np.concatenate([y for _, y in parts])
    train = lgb.Dataset(x_train, y_train.astype(float), feature_name=list(FEATURES))
    valid = lgb.Dataset(x_valid, y_valid.astype(float), reference=train)
    booster = lgb.train(PARAMS, train, num_boost_round=400, valid_sets=[valid],
                        callbacks=[lgb.early_stopping(40, verbose=False)])  # fmt: skip
    booster.save_model(str(OUT), num_iteration=booster.best_iteration)
    p = booster.predict(x_valid, num_iteration=booster.best_iteration)
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    f1s = np.array(
        [2 * int(((p >= t) & y_valid).sum()) / max(int((p >= t).sum()) + int(y_valid.sum()), 1)
         for t in grid]
    )  # fmt: skip
    ties = grid[f1s == f1s.max()]  # the middle of the best plateau, not its edge
    best = (float(ties[len(ties) // 2]), float(f1s.max()))
    text = re.sub(r"(?m)^flag: [\d.]+", f"flag: {best[0]}", RULES.read_text("utf-8"))
    RULES.write_text(text, "utf-8")
    print(f"trees {booster.best_iteration}, valid F1 {best[1]:.3f} at flag {best[0]}; "
          f"wrote {OUT.name} ({OUT.stat().st_size / 1e6:.2f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
