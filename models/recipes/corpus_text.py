"""Builds the training sentence list for the voice corpus: models/corpus/texts.tsv.

Sources, all packaged: Debian `fortunes` (offensive and ASCII-art collections left out),
example phrases from Debian `wordnet-base`, and generated sentences in the voice's domain
(directions, times, prices, announcements, numbers of every kind). Deterministic for a seed.

    corpus_text.py [--out models/corpus/texts.tsv] [--seed 7]
"""

import argparse
import random
import re
from pathlib import Path

FORTUNES = Path("/usr/share/games/fortunes")
WORDNET = Path("/usr/share/wordnet")
SKIP_FORTUNES = {"art", "ascii-art", "ethnic", "men-women", "drugs", "politics", "perl", "debian",
                 "linux", "linuxcookie", "zippy", "translate-me", "knghtbrd", "startrek"}
ALLOWED = re.compile(r"^[A-Za-z0-9 ,.;:!?'\"()$%&/-]+$")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
MIN_WORDS, MAX_WORDS = 4, 28


def clean(s: str) -> str | None:
    s = re.sub(r"\s+", " ", s).strip().strip('"').strip()
    s = s.replace("``", '"').replace("''", '"')
    if not ALLOWED.match(s):
        return None
    n = len(s.split())
    if n < MIN_WORDS or n > MAX_WORDS:
        return None
    if s.upper() == s or re.search(r"[A-Z]{2,}\.|\d{5,}|--|\.\.|::", s):
        return None
    if not s[-1] in ".!?":
        s += "."
    return s[0].upper() + s[1:]


def fortunes():
    out = []
    for f in sorted(FORTUNES.iterdir()):
        if f.suffix or f.name in SKIP_FORTUNES or not f.is_file():
            continue
        for entry in f.read_text(encoding="utf-8", errors="ignore").split("\n%\n"):
            lines = [l for l in entry.splitlines() if not l.lstrip().startswith("--")]
            if any(len(l) - len(l.lstrip()) > 8 for l in lines):
                continue
            text = " ".join(lines)
            for s in SENTENCE.split(text):
                c = clean(s)
                if c:
                    out.append(c)
    return out


def wordnet_examples():
    out = []
    for name in ["data.noun", "data.verb", "data.adj", "data.adv"]:
        for line in (WORDNET / name).read_text(encoding="utf-8", errors="ignore").splitlines():
            for ex in re.findall(r'"([^"]+)"', line.split("|", 1)[-1]):
                c = clean(ex)
                if c:
                    out.append(c)
    return out


STREETS = ["Maple", "Oak", "Main", "Elm", "Pine", "Cedar", "Lake", "Hill", "Park", "Washington",
           "Lincoln", "Jefferson", "Highland", "River", "Sunset", "Broadway", "Church", "Market",
           "Mill", "Spring", "Walnut", "Chestnut", "Franklin", "Madison", "Harbor", "Forest"]
KINDS = ["Street", "Avenue", "Road", "Boulevard", "Drive", "Lane", "Way", "Place"]
PLACES = ["the airport", "the central station", "the city library", "the museum", "the hospital",
          "the stadium", "the convention center", "the harbor", "downtown", "the university",
          "the shopping mall", "the parking garage", "gate twelve", "platform four", "the exit",
          "the town hall", "the bus terminal", "the ferry dock", "the north entrance"]
