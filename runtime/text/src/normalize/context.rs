//! Context rules: readings that depend on the neighbouring words, kept in one place.
//!
//! - `St`: Street after a name, number or direction, else Saint; `Dr`: Drive likewise unless a
//!   capitalized name follows (then Doctor).
//! - `no.`/`No.`/`Nr.` before a number: "number".
//! - `N`/`S`/`E`/`W`/`NE`/… : a compass direction after a road number (`Hwy 101 S`), before a
//!   street name (`NW 5th St.`) or dotted before a name (`W. Broadway`, not `John W. Smith`).
//! - A period after an abbreviation that introduces a number (`Oct. 3rd`, `no. 17`, `Apt. 4`),
//!   before a lowercase word, or after a name-like abbreviation (`Jr.`, `W.`, `approx.`) before
//!   a parenthesis or a capitalized word that starts no sentence does not end the sentence.
//! - A measure is singular before the noun it modifies (`a 12 oz. coffee`, `2 lb bags`).
//! - Numbers after `PIN`, `code` or `ending in` read digit by digit.
//! - 3–4 digit numbers after nominal words (`room 214`) or before a street name read as
//!   identifiers.

use super::numbers::is_digits;
use super::Chunk;

/// Words before a number that make 3–4 digit numbers read as identifiers (`room 214`).
pub(super) const NOMINAL_CONTEXT: [&str; 17] = [
    "room",
    "rm",
    "suite",
    "ste",
    "unit",
    "flight",
    "route",
    "rte",
    "highway",
    "hwy",
    "interstate",
    "channel",
    "apartment",
    "apt",
    "bus",
    "train",
    "section",
];

/// Street-type words after an address number, with their readings.
pub(super) const STREET_TYPES: [(&str, &str); 36] = [
    ("St", "street"),
    ("Street", "street"),
    ("Ave", "avenue"),
    ("Av", "avenue"),
    ("Avenue", "avenue"),
    ("Rd", "road"),
    ("Road", "road"),
    ("Blvd", "boulevard"),
    ("Boulevard", "boulevard"),
    ("Dr", "drive"),
    ("Drive", "drive"),
    ("Ln", "lane"),
    ("Lane", "lane"),
    ("Way", "way"),
    ("Ct", "court"),
    ("Court", "court"),
    ("Pl", "place"),
    ("Place", "place"),
    ("Hwy", "highway"),
    ("Highway", "highway"),
    ("Pkwy", "parkway"),
    ("Parkway", "parkway"),
    ("Expy", "expressway"),
    ("Fwy", "freeway"),
    ("Ter", "terrace"),
    ("Terr", "terrace"),
    ("Cir", "circle"),
    ("Circle", "circle"),
    ("Sq", "square"),
    ("Square", "square"),
    ("Trl", "trail"),
    ("Plz", "plaza"),
    ("Hts", "heights"),
    ("Ctr", "center"),
    ("Aly", "alley"),
    ("Sta", "station"),
];

/// Road words before a route number (`Hwy 101`, `Route 66`, `I-5`).
const ROAD_WORDS: [&str; 12] = [
    "hwy",
    "highway",
    "route",
    "rte",
    "interstate",
    "i",
    "us",
    "sr",
    "state",
    "road",
    "exit",
    "freeway",
];

/// Words after which a compass letter is a direction (`winds NW`, `from the SW`).
const HEADING_WORDS: [&str; 10] = [
    "winds", "wind", "from", "the", "heading", "head", "facing", "toward", "towards", "blowing",
];

/// Compass directions and their readings.
pub(super) const DIRECTIONS: [(&str, &str); 16] = [
    ("N", "north"),
    ("S", "south"),
    ("E", "east"),
    ("W", "west"),
    ("NE", "northeast"),
    ("NW", "northwest"),
    ("SE", "southeast"),
    ("SW", "southwest"),
    ("NNE", "north northeast"),
    ("ENE", "east northeast"),
    ("ESE", "east southeast"),
    ("SSE", "south southeast"),
    ("SSW", "south southwest"),
    ("WSW", "west southwest"),
    ("WNW", "west northwest"),
    ("NNW", "north northwest"),
];

