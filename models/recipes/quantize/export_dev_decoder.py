"""A development decoder for `sotto-quantize`: exports the flow decoder of the acoustic model
(from a checkpoint, or randomly initialised when there is none yet) and calibration inputs.

    models/.venv/bin/python models/recipes/quantize/export_dev_decoder.py \
        --out models/work/quant/decoder [--ckpt models/work/ckpt/acoustic.pt] [--frames 224]

Writes decoder.onnx and calib/ + heldout/ with NAME.{x,mu,cond,mask,t}.npy samples. Random
weights give the real graph and MAC layout (for timing) but not trained activation ranges.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "acoustic"))
from model import N_MELS, AcousticModel  # noqa: E402
from export import DecoderGraph, export  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--ckpt", type=Path)
    ap.add_argument("--frames", type=int, default=224)
    ap.add_argument("--calib", type=int, default=6)
    ap.add_argument("--heldout", type=int, default=3)
    a = ap.parse_args()
    torch.manual_seed(0)
    if a.ckpt and a.ckpt.exists():
        ck = torch.load(a.ckpt, map_location="cpu", weights_only=False)
        model = AcousticModel(**ck.get("cfg", {}))
        model.load_state_dict(ck["model"])
    else:
        model = AcousticModel()
        # Zero-initialised output layers would make every output 0 (and any error invisible).
        with torch.no_grad():
            for mod in model.modules():
                if isinstance(mod, (torch.nn.Conv1d, torch.nn.Linear)) and float(mod.weight.abs().max()) == 0.0:
                    torch.nn.init.normal_(mod.weight, std=0.02)
    model.eval()
    c = model.prior.mu.in_channels
    a.out.mkdir(parents=True, exist_ok=True)
    f = a.frames
    x = torch.randn(1, N_MELS, f)
    with torch.no_grad():
        export(DecoderGraph(model), (x, x, torch.randn(1, c, f), torch.ones(1, 1, f), torch.full((1,), 0.5)),
               a.out / "decoder.onnx", ["x", "mu", "cond", "mask", "t"], ["velocity"],
               {"x": {2: "f"}, "mu": {2: "f"}, "cond": {2: "f"}, "mask": {2: "f"}, "velocity": {2: "f"}})
    rng = np.random.default_rng(1)
    for sub, n in (("calib", a.calib), ("heldout", a.heldout)):
        d = a.out / sub
        d.mkdir(exist_ok=True)
        for i in range(n):
            t = rng.uniform(0, 1)
            mu = rng.standard_normal((1, N_MELS, f)).astype(np.float32) * 0.8
            x0 = rng.standard_normal((1, N_MELS, f)).astype(np.float32)
            xt = ((1 - t) * x0 + t * mu).astype(np.float32)
            np.save(d / f"s{i}.x.npy", xt)
            np.save(d / f"s{i}.mu.npy", mu)
            np.save(d / f"s{i}.cond.npy", rng.standard_normal((1, c, f)).astype(np.float32))
            np.save(d / f"s{i}.mask.npy", np.ones((1, 1, f), np.float32))
            np.save(d / f"s{i}.t.npy", np.array([t], np.float32))
    print("wrote", a.out)


if __name__ == "__main__":
    main()
