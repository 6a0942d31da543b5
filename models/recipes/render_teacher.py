"""Renders a sentence list (id<TAB>text[<TAB>...]) with the seeded Piper teacher.

    render_teacher.py --texts SENTENCES.tsv --out DIR [--phonemizer espeak|sotto] [--seed 0]
                      [--jobs 2] [--align] [--latent]

Writes DIR/<id>.wav (22050 Hz, 16-bit) and, with --align, DIR/<id>.npz holding the phoneme ids
and the teacher's per-id durations in 256-sample frames. With --latent the flow runs at the prior
mean (noise_scale 0: the wav is the teacher's decoder on the noise-free latent) and DIR/<id>.z.npy
holds that latent (float16, frames x 192), one frame per duration frame. Renderings repeat exactly for the same
ids and seed. Already rendered ids are skipped, so an interrupted run resumes.
"""

import argparse
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import teacher as T  # noqa: E402

CACHE = HERE.parent / "work" / "cache"


def read_tsv(path: Path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2:
            rows.append((cols[0], cols[1]))
    return rows


def espeak_ids(rows):
    from espeak_phonemes import Espeak, phoneme_ids

    es = Espeak()
    id_map = T.config()["phoneme_id_map"]
    return [(i, phoneme_ids(es.phonemize(text), id_map)) for i, text in rows]


def sotto_ids(rows, sotto: str, voice: str):
    """Ids from `sotto phonemize --ids --batch`: each row's whole text as one utterance."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", delete=False) as f:
        for utt, text in rows:
            f.write(f"{utt}\t{text}\n")
        tsv = f.name
    res = subprocess.run([sotto, "phonemize", "--ids", "--voice", voice, "--batch", tsv],
                         capture_output=True, text=True, check=True)
    Path(tsv).unlink()
    out = []
    for line in res.stdout.splitlines():
        utt, ids = line.split("\t", 1)
        out.append((utt, [int(x) for x in ids.split()]))
    return out


_teacher = None


def _init(threads, noise_scale):
    global _teacher
    _teacher = T.Teacher(CACHE, threads=threads, noise_scale=noise_scale)


def _render(job):
    utt, ids, out_dir, seed, align, latent = job
    audio, durations, z = _teacher.synthesize(ids, T.utterance_seed(utt, seed), latent=True)
    if latent:
        np.save(out_dir / f"{utt}.z.npy", z.astype(np.float16))
    if align:
        np.savez(out_dir / f"{utt}.npz", ids=np.asarray(ids, np.int16), durations=durations.astype(np.int16))
    # The wav goes last: its presence marks the utterance as done.
    T.write_wav(out_dir / f"{utt}.wav", audio)
    return utt, len(audio), float(np.abs(audio).max())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--phonemizer", choices=["espeak", "sotto"], default="espeak")
    ap.add_argument("--sotto", default=str(HERE.parents[1] / "target" / "release" / "sotto"))
    ap.add_argument("--voice", default=str(HERE.parents[0] / "voices" / "joe"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--align", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--latent", action="store_true", help="noise_scale 0 and the latent beside the audio")
    ap.add_argument("--noise-scale", type=float, help="override the voice's noise_scale")
    args = ap.parse_args()
    noise_scale = 0.0 if args.latent else args.noise_scale

    rows = read_tsv(args.texts)
    if args.limit:
        rows = rows[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    todo = [(i, t) for i, t in rows if not (args.out / f"{i}.wav").exists()]
    if not todo:
        print(f"all {len(rows)} rendered")
        return
    t0 = time.time()
    if args.phonemizer == "espeak":
        items = espeak_ids(todo)
    else:
        items = sotto_ids(todo, args.sotto, args.voice)
    print(f"phonemized {len(items)} in {time.time() - t0:.1f}s", flush=True)
    T.seeded_graph(CACHE)
    jobs = [(u, ids, args.out, args.seed, args.align, args.latent) for u, ids in items if len(ids) > 3]
    t0 = time.time()
    total = 0
    peak = 0.0
    with Pool(args.jobs, initializer=_init, initargs=(1, noise_scale)) as pool:
        for k, (utt, n, p) in enumerate(pool.imap_unordered(_render, jobs, chunksize=4), 1):
            total += n
            peak = max(peak, p)
            if k % 200 == 0 or k == len(jobs):
                el = time.time() - t0
                print(
                    f"{k}/{len(jobs)} rendered, {total / T.SAMPLE_RATE / 3600:.2f} h audio, "
                    f"{el:.0f}s, RTF {el * args.jobs / max(1, total / T.SAMPLE_RATE):.3f}, peak {peak:.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
