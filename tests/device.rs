//! `--device cpu|gpu|auto`: which runtime the CLI picks and what it says about it.

mod common;

use std::process::Output;

use sotto::device::{select, Device, GPU_BUILD};

fn resynth(device: &str, verbose: bool) -> Output {
    let out =
        std::env::temp_dir().join(format!("sotto-device-{}-{device}.wav", std::process::id()));
    let mut cmd = common::sotto_command();
    cmd.args(["resynth", common::fixture("speech.wav").to_str().unwrap()])
        .args(["-o", out.to_str().unwrap(), "--device", device]);
    if verbose {
        cmd.arg("--verbose");
    }
    cmd.output().expect("sotto runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether this machine has a usable GPU for this build.
fn gpu_here() -> bool {
    select(Device::Gpu).is_ok()
}

#[test]
fn cpu_is_said_only_when_verbose() {
    let o = resynth("cpu", true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("sotto: device: cpu (asked for)"),
        "{}",
        stderr(&o)
    );
    let o = resynth("cpu", false);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("device:"), "{}", stderr(&o));
}

#[test]
fn gpu_runs_on_the_gpu_or_fails_naming_why() {
    let o = resynth("gpu", false);
    if gpu_here() {
        assert!(o.status.success(), "{}", stderr(&o));
        return;
    }
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("GPU asked for but unusable"), "{err}");
    if !GPU_BUILD {
        assert!(err.contains("built without the `cuda` feature"), "{err}");
    }
}

#[test]
fn auto_falls_back_to_the_cpu_and_says_so() {
    let o = resynth("auto", false);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    match (GPU_BUILD, gpu_here()) {
        (true, false) => assert!(err.contains("sotto: device: cpu (falling back: "), "{err}"),
        _ => assert!(!err.contains("device:"), "{err}"),
    }
    let o = resynth("auto", true);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = if gpu_here() {
        "sotto: device: gpu"
    } else {
        "sotto: device: cpu"
    };
    assert!(stderr(&o).contains(said), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("device:").count(), 1, "{}", stderr(&o));
}
