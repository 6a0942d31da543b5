//! Dates: month and day (`Dec. 5th`, `Oct 3–5`), day and month (`25 July`), numeric dates
//! (`12/25/2024`, `2027-06-04`) and days of the week (`Mon`, `Fri.`).

use super::abbreviation::{self, MONTHS};
use super::numbers::{self, is_digits};
use super::Expander;

/// A day of the month with an optional ordinal suffix (`5`, `5th`).
fn day_of_month(s: &str) -> Option<&str> {
    let day = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[day.len()..];
    let ok_suffix = matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    );
    let d: usize = day.parse().ok()?;
    (is_digits(day) && day.len() <= 2 && ok_suffix && (1..=31).contains(&d)).then_some(day)
}

/// Day range `3–5` / `3-5th` within one month.
fn day_range(s: &str) -> Option<(&str, &str)> {
    let (a, b) = s.split_once(['–', '-'])?;
    Some((day_of_month(a)?, day_of_month(b)?))
}

impl<'a> Expander<'a, '_> {
    /// `March 3`, `Dec. 5th`, `Oct 3–5`, optionally followed by a year (`March 3, 1921`).
    pub(super) fn month_day(&mut self, core: &str) -> bool {
        let Some(m) = abbreviation::month(core) else {
            return false;
        };
        let Some(next) = self.chunk(1) else {
            return false;
        };
        let cur_trail_ok = self.cur().trail.is_empty() || self.cur().trail == ".";
        if !cur_trail_ok || !next.lead.is_empty() {
            return false;
        }
        if let Some(day) = day_of_month(&next.core) {
            self.word(MONTHS[m - 1]);
            self.parts(numbers::ordinal(day));
        } else if let Some((a, b)) = day_range(&next.core) {
            self.word(MONTHS[m - 1]);
            self.parts(numbers::ordinal(a));
            self.word("to");
            self.parts(numbers::ordinal(b));
        } else if let Some((a, m2, b)) = self.cross_month(&next.core) {
            self.word(MONTHS[m - 1]);
            self.parts(numbers::ordinal(a));
            self.word("to");
            self.word(MONTHS[m2 - 1]);
            self.parts(numbers::ordinal(b));
            self.consumed = 3;
            self.absorb_period(false);
            return true;
        } else if numbers::is_year(&next.core) {
            self.word(MONTHS[m - 1]);
            self.parts(numbers::year(&next.core));
        } else {
            return false;
        }
        self.consumed = 2;
        let year_follows = next.trail.is_empty() || next.trail == ",";
        if let Some(y) = self.chunk(2).filter(|y| year_follows && y.lead.is_empty()) {
            if numbers::is_year(&y.core) && !numbers::is_year(&next.core) {
                if next.trail == "," {
                    self.pause();
                }
                self.parts(numbers::year(&y.core));
                self.consumed = 3;
            }
        }
        true
    }

    /// `3–Apr.` followed by a day (`Mar. 3–Apr. 5`): the first day, the second month and day.
    fn cross_month<'c>(&self, core: &'c str) -> Option<(&'c str, usize, &'a str)> {
        let (a, month) = core.split_once(['–', '-'])?;
        let m = abbreviation::month(month).filter(|_| month.len() >= 3)?;
        let day = self.chunk(2).filter(|c| c.lead.is_empty())?;
        let joined = self.chunk(1)?.trail.is_empty() || self.chunk(1)?.trail == ".";
        joined.then_some((day_of_month(a)?, m, day_of_month(&day.core)?))
    }

    /// `25 July` / `25th of July` → "the twenty fifth of july".
    pub(super) fn day_month(&mut self, core: &str) -> bool {
        let Some(day) = day_of_month(core) else {
            return false;
        };
        if !self.cur().trail.is_empty() {
            return false;
        }
        let Some(next) = self.chunk(1) else {
            return false;
        };
        let (of, month_chunk) = if next.core == "of" && next.trail.is_empty() {
            (true, self.chunk(2))
        } else {
            (false, Some(next))
        };
        let Some(mc) = month_chunk else { return false };
        let Some(m) = abbreviation::month(&mc.core) else {
            return false;
        };
        let year_after = self
            .chunk(if of { 3 } else { 2 })
            .is_some_and(|y| numbers::is_year(&y.core));
        let dotted = mc.trail.starts_with('.') && mc.core.len() >= 3;
        let full_or_capital =
            mc.capitalized() || MONTHS.contains(&mc.core.as_str()) || year_after || dotted;
        let verb_may = mc.core == "may" && !of && !year_after;
        if !full_or_capital || verb_may || (mc.core == "May" && !of && !self.may_is_month(core)) {
            return false;
        }
        if !self
            .prev()
            .is_some_and(|p| p.core.eq_ignore_ascii_case("the"))
        {
            self.word("the");
        }
        self.parts(numbers::ordinal(day));
        self.word("of");
        self.word(MONTHS[m - 1]);
        self.consumed = if of { 3 } else { 2 };
        if mc.core.len() <= 4 {
            self.absorb_period(false);
        }
        true
    }

    /// Whether `May` after the day `core` is the month: after a bare day number, or after an
    /// ordinal introduced by a date preposition or article (`on the 26th May`), or when
    /// punctuation or a year follows it.
    fn may_is_month(&self, core: &str) -> bool {
        const BEFORE_DATE: [&str; 9] = [
            "the", "on", "by", "from", "until", "till", "since", "before", "after",
        ];
        let after = self.chunk(1);
        core.len() <= 2
            || self
                .prev()
                .is_some_and(|p| BEFORE_DATE.contains(&p.core.to_ascii_lowercase().as_str()))
            || after.is_some_and(|m| !m.trail.is_empty())
            || self.chunk(2).is_none_or(|y| numbers::is_year(&y.core))
    }

    /// A year before an era (`340 AD`, `44 B.C.`, `1066 CE`) or a decade with its `s` apart
    /// (`1980 s`); `digits` is this chunk, the era or `s` the next one.
    pub(super) fn year_before_era(&mut self, digits: &str) -> bool {
        const ERAS: [&str; 5] = ["AD", "BC", "BCE", "CE", "AC"];
        let Some(next) = self.chunk(1) else {
            return false;
        };
        if next.core == "s" && digits.len() == 4 && digits.ends_with('0') {
            self.parts(numbers::plural(numbers::year(digits)));
        } else if ERAS.contains(&next.core.replace('.', "").as_str()) && digits.len() <= 4 {
            self.parts(match digits.len() {
                3 => numbers::nominal(digits),
                _ => numbers::year(digits),
            });
            self.letters(&next.core);
        } else {
            return false;
        }
        self.consumed = 2;
        self.absorb_period(false);
        true
    }

    /// Day-of-week abbreviations: always when dotted or before a number or range; `Mon–Fri`.
    pub(super) fn weekday(&mut self, core: &str) -> bool {
        if let Some((a, b)) = core.split_once(['–', '-']) {
            let a = a.strip_suffix('.').unwrap_or(a);
            if let (Some(a), Some(b)) = (abbreviation::day(a), abbreviation::day(b)) {
                self.word(a);
                self.word("to");
                self.word(b);
                self.absorb_period(false);
                return true;
            }
            return false;
        }
        let Some(day) = abbreviation::day(core) else {
            return false;
        };
        if !super::context::is_weekday(self.cs, self.i) {
            return false;
        }
        self.word(day);
        self.absorb_period(false);
        true
    }

    /// A month and day without a year (`12/31`, `04/15`).
    pub(super) fn month_slash_day(&mut self, m: &str, d: &str) -> bool {
        let month: usize = m.parse().unwrap_or(0);
        let Some(name) = month.checked_sub(1).and_then(|k| MONTHS.get(k)) else {
            return false;
        };
        self.word(name);
        self.parts(numbers::ordinal(d.trim_start_matches('0')));
        true
    }

    /// Month/day/year dates, `2027-06-04`; a two-digit year is read as written (`'98`).
    pub(super) fn date(&mut self, month: usize, day: &str, year: &str) {
        self.word(MONTHS[month - 1]);
        self.parts(numbers::ordinal(day));
        self.pause();
        if year.len() == 2 {
            if let Some(d) = year.strip_prefix('0') {
                self.word("oh");
                self.parts(numbers::cardinal(d));
            } else {
                self.parts(numbers::cardinal(year));
            }
        } else {
            self.parts(numbers::year(year));
        }
    }

    /// Numeric dates with `/`, `-` or `.`: `2016/07/03`, `12/25/2024`, `15-01-2020`,
    /// `01.10.2010`, and month names joined by dashes (`Jan-15-2020`). Month first unless the
    /// first number cannot be a month.
    pub(super) fn numeric_date(&mut self, core: &str) -> bool {
        let Some(sep) = ['/', '-', '.'].into_iter().find(|&c| core.contains(c)) else {
            return false;
        };
        let g: Vec<&str> = core.split(sep).collect();
        if g.len() == 2 || g.len() == 3 {
            if let Some(m) = abbreviation::month(g[0]).filter(|_| g[0].len() >= 3) {
                let Some(day) = day_of_month(g[1]) else {
                    return false;
                };
                let year = g.get(2).copied();
                if year.is_some_and(|y| !numbers::is_year(y)) {
                    return false;
                }
                self.word(MONTHS[m - 1]);
                self.parts(numbers::ordinal(day));
                if let Some(y) = year {
                    self.parts(numbers::year(y));
                }
                return true;
            }
        }
        if g.len() != 3 || !g.iter().all(|x| is_digits(x)) {
            return false;
        }
        let n = |s: &str| s.parse::<usize>().unwrap_or(0);
        let lens = [g[0].len(), g[1].len(), g[2].len()];
        let (m, d, y) = if lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 {
            (g[1], g[2], g[0])
        } else if lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2) {
            if n(g[0]) > 12 {
                (g[1], g[0], g[2])
            } else {
                (g[0], g[1], g[2])
            }
        } else {
            return false;
        };
        let (mv, dv) = (n(m), n(d));
        if !(1..=12).contains(&mv) || !(1..=31).contains(&dv) {
            return false;
        }
        if sep == '-' && lens != [4, 2, 2] && !(n(g[0]) > 12 && lens[2] == 4) {
            return false;
        }
        if (sep == '.' && y.len() != 4) || (y.len() == 4 && !(1000..=2999).contains(&n(y))) {
            return false;
        }
        let d = d.trim_start_matches('0');
        if n(g[0]) > 12 && lens[0] <= 2 {
            self.word("the");
            self.parts(numbers::ordinal(d));
            self.word("of");
            self.word(MONTHS[mv - 1]);
            if y.len() == 4 {
                self.parts(numbers::year(y));
            } else {
                self.parts(numbers::cardinal(y));
            }
            return true;
        }
        self.date(mv, d, y);
        true
    }

    /// `12/25/2024`, `6/4/27`; `false` when the groups are not a valid date.
    pub(super) fn slashed_date(&mut self, groups: &[&str]) -> bool {
        let [mm, dd, yy] = groups else { return false };
        let m: usize = mm.parse().unwrap_or(0);
        let d: usize = dd.parse().unwrap_or(0);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || ![2, 4].contains(&yy.len()) {
            return false;
        }
        let year = if yy.len() == 2 {
            format!("20{yy}")
        } else {
            yy.to_string()
        };
        self.date(m, dd, &year);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("March 3, 1921", "march third , nineteen twenty one"),
            ("Dec. 5th", "december fifth"),
            ("on Fri., Dec. 5th.", "on friday , december fifth ."),
            ("2027-06-04", "june fourth , twenty twenty seven"),
            ("12/25/2024", "december twenty fifth , twenty twenty four"),
            ("6/4/27", "june fourth , twenty seven"),
            ("01/07/98", "january seventh , ninety eight"),
            ("11/17/05", "november seventeenth , oh five"),
            ("2016/07/03", "july third , twenty sixteen"),
            ("15-01-2020", "the fifteenth of january twenty twenty"),
            ("Jan-15-2020", "january fifteenth twenty twenty"),
            ("jan. 15", "january fifteenth"),
            ("SEPT. 15", "september fifteenth"),
            ("25th july 2012", "the twenty fifth of july twenty twelve"),
            ("May 1", "may first"),
            ("Jan 31st", "january thirty first"),
            ("March on", "march on"),
            ("Oct. 3rd.", "october third ."),
            ("Oct 3–5", "october third to fifth"),
            (
                "Dec. 24-26, 2026",
                "december twenty fourth to twenty sixth , twenty twenty six",
            ),
            ("July 2012", "july twenty twelve"),
            ("25 July 2012", "the twenty fifth of july twenty twelve"),
            ("the 3rd of May", "the third of may"),
            ("Open Mon–Fri", "open monday to friday"),
            ("Mon-Sat 9am-5pm", "monday to saturday nine A M to five P M"),
            ("Sat 10 am", "saturday ten A M"),
            ("Sun, Mon", "sunday , monday"),
            ("The Sun is hot", "the sun is hot"),
            ("I sat down", "i sat down"),
            ("Wed. only", "wednesday only"),
            ("built in 1066 AD", "built in ten sixty six A D"),
            ("about 480 B.C.", "about four eighty B C ."),
            ("in 79 CE", "in seventy nine C E"),
            ("the 1970 s", "the nineteen seventies"),
            (
                "Closed Sat.–Sun. for repairs",
                "closed saturday to sunday for repairs",
            ),
            ("Mar. 3–Apr. 5", "march third to april fifth"),
            (
                "from Nov 28-Dec 2, 2026",
                "from november twenty eighth to december second , twenty twenty six",
            ),
            (
                "on the 14th May at noon",
                "on the fourteenth of may at noon",
            ),
            (
                "by 3 aug. at the latest",
                "by the third of august at the latest",
            ),
            ("Open Thurs 8-8", "open thursday eight to eight"),
            ("Sat and Sun only", "saturday and sunday only"),
            ("Tue, Thu & Sat", "tuesday , thursday and saturday"),
            ("Fri: closed", "friday : closed"),
            ("We sat in the sun", "we sat in the sun"),
            ("Sun: 10-4", "sunday : ten to four"),
            ("Row 3 may exit", "row three may exit"),
            ("on 9 May", "on the ninth of may"),
        ]);
    }
}
