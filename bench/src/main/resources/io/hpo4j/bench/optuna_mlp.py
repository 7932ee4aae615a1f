"""Optuna twin of `bench/run fashion-quick`: one Optuna study on the benchmark's protocol.

The same data rows (the first TRAIN images of the IDX file train, the last VALIDATION validate,
pixels / 255), the same search space and parameter defaults (given by the Java side as JSON, the
space in hpo4j's Distributions.toMap form), the same trainer semantics (torch_mlp.train_epochs:
hpo4j's MlpTrainer epoch in PyTorch), the same early stopping (Keras-style, as hpo4j's
EarlyStopping), the same trial value (the best epoch's validation accuracy) and the same budget
(TRIALS trials, JOBS at once). Each epoch's validation accuracy is reported to Optuna
(trial.report, then trial.should_prune) before early stopping is checked, as hpo4j does.

Samplers: tpe (optuna.samplers.TPESampler) and random (RandomSampler); pruners: none (NopPruner),
median (MedianPruner), successive_halving, hyperband; each with Optuna's defaults unless settings
are given as JSON. JOBS worker processes (one PyTorch thread each) share one SQLite study; worker
w's sampler gets the seed SEED * JOBS + w (so with one job, exactly SEED; workers with one seed
would propose the same random start-up trials). Worker w's k-th trial (k = 0, 1, ...) trains with
the torch seed SEED * 1000003 + 1000 * w + k, so a worker's proposals and its networks' weights go
together whatever the timing (which worker gets which trial number does not).

Prints JSON lines on stdout: one per finished trial
  {"trial": n, "worker": w, "state": "COMPLETE"|"PRUNED"|"FAIL", "value": v, "epochs": e, ...}
one per worker when it is done (the BLAS libraries it mapped: PyTorch's must be the OpenMP OpenBLAS)
  {"worker_end": true, "worker": w, "torch_threads": 1, "blas": [...]}
and one at the end
  {"summary": true, "best_validation_accuracy": v, "best_trial": n, "best_params": {...},
   "epochs": total, "trials": n, "complete": n, "pruned": n, "failed": n, "seconds": wall, ...}
where seconds runs from the moment every worker has loaded PyTorch and the data to the end of the
last trial. Run it with Debian's python3-optuna and python3-torch (OpenMP OpenBLAS as libblas.so.3).
"""
import argparse
import json
import math
import multiprocessing
import sys
import time
import traceback

import optuna
import torch

import torch_mlp

TORCH_SEED_STRIDE = 1_000_003
WORKER_SEED_STRIDE = 1000
BARRIER_SECONDS = 600


def sampler(kind, settings, seed):
    if kind == "tpe":
        return optuna.samplers.TPESampler(seed=seed, **settings)
    if kind == "random":
        return optuna.samplers.RandomSampler(seed=seed, **settings)
    raise ValueError(f"sampler must be tpe or random, but got {kind!r}")


def pruner(kind, settings):
    if kind == "none":
        return optuna.pruners.NopPruner(**settings)
    if kind == "median":
        return optuna.pruners.MedianPruner(**settings)
    if kind == "successive_halving":
        return optuna.pruners.SuccessiveHalvingPruner(**settings)
    if kind == "hyperband":
        return optuna.pruners.HyperbandPruner(**settings)
    raise ValueError(f"pruner must be none, median, successive_halving or hyperband, but got {kind!r}")


def suggest(trial, space):
    """The trial's parameters for a space in hpo4j's Distributions.toMap form."""
    params = {}
    for name, d in space.items():
        kind = d["type"]
        if kind == "float":
            step = d.get("step")
            params[name] = trial.suggest_float(name, d["low"], d["high"], log=bool(d.get("log")),
                                               step=step if step else None)
        elif kind == "int":
            params[name] = trial.suggest_int(name, d["low"], d["high"], step=d.get("step") or 1, log=bool(d.get("log")))
        elif kind == "categorical":
            params[name] = trial.suggest_categorical(name, d["choices"])
        else:
            raise ValueError(f"{name}: distribution type must be float, int or categorical, but got {kind!r}")
    return params


