//! A synthesis stream: text in, audio chunks and their marks out, pulled one at a time.

use std::collections::VecDeque;
use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use sotto_text::ssml::{self, Document};

use super::dropped::DroppedLog;
use super::marks::{utterance_marks, Mark, MarkKind};
use super::source::{Piece, Source};
use super::options::SpeakOptions;
use super::voice::Voice;
use crate::acoustic::settings::LENGTH_SCALE_RANGE;
use crate::acoustic::Settings;
use crate::error::{Error, Result};
use crate::synth::Synthesizer;
use sotto_text::{DroppedSpan, ScanningReader};
use crate::utterance::Utterance;

/// Longest text [`Stream::start`] takes, in bytes; longer texts go through
/// [`Stream::start_reader`], which reads sentence by sentence.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Most samples of silence (SSML breaks) one chunk holds: a long pause streams as a run of
/// chunks like speech, so memory never grows with the breaks a document asks for.
pub const MAX_SILENCE_CHUNK_SAMPLES: usize = 8192;

/// A piece of the audio with the marks that start in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chunk {
    /// Mono samples in [-1, 1] at the voice's sample rate.
    pub samples: Vec<f32>,
    /// Index of the first sample in the stream.
    pub start: u64,
    /// Marks whose start falls in this chunk (the last chunk carries any left), in order.
    pub marks: Vec<Mark>,
    /// True on the stream's last chunk (which may hold no samples when the text came from a
    /// reader).
    pub is_last: bool,
}

/// What a stream produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Spoken {
    /// Sentences spoken.
    pub sentences: usize,
    /// Samples produced, silences included.
    pub samples: u64,
}

/// Cancels a [`Stream`] from any thread; the stream's next pull returns
/// [`Error::Cancelled`] within one phoneme's worth of work.
#[derive(Debug, Clone)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// Asks the stream to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Pulls audio for one text at a time from a shared [`Voice`]. `Send`: move it to the thread
/// that plays the audio. [`Stream::start`] may be called again at any point (after the last
/// chunk, an error or a cancel); every utterance starts from a clean state.
pub struct Stream {
    voice: Arc<Voice>,
    synth: Option<Synthesizer>,
    source: Option<Source>,
    next_up: Option<Piece>,
    settings: Settings,
    speaking: bool,
    after_speech: bool,
    silence: u64,
    spoken: Spoken,
    emitted: u64,
    audio: Vec<f32>,
    marks: VecDeque<Mark>,
    dropped: DroppedLog,
    cancel: Arc<AtomicBool>,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("voice", &self.voice.name())
            .field("spoken", &self.spoken)
            .finish()
    }
}

impl Stream {
    pub(crate) fn new(voice: Arc<Voice>, synth: Synthesizer) -> Self {
        Self {
            settings: voice.base_settings(),
            voice,
            synth: Some(synth),
            source: None,
            next_up: None,
            speaking: false,
            after_speech: false,
            silence: 0,
            spoken: Spoken::default(),
            emitted: 0,
            audio: Vec::new(),
            marks: VecDeque::new(),
            dropped: DroppedLog::default(),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts speaking `text` (at most [`MAX_TEXT_BYTES`]), dropping whatever was in progress
    /// (also when it fails: after any failed start the stream is idle).
    pub fn start(&mut self, text: &str, opts: &SpeakOptions) -> Result<()> {
        self.stop();
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::input(
                "text",
                format!(
                    "{} bytes is more than the {MAX_TEXT_BYTES} a stream takes at once",
                    text.len()
                ),
            ));
        }
        let reader: Box<dyn Read + Send> = Box::new(Cursor::new(text.as_bytes().to_vec()));
        self.begin(opts, |synth| Source::text(synth, reader, true))?;
        self.dropped = DroppedLog::of_text(text);
        Ok(())
    }

    /// Starts speaking an SSML document (at most [`ssml::MAX_DOCUMENT_BYTES`]; the elements
    /// [`sotto_text::ssml`] lists, strictly), dropping whatever was in progress (also when it
    /// fails). Its `<mark name="…"/>`s come back as [`MarkKind::User`] marks.
    pub fn start_ssml(&mut self, document: &str, opts: &SpeakOptions) -> Result<()> {
        self.stop();
        if document.len() > ssml::MAX_DOCUMENT_BYTES {
            return Err(Error::input(
                "SSML",
                format!(
                    "{} bytes is more than the {} a document may hold",
                    document.len(),
                    ssml::MAX_DOCUMENT_BYTES
                ),
            ));
        }
        let doc = ssml::parse(document, ssml::Options::default())
            .map_err(|e| Error::input("SSML", e.to_string()))?;
        self.start_document(doc, opts)
    }