/// Nouns after which a lone letter names a transit line, not a direction (`the N train`).
const LINE_NOUNS: [&str; 6] = ["train", "trains", "line", "lines", "express", "local"];

/// Abbreviations whose period is followed by a number they introduce (`Oct. 3`, `no. 17`,
/// `Dept. 5B`, `W. 12th St.`).
const BEFORE_NUMBER: [&str; 69] = [
    "no", "nr", "num", "vol", "ch", "pg", "pp", "p", "fig", "sec", "art", "apt", "ste", "rm", "op",
    "pl", "jct", "min", "max", "hwy", "rte", "ext", "tel", "ph", "approx", "est", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "bldg", "lvl", "plat",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "dept", "fl", "flr",
    "ref", "term", "incl", "avg", "qty", "n", "s", "e", "w", "ne", "nw", "se", "sw", "gate", "rt",
];

/// Abbreviations whose period leaves the sentence open before a capitalized word that does
/// not start a sentence (`King Jr. Blvd`, `W. Broadway`, `approx. Noon`) or a parenthesis.
const BEFORE_NAME: [&str; 28] = [
    "jr", "sr", "st", "no", "n", "s", "e", "w", "ne", "nw", "se", "sw", "min", "max", "approx",
    "p", "pp", "vol", "ch", "fig", "op", "plat", "pl", "jct", "apt", "ste", "dept", "bldg",
];

/// Capitalized words that start a sentence after an abbreviation's period (`… Jr. Please
/// wait`), so the period ends the sentence before them.
const SENTENCE_STARTERS: [&str; 40] = [
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "we", "you", "they",
    "i", "please", "then", "there", "here", "your", "our", "my", "thank", "thanks", "next", "now",
    "if", "when", "do", "don't", "is", "are", "was", "what", "where", "why", "how", "all", "for",
    "in", "on",
];

/// Whether a period after `word` (or after its last dash-joined piece: `3–Apr.`) leaves the
/// sentence open given the `next` chunk as written (leading brackets included): before a
/// lowercase word; before a number or `#` after an abbreviation that introduces one (`Oct. 3`,
/// `p. 12`); before a parenthesis or a capitalized non-starter word after one of
/// `BEFORE_NAME` (`King Jr. Blvd`, `approx. (10 min)`).
/// `after_number` tells whether a number stands right before `word`: then `min.`/`max.` are
/// minutes and a maximum's unit (`5 min. Doors open`), which end sentences as words do.
pub(crate) fn period_continues(word: &str, next: &str, after_number: bool) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    let w = word
        .rsplit(['-', '–'])
        .next()
        .unwrap_or(word)
        .trim_start_matches(['(', '"', '\''])
        .to_ascii_lowercase();
    let w = w.as_str();
    let name_next = first.is_ascii_uppercase() && {
        let bare: String = next
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '\'')
            .collect();
        !SENTENCE_STARTERS.contains(&bare.to_ascii_lowercase().as_str())
    };
    if after_number && matches!(w, "min" | "max") {
        return first.is_ascii_lowercase();
    }
    first.is_ascii_lowercase()
        || (first.is_ascii_digit() || first == '#') && BEFORE_NUMBER.contains(&w)
        || (first == '(' || name_next) && BEFORE_NAME.contains(&w)
}

/// `Est.` before a year is "established" (`Est. 1887`), else "estimated" (`Est. arrival`).
pub(super) fn est_reading(next: Option<&Chunk>) -> &'static str {
    if next.is_some_and(|n| super::numbers::is_year(&n.core)) {
        "established"
    } else {
        "estimated"
    }
}

/// Whether a chunk is a day of the week, written out or abbreviated (`Fri`, `Sat.`, `Monday`).
fn day_chunk(c: &Chunk) -> bool {
    let core = c.core.trim_end_matches('.');
    super::abbreviation::day(core).is_some()
        || super::abbreviation::DAYS
            .iter()
            .any(|(_, name)| name.eq_ignore_ascii_case(core))
}

