"""The official `openai` and `wyoming` Python clients against a running `sotto serve`.

Usage: clients.py HTTP_ADDR WYOMING_ADDR REFERENCE_WAV TEXT
REFERENCE_WAV is `sotto say` output for TEXT (seed 0): both protocols must return its samples.
"""

import asyncio
import base64
import json
import sys
import wave

import openai
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.info import Describe, Info
from wyoming.tts import (
    Synthesize,
    SynthesizeChunk,
    SynthesizeStart,
    SynthesizeStop,
    SynthesizeStopped,
)


def reference_pcm(path: str) -> bytes:
    with wave.open(path, "rb") as w:
        return w.readframes(w.getnframes())


def check_openai(http: str, text: str, ref: bytes) -> None:
    client = openai.OpenAI(base_url=f"http://{http}/v1", api_key="not-needed")
    models = [m.id for m in client.models.list()]
    assert "tts-1" in models, models
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=text, response_format="wav"
    ) as resp:
        chunks = list(resp.iter_bytes())
    wav = b"".join(chunks)
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE", wav[:16]
    assert int.from_bytes(wav[40:44], "little") == len(wav) - 44, "a saved WAV has its true size"
    assert wav[44:] == ref, f"openai wav: {len(wav) - 44} bytes vs {len(ref)} reference"
    pcm = client.audio.speech.create(
        model="tts-1", voice="alloy", input=text, response_format="pcm"
    ).content
    assert pcm == ref, "openai pcm differs"
    try:
        client.audio.speech.create(model="tts-1", voice="alloy", input=text, response_format="mp3")
        raise AssertionError("mp3 was accepted")
    except openai.BadRequestError as e:
        assert "wav, pcm" in str(e), e
    print(f"openai {openai.__version__}: wav and pcm equal `sotto say` ({len(ref)} bytes), mp3 refused")
    check_openai_events(client, text, ref)


def check_openai_events(client: openai.OpenAI, text: str, ref: bytes) -> None:
    """`stream_format: "sse"` through the openai client: the deltas are the reference audio,
    each mark comes before the delta holding its first sample, words are ordered and within
    the audio."""
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=text, response_format="pcm",
        extra_body={"stream_format": "sse"},
    ) as resp:
        assert resp.headers["content-type"] == "text/event-stream", resp.headers
        lines = [line for line in resp.iter_lines() if line]
    events = []
    for line in lines:
        assert line.startswith("data: "), line[:80]
        events.append(json.loads(line[len("data: "):]))
    audio, pending, words = b"", [], []
    for e in events[:-1]:
        if e["type"] == "speech.mark":
            pending.append(e["start"])
            if e["kind"] == "word":
                words.append(e)
        elif e["type"] == "speech.audio.delta":
            assert e["start"] == len(audio) // 2, (e["start"], len(audio))
            audio += base64.b64decode(e["audio"])
            assert all(e["start"] <= m < len(audio) // 2 for m in pending), (pending, e["start"])
            pending = []
        else:
            raise AssertionError(f"unexpected event {e}")
    assert events[-1]["type"] == "speech.audio.done", events[-1]
    assert events[-1]["samples"] == len(audio) // 2, events[-1]
    assert audio == ref, f"sse deltas: {len(audio)} bytes vs {len(ref)}"
    total = len(audio) // 2
    assert len(words) == len(text.split()), [w["text"] for w in words]
    for a, b in zip(words, words[1:]):
        assert a["start"] + a["duration"] <= b["start"], (a, b)
    assert all(0 < w["duration"] and w["start"] + w["duration"] <= total for w in words), words
    print(f"openai sse: deltas equal `sotto say`, {len(words)} word marks in order within the audio")


async def collect(client: AsyncTcpClient, until) -> tuple[bytes, list[str]]:
    audio, kinds = b"", []
    while True:
        event = await asyncio.wait_for(client.read_event(), timeout=120)
        assert event is not None, "server closed the connection"
        kinds.append(event.type)
        if Error.is_type(event.type):
            raise AssertionError(Error.from_event(event).text)
        if AudioChunk.is_type(event.type):
            chunk = AudioChunk.from_event(event)
            assert (chunk.rate, chunk.width, chunk.channels) == (22050, 2, 1), chunk
            audio += chunk.audio
        if until(event.type):
            return audio, kinds


async def check_wyoming(addr: str, text: str, ref: bytes) -> None:
    host, port = addr.rsplit(":", 1)
    async with AsyncTcpClient(host, int(port)) as client:
        await client.write_event(Describe().event())
        info = Info.from_event(await client.read_event())
        tts = info.tts[0]
        assert tts.supports_synthesize_streaming, tts
        assert tts.voices[0].languages == ["en_US"], tts.voices[0]
        await client.write_event(Synthesize(text=text).event())
        audio, kinds = await collect(client, AudioStop.is_type)
        assert AudioStart.is_type(kinds[0]), kinds[:3]
        assert audio == ref, f"wyoming synthesize: {len(audio)} bytes vs {len(ref)}"
        await client.write_event(SynthesizeStart().event())
        words = text.split(" ")
        for i in range(0, len(words), 3):
            await client.write_event(SynthesizeChunk(text=" ".join(words[i : i + 3]) + " ").event())
        await client.write_event(Synthesize(text=text).event())
        await client.write_event(SynthesizeStop().event())
        audio, kinds = await collect(client, SynthesizeStopped.is_type)
        assert audio == ref, f"wyoming stream: {len(audio)} bytes vs {len(ref)}"
    print(f"wyoming: info, synthesize and a streamed text ({kinds.count('audio-start')} sentences) equal `sotto say`")


def main() -> None:
    http, wy, ref_path, text = sys.argv[1:5]
    ref = reference_pcm(ref_path)
    check_openai(http, text, ref)
    asyncio.run(check_wyoming(wy, text, ref))


if __name__ == "__main__":
    main()
