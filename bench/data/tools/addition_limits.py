"""Addition limits of the Check classifier, chosen on the replay of first-look rules by annotator cross-validation.

    .venv/bin/python bench/data/tools/addition_limits.py REPLAY.jsonl                # nested CV table, chosen limits
    .venv/bin/python bench/data/tools/addition_limits.py REPLAY.jsonl --budget 0.01  # another lawful-FP budget
    .venv/bin/python bench/data/tools/addition_limits.py REPLAY.jsonl --limits shipped   # score given limits only

Why. The classifier adds a category the rules missed when its probability reaches the category's limit. The third
and fourth sessions chose the limits for the model alone (precision >= 0.95 out of fold on lines whose rules were
written on those very lines): in-sample the rules find nearly everything, so the additions looked useless and the
limits came out at 0.65-0.99; on fresh sets the engine is precise and misses (recall 0.6-0.8 per category). The replay
(`replay_rules.py`) is the honest ground: each set's rules as they were before anyone read the set, after the
corroboration policy, with a classifier that never saw the set's annotator. The limits that maximise macro-F1 there,
under a budget of lawful lines the additions may flag, are what the shipped model should use.

Simulation of the engine (`check.analyze_normalised`, model step): a line's labels are the first-look rules' labels
after `corroborate.POLICY` (`replay_rules.apply_policy`: dropped findings and what they implied go), plus every
classifier category at or over its limit that the kept findings do not already give (found or implied), never
violence_threat beside unlawful_visit (`check.MODEL_NOT_BESIDE`), and only on lines in the collection context
(`check.in_collection_context`: a kept finding, lender/recipient/count metadata, or a collection word). Not simulated:
categories blocked by unmet rule metadata, a model clause that is negated, or one whose words a rule of the category
matched and cancelled (denial, question, warning) — those only remove additions, so the simulation slightly
overstates what the model adds (measured against the real engine in docs/check.md, "Classifier limits").

Choice (`choose`): macro-F1 over the 15 labels is a sum of per-category F1s, and a category's F1 depends only on its
own limit, so each category takes its best limit on the training sets; then, while the additions flag more than
`budget` of the lawful lines the kept rules left alone, the category whose next higher limit costs the least F1 per
lawful line removed is raised. Grid GRID, ties to the higher limit; no randomness.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "src"))

import replay_rules as rr  # noqa: E402

from xiezhi.collection.check import COLLECTION_CONTEXT, MODEL_NOT_BESIDE  # noqa: E402, F401
from xiezhi.collection.corroborate import POLICY  # noqa: E402
from xiezhi.collection.model import TEXT_CATEGORIES  # noqa: E402
from xiezhi.collection.models import CATEGORIES  # noqa: E402

#: Candidate limits (0.99: practically off).
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99)
#: Share of the lawful lines left alone by the kept rules that the additions may flag (pooled over the sets).
BUDGET = 0.01
_META_CONTEXT = ("lender_type", "recipient_role", "count_per_day")


class Replay:
    """The replay as arrays: gold and kept-rule labels over CATEGORIES, the classifier's probabilities and where it
    may add (over TEXT_CATEGORIES), the set of each line."""

    def __init__(self, rows: list[dict[str, Any]], policy: Any = POLICY) -> None:
        self.sets = np.array([r["set"] for r in rows])
        n, k = len(rows), len(TEXT_CATEGORIES)
        self.gold = np.zeros((n, len(CATEGORIES)), dtype=bool)
        self.base = np.zeros((n, len(CATEGORIES)), dtype=bool)
        self.probs = np.zeros((n, k), dtype=np.float64)
        self.eligible = np.zeros((n, k), dtype=bool)
        col = {c: i for i, c in enumerate(CATEGORIES)}
        self.text_cols = np.array([col[c] for c in TEXT_CATEGORIES])
        self.compliant = col["compliant"]
        for i, r in enumerate(rows):
            for c in r["gold"]:
                self.gold[i, col[c]] = True
            kept = rr.apply_policy(r, policy) - {"compliant"}
            for c in kept:
                self.base[i, col[c]] = True
            found = {f["category"] for f in r["findings"] if f["kind"] in ("rule", "also")} & kept
            context = bool(found) or any(r["meta"].get(m) for m in _META_CONTEXT) or r["context"]
            for j, c in enumerate(TEXT_CATEGORIES):
                self.probs[i, j] = r["probs"][c]
                self.eligible[i, j] = context and c not in kept and not found.intersection(MODEL_NOT_BESIDE.get(c, ()))
        self.base[:, self.compliant] = ~self.base.any(axis=1)
        self.lawful = self.gold[:, self.compliant] & (self.gold.sum(axis=1) == 1)

    def subset(self, mask: np.ndarray) -> Replay:
        out = object.__new__(Replay)
        for name in ("sets", "gold", "base", "probs", "eligible", "lawful"):
            setattr(out, name, getattr(self, name)[mask])
        out.text_cols, out.compliant = self.text_cols, self.compliant
        return out

    def additions(self, limits: np.ndarray) -> np.ndarray:
        return self.eligible & (self.probs >= limits[None, :])

    def predict(self, limits: np.ndarray) -> np.ndarray:
        pred = self.base.copy()
        pred[:, self.text_cols] |= self.additions(limits)
        pred[:, self.compliant] = ~pred[:, np.arange(pred.shape[1]) != self.compliant].any(axis=1)
        return pred

    def score(self, limits: np.ndarray) -> dict[str, Any]:
        pred = self.predict(limits)
        tp = (pred & self.gold).sum(axis=0)
        fp = (pred & ~self.gold).sum(axis=0)
        fn = (~pred & self.gold).sum(axis=0)
        f1 = np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
        lawful_fp = int((self.lawful & ~pred[:, self.compliant]).sum())
        added = self.additions(limits)
        left_alone = self.lawful & self.base[:, self.compliant]
        return {"n": len(self.sets), "macro_f1": float(f1.mean()), "lawful": int(self.lawful.sum()),
                "lawful_fp": lawful_fp, "added_lawful_fp": int((left_alone & added.any(axis=1)).sum()),
                "left_alone": int(left_alone.sum()),
                "added": int(added.sum()), "added_right": int((added & self.gold[:, self.text_cols]).sum()),
                "f1": {c: float(x) for c, x in zip(CATEGORIES, f1, strict=True)},
                "recall": {c: float(t / max(t + m, 1)) for c, t, m in zip(CATEGORIES, tp, fn, strict=True)},
                "precision": {c: float(t / max(t + f, 1)) for c, t, f in zip(CATEGORIES, tp, fp, strict=True)}}


#: Prices of a lawful line flagged (in macro-F1 per share of the lawful lines left alone), tried in turn until the
#: additions are within the budget.
PRICES = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0)


def choose(rp: Replay, budget: float = BUDGET, grid: tuple[float, ...] = GRID) -> dict[str, float]:
    """Per-category limits maximising pooled macro-F1 on `rp` with the additions' lawful flags within `budget`:
    coordinate ascent (categories in TEXT_CATEGORIES order, every grid value, three passes, ties to the higher limit)
    on macro-F1 - price x (lawful lines the additions flag / lawful lines the kept rules left alone), for each price
    of PRICES in turn; the first result within the budget."""
    k = len(TEXT_CATEGORIES)
    left = max(int((rp.lawful & rp.base[:, rp.compliant]).sum()), 1)
    idx = [len(grid) - 1] * k
    for price in PRICES:
        def gain(ix: list[int], price: float = price) -> float:
            sc = rp.score(np.array([grid[i] for i in ix]))
            return sc["macro_f1"] - price * sc["added_lawful_fp"] / left
        for _ in range(3):
            moved = False
            for j in range(k):
                best, best_g = idx[j], gain(idx)
                for g in range(len(grid) - 1, -1, -1):  # from the top: ties keep the higher limit
                    trial = [*idx[:j], g, *idx[j + 1:]]
                    v = gain(trial)
                    if v > best_g + 1e-9:
                        best, best_g = g, v
                if best != idx[j]:
                    idx[j], moved = best, True
            if not moved:
                break
        if rp.score(np.array([grid[i] for i in idx]))["added_lawful_fp"] <= budget * left:
            break
    return {c: grid[i] for c, i in zip(TEXT_CATEGORIES, idx, strict=True)}


def as_array(limits: dict[str, float]) -> np.ndarray:
    return np.array([limits[c] for c in TEXT_CATEGORIES])


def nested(rp: Replay, budget: float = BUDGET) -> dict[str, tuple[dict[str, float], dict[str, Any]]]:
    """Per set: the limits chosen on the other sets, and the set's score with them."""
    out = {}
    for name in dict.fromkeys(rp.sets.tolist()):
        lim = choose(rp.subset(rp.sets != name), budget)
        out[name] = (lim, rp.subset(rp.sets == name).score(as_array(lim)))
    return out


