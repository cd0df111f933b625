"""Helper speed12 (eleventh session): the engine's shortcuts give exactly what the longer computations they replace
gave. Each test keeps the replaced code as a reference and compares on texts written to reach every branch (line
breaks, bracketed timestamps, exception words with and without an additive pursuit or a family menace after them,
the 不还的事 / 委员会 descriptions), and on the pinned snapshot's texts."""

from __future__ import annotations

import gzip
import itertools
import json
import random
import re
from datetime import date
from pathlib import Path

from xiezhi.collection import engine
from xiezhi.collection.engine import (
    _ADDITIVE_PURSUIT,
    _COLLECTOR_SPEAKER,
    _DEFAULT_DESCRIBED,
    _DONE_AFTER,
    _FAMILY_MENACE,
    _THREAT_RX,
    _TURN,
    _comma_phrase,
    _has_collector_turn,
    _has_threat_cue,
    _turn_before,
    _turns,
    get_matcher,
    non_collector_turns,
)
from xiezhi.collection.normalize import normalise
from xiezhi.collection.stated import stated_count_per_day, stated_time_of_day

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    SNAPSHOT = [normalise(json.loads(line)["text"]).text for line in _f]

#: transcripts and single lines in wording written for this test (not taken from any set)
TRANSCRIPTS = [
    "催收:今晚不还我们就上门\n我:我下周发工资就还\n催收:那就等着吧",
    "[10:02]坐席:请问是王先生吗\n[10:03]王先生:是我,怎么了\n[10:04]坐席:你弟弟的欠款逾期了",
    "我:我没钱\n\n对方:那你找你爸妈借\n",
    "\n\n张某:我是他同事\n催收小李:那你让他回电话",
    "他们说:再不还就去你公司\n我问:你们是哪家平台",
    "记录如下\n老板:这个人已经离职了\n外访员:我们明天还会来",
    "催收: 你等着\r\n我: 好的",
    "没有任何冒号的一句话\n第二行也没有",
    "[无冒号的时间戳]\n[09:00]\n:空的说话人\n一二三四五六七八:说话人太长",
    "客服:您好,这里是平台\n",
    "我:",
    ":",
    "\n",
    "",
]


def test_turns_are_the_finditer_matches() -> None:
    """`_turns` (a match at each line start) gives the matches `_TURN.finditer` gives, spans and speakers."""
    rng = random.Random(12)
    pieces = ["催收", "我", "对方", "[08:00]", "张某", ":", ":", "\n", "\n", "你好", "明天上门", "“", "]", "[", "一二三四五六七"]
    generated = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    for text in itertools.chain(TRANSCRIPTS, generated, SNAPSHOT):
        want = [(m.span(), m.group(1)) for m in _TURN.finditer(text)]
        assert [(m.span(), m.group(1)) for m in _turns(text)] == want, text


def _non_collector_turns_reference(text: str) -> list[tuple[int, int]]:
    turns = [(m.group(1), m.start(), m.end()) for m in _TURN.finditer(text)]
    if not turns:
        return []
    collector = any(_COLLECTOR_SPEAKER.match(who) for who, _, _ in turns)
    out: list[tuple[int, int]] = []
    for who, s, e in turns:
        if who in ("我", "借款人", "债务人", "本人", "朋友") or (
                collector and not _COLLECTOR_SPEAKER.match(who) and engine._OTHER_SPEAKER.match(who)):
            out.append((s, e))
    return out


def test_transcript_turns_unchanged() -> None:
    for text in itertools.chain(TRANSCRIPTS, SNAPSHOT):
        assert non_collector_turns(text) == _non_collector_turns_reference(text), text
        want = ":" in text and any(_COLLECTOR_SPEAKER.match(m.group(1)) or m.group(1) == "对方"
                                   for m in _TURN.finditer(text))
        assert _has_collector_turn(text) == want, text
    # the pair the shortcut must keep apart: the borrower's own line is excluded, the collector's is not
    text = "催收:明天去你家\n我:别来我家"
    assert non_collector_turns(text) == [(9, 15)]
    assert _has_collector_turn(text)
    assert not _has_collector_turn("我:明天去你家\n朋友:别去")