PARAMETERS = ("epochs", "batch_size", "learning_rate", "hidden_units", "layers", "dropout", "activation", "optimizer")
SUPPORTED = {"activation": set(torch_mlp.ACTIVATIONS), "optimizer": set(torch_mlp.OPTIMIZERS)}


def check_space(space, defaults):
    """Exits with 2 and one line if the twin cannot train every point of the space."""
    for name in space:
        if name not in PARAMETERS:
            raise SystemExit(f"optuna_mlp.py: {name}: not a parameter of the twin; it takes {list(PARAMETERS)}")
    missing = [n for n in PARAMETERS if n not in space and n not in defaults]
    if missing:
        raise SystemExit(f"optuna_mlp.py: {missing} neither in the space nor in the defaults")
    for name, supported in SUPPORTED.items():
        values = space[name]["choices"] if name in space else [defaults[name]]
        unsupported = [v for v in values if v not in supported]
        if unsupported:
            raise SystemExit(f"optuna_mlp.py: {name}: the twin has no {unsupported}; it has {sorted(supported)}")


class EarlyStopping:
    """hpo4j's EarlyStopping on a loss: an epoch improves if it beats the best so far by more than
    min_delta (the first non-NaN value always does); stop after `patience` epochs in a row without."""

    def __init__(self, patience, min_delta):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.since = None, 0

    def next(self, loss):
        improved = not math.isnan(loss) and (self.best is None or loss < self.best - self.min_delta)
        if improved:
            self.best, self.since = loss, 0
        else:
            self.since += 1
        return self.patience > 0 and self.since >= self.patience


def run_trial(trial, args, space, defaults, data, torch_seed, progress):
    """Trains one trial; returns (state, value, reason); progress["epochs"] counts the epochs trained."""
    p = dict(defaults)
    p.update(suggest(trial, space))
    epochs = int(p["epochs"])
    stopping = EarlyStopping(args.patience, args.min_delta)
    best = None
    done = 0
    for m in torch_mlp.train_epochs(data, epochs, torch_seed,
                                    hidden=int(p["hidden_units"]), layers=int(p["layers"]), dropout=float(p["dropout"]),
                                    activation=p["activation"], optimizer_name=p["optimizer"],
                                    lr=float(p["learning_rate"]), batch=int(p["batch_size"])):
        done = progress["epochs"] = m["epoch"]
        if "diverged" in m:
            return "FAIL", None, m["diverged"]
        accuracy = m["validation_accuracy"]
        best = accuracy if best is None else max(best, accuracy)
        trial.report(accuracy, done)
        if trial.should_prune():
            return "PRUNED", None, f"pruned at epoch {done}"
        if stopping.next(m["validation_loss"]) and done < epochs:
            break
    return "COMPLETE", best, ""


def worker(args, index, barrier, tickets):
    torch.set_num_threads(1)
    space = json.loads(args.space)
    defaults = json.loads(args.defaults)
    data = torch_mlp.Data.of(args)
    study = optuna.load_study(study_name=args.study, storage=storage(args.storage),
                              sampler=sampler(args.sampler, json.loads(args.sampler_settings), args.seed * args.jobs + index),
                              pruner=pruner(args.pruner, json.loads(args.pruner_settings)))
    barrier.wait(BARRIER_SECONDS)
    k = 0  # this worker's trials so far
    while True:
        with tickets.get_lock():
            ticket = tickets.value
            tickets.value += 1
        if ticket >= args.trials:
            print(json.dumps({"worker_end": True, "worker": index, "torch_threads": torch.get_num_threads(),
                              "blas": torch_mlp.loaded_blas()}), flush=True)
            return
        trial = study.ask()
        progress = {"epochs": 0}
        try:
            torch_seed = args.seed * TORCH_SEED_STRIDE + WORKER_SEED_STRIDE * index + k
            trial.set_user_attr("torch_seed", torch_seed)
            state, value, reason = run_trial(trial, args, space, defaults, data, torch_seed, progress)
        except Exception as e:  # a trial that throws fails and the study goes on, as in hpo4j
            state, value, reason = "FAIL", None, f"{type(e).__name__}: {e}"
            traceback.print_exc(file=sys.stderr)
        epochs = progress["epochs"]
        trial.set_user_attr("epochs", epochs)
        if reason:
            trial.set_user_attr("reason", reason)
        study.tell(trial, value, state=getattr(optuna.trial.TrialState, state))
        print(json.dumps({"trial": trial.number, "worker": index, "state": state, "value": value, "epochs": epochs,
                          "reason": reason, "params": trial.params}), flush=True)
        k += 1


