//! Fixed-size windows with context over a stream of frames.
//!
//! Models run on windows of `size + 2 * context` frames (concrete shapes plan faster in tract).
//! [`Windower`] cuts a stream into such windows so that every output frame is computed with at
//! least `context` frames on each side, or with the true start or end of the stream there:
//! the first window starts at frame 0 and the last one ends at the last frame. Stitching the
//! emitted parts therefore reproduces a whole-stream run as long as `context` covers the
//! model's receptive field. Streams shorter than a window are padded with a pad frame.
//!
//! A chunking with a `lead` starts a stream that does not fit one window with a smaller
//! window of `lead + context` frames (frame 0 on): its outputs come after far fewer input
//! frames and far less work, which is what the first audio waits for. The rule above holds for
//! it too.

use std::ops::Range;

use crate::voice::manifest::Chunking;

/// Where a window lies and which of its frames are final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowInfo {
    /// Stream index of the window's first frame.
    pub start: usize,
    /// Frames of the window that hold stream data; the rest is padding.
    pub valid: usize,
    /// Frames in the window: the chunking's `window()`, or its `lead_window()` for a lead.
    pub len: usize,
    /// Window-local frames whose outputs are final and should be emitted.
    pub emit: Range<usize>,
}

/// Cuts a stream of frames (each `width` values) into fixed-size windows.
#[derive(Debug, Clone)]
pub struct Windower {
    chunk: Chunking,
    width: usize,
    pad: Vec<f32>,
    buf: Vec<f32>,
    base: usize,
    avail: usize,
    pos: usize,
}

impl Windower {
    /// A windower for frames of `width` values; `pad` (one frame) fills short streams.
    pub fn new(chunk: Chunking, pad: Vec<f32>) -> Self {
        let width = pad.len();
        Self {
            chunk,
            width,
            pad,
            buf: Vec::with_capacity(chunk.window() * width * 2),
            base: 0,
            avail: 0,
            pos: 0,
        }
    }

    /// The chunking.
    pub fn chunking(&self) -> Chunking {
        self.chunk
    }

    /// Values per frame.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Frames pushed so far.
    pub fn pushed(&self) -> usize {
        self.avail
    }

    /// Appends `count` pad frames.
    pub fn push_pad(&mut self, count: usize) {
        for _ in 0..count {
            self.buf.extend_from_slice(&self.pad);
        }
        self.avail += count;
    }

    /// Appends frames (row-major, a multiple of `width` values).
    pub fn push(&mut self, frames: &[f32]) {
        debug_assert_eq!(frames.len() % self.width, 0);
        self.buf.extend_from_slice(frames);
        self.avail += frames.len() / self.width;
    }

    /// Copies the next window into `out` (time-major, `len × width` values, `len` as the
    /// returned info says).
    ///
    /// Before the end of the stream (`ended == false`) only windows with full right context are
    /// returned. After it, windows are returned until every frame has been emitted.
    pub fn next_window(&mut self, ended: bool, out: &mut Vec<f32>) -> Option<WindowInfo> {
        if self.pos >= self.avail {
            return None;
        }
        let (w, ctx) = (self.chunk.window(), self.chunk.context);
        let fits_one_window = ended && self.avail <= w;
        let lead = (self.pos == 0 && !fits_one_window)
            .then(|| self.chunk.lead.zip(self.chunk.lead_window()))
            .flatten();
        if let Some((lead, len)) = lead {
            if !ended && self.avail < len {
                return None;
            }
            return Some(self.take(0, len, lead, out));
        }
        let wanted = self.pos.saturating_sub(ctx);
        let (start, emit_end) = if !ended {
            if wanted + w > self.avail {
                return None;
            }
            (wanted, wanted + w - ctx)
        } else {
            let start = wanted.min(self.avail.saturating_sub(w));
            let end = if start + w >= self.avail {
                self.avail
            } else {
                start + w - ctx
            };
            (start, end)
        };
        Some(self.take(start, w, emit_end, out))
    }

    /// Copies the `len` frames from `start` (padded past the stream's end) and emits up to
    /// `emit_end`.
    fn take(&mut self, start: usize, len: usize, emit_end: usize, out: &mut Vec<f32>) -> WindowInfo {
        let valid = (self.avail - start).min(len);
        out.clear();
        let from = (start - self.base) * self.width;
        out.extend_from_slice(&self.buf[from..from + valid * self.width]);
        for _ in valid..len {
            out.extend_from_slice(&self.pad);
        }
        let info = WindowInfo {
            start,
            valid,
            len,
            emit: self.pos - start..emit_end - start,
        };
        self.pos = emit_end;
        self.trim();
        info
    }

