"""List the held-out G2P words that are proper nouns, for a separate accuracy figure.

A held-out word counts as a proper noun when it is a first or last name in any of Faker's
person-name lists (all locales) and never occurs in lowercase in Debian's fortunes
(`/usr/share/games/fortunes`, the `fortunes` package): names that are also common words
("english", "weeks", "ridge") are left out.

Usage (Faker 40.40.0 from PyPI, only needed here):
    pip install faker==40.40.0
    python models/recipes/text/proper_nouns.py > models/recipes/text/heldout-names.txt
"""
import argparse
import glob
import importlib
import pkgutil
import re

KINDS = ["first_names", "first_names_female", "first_names_male", "last_names"]
FORTUNES = "/usr/share/games/fortunes/*"


def names():
    import faker.providers.person as person

    out = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for kind in KINDS:
            values = getattr(provider, kind, ())
            if isinstance(values, (list, tuple, dict)):
                out.update(n.lower() for n in values if isinstance(n, str))
    return out


def lowercase_words():
    out = set()
    for path in glob.glob(FORTUNES):
        if path.endswith((".dat", ".u8")):
            continue
        text = open(path, encoding="utf-8", errors="ignore").read()
        out.update(re.findall(r"\b[a-z][a-z']+\b", text))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--heldout-list", default="models/recipes/text/heldout.tsv")
    args = ap.parse_args()
    proper = names() - lowercase_words()
    for line in open(args.heldout_list, encoding="utf-8"):
        word = line.split("\t", 1)[0]
        if word in proper:
            print(word)


if __name__ == "__main__":
    main()
