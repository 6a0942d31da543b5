"""Times a vocoder ONNX in onnxruntime doing the work Sotto's runtime does: the same windows,
the pack's edge padding (silent frames before and after the utterance), and for spectral
vocoders the inverse STFT with overlap-add (numpy), one thread.

    ort_vocoder.py VOICE_DIR VOCODER WAV [REPEATS]   -> one JSON line
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "recipes"))
import melspec  # noqa: E402


def windows(total, size, context):
    """Yields (start, emit_from, emit_to) like the runtime's Windower on a finished stream."""
    w = size + 2 * context
    pos = 0
    while pos < total:
        start = min(max(0, pos - context), max(0, total - w))
        end = total if start + w >= total else start + w - context
        yield start, pos, end
        pos = end


def istft(re, im, spec):
    """Overlap-add of frames' spectra (frames x bins), periodic Hann, normalized by the window
    energy, frame f centred on hop * f + center (the runtime's framing)."""
    n, hop, center = spec["n_fft"], spec["hop"], spec["center"]
    frames = np.fft.irfft(re + 1j * im, n=n, axis=1).astype(np.float32)
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)).astype(np.float32)
    length = hop * (len(frames) - 1) + center + n
    acc = np.zeros(length + n, np.float32)
    wsum = np.zeros(length + n, np.float32)
    for f, x in enumerate(frames):
        start = hop * f + center  # the frame's first sample, n // 2 into the buffer
        acc[start : start + n] += x * window
        wsum[start : start + n] += window * window
    return np.where(wsum > 1e-8, acc / np.maximum(wsum, 1e-8), 0.0)[n // 2 :]


def main():
    pack, name, wav = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    manifest = json.loads((pack / "voice.json").read_text())
    entry = next(m for m in manifest["models"] if m["role"] == "vocoder" and m["name"] == name)
    t0 = time.perf_counter()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(pack / entry["file"]), opts, providers=["CPUExecutionProvider"])
    load = time.perf_counter() - t0
    mel = melspec.log_mel(melspec.read_wav(wav)).T[None].astype(np.float32)
    pad = entry.get("edge_pad", 0)
    mel = np.pad(mel, ((0, 0), (0, 0), (pad, pad)), constant_values=np.log(1e-5))
    total = mel.shape[2]
    size, ctx = entry["chunk"]["size"], entry["chunk"]["context"]
    w = size + 2 * ctx
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        spectra = []
        for start, a, b in windows(total, size, ctx):
            x = mel[:, :, start : start + w]
            if x.shape[2] < w:
                x = np.pad(x, ((0, 0), (0, 0), (0, w - x.shape[2])), constant_values=np.log(1e-5))
            out = sess.run(None, {entry["inputs"][0]["name"]: x})[0]
            if "istft" in entry:
                spectra.append(out[0, :, a - start : b - start])
        if spectra:
            spec = np.concatenate(spectra, axis=1).T
            bins = entry["istft"]["n_fft"] // 2 + 1
            istft(spec[:, :bins], spec[:, bins:], entry["istft"])
        best = min(best, time.perf_counter() - t)
    audio = (total - 2 * pad) * entry["upsample"] / manifest["sample_rate"]
    print(json.dumps({"engine": "onnxruntime", "vocoder": name, "load_s": round(load, 4),
                      "audio_s": round(audio, 3), "best_s": round(best, 4), "rtf": round(best / audio, 4),
                      "window": w}))


if __name__ == "__main__":
    main()
