//! Abbreviations and the whitelist: titles, street types, months, days, lexicalized forms.

use super::{context, Chunk, Expander};

/// Abbreviations read the same in any context (matched case-sensitively, period optional).
const ABBREVIATIONS: [(&str, &str); 86] = [
    ("Rev", "reverend"),
    ("Mr", "mister"),
    ("Mrs", "missus"),
    ("Ms", "miz"),
    ("Prof", "professor"),
    ("Jr", "junior"),
    ("Sr", "senior"),
    ("Ave", "avenue"),
    ("Blvd", "boulevard"),
    ("Rd", "road"),
    ("Ln", "lane"),
    ("Hwy", "highway"),
    ("Apt", "apartment"),
    ("apt", "apartment"),
    ("etc", "et cetera"),
    ("vs", "versus"),
    ("approx", "approximately"),
    ("Approx", "approximately"),
    ("dept", "department"),
    ("Dept", "department"),
    ("Gov", "governor"),
    ("Sen", "senator"),
    ("Rep", "representative"),
    ("Capt", "captain"),
    ("Sgt", "sergeant"),
    ("Lt", "lieutenant"),
    ("Gen", "general"),
    ("Col", "colonel"),
    ("Mt", "mount"),
    ("Ft", "fort"),
    ("Jan", "january"),
    ("Feb", "february"),
    ("Mar", "march"),
    ("Apr", "april"),
    ("Jun", "june"),
    ("Jul", "july"),
    ("Aug", "august"),
    ("Sep", "september"),
    ("Sept", "september"),
    ("Oct", "october"),
    ("Nov", "november"),
    ("Dec", "december"),
    ("tel", "telephone"),
    ("Pkwy", "parkway"),
    ("Expy", "expressway"),
    ("Fwy", "freeway"),
    ("Ste", "suite"),
    ("Bldg", "building"),
    ("bldg", "building"),
    ("Rm", "room"),
    ("Rte", "route"),
    ("Intl", "international"),
    ("Natl", "national"),
    ("Univ", "university"),
    ("Hosp", "hospital"),
    ("Ctr", "center"),
    ("Sq", "square"),
    ("Jct", "junction"),
    ("Terr", "terrace"),
    ("Hts", "heights"),
    ("Mgr", "manager"),
    ("incl", "including"),
    ("Incl", "including"),
    ("avg", "average"),
    ("Avg", "average"),
    ("qty", "quantity"),
    ("Qty", "quantity"),
    ("hrs", "hours"),
    ("wk", "week"),
    ("wks", "weeks"),
    ("ppl", "people"),
    ("flr", "floor"),
    ("Flr", "floor"),
    ("lvl", "level"),
    ("Lvl", "level"),
    ("govt", "government"),
    ("Govt", "government"),
    ("pkg", "package"),
    ("mgmt", "management"),
    ("Rt", "route"),
    ("hr", "hour"),
    ("addl", "additional"),
    ("appt", "appointment"),
    ("Appt", "appointment"),
    ("pts", "points"),
    ("Addl", "additional"),
];

/// Abbreviations that need their period to be read as such (otherwise they are words).
const DOTTED: [(&str, &str); 37] = [
    ("vol", "volume"),
    ("ch", "chapter"),
    ("Op", "opus"),
    ("op", "opus"),
    ("Plat", "platform"),
    ("plat", "platform"),
    ("jct", "junction"),
    ("ste", "suite"),
    ("Mon", "monday"),
    ("Tue", "tuesday"),
    ("Tues", "tuesday"),
    ("Wed", "wednesday"),
    ("Thu", "thursday"),
    ("Thur", "thursday"),
    ("Thurs", "thursday"),
    ("Fri", "friday"),
    ("Sat", "saturday"),
    ("Sun", "sunday"),
    ("min", "minutes"),
    ("ext", "extension"),
    ("Co", "company"),
    ("Ct", "court"),
    ("Pl", "place"),
    ("Cir", "circle"),
    ("Inc", "incorporated"),
    ("Corp", "corporation"),
    ("Ltd", "limited"),
    ("Fig", "figure"),
    ("fig", "figure"),
    ("Vol", "volume"),
    ("Ch", "chapter"),
    ("ref", "reference"),
    ("Ref", "reference"),
    ("avail", "available"),
    ("Fl", "floor"),
    ("fl", "floor"),
    ("Term", "terminal"),
];

/// Abbreviations that always precede what they qualify, so their period never ends a sentence.
pub const TITLES: [&str; 19] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "St", "Mt", "Ft", "No", "Apt", "Capt", "Sgt", "Gov",
    "Sen", "Intl", "Natl", "incl", "Incl",
];

