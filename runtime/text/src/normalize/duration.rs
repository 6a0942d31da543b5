//! Compact durations as timers and displays write them: `1h 3m`, `1h30`, `2m30s`, `+30s`.

use super::numbers;
use super::{Chunk, Expander};

/// Duration units by rank (hours first), with the letters that write them.
const RANKS: [(&[&str], (&str, &str)); 3] = [
    (&["h", "hr", "hrs"], ("hour", "hours")),
    (&["m", "min", "mins"], ("minute", "minutes")),
    (&["s", "sec", "secs"], ("second", "seconds")),
];

/// One `<digits><unit>` piece: the digits and the unit's rank.
type Piece<'a> = (&'a str, usize);

/// Splits `1h30m`, `1h30` into pieces; digits left without a unit take the rank after the
/// previous one (`1h30` → 30 minutes). Ranks must strictly fall.
fn pieces(s: &str) -> Option<Vec<Piece<'_>>> {
    let mut out: Vec<Piece> = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if n == 0 || n > 4 {
            return None;
        }
        let (digits, after) = rest.split_at(n);
        let u = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let (letters, tail) = after.split_at(u);
        let rank = if letters.is_empty() {
            let prev = out.last()?.1;
            (prev < 2 && digits.len() == 2).then_some(prev + 1)?
        } else {
            RANKS.iter().position(|(ws, _)| ws.contains(&letters))?
        };
        if out.last().is_some_and(|&(_, r)| r >= rank) {
            return None;
        }
        out.push((digits, rank));
        rest = tail;
    }
    Some(out)
}

/// The pieces of a following chunk that continues a duration (`3m` after `1h`), if it does.
fn continues<'a>(c: &'a Chunk, last_rank: usize) -> Option<Vec<Piece<'a>>> {
    if !c.lead.is_empty() {
        return None;
    }
    let p = pieces(&c.core)?;
    (p.iter().all(|(_, r)| *r > last_rank) && p.iter().all(|(d, _)| !d.is_empty())).then_some(p)
}

impl Expander<'_, '_> {
    /// `1h 3m`, `2m30s`, `1h30`, `+30s`: each piece with its unit word; a leading `+` is "plus".
    pub(super) fn compact_duration(&mut self, core: &str) -> bool {
        let (plus, body) = match core.strip_prefix('+') {
            Some(b) => (true, b),
            None => (false, core),
        };
        let Some(mut all) = pieces(body) else {
            return false;
        };
        let mut used = 1;
        while self.cs[self.i + used - 1].trail.is_empty() {
            let last = all.last().map_or(0, |&(_, r)| r);
            match self.chunk(used).and_then(|c| continues(c, last)) {
                Some(more) => {
                    all.extend(more);
                    used += 1;
                }
                None => break,
            }
        }
        if all.len() < 2 && !plus {
            return false;
        }
        if plus {
            self.word("plus");
        }
        for (digits, rank) in all {
            let (one, many) = RANKS[rank].1;
            self.parts(numbers::cardinal(digits));
            self.word(if digits.trim_start_matches('0') == "1" {
                one
            } else {
                many
            });
        }
        self.consumed = used;
        self.absorb_period(false);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("1h 3m", "one hour three minutes"),
            ("Timer: 1h 3m.", "timer : one hour three minutes ."),
            ("1h30", "one hour thirty minutes"),
            ("1h30m", "one hour thirty minutes"),
            ("2m30s", "two minutes thirty seconds"),
            ("3m 20s left", "three minutes twenty seconds left"),
            ("1h 5m 10s", "one hour five minutes ten seconds"),
            ("+30s", "plus thirty seconds"),
            ("+5m", "plus five minutes"),
            ("90s", "ninety seconds"),
            ("cook 45s", "cook forty five seconds"),
            ("3m", "three meters"),
            ("2h", "two hours"),
            ("1h", "one hour"),
            ("5m 3m", "five meters three meters"),
            ("1m1s", "one minute one second"),
            ("12345h6m", "one two three four five H six M"),
        ]);
    }
}
