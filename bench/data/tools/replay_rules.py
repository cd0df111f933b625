"""Replay: the hand rules' findings on text they had never seen, paired with a classifier that never saw its annotator.

    .venv/bin/python bench/data/tools/replay_rules.py                    # all sets -> /tmp/replay/replay.jsonl
    .venv/bin/python bench/data/tools/replay_rules.py --sets dev5,test3  # some sets only
    .venv/bin/python bench/data/tools/replay_rules.py --out bench/results/replay.jsonl --cache /tmp/replay

Why. Rules written while reading a set's errors fit its wording; on an unseen annotator's lines they flag 7-8 % of
lawful messages while on development sets 0-4 %. Leave-one-annotator-out (loao_check.py) cannot see this: the rules
are in-sample there. Every development set had a *first look* with the engine as it stood before anyone read the set
(`bench/data/first_look.md`, docs/check.md "commits measured fresh"). Running *that* engine rules-only on *that* set
gives rule findings produced by rules that had never seen the set: an honest sample of how the rules behave on new
wording. This tool collects them, one JSON line per message, for studying and for choosing a corroboration policy
(`xiezhi.collection.corroborate`) by cross-validation over annotators.

How. For each set of `SETS` (set file, annotator letters, first-look commit) the commit is checked out in a detached
worktree (`git worktree add --detach /tmp/r-<set> <commit>`, removed afterwards) and this same file is run there in
`--worker` mode with that tree's `src` first on the path: it imports *that* engine, runs `analyze(..., model=False)`
on the set as it is now (current text and gold labels; the worker reads the file from this tree) and writes what each
finding was (category, rule id, severity, mode) and what the scan saw (every rule hit per category: rule ids,
escalated, a metadata condition, `also`). Then, in this tree, a classifier is trained with the shipped training
procedure (`build_check_model.train`, probabilities only, no thresholds) on every training annotator except the set's
own (`loao_check.ANNOTATORS` plus the sets added this session) and gives each line its ten category probabilities.

Output line: {set, annotator, id, text, gold, meta, pred (the old rules' labels), findings: [{category, rule, kind
(rule | also | implied | metadata), severity, mode, quote, rules (distinct rule ids of the scan with this category),
escalated, needs_meta}], probs: {category: p}, context (collection words present, `check.COLLECTION_CONTEXT` of this
tree)}. Nothing here reads the held-out split or the fresh sets being written (REFUSED, build_check_model.HELD_OUT).

Fifth session: SETS also holds the fourth session's sets (dev12-dev19, test4) on their first-look engines; options
`--train-dev` (classifiers trained on every development set, build_check_model.DEV_FILES), `--set NAME=VALUE` (a
training setting, e.g. min_count=3) and `--at COMMIT` (one engine's rules for every set, e.g. HEAD: the current
rules, to compare the simulation of bench/data/tools/addition_limits.py with the real engine). The classifier's
addition limits are chosen on this replay (addition_limits.py; the build reads the compact copy
bench/data/replay/check_replay.jsonl.gz).

`--study FILE` prints the tables of docs/check.md "Fourth session" from an existing output file: per set, rules-only
macro-F1 and lawful false positives before/after the third session's veto and the shipped policy
(`corroborate.POLICY`), per category the true labels lost against the wrong labels removed, and the threshold
cross-validated by annotator. `apply_policy` / `evaluate` take any `corroborate.Policy`, for trying others.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
DATA = ROOT / "bench" / "data"

#: (set, annotator letters, first-look commit): the engine that scored the set before anyone read it.
#: dev4 and test2 share 3b6e2b5 (dev4's halves were both scored on the engine "before this round"); dev5 and dev7 had
#: uncommitted edits in the shared tree at their first look, the nearest commit is used.
SETS: tuple[tuple[str, str, str], ...] = (
    ("dev3", "w", "0aa8182"),
    ("dev4", "x", "3b6e2b5"),
    ("test2", "u", "3b6e2b5"),
    ("dev5", "r", "b9a7a53"),
    ("dev6", "q", "565354b"),
    ("dev7", "p", "2bed68a"),
    ("dev8", "n", "a5bed37"),
    ("dev9", "m", "6e0e25b"),
    ("dev10", "k", "01abcec"),
    ("dev11", "h", "176cf32"),
    ("test3", "s", "1ec7d95"),
    # fifth session: the fourth session's sets, each on the engine of its first look (bench/data/first_look.md);
    # test4's one look was on the merged state of 23:57 (bb52932, recorded in 962bc53)
    ("dev12", "g", "b634e13"),
    ("dev13", "f", "b634e13"),
    ("dev14", "e", "b634e13"),
    ("dev15", "c", "b634e13"),
    ("test4", "j", "bb52932"),
    ("dev16", "a", "4664838"),
    ("dev17", "y", "4664838"),
    ("dev18", "z", "3f11433"),
    ("dev19", "o", "3f11433"),
)
FILES = {"dev3": "check_dev3.jsonl", "dev4": "check_dev4.jsonl", "test2": "check_test2.jsonl",
         "dev5": "check_dev5.jsonl", "dev6": "check_dev6.jsonl", "dev7": "check_dev7.jsonl", "dev8": "check_dev8.jsonl",
         "dev9": "check_dev9.jsonl", "dev10": "check_dev10.jsonl", "dev11": "check_dev11.jsonl",
         "test3": "check_test3.jsonl", **{f"dev{i}": f"check_dev{i}.jsonl" for i in range(12, 20)},
         "test4": "check_test4.jsonl"}
#: The held-out split and the fresh sets being written (never read).
REFUSED = ("check_test5.jsonl", "check_dev20.jsonl", "check_dev21.jsonl", "check_dev22.jsonl")
META = ("sent_at", "recipient_role", "lender_type", "count_per_day", "channel", "debtor_reachable", "contact_refused")


def read_set(name: str) -> list[dict]:
    path = DATA / FILES[name]
    if path.name in REFUSED:
        raise SystemExit(f"{path.name} is refused")
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


# ---------------------------------------------------------------------------------------------- worker (old engine)

def worker(set_file: str, out: str) -> None:
    """Runs with an old tree's `src` first on sys.path: that engine, rules only, on the current lines of one set."""
    from xiezhi.collection import analyze
    from xiezhi.collection.engine import get_matcher
    from xiezhi.collection.normalize import normalise

    rows = [json.loads(x) for x in Path(set_file).read_text(encoding="utf-8").splitlines() if x.strip()]
    matcher = get_matcher()
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            meta = {k: r[k] for k in META if r.get(k) is not None}
            res = analyze(r["text"], meta, model=False)
            hits = matcher.scan(normalise(r["text"]))
            per_cat: dict[str, dict[str, Any]] = {}
            for h in hits:
                rule = h.rule
                cats = [rule.category, *(getattr(rule, "also", []) or [])]
                req = getattr(rule, "requires", None)
                needs = bool(req and (getattr(req, "recipient", None) or getattr(req, "lender", None)))
                for c in cats:
                    e = per_cat.setdefault(c, {"rules": [], "escalated": False, "needs_meta": False})
                    if rule.id not in e["rules"]:
                        e["rules"].append(rule.id)
                    e["escalated"] |= bool(h.escalated)
                    e["needs_meta"] |= needs
            findings = []
            for f in res.findings:
                rid = getattr(f, "rule", "") or ""
                kind = ("metadata" if rid.startswith("metadata") else "implied" if rid.startswith("implied:")
                        else "model" if rid == "model" else "rule")
                base = rid.split(":", 1)[1] if kind == "implied" else rid
                if kind == "rule" and not base.startswith(_PREFIX.get(f.category, "~")):
                    kind = "also"  # another category's rule established it too (`also`)
                scan = per_cat.get(f.category, {"rules": [], "escalated": False, "needs_meta": False})
                findings.append({"category": f.category, "rule": rid, "kind": kind, "severity": f.severity,
                                 "mode": f.mode, "quote": f.quote, "rules": scan["rules"],
                                 "escalated": scan["escalated"], "needs_meta": scan["needs_meta"]})
            fh.write(json.dumps({"id": r["id"], "pred": res.labels, "findings": findings}, ensure_ascii=False) + "\n")