/// Day-of-week abbreviations, Monday first, and the days' names.
pub const DAYS: [(&[&str], &str); 7] = [
    (&["Mon", "MON"], "monday"),
    (&["Tue", "Tues", "TUE"], "tuesday"),
    (&["Wed", "WED"], "wednesday"),
    (&["Thu", "Thur", "Thurs", "THU"], "thursday"),
    (&["Fri", "FRI"], "friday"),
    (&["Sat", "SAT"], "saturday"),
    (&["Sun", "SUN"], "sunday"),
];

/// Lexicalized written forms read as fixed phrases.
const WHITELIST: [(&str, &str); 18] = [
    ("and/or", "and or"),
    ("tv", "T V"),
    ("401(k)", "four oh one K"),
    ("403(b)", "four oh three B"),
    ("24/7", "twenty four seven"),
    ("24/7/365", "twenty four seven three sixty five"),
    ("9/11", "nine eleven"),
    ("50/50", "fifty fifty"),
    ("20/20", "twenty twenty"),
    ("A/C", "A C"),
    ("a/c", "A C"),
    ("w/", "with"),
    ("w/o", "without"),
    ("c/o", "care of"),
    ("N/A", "not applicable"),
    ("n/a", "not applicable"),
    ("M-F", "monday to friday"),
    ("M–F", "monday to friday"),
];

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The expansion of an abbreviation; `dotted` tells whether a period followed it.
pub fn expand(word: &str, dotted: bool) -> Option<&'static str> {
    ABBREVIATIONS
        .iter()
        .chain(if dotted { DOTTED.iter() } else { [].iter() })
        .find(|(k, _)| *k == word)
        .map(|(_, v)| *v)
}

/// The day name of a day-of-week abbreviation (`Mon` → "monday").
pub fn day(word: &str) -> Option<&'static str> {
    DAYS.iter()
        .find(|(abbrs, _)| abbrs.contains(&word))
        .map(|(_, d)| *d)
}

/// The month number (1–12) of a month name or abbreviation.
pub fn month(word: &str) -> Option<usize> {
    let lower = word.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == lower) {
        return Some(i + 1);
    }
    let short = lower.trim_end_matches('.');
    let full = ABBREVIATIONS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(short) && k.len() >= 3)
        .map(|(_, v)| *v)?;
    MONTHS.iter().position(|m| *m == full).map(|i| i + 1)
}

/// Dotted letter abbreviations with a non-spelled reading (`e.g.`).
pub fn dotted_phrase(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "e.g" => "for example",
        "i.e" => "that is",
        "etc" => "et cetera",
        _ => return None,
    })
}

/// Two-letter words that are read as letters when written in capitals.
pub const CAPITAL_ACRONYMS: [&str; 9] = ["US", "UK", "EU", "TV", "PC", "ID", "OK", "AI", "UN"];

impl Expander<'_, '_> {
    /// Abbreviations, with the context rules for `St`, `Dr` and `No`.
    pub(super) fn abbreviation(&mut self, core: &str) -> bool {
        let dotted = self.dotted();
        let street = context::street_type(core, self.prev());
        let (text, title) = match core {
            "st" if context::street_name_before(self.prev()) => ("street", false),
            "St" if dotted && self.i == 1 && self.chunk(1).is_some_and(Chunk::capitalized) => {
                ("saint", true)
            }
            "St" | "ST" => {
                let r = context::street_or_saint(self.prev());
                (r, r == "saint")
            }
            "Dr" | "DR" => {
                let r = context::drive_or_doctor(self.prev(), self.chunk(1));
                (r, r == "doctor")
            }
            "Est" | "est" if dotted => (context::est_reading(self.chunk(1)), false),
            _ if dotted && self.printed(core).is_some() => {
                (self.printed(core).unwrap_or(""), false)
            }
            _ if context::is_number_sign(core, dotted, self.chunk(1)) => ("number", true),
            _ => match street.or_else(|| expand(core, dotted)) {
                Some(t) => (t, TITLES.contains(&core)),
                None => return self.dotted_letters(core),
            },
        };
        self.word(text);
        self.absorb_period(title);
        true
    }

