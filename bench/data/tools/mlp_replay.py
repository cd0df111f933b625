"""Model9: the one-hidden-layer classifier (model8's `mlp-A`) at 8 / 16 / 32 hidden units, several seeds, two training
pools, on the replay and leave-one-annotator-out on the three sets readable since the eighth session.

    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_replay.py --variants mlp16s0-A,mlp16s1-A [--sets dev3,dev4]
    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_replay.py --new --variants mlp16s0-A   # test7, dev30, dev31
    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_replay.py --table                     # the summary table

A variant `mlp{H}s{SEED}-{POOL}`: `build_check_model.fit_mlp` (H hidden ReLU units, start drawn with SEED, everything
else model8's setting) over the shipped features (char 1-4-grams of the normalised text, min count 2, binary, scaled
by 1/sqrt(n)); POOL A = TRAIN_FILES (the shipped training data), B = every readable development set (model8's pool B
plus test7, dev30, dev31: 10,135 lines). Never the yardstick (test5, dev25, dev26), the held-out split or the sealed
sets (`charknn_replay.REFUSED`).

Replay (model8's procedure): per replayed set a classifier trained without the set's annotator; its probabilities
replace char-A's in the veto and the additions; `embed_replay.score_variant` at the shipped budget (limits chosen on
the other 19 sets, nested). Each set's probabilities are cached (`--out`/lin), so two processes can split the sets.

New sets (`--new`; model10): test7, dev30, dev31, test8, dev32, dev33 and the yardstick's dev34, dev35 (annotators
J, K, L, M, N, O, Q, R; dev34/dev35 as per-set summary figures only: their rows are recomputed each run, never cached
or printed) with today's rules (`replay_rules.worker` on this tree), the classifier trained on the pool without the
scored set (pool A: one training on TRAIN_FILES, which never held these sets, kept as models/NAME.npz), the limits
chosen on the variant's whole replay (`embed_replay.fast_choose`, budget 0.005; `--limits-of REF` while its replay is
unfinished), the engine's model step simulated as on the replay; char-A is the shipped classifier with the shipped
limits. `--cross-limits mlp32s0-A,...` scores each variant's and char-A's new-set probabilities at each other's limits.

    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_replay.py --new --variants mlp32s1-A,mlp32s0-A
    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_replay.py --new --variants mlp32s2-A --limits-of mlp32s0-A
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import addition_limits as al  # noqa: E402
import build_check_model as b  # noqa: E402
import charknn_new_sets as cn  # noqa: E402
import charknn_replay as ck  # noqa: E402
import embed_replay as er  # noqa: E402

from xiezhi.collection.model import TEXT_CATEGORIES, grams, load_model  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402

NEW = (("test7", "J", "check_test7.jsonl"), ("dev30", "K", "check_dev30.jsonl"), ("dev31", "L", "check_dev31.jsonl"),
       ("test8", "M", "check_test8.jsonl"), ("dev32", "N", "check_dev32.jsonl"), ("dev33", "O", "check_dev33.jsonl"),
       ("dev34", "Q", "check_dev34.jsonl"), ("dev35", "R", "check_dev35.jsonl"))
#: The yardstick's two freshest sets (ninth session): scored here as per-set summary figures only; their rows are never
#: written to the cache nor printed, and they are never in a training pool.
SUMMARY_ONLY = ("dev34", "dev35")
#: Pool B stays model9's (every readable development set of the eighth session plus test7, dev30, dev31).
POOL_B = (*ck.POOL_B, *(ck.DATA / f for _, _, f in NEW[:3]))
assert not {p.name for p in POOL_B} & {f for n, _, f in NEW if n in SUMMARY_ONLY}
assert not {p.name for p in POOL_B} & set(ck.REFUSED)
POOLS = {"A": {p.name for p in b.TRAIN_FILES}, "B": {p.name for p in POOL_B}}
BUDGET = 0.005
_NAME = re.compile(r"mlp(\d+)s(\d+)-([AB])$")


def parse(name: str) -> tuple[b.MlpParams, str]:
    m = _NAME.match(name)
    if not m:
        raise SystemExit(f"bad variant {name}")
    return b.MlpParams(hidden=int(m[1]), seed=int(m[2])), m[3]


def vocab_rows(feats: list[set[str]]) -> tuple[dict[str, int], list[np.ndarray]]:
    from collections import Counter

    counts = Counter(g for f in feats for g in f)
    vocab = {g: i for i, g in enumerate(sorted(g for g, c in counts.items() if c >= b.PARAMS.min_count))}
    return vocab, [np.array(sorted(vocab[g] for g in f if g in vocab), dtype=np.int64) for f in feats]


def train(feats: list[set[str]], labels: list[list[str]], mp: b.MlpParams) -> tuple:
    vocab, rows_f = vocab_rows(feats)
    return (vocab, *b.fit_mlp(b.design(rows_f, labels, len(vocab)), mp))


def predict(model: tuple, feats: list[set[str]]) -> list[dict[str, float]]:
    vocab, w1, b1, w2, b2 = model
    out = []
    for f in feats:
        idx = [vocab[g] for g in f if g in vocab]
        pre = w1[idx].sum(axis=0) / np.sqrt(len(idx)) + b1 if idx else b1
        p = 1.0 / (1.0 + np.exp(-(np.maximum(pre, 0) @ w2 + b2).astype(np.float64)))
        out.append({c: round(float(x), 5) for c, x in zip(TEXT_CATEGORIES, p.tolist(), strict=True)})
    return out


class Data:
    """The replay, every pool line and each line's gram set (normalised text), loaded once."""

    def __init__(self) -> None:
        with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
            self.replay = [json.loads(x) for x in fh if x.strip()]
        self.rows = [{**r, "_file": p.name} for p in POOL_B for r in ck.load_rows((p,))]
        self.feats = {r["id"]: set(grams(normalise(r["text"]).text)) for r in self.rows}

    def pool(self, pool: str, letters: str) -> list[dict]:
        return [r for r in self.rows if r["_file"] in POOLS[pool] and r["id"][0] not in letters
                and er.annotator(r["id"]) not in letters]


