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

/// `sotto ARGS` on the tiny test pack with `SOTTO_CUDA_FAULT=fault`.
fn with_fault(fault: &str, args: &[&str]) -> Output {
    let mut cmd = common::sotto_command();
    cmd.args(args)
        .args(["--voice", common::tiny_voice().to_str().unwrap()])
        .env("SOTTO_CUDA_FAULT", fault);
    cmd.output().expect("sotto runs")
}

/// Every injectable fault with the stage its message must name.
const FAULTS: [(&str, &str); 5] = [
    ("no-driver", "CUDA driver: "),
    ("no-nvrtc", "CUDA libraries: "),
    ("no-headers", "GPU kernels (NVRTC): "),
    ("translate", "planning on the GPU: "),
    ("oom", "first run on the GPU (out of GPU memory): "),
];

#[test]
fn auto_falls_back_once_naming_the_stage_for_every_injected_fault() {
    for (fault, stage) in FAULTS {
        let o = with_fault(fault, &["warmup", "--device", "auto"]);
        let err = stderr(&o);
        assert!(o.status.success(), "{fault}: {err}");
        let said = format!("sotto: device: cpu (falling back: {stage}");
        assert!(err.contains(&said), "{fault}: {err}");
        assert!(
            err.contains(&format!("[injected by SOTTO_CUDA_FAULT={fault}]")),
            "{err}"
        );
        assert_eq!(err.matches("falling back").count(), 1, "{fault}: {err}");
        assert!(err.contains("warm: device cpu"), "{fault}: {err}");
    }
}

#[test]
fn gpu_fails_naming_the_stage_for_every_injected_fault() {
    let speech = common::fixture("speech.wav");
    for (fault, stage) in FAULTS {
        for cmd in ["warmup", "resynth"] {
            let mut args = vec![cmd, "--device", "gpu"];
            let out = common::tmp("device-fault", &format!("{fault}.wav"));
            if cmd == "resynth" {
                args.extend([speech.to_str().unwrap(), "-o"]);
                args.push(out.to_str().unwrap());
            }
            let o = with_fault(fault, &args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{fault} {cmd}: {err}");
            assert!(err.contains("GPU asked for but unusable"), "{fault}: {err}");
            assert!(err.contains(stage), "{fault} {cmd}: {err}");
            assert!(!err.contains("panicked"), "{fault}: {err}");
        }
    }
}

#[test]
fn audio_after_a_late_fallback_is_the_cpus() {
    let speech = common::fixture("speech.wav");
    let cpu = common::tmp("device-late", "cpu.wav");
    let o = with_fault(
        "oom",
        &[
            "resynth",
            speech.to_str().unwrap(),
            "-o",
            cpu.to_str().unwrap(),
            "--device",
            "cpu",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("device"), "{}", stderr(&o));
    for fault in ["translate", "oom"] {
        let out = common::tmp("device-late", &format!("{fault}.wav"));
        let o = with_fault(
            fault,
            &[
                "resynth",
                speech.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{fault}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).matches("falling back").count(),
            1,
            "{}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read(&out).unwrap(),
            std::fs::read(&cpu).unwrap(),
            "{fault}"
        );
    }
}

#[test]
fn say_falls_back_after_a_gpu_out_of_memory() {
    let out = common::tmp("device-say", "oom.wav");
    let o = with_fault(
        "oom",
        &["say", "Platform three.", "-o", out.to_str().unwrap(), "-v"],
    );
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("sotto: device: gpu stand-in (SOTTO_CUDA_FAULT=oom)"),
        "{err}"
    );
    assert_eq!(err.matches("falling back").count(), 1, "{err}");
    assert!(common::read_wav(&out).1.len() > 1000);
}

#[test]
fn an_unknown_fault_names_the_accepted_ones() {
    let o = with_fault("meltdown", &["warmup", "--device", "auto"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("SOTTO_CUDA_FAULT=\"meltdown\" is not one of no-driver, "),
        "{err}"
    );
}

#[test]
fn warmup_on_the_cpu_loads_the_voice() {
    let o = with_fault("", &["warmup", "--device", "cpu", "-v"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("sotto: warm: device cpu"), "{err}");
}

#[test]
fn an_unusable_cache_dir_is_an_error_naming_it() {
    let file = common::tmp("device-cache", "a-file");
    std::fs::write(&file, b"x").unwrap();
    let dir = file.join("cache");
    let o = with_fault(
        "",
        &[
            "warmup",
            "--device",
            "auto",
            "--cache-dir",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("cannot create cache directory"), "{err}");
    assert!(err.contains("a-file"), "{err}");
}
