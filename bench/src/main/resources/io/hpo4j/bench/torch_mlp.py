"""PyTorch twin of hpo4j's MlpTrainer epoch, for `bench/run training` (and, imported, for the
Optuna twin of `bench/run fashion-quick`, optuna_mlp.py).

Does the same work as one hpo4j trial with the given settings: loads IDX images scaled to [0, 1],
takes the first TRAIN rows to train and the last VALIDATION rows to validate, then for each epoch
shuffles the training rows, fits minibatches (softmax + cross-entropy, the optimizer and the
hidden activation of hpo4j's MlpConfig with DL4J's settings and weight initializations, Xavier
output weights, dropout after each hidden layer but the input), reads each minibatch's loss (as
hpo4j checks it is finite), and measures loss and accuracy in inference mode, 1,000 rows at a time,
on at most 10,000 evenly spaced training rows and on all validation rows.

Prints one JSON object per epoch and one for the whole run on stdout:
  {"epoch": 1, "wall": s, "cpu": s, "train_loss": ..., "validation_accuracy": ...}
  {"run": true, "start": unix_s, "end": unix_s, "wall": s, "cpu": s, "epochs": n}
Run it with Debian's python3-torch and an OpenMP OpenBLAS as libblas.so.3: /usr/bin/python3 torch_mlp.py --help
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
from torch import nn

MEASURE_BATCH = 1000
TRAIN_EVAL_EXAMPLES = 10_000
SOFTMAX_CLIP = 1e-10


def read_idx(path):
    with (gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def evenly_spaced(size, count):
    n = min(size, count)
    return np.array([i * size // n for i in range(n)], dtype=np.int64)


# hpo4j's ActivationFunction: the module and DL4J's weight initialization for it (He normal,
# WeightInit.RELU, for ReLU; Xavier normal for the saturating ones).
ACTIVATIONS = {"relu": (nn.ReLU, "he"), "tanh": (nn.Tanh, "xavier"), "sigmoid": (nn.Sigmoid, "xavier")}


def network(inputs, classes, hidden, layers, dropout, activation="relu"):
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, but got {activation!r}")
    module, init = ACTIVATIONS[activation]
    modules = []
    width = inputs
    for i in range(layers):
        if dropout > 0 and i > 0:
            modules.append(nn.Dropout(dropout))
        linear = nn.Linear(width, hidden)
        if init == "he":
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # DL4J's WeightInit.RELU (He normal)
        else:
            nn.init.xavier_normal_(linear.weight)  # DL4J's WeightInit.XAVIER
        nn.init.zeros_(linear.bias)
        modules += [linear, module()]
        width = hidden
    if dropout > 0 and layers > 0:
        modules.append(nn.Dropout(dropout))
    out = nn.Linear(width, classes)
    nn.init.xavier_normal_(out.weight)
    nn.init.zeros_(out.bias)
    modules.append(out)
    return nn.Sequential(*modules)


OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad")


def optimizer(name, parameters, lr):
    """hpo4j's Optimizer with DL4J's defaults: momentum 0.9, RMSProp decay 0.95 / eps 1e-8,
    Adam betas 0.9/0.999 / eps 1e-8, AdaGrad eps 1e-6."""
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr)
    if name == "momentum":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9)
    if name == "nesterov":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9, nesterov=True)
    if name == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=lr, alpha=0.95, eps=1e-8)
    if name == "adam":
        return torch.optim.Adam(parameters, lr=lr, eps=1e-8)
    if name == "adagrad":
        return torch.optim.Adagrad(parameters, lr=lr, eps=1e-6)
    raise ValueError(f"optimizer must be one of {list(OPTIMIZERS)}, but got {name!r}")


def measure(net, x, y):
    net.eval()
    loss_sum = 0.0
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), MEASURE_BATCH):
            p = torch.softmax(net(x[start:start + MEASURE_BATCH]), dim=1)
            labels = y[start:start + MEASURE_BATCH]
            pl = p.gather(1, labels.unsqueeze(1)).squeeze(1).clamp(SOFTMAX_CLIP, 1 - SOFTMAX_CLIP)
            loss_sum -= torch.log(pl).double().sum().item()
            correct += (p.argmax(dim=1) == labels).sum().item()
    net.train()
    return loss_sum / len(x), correct / len(x)


def loaded_blas():
    """The BLAS and LAPACK libraries this process mapped (Debian's torch uses libblas.so.3's alternative)."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line or "lapack" in line}
    return sorted(p for p in paths if p.startswith("/"))


