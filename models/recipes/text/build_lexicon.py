"""Convert CMUdict to the compact lexicon embedded by sotto-text (runtime/text/data/lexicon.bin).

Format: b"SLX1", u32 entry count, u32 block size, u32 block count, u32 offsets[block count]
(relative to the data section), then entries sorted by word bytes. Each entry is
[shared prefix len u8][suffix len u8][suffix][phone count u8][phone codes]; the first
entry of each block has shared prefix 0.
"""
import struct
import sys

from arpabet import CODE, load_cmudict

BLOCK = 32


def main(out="runtime/text/data/lexicon.bin"):
    entries = sorted((w.encode(), bytes(CODE[p] for p in ph)) for w, ph in load_cmudict())
    data = bytearray()
    offsets = []
    prev = b""
    for i, (w, ph) in enumerate(entries):
        if i % BLOCK == 0:
            offsets.append(len(data))
            prev = b""
        shared = 0
        while shared < min(len(prev), len(w), 255) and prev[shared] == w[shared]:
            shared += 1
        suffix = w[shared:]
        assert len(suffix) < 256 and len(ph) < 256
        data += bytes([shared, len(suffix)]) + suffix + bytes([len(ph)]) + ph
        prev = w
    head = b"SLX1" + struct.pack("<III", len(entries), BLOCK, len(offsets))
    head += b"".join(struct.pack("<I", o) for o in offsets)
    blob = head + bytes(data)
    open(out, "wb").write(blob)
    print(f"{len(entries)} entries, {len(blob)} bytes -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
