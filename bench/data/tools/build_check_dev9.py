"""Validate the ninth Check set bench/data/check_dev9.jsonl and print its count table.

The file is hand-written JSONL (ids ``m0001…``, same line format and conventions 1-15 as
README-check.md, written by annotator 11); this script does not generate or rewrite it. The set is
rich in lawful messages (hard negatives), because the engine flags too many lawful messages.
Checks (all in labelled_set.py, shared with the other plain-JSONL sets):

- schema: required fields, known fields and enumerations, field order, ids ``mNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00, harassment_frequency needs
  ``count_per_day`` >= 4 (and a count >= 7 needs the label), third_party_contact / debt_disclosure need
  ``recipient_role``; done-mode contact is never to the debtor/guarantor nor to ``public``;
- severity: present exactly on non-compliant lines and inside the taxonomy range of its labels;
- text length 10-400 characters;
- near-duplicates inside the file (>= 0.6) and against every other ``check_*.jsonl`` (>= 0.5), printed
  anonymously (only this file's ids);
- counts: 400 lines, every category >= 10, intimidation and false_legal_threat >= 20, lawful share
  58-62 %, and the first 200 lines (the early delivery) 55-65 % lawful. ``--partial`` skips the
  total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev9.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_dev9.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="m",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"intimidation", "false_legal_threat"}),
    total=(400, 400),
    min_per_cat=10,
    min_weak=20,
    lawful=(0.58, 0.62),
    length=(10, 400),
    name_others=False,
    early=(200, (0.55, 0.65)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
