"""Packs teacher renderings for `train_gan.py` on another machine: FLAC copies (lossless, about
half the size of WAV) and the Slaney mel basis as `mel_basis.npy`.

    make_gan_data.py --wavs models/work/voc-corpus --out DIR [--max-mb 40]

Files are taken in name order until `--max-mb` of FLAC is written.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import melspec  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wavs", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--max-mb", type=float, default=40.0)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "mel_basis.npy", melspec._BASIS.astype(np.float32))
    audio_dir = args.out / "audio"
    audio_dir.mkdir(exist_ok=True)
    total, seconds, count = 0, 0.0, 0
    for wav in sorted(args.wavs.glob("*.wav")):
        flac = audio_dir / f"{wav.stem}.flac"
        if not flac.exists():
            audio, sr = soundfile.read(str(wav), dtype="int16")
            soundfile.write(str(flac), audio, sr, format="FLAC")
        total += flac.stat().st_size
        seconds += soundfile.info(str(flac)).duration
        count += 1
        if total > args.max_mb * 1e6:
            break
    print(f"{count} files, {seconds / 3600:.2f} h, {total / 1e6:.1f} MB of FLAC in {audio_dir}")


if __name__ == "__main__":
    main()
