"""Sotto: on-device English text-to-speech.

    import sotto
    voice = sotto.Voice()                      # the voice bundled with the package
    audio = voice.say("Doors closing.")        # numpy float32, voice.sample_rate Hz
    for chunk in voice.stream("Long text."):   # chunk.samples, chunk.marks
        ...
    voice.save("Hello.", "hello.wav")          # the bytes `sotto say` writes

A thin layer over the Rust engine: a Voice is shared by any number of threads, synthesis
runs with the GIL released, a Stream can be cancelled from another thread, and errors are
raised by kind (BadInput, BadPack, ModelError, DeviceError, Cancelled, IoError, all
SottoError).
"""

from pathlib import Path

from ._sotto import (
    MAX_TEXT_BYTES,
    BadInput,
    BadPack,
    Cancelled,
    Chunk,
    DeviceError,
    DroppedSpan,
    IoError,
    Mark,
    ModelError,
    SottoError,
    Stream,
    Voice,
    __version__,
)

DEFAULT_VOICE: Path = Path(__file__).resolve().parent / "voices" / "joe"
"""The voice pack bundled with the package (used when neither a path nor $SOTTO_VOICE is given)."""

__all__ = [
    "DEFAULT_VOICE",
    "MAX_TEXT_BYTES",
    "BadInput",
    "BadPack",
    "Cancelled",
    "Chunk",
    "DeviceError",
    "DroppedSpan",
    "IoError",
    "Mark",
    "ModelError",
    "SottoError",
    "Stream",
    "Voice",
    "__version__",
]