def _unless_in_reference(m: engine.Matcher, idx: int, text: str, s: int, e: int, cs: int, ce: int) -> bool:
    """`Matcher._unless_in` as it was before this session: every exception word in scope found, the last one kept."""
    rx = m._unless_rx[idx]
    if rx is None:
        return False
    if "，" not in text and "," not in text:
        return rx.search(text, _turn_before(text, cs, s), ce) is not None
    ps = cs
    for d in _DONE_AFTER.finditer(text, cs, ce):
        if d.start() > s:
            break
        ps = d.start()
    ps = _turn_before(text, ps, s)
    last = None
    for last in rx.finditer(text, ps, ce):  # noqa: B007
        pass
    if last is None or _ADDITIVE_PURSUIT.search(text, last.end(), ce) is not None:
        return False
    if not ("家" in text or "老" in text or "妈" in text or "父母" in text):
        return True
    ms, me = _comma_phrase(text, cs, ce, s, e)
    return (ms <= last.start() < me) or _FAMILY_MENACE.search(text, ms, me) is None


def _unless_texts(words: tuple[str, ...], rng: random.Random) -> list[str]:
    """Sentences around exception words: one or two of them, an additive pursuit before or after, a family menace,
    a phrase told as done, commas and a contrastive turn."""
    tails = ["，也会直接找他们要钱", "，还要去找你爸妈", "，你全家都别想好过", "，我们已经报案了", "，但你一直不还",
             "，我们下午联系你", "，家里人都知道", "，老婆孩子等着瞧"]
    heads = ["明天上门", "我们会起诉你", "爆你通讯录", "再不还就", "通知你家人", "去你公司"]
    out = []
    for _ in range(40):
        a, b = rng.choice(words), rng.choice(words)
        parts = [rng.choice(heads), a, rng.choice(tails), b, rng.choice(tails)]
        rng.shuffle(parts)
        out.append("".join(parts))
        out.append(rng.choice(heads) + "，" + a + rng.choice(tails))
        out.append(a + rng.choice(heads) + b)  # no comma: the one-phrase path
    return out


def test_unless_in_equals_the_full_scan() -> None:
    """The shortcut (first exception word, no additive pursuit after it, no family word in the text) answers as the
    scan for the last exception word does, for every rule with exception words, at every span of its words."""
    m = get_matcher()
    rng = random.Random(1211)
    checked = fired = 0
    for idx, rx in enumerate(m._unless_rx):
        if rx is None:
            continue
        words = tuple(w for w in m._unless[idx] if w) or ("预约",)
        for text in _unless_texts(words, rng)[:24]:
            for s in range(0, len(text), 3):
                e = min(len(text), s + 2)
                cs, ce = 0, len(text)
                got = m._unless_in(idx, text, s, e, cs, ce)
                assert got == _unless_in_reference(m, idx, text, s, e, cs, ce), (m.rules[idx].id, text, s)
                checked += 1
                fired += got
    assert checked > 10000 and 0 < fired < checked  # both answers were reached


def test_unless_pairs_in_new_wording() -> None:
    """Lawful/unlawful pairs through the changed branch: an exception word alone cancels; with an additive pursuit
    of other people after it, or a family menace in the match's phrase, it does not (both before and now)."""
    m = get_matcher()
    idx = next(i for i, r in enumerate(m.rules) if m._unless_rx[i] is not None and r.unless and any(
        w == "起诉" or w.startswith("起诉") for w in r.unless))
    word = next(w for w in m._unless[idx] if w.startswith("起诉"))
    lawful = f"我们将依法{word}，请知悉"
    unlawful = f"我们将依法{word}，也会直接找他们要钱"
    for text, want in ((lawful, True), (unlawful, False)):
        s = text.index(word)
        assert m._unless_in(idx, text, s, s + len(word), 0, len(text)) is want, text
        assert _unless_in_reference(m, idx, text, s, s + len(word), 0, len(text)) is want, text


def _threat_cue_reference(clause: str) -> bool:
    clause = _DEFAULT_DESCRIBED.sub("", clause)
    if _THREAT_RX is not None:
        return _THREAT_RX.search(clause) is not None
    return any(c in clause for c in engine._THREAT_CUES)


