"""Validate the seventh Check set bench/data/check_dev7.jsonl and print its count table.

The file is hand-written JSONL (ids ``p0001…``, same line format and conventions 1-15 as
README-check.md, written by a ninth annotator with the collection industry's own wording: scripts,
M1-M3 stages, outsourcing and debt-transfer notices, robocalls, SMS templates, field-visit records);
this script does not generate or rewrite it. Checks (all in labelled_set.py):

- schema: required fields, known fields and enumerations, field order, ids ``pNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00, harassment_frequency needs
  ``count_per_day`` >= 4 (and a count >= 7 needs the label), third_party_contact / debt_disclosure need
  ``recipient_role``; done-mode contact is never to the debtor/guarantor, and never to ``public``;
- severity: present exactly on non-compliant lines, within the taxonomy range of its labels;
- text length 10-400 characters;
- near-duplicates inside the file (>= 0.6) and against every other ``check_*.jsonl`` (>= 0.5), reported
  anonymously for the other files (files of the glob whose lines carry no text, such as agreement
  files, are skipped);
- counts: 400 lines, every category >= 16, violence_threat / unlawful_visit / impersonation /
  false_legal_threat / intimidation >= 30, lawful share 48-52 %, and the first 200 lines (the early
  delivery) 45-55 % lawful. ``--partial`` skips the total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev7.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import DATA, SetSpec, main, read_jsonl

FILE = DATA / "check_dev7.jsonl"


def _labelled_texts(path: Path) -> bool:
    """Whether `path` is a labelled message set (every line has a text) to compare against; other
    check_*.jsonl files (e.g. agreement files without texts) would crash the near-duplicate check."""
    try:
        return all(isinstance(r.get("text"), str) for r in read_jsonl(path))
    except ValueError:
        return False


SPEC = SetSpec(
    file=FILE,
    id_letter="p",
    others=tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name and _labelled_texts(p)),
    weak=frozenset({"violence_threat", "unlawful_visit", "impersonation", "false_legal_threat", "intimidation"}),
    total=(400, 400),
    min_per_cat=16,
    min_weak=30,
    lawful=(0.48, 0.52),
    length=(10, 400),
    name_others=False,
    early=(200, (0.45, 0.55)),
)


if __name__ == "__main__":
    sys.exit(main(SPEC, __doc__.splitlines()[0]))