def storage(url):
    # Several processes write one SQLite file: wait for its lock instead of failing.
    return optuna.storages.RDBStorage(url, engine_kwargs={"connect_args": {"timeout": 300}})


def summary(study, seconds, args):
    trials = study.get_trials(deepcopy=False)
    counts = {s: sum(1 for t in trials if t.state.name == s) for s in ("COMPLETE", "PRUNED", "FAIL")}
    complete = [t for t in trials if t.state.name == "COMPLETE" and t.value is not None]
    best = max(complete, key=lambda t: (t.value, -t.number)) if complete else None
    return {"summary": True, "seed": args.seed, "sampler": args.sampler, "pruner": args.pruner,
            "best_validation_accuracy": best.value if best else None, "best_trial": best.number if best else -1,
            "best_params": best.params if best else {}, "epochs": sum(int(t.user_attrs.get("epochs", 0)) for t in trials),
            "trials": len(trials), "complete": counts["COMPLETE"], "pruned": counts["PRUNED"], "failed": counts["FAIL"],
            "seconds": seconds, "storage": args.storage, "optuna": optuna.__version__, "torch": torch.__version__,
            "threads_per_trial": 1, "jobs": args.jobs}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    torch_mlp.add_data_arguments(parser)
    parser.add_argument("--space", required=True, help="the search space as JSON (hpo4j's Distributions.toMap)")
    parser.add_argument("--defaults", default="{}", help="values of parameters the space lacks, as JSON")
    parser.add_argument("--sampler", required=True, choices=["tpe", "random"])
    parser.add_argument("--sampler-settings", default="{}", help="keyword arguments of the sampler, as JSON")
    parser.add_argument("--pruner", required=True, choices=["none", "median", "successive_halving", "hyperband"])
    parser.add_argument("--pruner-settings", default="{}", help="keyword arguments of the pruner, as JSON")
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--patience", type=int, default=3, help="early stopping on validation_loss; 0 disables it")
    parser.add_argument("--min-delta", type=float, default=0.001)
    parser.add_argument("--storage", required=True, help="an SQLAlchemy URL, e.g. sqlite:////tmp/study.db")
    parser.add_argument("--study", default="fashion-quick")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    # Validate every setting before the study is created (a bad one fails here, not in a worker).
    check_space(json.loads(args.space), json.loads(args.defaults))
    sampler(args.sampler, json.loads(args.sampler_settings), args.seed)
    created = pruner(args.pruner, json.loads(args.pruner_settings))
    study = optuna.create_study(study_name=args.study, storage=storage(args.storage), direction="maximize",
                                sampler=sampler(args.sampler, json.loads(args.sampler_settings), args.seed), pruner=created)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(args.jobs + 1)
    tickets = context.Value("i", 0)
    workers = [context.Process(target=worker, args=(args, w, barrier, tickets)) for w in range(args.jobs)]
    for w in workers:
        w.start()
    barrier.wait(BARRIER_SECONDS)
    start = time.perf_counter()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - start
    bad = [w.exitcode for w in workers if w.exitcode != 0]
    if bad:
        raise SystemExit(f"optuna_mlp.py: a worker exited with {bad[0]}; see its standard error above")
    print(json.dumps(summary(study, seconds, args)), flush=True)


if __name__ == "__main__":
    main()
