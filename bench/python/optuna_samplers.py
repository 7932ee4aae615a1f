#!/usr/bin/python3
"""Runs Optuna's samplers on the problems of io.hpo4j.bench.Problems (reimplemented here, line for
line the same functions and search spaces) and writes the best value found after each trial,
per problem, sampler and seed, as JSON. `bench/run samplers` runs it in the same invocation as
hpo4j's samplers, so that both are measured on the same machine at the same time.

Usage: optuna_samplers.py --budget N --seeds N --first-seed N --problems a,b --out FILE
"""
import argparse
import json
import math
import platform
import sys
import time

import optuna


def rastrigin(*z):
    return 10.0 * len(z) + sum(x * x - 10 * math.cos(2 * math.pi * x) for x in z)


def rosenbrock(*z):
    return sum(100 * (z[i + 1] - z[i] * z[i]) ** 2 + (1 - z[i]) ** 2 for i in range(len(z) - 1))


def ackley(*z):
    n = len(z)
    squares = sum(x * x for x in z)
    cosines = sum(math.cos(2 * math.pi * x) for x in z)
    return -20 * math.exp(-0.2 * math.sqrt(squares / n)) - math.exp(cosines / n) + 20 + math.e


def levy(*z):
    n = len(z)
    w = [1 + (x - 1) / 4 for x in z]
    total = math.sin(math.pi * w[0]) ** 2
    for i in range(n - 1):
        total += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    total += (w[n - 1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[n - 1]) ** 2)
    return total


def log2(x):
    return math.log(x) / math.log(2)


def p_rastrigin(t):
    x1 = t.suggest_float("x1", -5.12, 5.12)
    x2 = t.suggest_float("x2", -5.12, 5.12)
    x3 = t.suggest_int("x3", -5, 5)
    x4 = t.suggest_float("x4", -5, 5, step=0.25)
    offset = t.suggest_categorical("offset", [0, 1, 3])
    return rastrigin(x1, x2, x3, x4) + offset


def p_rosenbrock(t):
    x1 = t.suggest_float("x1", -2, 2)
    x2 = t.suggest_float("x2", -2, 2)
    x3 = t.suggest_float("x3", -2, 2, step=0.1)
    x4 = t.suggest_int("x4", -2, 3)
    scale = t.suggest_categorical("scale", [1, 10])
    return rosenbrock(x1, x2, x3, x4) * scale


def p_ackley(t):
    x1 = t.suggest_float("x1", -32.768, 32.768)
    x2 = t.suggest_float("x2", -32.768, 32.768)
    lr = t.suggest_float("lr", 1e-5, 1, log=True)
    units = t.suggest_int("units", 1, 1024, log=True)
    activation = t.suggest_categorical("activation", ["relu", "tanh", "sigmoid"])
    offset = {"relu": 0.0, "tanh": 0.5, "sigmoid": 1.5}
    return ackley(x1, x2, math.log10(lr) + 3, log2(units) - 5) + offset[activation]


def p_levy(t):
    x1 = t.suggest_float("x1", -10, 10)
    x2 = t.suggest_float("x2", -10, 10)
    x3 = t.suggest_int("x3", -10, 10)
    x4 = t.suggest_float("x4", -10, 10, step=0.5)
    optimizer = t.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop", "nesterov"])
    offset = {"sgd": 1.0, "adam": 0.0, "rmsprop": 0.25, "nesterov": 2.0}
    return levy(x1, x2, x3, x4) + offset[optimizer]


def p_synthetic_mlp(t):
    layers = t.suggest_int("layers", 1, 4)
    units = t.suggest_int("units", 8, 512, log=True)
    lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
    dropout = t.suggest_float("dropout", 0, 0.6, step=0.05)
    l2 = t.suggest_float("l2", 1e-6, 1e-2, log=True)
    batch = t.suggest_categorical("batch", [16, 32, 64, 128, 256])
    activation = t.suggest_categorical("activation", ["relu", "elu", "tanh", "sigmoid"])
    optimizer = t.suggest_categorical("optimizer", ["sgd", "adam", "rmsprop"])
    best_log_lr = {"sgd": -1.5, "adam": -3.0, "rmsprop": -3.5}
    optimizer_offset = {"sgd": 0.2, "adam": 0.0, "rmsprop": 0.1}
    batch_offset = {16: 0.3, 32: 0.1, 64: 0.0, 128: 0.1, 256: 0.4}
    activation_offset = {"relu": 0.0, "elu": 0.05, "tanh": 0.3, "sigmoid": 0.8}
    a = math.log10(lr) - best_log_lr[optimizer]
    value = a * a + 0.2 * (1 - math.cos(2 * math.pi * a))
    value += (log2(units) - 7) ** 2 / 4
    value += 0.5 * (layers - 3) ** 2
    value += 0.2 * ((dropout - 0.2) / 0.1) ** 2
    value += 0.25 * (math.log10(l2) + 4) ** 2
    value += optimizer_offset[optimizer] + batch_offset[batch] + activation_offset[activation]
    return value


PROBLEMS = {
    "rastrigin": p_rastrigin,
    "rosenbrock": p_rosenbrock,
    "ackley": p_ackley,
    "levy": p_levy,
    "synthetic-mlp": p_synthetic_mlp,
}

SAMPLERS = {
    "optuna-random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "optuna-tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "optuna-tpe-multivariate": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True),
}


def best_so_far(objective, sampler, budget):
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.optimize(objective, n_trials=budget)
    best, current = [], math.inf
    for t in study.trials:
        if t.state == optuna.trial.TrialState.COMPLETE and t.value < current:
            current = t.value
        best.append(current if current < math.inf else "Infinity")
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=int, default=100)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--problems", default=",".join(PROBLEMS))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    import warnings
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

    started = time.time()
    results = {}
    for name in args.problems.split(","):
        if name not in PROBLEMS:
            sys.exit(f"optuna_samplers.py: unknown problem '{name}'; expected some of {list(PROBLEMS)}")
        results[name] = {}
        for label, make in SAMPLERS.items():
            seconds = time.time()
            curves = [best_so_far(PROBLEMS[name], make(seed), args.budget)
                      for seed in range(args.first_seed, args.first_seed + args.seeds)]
            results[name][label] = {"curves": curves,
                                    "ms_per_trial": 1000 * (time.time() - seconds) / (args.seeds * args.budget)}
    with open(args.out, "w") as f:
        json.dump({"optuna_version": optuna.__version__, "python": platform.python_version(),
                   "seconds": time.time() - started, "problems": results}, f)


if __name__ == "__main__":
    main()
