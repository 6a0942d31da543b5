//! What one text is spoken with: plain text or SSML, and the speaking options.

use sotto::{SpeakOptions, Stream};

/// A text and how to speak it, as the Python methods take them.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The text or SSML document.
    pub text: String,
    /// Whether `text` is an SSML document (`<speak>…</speak>`, parsed strictly).
    pub ssml: bool,
    /// Speed, steps, temperature and seed.
    pub options: SpeakOptions,
}

impl Request {
    /// Starts `stream` on this request.
    pub fn start(&self, stream: &mut Stream) -> sotto::Result<()> {
        if self.ssml {
            stream.start_ssml(&self.text, &self.options)
        } else {
            stream.start(&self.text, &self.options)
        }
    }
}
