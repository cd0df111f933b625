"""Validate the third Check set bench/data/check_dev3.jsonl and print its count table.

The file is hand-written JSONL (ids ``w0001…``, same line format and conventions 1-14 as
README-check.md); this script does not generate or rewrite it. Checks:

- schema: required fields, known fields and enumerations, ids ``wNNNN`` unique and in order;
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
- text length 10-500 characters;
- near-duplicates (character-trigram Jaccard) inside the file (>= 0.6) and against check_dev.jsonl
  and check_dev2.jsonl (>= 0.5: the set must be worded differently); only ids are printed;
- counts: 420-480 lines, every category >= 20, the five weakest categories >= 45, lawful share >= 38 %
  (``--partial`` skips the count targets, for an early delivery).

The checks themselves live in labelled_set.py (shared with the other plain-JSONL set).

Run: ``.venv/bin/python bench/data/tools/build_check_dev3.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

SPEC = SetSpec(
    file=DATA / "check_dev3.jsonl",
    id_letter="w",
    others=(DATA / "check_dev.jsonl", DATA / "check_dev2.jsonl"),
    weak=frozenset({"violence_threat", "unlawful_visit", "illegal_fee", "false_legal_threat", "intimidation"}),
    total=(420, 480),
    min_per_cat=20,
    min_weak=45,
    lawful=(0.38, None),
    length=(10, 500),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
