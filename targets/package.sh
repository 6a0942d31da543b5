#!/usr/bin/env bash
# Builds Sotto's install artifacts into ${CARGO_TARGET_DIR:-target}/dist, and checks them.
#
#   targets/package.sh wheel [--arch amd64|arm64] [--profile P]
#                                                 the Python wheel (PEP 517 through maturin):
#                                                 sotto-VERSION-cp39-abi3-PLATFORM.whl
#   targets/package.sh deb [--arch amd64|arm64] [--profile P]
#                                                 the Debian package sotto_VERSION_ARCH.deb
#                                                 (arm64: cross-built, targets/aarch64/env.sh)
#   targets/package.sh tarball                    the board tarball (targets/aarch64/tarball.sh)
#   targets/package.sh check                      CI: builds the wheel and the amd64 .deb at the
#                                                 dev profile (the build the tests already made:
#                                                 no second tract compile), installs each as a
#                                                 user would, speaks through each and compares
#                                                 bytes with `sotto say`, serves with the unit's
#                                                 command, runs the pytest suite and mypy
#                                                 --strict, purges the package (needs root;
#                                                 artifacts in dist-check/)
#
# --profile defaults to release (what users get). The wheel and the packages carry the voice's
# device pack (targets/device_pack.py: the default vocoder only, without the 56 MB HiFi-GAN V1).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
root=$PWD
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
dist=$target/dist
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
python=${PYTHON:-python3}
# Debian package names for the shared libraries a Rust binary links.
declare -A DEB_OF_LIB=([libc.so.6]=libc6 [libm.so.6]=libc6 [ld-linux-x86-64.so.2]=libc6
    [ld-linux-aarch64.so.1]=libc6 [libgcc_s.so.1]=libgcc-s1)

usage() {
    sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

profile_dir() { [[ $1 == dev ]] && echo debug || echo "$1"; }

# wheel ARCH PROFILE: prints the wheel's path (arm64: cross-built with targets/aarch64/env.sh).
wheel() {
    local arch=$1 profile=$2 tools=$target/package-tools platform
    mkdir -p "$dist"
    [[ -x $tools/bin/pip ]] || "$python" -m venv "$tools"
    case $arch in
        amd64) platform=x86_64 ;;
        arm64) platform=aarch64 ;;
        *) usage ;;
    esac
    rm -f "$dist"/sotto-"$version"-*_"$platform".whl
    (
        args="--profile $profile"
        if [[ $arch == arm64 ]]; then
            source targets/aarch64/env.sh
            args+=" --target $AARCH64_TARGET"
            # pip runs maturin in runtime/python: the cross build's directory made absolute.
            CARGO_TARGET_DIR=$(realpath -m "$CARGO_TARGET_DIR")
            # maturin runs the `cargo` on PATH: Debian's, which has the arm64 standard library.
            export PATH=/usr/bin:$PATH
        fi
        MATURIN_PEP517_ARGS=$args "$tools/bin/pip" wheel -q --disable-pip-version-check \
            --no-deps -w "$dist" ./runtime/python >&2
    )
    ls "$dist"/sotto-"$version"-*_"$platform".whl
}

