"""Train the letter tagger G2P of sotto-text on CMUdict and report held-out accuracy.

Letters are aligned to ARPAbet phones by hard EM (each letter emits nothing, one phone or
two phones, stress included), which gives every letter one label from a closed set of phone
chunks. An encoder over the whole word (`--arch lstm`: bidirectional LSTM layers; `--arch
conv`: residual convolutions) predicts each letter's label (non-autoregressive, context on both
sides); the model file may sum the scores of several trained taggers (`--members`), and the
runtime picks the best labels with exactly one primary stress.

The held-out slice (2% of CMUdict, shuffled with seed 0) is written to heldout.tsv and never
trained on; the shipped model is the one that is measured. Weight matrices are stored as int8
with an f16 scale per row, biases as f16.

Usage: train_g2p.py [--arch lstm --layers 2 --hidden 192] [--epochs 18] [--ckpt CKPT]
       train_g2p.py --members CKPT... [--out runtime/text/data/g2p.bin]

A member may also be a model file (`.bin`, e.g. the shipped runtime/text/data/g2p.bin): its
taggers are read back with the weights it stores, so a new tagger can join the shipped ones
without their training checkpoints.
"""
import argparse
import math
import random
import struct
import time
from collections import Counter, defaultdict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from arpabet import CODE, PHONES, load_cmudict

EM_ITERS = 4
TIE = 1e-6
LETTERS = "abcdefghijklmnopqrstuvwxyz'"
VOCAB = len(LETTERS) + 1
CHANNELS = 160
LAYERS = 5
KERNEL = 5
DROPOUT = 0.1
BATCH_LETTERS = 3000
LR = 2e-3
DEV_WORDS = 1000
HELDOUT = 0.02
MAGIC = b"SG2N"
VERSION = 2
KIND_CONV = 0
KIND_LSTM = 1
EMBED = 128
HIDDEN = 256


def strip(p):
    return p.rstrip("012")


def align(words, iters=EM_ITERS):
    """Return list of (word, [chunk per letter]) with chunks as tuples of stressed phones."""
    logp = defaultdict(lambda: -12.0)
    for it in range(iters):
        counts = Counter()
        result = []
        for w, ph in words:
            n, m = len(w), len(ph)
            if m > 2 * n:
                continue
            s = [strip(p) for p in ph]
            NEG = -1e18
            dp = [[NEG] * (m + 1) for _ in range(n + 1)]
            bp = [[0] * (m + 1) for _ in range(n + 1)]
            dp[0][0] = 0.0
            for i in range(1, n + 1):
                c = w[i - 1]
                row, prev = dp[i], dp[i - 1]
                for j in range(0, m + 1):
                    best, arg = prev[j] + (logp[(c, ())] if it else -1.0), 0
                    if j >= 1 and prev[j - 1] > NEG:
                        v = prev[j - 1] + (logp[(c, (s[j - 1],))] if it else 0.0)
                        if v > best + TIE:
                            best, arg = v, 1
                    if j >= 2 and prev[j - 2] > NEG:
                        v = prev[j - 2] + (logp[(c, (s[j - 2], s[j - 1]))] if it else -3.0)
                        if v > best + TIE:
                            best, arg = v, 2
                    row[j], bp[i][j] = best, arg
            if dp[n][m] <= NEG / 2:
                continue
            chunks = []
            j = m
            for i in range(n, 0, -1):
                k = bp[i][j]
                chunks.append(tuple(ph[j - k:j]))
                j -= k
            chunks.reverse()
            for c, ch in zip(w, chunks):
                counts[(c, tuple(strip(p) for p in ch))] += 1
            result.append((w, chunks))
        totals = Counter()
        for (c, _), v in counts.items():
            totals[c] += v
        logp = defaultdict(lambda: -12.0)
        for (c, ch), v in counts.items():
            logp[(c, ch)] = math.log(v / totals[c])
        print(f"EM iteration {it + 1}: {len(result)} aligned words", flush=True)
    return result


def fix_stress(phones):
    seen = False
    out = []
    for p in phones:
        if p.endswith("1"):
            p = p[:-1] + ("2" if seen else "1")
            seen = True
        out.append(p)
    if not seen:
        for i, p in enumerate(out):
            if p[-1] in "02":
                out[i] = p[:-1] + "1"
                break
    return out


