"""Exports the phoneme-prior latent path into a pack: `encoder-latent.onnx` and `flow-latent.onnx`.

    export_prior.py (--ckpt models/work/ckpt/phoneme-prior.pt | --teacher-encoder [--teacher-durations])
                    --pack DIR [--encoder models/voices/joe/encoder.onnx]

- `encoder-latent.onnx` (role encoder, interface latent): ids, mask -> `h`, the teacher's prior
  mean `m_p` as the phoneme prior (`train_prior.py`) predicts it, or with `--teacher-encoder` as
  the teacher's own text encoder computes it (`teacher_encoder.py`), and `log_dur` from the pack's
  shared encoder (its exact weights), so both paths speak with the same timing, or with
  `--teacher-durations` the teacher's own frames at `noise_w` 0 (`teacher_durations.py`).
- `flow-latent.onnx` (role prior, interface latent, one output): the Piper teacher's own flow
  (`/flow/*`, reversed, weights unchanged) from the repeated `m_p` to the latent `z`, normalised
  per channel by the pack's `latent` section. It gives the frames itself: no decoder, no noise.

Writes DIR/acoustic-latent.json (entries, `latent` section) for build_pack.py (`teacher_prior.py`
checks the flow graph against the teacher's own latents).
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "acoustic"))
import teacher_prior as TP  # noqa: E402
from model import AcousticModel  # noqa: E402  (acoustic/model.py)
from train import encoder_from_onnx  # noqa: E402  (acoustic/train.py)
from teacher_durations import TeacherDurations  # noqa: E402
from teacher_encoder import TeacherTextEncoder  # noqa: E402
from train_prior import PhonemePrior  # noqa: E402

ROOT = HERE.parents[2]
ENCODER_CHUNK = {"size": 128, "context": 16}
# A prior with self-attention sees its whole window: 256 ids, as `train_prior.py --crop 256` trains it.
ATTENTION_CHUNK = {"size": 192, "context": 32}
# The flow's receptive field: 4 couplings of 4 WaveNet layers (kernel 5, dilation 1), ±32 frames.
# Its first window emits the frames a latent vocoder's first window takes (build_pack.LEAD + its
# context of 12).
FRAME_CHUNK = {"size": 128, "context": 32, "lead": 44}
CHANNELS = 192


class Denormalised(torch.nn.Module):
    """A phoneme prior's per-channel-normalised output back in the teacher's units."""

    def __init__(self, prior, mean, std):
        super().__init__()
        self.prior = prior
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)

    def forward(self, ids, mask):
        return self.prior(ids, mask) * self.std + self.mean


class TeacherGraph(torch.nn.Module):
    """The teacher's text encoder run once for its prior mean and its duration predictor."""

    def __init__(self, durations: TeacherDurations):
        super().__init__()
        self.durations = durations

    def forward(self, ids, mask):
        x = self.durations.encoder.hidden(ids, mask)
        m_p = self.durations.encoder.proj(x)[:, :CHANNELS] * mask
        return m_p, self.durations.from_hidden(x, mask)


class EncoderGraph(torch.nn.Module):
    def __init__(self, encoder, prior):
        super().__init__()
        self.encoder = encoder
        self.prior = prior

    def forward(self, ids, mask):
        _, log_dur = self.encoder(ids, mask)
        return self.prior(ids, mask) * mask, log_dur


