//! `sotto.Voice`: a loaded voice pack, shared by any number of threads.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::prelude::*;
use sotto::audio::{AudioSink, Format};
use sotto::{Checksums, Device, PrecisionPolicy, SpeakOptions, Voice, VoiceOptions, CACHE_ENV};

use crate::errors::{bad_input, to_py};
use crate::samples::to_numpy;
use crate::speak::Request;
use crate::stream::{PyDroppedSpan, PyStream};

/// Environment variable naming the default voice pack (as for the `sotto` command).
const VOICE_ENV: &str = "SOTTO_VOICE";

/// A loaded voice: the pack's networks planned once. Thread-safe: share one `Voice` and call
/// it from any number of threads at once (each call has its own stream).
#[pyclass(name = "Voice", module = "sotto", frozen)]
pub struct PyVoice {
    voice: Arc<Voice>,
}

#[pymethods]
impl PyVoice {
    /// Loads the voice pack in `path` (default: `$SOTTO_VOICE`, else the voice bundled with
    /// the package). `precision` is "auto", "int8" or "fp32"; `device` "auto", "cpu" or "gpu";
    /// `vocoder` a vocoder name of the pack (default: the pack's). Raises BadPack, BadInput,
    /// ModelError or DeviceError.
    #[new]
    #[pyo3(signature = (path=None, *, precision="auto", device="auto", vocoder=None))]
    fn new(
        py: Python<'_>,
        path: Option<PathBuf>,
        precision: &str,
        device: &str,
        vocoder: Option<String>,
    ) -> PyResult<Self> {
        let dir = match path {
            Some(p) => p,
            None => default_voice(py)?,
        };
        let opts = VoiceOptions {
            device: parse_device(device)?,
            precision: parse_precision(precision)?,
            vocoder,
            user_lexicon: None,
            checksums: std::env::var_os(CACHE_ENV)
                .map_or_else(Checksums::default, |d| Checksums::in_cache(Path::new(&d))),
        };
        let voice = py
            .allow_threads(|| Voice::open(&dir, &opts))
            .map_err(to_py)?;
        Ok(Self { voice })
    }

    /// Output sample rate in Hz.
    #[getter]
    fn sample_rate(&self) -> u32 {
        self.voice.sample_rate()
    }

    /// The voice's name from its manifest.
    #[getter]
    fn name(&self) -> &str {
        self.voice.name()
    }

    /// The voice's language (BCP 47, e.g. "en-US").
    #[getter]
    fn language(&self) -> &str {
        self.voice.language()
    }

    /// The voice pack directory.
    #[getter]
    fn path(&self) -> PathBuf {
        self.voice.dir().to_path_buf()
    }

    /// Which device runs the networks, and why (one line).
    #[getter]
    fn device(&self) -> &str {
        self.voice.device()
    }

    /// The precision the models were loaded at ("fp32" or "int8").
    #[getter]
    fn precision(&self) -> String {
        self.voice.precision().0.to_string()
    }

