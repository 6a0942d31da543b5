"""Proxy check of sotto-text against espeak-ng (reference only, never a data source).

Phoneme error rate (edit distance over phoneme tokens / reference tokens) of our output vs
`espeak-ng --ipa -v en-us`, on sentences and words from Debian's fortunes, skipping any text
from the judge's sentence lists. Reports segmental PER (stress marks dropped) and PER with stress.

Usage: eval_espeak.py [--sentences 1000] [--words 3000] [--bin target/debug/examples/phonemize]
"""
import argparse
import collections
import glob
import random
import re
import subprocess

DIPH = ["aɪ", "aʊ", "eɪ", "oʊ", "ɔɪ", "tʃ", "dʒ"]
STRESS = "ˈˌ"
PUNCT = set(".,;:!?")


def tokens(s, stress):
    s = "".join(c for c in s if c not in PUNCT)
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == " ":
            i += 1
            continue
        if c in STRESS:
            if stress:
                out.append(c)
            i += 1
            continue
        two = s[i:i + 2]
        if two in DIPH:
            out.append(two)
            i += 2
        else:
            out.append(c)
            i += 1
        if i < len(s) and s[i] == "ː":
            out[-1] += "ː"
            i += 1
    return out


def align(a, b):
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    ops = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            if a[i - 1] != b[j - 1]:
                ops.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and d[i][j] == d[i - 1][j] + 1:
            ops.append((a[i - 1], "-"))
            i -= 1
        else:
            ops.append(("-", b[j - 1]))
            j -= 1
    return d[n][m], ops


def espeak(text):
    out = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", "en-us", "--stdin"], input=text,
                         capture_output=True, text=True).stdout
    return " ".join(l.strip() for l in out.splitlines() if l.strip())


def ours(lines, binary, words=False):
    args = [binary] + (["--words"] if words else [])
    out = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    return out.rstrip("\n").split("\n")


def fortunes(exclude):
    texts = []
    for f in sorted(glob.glob("/usr/share/games/fortunes/*")):
        if "." in f.rsplit("/", 1)[-1] or "off" in f:
            continue
        try:
            body = open(f, encoding="utf-8").read()
        except (UnicodeDecodeError, IsADirectoryError):
            continue
        for entry in body.split("\n%\n"):
            for sent in re.split(r"(?<=[.!?])\s+", " ".join(entry.split())):
                if 20 <= len(sent) <= 160 and re.fullmatch(r"[A-Za-z0-9 ,.;:!?'\"$%&()-]+", sent):
                    if sent not in exclude:
                        texts.append(sent)
    return texts


def report(name, refs, hyps, show=0):
    for stress in (False, True):
        errs = total = 0
        subs = collections.Counter()
        for r, h in zip(refs, hyps):
            rt, ht = tokens(r, stress), tokens(h, stress)
            e, ops = align(ht, rt)
            errs += e
            total += len(rt)
            subs.update(ops)
        print(f"{name}: PER {'with' if stress else 'without'} stress {errs / max(total, 1):.3f} ({errs}/{total})")
    if show:
        print("  commonest (ours, espeak):", subs.most_common(show))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=1000)
    ap.add_argument("--words", type=int, default=3000)
    ap.add_argument("--bin", default="target/debug/examples/phonemize")
    ap.add_argument("--show", type=int, default=25)
    ap.add_argument("--dump", default="")
    args = ap.parse_args()
    exclude = set()
    for f in glob.glob("/work/shared/eval/*.tsv"):
        for line in open(f, encoding="utf-8"):
            exclude.update(line.rstrip("\n").split("\t")[1:])
    rng = random.Random(0)
    texts = fortunes(exclude)
    rng.shuffle(texts)
    sents = texts[:args.sentences]
    vocab = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", t)})
    rng.shuffle(vocab)
    words = vocab[:args.words]
    ref_w = [espeak(w) for w in words]
    hyp_w = ours(words, args.bin, words=True)
    report(f"{len(words)} words", ref_w, hyp_w, args.show)
    ref_s = [espeak(s) for s in sents]
    hyp_s = ours(sents, args.bin)
    report(f"{len(sents)} sentences", ref_s, hyp_s, args.show)
    if args.dump:
        with open(args.dump, "w") as f:
            for w, r, h in zip(words, ref_w, hyp_w):
                f.write(f"W\t{w}\t{r}\t{h}\n")
            for s, r, h in zip(sents, ref_s, hyp_s):
                f.write(f"S\t{s}\t{r}\t{h}\n")


if __name__ == "__main__":
    main()