def flow_graph(out: Path, mean: np.ndarray, std: np.ndarray):
    model = onnx.load(str(TP.flow_graph(TP.CACHE / "joe-flow.onnx")))
    g = model.graph
    for n in g.node:
        n.input[:] = [{"z_p": "h"}.get(i, i) for i in n.input]
        n.output[:] = [{"z": "z_raw"}.get(o, o) for o in n.output]
    g.initializer.append(numpy_helper.from_array(mean.reshape(1, -1, 1).astype(np.float32), "latent_mean"))
    g.initializer.append(numpy_helper.from_array(std.reshape(1, -1, 1).astype(np.float32), "latent_std"))
    g.node.append(helper.make_node("Sub", ["z_raw", "latent_mean"], ["z_centred"]))
    g.node.append(helper.make_node("Div", ["z_centred", "latent_std"], ["z"]))
    del g.input[:]
    g.input.append(helper.make_tensor_value_info("h", TensorProto.FLOAT, [1, CHANNELS, "frames"]))
    g.input.append(helper.make_tensor_value_info("mask", TensorProto.FLOAT, [1, 1, "frames"]))
    onnx.checker.check_model(model)
    onnx.save(model, str(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--ckpt", type=Path, help="a train_prior.py checkpoint")
    source.add_argument("--teacher-encoder", action="store_true", help="the teacher's own text encoder")
    ap.add_argument("--teacher-durations", action="store_true",
                    help="with --teacher-encoder: the teacher's durations (noise_w 0), not the shared encoder's")
    ap.add_argument("--pack", type=Path, required=True)
    ap.add_argument("--encoder", type=Path, default=ROOT / "models" / "voices" / "joe" / "encoder.onnx")
    ap.add_argument("--latent-json", type=Path, default=ROOT / "models" / "voices" / "joe" / "acoustic-latent.json",
                    help="where the `latent` section (per-channel normalisation of z) comes from")
    args = ap.parse_args()
    if args.teacher_encoder:
        prior, steps, what = TeacherTextEncoder.from_teacher(), 0, "the teacher's text encoder"
    else:
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        net = PhonemePrior(**ck["cfg"])
        net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
        mean = torch.tensor(ck["stats"][0], dtype=torch.float32).view(1, -1, 1)
        std = torch.tensor(ck["stats"][1], dtype=torch.float32).view(1, -1, 1)
        prior, steps, what = Denormalised(net, mean, std), ck["step"], f"the phoneme prior at step {ck['step']}"
    if args.teacher_durations:
        if not args.teacher_encoder:
            ap.error("--teacher-durations goes with --teacher-encoder")
        graph = TeacherGraph(TeacherDurations.from_teacher()).eval()
        what += " with its durations"
    else:
        acoustic = AcousticModel()
        encoder_from_onnx(acoustic, args.encoder)
        graph = EncoderGraph(acoustic.encoder, prior).eval()
    n = 40
    with torch.no_grad():
        torch.onnx.export(graph, (torch.randint(0, 150, (1, n)), torch.ones(1, 1, n)),
                          str(args.pack / "encoder-latent.onnx"), input_names=["ids", "mask"],
                          output_names=["h", "log_dur"], opset_version=17, dynamo=False,
                          dynamic_axes={"ids": {1: "n"}, "mask": {2: "n"}, "h": {2: "n"}, "log_dur": {2: "n"}})
    latent = json.loads(args.latent_json.read_text())["latent"]
    flow_graph(args.pack / "flow-latent.onnx", np.array(latent["mean"]), np.array(latent["std"]))
    io = [{"name": "mask", "dtype": "f32", "dims": [1, 1, -1]}]
    entries = {
        "models": [
            {"role": "encoder", "name": "latent", "precision": "fp32", "file": "encoder-latent.onnx",
             "interface": "latent", "inputs": [{"name": "ids", "dtype": "i64", "dims": [1, -1]}] + io,
             "outputs": ["h", "log_dur"],
             "chunk": ATTENTION_CHUNK if args.teacher_encoder or ck["cfg"].get("attention") else ENCODER_CHUNK},
            {"role": "prior", "name": "teacher-flow", "precision": "fp32", "file": "flow-latent.onnx",
             "interface": "latent", "inputs": [{"name": "h", "dtype": "f32", "dims": [1, CHANNELS, -1]}] + io,
             "outputs": ["z"], "chunk": FRAME_CHUNK},
        ],
        "defaults": {},
        "trained_steps": steps,
        "distill_steps": 0,
        "latent": latent,
    }
    (args.pack / "acoustic-latent.json").write_text(json.dumps(entries, indent=2) + "\n")
    print(f"exported {what} and the teacher's flow to {args.pack}")


if __name__ == "__main__":
    main()
