#!/usr/bin/env bash
# `sotto serve` (release) answering the official `openai` client over a sentence list (default:
# the shared dev set): every row's WAV must be bit-identical to `sotto say --batch` with the
# same settings; with --judge both directories are scored by ../shared/eval/judge.
#
#   tests/serve/dev-set.sh [--judge] [TSV] [VOICE]
#
# Env: SOTTO_BIN (default: target/release/sotto after `cargo build --release -p sotto`).
# Writes under target/serve-dev-set/.
set -euo pipefail
cd "$(dirname "$0")/../.."
judge=false
if [[ ${1:-} == --judge ]]; then
    judge=true
    shift
fi
tsv=$(realpath "${1:-../shared/eval/sentences-dev.tsv}")
voice=$(realpath "${2:-models/voices/joe}")
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
if [[ -z ${SOTTO_BIN:-} ]]; then
    cargo build -q --release -p sotto
    SOTTO_BIN=$target/release/sotto
fi
out=$target/serve-dev-set
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
server_pid=
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check openai

"$SOTTO_BIN" serve --voice "$voice" --http 127.0.0.1:0 --wyoming 127.0.0.1:0 \
    2> "$out/server.log" &
server_pid=$!
for _ in $(seq 600); do
    grep -q "http://" "$out/server.log" && break
    kill -0 "$server_pid" || { cat "$out/server.log"; exit 1; }
    sleep 0.1
done
http=$(grep -o 'http://[0-9.:]*' "$out/server.log" | head -1 | cut -d/ -f3)
"$work/venv/bin/python" tests/serve/dev_set.py "$http" "$tsv" "$out/serve"
"$SOTTO_BIN" say --voice "$voice" --batch "$tsv" --out-dir "$out/say"

rows=0 differ=0
for wav in "$out"/say/*.wav; do
    rows=$((rows + 1))
    cmp -s <(tail -c +45 "$wav") <(tail -c +45 "$out/serve/$(basename "$wav")") || {
        echo "differs: $(basename "$wav")"
        differ=$((differ + 1))
    }
done
echo "serve: $((rows - differ)) of $rows rows bit-identical to sotto say --batch"
if $judge; then
    for d in serve say; do
        echo "judge $d:"
        ../shared/eval/judge --texts "$tsv" --wavs "$out/$d"
    done
fi
((differ == 0))