    /// Drops frames no later window can need.
    fn trim(&mut self) {
        let keep_from = self
            .pos
            .saturating_sub(self.chunk.context)
            .min(self.avail.saturating_sub(self.chunk.window()));
        if keep_from > self.base {
            self.buf.drain(..(keep_from - self.base) * self.width);
            self.base = keep_from;
        }
    }

    /// Forgets the stream; ready for a new one.
    pub fn reset(&mut self) {
        self.buf.clear();
        self.base = 0;
        self.avail = 0;
        self.pos = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(total: usize, chunk: Chunking, feed: usize) -> Vec<(usize, WindowInfo)> {
        let mut w = Windower::new(chunk, vec![-1.0]);
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let mut fed = 0;
        while fed < total {
            let n = feed.min(total - fed);
            let frames: Vec<f32> = (fed..fed + n).map(|i| i as f32).collect();
            w.push(&frames);
            fed += n;
            while let Some(info) = w.next_window(false, &mut out) {
                check(&out, &info, chunk);
                seen.push((fed, info));
            }
        }
        while let Some(info) = w.next_window(true, &mut out) {
            check(&out, &info, chunk);
            seen.push((fed, info));
        }
        seen
    }

    fn check(out: &[f32], info: &WindowInfo, chunk: Chunking) {
        assert!(info.len == chunk.window() || Some(info.len) == chunk.lead_window());
        assert_eq!(out.len(), info.len);
        for (k, &v) in out.iter().enumerate() {
            if k < info.valid {
                assert_eq!(v, (info.start + k) as f32);
            } else {
                assert_eq!(v, -1.0);
            }
        }
    }

    const CHUNK: Chunking = Chunking {
        size: 8,
        context: 3,
        lead: None,
    };
    const LEADING: Chunking = Chunking {
        lead: Some(2),
        ..CHUNK
    };

    #[test]
    fn every_frame_is_emitted_once_in_order_with_context() {
        for (chunk, total, feed) in [CHUNK, LEADING].into_iter().flat_map(|c| {
            [0, 1, 5, 6, 13, 14, 15, 30, 31, 100]
                .into_iter()
                .flat_map(move |t| [1, 4, 13, 1000].map(|f| (c, t, f)))
        }) {
            let seen = run(total, chunk, feed);
                let mut next = 0;
                for (_, info) in &seen {
                    let emit = info.start + info.emit.start..info.start + info.emit.end;
                    assert_eq!(emit.start, next, "total {total} feed {feed}");
                    assert!(!emit.is_empty());
                    let left_ok = info.start == 0 || emit.start - info.start >= 3;
                    let right_ok = emit.end == total || info.start + info.valid - emit.end >= 3;
                    assert!(left_ok && right_ok, "context short: {info:?} of {total}");
                    next = emit.end;
                }
                assert_eq!(next, total, "total {total} feed {feed}");
        }
    }

    #[test]
    fn windows_come_before_the_end_when_context_allows() {
        let seen = run(100, CHUNK, 1);
        let early = seen.iter().filter(|(fed, _)| *fed < 100).count();
        assert!(early >= 8, "only {early} windows before the end");
    }

    #[test]
    fn a_lead_window_comes_first_and_as_soon_as_its_frames_are_in() {
        let seen = run(100, LEADING, 1);
        let (fed, first) = &seen[0];
        assert_eq!(*fed, 5, "the lead window waits for lead + context frames only");
        assert_eq!((first.start, first.len, first.emit.clone()), (0, 5, 0..2));
        assert!(seen[1..].iter().all(|(_, info)| info.len == CHUNK.window()));
        assert_eq!(run(100, CHUNK, 1)[0].0, 14);
    }

    #[test]
    fn a_stream_known_to_fit_one_window_runs_one_window_despite_a_lead() {
        let seen = run(14, LEADING, 1000);
        assert_eq!(seen[0].1.len, 5, "the end was not yet known: a lead window first");
        let mut w = Windower::new(LEADING, vec![-1.0]);
        w.push(&[0.0; 14]);
        let mut out = Vec::new();
        let info = w.next_window(true, &mut out).unwrap();
        assert_eq!((info.len, info.emit), (CHUNK.window(), 0..14));
        assert!(w.next_window(true, &mut out).is_none());
    }
}
