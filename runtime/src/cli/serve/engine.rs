//! The server's bound on synthesis: one shared [`Voice`], a fixed set of engine streams (one
//! per synthesis running at once), a bounded wait queue, and refusal or cancellation on
//! shutdown. A stream starts every text from a clean state, so a request that was cancelled
//! or whose client disconnected leaves nothing behind for the next one.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use sotto::{CancelHandle, Chunk, ErrorKind, SpeakOptions, Spoken, Stream, Voice};
use sotto_text::ssml;

/// Why no stream was handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every stream is busy and the wait queue is full.
    Busy,
    /// The server is shutting down.
    ShuttingDown,
    /// The client went away while its request waited in the queue.
    Gone,
}

/// How often a request waiting in the queue checks that its client is still there.
pub const QUEUE_CHECK_INTERVAL: Duration = Duration::from_millis(100);

/// Why speaking stopped early.
#[derive(Debug)]
pub enum SpeakError {
    /// The text or options were refused (nothing to speak, unreadable text): a client error.
    Input(sotto::Error),
    /// The consumer of the chunks failed (client gone).
    Stopped,
    /// The server cancelled the synthesis (shutting down).
    Cancelled,
    /// The engine failed.
    Engine(sotto::Error),
}

impl From<sotto::Error> for SpeakError {
    fn from(e: sotto::Error) -> Self {
        match e.kind() {
            ErrorKind::BadInput => SpeakError::Input(e),
            ErrorKind::Cancelled => SpeakError::Cancelled,
            _ => SpeakError::Engine(e),
        }
    }
}

impl SpeakError {
    /// True when the text held no sentence to speak (and nothing else went wrong).
    pub fn is_nothing_to_speak(&self, spoken: Spoken) -> bool {
        matches!(self, SpeakError::Input(sotto::Error::Input { subject, .. })
            if subject == "text" && spoken.sentences == 0)
    }
}

struct Pool {
    free: Vec<Stream>,
    waiting: usize,
}

/// The served voice behind a bounded number of concurrent syntheses.
pub struct Engine {
    voice: Arc<Voice>,
    queue: usize,
    pool: Mutex<Pool>,
    freed: Condvar,
    cancels: Vec<CancelHandle>,
    shutting_down: AtomicBool,
    cancelled: AtomicBool,
}

impl Engine {
    /// Opens `slots` streams on `voice` (at least one); at most `queue` requests wait for one
    /// beyond those.
    pub fn new(voice: Arc<Voice>, slots: usize, queue: usize) -> sotto::Result<Self> {
        let free = (0..slots.max(1))
            .map(|_| voice.stream())
            .collect::<sotto::Result<Vec<_>>>()?;
        let cancels = free.iter().map(Stream::cancel_handle).collect();
        Ok(Self {
            voice,
            queue,
            pool: Mutex::new(Pool { free, waiting: 0 }),
            freed: Condvar::new(),
            cancels,
            shutting_down: AtomicBool::new(false),
            cancelled: AtomicBool::new(false),
        })
    }

    /// The served voice.
    pub fn voice(&self) -> &Voice {
        &self.voice
    }

