//! SSML through the engine's stream: breaks last what they ask, `<prosody rate>` changes only
//! its span, `<mark>`s come back as user marks at their sample, and a document holding plain
//! sentences speaks exactly what the same text speaks.

mod common;

use std::sync::Arc;

use sotto::{Chunk, ErrorKind, Mark, MarkKind, SpeakOptions, Voice, MAX_SILENCE_CHUNK_SAMPLES};

fn voice() -> Arc<Voice> {
    common::tiny_engine_voice()
}

fn speak(voice: &Arc<Voice>, ssml: &str) -> Vec<Chunk> {
    let mut stream = voice.stream().unwrap();
    stream.start_ssml(ssml, &SpeakOptions::default()).unwrap();
    stream.map(|c| c.unwrap()).collect()
}

fn samples(chunks: &[Chunk]) -> usize {
    chunks.iter().map(|c| c.samples.len()).sum()
}

fn marks(chunks: &[Chunk], kind: MarkKind) -> Vec<Mark> {
    chunks
        .iter()
        .flat_map(|c| c.marks.iter().filter(|m| m.kind == kind).cloned())
        .collect()
}

#[test]
fn breaks_last_what_was_asked_within_half_a_frame() {
    let voice = voice();
    let hop = 256.0;
    for ms in [100, 250, 333, 1000, 2500] {
        let got = samples(&speak(
            &voice,
            &format!("<speak><break time=\"{ms}ms\"/></speak>"),
        ));
        let asked = f64::from(ms) * f64::from(voice.sample_rate()) / 1000.0;
        assert!(
            (got as f64 - asked).abs() <= hop / 2.0 + 1.0,
            "{ms} ms gave {got} samples"
        );
    }
}

#[test]
fn long_breaks_stream_in_bounded_chunks() {
    let voice = voice();
    let chunks = speak(
        &voice,
        "<speak><break time=\"10s\"/><break time=\"10s\"/><break time=\"333ms\"/></speak>",
    );
    let rate = u64::from(voice.sample_rate());
    let want = [10_000u64, 10_000, 333]
        .iter()
        .map(|ms| ((ms * rate) as f64 / 1000.0 / 256.0).round() as u64 * 256)
        .sum::<u64>();
    assert_eq!(samples(&chunks) as u64, want);
    assert!(chunks.len() as u64 >= want / MAX_SILENCE_CHUNK_SAMPLES as u64);
    for (k, c) in chunks.iter().enumerate() {
        assert!(
            c.samples.len() <= MAX_SILENCE_CHUNK_SAMPLES,
            "chunk {k} holds {} samples",
            c.samples.len()
        );
        assert_eq!(c.is_last, k + 1 == chunks.len(), "chunk {k}");
    }
}

#[test]
fn prosody_rate_changes_only_its_span() {
    let voice = voice();
    let spans = |ssml: &str| -> Vec<u64> {
        marks(&speak(&voice, ssml), MarkKind::Sentence)
            .iter()
            .map(|m| m.duration)
            .collect()
    };
    let plain = spans("<speak><s>Hello there.</s><s>Good night.</s><s>See you.</s></speak>");
    let slow = spans(
        "<speak><s>Hello there.</s><prosody rate=\"50%\"><s>Good night.</s></prosody><s>See you.</s></speak>",
    );
    assert_eq!(plain.len(), 3);
    assert_eq!((plain[0], plain[2]), (slow[0], slow[2]));
    let ratio = slow[1] as f64 / plain[1] as f64;
    assert!(
        (1.7..=2.3).contains(&ratio),
        "rate 50% gave a duration ratio of {ratio}"
    );
}

#[test]
fn user_marks_fall_where_the_document_puts_them() {
    let voice = voice();
    let chunks = speak(
        &voice,
        "<speak><mark name=\"start\"/>One.<mark name=\"here\"/><break time=\"500ms\"/>Two.<mark name=\"end\"/></speak>",
    );
    let user = marks(&chunks, MarkKind::User);
    let sentences = marks(&chunks, MarkKind::Sentence);
    let names: Vec<&str> = user.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(names, ["start", "here", "end"]);
    assert_eq!(user[0].start, 0);
    assert_eq!(user[1].start, sentences[0].start + sentences[0].duration);
    assert_eq!(user[2].start, samples(&chunks) as u64);
    assert!(user.iter().all(|m| m.duration == 0));
    assert_eq!(sentences.len(), 2);
    let mut at = 0;
    for c in &chunks {
        assert!(
            c.marks.iter().all(|m| m.start >= c.start),
            "mark before its chunk"
        );
        assert_eq!(c.start, at);
        at += c.samples.len() as u64;
    }
}

