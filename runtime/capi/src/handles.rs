//! Voice and stream handles and the calls on them.

use std::ffi::{c_char, CStr, CString};
use std::sync::{Arc, Mutex, PoisonError};

use engine::{
    CancelHandle, Device, MarkKind, PrecisionPolicy, SpeakOptions, Stream, Voice, VoiceOptions,
};

use crate::error::{bad_input, guard, quiet, Failure, SOTTO_DONE, SOTTO_OK};

/// `SottoOptions::steps` value meaning the voice's default.
pub const SOTTO_DEFAULT_STEPS: u32 = 0;
/// `SottoOptions::temperature` values below zero mean the voice's default.
pub const SOTTO_DEFAULT_TEMPERATURE: f32 = -1.0;
/// The normal speaking rate.
pub const SOTTO_DEFAULT_SPEED: f32 = 1.0;
/// The default noise seed.
pub const SOTTO_DEFAULT_SEED: u64 = 0;
/// Longest text `sotto_stream_start` takes, in bytes (1 MiB); longer is
/// `SOTTO_ERR_BAD_INPUT`.
pub const SOTTO_MAX_TEXT_BYTES: usize = 1 << 20;
/// Largest document `sotto_stream_start_ssml` takes, in bytes (1 MiB).
pub const SOTTO_MAX_SSML_BYTES: usize = 1 << 20;

/// Most dropped spans `sotto_stream_dropped` reports per text.
pub const SOTTO_MAX_DROPPED_SPANS: usize = 256;

const _: () = assert!(
    SOTTO_MAX_TEXT_BYTES == engine::MAX_TEXT_BYTES
        && SOTTO_MAX_SSML_BYTES == engine::MAX_SSML_BYTES
        && SOTTO_MAX_DROPPED_SPANS == engine::MAX_DROPPED_SPANS
);

/// Where the networks run.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SottoDevice {
    /// The GPU when this build and machine have one, else the CPU.
    Auto = 0,
    /// The CPU.
    Cpu = 1,
    /// The GPU, or `SOTTO_ERR_DEVICE`.
    Gpu = 2,
}

/// Model precision.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SottoPrecision {
    /// int8 where the pack has it and the CPU runs it fast, else fp32.
    Auto = 0,
    /// 32-bit float models.
    Fp32 = 1,
    /// 8-bit integer models where the pack has them.
    Int8 = 2,
}

/// What a mark times.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SottoMarkKind {
    /// A sentence.
    Sentence = 0,
    /// A spoken word.
    Word = 1,
    /// A phoneme.
    Phoneme = 2,
    /// A position named in SSML (`<mark name="…"/>`); its duration is 0.
    User = 3,
}

/// How to speak a text (`sotto_options_default` fills in the defaults).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SottoOptions {
    /// Flow-matching steps, 1 to 64, or `SOTTO_DEFAULT_STEPS` for the voice's.
    pub steps: u32,
    /// Noise scale, 0 (deterministic) to 2, or below zero for the voice's.
    pub temperature: f32,
    /// Speaking rate; 2 is twice as fast. Within `sotto_voice_speed_range` (0.25 to 4 for a
    /// voice whose default length scale is 1), else `SOTTO_ERR_BAD_INPUT` naming `speed`.
    pub speed: f32,
    /// Noise seed.
    pub seed: u64,
}

/// A timed mark. Times are sample indices from the start of the text's audio.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SottoMark {
    /// What it times.
    pub kind: SottoMarkKind,
    /// The sentence, word or phoneme, NUL-terminated UTF-8.
    pub text: *const c_char,
    /// First sample.
    pub start: u64,
    /// Length in samples.
    pub duration: u64,
}

/// A chunk of audio and the marks that start in it. Its pointers belong to the stream and
/// stay valid until the next `sotto_stream_*` call on that stream.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SottoChunk {
    /// Mono samples in [-1, 1] at `sotto_voice_sample_rate`.
    pub samples: *const f32,
    /// Number of samples.
    pub n_samples: usize,
    /// Index of the first sample in the text's audio.
    pub start: u64,
    /// Marks starting in this chunk, in order.
    pub marks: *const SottoMark,
    /// Number of marks.
    pub n_marks: usize,
    /// 1 on the text's last chunk, else 0 (a byte, as C89 has no `bool`).
    pub is_last: u8,
}

/// A span of the text in a script the voice cannot read (Cyrillic, Han, …), which is skipped.
/// Its pointer belongs to the stream, as a chunk's do.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SottoDroppedSpan {
    /// The skipped text, NUL-terminated UTF-8.
    pub text: *const c_char,
    /// Byte offset of its first character in the text given to `sotto_stream_start`.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

/// A loaded voice; share it between threads.
pub struct SottoVoice {
    voice: Arc<Voice>,
}

