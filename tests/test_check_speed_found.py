"""Speed round 6: `chunkrules.ChunkRules.found` (which message-wide word lists occur in each message, from the block's
literal pass) states only facts the plain searches agree with, and `Matcher.hits_of` gives the same hits, with or
without `cancelled`, when it is given them: on every snapshot text and on strings built from the rules' own words,
negators, disclaimers and scope cues (test_check_speed_verdict's generator). Round 7 added `Found.scope` (the
group-address and service words that group_notice and service_fee test first)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from test_check_speed_verdict import TEXTS_ALL, _spans
from xiezhi.collection.chunkrules import get_chunk_rules
from xiezhi.collection.engine import (
    _DISOWNED,
    SCOPE_GROUP,
    SCOPE_SERVICE,
    WORDS_DISCLAIMER,
    WORDS_DISOWNED,
    WORDS_NEGATOR,
    get_matcher,
    scope_cues,
)
from xiezhi.collection.normalize import normalise_many


def _blocks(texts: list[str], size: int = 128) -> list[list[str]]:
    return [texts[k:k + size] for k in range(0, len(texts), size)]


def _found_blocks(cr: Any) -> Iterator[tuple[list[Any], list[Any]]]:
    """Each block of the test texts, normalised, with what the block pass (`ChunkRules.found`) says of each text."""
    for block in _blocks(TEXTS_ALL):
        norms = normalise_many(block)
        texts = [x.text for x in norms]
        pos, pid, starts = cr.scanner.find_all(texts)
        who = np.searchsorted(starts, pos, side="right") - 1
        found = cr.found(len(texts), who, pid)
        assert found is not None
        yield norms, found


def test_found_is_what_the_searches_find() -> None:
    cr = get_chunk_rules()
    m = get_matcher()
    assert cr.found_ok
    n_rules = len(m.rules)
    seen_scope = 0
    for norms, found in _found_blocks(cr):
        for text, f in zip([x.text for x in norms], found, strict=True):
            assert f.media == any(w in text for w in m._media)
            assert f.banter == any(w in text for w in m._banter_cues)
            assert f.collection == any(w in text for w in m._collection)
            for idx in range(n_rules):
                assert (f.unless[idx] == 1) == any(w in text for w in m._unless[idx])
                assert (f.unless_msg[idx] == 1) == any(w in text for w in m._unless_msg[idx])
            # a clear bit: the search cannot find anything in the message
            if not f.clause & WORDS_NEGATOR:
                assert m._negators.search(text) is None
            if not f.clause & WORDS_DISCLAIMER:
                assert m._disclaimers.search(text) is None and scope_cues().disclaimer_rx.search(text) is None
            if not f.clause & WORDS_DISOWNED:
                assert _DISOWNED.search(text) is None
            # round 7: the first word test of group_notice and of service_fee
            assert bool(f.scope & SCOPE_GROUP) == any(w in text for w in scope_cues().group_address)
            assert bool(f.scope & SCOPE_SERVICE) == any(w in text for w in scope_cues().service_domain)
            seen_scope |= f.scope
    assert seen_scope == SCOPE_GROUP | SCOPE_SERVICE  # both bits are set somewhere: the test can fail


def test_hits_of_with_found_gives_the_same_hits_and_cancelled() -> None:
    cr = get_chunk_rules()
    m = get_matcher()
    for norms, found in _found_blocks(cr):
        for norm, f in zip(norms, found, strict=True):
            spans = _spans(norm.text)
            if not spans:
                continue
            assert m.hits_of(norm, spans, None, f) == m.hits_of(norm, spans)
            with_found: dict[str, list[tuple[int, int]]] = {}
            plain: dict[str, list[tuple[int, int]]] = {}
            assert m.hits_of(norm, spans, with_found, f) == m.hits_of(norm, spans, plain)
            assert with_found == plain