def shipped_limits() -> dict[str, float]:
    meta = json.loads((ROOT / "src" / "xiezhi" / "data" / "collection" / "model" / "model.json").read_text("utf-8"))
    return meta["thresholds"]


def report(rp: Replay, budget: float, reference: dict[str, float]) -> dict[str, float]:
    """Prints per set the reference limits' score against the nested choice; returns the limits chosen on all."""
    ref = as_array(reference)
    print(f"per set: reference limits -> limits chosen on the other sets (budget {budget:.3f}); "
          "macro-F1, lawful FP, additions right/all")
    tot = {"ref_fp": 0, "fp": 0, "lawful": 0}
    means = [[], []]
    for name, (_, sc) in nested(rp, budget).items():
        sub = rp.subset(rp.sets == name)
        r0 = sub.score(ref)
        print(f"  {name:6s} {r0['macro_f1']:.3f} / {r0['lawful_fp']:3d} ({r0['added_right']}/{r0['added']}) -> "
              f"{sc['macro_f1']:.3f} / {sc['lawful_fp']:3d} ({sc['added_right']}/{sc['added']}) of {sc['lawful']}")
        tot["ref_fp"] += r0["lawful_fp"]
        tot["fp"] += sc["lawful_fp"]
        tot["lawful"] += sc["lawful"]
        means[0].append(r0["macro_f1"])
        means[1].append(sc["macro_f1"])
    print(f"  mean macro-F1 {np.mean(means[0]):.4f} -> {np.mean(means[1]):.4f}; lawful FP {tot['ref_fp']} -> "
          f"{tot['fp']} of {tot['lawful']}")
    chosen = choose(rp, budget)
    a, b = rp.score(ref), rp.score(as_array(chosen))
    print("pooled per category (reference -> chosen on all sets): limit, precision / recall")
    for c in TEXT_CATEGORIES:
        print(f"  {c:20s} {reference[c]:.2f} -> {chosen[c]:.2f}  P {a['precision'][c]:.2f}/{b['precision'][c]:.2f}"
              f"  R {a['recall'][c]:.2f}/{b['recall'][c]:.2f}")
    return chosen


