"""Scores `sotto normalize` against NVIDIA NeMo text-processing's English text-normalization
test cases, per semiotic class, as word error rate after a light canonicalization of spoken
forms that mean the same ("one hundred and five" = "one hundred five", "oh" = "zero", letters
written "AM" or "A M").

The cases are a yardstick only (Apache-2.0, NVIDIA/NeMo-text-processing,
tests/nemo_text_processing/en/data_text_normalization/test_cases_*.txt); they are fetched into a
cache directory, never committed, and none of NeMo's grammars or code is used.

    nemo_score.py [--bin target/debug/sotto] [--cache ~/.cache/sotto/nemo-tn]
                  [--repo DIR-or-git-dir-of-a-NeMo-text-processing-checkout] [--show CLASS]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_URL = "https://github.com/NVIDIA/NeMo-text-processing"
CASES_DIR = "tests/nemo_text_processing/en/data_text_normalization"
# Files that are not one semiotic class (audio-based or punctuation-matching variants).
SKIP = {"normalize_with_audio", "punctuation_match_input"}

NUMBER_WORDS = set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion".split()
)
CURRENCY_WORDS = {"dollar", "dollars", "pound", "pounds", "euro", "euros", "yen"}
EQUIVALENT = {
    "oh": "zero",
    "misses": "missus",
    "mrs": "missus",
    "okay": "ok",
}


def fetch_cases(cache: Path, repo: str | None) -> Path:
    """Copies the English TN case files into `cache` (once) and returns that directory."""
    if cache.is_dir() and any(cache.glob("test_cases_*.txt")):
        return cache
    cache.mkdir(parents=True, exist_ok=True)
    src = Path(repo) if repo else None
    if src is None:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run(["git", "clone", "--depth", "1", "--filter=blob:none", "--sparse",
                        REPO_URL, str(tmp / "repo")], check=True)
        subprocess.run(["git", "-C", str(tmp / "repo"), "sparse-checkout", "set", CASES_DIR],
                       check=True)
        src = tmp / "repo"
    if (src / CASES_DIR).is_dir():
        for f in (src / CASES_DIR).glob("test_cases_*.txt"):
            shutil.copy(f, cache / f.name)
    else:  # a bare git directory (e.g. a mirror)
        names = subprocess.run(["git", "--git-dir", str(src), "ls-tree", "--name-only",
                                f"HEAD:{CASES_DIR}/"], check=True, capture_output=True,
                               text=True).stdout.split()
        for name in names:
            if name.startswith("test_cases_"):
                blob = subprocess.run(["git", "--git-dir", str(src), "show",
                                       f"HEAD:{CASES_DIR}/{name}"], check=True,
                                      capture_output=True).stdout
                (cache / name).write_bytes(blob)
    (cache / "SOURCE").write_text(f"{REPO_URL} {CASES_DIR} (Apache-2.0)\n")
    return cache


def canon(text: str) -> list[str]:
    """Spoken text → comparable tokens."""
    words = []
    for tok in re.split(r"[\s\-–—/]+", text.replace("\u2019", "'")):
        tok = tok.strip(".,;:!?\"()[]{}")
        if not tok:
            continue
        if re.fullmatch(r"[A-Z]{2,5}s?", tok) and tok.lower() not in ("i",):
            words.extend(c.lower() for c in tok.rstrip("s"))
            if tok.endswith("s") and len(tok) > 2:
                words[-1] += "s"
            continue
        words.append(tok.lower())
    words = [EQUIVALENT.get(w, w) for w in words]
    for k, w in enumerate(words):
        if w == "a" and k > 0 and words[k - 1] == "and" and k + 1 < len(words) \
                and words[k + 1] in ("half", "quarter", "third"):
            words[k] = "one"
    out = []
    for k, w in enumerate(words):
        before = out[-1] if out else ""
        after = words[k + 1] if k + 1 < len(words) else ""
        if w == "and" and after in NUMBER_WORDS and (before in NUMBER_WORDS
                                                     or before in CURRENCY_WORDS):
            continue
        out.append(w)
    return out


def edits(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("SOTTO_BIN", "target/debug/sotto"))
    ap.add_argument("--cache", type=Path,
                    default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                    / "sotto" / "nemo-tn")
    ap.add_argument("--repo", help="a local checkout or git dir of NeMo-text-processing")
    ap.add_argument("--show", help="print the differing cases of this class")
    args = ap.parse_args()
    cases = fetch_cases(args.cache, args.repo)
    rows = []
    for f in sorted(cases.glob("test_cases_*.txt")):
        cls = f.stem.removeprefix("test_cases_")
        if cls in SKIP:
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if "~" not in line:
                continue
            written, spoken = line.split("~", 1)
            rows.append((f"{cls}.{n}", cls, written.replace("\t", " "), spoken))
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as tsv:
        for rid, _, written, _ in rows:
            tsv.write(f"{rid}\t{written}\n")
    out = subprocess.run([args.bin, "normalize", "--batch", tsv.name], check=True,
                         capture_output=True, text=True).stdout
    got = dict(line.split("\t", 1) if "\t" in line else (line, "") for line in out.splitlines())
    per = {}
    for rid, cls, written, spoken in rows:
        ref, hyp = canon(spoken), canon(got.get(rid, ""))
        e = edits(ref, hyp)
        s = per.setdefault(cls, [0, 0, 0, 0])
        s[0] += e
        s[1] += len(ref)
        s[2] += 1
        s[3] += e == 0
        if args.show == cls and e:
            print(f"{written!r}\n  want {' '.join(ref)}\n  got  {' '.join(hyp)}", file=sys.stderr)
    print("| class | cases | exact | WER |")
    print("|---|---|---|---|")
    tot = [0, 0, 0, 0]
    for cls, (e, n, c, x) in sorted(per.items()):
        print(f"| {cls} | {c} | {x} | {100 * e / max(n, 1):.1f}% |")
        tot = [a + b for a, b in zip(tot, (e, n, c, x))]
    print(f"| **all** | {tot[2]} | {tot[3]} | **{100 * tot[0] / max(tot[1], 1):.1f}%** |")


if __name__ == "__main__":
    main()
