# Sourced by the aarch64 scripts: installs the cross toolchain when missing and exports the
# cargo settings that build for aarch64-unknown-linux-gnu and run the results under qemu-user.
#
# Toolchain: Debian's rustc-web/cargo-web (bookworm-security, 1.96) with the arm64 standard
# library, because the rustup toolchain here carries only x86-64 std. Linker: the GNU cross gcc.
# No binfmt_misc is needed: cargo's runner and $SOTTO_TEST_RUNNER put qemu in front explicitly.

AARCH64_TARGET=aarch64-unknown-linux-gnu
# A concrete CPU: with qemu's default ("max") tract picks SVE kernels, far too slow to emulate.
# neoverse-n1 has the dot-product extension, like the Pi 5's Cortex-A76 (tract's SDOT kernels).
AARCH64_QEMU_CPU=${AARCH64_QEMU_CPU:-neoverse-n1}
# libc6:arm64 (also pulled in by the arm64 std) is what the emulated programs load: see below.
AARCH64_PACKAGES=(rustc-web cargo-web libstd-rust-web-dev:arm64 libc6:arm64
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)

aarch64_install_missing() {
    local missing=() p
    for p in "${AARCH64_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "aarch64: installing ${missing[*]}" >&2
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    dpkg --print-foreign-architectures | grep -qx arm64 || "${sudo[@]}" dpkg --add-architecture arm64
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

aarch64_install_missing

# Debian's cargo and rustc by full path: rustup's proxies earlier on PATH lack aarch64 std.
AARCH64_CARGO=/usr/bin/cargo
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
# No `-L /usr/aarch64-linux-gnu`: with libc6:arm64 installed, ld.so would come from that cross
# sysroot but libc.so.6 from /lib/aarch64-linux-gnu (found through /etc/ld.so.cache), two glibc
# builds that deadlock in the first pthread_create. Without -L both come from libc6:arm64.
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64-static -cpu $AARCH64_QEMU_CPU"
# The end-to-end tests spawn the aarch64 `sotto` binary through the same runner.
export SOTTO_TEST_RUNNER=$CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER
# The workspace's own crates optimized too (dependencies already are, see Cargo.toml): the
# resampler and mel code at opt-level 0 are many times slower under emulation.
export CARGO_PROFILE_DEV_OPT_LEVEL=2 CARGO_PROFILE_TEST_OPT_LEVEL=2
# Its own target directory, so the x86-64 build in target/ is never clobbered.
export CARGO_TARGET_DIR=${AARCH64_TARGET_DIR:-target/aarch64}

# aarch64_built PROFILE ARTIFACT CARGO_BUILD_ARGS…: cross-builds at PROFILE (dev, release, …),
# cargo's output on stderr, and prints the absolute path of ARTIFACT (e.g. `sotto`,
# `examples/vocoder_f16`) in that profile's output directory.
aarch64_built() {
    local profile=$1 artifact=$2 dir=$1
    shift 2
    "$AARCH64_CARGO" build -q --target "$AARCH64_TARGET" --profile "$profile" "$@" >&2
    [[ $profile == dev ]] && dir=debug
    echo "$(realpath -m "$CARGO_TARGET_DIR")/$AARCH64_TARGET/$dir/$artifact"
}
