"""Model11: applies the candidate's switch to scripts/build_check_model.py (TRAIN_FILES = every readable set but the
yardstick, REPLAY_FOLDS = 2 for `--replay`), run at the root of a tree:

    python3 bench/results/model11/candidate_switch.py
    cp bench/results/model11/check_replay_ship.jsonl.gz bench/data/replay/check_replay.jsonl.gz   # the ship pool's replay
    make check-model          # ~5 CPU-min of training on 11,835 lines, then retake the snapshot

check_replay_ship.jsonl.gz is `pool_replay.py --commit-replay /tmp/model11/ship` (the committed replay's rule findings,
probabilities of the two ship-pool fold classifiers)."""
from pathlib import Path

p = Path('scripts/build_check_model.py')
s = p.read_text(encoding='utf-8')

old_doc = '''Training data: TRAIN_FILES (dev, dev2, the old test split, dev3-dev11, test2, test3: 4,935 lines, 14 annotators).
DEV_FILES adds the fourth session's sets (dev12-dev19, test4); training on them was measured and not adopted (see
docs/check.md, "Classifier limits"). The held-out split and the fresh sets being written (HELD_OUT) are never read.'''
new_doc = '''Training data (tenth session, helper "model11"): TRAIN_FILES = every readable development set but the yardstick
(FIRST_FILES, the fourteen files trained on up to the ninth session, then dev12-dev24, dev27-dev33, dev36, dev37,
test4, test6-test9: 11,835 lines, 41 annotators). Never: the yardstick (YARDSTICK, summary-only sets), the held-out
split and the sets being written (HELD_OUT). DEV_FILES (FIRST_FILES + dev12-dev19 + test4) is what the fifth
session's tools call "every development set". The replay's classifiers are trained on TRAIN_FILES without the
replayed set's annotators, grouped REPLAY_FOLDS to a fold (`replay_rules.fold_letters`).'''
assert old_doc in s
s = s.replace(old_doc, new_doc)

i = s.index('TRAIN_FILES = (DATA / "check_dev.jsonl"')
j = s.index('DEV_FILES = ')
j = s.index('\n', j) + 1
new_block = '''#: The fourteen files trained on up to the ninth session (char-A).
FIRST_FILES = (DATA / "check_dev.jsonl", DATA / "check_dev2.jsonl", DATA / "check_test.jsonl",
               DATA / "check_dev3.jsonl", DATA / "check_dev4.jsonl", DATA / "check_dev5.jsonl",
               DATA / "check_dev6.jsonl", DATA / "check_dev7.jsonl", DATA / "check_dev8.jsonl",
               DATA / "check_dev9.jsonl", DATA / "check_dev10.jsonl", DATA / "check_dev11.jsonl",
               DATA / "check_test2.jsonl", DATA / "check_test3.jsonl")
#: The yardstick: scored through `eval_check_splits.py --summary` only, never trained on.
YARDSTICK = ("check_test5.jsonl", "check_dev25.jsonl", "check_dev26.jsonl", "check_dev34.jsonl", "check_dev35.jsonl")
#: Tenth session (model11): every readable development set but the yardstick, FIRST_FILES first, then by file name
#: (bench/results/model11/pool_replay.py POOLS["ship"]; docs/check.md, "Tenth session: the linear classifier on
#: every readable annotator with its own limits").
TRAIN_FILES = (*FIRST_FILES, *(DATA / f"check_{n}.jsonl" for n in sorted(
    [*(f"dev{i}" for i in (*range(12, 25), *range(27, 34), 36, 37)), "test4", "test6", "test7", "test8", "test9"])))
#: The replay's classifiers: one per group of annotators (replay_rules.fold_letters), not one per replayed set.
REPLAY_FOLDS = 2
#: Every development set (fifth session): the first fourteen plus the fourth session's (dev12-dev19, test4), each
#: after its first look (bench/data/first_look.md).
DEV_FILES = (*FIRST_FILES, *(DATA / f"check_dev{i}.jsonl" for i in range(12, 20)), DATA / "check_test4.jsonl")
'''
old_block = s[i:j]
assert old_block.count('DEV_FILES') == 1 and '#: Every development set (fifth session)' in old_block
s = s[:i] + new_block + s[j:]

old_assert = 'assert all(p.name not in HELD_OUT for p in DEV_FILES)'
assert old_assert in s
s = s.replace(old_assert, old_assert + '\nassert all(p.name not in HELD_OUT and p.name not in YARDSTICK for p in TRAIN_FILES)')

old_rr = '''    rr.build([s for s, _, _ in rr.SETS], out, cache, TRAIN_FILES, PARAMS)'''
assert old_rr in s
s = s.replace(old_rr, '''    rr.build([s for s, _, _ in rr.SETS], out, cache, TRAIN_FILES, PARAMS, folds=REPLAY_FOLDS)''')
s = s.replace('''    """Re-runs the replay (first-look engines in temporary worktrees, one classifier per left-out annotator trained
    with TRAIN_FILES and PARAMS; ~20 trainings) and writes REPLAY."""''', '''    """Re-runs the replay (first-look engines in temporary worktrees, one classifier per group of left-out
    annotators trained with TRAIN_FILES and PARAMS; REPLAY_FOLDS trainings) and writes REPLAY."""''')
s = s.replace('''--replay        # re-run the replay first (old engines, ~20 trainings)''', '''--replay        # re-run the replay first (old engines, 2 trainings)''')
p.write_text(s, encoding='utf-8')
print("ok")