def replay_probs(data: Data, name: str, out: Path, only_sets: list[str] | None, reverse: bool = False
                 ) -> list[dict] | None:
    """Per replayed set the probabilities of the variant trained without the set's annotator (cached per set);
    None while a set is missing."""
    mp, pool = parse(name)
    cache = out / "lin"
    cache.mkdir(parents=True, exist_ok=True)
    res: list[Any] = [None] * len(data.replay)
    by_set: dict[str, list[int]] = {}
    for i, r in enumerate(data.replay):
        by_set.setdefault(r["set"], []).append(i)
    trained: dict[tuple[str, ...], tuple] = {}
    for sname, idx in (reversed(by_set.items()) if reverse else by_set.items()):
        part = cache / f"{name}-{sname}.json"
        if part.exists():
            for i, p in zip(idx, json.loads(part.read_text()), strict=True):
                res[i] = p
            continue
        if only_sets is not None and sname not in only_sets:
            continue
        train_rows = data.pool(pool, data.replay[idx[0]]["annotator"])
        key = tuple(r["id"] for r in train_rows)
        if key not in trained:
            trained[key] = train([data.feats[r["id"]] for r in train_rows], [r["labels"] for r in train_rows], mp)
        got = predict(trained[key], [data.feats[data.replay[i]["id"]] for i in idx])
        for i, p in zip(idx, got, strict=True):
            res[i] = p
        part.write_text(json.dumps(got))
        print(f"  {name} {sname}: {len(train_rows)} lines", file=sys.stderr, flush=True)
    return None if any(p is None for p in res) else res


def new_rows(out: Path) -> list[dict]:
    """The new sets in the replay's format with today's rules and the shipped classifier; cached except the
    summary-only sets, which are recomputed on each run and never written."""
    path = out / "new_rows.json"
    readable = tuple(n for n in NEW if n[0] not in SUMMARY_ONLY)
    if path.exists():
        rows = json.loads(path.read_text())
    else:
        cn.NEW = readable
        rows = cn.new_set_rows()
        path.write_text(json.dumps(rows, ensure_ascii=False))
    cn.NEW = tuple(n for n in NEW if n[0] in SUMMARY_ONLY)
    return rows + cn.new_set_rows()


def new_feats(new: list[dict]) -> dict[str, set[str]]:
    """Each new line's gram set (the new sets are not in Data: they are in no training pool)."""
    wanted = {r["id"] for r in new}
    return {r["id"]: set(grams(normalise(r["text"]).text)) for _, _, f in NEW for r in ck.load_rows((ck.DATA / f,))
            if r["id"] in wanted}


