//! Table tests: each element, rates and breaks, malformed and hostile documents.

use super::*;

fn doc(src: &str) -> Document {
    parse(src, Options::default()).unwrap_or_else(|e| panic!("{src}: {e}"))
}

/// Segments rendered compactly: `rate:words…` (marks inside as `#mark`), `|ms|`, `#mark`.
fn render(src: &str) -> String {
    doc(src)
        .segments
        .iter()
        .map(|s| match s {
            Segment::Speech { items, rate, marks } => {
                let mut words: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        Item::Word(w) => w.to_ascii_lowercase(),
                        Item::Letter(c) => c.to_string(),
                        Item::Ipa(p) => format!("[{p}]"),
                        Item::Pause(p) => p.to_string(),
                    })
                    .collect();
                for m in marks.iter().rev() {
                    words.insert(m.at, format!("#{}", m.name));
                }
                format!("{rate}:{}", words.join(" "))
            }
            Segment::Break { ms } => format!("|{ms}|"),
            Segment::Mark { name } => format!("#{name}"),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

#[test]
fn elements_table() {
    let cases = [
        ("<speak>Hello world.</speak>", "1:hello world ."),
        (
            "<speak>Hello <break time=\"500ms\"/> world</speak>",
            "1:hello / |500| / 1:world",
        ),
        (
            "<speak>A<break time='1.5s'/>B</speak>",
            "1:A / |1500| / 1:B",
        ),
        (
            "<speak>a<break strength=\"strong\"/>b</speak>",
            "1:a / |700| / 1:B",
        ),
        ("<speak>a<break/>b</speak>", "1:a / |400| / 1:B"),
        ("<speak>x<break time=\"99s\"/></speak>", "1:X / |10000|"),
        (
            "<speak><say-as interpret-as=\"characters\">abc1</say-as></speak>",
            "1:A B C one",
        ),
        (
            "<speak><say-as interpret-as=\"cardinal\">1234</say-as></speak>",
            "1:one thousand two hundred thirty four",
        ),
        (
            "<speak><say-as interpret-as=\"ordinal\">3</say-as></speak>",
            "1:third",
        ),
        (
            "<speak><say-as interpret-as=\"digits\">1234</say-as></speak>",
            "1:one two three four",
        ),
        (
            "<speak><say-as interpret-as=\"telephone\">555-0123</say-as></speak>",
            "1:five five five , zero one two three",
        ),
        (
            "<speak><say-as interpret-as=\"date\">Dec. 5th</say-as></speak>",
            "1:december fifth",
        ),
        (
            "<speak><say-as interpret-as=\"time\">7:30 PM</say-as></speak>",
            "1:seven thirty P M",
        ),
        (
            "<speak>I like <sub alias=\"World Wide Web\">WWW</sub>.</speak>",
            "1:i like world wide web .",
        ),
        (
            "<speak><phoneme alphabet=\"ipa\" ph=\"sˈɑːtoʊ\">Sotto</phoneme></speak>",
            "1:[sˈɑːtoʊ]",
        ),
        (
            "<speak>a <prosody rate=\"slow\">b c</prosody> d</speak>",
            "1:a / 0.8:B C / 1:D",
        ),
        (
            "<speak><prosody rate=\"200%\">fast</prosody></speak>",
            "2:fast",
        ),
        (
            "<speak><prosody rate=\"+50%\"><prosody rate=\"x-slow\">x</prosody></prosody></speak>",
            "0.90000004:X",
        ),
        ("<speak>one<mark name=\"m1\"/>two</speak>", "1:one #m1 two"),
        (
            "<speak><mark name=\"a\"/>One.<mark name=\"b\"/> Two.<mark name=\"c\"/></speak>",
            "1:#a one . / 1:#b two . / #c",
        ),
        (
            "<speak>One.<mark name=\"b\"/><break time=\"1s\"/><s><mark name=\"c\"/>Two</s></speak>",
            "1:one . / #b / |1000| / 1:#c two",
        ),
        (
            "<speak><p><s>First.</s><s>Second</s></p><p>Third</p></speak>",
            "1:first . / 1:second / 1:third",
        ),
        (
            "<speak>Tom &amp; Jerry &lt;3 &#65;&#x42;</speak>",
            "1:tom and jerry less than three ab",
        ),
        (
            "<?xml version=\"1.0\"?><speak><!-- note -->Hi<![CDATA[ <b> ]]></speak>",
            "1:hi",
        ),
        (
            "<speak xmlns=\"http://www.w3.org/2001/10/synthesis\" version=\"1.0\">ok</speak>",
            "1:ok",
        ),
        ("<speak></speak>", ""),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = render(src);
        if got != want {
            failures.push(format!("{src}\n  got  {got}\n  want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_documents_name_line_and_column() {
    let cases: [(&str, (usize, usize), &str); 17] = [
        ("<speak>Hi", (1, 1), "never closed"),
        ("<speak>Hi</p></speak>", (1, 10), "closes <speak>"),
        (
            "<speak>\n  <foo>x</foo></speak>",
            (2, 3),
            "unsupported element <foo>",
        ),
        (
            "<speak><break time=\"soon\"/></speak>",
            (1, 8),
            "break time",
        ),
        ("<speak><break time=500ms/></speak>", (1, 20), "quoted"),
        ("<speak>a &nbsp; b</speak>", (1, 10), "unknown entity"),
        ("<speak>a & b</speak>", (1, 10), "entity"),
        (
            "<!DOCTYPE speak [<!ENTITY a \"aaaa\">]><speak>&a;</speak>",
            (1, 1),
            "DOCTYPE",
        ),
        (
            "<speak><say-as interpret-as=\"money\">1</say-as></speak>",
            (1, 8),
            "say-as",
        ),
        (
            "<speak><phoneme alphabet=\"x-sampa\" ph=\"a\">a</phoneme></speak>",
            (1, 8),
            "alphabet",
        ),
        (
            "<speak><prosody rate=\"10000%\">a</prosody></speak>",
            (1, 8),
            "outside",
        ),
        ("<speak><mark/></speak>", (1, 8), "name"),
        ("<speak><sub>x</sub></speak>", (1, 8), "alias"),
        ("<p>hi</p>", (1, 1), "root element must be <speak>"),
        ("<speak>a</speak><speak>b</speak>", (1, 17), "one root"),
        ("<speak a=\"1\" a=\"2\">x</speak>", (1, 14), "twice"),
        ("<speak>&#0;</speak>", (1, 8), "character reference"),
    ];
    for (src, (line, column), needle) in cases {
        let e = parse(src, Options::default()).expect_err(src);
        assert_eq!((e.line, e.column), (line, column), "{src}: {e}");
        assert!(e.message.contains(needle), "{src}: {e}");
    }
}

#[test]
fn lenient_mode_drops_unknown_tags_but_never_reads_them() {
    let src = "<speak>Hello <emphasis level=\"strong\">big</emphasis> <audio src=\"x.wav\"/>world</speak>";
    assert!(parse(src, Options::default()).is_err());
    let d = parse(src, Options { lenient: true }).unwrap();
    let words: Vec<&Item> = d
        .segments
        .iter()
        .flat_map(|s| match s {
            Segment::Speech { items, .. } => items.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    let text: Vec<String> = words
        .iter()
        .filter_map(|i| match i {
            Item::Word(w) => Some(w.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    assert_eq!(text, ["hello", "big", "world"]);
}

#[test]
fn hostile_documents_are_bounded() {
    let deep = format!(
        "<speak>{}x{}</speak>",
        "<s>".repeat(100),
        "</s>".repeat(100)
    );
    let e = parse(&deep, Options::default()).unwrap_err();
    assert!(e.message.contains("deeper"), "{e}");
    let big = format!("<speak>{}</speak>", "a ".repeat(MAX_DOCUMENT_BYTES));
    assert!(parse(&big, Options::default())
        .unwrap_err()
        .message
        .contains("larger"));
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><speak>&lol2;</speak>";
    assert!(parse(laughs, Options::default())
        .unwrap_err()
        .message
        .contains("DOCTYPE"));
    let external = "<!DOCTYPE speak SYSTEM \"file:///etc/passwd\"><speak>x</speak>";
    assert!(parse(external, Options::default()).is_err());
    let long_text = format!("<speak>{}</speak>", "word ".repeat(5000));
    let d = parse(&long_text, Options::default()).unwrap();
    assert!(d.segments.iter().all(|s| match s {
        Segment::Speech { items, .. } => items.len() <= MAX_SPAN_ITEMS,
        _ => true,
    }));
}

#[test]
fn detects_ssml() {
    assert!(looks_like_ssml("<speak>hi</speak>"));
    assert!(looks_like_ssml(
        "  \n<?xml version=\"1.0\"?>\n<speak>hi</speak>"
    ));
    assert!(!looks_like_ssml("Hello <b>there</b>"));
    assert!(!looks_like_ssml("speak now"));
}
