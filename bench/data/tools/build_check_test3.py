"""Validate the held-out Check test set bench/data/check_test3.jsonl and print its count table.

This is the held-out TEST split (third test set): 300 hand-written messages (ids ``s0001…``) by an
independent sixth annotator who never saw the engine, its rules or the other sets. It is meant to be
scored once, at the end of a session; do not tune anything on it. Same line format and conventions 1-15
as README-check.md; this script does not generate or rewrite the file.
Checks (all in labelled_set.py):

- schema: required fields, known fields and enumerations, field order, ids ``sNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00, harassment_frequency needs
  ``count_per_day`` >= 4 (and a count >= 7 needs the label), third_party_contact / debt_disclosure need
  ``recipient_role``; done-mode contact is never to the debtor/guarantor, and never to ``public``;
- severity: present exactly on non-compliant lines and within the taxonomy range of its labels;
- text length 10-400 characters;
- near-duplicates inside the file (>= 0.6) and against every other ``check_*.jsonl`` (>= 0.5), reported
  anonymously (only this file's ids are printed);
- counts: 300 lines, every category >= 14, violence_threat / impersonation / unlawful_visit /
  privacy_exposure >= 18, lawful share 38-42 %, and the first 150 lines (the early delivery) 36-44 %
  lawful. ``--partial`` skips the total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_test3.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_test3.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="s",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"violence_threat", "impersonation", "unlawful_visit", "privacy_exposure"}),
    total=(300, 300),
    min_per_cat=14,
    min_weak=18,
    lawful=(0.38, 0.42),
    length=(10, 400),
    name_others=False,
    early=(150, (0.36, 0.44)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