    /// Speaks `text` (an SSML document when `ssml`) and returns all of its audio: a numpy
    /// float32 array of mono samples in [-1, 1] at `sample_rate`.
    #[pyo3(signature = (text, *, ssml=false, speed=1.0, steps=None, temperature=None, seed=0))]
    #[allow(clippy::too_many_arguments)]
    fn say<'py>(
        &self,
        py: Python<'py>,
        text: String,
        ssml: bool,
        speed: f32,
        steps: Option<usize>,
        temperature: Option<f32>,
        seed: u64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = request(text, ssml, speed, steps, temperature, seed);
        let voice = Arc::clone(&self.voice);
        let audio = py
            .allow_threads(move || -> sotto::Result<Vec<f32>> {
                let mut stream = voice.stream()?;
                request.start(&mut stream)?;
                let mut audio = Vec::new();
                stream.run(&mut |chunk| {
                    audio.extend_from_slice(&chunk.samples);
                    Ok(())
                })?;
                Ok(audio)
            })
            .map_err(to_py)?;
        to_numpy(py, &audio)
    }

    /// A stream over `text` (an SSML document when `ssml`): iterate it for Chunks as they
    /// are made; `cancel()` it from any thread.
    #[pyo3(signature = (text, *, ssml=false, speed=1.0, steps=None, temperature=None, seed=0))]
    #[allow(clippy::too_many_arguments)]
    fn stream(
        &self,
        py: Python<'_>,
        text: String,
        ssml: bool,
        speed: f32,
        steps: Option<usize>,
        temperature: Option<f32>,
        seed: u64,
    ) -> PyResult<PyStream> {
        let request = request(text, ssml, speed, steps, temperature, seed);
        let voice = Arc::clone(&self.voice);
        let (stream, dropped) = py
            .allow_threads(move || -> sotto::Result<_> {
                let mut stream = voice.stream()?;
                request.start(&mut stream)?;
                let dropped = PyDroppedSpan::of(&request.text, &stream.dropped());
                Ok((stream, dropped))
            })
            .map_err(to_py)?;
        PyStream::new(py, stream, dropped)
    }

    /// Speaks `text` into the WAV file `path` (16-bit PCM mono at `sample_rate`), written as
    /// the audio is made: the same bytes as `sotto say TEXT -o PATH` with the same settings.
    #[pyo3(signature = (text, path, *, ssml=false, speed=1.0, steps=None, temperature=None, seed=0))]
    #[allow(clippy::too_many_arguments)]
    fn save(
        &self,
        py: Python<'_>,
        text: String,
        path: PathBuf,
        ssml: bool,
        speed: f32,
        steps: Option<usize>,
        temperature: Option<f32>,
        seed: u64,
    ) -> PyResult<()> {
        let request = request(text, ssml, speed, steps, temperature, seed);
        let voice = Arc::clone(&self.voice);
        py.allow_threads(move || -> sotto::Result<()> {
            let mut stream = voice.stream()?;
            request.start(&mut stream)?;
            let mut sink = AudioSink::create(&path, Format::Wav, voice.sample_rate())?;
            let spoken = stream.run(&mut |chunk| sink.write(&chunk.samples));
            let finished = sink.finish();
            spoken?;
            finished
        })
        .map_err(to_py)
    }

    fn __repr__(&self) -> String {
        format!(
            "<sotto.Voice {:?} ({}, {} Hz, {}) from {}>",
            self.voice.name(),
            self.voice.language(),
            self.voice.sample_rate(),
            self.voice.precision().0,
            self.voice.dir().display()
        )
    }
}

fn request(
    text: String,
    ssml: bool,
    speed: f32,
    steps: Option<usize>,
    temperature: Option<f32>,
    seed: u64,
) -> Request {
    Request {
        text,
        ssml,
        options: SpeakOptions {
            steps,
            temperature,
            speed,
            seed,
        },
    }
}

/// `$SOTTO_VOICE`, else the pack bundled with the package (`sotto.DEFAULT_VOICE`).
fn default_voice(py: Python<'_>) -> PyResult<PathBuf> {
    if let Some(dir) = std::env::var_os(VOICE_ENV) {
        return Ok(PathBuf::from(dir));
    }
    py.import("sotto")?.getattr("DEFAULT_VOICE")?.extract()
}

fn parse_precision(s: &str) -> PyResult<PrecisionPolicy> {
    match s {
        "auto" => Ok(PrecisionPolicy::Auto),
        "int8" => Ok(PrecisionPolicy::Int8),
        "fp32" => Ok(PrecisionPolicy::Fp32),
        _ => Err(bad_input(format!(
            "precision: {s:?} is not one of \"auto\", \"int8\", \"fp32\""
        ))),
    }
}

fn parse_device(s: &str) -> PyResult<Device> {
    match s {
        "auto" => Ok(Device::Auto),
        "cpu" => Ok(Device::Cpu),
        "gpu" => Ok(Device::Gpu),
        _ => Err(bad_input(format!(
            "device: {s:?} is not one of \"auto\", \"cpu\", \"gpu\""
        ))),
    }
}
