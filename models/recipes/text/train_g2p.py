"""Train the letter-context G2P of sotto-text on CMUdict and report held-out accuracy.

Letters are aligned to ARPAbet phones by hard EM (each letter emits nothing, one phone or
two phones). Each letter is then classified by the longest letter window around it that
was seen in training, along a fixed chain of windows (LEVELS); a window is stored only
where its majority output differs from what the shorter windows already predict.

Usage: train_g2p.py [--heldout 0.02] [--out runtime/text/data/g2p.bin]
Writes the model trained on all words; the reported accuracy is from a model trained
without the held-out slice.
"""
import argparse
import math
import random
import struct
from collections import Counter, defaultdict

from arpabet import CODE, load_cmudict

LEVELS = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 3), (3, 3), (3, 4), (4, 4), (5, 5)]
PAD = "#"
MIN_COUNT = 1
EM_ITERS = 4
TIE = 1e-6


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
        print(f"EM iteration {it + 1}: {len(result)} aligned words")
    return result


def window(w, i, left, right):
    p = PAD * 6 + w + PAD * 6
    return p[6 + i - left:6 + i + right + 1]


class Model:
    def __init__(self, aligned, min_count=MIN_COUNT):
        stats = [defaultdict(Counter) for _ in LEVELS]
        for w, chunks in aligned:
            for i, ch in enumerate(chunks):
                lab = " ".join(ch)
                for k, (l, r) in enumerate(LEVELS):
                    stats[k][window(w, i, l, r)][lab] += 1
        self.tables = [dict() for _ in LEVELS]
        for k, (l, r) in enumerate(LEVELS):
            for ctx, cnt in stats[k].items():
                lab, n = cnt.most_common(1)[0]
                if k > 0 and sum(cnt.values()) < min_count:
                    continue
                center = ctx[l]
                if k > 0 and self.predict_letter(ctx, l, k) == lab:
                    continue
                if k == 0 or center != PAD:
                    self.tables[k][ctx] = lab

    def predict_letter(self, ctx, pos, upto):
        """Predict with levels < upto, given a window ctx centred at pos."""
        for k in range(upto - 1, -1, -1):
            l, r = LEVELS[k]
            sub = ctx[pos - l:pos + r + 1]
            if sub in self.tables[k]:
                return self.tables[k][sub]
        return ""

    def predict(self, w):
        out = []
        maxl = max(l for l, _ in LEVELS)
        maxr = max(r for _, r in LEVELS)
        p = PAD * maxl + w + PAD * maxr
        for i in range(len(w)):
            lab = self.predict_letter(p[i:i + maxl + maxr + 1], maxl, len(LEVELS))
            out += lab.split()
        return fix_stress(out)


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


def evaluate(model, words):
    right = right_ns = errs = total = 0
    for w, ph in words:
        hyp = model.predict(w)
        right += hyp == ph
        right_ns += [strip(p) for p in hyp] == [strip(p) for p in ph]
        errs += edit(hyp, ph)
        total += len(ph)
    n = len(words)
    return right / n, right_ns / n, errs / total


def save(model, path):
    labels = sorted({lab for t in model.tables for lab in t.values()})
    index = {lab: i for i, lab in enumerate(labels)}
    out = bytearray(b"SG2P")
    out += struct.pack("<II", len(labels), len(LEVELS))
    for lab in labels:
        codes = bytes(CODE[p] for p in lab.split())
        out += bytes([len(codes)]) + codes
    for k, (l, r) in enumerate(LEVELS):
        items = sorted((ctx.encode(), index[lab]) for ctx, lab in model.tables[k].items())
        out += struct.pack("<BBI", l, r, len(items))
        for ctx, lab in items:
            out += ctx + struct.pack("<H", lab)
    open(path, "wb").write(out)
    print(f"{sum(len(t) for t in model.tables)} contexts, {len(labels)} labels, {len(out)} bytes -> {path}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--heldout", type=float, default=0.02)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--out", default="runtime/text/data/g2p.bin")
    ap.add_argument("--heldout-list", default="models/recipes/text/heldout.tsv")
    ap.add_argument("--no-final", action="store_true")
    args = ap.parse_args()
    words = list(load_cmudict())
    rng = random.Random(0)
    rng.shuffle(words)
    cut = int(len(words) * args.heldout)
    test, train = words[:cut], words[cut:]
    aligned = align(train)
    model = Model(aligned, args.min_count)
    acc, acc_ns, per = evaluate(model, test)
    print(f"held-out {len(test)} words: word accuracy {acc:.3f} (ignoring stress {acc_ns:.3f}), "
          f"phone error rate {per:.3f}")
    with open(args.heldout_list, "w") as f:
        for w, ph in test:
            f.write(f"{w}\t{' '.join(ph)}\n")
    if not args.no_final:
        final = Model(align(words), args.min_count)
        save(final, args.out)


if __name__ == "__main__":
    main()