def edit(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(b)]


def encode(w):
    return [LETTERS.index(c) + 1 for c in w.lower() if c in LETTERS]


class Tagger(nn.Module):
    """Letter embedding, residual ReLU convolutions masked to the word, per-letter labels."""

    def __init__(self, labels, channels=CHANNELS, layers=LAYERS, kernel=KERNEL):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, channels)
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel, padding=kernel // 2) for _ in range(layers))
        self.out = nn.Linear(channels, labels)
        self.drop = nn.Dropout(DROPOUT)

    def forward(self, x):
        mask = (x > 0).float().unsqueeze(1)
        h = self.emb(x).transpose(1, 2) * mask
        for conv in self.convs:
            h = h + self.drop(F.relu(conv(h))) * mask
        return self.out(h.transpose(1, 2))


class LstmTagger(nn.Module):
    """Letter embedding, bidirectional LSTM layers over the whole word, per-letter labels."""

    def __init__(self, labels, embed=EMBED, hidden=HIDDEN, layers=2, dropout=DROPOUT):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, embed)
        self.lstm = nn.LSTM(embed, hidden, num_layers=layers, bidirectional=True,
                            batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.out = nn.Linear(2 * hidden, labels)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        h, _ = self.lstm(self.drop(self.emb(x)))
        return self.out(self.drop(h))


def same_length_batches(items, rng):
    """Batches of words of one length (no padding, which a backward LSTM would read)."""
    by_len = defaultdict(list)
    for it in items:
        by_len[len(it[0])].append(it)
    out = []
    for n, group in by_len.items():
        rng.shuffle(group)
        size = max(1, BATCH_LETTERS // n)
        out.extend(group[i:i + size] for i in range(0, len(group), size))
    rng.shuffle(out)
    return out


def batches(items, rng):
    items = sorted(items, key=lambda it: (len(it[0]), rng.random()))
    out, cur = [], []
    for it in items:
        cur.append(it)
        if len(cur) * len(it[0]) >= BATCH_LETTERS:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def tensors(batch):
    n = max(len(x) for x, _ in batch)
    xs = torch.zeros(len(batch), n, dtype=torch.long)
    ys = torch.full((len(batch), n), -100, dtype=torch.long)
    for b, (x, y) in enumerate(batch):
        xs[b, :len(x)] = torch.tensor(x)
        ys[b, :len(y)] = torch.tensor(y)
    return xs, ys


def primaries(label):
    return sum(p.endswith("1") for p in label)


def decode(logits, labels):
    """Best label per letter such that exactly one letter carries the primary stress.

    The letter that takes it is the one whose best primary-stressed label loses least against
    its best unstressed label; a word whose plain argmax has no vowel keeps that argmax."""
    best = logits.argmax(-1).tolist()
    if not any(p[-1] in "012" for k in best for p in labels[k]):
        return best
    one = torch.tensor([primaries(lab) == 1 for lab in labels])
    none = torch.tensor([primaries(lab) == 0 for lab in labels])
    a_val, a_idx = logits.masked_fill(~none, -math.inf).max(-1)
    b_val, b_idx = logits.masked_fill(~one, -math.inf).max(-1)
    out = a_idx.tolist()
    j = int((b_val - a_val).argmax())
    out[j] = int(b_idx[j])
    return out


@torch.no_grad()
def predict(models, labels, words):
    """Phones per word, exactly as the runtime decodes them (summed member logits, one primary
    stress, stress fix)."""
    for m in models:
        m.eval()
    out = {}
    by_len = defaultdict(list)
    for w in words:
        by_len[len(encode(w))].append(w)
    for n, ws in by_len.items():
        if n == 0:
            for w in ws:
                out[w] = []
            continue
        xs = torch.tensor([encode(w) for w in ws])
        logits = models[0](xs)
        for m in models[1:]:
            logits = logits + m(xs)
        for w, row in zip(ws, logits):
            out[w] = fix_stress([p for k in decode(row, labels) for p in labels[k]])
    return out


def evaluate(models, labels, words):
    hyp = predict(models, labels, [w for w, _ in words])
    right = right_ns = errs = total = 0
    for w, ph in words:
        h = hyp[w]
        right += h == ph
        right_ns += [strip(p) for p in h] == [strip(p) for p in ph]
        errs += edit(h, ph)
        total += len(ph)
    n = len(words)
    return right / n, right_ns / n, errs / total


def q8(rows):
    """Int8 codes and f16 scales of a [rows][columns] matrix, one scale per row."""
    scale = (rows.abs().amax(1, keepdim=True) / 127).half().float()
    scale = torch.where(scale > 0, scale, torch.ones_like(scale))
    return (rows / scale).round().clamp(-127, 127), scale


def stored_rows(model):
    """Each weight matrix of a tagger as the file lays it out: (parameter, [rows][columns]
    view of it, function taking such rows back to the parameter's shape)."""
    out = [(model.emb.weight, model.emb.weight, lambda r: r)]
    if isinstance(model, LstmTagger):
        for name, p in model.lstm.named_parameters():
            if name.startswith("weight"):
                out.append((p, p.t(), lambda r: r.t()))
    else:
        for conv in model.convs:
            w = conv.weight
            k = w.shape[2]
            out.append((w, w.permute(2, 1, 0).reshape(-1, w.shape[0]),
                        lambda r, w=w, k=k: r.reshape(k, w.shape[1], w.shape[0]).permute(2, 1, 0)))
    out.append((model.out.weight, model.out.weight.t(), lambda r: r.t()))
    return out


def to_stored(models):
    """Sets every weight to the value the file stores: an LSTM's two biases summed, biases f16,
    weight matrices int8 with an f16 scale per stored row."""
    with torch.no_grad():
        for m in models:
            if isinstance(m, LstmTagger):
                for name, p in m.lstm.named_parameters():
                    if name.startswith("bias_ih"):
                        p.add_(getattr(m.lstm, name.replace("bias_ih", "bias_hh")))
                    elif name.startswith("bias_hh"):
                        p.zero_()
            for p in m.parameters():
                p.copy_(p.half().float())
            for p, rows, back in stored_rows(m):
                codes, scale = q8(rows)
                p.copy_(back(codes * scale))


def save(models, labels, path):
    out = bytearray(MAGIC)
    out += struct.pack("<IIII", VERSION, VOCAB, len(labels), len(models))
    for lab in labels:
        codes = bytes(CODE[p] for p in lab)
        out += bytes([len(codes)]) + codes

    def put(t):
        out.extend(np.ascontiguousarray(t.detach().numpy(), dtype="<f2").tobytes())

    def put_q8(rows):
        codes, scale = q8(rows.detach())
        put(scale.squeeze(1))
        out.extend(np.ascontiguousarray(codes.numpy(), dtype="i1").tobytes())

    for model in models:
        if isinstance(model, LstmTagger):
            lstm = model.lstm
            out += struct.pack("<IIII", KIND_LSTM, lstm.input_size, lstm.hidden_size,
                               lstm.num_layers)
            put_q8(model.emb.weight)
            for layer in range(lstm.num_layers):
                for sfx in ("", "_reverse"):
                    put_q8(getattr(lstm, f"weight_ih_l{layer}{sfx}").t())
                    put_q8(getattr(lstm, f"weight_hh_l{layer}{sfx}").t())
                    put(getattr(lstm, f"bias_ih_l{layer}{sfx}")
                        + getattr(lstm, f"bias_hh_l{layer}{sfx}"))
        else:
            conv = model.convs[0]
            out += struct.pack("<IIII", KIND_CONV, conv.out_channels, len(model.convs),
                               conv.kernel_size[0])
            put_q8(model.emb.weight)
            for conv in model.convs:
                put_q8(conv.weight.permute(2, 1, 0).reshape(-1, conv.out_channels))
                put(conv.bias)
        put_q8(model.out.weight.t())
        put(model.out.bias)
    open(path, "wb").write(out)
    weights = sum(p.numel() for m in models for p in m.parameters())
    print(f"{len(models)} members, {len(labels)} labels, {weights} weights, "
          f"{len(out)} bytes -> {path}", flush=True)


def make_model(arch, labels, args):
    if arch == "lstm":
        return LstmTagger(labels, args.embed, args.hidden, args.layers, args.dropout)
    return Tagger(labels, args.channels, args.layers)


def load_member(path):
    ck = torch.load(path)
    state = ck["model"]
    if "lstm.weight_hh_l0" in state:
        hidden = state["lstm.weight_hh_l0"].shape[1]
        layers = sum(1 for k in state if k.startswith("lstm.weight_hh_l") and "reverse" not in k)
        model = LstmTagger(len(ck["labels"]), state["emb.weight"].shape[1], hidden, layers)
    else:
        channels = state["emb.weight"].shape[1]
        layers = sum(1 for k in state if k.startswith("convs.") and k.endswith(".weight"))
        model = Tagger(len(ck["labels"]), channels, layers)
    model.load_state_dict(state)
    return model, ck["labels"], ck["elapsed"]


def load_bin(path):
    """The taggers and labels of a model file written by `save`, with the weights it stores
    (each member as `load_member` returns it, its training time unknown: 0)."""
    data = open(path, "rb").read()
    at = 0

    def take(n):
        nonlocal at
        if at + n > len(data):
            raise SystemExit(f"{path}: truncated at byte {at}")
        at += n
        return data[at - n:at]

    if take(len(MAGIC)) != MAGIC:
        raise SystemExit(f"{path}: not a G2P model file")
    version, vocab, n_labels, n_models = struct.unpack("<IIII", take(16))
    if version != VERSION or vocab != VOCAB:
        raise SystemExit(f"{path}: version {version}, vocabulary {vocab} (expected {VERSION}, {VOCAB})")
    labels = []
    for _ in range(n_labels):
        n = take(1)[0]
        labels.append(tuple(PHONES[c] for c in take(n)))

    def f16(n):
        return torch.from_numpy(np.frombuffer(take(2 * n), dtype="<f2").astype(np.float32))

    def q8(rows, cols):
        scale = f16(rows)
        codes = torch.from_numpy(np.frombuffer(take(rows * cols), dtype="i1").astype(np.float32))
        return codes.reshape(rows, cols) * scale[:, None]

    out = []
    for _ in range(n_models):
        kind, a, b, c = struct.unpack("<IIII", take(16))
        with torch.no_grad():
            if kind == KIND_LSTM:
                model = LstmTagger(n_labels, a, b, c)
                model.emb.weight.copy_(q8(VOCAB, a))
                for layer in range(c):
                    for sfx in ("", "_reverse"):
                        inputs = a if layer == 0 else 2 * b
                        lstm = model.lstm
                        getattr(lstm, f"weight_ih_l{layer}{sfx}").copy_(q8(inputs, 4 * b).t())
                        getattr(lstm, f"weight_hh_l{layer}{sfx}").copy_(q8(b, 4 * b).t())
                        getattr(lstm, f"bias_ih_l{layer}{sfx}").copy_(f16(4 * b))
                        getattr(lstm, f"bias_hh_l{layer}{sfx}").zero_()
                width = 2 * b
            elif kind == KIND_CONV:
                model = Tagger(n_labels, a, b, c)
                model.emb.weight.copy_(q8(VOCAB, a))
                for conv in model.convs:
                    conv.weight.copy_(q8(c * a, a).reshape(c, a, a).permute(2, 1, 0))
                    conv.bias.copy_(f16(a))
                width = a
            else:
                raise SystemExit(f"{path}: unknown member kind {kind}")
            model.out.weight.copy_(q8(width, n_labels).t())
            model.out.bias.copy_(f16(n_labels))
        out.append((model, labels, 0.0))
    if at != len(data):
        raise SystemExit(f"{path}: {len(data) - at} bytes after the last member")
    return out


def split():
    words = list(load_cmudict())
    random.Random(0).shuffle(words)
    cut = int(len(words) * HELDOUT)
    return words[:cut], words[cut:]


def report(models, labels, test, args, elapsed):
    acc, acc_ns, per = evaluate(models, labels, test)
    print(f"f32: held-out {len(test)} words: word accuracy {acc:.3f} "
          f"(ignoring stress {acc_ns:.3f}), phone error rate {per:.3f}", flush=True)
    to_stored(models)
    acc, acc_ns, per = evaluate(models, labels, test)
    print(f"int8: held-out {len(test)} words: word accuracy {acc:.3f} "
          f"(ignoring stress {acc_ns:.3f}), phone error rate {per:.3f}", flush=True)
    print(f"training time {elapsed:.0f} s", flush=True)
    save(models, labels, args.out)
    hyp = predict(models, labels, [w for w, _ in test])
    with open(args.fixture, "w") as f:
        for w, _ in test[:args.fixture_words or len(test)]:
            f.write(f"{w}\t{' '.join(hyp[w])}\n")


def train(args, train_words):
    """Train one tagger (resuming from args.ckpt); returns it, its labels and the time taken."""
    start = time.time()
    try:
        aligned = torch.load(args.align_cache)
        print(f"alignment read from {args.align_cache}", flush=True)
    except FileNotFoundError:
        aligned = align(train_words)
        torch.save(aligned, args.align_cache)
    counts = Counter(ch for _, chunks in aligned for ch in chunks)
    labels = sorted(counts, key=lambda ch: (-counts[ch], ch))
    index = {ch: i for i, ch in enumerate(labels)}
    items = [(encode(w), [index[ch] for ch in chunks]) for w, chunks in aligned]
    dev = train_words[:DEV_WORDS]
    dev_set = {w for w, _ in dev}
    items = [it for it, (w, _) in zip(items, aligned) if w not in dev_set]
    print(f"{len(items)} training words, {len(labels)} labels, "
          f"alignment {time.time() - start:.0f} s", flush=True)

    model = make_model(args.arch, len(labels), args)
    make_batches = same_length_batches if args.arch == "lstm" else batches
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps = args.epochs * len(make_batches(items, random.Random(1)))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    epoch0 = 0
    try:
        ck = torch.load(args.ckpt)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        epoch0 = ck["epoch"]
        start -= ck["elapsed"]
        print(f"resumed at epoch {epoch0}", flush=True)
    except FileNotFoundError:
        pass
    for epoch in range(epoch0, args.epochs):
        model.train()
        total = 0.0
        bs = make_batches(items, random.Random(epoch + 1))
        for batch in bs:
            xs, ys = tensors(batch)
            loss = F.cross_entropy(model(xs).reshape(-1, len(labels)), ys.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        acc, acc_ns, per = evaluate([model], labels, dev)
        print(f"epoch {epoch + 1}: loss {total / len(bs):.4f}, dev word accuracy {acc:.3f} "
              f"(no stress {acc_ns:.3f}), PER {per:.3f}, {time.time() - start:.0f} s", flush=True)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                    "sched": sched.state_dict(), "epoch": epoch + 1,
                    "elapsed": time.time() - start, "labels": labels}, args.ckpt)
    return model, labels, time.time() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=14)
    ap.add_argument("--channels", type=int, default=CHANNELS)
    ap.add_argument("--layers", type=int, default=LAYERS)
    ap.add_argument("--arch", choices=["conv", "lstm"], default="conv")
    ap.add_argument("--embed", type=int, default=EMBED)
    ap.add_argument("--hidden", type=int, default=HIDDEN)
    ap.add_argument("--dropout", type=float, default=DROPOUT)
    ap.add_argument("--lr", type=float, default=LR)
    ap.add_argument("--align-cache", default="models/work/g2p-align.pt")
    ap.add_argument("--ckpt", default="models/work/g2p.pt")
    ap.add_argument("--members", nargs="+", metavar="CKPT",
                    help="no training: write the model summing these trained checkpoints")
    ap.add_argument("--out", default="runtime/text/data/g2p.bin")
    ap.add_argument("--heldout-list", default="models/recipes/text/heldout.tsv")
    ap.add_argument("--fixture", default="runtime/text/tests/data/g2p-python.tsv")
    ap.add_argument("--fixture-words", type=int, default=None, help="default: all held-out words")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    test, train_words = split()
    with open(args.heldout_list, "w") as f:
        for w, ph in test:
            f.write(f"{w}\t{' '.join(ph)}\n")
    if args.members:
        loaded = [m for path in args.members
                  for m in (load_bin(path) if path.endswith(".bin") else [load_member(path)])]
        models = [m for m, _, _ in loaded]
        labels = loaded[0][1]
        if any(lab != labels for _, lab, _ in loaded):
            raise SystemExit("members were trained with different label sets")
        elapsed = sum(t for _, _, t in loaded)
    else:
        model, labels, elapsed = train(args, train_words)
        models = [model]
    report(models, labels, test, args, elapsed)


if __name__ == "__main__":
    main()
