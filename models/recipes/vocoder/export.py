"""Exports a small vocoder checkpoint to ONNX (opset 17) for the voice pack.

    export.py --ckpt CKPT --out models/voices/joe/vocoder-small.onnx

CKPT is a checkpoint file or a folder of generator parts (`train_gan.py`'s g-*.pt). Input `mel`
[1, 80, frames], output `spec` [1, 2 * 513, frames] (real parts, then imaginary); the runtime's
inverse STFT (n_fft 1024, hop 256, frame f centred on sample 256 f + 128) turns it into audio.
A student of the teacher's decoder (`train_latent.py`) takes the raw latent instead, input `z`
[1, 192, frames], normalised per channel inside the graph (a multiply-add before the input conv,
so the conv's zero padding is in the normalised space it was trained in).

ReLU models are exported with each block's residual scale folded into its second pointwise
layer, so every block reads `Conv → Relu → Conv → Add`. A quantization-aware checkpoint is
exported as its float graph plus `OUT.ranges.json`: the u8 range its training used for every
tensor of the int8 chain (first pointwise input, ReLU output, second pointwise output, head
input), keyed by ONNX tensor name, which `sotto-quantize --ranges` turns into the integer graph.

A teacher-shaped student (`train_hifi_student.py`, config `widths`) is exported in the teacher
decoder's interface: `z` [1, 192, frames] -> `audio` [1, 1, frames * 256], its istft tail (if any)
inside the graph.
"""

import argparse
import json
import sys
from pathlib import Path

import onnx
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hifi_student import LATENT_CHANNELS, load_student  # noqa: E402
from hifi_student import macs_per_second as hifi_macs  # noqa: E402
from model import from_checkpoint, macs_per_second  # noqa: E402
from train_gan import load_generator_parts  # noqa: E402


def load(path: Path) -> dict:
    if path.is_dir():
        return load_generator_parts(path)
    return torch.load(path, map_location="cpu", weights_only=False)


def chain_ranges(onnx_path: Path, quant) -> dict:
    """The QAT ranges keyed by the exported graph's tensor names."""
    graph = onnx.load(str(onnx_path)).graph
    consumers = {}
    for n in graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    convs = [n for n in graph.node if n.op_type == "Conv"]

    def rng(q):
        lo, hi = (0.0 if q.zero_point_zero else min(0.0, q.lo.item())), max(0.0, q.hi.item())
        return [lo, hi]

    chains = []
    for pw1 in convs:
        after = consumers.get(pw1.output[0], [])
        if len(after) == 1 and after[0].op_type == "Relu":
            pw2 = consumers.get(after[0].output[0], [])
            assert len(pw2) == 1 and pw2[0].op_type == "Conv", pw1.name
            chains.append((pw1, after[0], pw2[0]))
    assert len(chains) == len(quant.pw_in), f"{len(chains)} Conv-Relu-Conv chains in the graph"
    tensors = {}
    for i, (pw1, relu, pw2) in enumerate(chains):
        tensors[pw1.input[0]] = rng(quant.pw_in[i])
        tensors[relu.output[0]] = rng(quant.hidden[i])
        tensors[pw2.output[0]] = rng(quant.pw_out[i])
    tensors[convs[-1].input[0]] = rng(quant.head_in)
    return {"weights": "per-tensor max-abs int8", "tensors": tensors}


class Normalised(torch.nn.Module):
    """`model((z - mean) / std)` per channel, as `z * (1 / std) + (-mean / std)`."""

    def __init__(self, model, mean, std):
        super().__init__()
        self.model = model
        std = torch.tensor(std, dtype=torch.float32)
        self.register_buffer("scale", (1.0 / std).view(1, -1, 1))
        self.register_buffer("shift", (-torch.tensor(mean, dtype=torch.float32) / std).view(1, -1, 1))

    def forward(self, z):
        return self.model(z * self.scale + self.shift)


def export_hifi(ck: dict, out: Path):
    """The teacher-shaped student (hifi_student.py): `z` [1, 192, frames] -> `audio`
    [1, 1, frames * 256], the teacher decoder's interface."""
    model = load_student(ck)
    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, (torch.randn(1, LATENT_CHANNELS, 64),), str(out), input_names=["z"],
                          output_names=["audio"], dynamic_axes={"z": {2: "frames"}, "audio": {2: "samples"}},
                          opset_version=17, dynamo=False)
    print(f"exported step {ck.get('step')} ({hifi_macs(model.widths, model.tail) / 1e9:.3f} GMAC/s, {model.tail} tail) to {out}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    ck = load(args.ckpt)
    if "widths" in ck.get("config", {}):
        return export_hifi(ck, args.out)
    model = from_checkpoint(ck)
    model.eval()
    quant, model.quant = model.quant, None
    if model.blocks[0].act is F.relu:
        model.fold_residual_scale()
    name, graph = "mel", model
    if "latent_stats" in ck:
        name, graph = "z", Normalised(model, *ck["latent_stats"])
    with torch.no_grad():
        torch.onnx.export(graph, (torch.randn(1, model.inp.in_channels, 64),), str(args.out), input_names=[name],
                          output_names=["spec"], dynamic_axes={name: {2: "frames"}, "spec": {2: "frames"}},
                          opset_version=17, dynamo=False)
    print(f"exported step {ck.get('step')} (gan step {ck.get('gan_step', 0)}, "
          f"{macs_per_second(model) / 1e9:.3f} GMAC/s) to {args.out}")
    if quant is not None:
        ranges = args.out.with_suffix(".ranges.json")
        ranges.write_text(json.dumps(chain_ranges(args.out, quant), indent=1) + "\n")
        print(f"int8 chain ranges in {ranges}")


if __name__ == "__main__":
    main()
