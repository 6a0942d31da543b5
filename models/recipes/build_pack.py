"""Writes models/voices/joe/voice.json for the files present in the pack, with their sha256.

    build_pack.py [--pack models/voices/joe]

Models are declared below; the ones whose file is missing are left out, so the pack can grow
as models land (HiFi-GAN first, then the acoustic model, then the small vocoder). An fp32
model `X.onnx` with a file `X.int8.onnx` beside it (what `sotto-quantize` wrote) gets an int8
entry, the same declaration at precision int8. Run it after any model file changes.
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ROOT = HERE.parents[1]
N_MELS = 80
# The voice's provenance, credited by the runtime (Wyoming `info`): the Piper teacher it was
# distilled from, which Piper fine-tuned from its lessac voice on a CC0 dataset.
ATTRIBUTION = {
    "name": "Piper en_US-joe-medium (fine-tuned from en_US-lessac; dataset CC0), distilled by Sotto",
    "url": "https://huggingface.co/rhasspy/piper-voices",
    "license": "MIT",
}
LATENT_CHANNELS = 192

# Frames of a latent vocoder's first window: 32 frames (0.37 s of audio) cover the time the next,
# full window takes, so streamed audio does not stall after them.
LEAD = 32

MODELS = [
    {"role": "vocoder", "name": "hifigan", "precision": "fp32", "file": "hifigan-v1.onnx",
     "inputs": [{"name": "mel", "dtype": "f32", "dims": [1, N_MELS, -1]}],
     "outputs": ["audio"], "chunk": {"size": 64, "context": 24}, "upsample": 256},
    {"role": "vocoder", "name": "small", "precision": "fp32", "file": "vocoder-small.onnx",
     "inputs": [{"name": "mel", "dtype": "f32", "dims": [1, N_MELS, -1]}],
     "outputs": ["spec"], "chunk": {"size": 128, "context": 24}, "upsample": 256,
     "istft": {"n_fft": 1024, "hop": 256, "center": 128}, "edge_pad": 48},
    # The Piper teacher's own decoder (latent/export_decoder.py): its receptive field is about
    # ±10 frames, so 12 frames of context make windowed decoding match whole utterances. A
    # first window of LEAD frames (a second, small plan) is what the first audio waits for.
    {"role": "vocoder", "name": "teacher", "precision": "fp32", "file": "teacher-decoder.onnx",
     "interface": "latent", "inputs": [{"name": "z", "dtype": "f32", "dims": [1, LATENT_CHANNELS, -1]}],
     "outputs": ["audio"], "chunk": {"size": 128, "context": 12, "lead": LEAD}, "upsample": 256},
    # The student of the teacher's decoder (vocoder/train_latent.py, exported by vocoder/export.py).
    {"role": "vocoder", "name": "student", "precision": "fp32", "file": "vocoder-latent.onnx",
     "interface": "latent", "inputs": [{"name": "z", "dtype": "f32", "dims": [1, LATENT_CHANNELS, -1]}],
     "outputs": ["spec"], "chunk": {"size": 128, "context": 24, "lead": LEAD}, "upsample": 256,
     "istft": {"n_fft": 1024, "hop": 256, "center": 128}},
    # The teacher-shaped student (vocoder/train_hifi_student.py): the teacher decoder's graph
    # pruned (stage 1 at 96 channels, the rest at half width) with an inverse-STFT tail in the
    # graph, so its receptive field and framing are the teacher's.
    {"role": "vocoder", "name": "hifi-student", "precision": "fp32", "file": "hifi-student.onnx",
     "interface": "latent", "inputs": [{"name": "z", "dtype": "f32", "dims": [1, LATENT_CHANNELS, -1]}],
     "outputs": ["audio"], "chunk": {"size": 128, "context": 12, "lead": LEAD}, "upsample": 256},
]
INT8_SUFFIX = ".int8.onnx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def phoneme_ids():
    import teacher

    m = teacher.config()["phoneme_id_map"]
    return {k: v[0] for k, v in m.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pack", type=Path, default=ROOT / "models" / "voices" / "joe")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="JSON file with more model entries, defaults and a latent section (repeatable)")
    args = ap.parse_args()
    models = list(MODELS)
    defaults = {"vocoder": "small", "steps": 2, "temperature": 0.667, "length_scale": 1.0,
                "sentence_silence": 0.2, "mel_mean": 0.0, "mel_std": 1.0}
    latent = None
    for path in args.extra:
        if not path.exists():
            continue
        extra = json.loads(path.read_text())
        models += extra.get("models", [])
        defaults.update(extra.get("defaults", {}))
        latent = extra.get("latent", latent)
    present = []
    for m in models:
        f = args.pack / m["file"]
        if not f.exists():
            continue
        present.append({**m, "sha256": sha256(f)})
        q = f.with_name(f.name.removesuffix(".onnx") + INT8_SUFFIX)
        if m["precision"] == "fp32" and q.exists():
            present.append({**m, "precision": "int8", "file": q.name, "sha256": sha256(q)})
    if latent is None:
        present = [m for m in present if m.get("interface", "mel") != "latent"]
    vocoders = [m["name"] for m in present if m["role"] == "vocoder"]
    if vocoders and defaults["vocoder"] not in vocoders:
        defaults["vocoder"] = vocoders[0]
    files = [{"file": f.name, "sha256": sha256(f)} for f in sorted(args.pack.glob("*.txt"))]
    manifest = {
        "format": 1,
        "name": "joe",
        "language": "en-US",
        "sample_rate": 22050,
        "mel": {"sample_rate": 22050, "n_fft": 1024, "hop": 256, "win": 1024, "n_mels": N_MELS,
                "fmin": 0.0, "fmax": 8000.0},
        **({"latent": latent} if latent else {}),
        "phonemes": {"ids": phoneme_ids(), "pad": "_", "bos": "^", "eos": "$"},
        "models": present,
        "files": files,
        "defaults": defaults,
        "attribution": ATTRIBUTION,
    }
    (args.pack / "voice.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    print(f"{args.pack / 'voice.json'}: {[m['file'] for m in present]}")


if __name__ == "__main__":
    main()
