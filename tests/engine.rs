//! The engine API: a sink that fails or a stream that is cancelled mid-utterance leaves
//! nothing behind, streams on several threads share one voice, marks time the audio, errors
//! have kinds (on the tiny test pack: mechanics, not quality).

mod common;

use std::sync::Arc;

use sotto::acoustic::MAX_IDS;
use sotto::synth::{LoadOptions, Synthesizer};
use sotto::voice::VoicePack;
use sotto::Error;
use sotto::{
    Chunk, ErrorKind, Mark, MarkKind, SpeakOptions, Stream, Voice, VoiceOptions, MAX_TEXT_BYTES,
};

/// Long enough to span several flow and vocoder windows.
const LONG: &str =
    "Please keep your ticket until you leave the station at the end of your journey, \
     and mind the gap between the train and the platform edge when you step off.";
const SHORT: &str = "Doors closing at platform three.";

fn synth() -> Synthesizer {
    let pack = VoicePack::open(common::tiny_voice()).unwrap();
    Synthesizer::load(&pack, &LoadOptions::cpu_fp32()).unwrap()
}

/// Asserts two renderings are bit-identical without printing them.
#[track_caller]
fn assert_same(got: &[f32], want: &[f32], what: &str) {
    let first = got
        .iter()
        .zip(want)
        .position(|(a, b)| a.to_bits() != b.to_bits());
    assert!(
        got.len() == want.len() && first.is_none(),
        "{what}: {} vs {} samples, first difference at {first:?}",
        got.len(),
        want.len()
    );
}

/// Speaks `text` whole with `voice` (on a stream that reuses the voice's idle pipeline).
fn speak(voice: &Arc<Voice>, text: &str) -> Vec<f32> {
    let mut audio = Vec::new();
    voice
        .speak(text, &SpeakOptions::default(), &mut |a| {
            audio.extend_from_slice(a);
            Ok(())
        })
        .unwrap();
    audio
}

/// Speaks `text` into a sink that fails on its `calls`-th call.
fn speak_failing(voice: &Arc<Voice>, text: &str, calls: usize) {
    let mut n = 0;
    let r = voice.speak(text, &SpeakOptions::default(), &mut |_| {
        n += 1;
        if n >= calls {
            Err(Error::Write(std::io::Error::other("disk full")))
        } else {
            Ok(())
        }
    });
    assert!(r.is_err(), "the sink failed, so must the utterance");
}

#[test]
fn a_sink_failing_mid_utterance_leaves_the_next_utterance_bit_identical() {
    let fresh = speak(&voice(), SHORT);
    let reused = voice();
    for calls in [1, 2, 3] {
        speak_failing(&reused, LONG, calls);
        assert_eq!(
            speak(&reused, SHORT),
            fresh,
            "after failing at call {calls}"
        );
    }
}

#[test]
fn batch_rows_after_a_failing_row_are_unchanged() {
    let rows = [SHORT, LONG, "Mind the gap.", LONG];
    let fresh: Vec<Vec<f32>> = rows.iter().map(|r| speak(&voice(), r)).collect();
    let batch = voice();
    for (k, row) in rows.iter().enumerate() {
        if k == 1 {
            speak_failing(&batch, row, 2);
            continue;
        }
        assert_same(&speak(&batch, row), &fresh[k], &format!("row {k}"));
    }
}

fn voice() -> Arc<Voice> {
    common::tiny_engine_voice()
}

/// Pulls every chunk of `text`.
fn pull(stream: &mut Stream, text: &str) -> Vec<Chunk> {
    stream.start(text, &SpeakOptions::default()).unwrap();
    stream.map(|c| c.unwrap()).collect()
}

fn audio(chunks: &[Chunk]) -> Vec<f32> {
    chunks
        .iter()
        .flat_map(|c| c.samples.iter().copied())
        .collect()
}

fn marks(chunks: &[Chunk]) -> Vec<Mark> {
    chunks
        .iter()
        .flat_map(|c| c.marks.iter().cloned())
        .collect()
}

const TWO: &str = "Your train to the airport leaves at seven. Mind the gap, please.";

#[test]
fn voice_is_send_and_sync_and_streams_are_send() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Voice>();
    send_sync::<Arc<Voice>>();
    send::<Stream>();
    send_sync::<sotto::CancelHandle>();
}