    /// Dotted abbreviations read by what follows them: `p. 12` "page", `pp. 4-6` "pages",
    /// `Pl. 3` "platform"; `min.`/`max.` not after a number before what they qualify
    /// (`min. 2 nights`, `Max. (4 people)`) "minimum"/"maximum".
    fn printed(&self, core: &str) -> Option<&'static str> {
        let next = self.chunk(1)?;
        let number_next = next.lead.is_empty() && next.starts_with_digit();
        let after_number = self
            .prev()
            .is_some_and(|p| p.trail.is_empty() && p.starts_with_digit());
        let qualifies = || {
            !after_number
                && context::period_continues(core, &format!("{}{}", next.lead, next.core), false)
        };
        match core {
            "p" | "P" if number_next => Some("page"),
            "pp" | "Pp" if number_next => Some("pages"),
            "Pl" | "pl" if number_next => Some("platform"),
            "min" | "Min" if qualifies() => Some("minimum"),
            "max" | "Max" if qualifies() => Some("maximum"),
            _ => None,
        }
    }

    /// Lexicalized forms (`24/7`, `w/o`, `N/A`).
    pub(super) fn whitelist(&mut self, core: &str) -> bool {
        let closed = self
            .cur()
            .trail
            .starts_with(')')
            .then(|| format!("{core})"));
        let Some((_, text)) = WHITELIST
            .iter()
            .find(|(k, _)| *k == core || closed.as_deref() == Some(*k))
        else {
            return false;
        };
        for w in text.split(' ') {
            if w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
                self.letters(w);
            } else {
                self.word(w);
            }
        }
        true
    }

    fn dotted_letters(&mut self, core: &str) -> bool {
        if !core.contains('.') {
            return false;
        }
        let parts: Vec<&str> = core.split('.').collect();
        if !parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        {
            return false;
        }
        match dotted_phrase(core) {
            Some(p) => self.word(p),
            None => self.letters(core),
        }
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
            ("Mr. Smith", "mister smith"),
            ("Mrs. Smith", "missus smith"),
            ("Ms. Lee", "miz lee"),
            ("Prof. Xu", "professor xu"),
            ("Fifth Ave.", "fifth avenue ."),
            ("est. 1887", "established eighteen eighty seven"),
            ("Mr. & Mrs. Smith", "mister and missus smith"),
            ("e.g. this", "for example this"),
            ("i.e. that", "that is that"),
            ("U.S. law", "U S law"),
            ("the U.S.", "the U S ."),
            ("apples, pears, etc.", "apples , pears , et cetera ."),
            ("vs. them", "versus them"),
            ("Jr.", "junior ."),
            ("Mt. Hood", "mount hood"),
            ("Acme Inc.", "acme incorporated ."),
            ("open 24/7", "open twenty four seven"),
            ("cash and/or card", "cash and or card"),
            ("the tv screen", "the T V screen"),
            ("your 401(k) plan", "your four oh one K plan"),
            ("coffee w/o sugar", "coffee without sugar"),
            ("Status: N/A", "status : not applicable"),
            ("Ste. 200", "suite two hundred"),
            ("Intl. Airport", "international airport"),
            ("Prices incl. VAT", "prices including vat"),
            ("avg. delay", "average delay"),
            ("Qty 3", "quantity three"),
            ("Lobby on the 3rd flr.", "lobby on the third floor ."),
            ("seats avail. now", "seats available now"),
            ("Est. 1952", "established nineteen fifty two"),
            ("Est. delay: 8 min", "estimated delay : eight minutes"),
            ("open 10 hrs daily", "open ten hours daily"),
            ("2 wks left", "two weeks left"),
            ("Lvl 2", "level two"),
            ("Take Rt. 4 west", "take route four west"),
            ("addl. fees", "additional fees"),
            ("your appt. today", "your appointment today"),
            ("200 pts", "two hundred points"),
            ("per hr", "per hour"),
            ("Open M-F", "open monday to friday"),
        ]);
    }

    #[test]
    fn printed_and_name_abbreviations() {
        check(&[
            ("see p. 12", "see page twelve"),
            ("pp. 4-6", "pages four to six"),
            ("vol. 3, ch. 2", "volume three , chapter two"),
            ("Fig. 7", "figure seven"),
            ("Op. 27", "opus twenty seven"),
            ("Plat. 4", "platform four"),
            ("Pl. 2", "platform two"),
            ("Jct. 9", "junction nine"),
            ("Apt. 5", "apartment five"),
            ("Ste. 300", "suite three hundred"),
            ("King Jr. Blvd", "king junior boulevard"),
            ("Smith Sr. (retired)", "smith senior retired"),
            ("Call St. Vincent", "call saint vincent"),
            ("min. 2 nights", "minimum two nights"),
            ("Max. 4 people", "maximum four people"),
            ("max. (4 people)", "maximum four people"),
            ("approx. Noon", "approximately noon"),
            ("in 5 min. Doors open", "in five minutes . doors open"),
            ("speed 40 max. Slow down", "speed forty max . slow down"),
            (
                "Bob Smith Jr. Please wait",
                "bob smith junior . please wait",
            ),
            ("Pl. Vendome", "place vendome"),
        ]);
    }
}
