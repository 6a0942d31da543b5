"""Writes tests/fixtures/tiny-voice: a pack of tiny untrained models for the runtime's tests.

It exercises every mechanism of a real pack (encoder, prior, flow decoder, spectral vocoder,
chunking, manifest checks) in milliseconds. Its weights are random (seed 0) and it says
nothing intelligible: it is a test fixture, not a voice. Each id lasts about three frames.

    make_test_pack.py
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
FRAMES_PER_ID = 3


def main():
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

    import importlib.util

    spec = importlib.util.spec_from_file_location("vocoder_model", HERE / "vocoder" / "model.py")
    vm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vm)
    voc = vm.SmallVocoder(channels=16, hidden=32, blocks=1)
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


if __name__ == "__main__":
    main()
