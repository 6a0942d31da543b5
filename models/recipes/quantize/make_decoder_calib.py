"""Real calibration inputs for `sotto-quantize` on the pack's flow decoder: the inputs it sees
at each Euler step while the voice speaks corpus sentences (not the dev set).

    models/.venv/bin/python models/recipes/quantize/make_decoder_calib.py \
        --pack models/voices/joe --sotto target/release/sotto --texts models/corpus/texts.tsv \
        --out models/work/quant/decoder-real [--calib 16] [--heldout 6]

Each sentence is phonemized by `sotto phonemize --ids`, run through the pack's encoder and prior
(onnxruntime, whole utterance), expanded by the runtime's duration rule, and cut into
decoder windows of the manifest's size; every window gives one sample per Euler step
(NAME.{x,mu,cond,mask,t,dt}.npy), with the voice's default temperature and steps. Calibration
sentences come from the start of the list, held-out ones from its end.
"""

import argparse
import json
import subprocess
from pathlib import Path

import numpy as np
import onnxruntime as ort


def frames(log_dur, length_scale):
    """The runtime's duration rule (runtime/src/acoustic/encoder.rs `frames`)."""
    d = np.maximum(np.exp(log_dur) - 1.0, 0.0) * length_scale
    return np.round(d).astype(np.int64)


def session(pack: Path, manifest: dict, role: str):
    entry = next(m for m in manifest["models"] if m["role"] == role and m["precision"] == "fp32")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    return ort.InferenceSession(str(pack / entry["file"]), opts), entry


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", type=Path, required=True)
    ap.add_argument("--sotto", type=Path, required=True)
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--calib", type=int, default=16, help="calibration windows")
    ap.add_argument("--heldout", type=int, default=6, help="held-out windows")
    a = ap.parse_args()
    manifest = json.loads((a.pack / "voice.json").read_text())
    defaults = manifest["defaults"]
    encoder, _ = session(a.pack, manifest, "encoder")
    prior, _ = session(a.pack, manifest, "prior")
    decoder, dec_entry = session(a.pack, manifest, "decoder")
    window = dec_entry["chunk"]["size"] + 2 * dec_entry["chunk"]["context"]
    steps, temperature = defaults["steps"], defaults["temperature"]
    takes_step = any(i["name"] == "dt" for i in dec_entry["inputs"])

    rows = [l.split("\t") for l in a.texts.read_text().splitlines() if l and not l.startswith("#")]
    rng = np.random.default_rng(0)
    for sub, n, order in (("calib", a.calib, rows), ("heldout", a.heldout, rows[::-1])):
        out = a.out / sub
        out.mkdir(parents=True, exist_ok=True)
        written = 0
        for row in order:
            if written >= n:
                break
            ids_text = subprocess.run([str(a.sotto), "phonemize", "--ids", "--voice", str(a.pack), row[1]],
                                      check=True, capture_output=True, text=True).stdout.split("\n")[0]
            ids = np.array([[int(v) for v in ids_text.split()]], dtype=np.int64)
            mask = np.ones((1, 1, ids.shape[1]), np.float32)
            h, log_dur = encoder.run(None, {"ids": ids, "mask": mask})
            dur = frames(log_dur[0, 0], defaults["length_scale"])
            hf = np.repeat(h[0], dur, axis=1)[None]
            total = hf.shape[2]
            if total < window // 2:
                continue
            mu, cond = prior.run(None, {"h": hf, "mask": np.ones((1, 1, total), np.float32)})
            start = int(rng.integers(0, max(1, total - window + 1)))
            valid = min(window, total - start)
            crop = lambda t: np.pad(t[:, :, start : start + valid], ((0, 0), (0, 0), (0, window - valid)))
            mu_w, cond_w = crop(mu).astype(np.float32), crop(cond).astype(np.float32)
            mask_w = np.zeros((1, 1, window), np.float32)
            mask_w[..., :valid] = 1.0
            x = (mu_w + temperature * rng.standard_normal(mu_w.shape) * mask_w).astype(np.float32)
            dt = np.array([1.0 / steps], np.float32)
            for step in range(steps):
                t = np.array([step / steps], np.float32)
                inputs = {"x": x, "mu": mu_w, "cond": cond_w, "mask": mask_w, "t": t}
                if takes_step:
                    inputs["dt"] = dt
                name = f"{row[0]}-s{step}"
                for k, v in inputs.items():
                    np.save(out / f"{name}.{k}.npy", v)
                (v,) = decoder.run(None, inputs)
                x = (x + dt[0] * v).astype(np.float32)
            written += 1
        print(f"{sub}: {written} windows x {steps} steps in {out}")


if __name__ == "__main__":
    main()
