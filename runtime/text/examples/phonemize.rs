//! Phonemizes each line of stdin (`--words`: each line as one isolated word; `--ids FILE.json`:
//! print Piper ids instead).

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let words = args.iter().any(|a| a == "--words");
    let ids = match args.iter().position(|a| a == "--ids") {
        Some(i) => Some(sotto_text::PhonemeIdMap::from_json(
            &std::fs::read_to_string(args.get(i + 1).ok_or("--ids needs a file")?)?,
        )?),
        None => None,
    };
    let fe = sotto_text::Frontend::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let ph = if words {
            fe.word(line.trim())
        } else {
            fe.phonemize(&line)?
        };
        match &ids {
            Some(m) => {
                let v: Vec<String> = m.ids(&ph).iter().map(i64::to_string).collect();
                writeln!(out, "{}", v.join(" "))?;
            }
            None => writeln!(out, "{ph}")?,
        }
    }
    Ok(())
}