#: Rule id prefixes per category (a finding whose rule id has another category's prefix came by `also`).
_PREFIX = {"violence_threat": "vt-", "intimidation": "in-", "unlawful_visit": "uv-", "insult_defamation": "id-",
           "false_legal_threat": "fl-", "impersonation": "im-", "illegal_fee": "if-", "forced_borrowing": "fb-",
           "credit_repair_scam": "cr-", "privacy_exposure": "pe-", "third_party_contact": "tp-",
           "debt_disclosure": "dd-", "harassment_time": "ht-", "harassment_frequency": "hf-"}


def run_old_engine(name: str, commit: str, tmp: Path) -> Path:
    """Rules-only output of the first-look engine of one set (cached under tmp)."""
    out = tmp / f"old-{name}-{commit}.jsonl"
    if out.exists():
        return out
    tree = Path(f"/tmp/r-{name}")
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(tree), commit],
                   check=True, capture_output=True)
    try:
        env = {"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin", "HOME": "/tmp"}
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(DATA / FILES[name]),
                        str(out) + ".part"], check=True, env=env, cwd=str(tree))
        Path(str(out) + ".part").rename(out)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True,
                       capture_output=True)
    return out


# ---------------------------------------------------------------------------------- classifier without the annotator

def training_rows(files: tuple[Path, ...] | None = None) -> list[dict]:
    """The classifier's training lines (default: build_check_model.TRAIN_FILES)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    return b.load(b.TRAIN_FILES if files is None else files)


def loao_model(letters: str, rows: list[dict], cache: Path, params: Any = None) -> Any:
    """The classifier trained (build_check_model.train, no thresholds) on the rows of every annotator but `letters`,
    pickled in `cache` per training lines and settings."""
    import hashlib
    import pickle

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    params = b.PARAMS if params is None else params
    train = [r for r in rows if r["id"][0] not in letters and b.ANNOTATOR_OF.get(r["id"][0], r["id"][0]) not in letters]
    key = hashlib.sha256(json.dumps([[r["id"], r["text"], r["labels"]] for r in train], ensure_ascii=False).encode()
                         + repr(b.PARAMS if params is None else params).encode()).hexdigest()[:20]
    path = cache / f"model-{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    model = b.train(train, params)
    path.write_bytes(pickle.dumps(model))
    return model


def loao_probs(letters: str, rows: list[dict], lines: list[dict], cache: Path,
               params: Any = None) -> list[dict[str, float]]:
    """Probabilities of each line from a model trained (shipped procedure, no thresholds) on the training rows of
    every other annotator."""
    import numpy as np

    sys.path.insert(0, str(ROOT / "src"))
    from xiezhi.collection.normalize import normalise

    model = loao_model(letters, rows, cache, params)
    out = []
    for r in lines:
        z = model.logits(normalise(r["text"]).text)
        p = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))
        out.append({c: round(float(x), 5) for c, x in zip(model.categories, p.tolist(), strict=True)})
    return out


def fold_letters(folds: int) -> list[tuple[str, list[str]]]:
    """Annotator folds grouped for a cheaper replay: the sets of SETS dealt in turn into `folds` groups, each as (the
    letters of its annotators, its set names). A group's lines are scored by one classifier trained without any of
    its annotators (`loao_probs` with the joined letters): `folds` trainings instead of one per set."""
    out: list[tuple[str, list[str]]] = []
    for k in range(folds):
        part = SETS[k::folds]
        out.append(("".join(a for _, a, _ in part), [n for n, _, _ in part]))
    return out


def build(names: list[str], out: Path, cache: Path, files: tuple[Path, ...] | None = None, params: Any = None,
          at: str | None = None, folds: int | None = None) -> None:
    """The replay file: every set of `names` with its first-look rules' findings and the probabilities of a
    classifier trained on `files` (default TRAIN_FILES) without the set's annotator. at: one commit's rules for every
    set instead of the first looks (e.g. this tree's HEAD: the current rules, in-sample, to compare a simulation on
    the replay with the real engine). folds: annotators grouped as `fold_letters(folds)` (one classifier per group)
    instead of one classifier per set."""
    sys.path.insert(0, str(ROOT / "src"))
    from xiezhi.collection.check import COLLECTION_CONTEXT
    from xiezhi.collection.normalize import normalise

    cache.mkdir(parents=True, exist_ok=True)
    rows = training_rows(files)
    group_of = {n: g for g, ns in fold_letters(folds) for n in ns} if folds else {}
    with open(out, "w", encoding="utf-8") as fh:
        for name, letters, commit in SETS:
            if name not in names:
                continue
            held = group_of.get(name, letters)
            commit = at or commit
            lines = read_set(name)
            old = {}
            for x in run_old_engine(name, commit, cache).read_text(encoding="utf-8").splitlines():
                d = json.loads(x)
                old[d["id"]] = d
            probs = loao_probs(held, rows, lines, cache, params)
            for r, p in zip(lines, probs, strict=True):
                o = old[r["id"]]
                norm = normalise(r["text"]).text
                fh.write(json.dumps({
                    "set": name, "annotator": letters, "commit": commit, "id": r["id"], "text": r["text"],
                    "gold": r["labels"], "meta": {k: r[k] for k in META if r.get(k) is not None},
                    "pred": o["pred"], "findings": o["findings"], "probs": p,
                    "context": any(w in norm for w in COLLECTION_CONTEXT),
                }, ensure_ascii=False) + "\n")
            print(f"{name}: {len(lines)} lines", file=sys.stderr)


def per_category(rows: list[dict], policy: Any) -> dict[str, tuple[int, int, int]]:
    """Per category: true labels lost, wrong labels removed, of them on lawful lines."""
    out: dict[str, list[int]] = {}
    for r in rows:
        gold, before = set(r["gold"]), set(r["pred"]) - {"compliant"}
        gone = before - apply_policy(r, policy)
        for c in gone:
            e = out.setdefault(c, [0, 0, 0])
            if c in gold:
                e[0] += 1
            else:
                e[1] += 1
                e[2] += gold == {"compliant"}
    return {c: (a, b, d) for c, (a, b, d) in sorted(out.items())}


def per_rule(rows: list[dict], policy: Any) -> list[tuple[str, int, int, int, int]]:
    """Per rule id (the rule a label's finding came from): labels it gave on text it had never seen, of them wrong,
    wrong on lawful lines, and wrong ones the policy still keeps: a lawful-precision estimate per rule from sets it
    was not written from."""
    out: dict[str, list[int]] = {}
    for r in rows:
        gold = set(r["gold"])
        after = apply_policy(r, policy)
        for f in r["findings"]:
            if f["kind"] not in ("rule", "also") or f["category"] not in r["pred"]:
                continue
            e = out.setdefault(f["rule"], [0, 0, 0, 0])
            e[0] += 1
            if f["category"] not in gold:
                e[1] += 1
                e[2] += gold == {"compliant"}
                e[3] += f["category"] in after
    return sorted(((k, *v) for k, v in out.items()), key=lambda x: (-x[4], -x[2], x[0]))


def cross_validated(rows: list[dict], make: Any, grid: tuple[float, ...]) -> dict[str, tuple[float, dict]]:
    """Leave one annotator (set) out: the default threshold with the best pooled macro-F1 on the other sets
    (`make(t)` builds the policy), scored on the set left out."""
    out = {}
    for name in dict.fromkeys(r["set"] for r in rows):
        train = [r for r in rows if r["set"] != name]
        best = max(grid, key=lambda t: (evaluate(train, make(t))["all"]["f1_after"], -t))
        out[name] = (best, evaluate([r for r in rows if r["set"] == name], make(best))[name])
    return out


def study(path: Path) -> None:
    """The tables of docs/check.md "Fourth session"."""
    sys.path.insert(0, str(ROOT / "src"))
    from dataclasses import replace

    from xiezhi.collection.corroborate import POLICY, Policy

    rows = load_replay(path)
    old = Policy(default=0.05)  # the third session's veto
    for label, pol in (("third-session veto (0.05)", old), ("shipped policy", POLICY)):
        ev = evaluate(rows, pol)
        print(f"\n{label}: rules-only macro-F1 / lawful FP before -> after, true labels lost, wrong labels removed")
        for name, e in ev.items():
            print(f"  {name:6s} {e['f1_before']:.3f} / {e['fp_before']:3d} -> {e['f1_after']:.3f} / {e['fp_after']:3d}"
                  f" of {e['lawful']:4d}   lost {e['true_lost']:3d}  removed {e['wrong_removed']:3d}")
        print("  per category (true lost / wrong removed / of them on lawful lines):")
        for c, (a, b_, d) in per_category(rows, pol).items():
            print(f"    {c:20s} {a:3d} / {b_:3d} / {d:3d}")
    print("\nrules with wrong labels the shipped policy keeps (labels / wrong / on lawful lines / kept wrong):")
    for rid, n, wrong, lawful, kept in per_rule(rows, POLICY):
        if kept:
            print(f"    {rid:34s} {n:4d} {wrong:4d} {lawful:4d} {kept:4d}")
    grid = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
    cv = cross_validated(rows, lambda t: replace(POLICY, default=t), grid)
    print("\nshipped policy, threshold chosen on the other sets (leave one annotator out):")
    tot = [0, 0, 0, 0, 0]
    for name, (t, e) in cv.items():
        print(f"  {name:6s} t={t:.2f} {e['f1_before']:.3f} / {e['fp_before']:3d} -> {e['f1_after']:.3f} / "
              f"{e['fp_after']:3d} of {e['lawful']:4d}   lost {e['true_lost']:3d}  removed {e['wrong_removed']:3d}")
        for k, key in enumerate(("fp_before", "fp_after", "lawful", "true_lost", "wrong_removed")):
            tot[k] += e[key]
    mean_b = sum(e["f1_before"] for _, e in cv.values()) / len(cv)
    mean_a = sum(e["f1_after"] for _, e in cv.values()) / len(cv)
    print(f"  mean macro-F1 {mean_b:.4f} -> {mean_a:.4f}; lawful FP {tot[0]} -> {tot[1]} of {tot[2]}; "
          f"lost {tot[3]}, removed {tot[4]}")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--worker":
        worker(argv[1], argv[2])
        return 0
    if "--study" in argv:
        study(Path(argv[argv.index("--study") + 1]))
        return 0
    names = [s for s, _, _ in SETS]
    if "--sets" in argv:
        names = argv[argv.index("--sets") + 1].split(",")
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else Path("/tmp/replay")
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else cache / "replay.jsonl"
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    files = b.DEV_FILES if "--train-dev" in argv else None  # every development set instead of TRAIN_FILES
    params = b.PARAMS
    for i, a in enumerate(argv):
        if a == "--set":  # a training setting, e.g. --set min_count=3
            k, _, v = argv[i + 1].partition("=")
            params = replace(params, **{k: type(getattr(params, k))(v)})
    at = None
    if "--at" in argv:  # one commit's rules for every set (resolved, so the cache names the engine)
        at = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", argv[argv.index("--at") + 1]],
                            check=True, capture_output=True, text=True).stdout.strip()
    build(names, out, cache, files, params, at)
    print(f"wrote {out}", file=sys.stderr)
    return 0



# ------------------------------------------------------------------------------------------- policies on the replay

def load_replay(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _source_category(rule: str) -> str | None:
    base = rule.split(":", 1)[1] if rule.startswith("implied:") else rule
    for cat, prefix in _PREFIX.items():
        if base.startswith(prefix):
            return cat
    return None


def apply_policy(r: dict, policy: Any) -> set[str]:
    """The old rules' labels of one replayed line after the policy (a `corroborate.Policy`): a finding's category
    is dropped when the policy does not keep it; a finding implied by a dropped category goes with it."""
    pred = set(r["pred"]) - {"compliant"}
    dropped: set[str] = set()
    for f in r["findings"]:
        if f["kind"] in ("rule", "also") and f["category"] in pred and not policy.keep(
                f["category"], r["probs"].get(f["category"]), rules=len(f["rules"]), escalated=f["escalated"],
                needs_meta=f["needs_meta"], context=r["context"], mode=f["mode"], top=max(r["probs"].values())):
            dropped.add(f["category"])
    for f in r["findings"]:
        if f["kind"] == "implied" and _source_category(f["rule"]) in dropped:
            dropped.add(f["category"])
    out = pred - dropped
    return out or {"compliant"}


def evaluate(rows: list[dict], policy: Any) -> dict[str, dict]:
    """Per set and pooled: rules-only macro-F1 and lawful FP before/after the policy, true labels lost, wrong
    labels removed."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    per: dict[str, dict] = {}
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["set"], []).append(r)
    groups["all"] = rows
    for name, rs in groups.items():
        before = [(set(r["gold"]), set(r["pred"])) for r in rs]
        after = [(set(r["gold"]), apply_policy(r, policy)) for r in rs]
        sb, sa = b.score(before), b.score(after)
        lost = sum(len((p0 - p1) & g - {"compliant"}) for (g, p0), (_, p1) in zip(before, after, strict=True))
        removed = sum(len((p0 - p1) - g - {"compliant"}) for (g, p0), (_, p1) in zip(before, after, strict=True))
        per[name] = {"n": len(rs), "lawful": sb["lawful"], "f1_before": sb["macro_f1_15"], "f1_after": sa["macro_f1_15"],
                     "fp_before": sb["lawful_fp"], "fp_after": sa["lawful_fp"], "true_lost": lost,
                     "wrong_removed": removed, "f1_cat_after": sa["f1"], "f1_cat_before": sb["f1"]}
    return per


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