class Data:
    """The first TRAIN rows to train, the last VALIDATION rows to validate, and the training rows
    whose loss and accuracy are measured (at most 10,000, evenly spaced)."""

    def __init__(self, images_path, labels_path, train, validation):
        images = read_idx(images_path)
        labels = read_idx(labels_path).astype(np.int64)
        features = images.reshape(len(images), -1).astype(np.float32) / 255.0
        self.train_x = torch.from_numpy(features[:train].copy())
        self.train_y = torch.from_numpy(labels[:train].copy())
        self.val_x = torch.from_numpy(features[-validation:].copy())
        self.val_y = torch.from_numpy(labels[-validation:].copy())
        eval_rows = torch.from_numpy(evenly_spaced(train, TRAIN_EVAL_EXAMPLES))
        self.eval_x, self.eval_y = self.train_x[eval_rows].contiguous(), self.train_y[eval_rows].contiguous()
        self.classes = int(labels.max()) + 1

    @staticmethod
    def of(args):
        """The data that add_data_arguments' options name."""
        return Data(args.images, args.labels, args.train, args.validation)


def add_data_arguments(parser):
    """--images, --labels (IDX files, gzipped or not), --train, --validation: what Data.of reads."""
    parser.add_argument("--images", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--train", type=int, required=True)
    parser.add_argument("--validation", type=int, required=True)


def train_epochs(data, epochs, seed, hidden=256, layers=1, dropout=0.0, activation="relu", optimizer_name="adam",
                 lr=1e-3, batch=128):
    """Trains one network and yields each epoch's metrics as a dict (epoch, wall, cpu, train_loss,
    train_accuracy, validation_loss, validation_accuracy). If a minibatch's loss or a measured loss
    is not finite, that epoch's dict also has "diverged" (what, as hpo4j words it) and it is the last.
    The weights, dropout masks and each epoch's order of the training rows come from `seed`."""
    torch.manual_seed(seed)
    net = network(data.train_x.shape[1], data.classes, hidden, layers, dropout, activation)
    opt = optimizer(optimizer_name, net.parameters(), lr)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    rows_count = len(data.train_x)
    batches = (rows_count + batch - 1) // batch
    for epoch in range(1, epochs + 1):
        start, cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(rows_count, generator=generator)
        diverged = None
        for b in range(batches):
            rows = order[b * batch:(b + 1) * batch]
            opt.zero_grad()
            loss = loss_fn(net(data.train_x[rows]), data.train_y[rows])
            loss.backward()
            opt.step()
            if not math.isfinite(loss.item()):
                diverged = f"training loss became {loss.item()} at epoch {epoch} (minibatch {b + 1} of {batches})"
                break
        train_loss, train_acc = measure(net, data.eval_x, data.eval_y)
        val_loss, val_acc = measure(net, data.val_x, data.val_y)
        metrics = {"epoch": epoch, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                   "train_loss": train_loss, "train_accuracy": train_acc,
                   "validation_loss": val_loss, "validation_accuracy": val_acc}
        if diverged is None and not math.isfinite(train_loss):
            diverged = f"train_loss became {train_loss} at epoch {epoch}"
        if diverged is None and not math.isfinite(val_loss):
            diverged = f"validation_loss became {val_loss} at epoch {epoch}"
        if diverged is not None:
            metrics["diverged"] = diverged
            yield metrics
            return
        yield metrics


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--dropout", type=float, default=0.0)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    data = Data.of(args)
    run_start, run_cpu = time.time(), time.process_time()
    for metrics in train_epochs(data, args.epochs, args.seed, hidden=args.hidden, layers=args.layers,
                                dropout=args.dropout, batch=args.batch, lr=args.lr):
        if "diverged" in metrics:
            raise SystemExit(metrics["diverged"])
        print(json.dumps(metrics), flush=True)
    print(json.dumps({"run": True, "start": run_start, "end": time.time(), "wall": time.time() - run_start,
                      "cpu": time.process_time() - run_cpu, "epochs": args.epochs,
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": loaded_blas()}), flush=True)


if __name__ == "__main__":
    main()