struct Pulled {
    stream: Stream,
    samples: Vec<f32>,
    texts: Vec<CString>,
    marks: Vec<SottoMark>,
    dropped_texts: Vec<CString>,
    dropped: Vec<SottoDroppedSpan>,
}

/// A synthesis stream; one thread at a time (any thread may cancel it).
pub struct SottoStream {
    cancel: CancelHandle,
    inner: Mutex<Pulled>,
}

fn str_arg<'a>(p: *const c_char, what: &str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(bad_input(format!("{what} is NULL")));
    }
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|e| bad_input(format!("{what} is not UTF-8: {e}")))
}

fn out_arg<'a, T>(p: *mut T, what: &str) -> Result<&'a mut T, Failure> {
    unsafe { p.as_mut() }.ok_or_else(|| bad_input(format!("{what} is NULL")))
}

/// The default options.
#[no_mangle]
pub extern "C" fn sotto_options_default() -> SottoOptions {
    SottoOptions {
        steps: SOTTO_DEFAULT_STEPS,
        temperature: SOTTO_DEFAULT_TEMPERATURE,
        speed: SOTTO_DEFAULT_SPEED,
        seed: SOTTO_DEFAULT_SEED,
    }
}

/// The voice's own defaults: its steps and temperature (what `SOTTO_DEFAULT_STEPS` and a
/// negative temperature stand for), speed `SOTTO_DEFAULT_SPEED`, seed `SOTTO_DEFAULT_SEED`.
/// Returns `SOTTO_OK`, or `SOTTO_ERR_BAD_INPUT` for a NULL argument.
///
/// # Safety
/// `voice` is NULL or a live voice; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_voice_default_options(
    voice: *const SottoVoice,
    out: *mut SottoOptions,
) -> i32 {
    guard(|| {
        let out = out_arg(out, "out")?;
        let voice = voice.as_ref().ok_or_else(|| bad_input("voice is NULL"))?;
        let d = voice.voice.defaults();
        *out = SottoOptions {
            steps: u32::try_from(d.steps).unwrap_or(u32::MAX),
            temperature: d.temperature,
            ..sotto_options_default()
        };
        Ok(SOTTO_OK)
    })
}

/// The slowest and fastest `SottoOptions::speed` the voice takes (those that keep its length
/// scale, its default divided by the speed, within 0.25 to 4). Returns `SOTTO_OK`, or
/// `SOTTO_ERR_BAD_INPUT` for a NULL argument.
///
/// # Safety
/// `voice` is NULL or a live voice; `slowest` and `fastest` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_voice_speed_range(
    voice: *const SottoVoice,
    slowest: *mut f32,
    fastest: *mut f32,
) -> i32 {
    guard(|| {
        let slowest = out_arg(slowest, "slowest")?;
        let fastest = out_arg(fastest, "fastest")?;
        let voice = voice.as_ref().ok_or_else(|| bad_input("voice is NULL"))?;
        (*slowest, *fastest) = voice.voice.speed_range();
        Ok(SOTTO_OK)
    })
}

/// Opens the voice pack in directory `dir` (UTF-8) and loads its networks into `*out`;
/// `device` is a `SottoDevice`, `precision` a `SottoPrecision`.
/// Returns `SOTTO_OK` or an error code (`*out` is then NULL).
/// Model files that match their checksums are remembered, as by the `sotto` program, in
/// `$XDG_CACHE_HOME/sotto/checksums` (else `~/.cache/sotto/checksums`).
///
/// # Safety
/// `dir` is NULL or a NUL-terminated string; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_voice_open(
    dir: *const c_char,
    device: i32,
    precision: i32,
    out: *mut *mut SottoVoice,
) -> i32 {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        let dir = str_arg(dir, "dir")?;
        let opts = VoiceOptions {
            device: match device {
                d if d == SottoDevice::Auto as i32 => Device::Auto,
                d if d == SottoDevice::Cpu as i32 => Device::Cpu,
                d if d == SottoDevice::Gpu as i32 => Device::Gpu,
                d => return Err(bad_input(format!("device {d} is not a SottoDevice"))),
            },
            precision: match precision {
                p if p == SottoPrecision::Auto as i32 => PrecisionPolicy::Auto,
                p if p == SottoPrecision::Fp32 as i32 => PrecisionPolicy::Fp32,
                p if p == SottoPrecision::Int8 as i32 => PrecisionPolicy::Int8,
                p => return Err(bad_input(format!("precision {p} is not a SottoPrecision"))),
            },
            ..VoiceOptions::default()
        };
        let voice = Voice::open(dir, &opts)?;
        *out = Box::into_raw(Box::new(SottoVoice { voice }));
        Ok(SOTTO_OK)
    })
}