def pipeline(rp: Replay, rows: list[dict[str, Any]], budget: float, reference: dict[str, float], cache: Path,
             train_dev: bool, out: Path | None = None) -> None:
    """The other yardstick: the current engine (`analyze`, rules in-sample) with a classifier trained without the
    set's annotator (the replay's own model, from `cache`), the reference limits against the limits chosen on the
    other sets' replay. Also how close the replay's simulation is to the real engine: the simulation applied to the
    current engine's own rule findings (replay_rules run at this tree's HEAD, `--now FILE`), line by line."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    from xiezhi.collection import analyze

    train = rr.training_rows(b.DEV_FILES if train_dev else None)
    dump = open(out, "w", encoding="utf-8") if out else None  # noqa: SIM115
    tot: dict[str, list[float]] = {"ref": [], "new": []}
    fps = [0, 0, 0]
    for name, letters, _ in rr.SETS:
        if name not in set(rp.sets.tolist()):
            continue
        lim = choose(rp.subset(rp.sets != name), budget)
        model = rr.loao_model(letters, train, cache, b.PARAMS)
        lines = rr.read_set(name)
        res = {}
        for key, limits in (("ref", reference), ("new", lim)):
            m = b.with_thresholds(model, limits)
            pairs = []
            for r in lines:
                got = set(analyze(r["text"], b._meta(r), model=m).labels)
                pairs.append((set(r["labels"]), got))
                if dump and key == "new":
                    dump.write(json.dumps({"set": name, "id": r["id"], "labels": sorted(got)}) + "\n")
            res[key] = b.score(pairs)
            tot[key].append(res[key]["macro_f1_15"])
        fps[0] += res["ref"]["lawful_fp"]
        fps[1] += res["new"]["lawful_fp"]
        fps[2] += res["new"]["lawful"]
        print(f"  {name:6s} {res['ref']['macro_f1_15']:.3f} / {res['ref']['lawful_fp']:3d} -> "
              f"{res['new']['macro_f1_15']:.3f} / {res['new']['lawful_fp']:3d} of {res['new']['lawful']}", flush=True)
    print(f"  mean macro-F1 {np.mean(tot['ref']):.4f} -> {np.mean(tot['new']):.4f}; lawful FP {fps[0]} -> {fps[1]} "
          f"of {fps[2]}")
    if dump:
        dump.close()


def agreement(now: Replay, real: Path, limits_of: dict[str, dict[str, float]]) -> None:
    """Lines where the simulation on the current engine's rule findings gives other labels than the real engine."""
    got = {}
    for x in real.read_text(encoding="utf-8").splitlines():
        d = json.loads(x)
        got[(d["set"], d["id"])] = set(d["labels"])
    for name, lim in limits_of.items():
        sub_mask = now.sets == name
        sub = now.subset(sub_mask)
        pred = sub.predict(as_array(lim))
        ids = [i for i, m in zip(now.ids, sub_mask, strict=True) if m]
        same = sum({c for c, v in zip(CATEGORIES, row, strict=True) if v} == got[(name, i)]
                   for i, row in zip(ids, pred, strict=True))
        print(f"  {name:6s} simulation = engine on {same} of {len(ids)} lines")


def main(argv: list[str]) -> int:
    rows = rr.load_replay(Path(argv[0]))
    budget = float(argv[argv.index("--budget") + 1]) if "--budget" in argv else BUDGET
    rp = Replay(rows)
    ref = shipped_limits()
    if "--pipeline" in argv:
        cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else Path("/tmp/replay")
        out = Path(argv[argv.index("--dump") + 1]) if "--dump" in argv else None
        pipeline(rp, rows, budget, ref, cache, "--train-dev" in argv, out)
        if "--now" in argv and out:
            now_rows = rr.load_replay(Path(argv[argv.index("--now") + 1]))
            now = Replay(now_rows)
            now.ids = [r["id"] for r in now_rows]
            agreement(now, out, {n: choose(rp.subset(rp.sets != n), budget) for n in dict.fromkeys(rp.sets.tolist())})
        return 0
    chosen = report(rp, budget, ref)
    print(json.dumps(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
