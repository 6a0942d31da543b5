"""Writes tests/fixtures/tiny-voice: a pack of tiny untrained models for the runtime's tests.

It exercises every mechanism of a real pack (encoder, prior, flow decoder, spectral vocoder,
chunking, manifest checks) in milliseconds. Its weights are random (seed 0) and it says
nothing intelligible: it is a test fixture, not a voice. Each id lasts about three frames.

    make_test_pack.py [--latent-only | --direct-only]

It also carries a latent path (`add_latent`): a tiny prior and decoder producing LATENT_CHANNELS
latent frames and a tiny spectral vocoder taking them (`small-latent`), with the manifest's
`latent` section. `--latent-only` adds just those to an existing pack, leaving its other files
(and so the golden runs made from them) as they are.

`--direct-only` writes tests/fixtures/tiny-direct (`add_direct`): the other latent form, a
latent encoder of its own (FRAMES_PER_ID + 1 frames per id) and a prior with one output that
gives the latent frames itself (the shape of the teacher's flow), with their manifest entries in
`entries.json`; tests splice them into a copy of the tiny pack.
"""

import json
import math
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "acoustic"))
ROOT = HERE.parents[1]
OUT = ROOT / "tests" / "fixtures" / "tiny-voice"
DIRECT = ROOT / "tests" / "fixtures" / "tiny-direct"
FRAMES_PER_ID = 3
LATENT_CHANNELS = 8


def vocoder_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("vocoder_model", HERE / "vocoder" / "model.py")
    vm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vm)
    return vm


def sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_latent():
    """Adds the latent prior, decoder and vocoder to the pack in OUT and declares them."""
    import export as acoustic_export  # acoustic/export.py
    from model import AcousticModel  # acoustic/model.py

    torch.manual_seed(1)
    model = AcousticModel(channels=16, enc_blocks=1, prior_blocks=1, dec_blocks=1, dec_channels=16,
                          out_channels=LATENT_CHANNELS)
    for block in [*model.encoder.blocks, *model.prior.blocks, *model.decoder.blocks]:
        block.pw1 = torch.nn.Conv1d(16, 32, 1)
        block.pw2 = torch.nn.Conv1d(32, 16, 1)
    with torch.no_grad():
        model.decoder.out.weight.normal_(0, 0.05)
    mean = [round(0.1 * (k - LATENT_CHANNELS / 2), 3) for k in range(LATENT_CHANNELS)]
    std = [round(0.5 + 0.25 * k, 3) for k in range(LATENT_CHANNELS)]
    ckpt = OUT / "tiny-latent.pt"
    torch.save({"model": model.state_dict(), "step": 0, "mel_stats": (mean, std), "cfg": model.cfg,
                "target": "latent"}, ckpt)
    sys.argv = ["export", "--ckpt", str(ckpt), "--pack", str(OUT)]
    acoustic_export.AcousticModel = lambda **cfg: model
    acoustic_export.main()
    ckpt.unlink()
    extra = json.loads((OUT / "acoustic-latent.json").read_text())
    (OUT / "acoustic-latent.json").unlink()

    voc = vocoder_module().SmallVocoder(channels=16, hidden=32, blocks=1, act="relu", in_channels=LATENT_CHANNELS)
    voc.eval()
    with torch.no_grad():
        torch.onnx.export(voc, (torch.randn(1, LATENT_CHANNELS, 64),), str(OUT / "vocoder-latent.onnx"),
                          input_names=["z"], output_names=["spec"],
                          dynamic_axes={"z": {2: "frames"}, "spec": {2: "frames"}}, opset_version=17, dynamo=False)
    vocoder = {"role": "vocoder", "name": "small-latent", "precision": "fp32", "file": "vocoder-latent.onnx",
               "interface": "latent", "inputs": [{"name": "z", "dtype": "f32", "dims": [1, LATENT_CHANNELS, -1]}],
               "outputs": ["spec"], "chunk": {"size": 128, "context": 24}, "upsample": 256,
               "istft": {"n_fft": 1024, "hop": 256, "center": 128}}
    manifest = json.loads((OUT / "voice.json").read_text())
    manifest["models"] = [m for m in manifest["models"] if m.get("interface", "mel") != "latent"]
    for m in [*extra["models"], vocoder]:
        manifest["models"].append({**m, "sha256": sha256(OUT / m["file"])})
    ordered = {}
    for k, v in manifest.items():
        ordered[k] = v
        if k == "mel":
            ordered["latent"] = extra["latent"]
    (OUT / "voice.json").write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n")


