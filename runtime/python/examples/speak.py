"""The `sotto` package in one program (type-checked with mypy --strict in CI):

    python speak.py "Doors closing. Mind the gap." out.wav
"""

import sys
import threading
from typing import List

import numpy as np
import numpy.typing as npt

import sotto


def main(text: str, out: str) -> int:
    voice = sotto.Voice(precision="auto")
    print(f"{voice.name} ({voice.language}), {voice.sample_rate} Hz, {voice.precision}")

    audio: npt.NDArray[np.float32] = voice.say(text)
    print(f"say: {len(audio) / voice.sample_rate:.2f} s of audio")

    words: List[str] = []
    pieces: List[npt.NDArray[np.float32]] = []
    for chunk in voice.stream(text):
        pieces.append(chunk.samples)
        for mark in chunk.marks:
            if mark.kind == "word":
                words.append(f"{mark.text}@{mark.start / voice.sample_rate:.2f}s")
    print("words:", " ".join(words))
    assert np.array_equal(np.concatenate(pieces), audio)

    doc = '<speak>Hello.<break time="300ms"/><mark name="after-break"/>Goodbye.</speak>'
    marks = [m for c in voice.stream(doc, ssml=True) for m in c.marks if m.kind == "mark"]
    print("ssml marks:", [(m.text, m.start) for m in marks])

    stream = voice.stream(" ".join([text] * 20))
    timer = threading.Timer(0.05, stream.cancel)
    timer.start()
    try:
        for _ in stream:
            pass
    except sotto.Cancelled as e:
        print("cancelled:", e)
    timer.join()

    try:
        voice.say("", seed=1)
    except sotto.BadInput as e:
        print("bad input:", e)

    voice.save(text, out)
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "Doors closing.",
                  sys.argv[2] if len(sys.argv) > 2 else "hello.wav"))