#[test]
fn stream_audio_equals_the_synthesizer_and_chunks_are_contiguous() {
    let voice = voice();
    let chunks = pull(&mut voice.stream().unwrap(), TWO);
    assert!(chunks.len() > 2, "{} chunks", chunks.len());
    let mut at = 0;
    for (k, c) in chunks.iter().enumerate() {
        assert_eq!(c.start, at, "chunk {k}");
        assert_eq!(c.is_last, k + 1 == chunks.len());
        at += c.samples.len() as u64;
    }
    assert_same(
        &audio(&chunks),
        &speak(&voice, TWO),
        "stream vs Voice::speak",
    );
}

#[test]
fn cancel_mid_stream_leaves_the_next_text_bit_identical_to_a_fresh_voice() {
    let fresh = audio(&pull(&mut voice().stream().unwrap(), SHORT));
    let voice = voice();
    let mut stream = voice.stream().unwrap();
    for pulls in [0, 1, 2] {
        stream.start(LONG, &SpeakOptions::default()).unwrap();
        for _ in 0..pulls {
            stream.next().unwrap().unwrap();
        }
        stream.cancel_handle().cancel();
        let err = stream.next().unwrap().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Cancelled, "{err}");
        assert!(stream.next().is_none(), "a cancelled stream ends");
        assert_eq!(
            audio(&pull(&mut stream, SHORT)),
            fresh,
            "after {pulls} pulls"
        );
    }
    stream.start(LONG, &SpeakOptions::default()).unwrap();
    stream.next().unwrap().unwrap();
    drop(stream);
    let mut reused = voice.stream().unwrap();
    assert_eq!(
        audio(&pull(&mut reused, SHORT)),
        fresh,
        "a dropped stream's pipeline"
    );
}

#[test]
fn a_failing_push_callback_leaves_the_stream_ready() {
    let voice = voice();
    let fresh = audio(&pull(&mut voice.stream().unwrap(), SHORT));
    let mut stream = voice.stream().unwrap();
    stream.start(LONG, &SpeakOptions::default()).unwrap();
    let r = stream.run(&mut |_| Err(Error::Write(std::io::Error::other("pipe closed"))));
    assert_eq!(r.unwrap_err().kind(), ErrorKind::Io);
    stream.start(SHORT, &SpeakOptions::default()).unwrap();
    let mut got = Vec::new();
    stream
        .run(&mut |c| {
            got.extend_from_slice(&c.samples);
            Ok(())
        })
        .unwrap();
    assert_same(&got, &fresh, "after a failing callback");
}

#[test]
fn four_threads_with_their_own_streams_match_sequential_runs() {
    let voice = voice();
    let texts = [SHORT, TWO, LONG, "Mind the gap."];
    let sequential: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| audio(&pull(&mut voice.stream().unwrap(), t)))
        .collect();
    let threads: Vec<_> = texts
        .iter()
        .map(|t| {
            let voice = Arc::clone(&voice);
            let t = t.to_string();
            std::thread::spawn(move || audio(&pull(&mut voice.stream().unwrap(), &t)))
        })
        .collect();
    for (k, th) in threads.into_iter().enumerate() {
        assert_same(&th.join().unwrap(), &sequential[k], &format!("thread {k}"));
    }
}

#[test]
fn marks_are_monotonic_cover_the_audio_and_arrive_with_their_chunk() {
    let voice = voice();
    let chunks = pull(&mut voice.stream().unwrap(), TWO);
    let total = audio(&chunks).len() as u64;
    for c in &chunks {
        let end = c.start + c.samples.len() as u64;
        for m in &c.marks {
            assert!(
                m.start >= c.start && (m.start < end || c.is_last),
                "{m:?} in {}..{end}",
                c.start
            );
        }
    }
    let all = marks(&chunks);
    let sentences: Vec<&Mark> = all
        .iter()
        .filter(|m| m.kind == MarkKind::Sentence)
        .collect();
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[0].start, 0);
    let silence = (0.2 * voice.sample_rate() as f32) as u64;
    assert_eq!(
        sentences[1].start,
        sentences[0].start + sentences[0].duration + silence
    );
    assert_eq!(
        sentences[1].start + sentences[1].duration,
        total,
        "sentences cover the audio"
    );
    for kind in [MarkKind::Word, MarkKind::Phoneme] {
        let ms: Vec<&Mark> = all.iter().filter(|m| m.kind == kind).collect();
        for pair in ms.windows(2) {
            assert!(
                pair[0].start + pair[0].duration <= pair[1].start,
                "{pair:?}"
            );
        }
        assert!(ms.iter().all(|m| m.start + m.duration <= total));
    }
    let words: Vec<&str> = all
        .iter()
        .filter(|m| m.kind == MarkKind::Word)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(
        words,
        [
            "Your", "train", "to", "the", "airport", "leaves", "at", "seven", "Mind", "the", "gap",
            "please"
        ]
    );
    let starts: Vec<u64> = all.iter().map(|m| m.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "marks in order");
}

