#!/usr/bin/env bash
# The C example against the release libsotto.so, over a sentence list (default: the shared dev
# set): every row's audio must be bit-identical to `sotto say --batch` with the same settings.
# Prints the library's size and the C example's peak RSS (largest over the rows); with --judge
# also scores both directories with ../shared/eval/judge (same WER expected).
#
#   runtime/capi/examples/dev-set.sh [--judge] [TSV] [VOICE]
#
# Builds `cargo build --release -p sotto -p sotto-capi` first; writes under
# target/capi-dev-set/.
set -euo pipefail
cd "$(dirname "$0")/../../.."
judge=false
if [[ ${1:-} == --judge ]]; then
    judge=true
    shift
fi
tsv=$(realpath "${1:-../shared/eval/sentences-dev.tsv}")
voice=$(realpath "${2:-models/voices/joe}")
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
out=$target/capi-dev-set
rm -rf "$out"
mkdir -p "$out/c" "$out/say"

cargo build -q --release -p sotto -p sotto-capi
lib=$target/release
cc -std=c99 -Wall -Werror -O2 -I runtime/capi/include runtime/capi/examples/speak.c \
    -o "$out/speak" -L"$lib" -Wl,-rpath,"$lib" -lsotto -lm
echo "libsotto.so $(stat -c %s "$lib/libsotto.so") bytes, libsotto.a $(stat -c %s "$lib/libsotto.a") bytes"

peak=0
rows=0
while IFS=$'\t' read -r id text; do
    [[ -z $id ]] && continue
    /usr/bin/time -f %M -o "$out/rss" "$out/speak" "$voice" "$text" "$out/c/$id.wav" \
        "$out/c/$id.jsonl"
    kb=$(tail -1 "$out/rss")
    ((kb > peak)) && peak=$kb
    rows=$((rows + 1))
done < "$tsv"
echo "C example: $rows rows, peak RSS $((peak / 1024)) MiB (largest of one process per row)"

"$lib/sotto" say --voice "$voice" --batch "$tsv" --out-dir "$out/say" --marks "$out/say"
differ=0
for wav in "$out"/c/*.wav; do
    cmp -s "$wav" "$out/say/$(basename "$wav")" || {
        echo "differs: $(basename "$wav")"
        differ=$((differ + 1))
    }
done
echo "audio: $((rows - differ)) of $rows rows bit-identical to sotto say --batch"
if $judge; then
    for d in c say; do
        echo "judge $d:"
        ../shared/eval/judge --texts "$tsv" --wavs "$out/$d"
    done
fi
((differ == 0))
