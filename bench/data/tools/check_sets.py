"""The plain-JSONL Check sets and what each one's validation expects of it, in one table.

Each set was written by a different annotator to a brief with its own targets (size, lawful share, minimum lines
per category, the categories it had to stress, an early delivery); the checks themselves are the same for all and
live in labelled_set.py. The `build_check_<name>.py` scripts next to this file are kept as the commands the README
names; each only runs `main("<name>")`.

Run: `.venv/bin/python bench/data/tools/check_sets.py <name> [--partial] [--markdown]`, or
`check_sets.py --all` to validate every set; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, all_sets_but
from labelled_set import main as validate_set

_FIVE_WEAK = frozenset({"violence_threat", "impersonation", "unlawful_visit", "privacy_exposure",
                        "third_party_contact"})


def _spec(name: str, letter: str, **targets: object) -> SetSpec:
    file = DATA / f"check_{name}.jsonl"
    others = targets.pop("others", None) or all_sets_but(file)
    defaults: dict[str, object] = {"length": (10, 400), "name_others": False}
    return SetSpec(file=file, id_letter=letter, others=others, **(defaults | targets))  # type: ignore[arg-type]


#: name -> (one-line description, targets). Lawful shares are (low, high); None as high means "at least".
SETS: dict[str, tuple[str, SetSpec]] = {
    "dev3": ("third set (annotator 3, ids w…)", _spec(
        "dev3", "w", others=(DATA / "check_dev.jsonl", DATA / "check_dev2.jsonl"),
        weak=frozenset({"violence_threat", "unlawful_visit", "illegal_fee", "false_legal_threat", "intimidation"}),
        total=(420, 480), min_per_cat=20, min_weak=45, lawful=(0.38, None), length=(10, 500), name_others=True)),
    "dev4": ("fourth set (annotator 4, ids x…, half lawful hard negatives)", _spec(
        "dev4", "x",
        weak=frozenset({"unlawful_visit", "impersonation", "privacy_exposure", "intimidation", "illegal_fee"}),
        total=(300, 300), min_per_cat=12, min_weak=20, lawful=(0.48, 0.52), early=(150, (0.45, 0.55)))),
    "test3": ("held-out test split of the third session (annotator 6, ids s…)", _spec(
        "test3", "s", weak=frozenset({"violence_threat", "impersonation", "unlawful_visit", "privacy_exposure"}),
        total=(300, 300), min_per_cat=14, min_weak=18, lawful=(0.38, 0.42), early=(150, (0.36, 0.44)))),
    "dev5": ("fifth set (annotator 7, ids r…, implied wording)", _spec(
        "dev5", "r", weak=_FIVE_WEAK, total=(400, 400), min_per_cat=16, min_weak=30, lawful=(0.43, 0.47),
        early=(200, (0.40, 0.50)))),
    "dev6": ("sixth set (annotator 8, ids q…, the voices that paste)", _spec(
        "dev6", "q",
        weak=frozenset({"intimidation", "false_legal_threat", "illegal_fee", "insult_defamation", "debt_disclosure"}),
        total=(400, 400), min_per_cat=18, min_weak=30, lawful=(0.43, 0.47), early=(200, (0.40, 0.50)))),
    "dev7": ("seventh set (annotator 9, ids p…, collection-industry language)", _spec(
        "dev7", "p",
        weak=frozenset({"violence_threat", "unlawful_visit", "impersonation", "false_legal_threat", "intimidation"}),
        total=(400, 400), min_per_cat=16, min_weak=30, lawful=(0.48, 0.52), early=(200, (0.45, 0.55)))),
    "dev8": ("eighth set (annotator 10, ids n…, a month of a borrower's phone)", _spec(
        "dev8", "n",
        weak=frozenset({"violence_threat", "unlawful_visit", "debt_disclosure", "third_party_contact",
                        "false_legal_threat"}),
        total=(400, 400), min_per_cat=16, min_weak=30, lawful=(0.40, 0.44), length=(4, 400),
        early=(200, (0.37, 0.47)))),
    "dev9": ("ninth set (annotator 11, ids m…, 60 % lawful)", _spec(
        "dev9", "m", weak=frozenset({"intimidation", "false_legal_threat"}), total=(400, 400), min_per_cat=10,
        min_weak=20, lawful=(0.58, 0.62), early=(200, (0.55, 0.65)))),
    "dev10": ("tenth set (annotator 12, ids k…, long threads and accounts)", _spec(
        "dev10", "k", weak=_FIVE_WEAK, total=(300, 300), min_per_cat=14, min_weak=25, lawful=(0.38, 0.44),
        early=(150, (0.35, 0.47)))),
    "test4": ("held-out test split of the fourth session (annotator 13, ids j…, what users paste)", _spec(
        "test4", "j", weak=frozenset({"violence_threat", "impersonation", "unlawful_visit", "privacy_exposure"}),
        total=(300, 300), min_per_cat=12, min_weak=16, lawful=(0.40, 0.45), early=(150, (0.36, 0.49)))),
    "dev11": ("eleventh set (annotator 14, ids h…, 60 % lawful, varied hard negatives)", _spec(
        "dev11", "h", weak=frozenset(), total=(300, 300), min_per_cat=6, min_weak=6, lawful=(0.58, 0.62),
        early=None)),
    "dev12": ("twelfth set (annotator 15, ids g…, what borrowers paste, fourth session)", _spec(
        "dev12", "g", weak=frozenset({"insult_defamation", "illegal_fee", "intimidation", "unlawful_visit"}),
        total=(300, 300), min_per_cat=8, min_weak=14, lawful=(0.43, 0.50), early=(150, (0.38, 0.55)))),
    "dev13": ("thirteenth set (annotator 16, ids f…, screenshots, first-person accounts and questions, fourth session)",
              _spec("dev13", "f", weak=frozenset({"violence_threat", "false_legal_threat", "debt_disclosure"}),
                    total=(300, 300), min_per_cat=8, min_weak=14, lawful=(0.45, 0.55), early=(150, (0.40, 0.60)))),
    "dev14": ("fourteenth set (annotator 17, ids e…, platforms' and agencies' own words, fourth session)", _spec(
        "dev14", "e", weak=frozenset({"impersonation", "privacy_exposure", "third_party_contact"}),
        total=(250, 250), min_per_cat=7, min_weak=12, lawful=(0.48, 0.56), early=None)),
    "dev15": ("fifteenth set (annotator 18, ids c…, the people around the debtor, fourth session)", _spec(
        "dev15", "c", weak=frozenset({"debt_disclosure", "third_party_contact", "unlawful_visit"}),
        total=(250, 250), min_per_cat=7, min_weak=12, lawful=(0.42, 0.52), early=None)),
    "dev16": ("sixteenth set (annotator 20, ids a…, threats in every register, fourth session's last round)", _spec(
        "dev16", "a", weak=frozenset({"violence_threat", "debt_disclosure", "insult_defamation"}),
        total=(200, 200), min_per_cat=6, min_weak=14, lawful=(0.40, 0.50), early=None)),
    "dev17": ("seventeenth set (annotator 21, ids y…, third parties and what they are told, fourth session's last round)",
              _spec("dev17", "y", weak=frozenset({"debt_disclosure", "third_party_contact", "false_legal_threat"}),
                    total=(200, 200), min_per_cat=6, min_weak=14, lawful=(0.40, 0.50), early=None)),
    "dev18": ("eighteenth set (annotator 22, ids z…, a mixed month of what borrowers paste, fourth session's extra round)",
              _spec("dev18", "z", weak=frozenset({"violence_threat", "debt_disclosure", "intimidation"}),
                    total=(200, 200), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev19": ("nineteenth set (annotator 23, ids o…, a mixed month of what borrowers paste, fourth session's extra round)",
              _spec("dev19", "o", weak=frozenset({"insult_defamation", "false_legal_threat", "unlawful_visit"}),
                    total=(200, 200), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev20": ("twentieth set (annotator 24, ids i…, what borrowers paste, fifth session)",
              _spec("dev20", "i", weak=frozenset({"violence_threat", "intimidation", "unlawful_visit"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev21": ("twenty-first set (annotator 25, ids l…, what borrowers paste, fifth session)",
              _spec("dev21", "l", weak=frozenset({"debt_disclosure", "false_legal_threat", "insult_defamation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev22": ("twenty-second set (annotator 26, ids A…, what borrowers paste, fifth session)",
              _spec("dev22", "A", weak=frozenset({"third_party_contact", "illegal_fee", "impersonation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev23": ("twenty-third set (annotator 27, ids B…, what borrowers paste, fifth session, sealed for the final engine)",
              _spec("dev23", "B", weak=frozenset({"intimidation", "debt_disclosure", "false_legal_threat"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev24": ("twenty-fourth set (annotator 28, ids C…, what borrowers paste, fifth session, sealed for the final engine)",
              _spec("dev24", "C", weak=frozenset({"violence_threat", "insult_defamation", "unlawful_visit"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev25": ("twenty-fifth set (annotator 29, ids D…, what borrowers paste, fifth session's last round, sealed)",
              _spec("dev25", "D", weak=frozenset({"violence_threat", "intimidation", "false_legal_threat"}),
                    total=(200, 200), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev26": ("twenty-sixth set (annotator 30, ids E…, what borrowers paste, fifth session's last round, sealed)",
              _spec("dev26", "E", weak=frozenset({"insult_defamation", "unlawful_visit", "impersonation"}),
                    total=(200, 200), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev27": ("twenty-seventh set (annotator 32, ids G…, what borrowers paste, sixth session, sealed)",
              _spec("dev27", "G", weak=frozenset({"insult_defamation", "debt_disclosure", "privacy_exposure"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev28": ("twenty-eighth set (annotator 33, ids H…, what borrowers paste, sixth session, sealed)",
              _spec("dev28", "H", weak=frozenset({"impersonation", "illegal_fee", "third_party_contact"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev29": ("twenty-ninth set (annotator 34, ids I…, what borrowers paste, sixth session, sealed)",
              _spec("dev29", "I", weak=frozenset({"violence_threat", "unlawful_visit", "intimidation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test5": ("held-out test split for the fifth session (annotator 19, ids b…, what users paste)", _spec(
        "test5", "b", weak=frozenset({"violence_threat", "debt_disclosure", "insult_defamation", "unlawful_visit"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=(150, (0.36, 0.50)))),
    "test6": ("held-out test split for the sixth session (annotator 31, ids F…, what users paste)", _spec(
        "test6", "F", weak=frozenset({"violence_threat", "intimidation", "false_legal_threat", "unlawful_visit"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev30": ("thirtieth set (annotator 36, ids K…, what borrowers paste, written at the end of the sixth session, sealed)",
              _spec("dev30", "K", weak=frozenset({"violence_threat", "insult_defamation", "false_legal_threat"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev31": ("thirty-first set (annotator 37, ids L…, what borrowers paste, written at the end of the sixth session, sealed)",
              _spec("dev31", "L", weak=frozenset({"unlawful_visit", "debt_disclosure", "intimidation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test7": ("held-out test split for the seventh session (annotator 35, ids J…, what users paste)", _spec(
        "test7", "J", weak=frozenset({"violence_threat", "unlawful_visit", "insult_defamation", "third_party_contact"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev32": ("thirty-second set (annotator 39, ids N…, what borrowers paste, written in the seventh session, sealed)",
              _spec("dev32", "N", weak=frozenset({"violence_threat", "third_party_contact", "privacy_exposure"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev33": ("thirty-third set (annotator 40, ids O…, what borrowers paste, written in the seventh session, sealed)",
              _spec("dev33", "O", weak=frozenset({"insult_defamation", "unlawful_visit", "illegal_fee"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test8": ("held-out test split for the eighth session (annotator 38, ids M…, what users paste)", _spec(
        "test8", "M", weak=frozenset({"intimidation", "debt_disclosure", "false_legal_threat", "impersonation"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev34": ("thirty-fourth set (annotator 42, ids Q…, what borrowers paste, written in the eighth session, sealed)",
              _spec("dev34", "Q", weak=frozenset({"third_party_contact", "privacy_exposure", "intimidation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev35": ("thirty-fifth set (annotator 43, ids R…, what borrowers paste, written in the eighth session, sealed)",
              _spec("dev35", "R", weak=frozenset({"violence_threat", "false_legal_threat", "forced_borrowing"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test9": ("held-out test split for the ninth session (annotator 41, ids P…, what users paste)", _spec(
        "test9", "P", weak=frozenset({"insult_defamation", "unlawful_visit", "third_party_contact", "illegal_fee"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev36": ("thirty-sixth set (annotator 45, ids T…, what borrowers paste, written in the ninth session, sealed)",
              _spec("dev36", "T", weak=frozenset({"debt_disclosure", "unlawful_visit", "harassment_time"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev37": ("thirty-seventh set (annotator 46, ids U…, what borrowers paste, written in the ninth session, sealed)",
              _spec("dev37", "U", weak=frozenset({"insult_defamation", "harassment_frequency", "illegal_fee",
                                                  "credit_repair_scam"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test10": ("held-out test split for the tenth session (annotator 44, ids S…, what users paste)", _spec(
        "test10", "S", weak=frozenset({"violence_threat", "privacy_exposure", "false_legal_threat", "impersonation"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "test11": ("held-out test split for the eleventh session (annotator 47, ids V…, what users paste)", _spec(
        "test11", "V", weak=frozenset({"intimidation", "impersonation", "debt_disclosure", "illegal_fee"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev38": ("thirty-eighth set (annotator 48, ids W…, what borrowers paste, written in the tenth session, sealed)",
              _spec("dev38", "W", weak=frozenset({"false_legal_threat", "intimidation", "privacy_exposure"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "dev39": ("thirty-ninth set (annotator 49, ids X…, what borrowers paste, written in the tenth session, sealed)",
              _spec("dev39", "X", weak=frozenset({"impersonation", "third_party_contact", "forced_borrowing",
                                                  "unlawful_visit"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
    "test12": ("held-out test split for the twelfth session (annotator 50, ids Y…, what users paste)", _spec(
        "test12", "Y", weak=frozenset({"violence_threat", "third_party_contact", "false_legal_threat", "unlawful_visit"}),
        total=(300, 300), min_per_cat=10, min_weak=16, lawful=(0.40, 0.46), early=None)),
    "dev40": ("fortieth set (annotator 51, ids Z…, what borrowers paste, written in the eleventh session, sealed)",
              _spec("dev40", "Z", weak=frozenset({"insult_defamation", "privacy_exposure", "impersonation",
                                                  "intimidation"}),
                    total=(250, 250), min_per_cat=6, min_weak=12, lawful=(0.40, 0.50), early=None)),
}


def main(name: str) -> int:
    """Validate one set (the options --partial and --markdown are read from the command line)."""
    title, spec = SETS[name]
    return validate_set(spec, f"Validate the Check {title}: {spec.file.name}, and print its count table.")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args and args[0] in SETS:
        sys.argv.remove(args[0])
        sys.exit(main(args[0]))
    if "--all" in sys.argv:
        sys.argv.remove("--all")
        failed = [n for n in SETS if main(n)]
        print("all sets valid" if not failed else f"invalid: {', '.join(failed)}")
        sys.exit(1 if failed else 0)
    print(f"usage: check_sets.py ({'|'.join(SETS)}|--all) [--partial] [--markdown]", file=sys.stderr)
    sys.exit(2)