    /// Waits for a free stream, or refuses when the queue is full or the server stops.
    pub fn acquire(&self) -> Result<Lease<'_>, Refusal> {
        self.acquire_for(&|| false)
    }

    /// [`Engine::acquire`] for a client that may go away while it waits: `gone` is asked
    /// every [`QUEUE_CHECK_INTERVAL`] and once more before a stream is handed out, so a
    /// request whose client hung up leaves the queue instead of being spoken to nobody.
    pub fn acquire_for(&self, gone: &dyn Fn() -> bool) -> Result<Lease<'_>, Refusal> {
        let mut pool = self.pool.lock().unwrap_or_else(PoisonError::into_inner);
        if self.is_shutting_down() {
            return Err(Refusal::ShuttingDown);
        }
        if pool.free.is_empty() {
            if pool.waiting >= self.queue {
                return Err(Refusal::Busy);
            }
            pool.waiting += 1;
            let mut left = false;
            while pool.free.is_empty() && !self.is_shutting_down() {
                pool = self
                    .freed
                    .wait_timeout(pool, QUEUE_CHECK_INTERVAL)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
                if pool.free.is_empty() && gone() {
                    left = true;
                    break;
                }
            }
            pool.waiting -= 1;
            if self.is_shutting_down() {
                return Err(Refusal::ShuttingDown);
            }
            if left {
                return Err(Refusal::Gone);
            }
        }
        if gone() {
            self.freed.notify_one();
            return Err(Refusal::Gone);
        }
        let stream = pool.free.pop().expect("a free stream");
        Ok(Lease {
            engine: self,
            stream: Some(stream),
        })
    }

    /// Refuses new work from now on; requests waiting in the queue are refused.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
        let _pool = self.pool.lock().unwrap_or_else(PoisonError::into_inner);
        self.freed.notify_all();
    }

    /// Cancels every running synthesis (within one phoneme's work) and any started later.
    pub fn cancel_all(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        for c in &self.cancels {
            c.cancel();
        }
    }

    /// Whether the server is shutting down.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }
}

/// One stream, held for one request and given back when dropped.
pub struct Lease<'e> {
    engine: &'e Engine,
    stream: Option<Stream>,
}

impl Lease<'_> {
    /// Speaks `text` exactly as `sotto say` does with `opts` (a text that starts like SSML,
    /// with `<speak>`, is read as SSML), handing each chunk (audio and the marks that start in
    /// it) to `out` as it is made; `out` failing stops the synthesis.
    pub fn speak(
        &mut self,
        text: &str,
        opts: &SpeakOptions,
        out: &mut dyn FnMut(&Chunk) -> std::io::Result<()>,
    ) -> Result<Spoken, SpeakError> {
        let stream = self.stream_mut();
        if ssml::looks_like_ssml(text) {
            stream.start_ssml(text, opts)?;
        } else {
            stream.start(text, opts)?;
        }
        self.pump(out)
    }

    /// [`Lease::speak`] for text read from `reader` sentence by sentence as it arrives.
    pub fn speak_from(
        &mut self,
        reader: impl Read + Send + 'static,
        opts: &SpeakOptions,
        out: &mut dyn FnMut(&Chunk) -> std::io::Result<()>,
    ) -> Result<Spoken, SpeakError> {
        self.stream_mut().start_reader(reader, opts)?;
        self.pump(out)
    }

    /// What the current or last text produced.
    pub fn spoken(&self) -> Spoken {
        self.stream.as_ref().map(Stream::spoken).unwrap_or_default()
    }

    fn stream_mut(&mut self) -> &mut Stream {
        self.stream.as_mut().expect("a leased stream")
    }

    /// Pulls the text's chunks into `out`, then logs one warning per span of it the voice
    /// could not read.
    fn pump(
        &mut self,
        out: &mut dyn FnMut(&Chunk) -> std::io::Result<()>,
    ) -> Result<Spoken, SpeakError> {
        let result = self.pull_all(out);
        for span in self.stream_mut().dropped() {
            eprintln!("sotto serve: warning: {span}");
        }
        result
    }

    fn pull_all(
        &mut self,
        out: &mut dyn FnMut(&Chunk) -> std::io::Result<()>,
    ) -> Result<Spoken, SpeakError> {
        let cancelled = self.engine.cancelled.load(Ordering::SeqCst);
        let stream = self.stream_mut();
        if cancelled {
            stream.cancel();
        }
        while let Some(chunk) = stream.next() {
            if out(&chunk?).is_err() {
                stream.stop();
                return Err(SpeakError::Stopped);
            }
        }
        Ok(stream.spoken())
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(mut stream) = self.stream.take() {
            stream.stop();
            let mut pool = self
                .engine
                .pool
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            pool.free.push(stream);
            self.engine.freed.notify_one();
        }
    }
}
