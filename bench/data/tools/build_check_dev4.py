"""Validate the fourth Check set bench/data/check_dev4.jsonl and print its count table.

The file is hand-written JSONL (ids ``x0001…``, same line format and conventions 1-14 as
README-check.md, written by a fourth annotator); this script does not generate or rewrite it.
Checks:

- schema: required fields, known fields and enumerations, field order, ids ``xNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00 (both directions, 21:00-22:00 never),
  harassment_frequency needs ``count_per_day`` >= 4 (and a count >= 7 needs the label),
  third_party_contact / debt_disclosure need ``recipient_role``; done-mode contact is never to the
  debtor/guarantor, and never to ``public`` (convention 6);
- severity: present exactly on non-compliant lines and consistent with "max over findings" per the
  taxonomy: not below the highest floor of its labels (``info`` is possible only for
  third_party_contact and harassment_time), not above the highest ceiling (harassment_time alone
  cannot be ``possible_crime``);
- text length 10-400 characters;
- near-duplicates (character-trigram Jaccard) inside the file (>= 0.6) and against every other
  ``check_*.jsonl`` in bench/data (>= 0.5: the set must be worded differently); only this file's ids
  are printed, never another file's text or id;
- counts: 300 lines, every category >= 12, the five emphasised categories >= 20, lawful share
  48-52 %, and the first 150 lines (the early delivery) 45-55 % lawful. ``--partial`` skips the
  total/per-category targets.

The checks themselves live in labelled_set.py (shared with the other plain-JSONL set).

Run: ``.venv/bin/python bench/data/tools/build_check_dev4.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_dev4.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="x",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"unlawful_visit", "impersonation", "privacy_exposure", "intimidation", "illegal_fee"}),
    total=(300, 300),
    min_per_cat=12,
    min_weak=20,
    lawful=(0.48, 0.52),
    length=(10, 400),
    name_others=False,
    early=(150, (0.45, 0.55)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