    /// Starts speaking an SSML document parsed by the caller (e.g. leniently), dropping
    /// whatever was in progress.
    pub fn start_document(&mut self, doc: Document, opts: &SpeakOptions) -> Result<()> {
        self.begin(opts, |_| Source::document(doc))
    }

    /// Starts speaking text read from `reader` sentence by sentence (any length), dropping
    /// whatever was in progress.
    pub fn start_reader(
        &mut self,
        reader: impl Read + Send + 'static,
        opts: &SpeakOptions,
    ) -> Result<()> {
        let log = DroppedLog::default();
        let sink = log.clone();
        let reader: Box<dyn Read + Send> =
            Box::new(ScanningReader::new(reader, move |span| sink.record(span)));
        self.begin(opts, |synth| Source::text(synth, reader, false))?;
        self.dropped = log;
        Ok(())
    }

    fn begin(
        &mut self,
        opts: &SpeakOptions,
        source: impl FnOnce(&Synthesizer) -> Source,
    ) -> Result<()> {
        self.stop();
        self.dropped = DroppedLog::default();
        self.cancel.store(false, Ordering::SeqCst);
        let settings = self.voice.settings(opts)?;
        let synth = self.synth()?;
        synth.set_settings(settings)?;
        self.source = Some(source(synth));
        self.settings = settings;
        self.spoken = Spoken::default();
        self.emitted = 0;
        self.after_speech = false;
        Ok(())
    }

    /// Stops the text in progress now, from this thread; the next pull returns `None`.
    pub fn stop(&mut self) {
        self.source = None;
        self.next_up = None;
        self.speaking = false;
        self.silence = 0;
        self.audio.clear();
        self.marks.clear();
    }

