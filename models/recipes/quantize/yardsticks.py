"""Yardsticks for reading sotto-quantize's vocoder numbers (offline check, onnxruntime).

For held-out teacher utterances: waveform SNR and log-spectral distance (LSD, same definition
as sotto-quantize: Hann 1024 / hop 256, power spectra floored at the reference peak - 80 dB,
per-frame RMS of the dB difference, averaged) of
  * f32 vocoder output vs the recorded audio (the vocoder's own error),
  * f32 output for a slightly perturbed mel (noise sigma on the log-mel) vs f32 output,
  * each given int8 model vs f32 output (also checks onnxruntime runs the int8 files).

    models/.venv/bin/python models/recipes/quantize/yardsticks.py models/voices/joe/hifigan-v1.onnx \
        models/work/quant/out/hifigan-int8-auto.onnx ... --wavs models/work/teacher-dev
"""

import argparse
import pathlib
import sys

import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from melspec import log_mel, read_wav  # noqa: E402


def power_db(x):
    n, h = 1024, 256
    w = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)
    fr = np.array([x[i:i + n] * w for i in range(0, len(x) - n + 1, h)])
    return 10 * np.log10(np.abs(np.fft.rfft(fr, axis=1)) ** 2 + 1e-20)


def lsd(ref, test):
    a, b = power_db(ref.astype(np.float64)), power_db(test.astype(np.float64))
    floor = a.max() - 80
    return float(np.mean(np.sqrt(np.mean((np.maximum(a, floor) - np.maximum(b, floor)) ** 2, axis=1))))


def snr(ref, test):
    return float(10 * np.log10((ref ** 2).sum() / ((ref - test) ** 2).sum()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("f32")
    ap.add_argument("int8", nargs="*")
    ap.add_argument("--wavs", type=pathlib.Path, required=True)
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--frames", type=int, default=192)
    a = ap.parse_args()
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    f32 = ort.InferenceSession(a.f32, so)
    q = {p: ort.InferenceSession(p, so) for p in a.int8}
    rows = {}
    rng = np.random.default_rng(0)
    for wav in sorted(a.wavs.glob("*.wav"))[-a.n:]:
        audio = read_wav(wav)
        mel = log_mel(audio)[: a.frames].T[None].astype(np.float32)
        y = f32.run(None, {"mel": mel})[0].ravel()
        gt = audio[: len(y)]
        rows.setdefault("f32 vs recording", []).append((snr(gt, y), lsd(gt, y)))
        for s in (0.003, 0.01, 0.03):
            yn = f32.run(None, {"mel": mel + s * rng.standard_normal(mel.shape).astype(np.float32)})[0].ravel()
            rows.setdefault(f"f32, log-mel + N(0, {s}) vs f32", []).append((snr(y, yn), lsd(y, yn)))
        for p, sess in q.items():
            yq = sess.run(None, {"mel": mel})[0].ravel()
            rows.setdefault(f"{pathlib.Path(p).name} (onnxruntime) vs f32", []).append((snr(y, yq), lsd(y, yq)))
    print(f"{'comparison':60} {'SNR dB':>8} {'LSD dB':>8}   ({a.n} utterances x {a.frames} frames)")
    for k, v in rows.items():
        v = np.array(v)
        print(f"{k:60} {v[:, 0].mean():8.2f} {v[:, 1].mean():8.2f}")


if __name__ == "__main__":
    main()
