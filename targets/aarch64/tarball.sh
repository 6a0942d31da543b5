#!/usr/bin/env bash
# The board tarball: ${CARGO_TARGET_DIR:-target}/dist/sotto-VERSION-aarch64-linux.tar.gz, for a
# Raspberry Pi 4/5 or a Jetson Orin's CPU (64-bit OS, glibc):
#
#   sotto-VERSION-aarch64-linux/
#     bin/sotto                    the release binary (finds ../share/sotto/voices/joe itself)
#     share/sotto/voices/joe/      the voice's device pack (targets/device_pack.py)
#     lib/libsotto.so, libsotto.a  the C ABI
#     include/sotto.h
#     share/doc/sotto/examples/speak.c   the C example
#     README.md
#
# Cross-builds with targets/aarch64/env.sh (release: tract for aarch64, ~25 min on two cores
# the first time), then runs the packed binary under qemu from the unpacked tarball: `sotto say`
# with no --voice must find the packed voice. AARCH64_QEMU_CPU picks the emulated CPU.
# PROFILE=dev packs the debug build instead (`sotto-VERSION-aarch64-linux-dev.tar.gz`): what
# targets/aarch64/run-tests.sh checks in CI, reusing its own cross build.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
dist=$(realpath -m "${CARGO_TARGET_DIR:-target}")/dist
profile=${PROFILE:-release}
case $profile in
    release) name=sotto-$version-aarch64-linux out_dir=release ;;
    dev) name=sotto-$version-aarch64-linux-dev out_dir=debug ;;
    *) echo "PROFILE is release or dev, not $profile" >&2; exit 2 ;;
esac
start=$SECONDS

out=$(
    source targets/aarch64/env.sh
    "$AARCH64_CARGO" build -q --profile "$profile" -p sotto -p sotto-capi --bin sotto --lib \
        --target "$AARCH64_TARGET" >&2
    echo "$(realpath -m "$CARGO_TARGET_DIR")/$AARCH64_TARGET/$out_dir"
)
built=$SECONDS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/$name
install -D -m 755 "$out/sotto" "$stage/bin/sotto"
python3 targets/device_pack.py models/voices/joe "$stage/share/sotto/voices/joe"
install -D -m 755 "$out/libsotto.so" "$stage/lib/libsotto.so"
install -D -m 644 "$out/libsotto.a" "$stage/lib/libsotto.a"
install -D -m 644 runtime/capi/include/sotto.h "$stage/include/sotto.h"
install -D -m 644 runtime/capi/examples/speak.c "$stage/share/doc/sotto/examples/speak.c"
cat > "$stage/README.md" <<EOF
# Sotto $version for aarch64 Linux

On-device English text-to-speech for a Raspberry Pi 4/5 or a Jetson Orin (CPU), 64-bit OS.

    bin/sotto say "Doors closing. Mind the gap." -o hello.wav && aplay hello.wav
    bin/sotto say "Doors closing." -o - | aplay       # streamed as it is made
    bin/sotto serve                                   # OpenAI-compatible HTTP on 127.0.0.1:5002

\`bin/sotto\` finds the voice in \`share/sotto/voices/joe\` beside it (keep the two together, or
give \`--voice DIR\` or \`SOTTO_VOICE\`). \`sotto --help\` lists every command.

The C ABI: \`include/sotto.h\`, \`lib/libsotto.so\` and \`lib/libsotto.a\`; the example
\`share/doc/sotto/examples/speak.c\` builds and runs with

    gcc share/doc/sotto/examples/speak.c -Iinclude -Llib -Wl,-rpath,\$PWD/lib -lsotto -lm -o speak
    ./speak share/sotto/voices/joe "Doors closing." hello.wav marks.jsonl

The voice pack carries the small vocoder only (the repository's pack also has HiFi-GAN V1, 56 MB,
selectable with \`--vocoder hifigan\` when present).
EOF
mkdir -p "$dist"
tar -C "$work" --owner=0 --group=0 -czf "$dist/$name.tar.gz" "$name"

mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$dist/$name.tar.gz"
env -u SOTTO_VOICE qemu-aarch64-static -cpu "${AARCH64_QEMU_CPU:-neoverse-n1}" \
    "$work/unpacked/$name/bin/sotto" say -v "Doors closing." -o "$work/board.wav" 2> "$work/say.log"
grep -q "voice $work/unpacked/$name/share/sotto/voices/joe loaded" "$work/say.log" \
    || { cat "$work/say.log" >&2; exit 1; }
echo "aarch64: $dist/$name.tar.gz, $(stat -c %s "$dist/$name.tar.gz") bytes; built in" \
    "$((built - start)) s, its binary spoke under qemu with its own voice" >&2