def load_saved(path: Path) -> tuple:
    z = np.load(path)
    return ({str(g): i for i, g in enumerate(z["vocab"].tolist())}, z["w1"], z["b1"], z["w2"], z["b2"])


def save_model(model: tuple, path: Path) -> None:
    vocab, w1, b1, w2, b2 = model
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, vocab=np.array(sorted(vocab, key=vocab.__getitem__)), w1=w1, b1=b1, w2=w2, b2=b2)


def score_new(data: Data, name: str, out: Path, new: list[dict], replay_p: list[dict]) -> dict[str, Any]:
    probs = new_probs(data, name, out, new)
    limits = er.fast_choose(al.Replay(er.with_probs(data.replay, replay_p)), BUDGET)
    return {**cn.score_sets(er.with_probs(new, probs), limits), "limits": limits}


def new_probs(data: Data, name: str, out: Path, new: list[dict]) -> list[dict]:
    """The new sets' probabilities from the variant trained on its pool without the scored set. Pool A (TRAIN_FILES,
    which holds none of the new sets) is one training, kept as `models/NAME.npz` (also the model a build would ship,
    for the cost measurement) and reused on later runs; nothing per line is cached."""
    mp, pool = parse(name)
    feats = new_feats(new)
    probs = []
    trained: dict[tuple[str, ...], tuple] = {}
    saved = out / "models" / f"{name}.npz"
    for sname, letters, _ in NEW:
        train_rows = data.pool(pool, letters)
        key = tuple(r["id"] for r in train_rows)
        if key not in trained:
            if pool == "A" and saved.exists():
                trained[key] = load_saved(saved)
            else:
                trained[key] = train([data.feats[r["id"]] for r in train_rows], [r["labels"] for r in train_rows], mp)
                if pool == "A":
                    save_model(trained[key], saved)
        probs += predict(trained[key], [feats[r["id"]] for r in new if r["set"] == sname])
    return probs


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("/tmp/model10/results")
    out.mkdir(parents=True, exist_ok=True)
    summary_path = out / "summary.json"
    summary: dict[str, Any] = json.loads(summary_path.read_text()) if summary_path.exists() else {"replay": {},
                                                                                                   "new": {}}
    if "--table" in argv:
        return table(summary)
    if "--partial" in argv:  # a seed still missing sets: its finished sets against seed 0's, both at seed 0's limits
        name, ref = argv[argv.index("--partial") + 1].split(",")
        with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
            replay = [json.loads(x) for x in fh if x.strip()]
        data = Data.__new__(Data)
        data.replay = replay
        ref_p = replay_probs(data, ref, out, [])
        assert ref_p is not None
        limits = er.fast_choose(al.Replay(er.with_probs(replay, ref_p)), BUDGET)
        for sname in dict.fromkeys(r["set"] for r in replay):
            part = out / "lin" / f"{name}-{sname}.json"
            if not part.exists():
                continue
            idx = [i for i, r in enumerate(replay) if r["set"] == sname]
            rows = [replay[i] for i in idx]
            sc = [cn.score_sets(er.with_probs(rows, p), limits)["per_set"][sname] for p in
                  (json.loads(part.read_text()), [ref_p[i] for i in idx], [r["probs"] for r in rows])]
            print(f"  {sname:6s} {name} {sc[0]['macro_f1']:.3f}/{sc[0]['lawful_fp']}  {ref} {sc[1]['macro_f1']:.3f}/"
                  f"{sc[1]['lawful_fp']}  char-A probs {sc[2]['macro_f1']:.3f}/{sc[2]['lawful_fp']} (limits of {ref})")
        return 0
    if "--swap-replay" in argv:  # the build's replay with this variant's probabilities (the rules' side unchanged)
        name = argv[argv.index("--swap-replay") + 1]
        rows = b.read_replay()
        parts = {r["set"] for r in rows}
        probs = {}
        for sname in parts:
            sel = [r for r in rows if r["set"] == sname]
            for r, p in zip(sel, json.loads((out / "lin" / f"{name}-{sname}.json").read_text()), strict=True):
                probs[id(r)] = p
        b.write_replay([{**r, "probs": probs[id(r)]} for r in rows])
        print(f"wrote {b.REPLAY} with the probabilities of {name}")
        return 0
    data = Data()
    if "--cross-limits" in argv:
        return cross_limits(data, argv[argv.index("--cross-limits") + 1].split(","), out, summary_path)
    names = argv[argv.index("--variants") + 1].split(",") if "--variants" in argv else []
    sets = argv[argv.index("--sets") + 1].split(",") if "--sets" in argv else None
    if "char-A" not in summary["replay"]:
        summary["replay"]["char-A"] = er.score_variant(data.replay, BUDGET)
    new = new_rows(out) if "--new" in argv else []
    if new and "char-A" not in summary["new"]:
        summary["new"]["char-A"] = cn.score_sets(new, load_model().thresholds)
    for name in names:
        probs = replay_probs(data, name, out, sets, "--reverse" in argv)
        if probs is None and new and name.endswith("-B") and "--b-new-only" in argv:
            # pool B on the new sets only (20 replay trainings on 10,000 lines did not fit the session): the
            # limits of the same hidden size and seed trained on pool A
            probs_a = replay_probs(data, name[:-1] + "A", out, [])
            if probs_a is not None:
                summary["new"][name + " (limits of A)"] = r = score_new(data, name, out, new, probs_a)
                print(f"{name:12s} new (limits of A): mean {r['mean_macro_f1']:.4f}, lawful FP {r['lawful_fp']}: " +
                      ", ".join(f"{k} {e['macro_f1']:.3f}/{e['lawful_fp']}" for k, e in r["per_set"].items()),
                      flush=True)
                save(summary_path, summary)
            continue
        if probs is None and new and "--limits-of" in argv:
            # a seed whose replay is not finished: the new sets at the limits of another variant's whole replay
            ref = argv[argv.index("--limits-of") + 1]
            ref_p = replay_probs(data, ref, out, [])
            assert ref_p is not None, ref
            key = f"{name} (limits of {ref})"
            summary["new"][key] = r = score_new(data, name, out, new, ref_p)
            print(f"{key}: new mean {r['mean_macro_f1']:.4f}, lawful FP {r['lawful_fp']} of {r['lawful']}: " +
                  ", ".join(f"{k} {e['macro_f1']:.3f}/{e['lawful_fp']}" for k, e in r["per_set"].items()), flush=True)
            summary = save(summary_path, summary)
            continue
        if probs is None:
            print(f"{name}: some sets still missing", flush=True)
            if new:
                new_probs(data, name, out, new)
            continue
        if name not in summary["replay"]:
            summary["replay"][name] = er.score_variant(er.with_probs(data.replay, probs), BUDGET)
        s = summary["replay"][name]
        print(f"{name:12s} replay: mean macro-F1 {s['mean_macro_f1']:.4f}, lawful FP {s['lawful_fp']}", flush=True)
        if new:
            summary["new"][name] = r = score_new(data, name, out, new, probs)
            print(f"{name:12s} new: mean {r['mean_macro_f1']:.4f}, lawful FP {r['lawful_fp']} of {r['lawful']}: " +
                  ", ".join(f"{k} {e['macro_f1']:.3f}/{e['lawful_fp']}" for k, e in r["per_set"].items()), flush=True)
        summary = save(summary_path, summary)
    return 0