#[test]
fn utterance_ids_equal_the_id_maps_reading_of_the_phoneme_string() {
    let synth = synth();
    for text in [TWO, LONG, "Hello, world!", "I.B.M. costs $7.50", "🙂", ""] {
        let u = synth.utterance(text).unwrap();
        let phonemes = synth.frontend().phonemize(text).unwrap();
        let want = if phonemes.chars().all(|c| !c.is_alphabetic()) {
            Vec::new()
        } else {
            let pack = VoicePack::open(common::tiny_voice()).unwrap();
            let pairs: Vec<(String, i64)> = pack
                .manifest()
                .phonemes
                .ids
                .iter()
                .map(|(k, &v)| (k.clone(), v))
                .collect();
            sotto_text::PhonemeIdMap::from_pairs(&pairs)
                .unwrap()
                .ids(&phonemes)
        };
        assert_eq!(u.ids, want, "{text}");
    }
}

#[test]
fn errors_have_kinds_and_name_their_subject() {
    let voice = voice();
    let mut stream = voice.stream().unwrap();
    let bad_speed = SpeakOptions {
        speed: f32::NAN,
        ..SpeakOptions::default()
    };
    let e = stream.start(SHORT, &bad_speed).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput);
    assert!(e.to_string().contains("speed"), "{e}");
    let e = stream.start(&"a".repeat(MAX_TEXT_BYTES + 1), &SpeakOptions::default());
    assert_eq!(e.unwrap_err().kind(), ErrorKind::BadInput);
    stream.start("   ", &SpeakOptions::default()).unwrap();
    let e = stream.next().unwrap().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput);
    assert!(e.to_string().contains("nothing to speak"), "{e}");
    let e = Voice::open("/nonexistent/voice", &VoiceOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadPack);
    assert!(e.to_string().contains("/nonexistent/voice"), "{e}");
    let mut synth = synth();
    let e = synth
        .speak_ids(&[1, 0, 100_000, 0, 2], 0, &mut |_| Ok(()))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput);
    assert!(e.to_string().contains("phoneme id 100000"), "{e}");
    let e = synth
        .speak_ids(&vec![0; MAX_IDS + 1], 0, &mut |_| Ok(()))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput);
    let e = synth
        .speak_sentence(&"word ".repeat(1000), 0, &mut |_| Ok(()))
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput, "{e}");
}

/// A word after a pause must start within this many frames of the audio's energy rise.
const ONSET_TOLERANCE_FRAMES: i64 = 2;
/// A frame is silent below this level relative to the loudest frame, in dB.
const SILENCE_DB: f64 = -35.0;
/// A gap between words of at least this many samples is a pause.
const MIN_PAUSE_SAMPLES: u64 = 2_560;

