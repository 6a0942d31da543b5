"""Times the Piper voice (en_US-joe-medium) on onnxruntime the way Piper speaks: one sentence at
a time, each synthesized whole, one thread.

    piper_ort.py IDS_FILE [REPEATS]   -> one JSON line

IDS_FILE holds one sentence's phoneme ids per line (`sotto phonemize --ids`), so the peer's
phonemization (espeak-ng in Piper) is not timed. first_audio_s is the time to the first
sentence's audio; rtf is total synthesis time over audio duration (best of REPEATS).
"""

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "recipes"))
import teacher  # noqa: E402

import onnxruntime as ort  # noqa: E402


def main():
    sentences = [[int(t) for t in line.split()] for line in Path(sys.argv[1]).read_text().splitlines() if line.strip()]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    onnx_path, _ = teacher.voice_paths()
    inf = teacher.config()["inference"]
    scales = np.array([inf["noise_scale"], inf["length_scale"], inf["noise_w"]], dtype=np.float32)
    t0 = time.perf_counter()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
    load = time.perf_counter() - t0
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        first, samples = None, 0
        for ids in sentences:
            audio = session.run(None, {"input": np.asarray(ids, dtype=np.int64)[None, :],
                                       "input_lengths": np.array([len(ids)], dtype=np.int64),
                                       "scales": scales})[0]
            samples += audio.size
            first = first if first is not None else time.perf_counter() - start
        took = time.perf_counter() - start
        if best is None or took < best[0]:
            best = (took, first, samples)
    took, first, samples = best
    secs = samples / teacher.SAMPLE_RATE
    print(json.dumps({"system": "piper-ort", "load_s": round(load, 4), "first_audio_s": round(first, 4),
                      "audio_s": round(secs, 3), "rtf": round(took / secs, 4)}))


if __name__ == "__main__":
    main()
