//! Cross-class cases: punctuation, markup, inline phonemes and hostile input.

use super::testing::check;
use super::*;

#[test]
fn normalizes_table() {
    check(&[
        ("Hello, world.", "hello , world ."),
        ("Hello world", "hello world"),
        ("What? Really!", "what ? really !"),
        ("one; two: three", "one ; two : three"),
        ("\"Quoted\" (words)", "quoted words"),
        ("It's Mary's dog.", "it's mary's dog ."),
        ("wait... what", "wait . what"),
        ("", ""),
        ("   ", ""),
        ("?!?!... ,,, ;;; --- !!!", "? , ; !"),
        ("Say [[ sˈɑːtoʊ ]] now", "say [sˈɑːtoʊ] now"),
        ("[[hə,lˈoʊ]]", "[həlˈoʊ] ,"),
        ("[[ unclosed", "unclosed"),
        ("<b>bold</b> &amp; done.", "bold and done ."),
        ("Ready\u{7}\u{1b}[31m now\u{8}\u{c}.", "ready now ."),
        ("Gate\0 B12\0 is open.", "gate B twelve is open ."),
        ("Ma\u{200B}ple Stre\u{FEFF}et is clo\u{AD}sed.", "maple street is closed ."),
        ("Your order is ready \u{1F355}\u{1F389}! Thanks \u{1F44D}\u{1F3FD}.", "your order is ready ! thanks ."),
        ("今日は晴れ. Welcome!", ". welcome !"),
        ("café naïve", "cafe naive"),
        ("-0.0005 1e10 0x1F 1,2,3 1/0 99999999999999999999 3.14.15 $-5 ---7 ##1", "minus zero point zero zero zero five one E ten zero X one F one , two , three one over zero nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine nine , nine nine three dot fourteen dot fifteen minus five dollars seven pound number one"),
    ]);
}

#[test]
fn decoration_is_not_read() {
    check(&[
        ("#### SALE ####", "sale"),
        ("==== Menu ====", "menu"),
        ("*** Doors closing ***", "doors closing"),
        ("=-=-=-= Welcome =-=-=-=", "welcome"),
        ("~~~ Lunch 11-2 ~~~", "lunch eleven to two"),
        ("Press # then 1", "press pound then one"),
        ("##1", "pound number one"),
        ("Rating: *****", "rating :"),
    ]);
}

#[test]
fn long_symbol_runs_read_in_linear_time() {
    for sym in ["#", "=", "*", "~", "-", "_", "+", "=-"] {
        let text = format!("Start {} end.", sym.repeat(2_000));
        let items = normalize(&text);
        assert!(items.len() <= 4, "{sym}: {items:?}");
    }
    let huge = "#".repeat(1_000_000);
    assert!(normalize(&huge).is_empty());
}

#[test]
fn spoken_attaches_pauses() {
    assert_eq!(
        spoken(&normalize("Gate B12, then 5 min.")),
        "Gate B twelve, then five minutes."
    );
    assert_eq!(spoken(&normalize("Say [[hˈaɪ]].")), "Say [[hˈaɪ]].");
    assert_eq!(spoken(&normalize("")), "");
}

#[test]
fn huge_number_is_read_in_groups() {
    let text = format!("Your code is {}.", "2".repeat(10_000));
    let items = normalize(&text);
    assert!(items.len() < 20_000);
    assert!(
        items
            .iter()
            .filter(|i| **i == Item::Word("two".into()))
            .count()
            == 10_000
    );
}

#[test]
fn deep_hyphen_compounds_are_bounded() {
    let text = format!("{}x", "ab-".repeat(5_000));
    assert!(normalize(&text).len() <= 10_001);
}