/// Day abbreviations that are no English word, so they are days anywhere (`Fri`, `Thurs`).
const DAY_ONLY: [&str; 14] = [
    "Mon", "Tue", "Tues", "Thu", "Thur", "Thurs", "Fri", "MON", "TUE", "TUES", "THU", "THUR",
    "THURS", "FRI",
];

/// Whether a day abbreviation at `i` of `cs` reads as a day: always for those that are no
/// English word, else when dotted, before a time or range (`Sat 10-4`, `Sun: 9–5`), after a
/// range word, or listed with another day (`Mon, Wed & Fri`, `Sat and Sun`).
pub(super) fn is_weekday(cs: &[Chunk], i: usize) -> bool {
    let cur = &cs[i];
    let at = |k: isize| usize::try_from(i as isize + k).ok().and_then(|j| cs.get(j));
    let next = at(1);
    let conj = |c: &Chunk| {
        c.trail.is_empty() && matches!(c.core.as_str(), "&" | "and" | "or" | "through" | "thru")
    };
    let before_number = matches!(cur.trail.as_str(), "" | ":")
        && next.is_some_and(|n| n.starts_with_digit() || matches!(n.core.as_str(), "–" | "-"));
    let after_range = at(-1).is_some_and(|p| {
        matches!(p.core.as_str(), "–" | "-" | "to" | "through" | "thru") || day_chunk(p)
    });
    let listed_before = next.is_some_and(|n| {
        (cur.trail.starts_with(',') && day_chunk(n))
            || (cur.trail.is_empty() && conj(n) && at(2).is_some_and(day_chunk))
    });
    let listed_after = at(-1).is_some_and(conj) && at(-2).is_some_and(day_chunk);
    DAY_ONLY.contains(&cur.core.as_str())
        || cur.trail.starts_with('.')
        || before_number
        || after_range
        || listed_before
        || listed_after
}

/// Words after which a slashed month and day is a date (`until 3/4`).
const DATE_BEFORE: [&str; 10] = [
    "on",
    "until",
    "till",
    "thru",
    "through",
    "since",
    "expires",
    "effective",
    "starting",
    "due",
];

/// Whether `m/d` is a month and day rather than a fraction: a valid date written with a
/// leading zero (`04/15`), or a day past twelve that no everyday fraction has (`12/31`, not
/// `5/16`), or any valid date after a date word (`until 3/4`).
pub(super) fn is_month_day(m: &str, d: &str, prev: Option<&Chunk>) -> bool {
    let (Ok(mv), Ok(dv)) = (m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    if !(1..=12).contains(&mv) || !(1..=31).contains(&dv) || m.len() > 2 || d.len() > 2 {
        return false;
    }
    let zero_padded = m.len() == 2 && d.len() == 2 && (m.starts_with('0') || d.starts_with('0'));
    let after_date_word = prev.is_some_and(|p| {
        p.trail.is_empty() && DATE_BEFORE.contains(&p.core.to_ascii_lowercase().as_str())
    });
    zero_padded || (dv > 12 && dv != 16) || after_date_word
}

/// Whether a chunk reads like a house or road number: digits, an ordinal (`5th`) or a code
/// ending in digits (`I-5`, `101`).
fn numberish(c: &Chunk) -> bool {
    let body = c.core.trim_end_matches(|ch: char| ch.is_ascii_alphabetic());
    is_digits(&c.core)
        || (is_digits(body)
            && matches!(
                c.core[body.len()..].to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            ))
}

fn direction_word(c: &Chunk) -> bool {
    DIRECTIONS
        .iter()
        .any(|(d, _)| *d == c.core.replace('.', ""))
}

/// Whether `prev` names the street before a street-type word (`Maple`, `5th`, `221`, `N`).
pub(super) fn street_name_before(prev: Option<&Chunk>) -> bool {
    prev.is_some_and(|p| {
        let suffix = p.trail == "." && matches!(p.core.as_str(), "Jr" | "Sr");
        (p.trail.is_empty() || suffix) && (p.capitalized() || numberish(p) || direction_word(p))
    })
}

/// The reading of a street-type abbreviation after a street name (`Laguna Ct`, `Main Sta`).
pub(super) fn street_type(core: &str, prev: Option<&Chunk>) -> Option<&'static str> {
    let (_, reading) = STREET_TYPES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(core))?;
    (core.len() <= 4 && street_name_before(prev)).then_some(*reading)
}

