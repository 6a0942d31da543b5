//! End-to-end phonemization: espeak-ng style output, overrides and hostile inputs.

use sotto_text::{Frontend, PhonemeIdMap, Script};

const CASES: &[(&str, &str)] = &[
    ("Hello, world.", "həlˈoʊ, wˈɜːld."),
    ("The quick brown fox.", "ðə kwˈɪk bɹˈaʊn fˈɑːks."),
    ("the east", "ðɪ ˈiːst"),
    ("I want to go.", "aɪ wˈɑːnt tə ɡˈoʊ."),
    ("Is it?", "ɪz ɪt?"),
    ("Is it on?", "ɪz ɪɾ ˈɑːn?"),
    ("water", "wˈɔːɾɚ"),
    ("city", "sˈɪɾi"),
    ("Press * then #.", "pɹˈɛs stˈɑːɹ ðˈɛn pˈaʊnd."),
    ("Gate B12", "ɡˈeɪt bˈiː twˈɛlv"),
    ("NASA", "nˈæsə"),
    ("XKCD", "ˈɛks kˈeɪ sˈiː dˈiː"),
    ("Say [[ sˈɑːtoʊ ]].", "sˈeɪ sˈɑːtoʊ."),
    ("", ""),
    ("   \t\n", ""),
    ("😀🎉", ""),
    ("?!?!...", ""),
];

#[test]
fn phonemizes_table() {
    let fe = Frontend::new();
    let mut failures = Vec::new();
    for (input, want) in CASES {
        let got = fe.phonemize(input).unwrap();
        if got != *want {
            failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn heteronyms_follow_context() {
    let fe = Frontend::new();
    assert!(fe.phonemize("I have read it.").unwrap().contains("ɹˈɛd"));
    assert!(fe.phonemize("Please read it.").unwrap().contains("ɹˈiːd"));
    assert!(fe.phonemize("They live here.").unwrap().contains("lˈɪv"));
    assert!(fe.phonemize("a live show").unwrap().contains("lˈaɪv"));
    assert!(fe.phonemize("a new record").unwrap().contains("ɹˈɛkɚd"));
}

#[test]
fn user_lexicon_overrides() {
    let fe = Frontend::with_user_lexicon("# names\nSotto sˈɑːtoʊ\nzork Z AO1 R K\n").unwrap();
    assert_eq!(fe.phonemize("Sotto zork.").unwrap(), "sˈɑːtoʊ zˈoːɹk.");
    assert!(Frontend::with_user_lexicon("word\n").is_err());
    assert!(Frontend::with_user_lexicon("word 😀\n").is_err());
}

#[test]
fn hostile_inputs_are_bounded() {
    let fe = Frontend::new();
    let inputs = [
        format!("Your code is {}.", "2".repeat(10_000)),
        "A".repeat(5000),
        "Thequickbrownfoxjumpsoverthelazydog".repeat(20),
        "Ready\u{7}\u{1b}[31m now\u{8}\u{c}.".to_string(),
        "Gate\0 B12\0 is open.".to_string(),
        "今日は晴れ. مرحبا بكم. Welcome!".to_string(),
        "-0.0005 1e10 0x1F 1,2,3 1/0 99999999999999999999 3.14.15 $-5 ---7 ##1".to_string(),
        "<speak>Hello <break time=\"500ms\"/> world</speak> & <b>bold</b> &amp; done.".to_string(),
        "[[".repeat(1000),
        "]] [[ ]] [[".to_string(),
    ];
    for text in &inputs {
        let out = match fe.phonemize(text) {
            Ok(out) => out,
            Err(e) => {
                assert!(
                    text.len() > sotto_text::MAX_PHONEMIZE_BYTES,
                    "{text:.40}: {e}"
                );
                continue;
            }
        };
        assert!(out.chars().count() <= text.len() * 40 + 64, "{text:.40}");
    }
    assert!(
        fe.phonemize("今日は晴れ. Welcome!")
            .unwrap()
            .contains("wˈɛlkʌm")
            || fe
                .phonemize("今日は晴れ. Welcome!")
                .unwrap()
                .contains("wˈɛlkəm")
    );
}

#[test]
fn streams_a_megabyte() {
    let fe = Frontend::new();
    let text = "The next train departs at 10:45 from platform 2. ".repeat(20_000);
    let mut n = 0;
    for s in fe.sentences(text.as_bytes()) {
        let s = s.unwrap();
        assert!(s.len() < 100);
        n += 1;
        if n % 1000 == 0 {
            assert!(!fe.phonemize(&s).unwrap().is_empty());
        }
    }
    assert_eq!(n, 20_000);
}

#[test]
fn ids_follow_piper() {
    let map = PhonemeIdMap::from_json(
        r#"{"phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], ",": [8], "h": [20], "l": [24], "o": [27], "ə": [59], "ʊ": [100], "ˈ": [120]}}"#,
    )
    .unwrap();
    let fe = Frontend::new();
    let ph = fe.phonemize("hello,").unwrap();
    assert_eq!(ph, "həlˈoʊ,");
    assert_eq!(
        map.ids(&ph),
        vec![1, 0, 20, 0, 59, 0, 24, 0, 120, 0, 27, 0, 100, 0, 8, 0, 2]
    );
}

#[test]
fn unreadable_scripts_are_dropped_and_reported() {
    let fe = Frontend::new();
    let text = "Exit Выход, gate 4. 出口 here.";
    let n = fe.normalize_checked(text);
    assert_eq!(n.spoken(), "Exit, gate four. here.");
    let spans: Vec<(&str, Script)> = n
        .dropped
        .iter()
        .map(|d| (&text[d.start..d.end], d.script))
        .collect();
    assert_eq!(spans, [("Выход", Script::Cyrillic), ("出口", Script::Han)]);
    assert!(fe
        .normalize_checked("Gate B12, 5 µg, café.")
        .dropped
        .is_empty());
}