# man_page BIN RUNNER…: a man page from the binary's --help and each command's.
man_page() {
    local bin=$1
    shift
    local run=("$@" "$bin") commands cmd
    roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
    commands=$("${run[@]}" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && $1 != "help" && NF {print $1}')
    echo ".TH SOTTO 1 \"\" \"sotto $version\" \"User Commands\""
    echo ".SH NAME"
    echo "sotto \\- on-device English text-to-speech"
    echo ".SH SYNOPSIS"
    echo ".B sotto"
    echo "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]"
    echo ".SH DESCRIPTION"
    echo ".nf"
    "${run[@]}" --help | roff
    echo ".fi"
    for cmd in $commands; do
        echo ".SH \"sotto $cmd\""
        echo ".nf"
        "${run[@]}" "$cmd" --help | roff
        echo ".fi"
    done
    cat <<'EOF'
.SH FILES
.TP
.I /usr/share/sotto/voices/joe
The voice, used when neither \fB\-\-voice\fR nor \fBSOTTO_VOICE\fR names one.
.TP
.I /usr/lib/systemd/system/sotto.service
\fBsotto serve\fR on loopback as an unprivileged user; not enabled on install
(\fBsystemctl enable \-\-now sotto\fR).
.SH ENVIRONMENT
.TP
.B SOTTO_VOICE
Voice pack directory.
.TP
.B SOTTO_CACHE_DIR
Where verified model checksums and compiled GPU kernels are cached.
EOF
}

# depends BIN: the Depends line for the libraries BIN links.
depends() {
    local bin=$1 lib deps=() glibc
    for lib in $(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
        [[ -n ${DEB_OF_LIB[$lib]:-} ]] || { echo "package.sh: no Debian package known for $lib" >&2; return 1; }
        deps+=("${DEB_OF_LIB[$lib]}")
    done
    glibc=$(readelf -W --dyn-syms "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
    printf '%s\n' "${deps[@]}" | sort -u | sed "s/^libc6$/libc6 (>= $glibc)/" | paste -sd, | sed 's/,/, /g'
}

# deb ARCH PROFILE: prints the package's path.
deb() {
    local arch=$1 profile=$2 bin run=() strip=strip
    case $arch in
        amd64)
            cargo build -q --profile "$profile" -p sotto --bin sotto
            bin=$target/$(profile_dir "$profile")/sotto
            ;;
        arm64)
            bin=$(
                source targets/aarch64/env.sh
                aarch64_built "$profile" sotto -p sotto --bin sotto
            )
            run=(qemu-aarch64-static -cpu "${AARCH64_QEMU_CPU:-neoverse-n1}")
            strip=aarch64-linux-gnu-strip
            ;;
        *) usage ;;
    esac
    local work stage
    work=$(mktemp -d)
    stage=$work/sotto_${version}_$arch
    install -D -m 755 "$bin" "$stage/usr/bin/sotto"
    "$strip" "$stage/usr/bin/sotto"
    "$python" targets/device_pack.py models/voices/joe "$stage/usr/share/sotto/voices/joe"
    chmod 644 "$stage"/usr/share/sotto/voices/joe/*
    mkdir -p "$stage/usr/share/man/man1"
    man_page "$bin" "${run[@]}" | gzip -9n > "$stage/usr/share/man/man1/sotto.1.gz"
    install -D -m 644 targets/debian/sotto.service "$stage/usr/lib/systemd/system/sotto.service"
    install -D -m 644 targets/debian/copyright "$stage/usr/share/doc/sotto/copyright"
    mkdir -p "$stage/DEBIAN"
    cat > "$stage/DEBIAN/control" <<EOF
Package: sotto
Version: $version
Architecture: $arch
Maintainer: Sotto developers <sotto@example.invalid>
Installed-Size: $(du -sk "$stage" | cut -f1)
Depends: $(depends "$stage/usr/bin/sotto")
Section: sound
Priority: optional
Homepage: https://example.invalid/sotto
Description: on-device English text-to-speech
 Sotto speaks English text as 16-bit WAV on the device, streamed sentence by
 sentence: \`sotto say "Doors closing." -o out.wav\`. It also serves an
 OpenAI-compatible HTTP endpoint and the Wyoming protocol (\`sotto serve\`, a
 systemd unit that is installed but not enabled). The voice "joe" is in
 /usr/share/sotto/voices/joe.
EOF
    (cd "$stage" && find usr -type f -exec md5sum {} + > DEBIAN/md5sums)
    mkdir -p "$dist"
    local out=$dist/sotto_${version}_$arch.deb
    dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" > /dev/null
    rm -rf "$work"
    echo "$out"
}

# serve_as_the_unit ROOT WORK REFERENCE: the unit's `sotto serve` from the package installed in
# ROOT, loopback only, as an unprivileged user (nobody, standing in for the unit's DynamicUser)
# on ports the system picks; it must find the installed voice by itself and speak REFERENCE's
# audio over HTTP.
serve_as_the_unit() {
    local scratch=$1 work=$2 reference=$3 unit exec_start pid http
    unit=$scratch/usr/lib/systemd/system/sotto.service
    exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
    local loopback='^/usr/bin/sotto serve --http 127\.0\.0\.1:[0-9]+ --wyoming 127\.0\.0\.1:[0-9]+$'
    [[ $exec_start =~ $loopback ]] || { echo "package: unit serves beyond loopback: $exec_start" >&2; return 1; }
    grep -qx 'DynamicUser=yes' "$unit"
    chmod 755 "$work"
    mkdir -p "$work/cache"
    chown 65534:65534 "$work/cache"
    setpriv --reuid=65534 --regid=65534 --clear-groups env -u SOTTO_VOICE SOTTO_CACHE_DIR="$work/cache" \
        "$scratch/usr/bin/sotto" serve --http 127.0.0.1:0 --wyoming 127.0.0.1:0 2> "$work/serve.log" &
    pid=$!
    for _ in $(seq 600); do
        grep -q "tcp://" "$work/serve.log" && break
        kill -0 "$pid" 2> /dev/null || { cat "$work/serve.log" >&2; return 1; }
        sleep 0.1
    done
    grep -q "voice joe from $scratch/usr/share/sotto/voices/joe " "$work/serve.log" \
        || { cat "$work/serve.log" >&2; kill "$pid"; return 1; }
    http=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
    "$python" - "$http" "$work/serve.wav" "$text" <<'EOF'
import json, sys, urllib.request
body = {"model": "tts-1", "voice": "alloy", "input": sys.argv[3], "response_format": "wav"}
req = urllib.request.Request(sys.argv[1] + "/v1/audio/speech", data=json.dumps(body).encode(),
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=300) as r, open(sys.argv[2], "wb") as f:
    f.write(r.read())
EOF
    kill -TERM "$pid"
    wait "$pid"
    cmp <(tail -c +45 "$work/serve.wav") <(tail -c +45 "$reference")
}

text="Doors closing. Your train to the airport leaves at 7:45 PM from platform 3."

check() {
    local work
    local start=$SECONDS
    [[ $(id -u) == 0 ]] || { echo "package.sh check: needs root (dpkg, and serving as nobody)" >&2; return 1; }
    # Its own directory, so the dev-profile artifacts never replace release ones in dist/.
    dist=$target/dist-check
    work=$(mktemp -d)
    trap 'rm -rf "$work"' RETURN
    "$python" targets/device_pack.py models/voices/joe runtime/python/python/sotto/voices/joe --check

    local pkg admin scratch
    pkg=$(deb amd64 dev)
    echo "package: $(basename "$pkg") $(stat -c %s "$pkg") bytes, built in $((SECONDS - start)) s" >&2
    local t=$SECONDS
    # Dependencies against this system without installing anything, then the real install
    # into a scratch root (its own dpkg database; this system's libc6 satisfies Depends).
    dpkg --no-act --log=/dev/null -i "$pkg" > /dev/null
    scratch=$work/root admin=$work/root/var/lib/dpkg
    mkdir -p "$admin/info" "$admin/updates"
    touch "$admin/status" "$admin/available"
    dpkg --root="$scratch" --log=/dev/null --force-depends -i "$pkg" > "$work/dpkg.log" 2>&1 \
        || { cat "$work/dpkg.log" >&2; return 1; }
    dpkg --root="$scratch" -s sotto | grep -q '^Status: install ok installed'
    local installed=$scratch/usr/bin/sotto
    env -u SOTTO_VOICE "$installed" say -v "$text" -o "$work/deb.wav" 2> "$work/deb.log"
    grep -q "voice $scratch/usr/share/sotto/voices/joe loaded" "$work/deb.log" \
        || { cat "$work/deb.log" >&2; echo "package: the installed sotto did not find its voice" >&2; return 1; }
    "$target/debug/sotto" say --voice models/voices/joe "$text" -o "$work/build.wav"
    cmp "$work/deb.wav" "$work/build.wav"
    zcat "$scratch/usr/share/man/man1/sotto.1.gz" | grep -q '^\.SH "sotto say"'
    serve_as_the_unit "$scratch" "$work" "$work/deb.wav"
    if command -v systemd-analyze > /dev/null; then
        systemd-analyze verify --man=no --recursive-errors=no --root="$scratch" \
            /usr/lib/systemd/system/sotto.service
    fi
    echo "package: installed into a scratch root, spoke what sotto say speaks, its unit's command served it as nobody ($((SECONDS - t)) s)" >&2

    t=$SECONDS
    local whl venv=$work/venv
    whl=$(wheel amd64 dev)
    echo "wheel: $(basename "$whl") $(stat -c %s "$whl") bytes, built in $((SECONDS - t)) s" >&2
    t=$SECONDS
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$whl" pytest mypy
    (cd "$work" && env -u SOTTO_VOICE "$venv/bin/python" -c \
        'import sys, sotto; sotto.Voice().save(sys.argv[1], "wheel.wav")' "$text")
    cmp "$work/wheel.wav" "$work/deb.wav"
    echo "wheel: installed into a fresh venv, voice.save() wrote the bytes of sotto say" >&2
    (cd "$work" && SOTTO_BIN=$installed "$venv/bin/python" -m pytest -q -p no:cacheprovider \
        "$root/runtime/python/tests")
    (cd "$work" && "$venv/bin/mypy" --strict --no-incremental "$root/runtime/python/examples/speak.py" \
        "$root/runtime/python/tests")
    echo "wheel: pytest and mypy --strict in $((SECONDS - t)) s" >&2

    t=$SECONDS
    dpkg --root="$scratch" --log=/dev/null -P sotto > /dev/null
    local left
    left=$(find "$scratch" -mindepth 1 -not -path "$scratch/var*" -not -type d)
    [[ -z $left ]] || { echo "package: files left after purge: $left" >&2; return 1; }
    [[ ! -e $scratch/usr/bin/sotto ]]
    echo "package: purged cleanly; check took $((SECONDS - start)) s in all" >&2
}

cmd=${1:-}
shift || true
arch=amd64 profile=release
while [[ $# -gt 0 ]]; do
    case $1 in
        --arch) arch=$2; shift 2 ;;
        --profile) profile=$2; shift 2 ;;
        *) usage ;;
    esac
done
case $cmd in
    wheel) wheel "$arch" "$profile" ;;
    deb) deb "$arch" "$profile" ;;
    tarball) exec targets/aarch64/tarball.sh ;;
    check) check ;;
    *) usage ;;
esac