#[test]
fn word_starts_after_pauses_line_up_with_the_energy_rise() {
    let voice = Voice::open(common::shipped_voice(), &VoiceOptions::default()).unwrap();
    let mut stream = voice.stream().unwrap();
    let opts = SpeakOptions {
        temperature: Some(0.0),
        ..SpeakOptions::default()
    };
    stream
        .start("Stop. Wait, please, then go; the doors are closing.", &opts)
        .unwrap();
    let chunks: Vec<Chunk> = stream.map(|c| c.unwrap()).collect();
    let samples = audio(&chunks);
    let hop = 256usize;
    let energy: Vec<f64> = samples
        .chunks(hop)
        .map(|f| f.iter().map(|&x| (x as f64).powi(2)).sum::<f64>() / hop as f64)
        .collect();
    let peak = energy.iter().cloned().fold(1e-12, f64::max);
    let loud = |f: usize| 10.0 * (energy[f] / peak).max(1e-12).log10() > SILENCE_DB;
    let words: Vec<Mark> = marks(&chunks)
        .into_iter()
        .filter(|m| m.kind == MarkKind::Word)
        .collect();
    let mut checked = 0;
    for pair in words.windows(2) {
        let (prev, w) = (&pair[0], &pair[1]);
        let gap_from = prev.start + prev.duration;
        if w.start < gap_from + MIN_PAUSE_SAMPLES {
            continue;
        }
        let from = (gap_from as usize + hop) / hop;
        let onset = (from..energy.len())
            .find(|&f| !loud(f - 1) && loud(f))
            .or_else(|| (from..energy.len()).find(|&f| loud(f)))
            .expect("speech after the pause");
        let at = (w.start as usize / hop) as i64;
        assert!(
            (onset as i64 - at).abs() <= ONSET_TOLERANCE_FRAMES,
            "{:?} marked at frame {at}, audio rises at frame {onset}",
            w.text
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} words after pauses");
}

#[test]
fn a_failed_start_leaves_the_stream_idle() {
    let voice = voice();
    let mut stream = voice.stream().unwrap();
    let bad_speed = SpeakOptions {
        speed: 0.0,
        ..SpeakOptions::default()
    };
    let too_long = "a".repeat(MAX_TEXT_BYTES + 1);
    let too_big = format!("<speak>{}</speak>", "a ".repeat(1 << 20));
    type Start<'a> = &'a dyn Fn(&mut Stream) -> sotto::Result<()>;
    let failures: [(&str, Start); 4] = [
        ("text over the limit", &|s| {
            s.start(&too_long, &SpeakOptions::default())
        }),
        ("malformed SSML", &|s| {
            s.start_ssml("<speak>unclosed", &SpeakOptions::default())
        }),
        ("SSML over the limit", &|s| {
            s.start_ssml(&too_big, &SpeakOptions::default())
        }),
        ("bad options", &|s| s.start(SHORT, &bad_speed)),
    ];
    for (what, fail) in failures {
        stream.start(LONG, &SpeakOptions::default()).unwrap();
        stream.next().unwrap().unwrap();
        let e = fail(&mut stream).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadInput, "{what}: {e}");
        assert!(
            stream.next().is_none(),
            "{what}: the previous text went on playing"
        );
    }
}

#[test]
fn a_stream_reports_the_text_it_cannot_read_with_byte_ranges() {
    let voice = voice();
    let mut stream = voice.stream().unwrap();
    let text = "Platform Привет three, 你好.";
    let spans = |s: &Stream| -> Vec<(String, usize, usize)> {
        s.dropped()
            .into_iter()
            .map(|d| (d.text, d.start, d.end))
            .collect()
    };
    let want = vec![("Привет".to_string(), 9, 21), ("你好".to_string(), 29, 35)];
    stream.start(text, &SpeakOptions::default()).unwrap();
    assert_eq!(spans(&stream), want, "known at the start");
    let chunks: Vec<Chunk> = stream.by_ref().map(Result::unwrap).collect();
    let words: Vec<String> = chunks
        .iter()
        .flat_map(|c| &c.marks)
        .filter(|m| m.kind == MarkKind::Word)
        .map(|m| m.text.to_lowercase())
        .collect();
    assert_eq!(words, ["platform", "three"]);
    assert_eq!(spans(&stream), want, "kept after the last chunk");

    stream
        .start_reader(
            std::io::Cursor::new(text.as_bytes().to_vec()),
            &SpeakOptions::default(),
        )
        .unwrap();
    for chunk in stream.by_ref() {
        chunk.unwrap();
    }
    assert_eq!(spans(&stream), want, "a reader's spans, once read");

    stream
        .start("Mind the gap.", &SpeakOptions::default())
        .unwrap();
    assert_eq!(spans(&stream), [], "a new text starts afresh");
    stream
        .start_ssml("<speak>Hello.</speak>", &SpeakOptions::default())
        .unwrap();
    assert_eq!(spans(&stream), [], "SSML reports none");
}