class DirectPrior(torch.nn.Module):
    """h [1, 16, F], mask -> z [1, LATENT_CHANNELS, F]: one output, no decoder after it."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(16, LATENT_CHANNELS, 3, padding=1)

    def forward(self, h, mask):
        return self.conv(h * mask) * mask


class LatentEncoder(torch.nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, ids, mask):
        return self.encoder(ids, mask)


def add_direct():
    """Writes the latent encoder and one-output prior of `--direct-only` into DIRECT."""
    from model import Encoder  # acoustic/model.py

    torch.manual_seed(2)
    DIRECT.mkdir(parents=True, exist_ok=True)
    encoder = Encoder(channels=16, hidden=32, blocks=1, dur_blocks=1).eval()
    with torch.no_grad():
        encoder.dur_out.weight.zero_()
        encoder.dur_out.bias.fill_(math.log1p(FRAMES_PER_ID + 1))
    prior = DirectPrior().eval()
    n, f = 12, 40
    with torch.no_grad():
        torch.onnx.export(LatentEncoder(encoder), (torch.randint(0, 50, (1, n)), torch.ones(1, 1, n)),
                          str(DIRECT / "encoder-latent.onnx"), input_names=["ids", "mask"],
                          output_names=["h", "log_dur"], opset_version=17, dynamo=False,
                          dynamic_axes={"ids": {1: "n"}, "mask": {2: "n"}, "h": {2: "n"}, "log_dur": {2: "n"}})
        torch.onnx.export(prior, (torch.randn(1, 16, f), torch.ones(1, 1, f)), str(DIRECT / "flow-latent.onnx"),
                          input_names=["h", "mask"], output_names=["z"], opset_version=17, dynamo=False,
                          dynamic_axes={"h": {2: "f"}, "mask": {2: "f"}, "z": {2: "f"}})
    mask = {"name": "mask", "dtype": "f32", "dims": [1, 1, -1]}
    entries = [
        {"role": "encoder", "name": "latent", "precision": "fp32", "file": "encoder-latent.onnx",
         "interface": "latent", "inputs": [{"name": "ids", "dtype": "i64", "dims": [1, -1]}, mask],
         "outputs": ["h", "log_dur"], "chunk": {"size": 128, "context": 16}},
        {"role": "prior", "name": "direct", "precision": "fp32", "file": "flow-latent.onnx",
         "interface": "latent", "inputs": [{"name": "h", "dtype": "f32", "dims": [1, 16, -1]}, mask],
         "outputs": ["z"], "chunk": {"size": 128, "context": 48}},
    ]
    (DIRECT / "entries.json").write_text(json.dumps(entries, indent=2) + "\n")


def main():
    if "--latent-only" in sys.argv[1:]:
        add_latent()
        return
    if "--direct-only" in sys.argv[1:]:
        add_direct()
        return
    import export as acoustic_export  # acoustic/export.py
    from model import AcousticModel  # acoustic/model.py

    torch.manual_seed(0)
    OUT.mkdir(parents=True, exist_ok=True)
    model = AcousticModel(channels=16, enc_blocks=1, prior_blocks=1, dec_blocks=1, dec_channels=16)
    for block in [*model.encoder.blocks, *model.prior.blocks, *model.decoder.blocks]:
        block.pw1 = torch.nn.Conv1d(16, 32, 1)
        block.pw2 = torch.nn.Conv1d(32, 16, 1)
    with torch.no_grad():
        model.encoder.dur_out.weight.zero_()
        model.encoder.dur_out.bias.fill_(math.log1p(FRAMES_PER_ID))
        model.decoder.out.weight.normal_(0, 0.05)
    ckpt = OUT / "tiny.pt"
    torch.save({"model": model.state_dict(), "step": 0, "mel_stats": (-6.0, 2.0), "cfg": model.cfg}, ckpt)
    sys.argv = ["export", "--ckpt", str(ckpt), "--pack", str(OUT)]
    acoustic_export.AcousticModel = lambda **cfg: model
    acoustic_export.main()
    ckpt.unlink()

    voc = vocoder_module().SmallVocoder(channels=16, hidden=32, blocks=1)
    voc.eval()
    with torch.no_grad():
        torch.onnx.export(voc, (torch.randn(1, 80, 64),), str(OUT / "vocoder-small.onnx"), input_names=["mel"],
                          output_names=["spec"], dynamic_axes={"mel": {2: "frames"}, "spec": {2: "frames"}},
                          opset_version=17, dynamo=False)
    extra = json.loads((OUT / "acoustic.json").read_text())
    extra["defaults"]["vocoder"] = "small"
    (OUT / "acoustic.json").write_text(json.dumps(extra, indent=2) + "\n")
    import build_pack

    sys.argv = ["build_pack", "--pack", str(OUT), "--extra", str(OUT / "acoustic.json")]
    build_pack.main()
    (OUT / "acoustic.json").unlink()
    add_latent()


if __name__ == "__main__":
    main()