fn flat(chunks: &[Chunk]) -> Vec<f32> {
    chunks.iter().flat_map(|c| c.samples.clone()).collect()
}

#[test]
fn a_mark_labels_the_sentence_without_changing_its_audio() {
    let voice = voice();
    let plain = speak(&voice, "<speak>Mind the gap, please. Stand back.</speak>");
    let marked = speak(
        &voice,
        "<speak>Mind the <mark name=\"gap\"/>gap, please.<mark name=\"end\"/> Stand back.</speak>",
    );
    assert_eq!(flat(&plain), flat(&marked), "a mark changed the audio");
    let sentences = |c: &[Chunk]| -> Vec<(String, u64, u64)> {
        marks(c, MarkKind::Sentence)
            .into_iter()
            .map(|m| (m.text, m.start, m.duration))
            .collect()
    };
    assert_eq!(sentences(&plain), sentences(&marked));
    assert_eq!(sentences(&marked).len(), 2);
    let user = marks(&marked, MarkKind::User);
    let words = marks(&marked, MarkKind::Word);
    let gap = words.iter().find(|w| w.text == "gap").unwrap();
    let stand = words.iter().find(|w| w.text == "Stand").unwrap();
    assert_eq!(user[0].text, "gap");
    assert_eq!(
        user[0].start, gap.start,
        "a mark falls where the next word starts"
    );
    assert_eq!(user[1].text, "end");
    let second = &sentences(&marked)[1];
    assert_eq!(
        user[1].start, second.1,
        "a mark between sentences starts the next one"
    );
    assert!(user[1].start <= stand.start);
    let all: Vec<Mark> = marked.iter().flat_map(|c| c.marks.clone()).collect();
    assert!(
        all.windows(2).all(|w| w[0].start <= w[1].start),
        "marks in order"
    );
}

#[test]
fn ssml_sentence_marks_keep_their_punctuation() {
    let voice = voice();
    let chunks = speak(&voice, "<speak>Hello, world! <s>Mind the gap.</s></speak>");
    let texts: Vec<String> = marks(&chunks, MarkKind::Sentence)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["Hello, world!", "Mind the gap."]);
}

#[test]
fn a_document_of_plain_sentences_speaks_what_the_text_speaks() {
    let voice = voice();
    let text = "Doors closing at platform three. Mind the gap, please.";
    let mut stream = voice.stream().unwrap();
    stream.start(text, &SpeakOptions::default()).unwrap();
    let plain: Vec<Chunk> = stream.by_ref().map(|c| c.unwrap()).collect();
    let ssml = speak(&voice, &format!("<speak>{text}</speak>"));
    assert_eq!(flat(&plain), flat(&ssml));
    let words = |c: &[Chunk]| -> Vec<(String, u64, u64)> {
        marks(c, MarkKind::Word)
            .into_iter()
            .map(|m| (m.text, m.start, m.duration))
            .collect()
    };
    assert_eq!(words(&plain), words(&ssml));
}

#[test]
fn bad_documents_are_input_errors_and_the_stream_stays_usable() {
    let voice = voice();
    let mut stream = voice.stream().unwrap();
    for bad in [
        "<speak>unclosed",
        "<speak><audio src=\"x\"/></speak>",
        "<speak></speak>",
        "<speak><mark name=\"only\"/>",
    ] {
        let err = match stream.start_ssml(bad, &SpeakOptions::default()) {
            Err(e) => e,
            Ok(()) => match stream.next() {
                Some(Err(e)) => e,
                other => panic!("{bad:?} gave {other:?}"),
            },
        };
        assert_eq!(err.kind(), ErrorKind::BadInput, "{bad:?}: {err}");
    }
    let huge = format!("<speak>{}</speak>", "a ".repeat(1 << 20));
    let err = stream
        .start_ssml(&huge, &SpeakOptions::default())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadInput);
    stream
        .start_ssml("<speak>Still here.</speak>", &SpeakOptions::default())
        .unwrap();
    assert!(
        stream
            .map(|c| c.unwrap())
            .map(|c| c.samples.len())
            .sum::<usize>()
            > 0
    );
}
