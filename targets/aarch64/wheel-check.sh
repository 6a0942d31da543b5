#!/usr/bin/env bash
# The aarch64 Python wheel under qemu: cross-builds it (targets/package.sh wheel --arch arm64),
# then imports it into Debian's arm64 CPython (its packages unpacked into a scratch directory
# with `apt-get download` + `dpkg -x`, nothing installed) with numpy's aarch64 wheel from PyPI,
# speaks a sentence with voice.save() and compares the bytes with the aarch64 `sotto say` (the
# board tarball's binary when built, else a cross-built one), both under qemu.
#
#   targets/aarch64/wheel-check.sh [--profile P]     (default: release)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
profile=${2:-release}
[[ ${1:-} == --profile || -z ${1:-} ]] || { echo "usage: $0 [--profile P]" >&2; exit 2; }
text="Doors closing. Mind the gap."
qemu=(qemu-aarch64-static -cpu "${AARCH64_QEMU_CPU:-neoverse-n1}")

whl=$(targets/package.sh wheel --arch arm64 --profile "$profile")
bin=$(
    source targets/aarch64/env.sh
    aarch64_built "$profile" sotto -p sotto --bin sotto
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
    cd "$work"
    apt-get download -q python3.11-minimal:arm64 libpython3.11-minimal:arm64 \
        libpython3.11-stdlib:arm64 libexpat1:arm64 zlib1g:arm64 libffi8:arm64 libbz2-1.0:arm64 \
        liblzma5:arm64 libssl3:arm64 > /dev/null
    for deb in ./*.deb; do dpkg -x "$deb" sysroot; done
)
site=$work/site
python3 -m pip download -q --disable-pip-version-check --only-binary=:all: \
    --platform manylinux2014_aarch64 --python-version 3.11 --no-deps -d "$work" numpy
for w in "$work"/numpy-*.whl "$whl"; do python3 -m zipfile -e "$w" "$site"; done

sysroot=$work/sysroot
env -u SOTTO_VOICE PYTHONHOME="$sysroot/usr" PYTHONPATH="$site" \
    LD_LIBRARY_PATH="$sysroot/lib/aarch64-linux-gnu:$sysroot/usr/lib/aarch64-linux-gnu" \
    "${qemu[@]}" "$sysroot/usr/bin/python3.11" -c '
import platform, sys, sotto
voice = sotto.Voice()
audio = voice.say(sys.argv[1])
assert audio.dtype.name == "float32" and len(audio) > voice.sample_rate
voice.save(sys.argv[1], sys.argv[2])
print(f"aarch64 wheel: {platform.machine()} CPython {platform.python_version()}, {voice!r}, "
      f"{len(audio) / voice.sample_rate:.2f} s")
' "$text" "$work/wheel.wav"
"${qemu[@]}" "$bin" say --voice "$site/sotto/voices/joe" -o "$work/say.wav" "$text"
cmp "$work/wheel.wav" "$work/say.wav"
echo "aarch64 wheel: $(basename "$whl") ($(stat -c %s "$whl") bytes) spoke under qemu the bytes of sotto say" >&2
