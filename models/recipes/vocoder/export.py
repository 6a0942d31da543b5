"""Exports the small vocoder checkpoint to ONNX (opset 17) for the voice pack.

    export.py --ckpt models/work/ckpt/vocoder.pt --out models/voices/joe/vocoder-small.onnx

Input `mel` [1, 80, frames], output `spec` [1, 2 * 513, frames] (real parts, then imaginary);
the runtime's inverse STFT (n_fft 1024, hop 256, frame f centred on sample 256 f + 128) turns
it into audio.
"""

import argparse
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from model import from_checkpoint, macs_per_second  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    model = from_checkpoint(ck)
    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, (torch.randn(1, 80, 64),), str(args.out), input_names=["mel"],
                          output_names=["spec"], dynamic_axes={"mel": {2: "frames"}, "spec": {2: "frames"}},
                          opset_version=17, dynamo=False)
    print(f"exported step {ck['step']} ({macs_per_second(model) / 1e9:.3f} GMAC/s) to {args.out}")


if __name__ == "__main__":
    main()