/// `St` after a street name is Street, else Saint (`St. Mary's`).
pub(super) fn street_or_saint(prev: Option<&Chunk>) -> &'static str {
    if street_name_before(prev) {
        "street"
    } else {
        "saint"
    }
}

/// `Dr` after a street name with no capitalized name after it is Drive, else Doctor.
pub(super) fn drive_or_doctor(prev: Option<&Chunk>, next: Option<&Chunk>) -> &'static str {
    let next_cap = next.is_some_and(Chunk::capitalized);
    if street_name_before(prev) && !next_cap {
        "drive"
    } else {
        "doctor"
    }
}

/// Whether `No`/`no`/`Nr` (with its period, or `#`-like use) means "number" here.
pub(super) fn is_number_sign(core: &str, dotted: bool, next: Option<&Chunk>) -> bool {
    matches!(core, "No" | "no" | "NO" | "Nr" | "nr" | "Num" | "num")
        && dotted
        && next.is_some_and(Chunk::starts_with_digit)
}

/// Whether a direction letter at this position is a compass direction: after a road number
/// (`Hwy 101 S`, `I-5 N`), after a house number (`1211 E Arques Ave`), or before a street
/// name that ends in a street type within three words (`NW 5th St.`).
///
/// A dotted direction before a capitalized name (`W. Broadway`) is one too, unless a
/// capitalized word other than the sentence's first stands before it (`John W. Smith`):
/// `prev_first` tells whether `prev` is the first chunk.
pub(super) fn is_direction(
    prev: Option<&Chunk>,
    prev2: Option<&Chunk>,
    after: &[Chunk],
    prev_first: bool,
) -> bool {
    let dotted_before_name = after.first().is_some_and(|c| c.trail == ".")
        && after
            .get(1)
            .is_some_and(|n| n.lead.is_empty() && n.capitalized())
        && prev.is_none_or(|p| {
            let initial = p.core.len() == 1 && p.capitalized();
            !initial && (!p.capitalized() || !p.trail.is_empty() || prev_first)
        });
    let after_road = prev.is_some_and(|p| {
        p.trail.is_empty()
            && (is_digits(&p.core) || p.core.contains('-') && p.core.ends_with(char::is_numeric))
            && (p.core.contains('-')
                || prev2.is_some_and(|q| {
                    q.trail.is_empty() && ROAD_WORDS.contains(&q.core.to_ascii_lowercase().as_str())
                }))
    });
    let after_house = prev.is_some_and(|p| p.trail.is_empty() && is_digits(&p.core));
    let before_street = after.iter().take(3).enumerate().any(|(k, c)| {
        k > 0
            && STREET_TYPES.iter().any(|(s, _)| *s == c.core)
            && after[..k]
                .iter()
                .all(|x| x.trail.is_empty() && (x.capitalized() || numberish(x)))
    });
    let after_heading = prev.is_some_and(|p| {
        p.trail.is_empty() && HEADING_WORDS.contains(&p.core.to_ascii_lowercase().as_str())
    });
    let after_street_type = prev.is_some_and(|p| {
        p.trail.is_empty()
            && STREET_TYPES
                .iter()
                .any(|(s, _)| *s == p.core.trim_end_matches('.'))
    }) && prev2.is_some_and(|q| q.trail.is_empty() && q.capitalized());
    let names_line = after.first().is_some_and(|c| c.trail.is_empty())
        && after
            .get(1)
            .is_some_and(|n| LINE_NOUNS.contains(&n.core.to_ascii_lowercase().as_str()));
    !names_line
        && (after_road
            || after_house
            || before_street
            || after_heading
            || after_street_type
            || dotted_before_name)
}