/// Output sample rate of `voice` in Hz (0 for NULL; `sotto_last_error` is kept).
///
/// # Safety
/// `voice` is NULL or from `sotto_voice_open` and not freed.
#[no_mangle]
pub unsafe extern "C" fn sotto_voice_sample_rate(voice: *const SottoVoice) -> u32 {
    let r = quiet(|| Ok(voice.as_ref().map_or(0, |v| v.voice.sample_rate() as i32)));
    r.max(0) as u32
}

/// Frees a voice (NULL is ignored; `sotto_last_error` is kept). Streams opened on it keep it
/// alive until they are freed.
///
/// # Safety
/// `voice` is NULL or from `sotto_voice_open`, freed once.
#[no_mangle]
pub unsafe extern "C" fn sotto_voice_free(voice: *mut SottoVoice) {
    quiet(|| {
        if !voice.is_null() {
            drop(Box::from_raw(voice));
        }
        Ok(SOTTO_OK)
    });
}

/// Opens a stream on `voice` into `*out`.
///
/// # Safety
/// `voice` is NULL or a live voice; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_new(
    voice: *const SottoVoice,
    out: *mut *mut SottoStream,
) -> i32 {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        let voice = voice.as_ref().ok_or_else(|| bad_input("voice is NULL"))?;
        let stream = voice.voice.stream()?;
        *out = Box::into_raw(Box::new(SottoStream {
            cancel: stream.cancel_handle(),
            inner: Mutex::new(Pulled {
                stream,
                samples: Vec::new(),
                texts: Vec::new(),
                marks: Vec::new(),
                dropped_texts: Vec::new(),
                dropped: Vec::new(),
            }),
        }));
        Ok(SOTTO_OK)
    })
}

/// Starts speaking `text` (UTF-8, at most `SOTTO_MAX_TEXT_BYTES`) on `stream`, dropping
/// whatever it was speaking and any `sotto_stream_cancel` made since. `options` may be NULL
/// for the defaults. After a failed start (`text` NULL or not UTF-8, bad
/// options) the stream is idle: `sotto_stream_next` returns `SOTTO_DONE`.
///
/// # Safety
/// `stream` is NULL or a live stream; `text` NULL or NUL-terminated; `options` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_start(
    stream: *mut SottoStream,
    text: *const c_char,
    options: *const SottoOptions,
) -> i32 {
    guard(|| {
        start(stream, text, "text", options, |s, text, opts| {
            s.start(text, opts)
        })
    })
}

/// Starts speaking the SSML document `ssml` (UTF-8, at most `SOTTO_MAX_SSML_BYTES`: `<speak>`, `<s>`, `<p>`, `<break>`,
/// `<prosody rate>`, `<say-as>`, `<sub>`, `<phoneme>`, `<mark>`) on `stream`, dropping whatever
/// it was speaking; its `<mark>`s arrive as `SOTTO_MARK_KIND_USER` marks. A malformed document
/// is `SOTTO_ERR_BAD_INPUT` and leaves the stream idle. `options` may be NULL for the
/// defaults.
///
/// # Safety
/// As [`sotto_stream_start`].
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_start_ssml(
    stream: *mut SottoStream,
    ssml: *const c_char,
    options: *const SottoOptions,
) -> i32 {
    guard(|| {
        start(stream, ssml, "ssml", options, |s, ssml, opts| {
            s.start_ssml(ssml, opts)
        })
    })
}

/// Stops `stream`, then starts `text` on it with the options `options` points to (the
/// defaults when NULL): whatever fails, the stream is left idle.
unsafe fn start(
    stream: *mut SottoStream,
    text: *const c_char,
    what: &str,
    options: *const SottoOptions,
    begin: impl FnOnce(&mut Stream, &str, &SpeakOptions) -> engine::Result<()>,
) -> Result<i32, Failure> {
    let s = stream.as_ref().ok_or_else(|| bad_input("stream is NULL"))?;
    let mut inner = s.inner.lock().unwrap_or_else(PoisonError::into_inner);
    inner.stream.stop();
    let text = str_arg(text, what)?;
    let o = options
        .as_ref()
        .copied()
        .unwrap_or_else(|| sotto_options_default());
    let opts = SpeakOptions {
        steps: (o.steps != SOTTO_DEFAULT_STEPS).then_some(o.steps as usize),
        temperature: (o.temperature >= 0.0 || o.temperature.is_nan()).then_some(o.temperature),
        speed: o.speed,
        seed: o.seed,
    };
    begin(&mut inner.stream, text, &opts)?;
    Ok(SOTTO_OK)
}

