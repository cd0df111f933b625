"""Check (issue 4): quality on the held-out TEST split for xiezhi and a keyword baseline in the same run,
throughput on 100-character messages (one core; `batch --workers 2`), and peak memory of a
1,000,000-line `xiezhi batch` run as a subprocess.

Targets: macro-F1 >= 0.90 and lawful false positives <= 3% on the held-out split; >= 20,000 messages/s
per core; batch memory flat, <= 300 MB RSS whatever the input size.

The held-out split is check_test5.jsonl, written at the end of the fourth session by an annotator who never saw the
engine, its rules or the other sets, read by nobody and scored once, at the end of the fifth session. The earlier
held-out splits (check_test4/3/2.jsonl, scored before they were read, then demoted to development data) are reported
beside it, as are the five sets of the fifth session kept sealed (check_dev20–24: a first look on the session's
starting engine, a second on its final engine). The development sets are scored for reference only (the rules were
tuned and the classifier trained on them).
`python bench/bench_check.py [--quick]` (--quick: 100k lines);
`python bench/bench_check.py --dev-only` scores the development sets only (never reads the held-out split);
`--speed-only` re-measures the speed part and merges it into results/check.json, quality left as it is;
`--quality-only` re-scores every split and merges the quality part, speed left as it is.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from common import median, write_result

DATA = Path(__file__).parent / "data"
META = ("sent_at", "recipient_role", "lender_type", "count_per_day", "channel", "debtor_reachable", "contact_refused")
TARGETS = {"macro_f1": 0.90, "lawful_fp_rate": 0.03, "msgs_per_s_per_core": 20000, "batch_peak_rss_mb": 300}

#: The baseline: one obvious keyword list per category, no metadata, no negation.
BASELINE_KEYWORDS: dict[str, list[str]] = {
    "violence_threat": ["打断", "砍", "弄死", "打死", "揍", "收拾你", "刀"],
    "intimidation": ["你等着", "后果自负", "小心", "知道你家", "跟踪", "社死"],
    "insult_defamation": ["老赖", "骗子", "人渣", "垃圾", "傻逼", "不要脸"],
    "third_party_contact": ["紧急联系人", "通讯录", "你的家人", "转告", "联系人"],
    "debt_disclosure": ["曝光", "群里", "朋友圈", "公告", "欠款不还"],
    "privacy_exposure": ["身份证", "照片", "住址", "P图", "裸照"],
    "impersonation": ["法院", "公安", "派出所", "律师", "传票", "民警"],
    "false_legal_threat": ["坐牢", "诈骗罪", "拘留", "立案", "黑名单", "征信", "冻结"],
    "harassment_time": ["半夜", "凌晨", "深夜", "晚上"],
    "harassment_frequency": ["轰炸", "一直打", "几十个电话", "不停地打"],
    "unlawful_visit": ["上门", "堵门", "去你家", "外访", "门口"],
    "illegal_fee": ["上门费", "手续费", "个人账户", "服务费", "违约金"],
    "forced_borrowing": ["借新还旧", "口子", "去借", "套现", "别的平台"],
    "credit_repair_scam": ["征信修复", "停息挂账", "反催收", "债务优化", "删除记录"],
}


def baseline(text: str) -> list[str]:
    labels = [c for c, words in BASELINE_KEYWORDS.items() if any(w in text for w in words)]
    return labels or ["compliant"]


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: list[dict[str, Any]], predict: Any) -> dict[str, Any]:
    from xiezhi.collection.models import CATEGORIES

    tp = dict.fromkeys(CATEGORIES, 0)
    fp = dict.fromkeys(CATEGORIES, 0)
    fn = dict.fromkeys(CATEGORIES, 0)
    lawful = lawful_fp = exact = 0
    for r in rows:
        pred, gold = set(predict(r)), set(r["labels"])
        for c in CATEGORIES:
            tp[c] += c in pred and c in gold
            fp[c] += c in pred and c not in gold
            fn[c] += c in gold and c not in pred
        if gold == {"compliant"}:
            lawful += 1
            lawful_fp += pred != {"compliant"}
        exact += pred == gold
    per: dict[str, dict[str, float]] = {}
    for c in CATEGORIES:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        rc = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        per[c] = {"precision": round(p, 3), "recall": round(rc, 3), "f1": round(f, 3), "support": tp[c] + fn[c]}
    macro = sum(v["f1"] for v in per.values()) / len(per)
    macro14 = sum(v["f1"] for c, v in per.items() if c != "compliant") / (len(per) - 1)
    return {"messages": len(rows), "macro_f1": round(macro, 3), "macro_f1_14_violation_categories": round(macro14, 3),
            "lawful_messages": lawful, "lawful_false_positives": lawful_fp,
            "lawful_fp_rate": round(lawful_fp / lawful, 4) if lawful else None,
            "exact_match": round(exact / len(rows), 3), "per_category": per}


def xiezhi_predict(r: dict[str, Any], model: Any = None) -> list[str]:
    from xiezhi.collection import analyze

    return analyze(r["text"], {k: r[k] for k in META if r.get(k) is not None}, model=model).labels


def model_alone(r: dict[str, Any]) -> list[str]:
    """The classifier by itself (text categories only; it never sees metadata)."""
    from xiezhi.collection.model import load_model
    from xiezhi.collection.normalize import normalise

    m = load_model()
    probs = m.proba(normalise(r["text"]).text)
    return [c for c, p in probs.items() if p >= m.limit(c)] or ["compliant"]


def messages_100(n: int) -> list[str]:
    """100-character messages built from the dev split (never the test split)."""
    texts = [r["text"].replace("\n", " ") for r in load("check_dev.jsonl")]
    out = []
    for i in range(n):
        t = texts[i % len(texts)]
        out.append((t * (100 // max(len(t), 1) + 1))[:100])
    return out


def throughput_single(msgs: list[str], rounds: int = 3, model: Any = None) -> dict[str, float]:
    from xiezhi.collection import analyze

    for m in msgs[:500]:
        analyze(m, model=model)
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        for m in msgs:
            analyze(m, model=model).model_dump_json()
        wall.append(len(msgs) / (time.perf_counter() - t0))
        cpu.append(len(msgs) / (time.process_time() - c0))
    return {"messages": len(msgs), "wall_msgs_per_s": round(median(wall)), "cpu_msgs_per_s": round(median(cpu))}


def throughput_chunked(msgs: list[str], rounds: int = 3, rules_only: bool = False) -> dict[str, Any]:
    """The shipped fast path, the whole job in one process: parse each JSON input line, check it, write the
    JSON output line (`batch.process_lines` on chunks of batch.CHUNK lines, as `xiezhi batch` does)."""
    from xiezhi.collection.batch import CHUNK, process_lines

    lines = [json.dumps({"id": f"m{i}", "text": m}, ensure_ascii=False) for i, m in enumerate(msgs)]
    process_lines(lines[:CHUNK], 1, rules_only)  # load rules, model and tables
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        out = 0
        for k in range(0, len(lines), CHUNK):
            out += len(process_lines(lines[k:k + CHUNK], k + 1, rules_only))
        wall.append(len(msgs) / (time.perf_counter() - t0))
        cpu.append(len(msgs) / (time.process_time() - c0))
        assert out == len(msgs)
    return {"messages": len(msgs), "chunk": CHUNK, "wall_msgs_per_s": round(median(wall)),
            "cpu_msgs_per_s": round(median(cpu))}


def write_input(path: Path, n: int) -> None:
    msgs = messages_100(2000)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"m{i}", "text": msgs[i % len(msgs)]}, ensure_ascii=False) + "\n")


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            with open(f"/proc/{d}/status") as f:
                kb = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = kb
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_batch(inp: Path, workers: int, rules_only: bool = False) -> dict[str, Any]:
    exe = Path(sys.executable).parent / "xiezhi"
    cmd = [str(exe), "batch", str(inp), "-o", os.devnull, "--workers", str(workers), "--quiet"]
    if rules_only:
        cmd.append("--rules-only")
    peak = [0]
    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd)
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.25)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    rc = proc.wait()
    done.set()
    th.join()
    secs = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the batch process and its workers, once waited for
    cpu_s = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    lines = sum(1 for _ in inp.open(encoding="utf-8"))
    return {"command": " ".join(["xiezhi", *cmd[1:]]), "exit": rc, "lines": lines, "seconds": round(secs, 1),
            "msgs_per_s": round(lines / secs), "cpu_seconds": round(cpu_s, 1),
            "msgs_per_cpu_s": round(lines / cpu_s) if cpu_s else None,
            "peak_tree_rss_mb": round(peak[0] / 1024, 1)}


#: The held-out split: annotator 47's set, written blind during the tenth session, refused by the tools and never
#: read; scored once at the end of the eleventh session. (The tenth session's held-out split, check_test10.jsonl, was
#: scored once at its end and is development data now.)
HELD_OUT = "check_test11.jsonl"
#: Earlier held-out splits (scored before they were read), demoted to development data afterwards; and the sealed
#: fresh sets (first look on a session's starting engine, second look on its final engine; nobody changing the engine
#: read them): the fifth session's dev20-dev26, the sixth session's dev27-dev29 (read from the seventh session on)
#: dev30-dev31 (written at the end of the sixth session, sealed through the seventh, read from the eighth on) and
#: dev32-dev33 (written during the seventh session, sealed through the eighth) and dev34-dev35 (written during the
#: eighth session, first and second looks on its starting and final engines; read from the ninth on) and dev36-dev37
#: (written during the ninth session, first and second looks there; read from the tenth on) and dev38-dev39 (written
#: during the tenth session, first and second looks there; read from the eleventh on).
EARLIER_HELD_OUT = {"test10_demoted": "check_test10.jsonl", "test9_demoted": "check_test9.jsonl", "test8_demoted": "check_test8.jsonl", "test7_demoted": "check_test7.jsonl", "test6_demoted": "check_test6.jsonl", "test5_demoted": "check_test5.jsonl",
                    "test4_demoted": "check_test4.jsonl",
                    "test3_demoted": "check_test3.jsonl", "test2_demoted": "check_test2.jsonl",
                    "dev20_sealed": "check_dev20.jsonl", "dev21_sealed": "check_dev21.jsonl",
                    "dev22_sealed": "check_dev22.jsonl", "dev23_sealed": "check_dev23.jsonl",
                    "dev24_sealed": "check_dev24.jsonl", "dev25_sealed": "check_dev25.jsonl",
                    "dev26_sealed": "check_dev26.jsonl", "dev27_sealed": "check_dev27.jsonl",
                    "dev28_sealed": "check_dev28.jsonl", "dev29_sealed": "check_dev29.jsonl",
                    "dev30_sealed": "check_dev30.jsonl", "dev31_sealed": "check_dev31.jsonl",
                    "dev32_sealed": "check_dev32.jsonl", "dev33_sealed": "check_dev33.jsonl",
                    "dev34_sealed": "check_dev34.jsonl", "dev35_sealed": "check_dev35.jsonl",
                    "dev36_sealed": "check_dev36.jsonl", "dev37_sealed": "check_dev37.jsonl",
                    "dev38_sealed": "check_dev38.jsonl", "dev39_sealed": "check_dev39.jsonl"}
SPLIT_NOTE = f"{HELD_OUT} (held out: annotator 47, who never saw the engine, its rules or the other sets; scored once)"
#: Development sets: tuned on and trained on; reported for reference only.
DEV_SPLITS = {"dev_tuned_on": "check_dev.jsonl", "dev2_tuned_on": "check_dev2.jsonl",
              "dev3_tuned_on": "check_dev3.jsonl", "dev4_tuned_on": "check_dev4.jsonl",
              "dev5_tuned_on": "check_dev5.jsonl", "dev6_tuned_on": "check_dev6.jsonl",
              "dev7_tuned_on": "check_dev7.jsonl", "dev8_tuned_on": "check_dev8.jsonl",
              "dev9_tuned_on": "check_dev9.jsonl", "dev10_tuned_on": "check_dev10.jsonl",
              "old_test_demoted_tuned_on": "check_test.jsonl", "dev11_tuned_on": "check_dev11.jsonl",
              # first looks taken at the start of the fourth session, then read and tuned on (not trained on)
              "dev12_tuned_on": "check_dev12.jsonl", "dev13_tuned_on": "check_dev13.jsonl",
              "dev14_tuned_on": "check_dev14.jsonl", "dev15_tuned_on": "check_dev15.jsonl",
              "dev16_tuned_on": "check_dev16.jsonl", "dev17_tuned_on": "check_dev17.jsonl",
              "dev18_tuned_on": "check_dev18.jsonl", "dev19_tuned_on": "check_dev19.jsonl"}


def dev_only() -> int:
    """Quality on the development sets only, per category; the held-out split is not read."""
    names = ("xiezhi", "rules_only", "model_alone", "baseline_keywords")
    for split in DEV_SPLITS.values():
        rows = load(split)
        q = {"xiezhi": score(rows, xiezhi_predict), "rules_only": score(rows, lambda r: xiezhi_predict(r, False)),
             "model_alone": score(rows, model_alone), "baseline_keywords": score(rows, lambda r: baseline(r["text"]))}
        print(f"{split:24s}" + "".join(f"{n:>14s}" for n in names))
        print(f"{'macro-F1':24s}" + "".join(f"{q[n]['macro_f1']:>14.3f}" for n in names))
        print(f"{'lawful FP rate':24s}" + "".join(f"{q[n]['lawful_fp_rate']:>14.3f}" for n in names))
        for c in q["xiezhi"]["per_category"]:
            print(f"  {c:22s}" + "".join(f"{q[n]['per_category'][c]['f1']:>14.3f}" for n in names))
    return 0


def quality_results() -> tuple[dict[str, str], dict[str, Any]]:
    splits = {"test": HELD_OUT, **EARLIER_HELD_OUT, **DEV_SPLITS}
    quality = {
        split: {"xiezhi": score(rows, xiezhi_predict),
                "rules_only": score(rows, lambda r: xiezhi_predict(r, False)),
                "model_alone": score(rows, model_alone),
                "baseline_keywords": score(rows, lambda r: baseline(r["text"]))}
        for split, rows in ((name, load(file)) for name, file in splits.items())
    }
    return splits, quality


def print_quality(quality: dict[str, Any]) -> None:
    q = quality["test"]
    names = ("xiezhi", "rules_only", "model_alone", "baseline_keywords")
    print(f"{'TEST split':24s}" + "".join(f"{n:>14s}" for n in names))
    print(f"{'macro-F1':24s}" + "".join(f"{q[n]['macro_f1']:>14.3f}" for n in names))
    print(f"{'lawful FP rate':24s}" + "".join(f"{q[n]['lawful_fp_rate']:>14.3f}" for n in names))
    for c in q["xiezhi"]["per_category"]:
        print(f"  {c:22s}" + "".join(f"{q[n]['per_category'][c]['f1']:>14.3f}" for n in names))
    for name in (*EARLIER_HELD_OUT, *DEV_SPLITS):
        d = quality[name]
        print(f"{name + ' F1':30s}"[:24] + "".join(f"{d[n]['macro_f1']:>14.3f}" for n in names))
        print(f"{'  lawful FP rate':24s}" + "".join(f"{d[n]['lawful_fp_rate']:>14.3f}" for n in names))


def quality_only() -> int:
    """Re-score quality only (all splits, the held-out one included) and merge it into results/check.json,
    leaving the speed part as it is."""
    path = Path(__file__).parent / "results" / "check.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    splits, quality = quality_results()
    t = quality["test"]["xiezhi"]
    results = {k: v for k, v in old.items() if k not in ("area", "machine")}
    results["notes"] = list(dict.fromkeys(old.get("notes", [])))
    results.update(split=SPLIT_NOTE, quality=quality, splits=splits, targets=TARGETS,
                   quality_command="python bench/bench_check.py --quality-only")
    results["pass"] = {**old.get("pass", {}), "macro_f1": t["macro_f1"] >= TARGETS["macro_f1"],
                       "lawful_fp_rate": (t["lawful_fp_rate"] or 0) <= TARGETS["lawful_fp_rate"]}
    out = write_result("check", results)
    print_quality(quality)
    print(f"wrote {out} (quality part; speed part unchanged)")
    return 0


def main() -> int:
    if "--dev-only" in sys.argv:
        return dev_only()
    if "--quality-only" in sys.argv:
        return quality_only()
    quick = "--quick" in sys.argv
    if "--speed-only" in sys.argv:
        return speed_only(quick)
    splits, quality = quality_results()
    speed = speed_results(quick)
    t = quality["test"]["xiezhi"]
    results = {
        "split": SPLIT_NOTE,
        "splits": splits,
        "quality": quality,
        **speed,
        "targets": TARGETS,
        "pass": {
            "macro_f1": t["macro_f1"] >= TARGETS["macro_f1"],
            "lawful_fp_rate": (t["lawful_fp_rate"] or 0) <= TARGETS["lawful_fp_rate"],
            **speed_pass(speed),
        },
        "notes": [
            "macro_f1 averages the 14 categories and compliant (15 labels); the 14-category macro is given beside it.",
            *SPEED_NOTES,
            "The baseline matches one obvious keyword list per category, with no metadata and no negation.",
        ],
        "command": "python bench/bench_check.py" + (" --quick" if quick else ""),
    }
    path = write_result("check", results)
    print_speed(speed)
    print_quality(quality)
    print(f"wrote {path}")
    return 0


SPEED_NOTES = [
    "throughput_chunked (the shipped path, what `xiezhi batch` runs): one process parses each JSON input line, "
    "checks it and serialises the output line, chunks of 500 lines through analyze_many_json; 100-character "
    "messages built from dev texts. throughput_single_core: the per-message path, analyze() + model_dump_json().",
    "cpu_msgs_per_s uses process CPU time (the machine is shared), wall_msgs_per_s wall-clock time; both are "
    "per core (one process, one core). Batch msgs_per_cpu_s divides lines by the CPU seconds of the batch "
    "process and its workers (the per-core figure of --workers 2).",
    "Batch RSS is the summed resident memory of the batch process and its workers, sampled every 0.25 s; "
    "output goes to /dev/null.",
]


def speed_results(quick: bool) -> dict[str, Any]:
    msgs = messages_100(20000)
    chunked = throughput_chunked(msgs)
    chunked_rules = throughput_chunked(msgs, rules_only=True)
    speed = throughput_single(msgs)
    speed_rules = throughput_single(msgs, model=False)
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "100k.jsonl"
        write_input(small, 100_000)
        batch_small_1 = run_batch(small, 1)
        batch_small_2 = run_batch(small, 2)
        batch_small_2r = run_batch(small, 2, rules_only=True)
        big_n = 100_000 if quick else 1_000_000
        big = Path(tmp) / "big.jsonl"
        write_input(big, big_n)
        batch_big_2 = run_batch(big, 2)
    big_key = f"{big_n // 1000}k_workers_2" + ("_memory" if quick else "")
    return {
        "throughput_chunked": chunked,
        "throughput_chunked_rules_only": chunked_rules,
        "throughput_single_core": speed,
        "throughput_single_core_rules_only": speed_rules,
        "batch": {"100k_workers_1": batch_small_1, "100k_workers_2": batch_small_2,
                  "100k_workers_2_rules_only": batch_small_2r,
                  big_key: batch_big_2},
        "batch_memory_run": big_key,
    }


def speed_pass(speed: dict[str, Any]) -> dict[str, bool]:
    big = speed["batch"][speed["batch_memory_run"]]
    goal = TARGETS["msgs_per_s_per_core"]
    return {
        "msgs_per_s_per_core": speed["throughput_chunked"]["cpu_msgs_per_s"] >= goal,
        "msgs_per_s_per_core_rules_only": speed["throughput_chunked_rules_only"]["cpu_msgs_per_s"] >= goal,
        "msgs_per_s_per_core_analyze_per_message": speed["throughput_single_core"]["cpu_msgs_per_s"] >= goal,
        "batch_peak_rss_mb": big["peak_tree_rss_mb"] <= TARGETS["batch_peak_rss_mb"],
    }


def print_speed(speed: dict[str, Any]) -> None:
    for name in ("throughput_chunked", "throughput_chunked_rules_only", "throughput_single_core",
                 "throughput_single_core_rules_only"):
        r = speed[name]
        print(f"{name}: {r['cpu_msgs_per_s']:,} msg/s per core (CPU time), {r['wall_msgs_per_s']:,} msg/s (wall)")
    for name, r in speed["batch"].items():
        print(f"batch {name}: {r['msgs_per_s']:,} msg/s wall, {r['msgs_per_cpu_s']:,} msg per CPU-second, "
              f"peak RSS {r['peak_tree_rss_mb']} MB, exit {r['exit']}")


def speed_only(quick: bool) -> int:
    """Re-measure the speed part only and merge it into results/check.json, leaving the quality part as it is
    (no labelled split is read)."""
    path = Path(__file__).parent / "results" / "check.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    speed = speed_results(quick)
    kept = {k: v for k, v in old.items() if k not in ("area", "machine", *speed)}
    results = {**kept, **speed}
    results["targets"] = TARGETS
    results["pass"] = {**{k: v for k, v in old.get("pass", {}).items() if k in ("macro_f1", "lawful_fp_rate")},
                       **speed_pass(speed)}
    results["notes"] = [n for n in old.get("notes", []) if n not in SPEED_NOTES
                        and not n.startswith(("Throughput", "throughput", "cpu_msgs_per_s", "Batch RSS"))]
    results["notes"] = [*results["notes"][:1], *SPEED_NOTES, *results["notes"][1:]]
    results["speed_command"] = "python bench/bench_check.py --speed-only" + (" --quick" if quick else "")
    out = write_result("check", results)
    print_speed(speed)
    print(f"wrote {out} (speed part; quality part unchanged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
