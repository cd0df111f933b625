"""Validate the eighth Check set bench/data/check_dev8.jsonl and print its count table.

The file is hand-written JSONL (ids ``n0001…``, same line format and conventions 1-15 as
README-check.md, written by annotator 10: a month of collection on a borrower's phone across many
platforms and agencies, very short and long messages); this script does not generate or rewrite it.
Checks (all in labelled_set.py, shared with the other plain-JSONL sets; lines of other sets that do not
parse or have no text, e.g. while someone is editing them, are skipped in the near-duplicate check):

- schema: required fields, known fields and enumerations, field order, ids ``nNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00, harassment_frequency needs
  ``count_per_day`` >= 4 (and a count >= 7 needs the label), third_party_contact / debt_disclosure need
  ``recipient_role``; done-mode contact is never to the debtor/guarantor, and never to ``public``;
- severity: present exactly on non-compliant lines and within the taxonomy range of its labels;
- text length 4-400 characters (the set includes very short messages such as "人呢？");
- near-duplicates (character-trigram Jaccard) inside the file (>= 0.6) and against every other
  ``check_*.jsonl`` in bench/data (>= 0.5); only this file's ids are printed;
- counts: 400 lines, every category >= 16, the five emphasised categories (violence_threat,
  unlawful_visit, debt_disclosure, third_party_contact, false_legal_threat) >= 30, lawful share
  40-44 %, and the first 200 lines (the early delivery) 37-47 % lawful. ``--partial`` skips the
  total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev8.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import labelled_set
from labelled_set import DATA, SetSpec, main

FILE = DATA / "check_dev8.jsonl"
SPEC = SetSpec(
    file=FILE,
    id_letter="n",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name),
    weak=frozenset({"violence_threat", "unlawful_visit", "debt_disclosure", "third_party_contact",
                    "false_legal_threat"}),
    total=(400, 400),
    min_per_cat=16,
    min_weak=30,
    lawful=(0.40, 0.44),
    length=(4, 400),
    name_others=False,
    early=(200, (0.37, 0.47)),
)

_strict_read = labelled_set.read_jsonl


def _read(path: Path) -> list[dict]:
    """This set is read strictly; another set (possibly being edited by someone else at the same
    time) contributes only the lines that parse and carry a text, so a half-written file elsewhere
    cannot crash the near-duplicate check."""
    if path == FILE or not path.exists():
        return _strict_read(path)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and isinstance(r.get("text"), str):
            rows.append(r)
    return rows


labelled_set.read_jsonl = _read


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
