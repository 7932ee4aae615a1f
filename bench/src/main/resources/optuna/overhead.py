"""Optuna's per-trial overhead, the baseline of `bench/run overhead`.

Runs the same no-op define-by-run objective as the Java side (x float, n log int, shape
categorical), random sampler, in memory, in chunks of 100 trials, and prints one JSON object:
{"optuna_version": ..., "trials": N, "chunk_ms": [ms of each chunk of 100 trials]}.
Usage: python3 overhead.py TRIALS
"""
import json
import math
import sys
import time

import optuna


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    n = trial.suggest_int("n", 1, 64, log=True)
    shape = trial.suggest_categorical("shape", ["bowl", "ridge"])
    return (x - 2) ** 2 + abs(math.log(n) - 2) + (0 if shape == "bowl" else 1)


def main():
    trials = int(sys.argv[1])
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warmup = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
    warmup.optimize(objective, n_trials=200)
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=42))
    chunks = []
    for _ in range(trials // 100):
        start = time.perf_counter()
        study.optimize(objective, n_trials=100)
        chunks.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"optuna_version": optuna.__version__, "trials": trials, "chunk_ms": chunks}))


if __name__ == "__main__":
    main()
