"""Validate the tenth Check set bench/data/check_dev10.jsonl and print its count table.

The file is hand-written JSONL (ids ``k0001…``, same line format and conventions 1-15 as
README-check.md, written by a twelfth, independent annotator; emphasis on long pasted texts:
multi-turn WeChat threads, call transcripts, timestamped SMS threads, OCR of screenshots, long
first-person and third-person accounts, legal-aid intake summaries); this script does not generate or
rewrite it. Checks (all in labelled_set.py, shared with the other plain-JSONL sets):

- schema: required fields, known fields and enumerations, field order, ids ``kNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00, harassment_frequency needs
  ``count_per_day`` >= 4 (and a count >= 7 needs the label), third_party_contact / debt_disclosure
  need ``recipient_role``; done-mode contact is never to the debtor/guarantor, and never to ``public``;
- severity: present exactly on non-compliant lines and within the taxonomy range of its labels;
- text length 10-400 characters;
- near-duplicates inside the file (>= 0.6) and against every other ``check_*.jsonl`` (>= 0.5); only
  this file's ids are printed;
- counts: 300 lines, every category >= 14, violence_threat / unlawful_visit / impersonation /
  privacy_exposure / third_party_contact >= 25, lawful share 38-44 %, and the first 150 lines (the
  early delivery) 35-47 % lawful. ``--partial`` skips the total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev10.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_dev10.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="k",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"violence_threat", "unlawful_visit", "impersonation", "privacy_exposure",
                    "third_party_contact"}),
    total=(300, 300),
    min_per_cat=14,
    min_weak=25,
    lawful=(0.38, 0.44),
    length=(10, 400),
    name_others=False,
    early=(150, (0.35, 0.47)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
