"""The chunked Check path (`analyze_many`, `analyze_many_json`, `batch.process_lines`) gives exactly the
output of `analyze` line by line; the snapshot of the dev sets (scripts/snapshot_check.py) still holds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from check_testkit import snapshot_module
from xiezhi.collection import analyze
from xiezhi.collection.batch import process_line, process_lines
from xiezhi.collection.fast import analyze_many, analyze_many_json, result_json
from xiezhi.collection.model import LOGIT_MARGIN, chunk_logits, load_model
from xiezhi.collection.normalize import normalise

ROOT = Path(__file__).resolve().parent.parent




SNAP = snapshot_module()
HEADER, EXPECTED = SNAP.read_snapshot()
ITEMS = SNAP.stored_cases(EXPECTED)

EDGE_TEXTS = [
    "", " ", "。", "你", "再不还钱就去你家堵门", "𠀀𠀁你好再不还𠀂", "ＡＢＣ　上 門🚪来你家", "\U0010fffd去你家\U000e0100堵门",
    '引号"和反斜杠\\还有\u0001控制字符\n换行\t制表', "我：你们再打电话我就报警\n催收：报啊，看警察管不管你",
    "【某某金融】您已逾期3天，请及时还款。回T退订" * 5,
]


def test_chunked_path_equals_analyze_on_current_data() -> None:
    """Whatever the rule data and model are now: chunk results == analyze results, byte for byte."""
    texts = [t for _, _, t, _ in ITEMS] + EDGE_TEXTS
    metas = [m for *_, m in ITEMS] + [None] * len(EDGE_TEXTS)
    ids = [f"id{i}" for i in range(len(texts))]
    want = [analyze(t, m, id=i).model_dump_json() for t, m, i in zip(texts, metas, ids, strict=True)]
    got: list[str] = []
    for k in range(0, len(texts), 131):  # uneven chunks
        got.extend(analyze_many_json(texts[k:k + 131], metas[k:k + 131], ids[k:k + 131]))
    assert len(got) == len(want)
    diff = [(i, w, g) for i, (w, g) in enumerate(zip(want, got, strict=True)) if w != g]
    assert not diff, diff[:2]
    objs = analyze_many(texts[:200], metas[:200], ids[:200])
    assert [r.model_dump_json() for r in objs] == want[:200]


@pytest.mark.parametrize("kwargs", [{"model": False}, {"threshold": 0.3}, {"threshold": 0.9}])
def test_chunked_path_other_settings(kwargs: dict) -> None:
    texts = [t for _, _, t, _ in ITEMS[::3]] + EDGE_TEXTS
    metas = [m for *_, m in ITEMS[::3]] + [None] * len(EDGE_TEXTS)
    want = [analyze(t, m, **kwargs).model_dump_json() for t, m in zip(texts, metas, strict=True)]
    assert analyze_many_json(texts, metas, **kwargs) == want


def test_snapshot_of_dev_outputs() -> None:
    """The full output on dev + dev2 as recorded when the snapshot was taken (rule data at that commit)."""
    if HEADER["fingerprint"] != SNAP.fingerprint():
        pytest.skip("rule data, model, corpus or metadata modules changed since tests/data/check_snapshot.jsonl.gz "
                    "was taken, so its outputs are no longer expected; the chunked path is still compared with "
                    "analyze() above. Refresh with `python scripts/snapshot_check.py --write`.")
    got = SNAP.outputs_analyze(ITEMS)
    assert [e["out"] for e in EXPECTED] == got
    assert SNAP.outputs_chunked(ITEMS) == got


def test_snapshot_is_complete() -> None:
    assert HEADER["messages"] == len(EXPECTED) >= 800
    assert {e["split"] for e in EXPECTED} == {"check_dev.jsonl", "check_dev2.jsonl"}
    assert all(json.loads(e["out"])["labels"] for e in EXPECTED)


def test_chunk_logits_close_to_model_logits() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    texts = [normalise(t).text for _, _, t, _ in ITEMS[:300]] + [normalise(t).text for t in EDGE_TEXTS]
    z = chunk_logits(m, texts)
    exact = np.array([m.logits(m.features(t)) if t else m.bias for t in texts], dtype=np.float64)
    assert z.shape == exact.shape
    assert np.abs(z - exact).max() < LOGIT_MARGIN / 100


def test_key_table_finds_every_vocabulary_key_and_nothing_else() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    assert np.array_equal(m.table.lookup(m.keys), m.rows)
    others = np.setdiff1d(np.concatenate([m.keys + 1, m.keys * 3, np.arange(1, 5000, dtype=np.int64)]), m.keys)
    assert (m.table.lookup(others) == -1).all()


def test_result_json_matches_pydantic_on_awkward_strings() -> None:
    for text in EDGE_TEXTS:
        r = analyze(text, {"recipient_role": "spouse", "sent_at": "2026-03-01T23:30:00"}, id='a"b\\c\u2028')
        assert result_json(r, text) == r.model_dump_json()


def test_process_lines_equals_process_line() -> None:
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(EDGE_TEXTS)]
    lines += ["", "not json", '{"id": "x", "text": 5}', "[1, 2]",
              json.dumps({"id": "m", "text": "再不还钱就去你家", "sent_at": "2026-03-01 23:30", "count_per_day": 9}),
              json.dumps({"id": "bad", "text": "你好", "sent_at": "不是时间"}),
              '{"id": "x1", "text": "你好"} {"id": "x2"}', '{"id": "x3", "text": "你好"}\n', '{"id": "x4", "text": "a"} \t ',
              '{"id": "x5", "text": "a"', '{"id": "x6", "text": "a", "n": NaN}', '\ufeff{"id": "x7", "text": "a"}',
              '{"id": "x8", "text": "a"},', '{"id": 9, "text": "再不还钱就去你家"}\x0b', '{"id": "x10", "text": "a\x01"}',
              '{"id": "x11", "text": "a", "id": "x12"}', '{"id": "x13", "text": "' + "深" * 5000 + '"}',
              '{"id": "s", "text": "\\ud800坏"}']
    want = [x for n, line in enumerate(lines, 7) if (x := process_line(line, n)) is not None]
    assert process_lines(lines, 7) == want
    assert process_lines(lines[:-1], 7) == want[:-1]  # without the line that sends the chunk down line by line
    rules = [x for n, line in enumerate(lines, 7) if (x := process_line(line, n, True)) is not None]
    assert process_lines(lines, 7, rules_only=True) == rules


def test_loads_equals_json_loads() -> None:
    from xiezhi.collection.batch import _loads

    lines = ['{"id": 1, "text": "你好"}', '{"id": 1, "text": "你好"}\n', '{"a": 1} {"b": 2}', '{"a": 1},', '{"a": [1',
             '{"a": 1}\x0b', '\ufeff{"a": 1}', '{"a": NaN, "b": -Infinity}', '{"a": "\x01"}', '{"a": 1} \r\n\t ',
             '{', '{}', '[1, 2]', ' {"a": 1}', '"x"', '{"a": 1, "a": 2}', '{"a": ' + "[" * 100000 + "]" * 100000 + "}"]
    for line in lines:
        try:
            want: object = json.loads(line)
        except Exception as exc:  # the same exception, whatever it is
            want = (type(exc), str(exc))
        try:
            got: object = _loads(line)
        except Exception as exc:
            got = (type(exc), str(exc))
        assert repr(got) == repr(want), line[:40]


def test_chunk_matcher_yields_what_the_automaton_yields() -> None:
    from xiezhi.collection.chunkscan import get_chunk_matcher
    from xiezhi.collection.engine import get_matcher

    automaton = get_matcher().automaton
    cm = get_chunk_matcher()
    texts = [normalise(t).text for _, _, t, _ in ITEMS] + [normalise(t).text for t in EDGE_TEXTS]
    texts += [cm.separator + "你家你家" + cm.separator, "堵门" * 40]
    got: list = []
    for k in range(0, len(texts), 97):
        got.extend(cm.hits(texts[k:k + 97]))
    want = [list(automaton.iter(t)) for t in texts]
    assert sum(map(len, want)) > 1000
    assert got == want


def test_normalise_many_equals_normalise() -> None:
    from xiezhi.collection.normalize import normalise_many

    texts = [t for _, _, t, _ in ITEMS] + EDGE_TEXTS + ["上 門🚪来", "🔪🔪", "Ａ\u200bＢ", "\ud800x"]
    assert normalise_many(texts) == [normalise(t) for t in texts]
    assert any(n.index is not None for n in normalise_many(texts))
    # spacing pauses (`Normalised.breaks`, found for the whole block with arrays): runs of dropped characters with a
    # gap in them between word characters, at the edges of texts and of blocks of every size
    import random

    rnd = random.Random(5)
    alphabet = [*"你好我们上门家钱aZ0９Ａｚ 　\u00a0\t*~_·•，。!?\u200b\ufe0f", "\U0001F600", "\U0001F52A", "\u2600", "\ud800"]
    made = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(6000)]
    k = size = 0
    while k < len(made):
        size = size % 97 + 1
        assert normalise_many(made[k:k + size]) == [normalise(t) for t in made[k:k + size]]
        k += size
    assert sum(bool(normalise(t).breaks) for t in made) > 100


def test_chunk_features_equal_model_features() -> None:
    from xiezhi.collection.model import chunk_features

    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    texts = [normalise(t).text for _, _, t, _ in ITEMS[:300]] + [normalise(t).text for t in EDGE_TEXTS]
    chunk = chunk_features(m, texts)
    for i, t in enumerate(texts):
        if not t:
            continue
        want, got = m.features(t), chunk.features(i)
        for a, b in ((want.rows, got.rows), (want.occ_rows, got.occ_rows), (want.occ_starts, got.occ_starts)):
            assert np.array_equal(a, b) and a.dtype == b.dtype, (i, t)


def test_first_char_lookahead_keeps_every_rule_expression_match() -> None:
    import re

    from xiezhi.collection.engine import get_matcher
    from xiezhi.collection.normalize import normalise_regex
    from xiezhi.collection.rxprefix import first_class, with_first_chars

    assert first_class(re.compile("(?<!发)(?:上|去)你家")) == ("上去", False)
    assert first_class(re.compile("a?b")) == ("ab", False)
    assert first_class(re.compile("a*")) is None and first_class(re.compile(".x")) is None
    assert first_class(re.compile(r"\dy")) == (r"\d", False)
    # `\d` and ranges as written, a leading `^` as the beginning of the text
    assert first_class(re.compile(r"(?:\d+|[一二])元")) == (r"\d一二", False)
    assert first_class(re.compile("[a-c]x|y")) == ("a-cy", False)
    assert first_class(re.compile("(?:^|[,。])[^x]{0,4}的")) == (",。", True)
    assert first_class(re.compile("(?m)^x")) is None and first_class(re.compile("[^x]y")) is None
    assert first_class(re.compile("a?")) is None and first_class(re.compile("^a?")) == ("", True)
    for rx, text in (("(?:^|,)[^x]{0,4}的", "的,的x的"), (r"(?:\d+|[一二])元", "٣元,二元"), ("^", "ab")):
        plain = re.compile(rx)
        assert [x.span() for x in with_first_chars(plain).finditer(text)] == [x.span() for x in plain.finditer(text)]
    texts = [normalise(t).text for _, _, t, _ in ITEMS] + [normalise(t).text for t in EDGE_TEXTS]
    m = get_matcher()
    wrapped = 0
    for rule in m.rules:
        if not rule.regex:
            continue
        plain = re.compile("|".join(f"(?:{normalise_regex(rx)})" for rx in rule.regex))
        fast = with_first_chars(plain)
        wrapped += fast is not plain
        for t in texts:
            assert [x.span() for x in fast.finditer(t)] == [x.span() for x in plain.finditer(t)], (rule.id, t)
    assert wrapped


def test_span_scan_gives_the_non_empty_finditer_spans_of_every_rule_expression() -> None:
    """`rxprefix.SpanScan` (re's own first-character scan, then the expression in a lookahead) gives the spans of
    the non-empty `finditer` matches: on hand-made cases (overlaps, lookbehinds, classes, anchors, newlines, group
    references, possibly empty matches), and for every rule expression on the snapshot and edge texts and on
    strings generated from the expressions themselves."""
    import random
    import re
    from re import _parser  # type: ignore[attr-defined]

    from check_testkit import FILL, sample_regex
    from xiezhi.collection.engine import get_matcher
    from xiezhi.collection.rxprefix import SpanScan

    def want(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
        return [x.span() for x in rx.finditer(text) if x.end() > x.start()]

    cases = (("aa", "aaaaa"), ("(?<!发)(?:上|去)你家", "发上你家 上你家去你家"), (r"(?:\d+|[一二])元", "٣元,二元12元"),
             ("a|ab", "abab"), ("(?:a|b)c?", "abcacb"), ("你.{0,3}家", "你\n家 你们的家"), ("(a)b\\1", "abaab"),
             ("(?:^|,)[^x]{0,4}的", "的,的x的"), ("a*", "baaab"), ("(?=你)你们?", "你你们"), ("家$", "家家\n家"),
             ("[a-c]x|y", "axbyycx"), (r"\bab", "ab cab ab"), ("(?s)你.家", "你\n家"))
    jumped = 0
    for rx_src, text in cases:
        rx = re.compile(rx_src)
        sc = SpanScan(rx)
        assert sc.spans(text) == want(rx, text) == sc.spans(text), rx_src
        jumped += sc._cls is not None
    assert 0 < jumped < len(cases)
    m = get_matcher()
    texts = [normalise(t).text for _, _, t, _ in ITEMS] + [normalise(t).text for t in EDGE_TEXTS]
    rnd = random.Random(11)
    for idx, (sc,) in m._spans_by_rule.items():
        rx = m._regex_by_rule[idx][0]
        tree = _parser.parse(rx.pattern).data
        made = ["".join(rnd.choice(FILL) for _ in range(rnd.randint(0, 3))) + sample_regex(tree, rnd)
                + "".join(rnd.choice(FILL) for _ in range(rnd.randint(0, 3))) for _ in range(60)]
        for t in texts + made + ["".join(made[:5])]:
            assert sc.spans(t) == want(rx, t), (m.rules[idx].id, t)
    assert sum(sc._cls is not None for (sc,) in m._spans_by_rule.values()) >= 0.8 * len(m._spans_by_rule)


def test_chunk_matcher_falls_back_to_the_automaton_for_one_character_patterns() -> None:
    import ahocorasick

    from xiezhi.collection.chunkscan import ChunkMatcher

    class _Fake:
        automaton = ahocorasick.Automaton()

    for word in ("刀", "堵门", "你家"):
        _Fake.automaton.add_word(word, (word, len(word), (0,), ()))
    _Fake.automaton.make_automaton()
    cm = ChunkMatcher(_Fake())  # type: ignore[arg-type]
    texts = ["拿刀去你家堵门", "", "刀刀"]
    assert cm.hits(texts) == [list(_Fake.automaton.iter(t)) for t in texts]


def test_batch_process_settles_its_heap_once() -> None:
    """After a chunk, the long-lived objects of a batch process are out of the collector's generations."""
    import gc

    from xiezhi.collection import batch

    process_lines([json.dumps({"id": 1, "text": "再不还钱就去你家"}, ensure_ascii=False)])
    assert batch._SETTLED and gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    process_lines([json.dumps({"id": 2, "text": "你好"}, ensure_ascii=False)])
    assert gc.get_freeze_count() == frozen  # once per process, not per chunk


def test_a_failing_chunk_path_still_answers_every_line_and_warns_once(monkeypatch, caplog) -> None:
    """If the chunked path raises, the batch checks every line on its own (same output) and says so once: a
    systematic failure there would otherwise only show as half the throughput."""
    import logging

    from xiezhi.collection import batch

    lines = [json.dumps({"id": str(i), "text": t}, ensure_ascii=False)
             for i, t in enumerate(["明天不还就去你家门口等你", "您好，您的账单已逾期，请及时还款。"])]
    expected = batch.process_lines(lines)

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("chunk path broken")

    monkeypatch.setattr(batch, "analyze_many_json", broken)
    monkeypatch.setattr(batch, "_CHUNK_FAILED", False)
    with caplog.at_level(logging.WARNING, logger="xiezhi.collection.batch"):
        assert batch.process_lines(lines) == expected
        assert batch.process_lines(lines) == expected
    warned = [r for r in caplog.records if "chunked check failed" in r.getMessage()]
    assert len(warned) == 1 and "RuntimeError" in warned[0].getMessage()
