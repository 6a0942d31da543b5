"""Load test of a running `sotto serve` on loopback: concurrent clients mixing HTTP and
Wyoming, short and ~4,000-character texts, some disconnecting mid-stream.

Usage: load.py HTTP_ADDR WYOMING_ADDR SERVER_PID [CLIENTS] [SECONDS] [all|short]
Every completed response must equal the same request run alone; 429s are retried (no request
is lost); prints first-byte latency percentiles and the server's peak RSS (VmHWM).
"""

import json
import random
import socket
import statistics
import sys
import threading
import time

SHORT = "Turn on the kitchen lights. The front door is locked."
LONG = ("The station is quiet at this hour, and the last train has gone. " * 62)[:4000]
TIMEOUT = 300
# Weight of each long-text request kind against 1 for each short one.
LONG_SHARE = 0.15


def http_speech(addr, text, fmt, abort_after=None):
    """Returns (status, first_byte_seconds, body) or None when it disconnected on purpose."""
    host, port = addr.rsplit(":", 1)
    # A WAV is asked for as a stream (the default is the whole file), so its first byte is timed.
    body = json.dumps({"model": "tts-1", "input": text, "response_format": fmt,
                       "stream_format": "audio"}).encode()
    t0 = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as s:
        s.sendall(b"POST /v1/audio/speech HTTP/1.1\r\nHost: l\r\nContent-Type: application/json\r\n"
                  + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        parts, got, first = [], 0, None
        while True:
            part = s.recv(65536)
            if not part:
                break
            if first is None:
                first = time.monotonic() - t0
            parts.append(part)
            got += len(part)
            if abort_after is not None and got > abort_after:
                return None
    data = b"".join(parts)
    head_end = data.index(b"\r\n\r\n")
    status = int(data[:head_end].split(b" ")[1])
    if status != 200:
        return status, first, data[head_end + 4:]
    out, at = [], head_end + 4
    while True:
        eol = data.index(b"\r\n", at)
        size = int(data[at:eol], 16)
        at = eol + 2
        if size == 0:
            break
        out.append(data[at:at + size])
        assert data[at + size:at + size + 2] == b"\r\n", "chunk framing"
        at += size + 2
    return status, first, b"".join(out)


def wy_send(s, kind, data):
    d = json.dumps(data).encode()
    s.sendall(json.dumps({"type": kind, "data_length": len(d)}).encode() + b"\n" + d)


def wy_read(f):
    header = json.loads(f.readline())
    data = header.get("data") or {}
    if header.get("data_length"):
        data.update(json.loads(f.read(header["data_length"])))
    payload = f.read(header["payload_length"]) if header.get("payload_length") else b""
    return header["type"], data, payload


def wyoming_speech(addr, text, abort_after=None):
    host, port = addr.rsplit(":", 1)
    t0 = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as s:
        f = s.makefile("rb")
        wy_send(s, "synthesize", {"text": text})
        audio, got, first = [], 0, None
        while True:
            kind, data, payload = wy_read(f)
            if kind == "error":
                return (429 if data.get("code") == "busy" else 500), None, data["text"].encode()
            if kind == "audio-chunk":
                if first is None:
                    first = time.monotonic() - t0
                audio.append(payload)
                got += len(payload)
                if abort_after is not None and got > abort_after:
                    return None
            if kind == "audio-stop":
                return 200, first, b"".join(audio)


def wav_pcm(kind, body):
    if kind == "wav":
        assert body[:4] == b"RIFF" and body[8:12] == b"WAVE" and body[36:40] == b"data", body[:44]
        return body[44:]
    return body


def main():
    http, wy, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 16
    seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 30
    texts = sys.argv[6] if len(sys.argv) > 6 else "all"
    kinds = [("http", "wav", SHORT), ("http", "pcm", SHORT), ("wyoming", None, SHORT)]
    if texts == "all":
        kinds += [("http", "wav", LONG), ("wyoming", None, LONG)]
    alone = {}
    for proto, fmt, text in kinds:
        r = http_speech(http, text, fmt) if proto == "http" else wyoming_speech(wy, text)
        assert r[0] == 200, r
        alone[(proto, fmt, text)] = wav_pcm(fmt, r[2]) if proto == "http" else r[2]
    stats = {"ok": 0, "aborted": 0, "retried_429": 0}
    firsts, lock, failures = [], threading.Lock(), []
    stop_at = time.monotonic() + seconds

    def worker(n):
        rng = random.Random(n)
        while time.monotonic() < stop_at:
            proto, fmt, text = rng.choices(kinds, weights=[LONG_SHARE if t is LONG else 1 for _, _, t in kinds])[0]
            abort = rng.randrange(20_000, 200_000) if rng.random() < 0.2 else None
            while True:
                try:
                    r = (http_speech(http, text, fmt, abort) if proto == "http"
                         else wyoming_speech(wy, text, abort))
                except Exception as e:  # noqa: BLE001 - a failure of any kind is reported
                    with lock:
                        failures.append(f"{proto} {fmt}: {e!r}")
                    return
                if r is not None and r[0] == 429:
                    with lock:
                        stats["retried_429"] += 1
                    time.sleep(0.2)
                    continue
                break
            with lock:
                if r is None:
                    stats["aborted"] += 1
                elif r[0] != 200:
                    failures.append(f"{proto} {fmt}: status {r[0]}: {r[2][:200]!r}")
                else:
                    pcm = wav_pcm(fmt, r[2]) if proto == "http" else r[2]
                    if pcm != alone[(proto, fmt, text)]:
                        failures.append(f"{proto} {fmt} {len(text)} chars: audio differs from the request alone")
                    stats["ok"] += 1
                    if text is SHORT:
                        firsts.append(r[1])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(f"/proc/{pid}/status") as f:
        status = dict(line.split(":", 1) for line in f)
    hwm = status["VmHWM"].strip()
    firsts.sort()
    p50 = statistics.median(firsts) if firsts else float("nan")
    p95 = firsts[min(len(firsts) - 1, int(0.95 * len(firsts)))] if firsts else float("nan")
    print(f"load: {clients} clients, {seconds:.0f} s, {texts} texts: {stats['ok']} complete (all equal to the request alone), "
          f"{stats['aborted']} disconnected mid-stream, {stats['retried_429']} 429s retried; "
          f"first audio byte of short texts p50 {p50 * 1e3:.0f} ms, p95 {p95 * 1e3:.0f} ms "
          f"(n={len(firsts)}); server peak RSS {hwm}")
    if failures:
        print("FAILURES:\n" + "\n".join(failures[:20]))
        sys.exit(1)
    assert stats["ok"] > 0, "nothing completed"


if __name__ == "__main__":
    main()
