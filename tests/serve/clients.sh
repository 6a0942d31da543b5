#!/usr/bin/env bash
# `sotto serve` against real clients on loopback: the official `openai` and `wyoming` Python
# packages (in a throwaway venv), a load test mixing both protocols, and the page in headless
# Chromium (installed with apt when missing and running as root).
#
# Env: SOTTO_BIN (default: target/debug/sotto after `cargo build -p sotto`), SOTTO_VOICE
# (default: the shipped voice), LOAD_VOICE (default: the tiny test pack, so 16 clients with
# 4,000-character texts finish in CI time on two cores), LOAD_CLIENTS (16), LOAD_SECONDS (20),
# LOAD_TEXTS (all|short), OUT (screenshot and logs; default target/serve-clients).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
if [[ -z ${SOTTO_BIN:-} ]]; then
    cargo build -q -p sotto
    SOTTO_BIN=$target/debug/sotto
fi
voice=${SOTTO_VOICE:-$root/models/voices/joe}
out=${OUT:-$target/serve-clients}
mkdir -p "$out"
work=$(mktemp -d)
server_pid=
load_pid=
cleanup() {
    for pid in $server_pid $load_pid; do
        kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check openai wyoming websocket-client
py=$work/venv/bin/python

text="Hello from the kitchen. The lights are on, and the door is locked!"
"$SOTTO_BIN" say --voice "$voice" --precision fp32 -o "$work/ref.wav" "$text"

"$SOTTO_BIN" serve --voice "$voice" --precision fp32 --http 127.0.0.1:0 --wyoming 127.0.0.1:0 \
    --max-concurrent 2 --queue 32 2> "$out/server.log" &
server_pid=$!
for _ in $(seq 600); do
    grep -q "tcp://" "$out/server.log" && break
    kill -0 "$server_pid" || { cat "$out/server.log"; exit 1; }
    sleep 0.1
done
http=$(grep -o 'http://[0-9.:]*' "$out/server.log" | head -1 | cut -d/ -f3)
wyoming=$(grep -o 'tcp://[0-9.:]*' "$out/server.log" | head -1 | cut -d/ -f3)

"$py" tests/serve/clients.py "$http" "$wyoming" "$work/ref.wav" "$text"
"$SOTTO_BIN" serve --voice "${LOAD_VOICE:-$root/tests/fixtures/tiny-voice}" --precision fp32 \
    --http 127.0.0.1:0 --wyoming 127.0.0.1:0 --max-concurrent 2 --queue 32 2> "$out/load-server.log" &
load_pid=$!
for _ in $(seq 600); do
    grep -q "tcp://" "$out/load-server.log" && break
    kill -0 "$load_pid" || { cat "$out/load-server.log"; exit 1; }
    sleep 0.1
done
"$py" tests/serve/load.py "$(grep -o 'http://[0-9.:]*' "$out/load-server.log" | head -1 | cut -d/ -f3)" \
    "$(grep -o 'tcp://[0-9.:]*' "$out/load-server.log" | head -1 | cut -d/ -f3)" "$load_pid" \
    "${LOAD_CLIENTS:-16}" "${LOAD_SECONDS:-20}" "${LOAD_TEXTS:-all}" | tee "$out/load.txt"
kill -TERM "$load_pid"
wait "$load_pid"
load_pid=

chromium=$(command -v chromium || true)
if [[ -z $chromium && $(id -u) == 0 ]] && command -v apt-get > /dev/null; then
    apt-get install -y -qq chromium > "$out/apt.log" 2>&1 \
        || { apt-get update -qq >> "$out/apt.log" 2>&1 && apt-get install -y -qq chromium >> "$out/apt.log" 2>&1; }
    chromium=$(command -v chromium || true)
fi
if [[ -z $chromium ]]; then
    echo "clients.sh: no chromium and cannot install it" >&2
    exit 1
fi
"$py" tests/serve/page.py "$chromium" "$http" "$out"

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[[ $status == 0 ]] || { echo "serve exited $status after SIGTERM" >&2; exit 1; }
echo "serve: SIGTERM, exit 0"