def cross_limits(data: Data, names: list[str], out: Path, summary_path: Path) -> int:
    """Which half of a variant's new-set difference comes from its probabilities and which from its limits: char-A's
    and each variant's probabilities on the new sets, each at the shipped limits and at the limits `fast_choose`
    picks on its own replay (char-A's own replay limits need not equal the shipped ones: the shipped ones are
    `addition_limits.choose` in the build)."""
    new = new_rows(out)
    limits = {"shipped": load_model().thresholds, "char-A replay": er.fast_choose(al.Replay(data.replay), BUDGET)}
    probs = {"char-A": [r["probs"] for r in new]}
    for name in names:
        rp = replay_probs(data, name, out, [])
        assert rp is not None, name
        limits[f"{name} replay"] = er.fast_choose(al.Replay(er.with_probs(data.replay, rp)), BUDGET)
        probs[name] = new_probs(data, name, out, new)
    res: dict[str, Any] = {}
    for pname, pr in probs.items():
        for lname, lim in limits.items():
            r = cn.score_sets(er.with_probs(new, pr), lim)
            res[f"{pname} probs, {lname} limits"] = r
            print(f"{pname:10s} probs, {lname:16s} limits: mean {r['mean_macro_f1']:.4f}, lawful FP {r['lawful_fp']}: " +
                  ", ".join(f"{k} {e['macro_f1']:.3f}/{e['lawful_fp']}" for k, e in r["per_set"].items()), flush=True)
    print("limits:", json.dumps(limits))
    summary = json.loads(summary_path.read_text())
    summary["cross_limits"] = {"limits": limits, "scores": res}
    summary_path.write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


