"""PyTorch twin of hpo4j's MlpTrainer epoch, for `bench/run training`.

Does the same work as one hpo4j trial with the given settings: loads IDX images scaled to [0, 1],
takes the first TRAIN rows to train and the last VALIDATION rows to validate, then for each epoch
shuffles the training rows, fits minibatches (softmax + cross-entropy, Adam, Xavier weights,
dropout after each hidden layer but the input), reads each minibatch's loss (as hpo4j checks it is
finite), and measures loss and accuracy in inference mode, 1,000 rows at a time, on at most 10,000
evenly spaced training rows and on all validation rows.

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
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def evenly_spaced(size, count):
    n = min(size, count)
    return np.array([i * size // n for i in range(n)], dtype=np.int64)


def network(inputs, classes, hidden, layers, dropout):
    modules = []
    width = inputs
    for i in range(layers):
        if dropout > 0 and i > 0:
            modules.append(nn.Dropout(dropout))
        linear = nn.Linear(width, hidden)
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # DL4J's RELU weight init (He normal)
        nn.init.zeros_(linear.bias)
        modules += [linear, nn.ReLU()]
        width = hidden
    if dropout > 0 and layers > 0:
        modules.append(nn.Dropout(dropout))
    out = nn.Linear(width, classes)
    nn.init.xavier_normal_(out.weight)
    nn.init.zeros_(out.bias)
    modules.append(out)
    return nn.Sequential(*modules)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--train", type=int, required=True)
    parser.add_argument("--validation", type=int, required=True)
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
    torch.manual_seed(args.seed)
    images = read_idx(args.images)
    labels = read_idx(args.labels).astype(np.int64)
    features = images.reshape(len(images), -1).astype(np.float32) / 255.0
    train_x = torch.from_numpy(features[:args.train].copy())
    train_y = torch.from_numpy(labels[:args.train].copy())
    val_x = torch.from_numpy(features[-args.validation:].copy())
    val_y = torch.from_numpy(labels[-args.validation:].copy())
    eval_rows = torch.from_numpy(evenly_spaced(args.train, TRAIN_EVAL_EXAMPLES))
    eval_x, eval_y = train_x[eval_rows].contiguous(), train_y[eval_rows].contiguous()
    classes = int(labels.max()) + 1

    net = network(train_x.shape[1], classes, args.hidden, args.layers, args.dropout)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr, eps=1e-8)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)

    run_start, run_cpu = time.time(), time.process_time()
    for epoch in range(1, args.epochs + 1):
        start, cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(args.train, generator=generator)
        for b in range(0, args.train, args.batch):
            rows = order[b:b + args.batch]
            optimizer.zero_grad()
            loss = loss_fn(net(train_x[rows]), train_y[rows])
            loss.backward()
            optimizer.step()
            if not math.isfinite(loss.item()):
                raise SystemExit(f"training loss became {loss.item()} at epoch {epoch}")
        train_loss, train_acc = measure(net, eval_x, eval_y)
        val_loss, val_acc = measure(net, val_x, val_y)
        print(json.dumps({"epoch": epoch, "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                          "train_loss": train_loss, "train_accuracy": train_acc,
                          "validation_loss": val_loss, "validation_accuracy": val_acc}), flush=True)
    print(json.dumps({"run": True, "start": run_start, "end": time.time(), "wall": time.time() - run_start,
                      "cpu": time.process_time() - run_cpu, "epochs": args.epochs,
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": loaded_blas()}), flush=True)


if __name__ == "__main__":
    main()