def test_threat_cue_equals_the_full_substitution() -> None:
    clauses = ["我们已经把你欠钱不还的事通报给你们村委会了", "欠款不还的情况会通知居委会", "明天会上门",
               "业主委员会会处理", "委员会", "你欠债不还的这件事我们会处理", "不还的话明天就去", "下周要起诉"]
    for text in itertools.chain(clauses, SNAPSHOT):
        for clause in re.split("[。！？!?；;\n]", text):
            assert _has_threat_cue(clause) == _threat_cue_reference(clause), clause
    assert not _has_threat_cue("已经把你欠钱不还的事告诉了村委会")  # the described debt and a committee: no cue
    assert _has_threat_cue("不还的话明天就告诉村委会")  # a condition for later: a cue


def test_stated_day_defaults_to_today() -> None:
    """`day` None reads today's date only when the account states a time or a count: the same verdicts."""
    accounts = ["昨天凌晨两点催收还在给我打电话", "他们一天给我打了四十多个电话", "催收白天打过一次电话", "半夜十二点他们发短信骂我"]
    for text in accounts:
        assert stated_time_of_day(text) == stated_time_of_day(text, date.today())
        assert stated_count_per_day(text) == stated_count_per_day(text, date.today())
    assert stated_time_of_day(accounts[0]) is not None and stated_count_per_day(accounts[1]) is not None
    assert stated_time_of_day(accounts[2]) is None and stated_count_per_day(accounts[2]) is None


def _unless_word_reference(word: str) -> str:
    if len(word) >= 2 and word[0] in "不没":
        return f"(?<!{re.escape(word[1])}){re.escape(word)}"
    return re.escape(word)


def test_unless_expressions_match_as_before() -> None:
    """Each rule's exception expression, its 不/没 words' lookbehind moved after their first character, finds the same
    words at the same places as the expression with the lookbehind in front, A-not-A questions included."""
    m = get_matcher()
    rng = random.Random(1212)
    compared = 0
    for idx, keys in enumerate(m._unless):
        if not keys:
            continue
        ref = re.compile("|".join(_unless_word_reference(k) for k in sorted(keys, key=len, reverse=True)))
        new = m._unless_rx[idx]
        assert new is not None
        negated = [k for k in keys if len(k) >= 2 and k[0] in "不没"]
        pieces = [*keys, *(k[1] + k for k in negated), "会", "是", "有", "不", "没", "，", "他们说要来"]
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(30)]
        texts += [k[1] + k for k in negated] + [k + "吗" for k in negated] + list(keys)
        for text in itertools.chain(texts, SNAPSHOT[idx::200]):
            for pos in (0, 1, 2):
                assert [x.span() for x in new.finditer(text, pos)] == [x.span() for x in ref.finditer(text, pos)], (
                    m.rules[idx].id, text, pos)
                compared += 1
    assert compared > 20000
    # the pair the lookbehind is there for: "会不会来" asks (no denial), "不会来" denies
    rx = re.compile(engine._unless_word("不会"))
    assert rx.search("他们会不会来") is None and rx.search("他们不会来") is not None
    assert rx.search("不会来") is not None  # at the start of the text: nothing before, no A-not-A


def test_additive_pursuit_from_its_comma() -> None:
    texts = ["我们会起诉他们，也会直接找他们要钱", "起诉他们,还要去找你爸妈", "，也会联系他们", "也会联系他们", "依法起诉，请配合",
             "我们先起诉,我们还会打给你领导", "，，也会找他", ",而且要联系你同事。", "起诉，同时会找你朋友；再说"]
    for text in itertools.chain(texts, SNAPSHOT[::50]):
        for pos in range(len(text) + 1):
            for end in {len(text), max(pos, len(text) - 3)}:
                want = _ADDITIVE_PURSUIT.search(text, pos, end) is not None
                assert engine._additive_pursuit(text, pos, end) == want, (text, pos, end)
    assert engine._additive_pursuit(texts[0], texts[0].index("，") + 1, len(texts[0]))  # the comma before pos counts
    assert not engine._additive_pursuit(texts[4], 0, len(texts[4]))