def save(path: Path, summary: dict[str, Any]) -> dict[str, Any]:
    fresh = json.loads(path.read_text()) if path.exists() else {"replay": {}, "new": {}}
    for part in ("replay", "new"):  # another process may have written its variants meanwhile
        fresh[part].update(summary[part])
    path.write_text(json.dumps(fresh, indent=1, ensure_ascii=False))
    return fresh


def table(summary: dict[str, Any]) -> int:
    """Markdown: every variant, then per hidden size and pool the seeds' mean and spread."""
    base, base_new = summary["replay"]["char-A"], summary["new"].get("char-A")

    def wins(s: dict) -> tuple[int, int]:
        return (sum(s["per_set"][k]["macro_f1"] > v["macro_f1"] for k, v in base["per_set"].items()),
                sum(s["per_set"][k]["macro_f1"] < v["macro_f1"] for k, v in base["per_set"].items()))

    print("| variant | replay mean macro-F1 | replay lawful FP | sets better / worse | new sets mean | new lawful FP | " +
          " | ".join(n for n, _, _ in NEW) + " |")
    print("|---|---|---|---|---|---|" + "---|" * len(NEW))
    for name in summary["replay"] | summary["new"]:
        s, nw = summary["replay"].get(name), summary["new"].get(name)
        cells = [f"{s['mean_macro_f1']:.4f}", str(s["lawful_fp"]), "{} / {}".format(*wins(s))] if s else ["", "", ""]
        cells += [f"{nw['mean_macro_f1']:.4f}", str(nw["lawful_fp"]),
                  *(f"{e['macro_f1']:.3f} / {e['lawful_fp']}" for e in nw["per_set"].values())] if nw else \
            [""] * (2 + len(NEW))
        print(f"| {name} | " + " | ".join(cells) + " |")
    groups: dict[str, list[str]] = {}
    for name in summary["replay"]:
        m = _NAME.match(name)
        if m:
            groups.setdefault(f"mlp{m[1]}-{m[3]}", []).append(name)
    print("\n| hidden units, pool | seeds | replay mean (min-max) | lawful FP (min-max) | better / worse (min-max) |"
          " new sets mean (min-max) | new lawful FP (min-max) |")
    print("|---|---|---|---|---|---|---|")
    for g, names in groups.items():
        rs = [summary["replay"][n] for n in names]
        ns = [summary["new"][n] for n in names if n in summary["new"]]
        f1 = [r["mean_macro_f1"] for r in rs]
        fp = [r["lawful_fp"] for r in rs]
        bw = [wins(r) for r in rs]
        nf = [r["mean_macro_f1"] for r in ns]
        nfp = [r["lawful_fp"] for r in ns]
        print(f"| {g} | {len(names)} | {np.mean(f1):.4f} ({min(f1):.4f}-{max(f1):.4f}) | {np.mean(fp):.1f} "
              f"({min(fp)}-{max(fp)}) | {min(b_[0] for b_ in bw)}-{max(b_[0] for b_ in bw)} / "
              f"{min(b_[1] for b_ in bw)}-{max(b_[1] for b_ in bw)} | " +
              (f"{np.mean(nf):.4f} ({min(nf):.4f}-{max(nf):.4f}) | {np.mean(nfp):.1f} ({min(nfp)}-{max(nfp)}) |"
               if ns else " | |"))
    if base_new:
        print(f"\nchar-A: replay {base['mean_macro_f1']:.4f} / {base['lawful_fp']}, new sets "
              f"{base_new['mean_macro_f1']:.4f} / {base_new['lawful_fp']} of {base_new['lawful']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