/// Words before a number whose measure then modifies a noun (`the 20 min delay`).
const DETERMINERS: [&str; 16] = [
    "a", "an", "the", "this", "that", "your", "our", "my", "their", "its", "his", "her", "each",
    "every", "any", "one",
];

/// Lowercase words after a measure that are not a noun it modifies (`5 GB free`, `10 min
/// left`, `3 ft of snow`).
const NOT_MODIFIED: [&str; 62] = [
    "of",
    "per",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "and",
    "or",
    "but",
    "with",
    "without",
    "is",
    "are",
    "was",
    "were",
    "will",
    "be",
    "has",
    "have",
    "had",
    "left",
    "remaining",
    "ago",
    "away",
    "ahead",
    "behind",
    "long",
    "wide",
    "high",
    "tall",
    "deep",
    "thick",
    "old",
    "late",
    "early",
    "later",
    "earlier",
    "before",
    "after",
    "each",
    "apiece",
    "total",
    "more",
    "less",
    "max",
    "min",
    "only",
    "off",
    "free",
    "than",
    "until",
    "by",
    "into",
    "over",
    "under",
    "up",
    "down",
    "out",
    "tops",
    "back",
];

/// Units whose number, written together with them, modifies the noun after it even without
/// an article (`use 12V adapters`, `with 48MP sensor`).
const GLUED_ATTRIBUTIVE: [&str; 13] = [
    "volt",
    "watt",
    "kilowatt",
    "milliamp hour",
    "amp hour",
    "megapixel",
    "millimeter",
    "hertz",
    "gigabyte",
    "terabyte",
    "inch",
    "megahertz",
    "gigahertz",
];

/// Nouns (singular; a plural `s` is dropped before lookup) that a measure before them
/// modifies even without an article (`2 lb bags`, `10 min walk`, `65W charger`).
const MEASURED_NOUNS: [&str; 44] = [
    "bag",
    "box",
    "bottle",
    "can",
    "jar",
    "pack",
    "tank",
    "battery",
    "bulb",
    "adapter",
    "charger",
    "cable",
    "cord",
    "hose",
    "pipe",
    "pot",
    "pan",
    "drum",
    "tub",
    "container",
    "carton",
    "jug",
    "bucket",
    "screen",
    "monitor",
    "laptop",
    "display",
    "walk",
    "ride",
    "drive",
    "trip",
    "delay",
    "wait",
    "break",
    "cycle",
    "timer",
    "warranty",
    "limit",
    "layover",
    "stop",
    "detour",
    "window",
    "zone",
    "session",
];

/// Whether a number and its unit modify the noun after them (`a 12 oz. coffee`, `a $3 tip`,
/// `the 20 min delay`, `a 48MP sensor`): the unit is then singular. `glued_unit` is the
/// singular reading of a unit written together with the number (`12V`), if any.
pub(super) fn attributive(
    prev: Option<&Chunk>,
    unit: &Chunk,
    next: Option<&Chunk>,
    glued_unit: Option<&str>,
) -> bool {
    let determiner = prev.is_some_and(|p| {
        p.trail.is_empty() && DETERMINERS.contains(&p.core.to_ascii_lowercase().as_str())
    });
    let noun_next = next.is_some_and(|n| {
        n.lead.is_empty()
            && n.core.chars().all(|c| c.is_ascii_lowercase())
            && !n.core.is_empty()
            && !NOT_MODIFIED.contains(&n.core.as_str())
    });
    let glued = glued_unit.is_some_and(|u| GLUED_ATTRIBUTIVE.contains(&u));
    let measured_noun = next.is_some_and(|n| {
        let w = n.core.strip_suffix('s').unwrap_or(&n.core);
        MEASURED_NOUNS.contains(&w) || MEASURED_NOUNS.contains(&n.core.as_str())
    });
    (determiner || glued || measured_noun)
        && matches!(unit.trail.as_str(), "" | "." | "\"" | "'")
        && noun_next
}

