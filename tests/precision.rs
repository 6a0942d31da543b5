//! Precision policy: `auto` follows the measured table per CPU class (fp32 on AVX2-only x86,
//! where tract's int8 is emulated), and int8 asked of a pack without int8 models is an error
//! naming the pack, from the library and from the CLI (exit 1); `-v` names each model's file and
//! precision.

mod common;

use std::path::{Path, PathBuf};

use sotto::engine::{resolve_precision_on, CpuClass, ErrorKind, PrecisionPolicy, AUTO_PRECISION};
use sotto::voice::{Precision, VoicePack};

/// A copy of the tiny pack whose manifest also lists its vocoder as an int8 model.
fn pack_with_int8() -> PathBuf {
    let dir = common::tmp("precision", "int8-pack");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(common::tiny_voice()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    let manifest = dir.join("voice.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let models = json["models"].as_array_mut().unwrap();
    let mut int8 = models[0].clone();
    int8["precision"] = "int8".into();
    models.push(int8);
    std::fs::write(&manifest, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    dir
}

fn open(dir: &Path) -> VoicePack {
    VoicePack::open(dir).unwrap()
}

#[test]
fn auto_runs_fp32_on_avx2_only_cpus_and_int8_only_where_the_table_says_it_pays() {
    let pack = open(&pack_with_int8());
    for (class, want, _) in AUTO_PRECISION {
        let (got, why) = resolve_precision_on(PrecisionPolicy::Auto, &pack, false, class).unwrap();
        assert_eq!(got, want, "{class:?}: {why}");
        assert!(why.contains(class.describe()), "{why}");
    }
    let avx2 = resolve_precision_on(PrecisionPolicy::Auto, &pack, false, CpuClass::X86Avx2);
    assert_eq!(avx2.unwrap().0, Precision::Fp32);
    let gpu = resolve_precision_on(PrecisionPolicy::Auto, &pack, true, CpuClass::Arm64DotProd);
    assert_eq!(gpu.unwrap().0, Precision::Fp32);
    let asked = resolve_precision_on(PrecisionPolicy::Int8, &pack, false, CpuClass::X86Avx2);
    assert_eq!(asked.unwrap().0, Precision::Int8);
}

#[test]
fn int8_from_a_pack_without_int8_models_is_an_error_naming_the_pack() {
    let pack = open(&common::tiny_voice());
    for class in [CpuClass::X86Avx512Vnni, CpuClass::Arm64DotProd] {
        let auto = resolve_precision_on(PrecisionPolicy::Auto, &pack, false, class).unwrap();
        assert_eq!(auto.0, Precision::Fp32);
        let err = resolve_precision_on(PrecisionPolicy::Int8, &pack, false, class).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BadPack);
        let msg = err.to_string();
        assert!(
            msg.contains("tiny-voice") && msg.contains("no int8"),
            "{msg}"
        );
    }

    let out = common::tmp("precision", "int8.wav");
    let o = common::sotto_command()
        .args(["say", "--precision", "int8", "-o"])
        .arg(&out)
        .arg("--voice")
        .arg(common::tiny_voice())
        .arg("Hello.")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(
        err.contains("tiny-voice") && err.contains("no int8 models"),
        "{err}"
    );
}

#[test]
fn verbose_names_the_file_and_precision_each_model_runs() {
    let pack = pack_with_int8();
    let say = |precision: &str| {
        let o = common::sotto_command()
            .args([
                "say",
                "-v",
                "--device",
                "cpu",
                "--precision",
                precision,
                "-o",
                "-",
            ])
            .arg("--voice")
            .arg(&pack)
            .arg("Hello.")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", common::stderr(&o));
        common::stderr(&o)
    };
    let models = |err: &str| -> Vec<String> {
        err.lines()
            .filter_map(|l| l.strip_prefix("sotto: model "))
            .map(str::to_string)
            .collect()
    };
    let fp32 = say("fp32");
    let roles: Vec<String> = models(&fp32)
        .iter()
        .map(|m| m.split(' ').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(roles, ["encoder", "prior", "decoder", "vocoder"], "{fp32}");
    assert!(models(&fp32).iter().all(|m| m.contains(" fp32 ")), "{fp32}");
    assert!(fp32.contains("sotto: precision fp32 ("), "{fp32}");
    let int8 = say("int8");
    let vocoder = models(&int8).pop().unwrap();
    assert!(
        vocoder.starts_with("vocoder ") && vocoder.contains(" int8 (window "),
        "{int8}"
    );
}
