"""Check many messages at once: `analyze_many` (CheckResult objects) and `analyze_many_json` (output lines).

The results are exactly those of `analyze` on each message (tests/test_check_speed.py compares them byte
for byte); the work is shared across the chunk where that is cheaper:

- the classifier's 1–4-gram features and logits of the whole chunk are one numpy pass
  (`model.chunk_logits`); a message goes through the exact per-message classifier path only when a category
  the rules did not already give is at or near its limit (most messages: never);
- normalisation is one array lookup for the chunk (`normalise_many`), and the rule scan is done for the
  whole chunk at once (`chunkrules`: literal patterns, triggers and a prefilter that runs a rule expression
  only where it can match);
- the JSON line is assembled from fragments: the citations and actions of a finding (long article texts)
  are serialised once per distinct list, not once per message; a compliant message with nothing else to
  say is written directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import partial
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

import numpy as np
from pydantic_core import to_json

from xiezhi.collection.check import analyze_normalised
from xiezhi.collection.chunkrules import get_chunk_rules
from xiezhi.collection.engine import is_narrative
from xiezhi.collection.models import CheckResult, MessageMeta, fast_construct
from xiezhi.collection.normalize import normalise_many

_NO_META = MessageMeta()
_EMPTY: frozenset[str] = frozenset()
#: Lone surrogates cannot be written as UTF-8: such a message goes through pydantic (which reports it).
_SURROGATE = re.compile("[\ud800-\udfff]")
_FRAGMENTS: dict[tuple[int, ...], tuple[str, Any]] = {}
_MASK_SETS: dict[tuple[tuple[str, ...], int], frozenset[str]] = {}
_MAX_FRAGMENTS = 4096
#: Messages per numpy pass (a `batch` chunk of 500 lines is done in blocks of this size).
BLOCK = 128


def _model_of(model: Any) -> Any:
    if model is False:
        return None
    if model is None:
        from xiezhi.collection.model import load_model

        return load_model()
    return model


def _candidates(m: Any, texts: list[str], threshold: float | None) -> tuple[list[frozenset[str]], Any]:
    """Per text, the categories whose chunk logit is at or within LOGIT_MARGIN of its limit; and the chunk's
    features (for the exact path of the few texts that need it, and the veto's probability brackets)."""
    from xiezhi.collection.model import LOGIT_MARGIN, chunk_features

    chunk = chunk_features(m, texts)
    z = chunk.logits
    if threshold is None:
        limit = m.logit_limits.astype(np.float64)
    elif 0 < threshold < 1:
        limit = np.full(len(m.categories), np.log(threshold / (1 - threshold)))
    else:
        limit = np.full(len(m.categories), -np.inf if threshold <= 0 else np.inf)
    near = z >= limit - LOGIT_MARGIN
    masks = near @ (1 << np.arange(len(m.categories), dtype=np.int64))
    cats = m.categories
    out: list[frozenset[str]] = []
    for mask in masks.tolist():
        got = _MASK_SETS.get((cats, mask))
        if got is None:
            got = _MASK_SETS[(cats, mask)] = frozenset(c for i, c in enumerate(cats) if mask >> i & 1)
        out.append(got)
    return out, chunk


def analyze_many(texts: Sequence[str], metas: Sequence[MessageMeta | dict[str, Any] | None] | None = None,
                 ids: Sequence[str | None] | None = None, *, model: Any = None,
                 threshold: float | None = None) -> list[CheckResult]:
    """`analyze` of every text (with its meta and id), sharing the classifier work across the chunk."""
    out: list[CheckResult] = []
    for results, _part in _blocks(texts, metas, ids, model, threshold):
        out.extend(results)
    return out


def _blocks(texts: Sequence[str], metas: Sequence[MessageMeta | dict[str, Any] | None] | None,
            ids: Sequence[str | None] | None, model: Any, threshold: float | None,
            as_json: bool = False) -> Iterator[tuple[list[Any], list[str]]]:
    n = len(texts)
    metas_ = [_NO_META] * n if metas is None else [
        _NO_META if x is None else MessageMeta.model_validate(x) if isinstance(x, dict) else x for x in metas]
    ids_ = [None] * n if ids is None else list(ids)
    m = _model_of(model)
    for k in range(0, n, BLOCK):  # blocks keep the numpy arrays small (memory stays flat and low)
        part = list(texts[k:k + BLOCK])
        yield _block(part, metas_[k:k + BLOCK], ids_[k:k + BLOCK], m, threshold, as_json), part


def _compliant(id: str | None) -> CheckResult:
    return fast_construct(CheckResult, {"id": id, "labels": ["compliant"], "severity": "info", "findings": [],
                                        "needs_metadata": []})


#: The output line of a compliant result with nothing else to say, after its id.
_COMPLIANT_TAIL = ',"labels":["compliant"],"severity":"info","findings":[],"needs_metadata":[]}'


def _block(texts: list[str], metas: list[MessageMeta], ids: list[str | None], m: Any,
           threshold: float | None, as_json: bool = False) -> list[Any]:
    """A message without metadata, rule hit or classifier candidate, that is no first-person account (whose
    stated times and counts `analyze` reads), is compliant with nothing else to say: `analyze` reaches the
    same result through every later step, which are skipped here (as_json: its output line directly, the
    others as CheckResult)."""
    norms = normalise_many(texts)
    plain = [x.text for x in norms]
    rule_hits, spans, found = get_chunk_rules().scan_many_found(norms)
    if m is None:
        maybe: list[frozenset[str]] = [_EMPTY] * len(texts)
        feats: Any = None
    else:
        maybe, chunk = _candidates(m, plain, threshold)
        feats = chunk.features
    out: list[Any] = []
    for k, (t, nm, me, i, mb, hits) in enumerate(zip(texts, norms, metas, ids, maybe, rule_hits, strict=True)):
        if not hits and not mb and me is _NO_META and not is_narrative(nm.text):
            if as_json and (i is None or not _SURROGATE.search(i)):
                out.append(('{"id":null' if i is None else '{"id":' + _s(i)) + _COMPLIANT_TAIL)
            else:
                out.append(_compliant(i))
        elif m is None:
            out.append(analyze_normalised(t, nm, me, id=i, model=False, hits=hits))
        else:
            out.append(analyze_normalised(t, nm, me, id=i, model=m, threshold=threshold, maybe=mb, hits=hits,
                                          features=partial(feats, k), approx=chunk.logits[k],
                                          candidates=spans[k] or {}, words=None if found is None else found[k]))
    return out


def analyze_many_json(texts: Sequence[str], metas: Sequence[MessageMeta | dict[str, Any] | None] | None = None,
                      ids: Sequence[str | None] | None = None, *, model: Any = None,
                      threshold: float | None = None) -> list[str]:
    """The output lines of `analyze_many` (each equal to `result.model_dump_json()`)."""
    out: list[str] = []
    for results, part in _blocks(texts, metas, ids, model, threshold, True):  # block by block: few live objects
        out.extend(r if isinstance(r, str) else result_json(r, t) for r, t in zip(results, part, strict=True))
    return out


def _fragment(items: list[Any]) -> str:
    """JSON of a citations or actions list whose members are shared, cached objects (see citations_for and
    check._actions): keyed by the members' identities; the entry keeps them alive so an id is never reused."""
    key = tuple(map(id, items))
    got = _FRAGMENTS.get(key)
    if got is None:
        if len(_FRAGMENTS) >= _MAX_FRAGMENTS:
            _FRAGMENTS.clear()
        got = _FRAGMENTS[key] = (to_json(items).decode(), list(items))
    return got[0]


#: `json.dumps(value, ensure_ascii=False)` of a str without the encoder set-up (the same C function).
_s = encode_basestring


_TAILS: dict[tuple[str, tuple[int, ...], tuple[int, ...]], tuple[str | None, Any]] = {}


def _tail(f: Any) -> str | None:
    """`,"explanation":…,"citations":…,"actions":…}` of a finding (None if the explanation holds a lone
    surrogate), cached by explanation and the identities of the shared citation and action objects."""
    key = (f.explanation, tuple(map(id, f.citations)), tuple(map(id, f.actions)))
    got = _TAILS.get(key)
    if got is None:
        if len(_TAILS) >= _MAX_FRAGMENTS:
            _TAILS.clear()
        tail = None if _SURROGATE.search(f.explanation) else (
            ',"explanation":' + _s(f.explanation) + ',"citations":' + _fragment(f.citations) + ',"actions":'
            + _fragment(f.actions) + "}")
        got = _TAILS[key] = (tail, (list(f.citations), list(f.actions)))  # keeps the ids from being reused
    return got[0]


def result_json(r: CheckResult, text: str = "") -> str:
    """`r.model_dump_json()`, built from cached fragments (the citations repeat long article texts)."""
    if (r.id is not None and _SURROGATE.search(r.id)) or _SURROGATE.search(text):
        return r.model_dump_json()
    parts = ['{"id":', "null" if r.id is None else _s(r.id), ',"labels":[', ",".join(f'"{c}"' for c in r.labels),
             '],"severity":"', r.severity, '","findings":[']
    for i, f in enumerate(r.findings):
        tail = _tail(f)
        if tail is None or _SURROGATE.search(f.quote):
            return r.model_dump_json()
        parts.append(',{"category":"' if i else '{"category":"')
        parts += [f.category, '","severity":"', f.severity, '","mode":"', f.mode, '","span":[', str(f.span[0]), ",",
                  str(f.span[1]), '],"quote":', _s(f.quote), tail]
    parts.append('],"needs_metadata":[')
    parts.append(",".join('{"field":' + _s(n.field) + ',"category":"' + n.category + '","why":' + _s(n.why) + "}"
                          for n in r.needs_metadata))
    parts.append("]}")
    return "".join(parts)
