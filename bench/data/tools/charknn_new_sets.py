"""Model8: do the replay's knn gains hold on the four newly readable sets (test6, dev27-dev29; annotators F, G, H, I)?

    PYTHONPATH=src .venv/bin/python bench/data/tools/charknn_new_sets.py [--out DIR] [--mlp]

Leave-one-annotator-out with the rules of today: each set's rule findings from this tree's engine, rules only, in the
replay's format (`replay_rules.worker`), its char-A probabilities from the shipped classifier (trained on
TRAIN_FILES, which never held these sets), and its knn probabilities from pool B without the set's annotator
(`charknn_replay`). Everything chosen is chosen on the 20-set replay only: the stacker (per category, over the char-A
and knn logits, fitted on all replay lines' nested knn variant) and the addition limits (`embed_replay.fast_choose`
on the stacked replay at the shipped budget). The engine's model step and veto are simulated as on the replay
(`addition_limits.Replay`); the shipped row uses the shipped limits, so its figures are the simulation's reading of
today's engine (compare `eval_check_splits.py --summary`).
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import addition_limits as al  # noqa: E402
import charknn_replay as ck  # noqa: E402
import embed_replay as er  # noqa: E402
import replay_rules as rr  # noqa: E402

from xiezhi.collection.check import COLLECTION_CONTEXT  # noqa: E402
from xiezhi.collection.model import TEXT_CATEGORIES, load_model  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402

NEW = (("test6", "F", "check_test6.jsonl"), ("dev27", "G", "check_dev27.jsonl"), ("dev28", "H", "check_dev28.jsonl"),
       ("dev29", "I", "check_dev29.jsonl"))
#: (name, pool, weighting, lowest gram order) of the knn variants carried to the new sets.
VARIANTS = (("stack-cknn-B-bin", "B", "bin", 1), ("stack-cknn-B-bin34", "B", "bin", 3),
            ("stack-cknn-A-bin", "A", "bin", 1), ("stack-cknn-B-tfidf", "B", "tfidf", 1))


def new_set_rows() -> list[dict]:
    """The four sets in the replay's format, with today's rules and the shipped classifier's probabilities."""
    model = load_model()
    out = []
    for name, letters, fname in NEW:
        lines = ck.load_rows((ck.DATA / fname,))
        with tempfile.TemporaryDirectory() as tmp:
            rr.worker(str(ck.DATA / fname), str(Path(tmp) / "w.jsonl"))
            found = {d["id"]: d for d in map(json.loads, (Path(tmp) / "w.jsonl").read_text().splitlines())}
        for r in lines:
            norm = normalise(r["text"]).text
            z = np.asarray(model.logits(norm), dtype=np.float64)
            p = 1.0 / (1.0 + np.exp(-z))
            out.append({"set": name, "annotator": letters, "id": r["id"], "gold": r["labels"],
                        "meta": {k: r[k] for k in rr.META if r.get(k) is not None}, "pred": found[r["id"]]["pred"],
                        "findings": found[r["id"]]["findings"],
                        "probs": {c: round(float(x), 5) for c, x in zip(TEXT_CATEGORIES, p.tolist(), strict=True)},
                        "context": any(w in norm for w in COLLECTION_CONTEXT)})
    return out


def fit_stacker(replay: list[dict], knn: list[dict]) -> list[tuple]:
    """Per category the 2-input logistic model of `embed_replay.stacked`, fitted on every replay line."""
    feats = np.array([[[er._logit(a[c]), er._logit(k[c])] for c in TEXT_CATEGORIES]
                      for a, k in zip((r["probs"] for r in replay), knn, strict=True)])
    y = np.array([[c in r["gold"] for c in TEXT_CATEGORIES] for r in replay], dtype=np.float32)
    return [er.fit_lr(feats[:, j, :], y[:, j:j + 1], 1e-4, steps=300, pos_power=0.0) for j in range(len(TEXT_CATEGORIES))]


def apply_stacker(models: list[tuple], char: list[dict], knn: list[dict]) -> list[dict[str, float]]:
    feats = np.array([[[er._logit(a[c]), er._logit(k[c])] for c in TEXT_CATEGORIES]
                      for a, k in zip(char, knn, strict=True)])
    out = np.stack([er.predict_lr(m, feats[:, j, :])[:, 0] for j, m in enumerate(models)], axis=1)
    return [{c: round(float(v), 5) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)} for row in out]


