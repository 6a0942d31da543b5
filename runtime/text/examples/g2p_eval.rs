//! Scores the embedded G2P (or the model file given by `G2P_MODEL`) on a held-out list
//! (`word<TAB>ARPAbet` per line): word accuracy with and without stress, phone error rate,
//! accuracy on the words of an optional proper-noun list, and the time per word; then the same
//! for what the speller says of a word missing from the lexicon: a regular inflection of a
//! lexicon word (the listed words removed from the lexicon), else the G2P.
//!
//! `cargo run --release -p sotto-text --example g2p_eval -- models/recipes/text/heldout.tsv
//! [models/recipes/text/heldout-names.txt]`

use std::collections::HashSet;
use std::time::Instant;

use sotto_text::arpabet::{self, Phone};
use sotto_text::g2p::G2p;
use sotto_text::inflection;
use sotto_text::lexicon::Lexicon;

/// Times the whole list is predicted for the timing.
const TIMING_ROUNDS: usize = 5;

fn edit_distance(a: &[Phone], b: &[Phone]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, pa) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, pb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diag + usize::from(pa != pb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), to time under a shared load.
fn cpu_nanos() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn names_of(phones: &[Phone]) -> Vec<&'static str> {
    phones.iter().map(|p| p.name()).collect()
}

/// Prints word accuracy (with and without stress), phone error rate and the proper nouns'
/// accuracy of `say` over `words`.
fn score(
    what: &str,
    words: &[(String, Vec<Phone>)],
    names: &HashSet<String>,
    say: impl Fn(&str) -> Vec<Phone>,
) {
    let (mut right, mut right_ns, mut errors, mut phones) = (0, 0, 0, 0);
    let (mut names_total, mut names_right, mut names_right_ns) = (0, 0, 0);
    for (word, truth) in words {
        let hyp = say(word);
        let ok = hyp == *truth;
        let ok_ns = names_of(&hyp) == names_of(truth);
        right += usize::from(ok);
        right_ns += usize::from(ok_ns);
        errors += edit_distance(&hyp, truth);
        phones += truth.len();
        if names.contains(word) {
            names_total += 1;
            names_right += usize::from(ok);
            names_right_ns += usize::from(ok_ns);
        }
    }
    let n = words.len() as f64;
    println!(
        "{what}: {} words: word accuracy {:.3} (ignoring stress {:.3}), phone error rate {:.3}",
        words.len(),
        right as f64 / n,
        right_ns as f64 / n,
        errors as f64 / phones as f64
    );
    if names_total > 0 {
        println!(
            "{what}: {names_total} proper nouns: word accuracy {:.3} (ignoring stress {:.3})",
            names_right as f64 / names_total as f64,
            names_right_ns as f64 / names_total as f64
        );
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let list = args
        .get(1)
        .ok_or("usage: g2p_eval HELDOUT.tsv [NAMES.txt]")?;
    let names: HashSet<String> = match args.get(2) {
        Some(path) => std::fs::read_to_string(path)?
            .lines()
            .map(str::to_string)
            .collect(),
        None => HashSet::new(),
    };
    let mut words = Vec::new();
    for (n, line) in std::fs::read_to_string(list)?.lines().enumerate() {
        let (word, pron) = line
            .split_once('\t')
            .ok_or_else(|| format!("{list}:{}: no tab", n + 1))?;
        let phones =
            arpabet::parse_pron(pron).ok_or_else(|| format!("{list}:{}: bad phones", n + 1))?;
        words.push((word.to_string(), phones));
    }
    let load = Instant::now();
    let g2p = match std::env::var_os("G2P_MODEL") {
        Some(path) => G2p::load(std::path::Path::new(&path))?,
        None => G2p::try_embedded()?,
    };
    println!(
        "model parsed in {:.2} ms",
        load.elapsed().as_secs_f64() * 1e3
    );
    score("G2P alone", &words, &names, |w| g2p.predict(w));
    let lexicon = Lexicon::embedded();
    let listed: HashSet<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    let known = |w: &str| (!listed.contains(w)).then(|| lexicon.get(w)).flatten();
    score("inflection, else G2P", &words, &names, |w| {
        inflection::inflect(w, known).unwrap_or_else(|| g2p.predict(w))
    });
    let start = Instant::now();
    let cpu_start = cpu_nanos();
    let mut sink = 0;
    for _ in 0..TIMING_ROUNDS {
        for (word, _) in &words {
            sink += g2p.predict(std::hint::black_box(word)).len();
        }
    }
    let calls = (TIMING_ROUNDS * words.len()) as f64;
    let micros = start.elapsed().as_secs_f64() * 1e6 / calls;
    println!("{micros:.1} µs per word wall-clock ({sink} phones predicted)");
    if let (Some(a), Some(b)) = (cpu_start, cpu_nanos()) {
        println!("{:.1} µs per word on CPU", (b - a) / 1e3 / calls);
    }
    Ok(())
}
