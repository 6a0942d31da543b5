"""Exports HiFi-GAN V1 (universal) to ONNX opset 17 and prints its sha256.

    export_hifigan.py [--out models/voices/joe/hifigan-v1.onnx]

Input `mel` [1, 80, frames] (natural-log mel, HiFi-GAN analysis), output `audio`
[1, 1, frames * 256] in [-1, 1]. The frame axis is symbolic; the runtime fixes it per chunk.
"""

import argparse
import hashlib
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hifigan import load_generator  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "voices" / "joe" / "hifigan-v1.onnx")
    args = ap.parse_args()
    gen = load_generator()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        gen,
        (torch.randn(1, 80, 64),),
        str(args.out),
        input_names=["mel"],
        output_names=["audio"],
        dynamic_axes={"mel": {2: "frames"}, "audio": {2: "samples"}},
        opset_version=17,
        dynamo=False,
    )
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"{args.out} sha256 {digest}")


if __name__ == "__main__":
    main()