def score_sets(rows: list[dict], limits: dict[str, float]) -> dict[str, Any]:
    rp = al.Replay(rows)
    per = {}
    for name in dict.fromkeys(rp.sets.tolist()):
        sc = rp.subset(rp.sets == name).score(al.as_array(limits))
        per[name] = {"macro_f1": round(sc["macro_f1"], 4), "lawful_fp": sc["lawful_fp"], "lawful": sc["lawful"],
                     "f1": {c: round(sc["f1"][c], 3) for c in er.RECALL_CATEGORIES}}
    return {"per_set": per, "mean_macro_f1": round(float(np.mean([e["macro_f1"] for e in per.values()])), 4),
            "lawful_fp": sum(e["lawful_fp"] for e in per.values()), "lawful": sum(e["lawful"] for e in per.values())}


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("/tmp/model8/results")
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
        replay = [json.loads(x) for x in fh if x.strip()]
    new = new_set_rows()
    rows = [{**r, "_file": p.name} for p in ck.POOL_B for r in ck.load_rows((p,))]
    index = ck.GramIndex([normalise(r["text"]).text for r in rows])
    pools = {"A": {p.name for p in ck.b.TRAIN_FILES}, "B": {p.name for p in ck.POOL_B}}
    shipped = load_model().thresholds
    results: dict[str, Any] = {"char-A (shipped limits)": score_sets(new, shipped)}
    if "--mlp" in argv:  # charlin_replay's mlp-A: trained on TRAIN_FILES (no new set in it), alone and stacked
        import charlin_replay as cl

        train_rows = ck.b.load(ck.b.TRAIN_FILES)
        model = cl.train_mlp([cl.features(normalise(r["text"]).text, False) for r in train_rows],
                             [r["labels"] for r in train_rows])
        by_id = {r["id"]: r for r in rows}
        mlp_new = [{c: round(float(x), 5) for c, x in zip(TEXT_CATEGORIES, cl.predict(
            model, cl.features(normalise(by_id[r["id"]]["text"]).text, False)).tolist(), strict=True)} for r in new]
        with gzip.open(out / "probs-mlp-A.json.gz", "rt") as fh:
            mlp_replay = json.load(fh)
        limits = er.fast_choose(al.Replay(er.with_probs(replay, mlp_replay)), 0.005)
        results["mlp-A"] = {**score_sets(er.with_probs(new, mlp_new), limits), "limits": limits}
        limits = er.fast_choose(al.Replay(er.with_probs(replay, er.stacked(replay, [r["probs"] for r in replay],
                                                                           mlp_replay))), 0.005)
        st = apply_stacker(fit_stacker(replay, mlp_replay), [r["probs"] for r in new], mlp_new)
        results["stack-mlp-A"] = {**score_sets(er.with_probs(new, st), limits), "limits": limits}
    for name, pool, how, order in VARIANTS:
        with gzip.open(out / f"probs-{name.removeprefix('stack-')}.json.gz", "rt") as fh:
            knn_replay = json.load(fh)
        models = fit_stacker(replay, knn_replay)
        limits = er.fast_choose(al.Replay(er.with_probs(replay, er.stacked(replay, [r["probs"] for r in replay],
                                                                           knn_replay))), 0.005)
        knn_new = ck.charknn_probs(new, rows, index, pools[pool], how, order)[(ck.K, ck.SHARPNESS)]
        st = apply_stacker(models, [r["probs"] for r in new], knn_new)
        results[name] = {**score_sets(er.with_probs(new, st), limits), "limits": limits}
    for name, res in results.items():
        print(f"{name:24s} mean {res['mean_macro_f1']:.4f} lawful FP {res['lawful_fp']} of {res['lawful']}: " +
              ", ".join(f"{s} {e['macro_f1']:.3f}/{e['lawful_fp']}" for s, e in res["per_set"].items()), flush=True)
    (out / ("new_sets-mlp.json" if "--mlp" in argv else "new_sets.json")).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
