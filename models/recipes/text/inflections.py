"""Measures the regular inflections sotto-text reads from lexicon words (src/inflection.rs).

    models/.venv/bin/python models/recipes/text/inflections.py

On the lexicon's training words (CMUdict without the held-out 2%, as train_g2p.py splits it),
every word that is a stem plus `-s`, `-es`, `-'s`, `-s'`, `-'` or `-ed` (the stem spelled as
written, with a silent `e` restored, a doubled consonant undone, or `i` back to `y`) gives a
pair: per suffix and final stem phone, the phones the word adds after its stem's. Prints the
most frequent ending per (suffix, final phone) where it differs from the voicing rule the
runtime applies, how often a word is exactly its stem plus that rule's ending, and then the
held-out words' accuracy: the rule where it applies (stems from the training words only) else
the shipped G2P's own predictions (runtime/text/tests/data/g2p-python.tsv).
"""
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from arpabet import load_cmudict  # noqa: E402

ROOT = HERE.parents[2]
HELDOUT = 0.02
SUFFIXES = ["'s", "s'", "es", "ed", "s", "'"]
SIBILANTS = {"S", "Z", "SH", "ZH", "CH", "JH"}
VOICELESS = {"P", "T", "K", "F", "TH", "S", "SH", "CH"}
MIN_STEM = 3


def rule(suffix, last):
    """The ending the runtime adds for `suffix` after a stem whose last phone is `last`."""
    if suffix == "'":
        return ()
    if suffix == "ed":
        return ("IH0", "D") if last in ("T", "D") else ("T",) if last in VOICELESS else ("D",)
    return ("IH0", "Z") if last in SIBILANTS else ("S",) if last in VOICELESS else ("Z",)


def spellings(stem, suffix):
    out = [stem]
    if suffix.startswith("e"):
        out.append(stem + "e")
        if len(stem) > 1 and stem[-1] == stem[-2] and stem[-1] not in "aeiouys":
            out.append(stem[:-1])
        if stem.endswith("i"):
            out.append(stem[:-1] + "y")
    return out


def inflection(word, lexicon):
    """(suffix, stem) of the first reading of `word` as an inflected lexicon word, or None."""
    for suffix in SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if (suffix == "s" and stem.endswith("s")) or (suffix == "'" and not stem.endswith("s")):
            continue
        for s in spellings(stem, suffix):
            if len(s) >= MIN_STEM and s in lexicon:
                return suffix, s
    return None


def main():
    words = list(load_cmudict())
    random.Random(0).shuffle(words)
    cut = int(len(words) * HELDOUT)
    test, train = words[:cut], words[cut:]
    lexicon = dict(train)
    endings = defaultdict(Counter)
    kept, pairs = Counter(), Counter()
    for word, phones in train:
        found = inflection(word, lexicon)
        if not found:
            continue
        suffix, stem = found
        sp = lexicon[stem]
        last = sp[-1].rstrip("012")
        pairs[suffix] += 1
        added = tuple(phones[len(sp):]) if phones[: len(sp)] == sp else None
        endings[(suffix, last)][added] += 1
        kept[suffix] += added == rule(suffix, last)
    print("suffix  pairs  word = stem + rule")
    for suffix in SUFFIXES:
        print(f"{suffix:6s} {pairs[suffix]:6d}  {kept[suffix] / max(pairs[suffix], 1):.2f}")
    print(f"all    {sum(pairs.values()):6d}  {sum(kept.values()) / sum(pairs.values()):.2f}")
    for (suffix, last), counts in sorted(endings.items()):
        common = [(a, n) for a, n in counts.most_common() if a is not None]
        total = sum(counts.values())
        if common and common[0][0] != rule(suffix, last) and total >= 20:
            print(f"  most frequent differs: {suffix} after {last}: {' '.join(common[0][0]) or '-'} "
                  f"({common[0][1]}/{total}), rule {' '.join(rule(suffix, last)) or '-'}")
    fixture = ROOT / "runtime/text/tests/data/g2p-python.tsv"
    g2p = {w: p.split() for w, p in (line.rstrip("\n").split("\t") for line in open(fixture))}
    right = right_g2p = applied = 0
    for word, phones in test:
        found = inflection(word, lexicon)
        said = g2p[word]
        if found:
            applied += 1
            stem = lexicon[found[1]]
            said = stem + list(rule(found[0], stem[-1].rstrip("012")))
        right += said == phones
        right_g2p += g2p[word] == phones
    print(f"held-out {len(test)} words: G2P alone {right_g2p / len(test):.3f}, "
          f"inflection else G2P {right / len(test):.3f} (rule applied to {applied})")


if __name__ == "__main__":
    main()
