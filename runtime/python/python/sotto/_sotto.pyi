"""Type stubs of the native module behind `sotto` (runtime/python/src)."""

import os
from pathlib import Path
from typing import Iterator, Literal, Optional, Union

import numpy as np
import numpy.typing as npt

__version__: str
MAX_TEXT_BYTES: int
"""Longest text (UTF-8 bytes) one call speaks."""

_Path = Union[str, "os.PathLike[str]"]

class SottoError(Exception):
    """Base class of every error the Sotto engine raises."""

class BadInput(SottoError):
    """The caller's input (text, SSML, settings, option value) is unusable."""

class BadPack(SottoError):
    """The voice pack is missing, incomplete, corrupt or out of bounds."""

class ModelError(SottoError):
    """A network failed to load or run, or returned something unexpected."""

class DeviceError(SottoError):
    """The compute device asked for cannot be used."""

class Cancelled(SottoError):
    """The stream was cancelled (Stream.cancel); the voice stays usable."""

class IoError(SottoError):
    """Reading or writing a file failed."""

class Mark:
    """A timed mark: a sentence, word or phoneme of the text, or an SSML <mark name="…"/>."""

    @property
    def kind(self) -> Literal["sentence", "word", "phoneme", "mark"]:
        """What it times ("mark": an SSML mark, duration 0)."""
    @property
    def text(self) -> str:
        """The sentence as read, the word as spoken ("seven" for "7"), the phoneme (IPA) or the mark's name."""
    @property
    def start(self) -> int:
        """Index of its first sample in the stream's audio."""
    @property
    def duration(self) -> int:
        """Its length in samples."""

class Chunk:
    """A piece of the audio and the marks that start in it."""

    @property
    def samples(self) -> npt.NDArray[np.float32]:
        """Mono samples in [-1, 1] at the voice's sample rate."""
    @property
    def start(self) -> int:
        """Index of the chunk's first sample in the stream's audio."""
    @property
    def marks(self) -> list[Mark]:
        """Marks whose start falls in this chunk, in order (the last chunk carries any left)."""
    @property
    def is_last(self) -> bool:
        """True on the stream's last chunk."""

class DroppedSpan:
    """A span of the text in a script the voice cannot read (Cyrillic, Han, …), skipped when speaking."""

    @property
    def text(self) -> str:
        """The skipped text, as written."""
    @property
    def script(self) -> str:
        """Its script ("Cyrillic", "Han (CJK)", …)."""
    @property
    def start(self) -> int:
        """Index of its first character in the text (text[start:end] is the span)."""
    @property
    def end(self) -> int:
        """Index just past its last character."""

class Stream:
    """Audio of one text, pulled chunk by chunk (each step runs with the GIL released)."""

    def __iter__(self) -> Iterator[Chunk]: ...
    def __next__(self) -> Chunk:
        """The next chunk; raises Cancelled after cancel(), StopIteration after the last chunk."""
    def cancel(self) -> None:
        """Stops the stream from any thread: the chunk being made (or the next asked for) raises Cancelled."""
    @property
    def sample_rate(self) -> int:
        """Sample rate of the stream's audio in Hz."""
    @property
    def dropped(self) -> list[DroppedSpan]:
        """The spans of the text in scripts the voice cannot read, skipped, in order (none for SSML)."""

class Voice:
    """A loaded voice pack, shared by any number of threads."""

    def __init__(
        self,
        path: Optional[_Path] = None,
        *,
        precision: Literal["auto", "int8", "fp32"] = "auto",
        device: Literal["auto", "cpu", "gpu"] = "auto",
        vocoder: Optional[str] = None,
    ) -> None:
        """Loads the pack in `path` (default: $SOTTO_VOICE, else the bundled voice)."""
    @property
    def sample_rate(self) -> int:
        """Output sample rate in Hz."""
    @property
    def name(self) -> str:
        """The voice's name."""
    @property
    def language(self) -> str:
        """The voice's language (BCP 47)."""
    @property
    def path(self) -> Path:
        """The voice pack directory."""
    @property
    def device(self) -> str:
        """Which device runs the networks, and why."""
    @property
    def precision(self) -> Literal["fp32", "int8"]:
        """The precision the models were loaded at."""
    def say(
        self,
        text: str,
        *,
        ssml: bool = False,
        speed: float = 1.0,
        steps: Optional[int] = None,
        temperature: Optional[float] = None,
        seed: int = 0,
    ) -> npt.NDArray[np.float32]:
        """All of the audio of `text` (an SSML document when `ssml`)."""
    def stream(
        self,
        text: str,
        *,
        ssml: bool = False,
        speed: float = 1.0,
        steps: Optional[int] = None,
        temperature: Optional[float] = None,
        seed: int = 0,
    ) -> Stream:
        """A stream over `text`: iterate it for Chunks as they are made."""
    def save(
        self,
        text: str,
        path: _Path,
        *,
        ssml: bool = False,
        speed: float = 1.0,
        steps: Optional[int] = None,
        temperature: Optional[float] = None,
        seed: int = 0,
    ) -> None:
        """Speaks `text` into the WAV file `path`: the bytes `sotto say` writes."""
