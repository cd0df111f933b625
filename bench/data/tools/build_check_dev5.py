"""Validate the fifth Check set bench/data/check_dev5.jsonl and print its count table.

The file is hand-written JSONL (ids ``r0001…``, same line format and conventions 1-15 as
README-check.md, written by a seventh, independent annotator); this script does not generate or
rewrite it. Checks (all in labelled_set.py, shared with dev3/dev4):

- schema: required fields, known fields and enumerations, field order, ids ``rNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00 (both directions, 21:00-22:00 never),
  harassment_frequency needs ``count_per_day`` >= 4 (and a count >= 7 needs the label),
  third_party_contact / debt_disclosure need ``recipient_role``; done-mode contact is never to the
  debtor/guarantor, and never to ``public`` (convention 6);
- severity: present exactly on non-compliant lines and within the taxonomy range of its labels;
- text length 10-400 characters;
- near-duplicates (character-trigram Jaccard) inside the file (>= 0.6) and against every other
  ``check_*.jsonl`` in bench/data (>= 0.5); only this file's ids are printed, never another file's
  text or id;
- counts: 400 lines, every category >= 16, the five emphasised categories (violence_threat,
  impersonation, unlawful_visit, privacy_exposure, third_party_contact) >= 30, lawful share 43-47 %,
  and the first 200 lines (the early delivery) 40-50 % lawful. ``--partial`` skips the
  total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev5.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_dev5.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="r",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"violence_threat", "impersonation", "unlawful_visit", "privacy_exposure",
                    "third_party_contact"}),
    total=(400, 400),
    min_per_cat=16,
    min_weak=30,
    lawful=(0.43, 0.47),
    length=(10, 400),
    name_others=False,
    early=(200, (0.40, 0.50)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
