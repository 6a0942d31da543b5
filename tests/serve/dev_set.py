"""Speaks a sentence list through a running `sotto serve` with the official `openai` client.

Usage: dev_set.py HTTP_ADDR TSV OUT_DIR
Writes OUT_DIR/<id>.wav for every `id<TAB>text` row (seed 0, the server's defaults), with the
header's sizes filled in (a streamed WAV's header is sent before its length is known).
"""

import struct
import sys
import wave
from pathlib import Path

import openai


def main() -> None:
    http, tsv, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    client = openai.OpenAI(base_url=f"http://{http}/v1", api_key="not-needed")
    rows = 0
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, text = line.split("\t")[:2]
        with client.audio.speech.with_streaming_response.create(
            model="tts-1", voice="alloy", input=text, response_format="wav"
        ) as resp:
            body = b"".join(resp.iter_bytes())
        assert body[:4] == b"RIFF" and body[36:40] == b"data", body[:44]
        (rate,) = struct.unpack("<I", body[24:28])
        with wave.open(str(out / f"{ident}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(body[44:])
        rows += 1
    print(f"openai {openai.__version__}: {rows} rows into {out}")


if __name__ == "__main__":
    main()
