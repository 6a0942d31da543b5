"""Errors come back as exceptions of their kind; cancelling from another thread."""

import threading
from pathlib import Path

import pytest

import sotto


def test_every_error_class_is_a_sotto_error() -> None:
    for cls in (sotto.BadInput, sotto.BadPack, sotto.ModelError, sotto.DeviceError,
                sotto.Cancelled, sotto.IoError):
        assert issubclass(cls, sotto.SottoError) and cls.__module__ == "sotto"


def test_a_missing_or_broken_pack_is_bad_pack(tmp_path: Path) -> None:
    with pytest.raises(sotto.BadPack, match="no such directory"):
        sotto.Voice(tmp_path / "nowhere")
    (tmp_path / "voice.json").write_text("{ not json")
    with pytest.raises(sotto.BadPack, match="voice.json"):
        sotto.Voice(tmp_path)


def test_bad_options_are_bad_input(voice: sotto.Voice) -> None:
    with pytest.raises(sotto.BadInput, match="precision"):
        sotto.Voice(precision="fast")  # type: ignore[arg-type]
    with pytest.raises(sotto.BadInput, match="device"):
        sotto.Voice(device="tpu")  # type: ignore[arg-type]
    with pytest.raises(sotto.BadInput, match="speed"):
        voice.say("Hello.", speed=-1.0)
    with pytest.raises(sotto.BadInput):
        voice.say("Hello.", steps=0)
    with pytest.raises(sotto.BadInput):
        voice.say("Hello.", temperature=float("nan"))


def test_bad_text_is_bad_input(voice: sotto.Voice) -> None:
    with pytest.raises(sotto.BadInput):
        voice.say("   ")
    with pytest.raises(sotto.BadInput, match="bytes"):
        voice.say("a" * (sotto.MAX_TEXT_BYTES + 1))
    with pytest.raises(sotto.BadInput, match="SSML"):
        voice.say("<speak>unclosed", ssml=True)
    with pytest.raises(sotto.BadInput, match="SSML"):
        voice.stream("<speak><blink>x</blink></speak>", ssml=True)


def test_an_unwritable_file_is_io_error(voice: sotto.Voice, tmp_path: Path) -> None:
    with pytest.raises(sotto.IoError, match="missing-dir"):
        voice.save("Hello.", tmp_path / "missing-dir" / "x.wav")


def test_a_vocoder_the_pack_lacks_is_an_error_naming_it() -> None:
    with pytest.raises(sotto.SottoError, match="hifigan"):
        sotto.Voice(vocoder="hifigan")


def test_a_gpu_asked_of_a_cpu_build_is_device_error() -> None:
    with pytest.raises(sotto.DeviceError):
        sotto.Voice(device="gpu")


def test_cancel_from_another_thread_stops_the_stream(voice: sotto.Voice) -> None:
    text = " ".join(f"Sentence number {k} of a long announcement." for k in range(40))
    stream = voice.stream(text)
    first = next(stream)
    assert len(first.samples) > 0
    got: dict[str, object] = {}

    def pull() -> None:
        try:
            for _ in stream:
                pass
            got["outcome"] = "finished"
        except sotto.Cancelled as e:
            got["outcome"] = e

    t = threading.Thread(target=pull)
    t.start()
    canceller = threading.Thread(target=stream.cancel)
    canceller.start()
    canceller.join()
    t.join()
    assert isinstance(got["outcome"], sotto.Cancelled)
    assert list(stream) == []
    assert len(voice.say("Still speaking.")) > 0
