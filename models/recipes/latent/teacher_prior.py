"""The teacher's phoneme-level prior mean and its flow, as separate graphs and per-utterance targets.

With `noise_scale` 0 the teacher's latent is its flow (`/flow/*`, reversed) applied to the prior
mean `m_p` (`/enc_p/Split` output 0, 192 channels per phoneme) repeated by the durations. `m_p`
is a function of the phoneme ids alone, so the frame latent is fixed by one 192-vector per
phoneme and the durations; a student can learn those vectors at the phoneme level.

    teacher_prior.py --corpus DIR [--check 20]
    teacher_prior.py --corpus DIR --texts TSV [--skip 8000] [--sotto BIN] [--voice DIR]

writes DIR/<id>.mp.npy (float16, phonemes x 192) for every DIR/<id>.npz and checks that the flow
graph (`flow_graph`) maps the repeated `m_p` back to the stored DIR/<id>.z.npy. With `--texts` it
first phonemizes those sentences (after the first `--skip`, which the rendered corpus holds) with
`sotto phonemize --ids` into DIR/<id>.npz (ids only): `m_p` needs no audio, so the phoneme prior
can learn from any text at the cost of the teacher's text encoder alone.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
from onnx import TensorProto

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import teacher as T  # noqa: E402
from render_teacher import read_tsv, sotto_ids  # noqa: E402

PRIOR_MEAN = "/enc_p/Split_output_0"
FLOW_INPUT = "/Add_output_0"
FRAME_MASK = "/Cast_2_output_0"
CACHE = Path(__file__).resolve().parents[2] / "work" / "cache"


def prior_graph(out: Path) -> Path:
    """The teacher's text encoder: `input` [1, N] int64, `input_lengths` [1] -> `m_p` [1, 192, N]."""
    if out.exists():
        return out
    return T.subgraph(out,
                      [("input", "input", TensorProto.INT64, [1, "n"]),
                       ("input_lengths", "input_lengths", TensorProto.INT64, [1])],
                      [(PRIOR_MEAN, "m_p", TensorProto.FLOAT, [1, 192, "n"])])


def flow_graph(out: Path) -> Path:
    """The teacher's flow, reversed: `z_p` [1, 192, F], `mask` [1, 1, F] -> `z` [1, 192, F]."""
    if out.exists():
        return out
    return T.subgraph(out,
                      [(FLOW_INPUT, "z_p", TensorProto.FLOAT, [1, 192, "frames"]),
                       (FRAME_MASK, "mask", TensorProto.FLOAT, [1, 1, "frames"])],
                      [(T.LATENT, "z", TensorProto.FLOAT, [1, 192, "frames"])])


def session(path: Path):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--check", type=int, default=20, help="utterances whose z is rebuilt through the flow")
    ap.add_argument("--texts", type=Path, help="sentences (id<TAB>text) to phonemize into DIR first")
    ap.add_argument("--skip", type=int, default=8000, help="leading sentences of --texts to leave out")
    ap.add_argument("--sotto", default=str(Path(__file__).resolve().parents[3] / "target" / "release" / "sotto"))
    ap.add_argument("--voice", default=str(Path(__file__).resolve().parents[2] / "voices" / "joe"))
    args = ap.parse_args()
    if args.texts:
        args.corpus.mkdir(parents=True, exist_ok=True)
        rows = [r for r in read_tsv(args.texts)[args.skip:] if not (args.corpus / f"{r[0]}.npz").exists()]
        for utt, ids in sotto_ids(rows, args.sotto, args.voice):
            if len(ids) > 3:
                np.savez(args.corpus / f"{utt}.npz", ids=np.asarray(ids, dtype=np.int16))
        print(f"phonemized {len(rows)} sentences into {args.corpus}", flush=True)
    prior = session(prior_graph(CACHE / "joe-prior-mean.onnx"))
    flow = session(flow_graph(CACHE / "joe-flow.onnx"))
    metas = sorted(args.corpus.glob("*.npz"))
    worst = 0.0
    for k, meta in enumerate(metas):
        out = meta.with_suffix(".mp.npy")
        d = np.load(meta)
        ids = d["ids"].astype(np.int64)
        if out.exists() and k >= args.check:
            continue
        m_p = prior.run(None, {"input": ids[None], "input_lengths": np.array([len(ids)], np.int64)})[0][0]
        np.save(out, m_p.T.astype(np.float16))
        zpath = meta.with_suffix(".z.npy")
        if k < args.check and zpath.exists() and "durations" in d:
            dur = d["durations"].astype(np.int64)
            zp = np.repeat(m_p, dur, axis=1)[None]
            z = flow.run(None, {"z_p": zp, "mask": np.ones((1, 1, zp.shape[2]), np.float32)})[0][0].T
            ref = np.load(zpath).astype(np.float32)
            err = float(np.sqrt(((z - ref) ** 2).mean() / (ref ** 2).mean()))
            worst = max(worst, err)
        if k % 500 == 0:
            print(f"{k}/{len(metas)} worst relative z error {worst:.2e}", flush=True)
    print(f"done: {len(metas)} utterances; flow check worst relative z error {worst:.2e}")


if __name__ == "__main__":
    main()