ITEMS = ["coffee", "sandwich", "ticket", "day pass", "parking permit", "bottle of water",
         "salad", "muffin", "charging cable", "umbrella", "map", "bagel", "smoothie"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def domain(rng: random.Random, n: int):
    def street():
        return f"{rng.choice(STREETS)} {rng.choice(KINDS)}"

    def time():
        h, m = rng.randint(1, 12), rng.choice([0, 5, 10, 15, 20, 25, 30, 40, 45, 50, 55, rng.randint(0, 59)])
        ap = rng.choice(["AM", "PM", "a.m.", "p.m.", ""])
        oclock = "o'clock"
        return f"{h}:{m:02d} {ap}".strip() if m or rng.random() < 0.5 else f"{h} {ap or oclock}"

    def price():
        return rng.choice([f"${rng.randint(1, 99)}.{rng.randint(0, 99):02d}", f"${rng.randint(1, 2000):,}",
                           f"{rng.randint(1, 500)} dollars", f"${rng.randint(1, 9)}.{rng.choice([0, 25, 50, 75, 99]):02d}"])

    def num():
        return str(rng.choice([rng.randint(0, 20), rng.randint(20, 100), rng.randint(100, 1000),
                               rng.randint(1000, 100000), rng.randint(10 ** 5, 10 ** 8)]))

    def ordinal():
        k = rng.randint(1, 40)
        suf = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
        return f"{k}{suf}"

    templates = [
        lambda: f"In {rng.choice([100, 200, 300, 400, 500, 800])} meters, turn {rng.choice(['left', 'right'])} onto {street()}.",
        lambda: f"Turn {rng.choice(['left', 'right'])} at the {ordinal()} light, then continue on {street()} for {rng.randint(2, 9)} miles.",
        lambda: f"Take exit {rng.randint(1, 99)}{rng.choice(['', 'A', 'B'])} toward {rng.choice(PLACES)}.",
        lambda: f"Your destination is on the {rng.choice(['left', 'right'])}, at {rng.randint(1, 9999)} {street()}.",
        lambda: f"The next train to {rng.choice(PLACES)} departs at {time()} from platform {rng.randint(1, 12)}.",
        lambda: f"Bus {rng.randint(1, 120)} is running about {rng.randint(2, 25)} minutes late.",
        lambda: f"Your total is {price()}. Would you like a receipt?",
        lambda: f"One {rng.choice(ITEMS)} costs {price()}, and two cost {price()}.",
        lambda: f"The store opens at {time()} and closes at {time()} on {rng.choice(DAYS)}s.",
        lambda: f"Your appointment is on {rng.choice(DAYS)}, {rng.choice(MONTHS)} {ordinal()}, at {time()}.",
        lambda: f"Flight {rng.choice(['BA', 'UA', 'DL', 'AA', 'LH'])}{rng.randint(10, 999)} to {rng.choice(['Boston', 'Denver', 'Chicago', 'Seattle', 'Dallas', 'Miami', 'Atlanta', 'Portland'])} now boards at gate {rng.choice('ABCDE')}{rng.randint(1, 40)}.",
        lambda: f"The temperature outside is {rng.randint(-10, 40)} degrees, with a {rng.randint(0, 100)}% chance of rain.",
        lambda: f"Please call {rng.randint(200, 999)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)} for assistance.",
        lambda: f"There are {num()} people in line ahead of you.",
        lambda: f"The population of the region grew to {num()} in {rng.randint(1900, 2030)}.",
        lambda: f"Battery at {rng.randint(1, 100)}%. Range remaining: {rng.randint(5, 400)} miles.",
        lambda: f"Speed limit {rng.choice([25, 30, 35, 45, 55, 65, 70])} miles per hour ahead.",
        lambda: f"Order number {rng.randint(1, 999)} is ready for pickup at counter {rng.randint(1, 9)}.",
        lambda: f"Welcome to {rng.choice(PLACES)}. Visiting hours are from {time()} to {time()}.",
        lambda: f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1800, 2030)}, the bridge was opened to traffic.",
        lambda: f"Please keep a distance of {rng.randint(2, 50)} feet from the platform edge.",
        lambda: f"Room {rng.randint(100, 999)} is on the {ordinal()} floor, next to the elevators.",
        lambda: f"Add {rng.choice(['1/2', '3/4', '1/4', '2', '3'])} cups of water and bake for {rng.randint(10, 60)} minutes at {rng.choice([325, 350, 375, 400, 425])} degrees.",
        lambda: f"Traffic is heavy on I-{rng.choice([5, 10, 35, 80, 90, 95])} near exit {rng.randint(1, 99)}.",
        lambda: f"Dr. {rng.choice(['Smith', 'Johnson', 'Lee', 'Garcia', 'Patel', 'Nguyen', 'Brown'])} will see you at {time()}.",
        lambda: f"You have {rng.randint(2, 30)} new messages and {rng.randint(1, 9)} missed calls.",
        lambda: f"The download is {rng.randint(1, 99)}% complete, about {rng.randint(1, 59)} minutes remaining.",
        lambda: f"Parking costs {price()} per hour, with a daily maximum of {price()}.",
        lambda: f"It is {rng.randint(1, 40)}.{rng.randint(0, 9)} kilometers to the next charging station.",
        lambda: f"The score is {rng.randint(0, 9)} to {rng.randint(0, 9)} after the {ordinal()} inning.",
    ]
    return [rng.choice(templates)() for _ in range(n)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "corpus" / "texts.tsv")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--domain", type=int, default=3000)
    ap.add_argument("--wordnet", type=int, default=2500)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    fort = sorted(set(fortunes()))
    wn = sorted(set(wordnet_examples()))
    rng.shuffle(wn)
    dom = sorted(set(domain(rng, args.domain)))
    sentences = [("f", s) for s in fort] + [("w", s) for s in wn[: args.wordnet]] + [("d", s) for s in dom]
    rng.shuffle(sentences)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# id\ttext\tsource (f: fortunes, w: wordnet examples, d: generated domain)\n")
        for k, (src, s) in enumerate(sentences):
            f.write(f"c{k:05d}\t{s}\t{src}\n")
    print(f"{len(fort)} fortunes, {min(len(wn), args.wordnet)} wordnet, {len(dom)} domain -> {args.out}")


if __name__ == "__main__":
    main()
