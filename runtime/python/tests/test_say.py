"""say, save and stream over the bundled voice."""

import subprocess
import threading
from pathlib import Path

import numpy as np

import sotto

TEXT = "Doors closing. Your train leaves at 7:45 PM from platform 3."


def test_the_bundled_voice_loads_by_default(voice: sotto.Voice) -> None:
    assert isinstance(voice.path, Path) and voice.path.resolve() == sotto.DEFAULT_VOICE
    assert voice.name == "joe"
    assert voice.language == "en-US"
    assert voice.sample_rate == 22050
    assert voice.precision in ("fp32", "int8")
    assert not (sotto.DEFAULT_VOICE / "hifigan-v1.onnx").exists()


def test_say_returns_float32_samples_in_range(voice: sotto.Voice) -> None:
    audio = voice.say("Doors closing.")
    assert audio.dtype == np.float32
    assert audio.ndim == 1
    assert 0.5 * voice.sample_rate < len(audio) < 3 * voice.sample_rate
    assert float(np.abs(audio).max()) <= 1.0
    assert float(np.sqrt(np.mean(audio**2))) > 0.01
    audio[0] = 0.5  # the caller owns a writable array


def test_say_is_deterministic_and_follows_its_settings(voice: sotto.Voice) -> None:
    a = voice.say(TEXT, seed=3)
    assert np.array_equal(a, voice.say(TEXT, seed=3))
    assert not np.array_equal(a, voice.say(TEXT, seed=4))
    fast = voice.say(TEXT, seed=3, speed=2.0)
    assert len(fast) < 0.7 * len(a)
    assert np.array_equal(voice.say(TEXT, temperature=0, seed=1), voice.say(TEXT, temperature=0, seed=2))


def test_stream_chunks_add_up_to_say(voice: sotto.Voice) -> None:
    stream = voice.stream(TEXT, seed=5)
    assert stream.sample_rate == voice.sample_rate
    chunks = list(stream)
    assert len(chunks) > 1
    assert chunks[-1].is_last and not any(c.is_last for c in chunks[:-1])
    at = 0
    for c in chunks:
        assert c.start == at
        assert c.samples.dtype == np.float32
        at += len(c.samples)
    assert np.array_equal(np.concatenate([c.samples for c in chunks]), voice.say(TEXT, seed=5))
    assert list(stream) == []


def test_save_writes_the_bytes_of_sotto_say(voice: sotto.Voice, sotto_bin: str, out_dir: Path) -> None:
    for args, kwargs in [([], {}), (["--seed", "3", "--speed", "1.25", "--steps", "3"],
                                    {"seed": 3, "speed": 1.25, "steps": 3})]:
        voice.save(TEXT, out_dir / "py.wav", **kwargs)  # type: ignore[arg-type]
        subprocess.run([sotto_bin, "say", "--voice", str(voice.path), "-o", str(out_dir / "cli.wav"),
                        *args, TEXT], check=True)
        py = (out_dir / "py.wav").read_bytes()
        assert py == (out_dir / "cli.wav").read_bytes()
        assert py[:4] == b"RIFF" and len(py) > 44 + 2 * voice.sample_rate


def test_save_speaks_what_say_returns(voice: sotto.Voice, out_dir: Path) -> None:
    voice.save("Mind the gap.", str(out_dir / "gap.wav"))
    pcm = np.frombuffer((out_dir / "gap.wav").read_bytes()[44:], dtype="<i2")
    scaled = (np.clip(voice.say("Mind the gap."), -1, 1) * np.float32(32767)).astype(np.float64)
    expected = (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int16)  # half away from 0
    assert np.array_equal(pcm, expected)


def test_one_voice_serves_threads_at_once(voice: sotto.Voice) -> None:
    results: dict[int, np.ndarray] = {}

    def speak(k: int) -> None:
        results[k] = voice.say(TEXT, seed=k % 2)

    threads = [threading.Thread(target=speak, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert np.array_equal(results[0], results[2]) and np.array_equal(results[1], results[3])
    assert np.array_equal(results[0], voice.say(TEXT, seed=0))


def test_say_releases_the_gil(voice: sotto.Voice) -> None:
    # With a switch interval longer than the test, a thread holding the GIL keeps it until it
    # blocks: the main thread runs during say() only if say() released it.
    entered = threading.Event()
    state = {"done": False}

    def speak() -> None:
        entered.set()
        voice.say(TEXT + " " + TEXT)
        state["done"] = True

    import sys

    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        t = threading.Thread(target=speak)
        t.start()
        entered.wait()
        ran_during_say = not state["done"]
        t.join()
    finally:
        sys.setswitchinterval(interval)
    assert ran_during_say
