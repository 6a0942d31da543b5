"""Inputs and expected outputs for checking a quantization-aware student's integer graph.

    qat_calib.py --ckpt work/ckpt/vocoder-latent-qat.pt --latents work/dev-latent --out DIR [--count 8]

Writes DIR/calib/NAME.npy (an utterance's raw latent `z` [1, 192, frames], the exported graph's
input) and DIR/expected/NAME.npy (the training model's output for it in the int8 chain's
arithmetic, ranges frozen, `spec` [1, 1026, frames]). Then

    sotto-quantize vocoder-latent.onnx --ranges vocoder-latent.ranges.json \
        --calib DIR/calib --expected DIR/expected -o vocoder-latent.int8.onnx

reports the integer graph's SNR against the fake-quantized PyTorch model (how exactly the runtime
computes what training optimised) and against the float graph.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from model import from_checkpoint  # noqa: E402

MAX_FRAMES = 400


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--latents", type=Path, required=True, help="a folder of NAME.z.npy ([frames, 192])")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=8)
    args = ap.parse_args()
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    model = from_checkpoint(ck)
    if model.quant is None:
        sys.exit(f"{args.ckpt}: not a quantization-aware checkpoint (train_latent.py --qat)")
    model.eval()
    mean = torch.tensor(ck["latent_stats"][0], dtype=torch.float32).view(1, -1, 1)
    std = torch.tensor(ck["latent_stats"][1], dtype=torch.float32).view(1, -1, 1)
    (args.out / "calib").mkdir(parents=True, exist_ok=True)
    (args.out / "expected").mkdir(parents=True, exist_ok=True)
    paths = sorted(args.latents.glob("*.z.npy"))[: args.count]
    if not paths:
        sys.exit(f"{args.latents}: no *.z.npy")
    for path in paths:
        name = path.name[: -len(".z.npy")]
        z = torch.from_numpy(np.load(path).astype(np.float32)[:MAX_FRAMES]).T[None]
        with torch.no_grad():
            spec = model((z - mean) / std)
        np.save(args.out / "calib" / f"{name}.npy", z.numpy())
        np.save(args.out / "expected" / f"{name}.npy", spec.numpy())
    print(f"{len(paths)} utterances from {args.latents} in {args.out}")


if __name__ == "__main__":
    main()
