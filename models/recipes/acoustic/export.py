"""Exports a trained acoustic checkpoint to the three ONNX graphs of the voice pack.

    export.py --ckpt models/work/ckpt/acoustic.pt --pack models/voices/joe

Writes encoder.onnx, prior.onnx and decoder.onnx (opset 17, symbolic time axis) and
acoustic.json, the manifest entries and defaults that build_pack.py merges in. A distilled
checkpoint (distill.py) gives a decoder with the extra input `dt` and a default of
DISTILLED_STEPS steps.

A checkpoint trained toward the teacher's latent (`train.py --target latent --freeze-encoder`)
shares the mel model's encoder: it writes prior-latent.onnx and decoder-latent.onnx, entries
with `"interface": "latent"`, and acoustic-latent.json with the pack's `latent` section (the
per-channel normalisation); its encoder must equal the pack's encoder.onnx (checked against
that graph's weights with `--check-encoder PACK/encoder.onnx`).
"""

import argparse
import json
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from model import AcousticModel  # noqa: E402

ENCODER_CHUNK = {"size": 128, "context": 16}
FRAME_CHUNK = {"size": 128, "context": 48}
DISTILLED_STEPS = 2


class EncoderGraph(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, ids, mask):
        return self.m.encoder(ids, mask)


class PriorGraph(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, h, mask):
        return self.m.prior(h, mask)


class DecoderGraph(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x, mu, cond, mask, t, dt=None):
        return self.m.decoder(x, mu, cond, mask, t, dt)


def export(module, args, path, inputs, outputs, dynamic):
    torch.onnx.export(module, args, str(path), input_names=inputs, output_names=outputs,
                      dynamic_axes=dynamic, opset_version=17, dynamo=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--pack", type=Path, required=True)
    ap.add_argument("--check-encoder", type=Path, help="the encoder graph a latent model shares")
    args = ap.parse_args()
    ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    model = AcousticModel(**ck.get("cfg", {}))
    model.load_state_dict(ck["model"])
    model.eval()
    c = model.prior.mu.in_channels
    d = model.prior.mu.out_channels
    latent = ck.get("target", "mel") == "latent"
    suffix = "-latent" if latent else ""
    if latent and args.check_encoder:
        import onnx
        from onnx import numpy_helper

        inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(args.check_encoder)).graph.initializer}
        for k, v in model.encoder.state_dict().items():
            assert torch.equal(v, torch.from_numpy(inits[f"m.encoder.{k}"].copy())), f"encoder differs at {k}"
    distilled = model.decoder.step_cond
    n, f = 40, 96
    ids = torch.randint(0, 150, (1, n))
    pm = torch.ones(1, 1, n)
    fm = torch.ones(1, 1, f)
    h = torch.randn(1, c, f)
    x = torch.randn(1, d, f)
    t = torch.full((1,), 0.5)
    with torch.no_grad():
        if not latent:
            export(EncoderGraph(model), (ids, pm), args.pack / "encoder.onnx", ["ids", "mask"], ["h", "log_dur"],
                   {"ids": {1: "n"}, "mask": {2: "n"}, "h": {2: "n"}, "log_dur": {2: "n"}})
        export(PriorGraph(model), (h, fm), args.pack / f"prior{suffix}.onnx", ["h", "mask"], ["mu", "cond"],
               {"h": {2: "f"}, "mask": {2: "f"}, "mu": {2: "f"}, "cond": {2: "f"}})
        dec_args, dec_inputs = (x, x, h, fm, t), ["x", "mu", "cond", "mask", "t"]
        if distilled:
            dec_args, dec_inputs = dec_args + (t,), dec_inputs + ["dt"]
        export(DecoderGraph(model), dec_args, args.pack / f"decoder{suffix}.onnx", dec_inputs, ["velocity"],
               {"x": {2: "f"}, "mu": {2: "f"}, "cond": {2: "f"}, "mask": {2: "f"}, "velocity": {2: "f"}})
    mean, std = ck["mel_stats"]
    encoder = [{"role": "encoder", "name": "flow", "precision": "fp32", "file": "encoder.onnx",
                "inputs": [{"name": "ids", "dtype": "i64", "dims": [1, -1]},
                           {"name": "mask", "dtype": "f32", "dims": [1, 1, -1]}],
                "outputs": ["h", "log_dur"], "chunk": ENCODER_CHUNK}]
    interface = {"interface": "latent"} if latent else {}
    name = "latent" if latent else "flow"
    entries = {
        "models": ([] if latent else encoder) + [
            {"role": "prior", "name": name, "precision": "fp32", "file": f"prior{suffix}.onnx", **interface,
             "inputs": [{"name": "h", "dtype": "f32", "dims": [1, c, -1]},
                        {"name": "mask", "dtype": "f32", "dims": [1, 1, -1]}],
             "outputs": ["mu", "cond"], "chunk": FRAME_CHUNK},
            {"role": "decoder", "name": name, "precision": "fp32", "file": f"decoder{suffix}.onnx", **interface,
             "inputs": [{"name": "x", "dtype": "f32", "dims": [1, d, -1]},
                        {"name": "mu", "dtype": "f32", "dims": [1, d, -1]},
                        {"name": "cond", "dtype": "f32", "dims": [1, c, -1]},
                        {"name": "mask", "dtype": "f32", "dims": [1, 1, -1]},
                        {"name": "t", "dtype": "f32", "dims": [1]}]
                       + ([{"name": "dt", "dtype": "f32", "dims": [1]}] if distilled else []),
             "outputs": ["velocity"], "chunk": FRAME_CHUNK},
        ],
        "defaults": {**({} if latent else {"mel_mean": mean, "mel_std": std}),
                     **({"steps": DISTILLED_STEPS} if distilled else {})},
        "trained_steps": ck["step"],
        "distill_steps": ck.get("distill_step", 0),
    }
    if latent:
        entries["latent"] = {"channels": d, "hop": 256, "mean": mean, "std": std}
    (args.pack / f"acoustic{suffix}.json").write_text(json.dumps(entries, indent=2) + "\n")
    print(f"exported step {ck['step']}{' (distilled)' if distilled else ''} to {args.pack}")


if __name__ == "__main__":
    main()
