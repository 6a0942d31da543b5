"""Renders a sentence list with the Piper teacher fed by sotto-text's ids (via the phonemize
example, so no full runtime build is needed) for scoring with ../shared/eval/judge.

    wer_check.py --texts SENTENCES.tsv --out DIR [--bin target/debug/examples/phonemize]
"""
import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import render_teacher as R  # noqa: E402
import teacher as T  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--bin", default="target/debug/examples/phonemize")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = R.read_tsv(args.texts)
    voice_json = T.voice_paths()[1]
    texts = "\n".join(t for _, t in rows) + "\n"
    out = subprocess.run([args.bin, "--ids", str(voice_json)], input=texts, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    args.out.mkdir(parents=True, exist_ok=True)
    R._init(1, None)
    for (utt, _), line in zip(rows, out):
        R._render((utt, [int(x) for x in line.split()], args.out, args.seed, False, False))
    print(f"rendered {len(rows)} to {args.out}")


if __name__ == "__main__":
    main()