    /// Cancels the text in progress: the next pull returns [`Error::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// A handle that cancels this stream from another thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::clone(&self.cancel))
    }

    /// The voice this stream speaks with.
    pub fn voice(&self) -> &Arc<Voice> {
        &self.voice
    }

    /// The spans of the current text in scripts the voice cannot read (Cyrillic, Han, …),
    /// which are skipped, in order, each with its byte range in the text: all of them after
    /// [`Stream::start`], those read so far after [`Stream::start_reader`] (all of them once
    /// the last chunk was pulled), none for SSML. At most [`MAX_DROPPED_SPANS`] per text.
    ///
    /// [`MAX_DROPPED_SPANS`]: crate::MAX_DROPPED_SPANS
    pub fn dropped(&self) -> Vec<DroppedSpan> {
        self.dropped.spans()
    }

    /// What the current text has produced so far.
    pub fn spoken(&self) -> Spoken {
        self.spoken
    }

    /// Pulls every chunk of the text started and hands it to `on_chunk` (the push form); an
    /// error from `on_chunk` stops the stream and is returned.
    pub fn run(&mut self, on_chunk: &mut dyn FnMut(&Chunk) -> Result<()>) -> Result<Spoken> {
        while let Some(chunk) = self.next() {
            let chunk = chunk?;
            if let Err(e) = on_chunk(&chunk) {
                self.stop();
                return Err(e);
            }
        }
        Ok(self.spoken)
    }

    fn synth(&mut self) -> Result<&mut Synthesizer> {
        self.synth
            .as_mut()
            .ok_or_else(|| Error::Cancelled("stream".into()))
    }

    fn pull(&mut self) -> Result<Option<Chunk>> {
        if self.source.is_none() {
            return Ok(None);
        }
        loop {
            if self.cancel.swap(false, Ordering::SeqCst) {
                return Err(Error::Cancelled("stream".into()));
            }
            if self.silence > 0 {
                let room = MAX_SILENCE_CHUNK_SAMPLES.saturating_sub(self.audio.len());
                let n = self.silence.min(room as u64) as usize;
                self.audio.resize(self.audio.len() + n, 0.0);
                self.silence -= n as u64;
                if self.audio.len() >= MAX_SILENCE_CHUNK_SAMPLES {
                    let last = self.silence == 0 && self.lookahead()?;
                    return Ok(Some(self.emit(last)));
                }
                continue;
            }
            if self.speaking {
                let audio = &mut self.audio;
                let synth = self.synth.as_mut().expect("a stream keeps its pipeline");
                self.speaking = synth.advance(&mut |a| {
                    audio.extend_from_slice(a);
                    Ok(())
                })?;
                if self.speaking && self.audio.is_empty() {
                    continue;
                }
                let last = !self.speaking && self.lookahead()?;
                return Ok(Some(self.emit(last)));
            }
            let next = match self.next_up.take() {
                Some(p) => Some(p),
                None => self.next_piece()?,
            };
            match next {
                None if self.emitted == 0 && self.audio.is_empty() && self.marks.is_empty() => {
                    return Err(Error::input("text", "the text holds nothing to speak"))
                }
                None => return Ok(Some(self.emit(true))),
                Some(Piece::Speech {
                    text,
                    utt,
                    rate,
                    marks,
                }) => self.speak(&text, &utt, rate, &marks)?,
                Some(Piece::Silence(n)) => {
                    self.silence += n as u64;
                    self.after_speech = false;
                }
                Some(Piece::Marks(names)) => {
                    let start = self.emitted + self.audio.len() as u64;
                    self.marks.extend(names.into_iter().map(|text| Mark {
                        kind: MarkKind::User,
                        text,
                        start,
                        duration: 0,
                    }));
                }
            }
        }
    }

    /// True when the text is known to hold nothing more to speak (an in-memory text is read
    /// ahead; a reader is not, so its end shows as an empty last chunk).
    fn lookahead(&mut self) -> Result<bool> {
        if !self.source.as_ref().is_some_and(Source::in_memory) {
            return Ok(false);
        }
        self.next_up = self.next_piece()?;
        Ok(self.next_up.is_none())
    }

    fn speak(
        &mut self,
        sentence: &str,
        utt: &Utterance,
        rate: f32,
        user: &[(usize, String)],
    ) -> Result<()> {
        let synth = self.synth.as_mut().expect("a stream keeps its pipeline");
        let (lo, hi) = LENGTH_SCALE_RANGE;
        synth.set_settings(Settings {
            length_scale: (self.settings.length_scale / rate).clamp(lo, hi),
            ..self.settings
        })?;
        if self.after_speech {
            let n = synth.sentence_silence();
            self.audio.resize(self.audio.len() + n, 0.0);
        }
        self.after_speech = true;
        let at = self.emitted + self.audio.len() as u64;
        let hop = synth.hop();
        let durations = synth.begin(&utt.ids, self.spoken.sentences)?;
        self.marks
            .extend(utterance_marks(sentence, utt, durations, hop, at, user));
        self.spoken.sentences += 1;
        self.speaking = true;
        Ok(())
    }

    fn next_piece(&mut self) -> Result<Option<Piece>> {
        let synth = self.synth.as_ref().expect("a stream keeps its pipeline");
        match self.source.as_mut() {
            Some(source) => source.next_piece(synth),
            None => Ok(None),
        }
    }

    fn emit(&mut self, last: bool) -> Chunk {
        let samples = std::mem::take(&mut self.audio);
        let start = self.emitted;
        self.emitted += samples.len() as u64;
        self.spoken.samples = self.emitted;
        let end = self.emitted;
        let n = if last {
            self.marks.len()
        } else {
            self.marks.iter().take_while(|m| m.start < end).count()
        };
        let marks = self.marks.drain(..n).collect();
        if last {
            self.source = None;
            self.next_up = None;
        }
        Chunk {
            samples,
            start,
            marks,
            is_last: last,
        }
    }
}

impl Iterator for Stream {
    type Item = Result<Chunk>;

    /// The next chunk: `None` once the last chunk was pulled (or nothing was started); after
    /// an error or a cancel the text is dropped and later pulls return `None`.
    fn next(&mut self) -> Option<Result<Chunk>> {
        match self.pull() {
            Ok(chunk) => chunk.map(Ok),
            Err(e) => {
                self.stop();
                Some(Err(e))
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if let Some(synth) = self.synth.take() {
            self.voice.recycle(synth);
        }
    }
}