/// Pulls the next chunk of `stream` into `*chunk`. Returns `SOTTO_OK` with a chunk,
/// `SOTTO_DONE` when the text is finished (or none was started), or an error code; after an
/// error (`SOTTO_ERR_CANCELLED` included) the stream is ready for `sotto_stream_start`.
///
/// # Safety
/// `stream` is NULL or a live stream; `chunk` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_next(
    stream: *mut SottoStream,
    chunk: *mut SottoChunk,
) -> i32 {
    guard(|| {
        let s = stream.as_ref().ok_or_else(|| bad_input("stream is NULL"))?;
        let out = out_arg(chunk, "chunk")?;
        *out = SottoChunk {
            samples: std::ptr::null(),
            n_samples: 0,
            start: 0,
            marks: std::ptr::null(),
            n_marks: 0,
            is_last: 0,
        };
        let mut guard = s.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let inner = &mut *guard;
        let Some(next) = inner.stream.next() else {
            return Ok(SOTTO_DONE);
        };
        let c = next?;
        inner.samples = c.samples;
        inner.texts = c
            .marks
            .iter()
            .map(|m| CString::new(m.text.replace('\0', " ")).unwrap_or_default())
            .collect();
        inner.marks = c
            .marks
            .iter()
            .zip(&inner.texts)
            .map(|(m, t)| SottoMark {
                kind: match m.kind {
                    MarkKind::Sentence => SottoMarkKind::Sentence,
                    MarkKind::Word => SottoMarkKind::Word,
                    MarkKind::Phoneme => SottoMarkKind::Phoneme,
                    MarkKind::User => SottoMarkKind::User,
                },
                text: t.as_ptr(),
                start: m.start,
                duration: m.duration,
            })
            .collect();
        *out = SottoChunk {
            samples: inner.samples.as_ptr(),
            n_samples: inner.samples.len(),
            start: c.start,
            marks: inner.marks.as_ptr(),
            n_marks: inner.marks.len(),
            is_last: u8::from(c.is_last),
        };
        Ok(SOTTO_OK)
    })
}

/// The spans of the text `stream` was last started with that the voice cannot read and
/// skips, in order, into `*spans` (an array of `*n_spans`; NULL when there are none). Known
/// from `sotto_stream_start` on; an SSML document reports none; at most `SOTTO_MAX_DROPPED_SPANS` per text. The
/// array and its texts belong to the stream and stay valid until the next
/// `sotto_stream_dropped`, `sotto_stream_start*` or `sotto_stream_free` on it. Returns
/// `SOTTO_OK`, or `SOTTO_ERR_BAD_INPUT` for a NULL argument.
///
/// # Safety
/// `stream` is NULL or a live stream; `spans` and `n_spans` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_dropped(
    stream: *mut SottoStream,
    spans: *mut *const SottoDroppedSpan,
    n_spans: *mut usize,
) -> i32 {
    guard(|| {
        let spans = out_arg(spans, "spans")?;
        let n_spans = out_arg(n_spans, "n_spans")?;
        *spans = std::ptr::null();
        *n_spans = 0;
        let s = stream.as_ref().ok_or_else(|| bad_input("stream is NULL"))?;
        let mut guard = s.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let inner = &mut *guard;
        let dropped = inner.stream.dropped();
        inner.dropped_texts = dropped
            .iter()
            .map(|d| CString::new(d.text.replace('\0', " ")).unwrap_or_default())
            .collect();
        inner.dropped = dropped
            .iter()
            .zip(&inner.dropped_texts)
            .map(|(d, t)| SottoDroppedSpan {
                text: t.as_ptr(),
                start: d.start,
                end: d.end,
            })
            .collect();
        if !inner.dropped.is_empty() {
            *spans = inner.dropped.as_ptr();
            *n_spans = inner.dropped.len();
        }
        Ok(SOTTO_OK)
    })
}

/// Cancels `stream`: its current or next `sotto_stream_next` returns `SOTTO_ERR_CANCELLED`
/// within one phoneme's worth of work. Safe to call from any thread. A cancel made while the
/// stream is idle is dropped by the next `sotto_stream_start`, which always starts afresh.
///
/// # Safety
/// `stream` is NULL or a live stream.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_cancel(stream: *const SottoStream) -> i32 {
    guard(|| {
        let s = stream.as_ref().ok_or_else(|| bad_input("stream is NULL"))?;
        s.cancel.cancel();
        Ok(SOTTO_OK)
    })
}

/// Frees a stream (NULL is ignored; `sotto_last_error` is kept).
///
/// # Safety
/// `stream` is NULL or from `sotto_stream_new`, freed once, with no call on it in progress.
#[no_mangle]
pub unsafe extern "C" fn sotto_stream_free(stream: *mut SottoStream) {
    quiet(|| {
        if !stream.is_null() {
            drop(Box::from_raw(stream));
        }
        Ok(SOTTO_OK)
    });
}