/// Words after which a number is a code read digit by digit (`PIN 4821`, `ending in 8876`);
/// two-word phrases are written with a space.
const DIGIT_CODE_BEFORE: [&str; 8] = [
    "pin",
    "otp",
    "passcode",
    "code",
    "ending in",
    "ends in",
    "ending with",
    "last four",
];

/// Nouns after which a number of five or more digits is an identifier read digit by digit
/// (`order 48213`, `Stop ID 14287`).
const CODE_NOUNS: [&str; 30] = [
    "id",
    "order",
    "confirmation",
    "booking",
    "reservation",
    "tracking",
    "account",
    "acct",
    "member",
    "membership",
    "invoice",
    "reference",
    "ref",
    "case",
    "claim",
    "stop",
    "item",
    "sku",
    "model",
    "serial",
    "policy",
    "permit",
    "badge",
    "customer",
    "transaction",
    "ticket",
    "no",
    "nr",
    "number",
    "part",
];

/// Nouns after which digit groups joined by dashes are one code, not a range (`no. 34-221`).
const DASHED_CODE_NOUNS: [&str; 14] = [
    "no",
    "nr",
    "num",
    "item",
    "sku",
    "model",
    "part",
    "serial",
    "ref",
    "reference",
    "id",
    "policy",
    "permit",
    "invoice",
];

/// Words after which a number of three or more digits is dialled, so read digit by digit
/// (`call 911`, `dial 411`).
const DIALLED_BEFORE: [&str; 4] = ["call", "dial", "text", "txt"];

/// The lowercase word of a chunk that introduces what follows it: no punctuation after it,
/// or a colon, or the period of `no.`/`ref.`.
fn introducing(c: &Chunk) -> Option<String> {
    let w = c.core.to_ascii_lowercase();
    let ok = matches!(c.trail.as_str(), "" | ":")
        || c.trail == "." && matches!(w.as_str(), "no" | "nr" | "num" | "ref");
    ok.then_some(w)
}

/// Whether the number `digits` after the chunks `before` is a code read digit by digit: after
/// `PIN`, `code`, `ending in`; five or more digits after an identifier noun (`order 48213`);
/// three or more after `call`/`dial`; an SMS short code (`text STOP to 72345`).
pub(super) fn is_digit_code(before: &[Chunk], digits: &str) -> bool {
    let back = |k: usize| before.len().checked_sub(k).and_then(|j| before.get(j));
    let Some(one) = back(1).and_then(introducing) else {
        return false;
    };
    let two = back(2)
        .filter(|q| q.trail.is_empty())
        .map(|q| format!("{} {one}", q.core.to_ascii_lowercase()));
    let keyword = DIGIT_CODE_BEFORE
        .iter()
        .any(|w| *w == one || two.as_deref() == Some(*w));
    let identifier = digits.len() >= 5 && CODE_NOUNS.contains(&one.as_str());
    let dialled = digits.len() >= 3 && DIALLED_BEFORE.contains(&one.as_str());
    let short_code = one == "to"
        && (5..=6).contains(&digits.len())
        && back(2).is_some_and(|q| {
            q.trail.is_empty() && q.core.len() > 1 && q.core.chars().all(|c| c.is_ascii_uppercase())
        })
        && back(3).is_some_and(|r| {
            DIALLED_BEFORE.contains(&r.core.to_ascii_lowercase().as_str())
                || r.core.eq_ignore_ascii_case("reply")
        });
    keyword || identifier || dialled || short_code
}

/// Whether digit groups joined by dashes after `prev` are one code (`Item no. 34-221`).
pub(super) fn is_dashed_code(prev: Option<&Chunk>) -> bool {
    prev.and_then(introducing)
        .is_some_and(|w| DASHED_CODE_NOUNS.contains(&w.as_str()))
}

