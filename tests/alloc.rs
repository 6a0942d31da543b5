//! The streaming path's memory, counted by a global allocator: once a stream has started,
//! the heap a text needs does not grow with the text's length (peak live bytes of a long
//! text stay within those of a short one), allocations per chunk stay bounded by a constant,
//! and speaking a text again leaves the heap where the first time left it (no leak).
//!
//! What is allocated per chunk (stated, not zero): tract allocates each plan run's output
//! tensors (about 1,150 allocations per flow window with the tiny pack), and a chunk hands its
//! samples and marks to the caller as owned `Vec`s.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use sotto::{SpeakOptions, Stream, Voice};

struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    if COUNTING.load(Ordering::Relaxed) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Tests in this file measure one at a time (the counters are global).
static SERIAL: Mutex<()> = Mutex::new(());

/// Slack on peak live bytes between a short and a long text (a few chunks' buffers).
const PEAK_SLACK_BYTES: usize = 1 << 20;

/// Bytes a repeated text may leave live beyond the first time (buffer capacities settling).
const REPEAT_SLACK_BYTES: isize = 16 << 10;

/// What one text cost on the heap.
#[derive(Debug)]
struct Cost {
    chunks: usize,
    most_allocations_per_chunk: usize,
    peak_above_start: usize,
    left_live: isize,
}

fn voice() -> std::sync::Arc<Voice> {
    common::tiny_engine_voice()
}

/// Speaks `text` on a warmed stream, counting allocations per pulled chunk.
fn cost(voice: &std::sync::Arc<Voice>, text: &str) -> Cost {
    cost_of(voice, &mut |s| s.start(text, &SpeakOptions::default()))
}

/// Speaks an SSML document on a warmed stream, counting as [`cost`] does.
fn cost_ssml(voice: &std::sync::Arc<Voice>, document: &str) -> Cost {
    cost_of(voice, &mut |s| {
        s.start_ssml(document, &SpeakOptions::default())
    })
}

fn cost_of(
    voice: &std::sync::Arc<Voice>,
    start: &mut dyn FnMut(&mut Stream) -> sotto::Result<()>,
) -> Cost {
    let mut stream = voice.stream().unwrap();
    stream.start("Warm up.", &SpeakOptions::default()).unwrap();
    stream.by_ref().for_each(|c| drop(c.unwrap()));

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    start(&mut stream).unwrap();
    let mut chunks = 0;
    let mut most = 0;
    loop {
        ALLOCATIONS.store(0, Ordering::Relaxed);
        let Some(chunk) = stream.next() else { break };
        drop(chunk.unwrap());
        most = most.max(ALLOCATIONS.load(Ordering::Relaxed));
        chunks += 1;
    }
    COUNTING.store(false, Ordering::Relaxed);
    let peak = PEAK.load(Ordering::Relaxed);
    let after = LIVE.load(Ordering::Relaxed);
    drop(stream);
    Cost {
        chunks,
        most_allocations_per_chunk: most,
        peak_above_start: peak.saturating_sub(before),
        left_live: after as isize - before as isize,
    }
}

const SENTENCE: &str = "Please keep your ticket until the end of your journey, and mind the gap. ";

#[test]
fn a_long_text_needs_no_more_heap_than_a_short_one() {
    let _serial = SERIAL.lock().unwrap();
    let voice = voice();
    let short = cost(&voice, SENTENCE);
    let long = cost(&voice, &SENTENCE.repeat(12));
    eprintln!("short {short:?}\nlong {long:?}");
    assert!(long.chunks > 4 * short.chunks, "{long:?} vs {short:?}");
    assert!(
        long.peak_above_start <= short.peak_above_start + PEAK_SLACK_BYTES,
        "peak heap grew with the text: {long:?} vs {short:?}"
    );
    assert!(
        long.most_allocations_per_chunk <= short.most_allocations_per_chunk * 2,
        "allocations per chunk grew with the text: {long:?} vs {short:?}"
    );
    let again = cost(&voice, &SENTENCE.repeat(12));
    assert!(
        again.left_live <= REPEAT_SLACK_BYTES,
        "speaking the text again left {} more bytes live",
        again.left_live
    );
}

/// A document of `n` ten-second breaks between two sentences.
fn breaks(n: usize) -> String {
    format!(
        "<speak>Start.{}End.</speak>",
        "<break time=\"10s\"/>".repeat(n)
    )
}

#[test]
fn many_long_breaks_need_no_more_heap_than_one() {
    let _serial = SERIAL.lock().unwrap();
    let voice = voice();
    let one = cost_ssml(&voice, &breaks(1));
    let many = cost_ssml(&voice, &breaks(300));
    eprintln!("one {one:?}\nmany {many:?}");
    assert!(many.chunks > 10 * one.chunks, "{many:?} vs {one:?}");
    assert!(
        many.peak_above_start <= one.peak_above_start + PEAK_SLACK_BYTES,
        "peak heap grew with the breaks: {many:?} vs {one:?}"
    );
}
