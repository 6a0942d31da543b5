#!/usr/bin/env python3
"""Writes the device form of a voice pack: the default vocoder and the acoustic models that speak
its interface (mel or latent) only — an encoder declared for no interface serves both — the shipped pack's alternatives (HiFi-GAN V1, 56 MB; the
other interface's path) stay out — and every file as it is.

    targets/device_pack.py SRC DST            copies the files into DST
    targets/device_pack.py SRC DST --link     relative symlinks instead (the Python package's
                                              bundled pack, runtime/python/python/sotto/voices)
    targets/device_pack.py SRC DST --check    exits 1 unless DST/voice.json is what SRC gives

The manifest is rewritten without the dropped models, formatted as build_pack.py writes it.
"""

import argparse
import json
import os
import shutil
import sys
from pathlib import Path


def device_manifest(manifest: dict) -> dict:
    default = manifest["defaults"]["vocoder"]
    interface = next(m.get("interface", "mel") for m in manifest["models"]
                     if m["role"] == "vocoder" and m["name"] == default)
    out = dict(manifest)
    out["models"] = [
        m for m in manifest["models"]
        if (m["name"] == default if m["role"] == "vocoder"
            else m.get("interface", interface if m["role"] == "encoder" else "mel") == interface)
    ]
    if interface != "latent":
        out.pop("latent", None)
    return out


def render(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--link", action="store_true")
    mode.add_argument("--check", action="store_true")
    args = ap.parse_args()
    manifest = device_manifest(json.loads((args.src / "voice.json").read_text()))
    text = render(manifest)
    if args.check:
        have = (args.dst / "voice.json").read_text()
        if have != text:
            print(f"{args.dst}/voice.json is stale: rerun {sys.argv[0]} {args.src} {args.dst} --link",
                  file=sys.stderr)
            return 1
        return 0
    args.dst.mkdir(parents=True, exist_ok=True)
    files = [m["file"] for m in manifest["models"]] + [f["file"] for f in manifest["files"]]
    for name in files:
        target = args.dst / name
        if target.is_symlink() or target.exists():
            target.unlink()
        if args.link:
            target.symlink_to(os.path.relpath(args.src.resolve() / name, args.dst.resolve()))
        else:
            shutil.copyfile(args.src / name, target)
    (args.dst / "voice.json").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