/// Whether a 3–4 digit number reads as an identifier (`room 214`, `221 Baker St`, a flight
/// after its carrier's code: `AA 2231`).
pub(super) fn is_nominal_number(prev: Option<&Chunk>, cur: &Chunk, after: &[Chunk]) -> bool {
    let prev_nominal = prev.is_some_and(|p| {
        let w = p.core.to_ascii_lowercase();
        NOMINAL_CONTEXT.contains(&w.as_str())
            && (p.trail.is_empty()
                || p.trail == "." && matches!(w.as_str(), "rm" | "ste" | "apt" | "rte" | "hwy"))
    });
    let open = |c: &Chunk| c.trail.is_empty() || c.trail == "." && direction_word(c);
    let street = cur.trail.is_empty()
        && after
            .first()
            .is_some_and(|c| c.capitalized() || numberish(c))
        && (1..=3).any(|k| {
            after
                .get(k)
                .is_some_and(|c| STREET_TYPES.iter().any(|(s, _)| *s == c.core))
                && after[..k].iter().all(open)
        });
    let carrier = prev.is_some_and(|p| {
        p.trail.is_empty()
            && p.core.len() == 2
            && p.core
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && p.core.chars().any(|c| c.is_ascii_uppercase())
    });
    prev_nominal || street || carrier
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn table() {
        check(&[
            ("St. Mary's", "saint mary's"),
            (
                "Welcome to St. Mary's Hospital.",
                "welcome to saint mary's hospital .",
            ),
            ("Maple St.", "maple street ."),
            ("on 5th St. today", "on fifth street today"),
            ("NW 5th St.", "northwest fifth street ."),
            ("Dr. Patel", "doctor patel"),
            ("Sunset Dr.", "sunset drive ."),
            (
                "100 Dr. Martin Luther King Blvd",
                "one hundred doctor martin luther king boulevard",
            ),
            ("No. 9", "number nine"),
            ("Ticket no. 17", "ticket number seventeen"),
            ("No. I will not.", "no . i will not ."),
            ("Hwy 101 S", "highway one oh one south"),
            ("Take I-5 N to exit 4.", "take I five north to exit four ."),
            (
                "Winds NW at 15 mph.",
                "winds northwest at fifteen miles per hour .",
            ),
            ("from the SW", "from the southwest"),
            ("a 12 oz. coffee", "a twelve ounce coffee"),
            ("sold in 2 lb bags", "sold in two pound bags"),
            ("a 10 min walk", "a ten minute walk"),
            ("only 5 min walk away", "only five minute walk away"),
            ("add 2 lb flour", "add two pounds flour"),
            ("wait 5 min. Walk on", "wait five minutes . walk on"),
            ("Add a $3 tip?", "add a three dollar tip ?"),
            ("1211 E Arques Ave", "twelve eleven east arques avenue"),
            ("Oct. 3rd.", "october third ."),
            ("room 214", "room two fourteen"),
            (
                "the card ending in 4417",
                "the card ending in four four one seven",
            ),
            ("Enter PIN 0290 now", "enter pin zero two nine zero now"),
            ("door code: 5512", "door code : five five one two"),
            ("code red", "code red"),
            ("Plan S is fine", "plan S is fine"),
            ("Dept. 7 is open", "department seven is open"),
            ("12 E. 3rd Ave", "twelve east third avenue"),
            ("Wind ENE 5 mph", "wind east northeast five miles per hour"),
            ("Ride the E train downtown", "ride the E train downtown"),
            ("410 Grand Blvd SE", "four ten grand boulevard southeast"),
            ("the S.W. gate", "the southwest gate"),
            ("on W. Broadway", "on west broadway"),
            ("Take E. Colfax to the park", "take east colfax to the park"),
            ("Ask John W. Smith", "ask john W smith"),
            ("W. Broadway is closed", "west broadway is closed"),
            ("C. S. Lewis", "C . S lewis"),
            ("King Jr. Dr. is closed", "king junior drive is closed"),
        ]);
    }
}
