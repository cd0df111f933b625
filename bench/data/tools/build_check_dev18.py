"""Validate the eighteenth Check set bench/data/check_dev18.jsonl and print its count table.

The targets of this set and of the others are in check_sets.py, the checks in labelled_set.py; the set itself and
who wrote it are described in ../README-check.md.

Run: ``.venv/bin/python bench/data/tools/build_check_dev18.py [--partial] [--markdown]``; exit 1 on error.
"""

import sys

from check_sets import main

if __name__ == "__main__":
    sys.exit(main("dev18"))
