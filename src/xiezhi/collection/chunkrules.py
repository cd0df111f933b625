"""The rule hits of a whole chunk of messages at once: `ChunkRules.scan_many(norms)` gives, for every message,
exactly the list `Matcher.scan(norm)` gives (tests/test_check_speed_chunkrules.py compares them).

Per message, `Matcher.scan` walks the automaton's literal hits one by one in Python (candidate spans of the
rules' `any` words, the rules their triggers wake up, the gates of their expressions), then runs the
expression of every triggered rule whose gate is open, and then judges each rule's candidate spans (in rule
order, spans sorted). Here one `LiteralScanner` pass finds, for the whole chunk, the automaton's words, the
one-character triggers and the literals of a stronger necessary condition for each rule expression
(`rxprefix.required_dnf`: for some top-level alternative, one string of each of its clauses is in the text);
array operations then give per message the candidate spans, the triggered rules and the expressions that can
match at all. A rule expression runs only on a message where it is triggered and can match, so most `re` calls
of `scan` are not made, and none that can find something is skipped: every rule gets the same candidate spans,
and `Matcher.hits_of` judges them as `scan` does.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from xiezhi.collection.chunkscan import LiteralScanner
from xiezhi.collection.engine import (
    _DISOWNED,
    SCOPE_GROUP,
    SCOPE_SERVICE,
    WORDS_DISCLAIMER,
    WORDS_DISOWNED,
    WORDS_NEGATOR,
    Found,
    Matcher,
    RuleHit,
    get_matcher,
    scope_cues,
)
from xiezhi.collection.normalize import Normalised
from xiezhi.collection.rxprefix import required_dnf, required_literals

#: Candidate spans of each rule (rule index -> [start, end) normalised offsets), what `Matcher.hits_of` judges.
Spans = dict[int, list[tuple[int, int]]]


def _csr(lists: list[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(count, start, flat values) of a list of int tuples."""
    cnt = np.array([len(x) for x in lists], dtype=np.int64)
    ptr = np.concatenate(([0], np.cumsum(cnt)[:-1])).astype(np.int64) if len(lists) else np.zeros(0, dtype=np.int64)
    flat = np.array([v for x in lists for v in x], dtype=np.int64)
    return cnt, ptr, flat


def _expand(rows: np.ndarray, cnt: np.ndarray, ptr: np.ndarray, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each i in `rows` (pattern indices), every value of its tuple, in order: (index into rows, value)."""
    n = cnt[rows]
    total = int(n.sum())
    if not total:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    owner = np.repeat(np.arange(len(rows)), n)
    offset = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
    return owner, flat[ptr[rows][owner] + offset]


class ChunkRules:
    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.n_rules = len(matcher.rules)
        words: dict[str, tuple[int, tuple[int, ...], tuple[int, ...]]] = {}
        for key, (_key, klen, anys, trigs, _gates) in matcher.automaton.items():
            if anys or trigs:
                words[key] = (klen, tuple(anys), tuple(trigs))
        # one-character triggers, each with its rules in the iteration order of scan's set
        singles = {ch: tuple(rules) for ch, rules in matcher._single_by_char.items()}
        # the necessary condition of each rule expression: alternatives of clauses of literals
        clause_ids: dict[tuple[str, ...], int] = {}
        branches: list[tuple[int, tuple[int, ...]]] = []  # (rule, its distinct clause ids)
        always: set[int] = set()
        for idx, patterns in matcher._regex_by_rule.items():
            for rx in patterns:
                dnf = required_dnf(rx)
                if dnf is None or any(not conj for conj in dnf):
                    always.add(idx)
                    continue
                for conj in dnf:
                    ids = tuple(sorted({clause_ids.setdefault(cl, len(clause_ids)) for cl in conj}))
                    branches.append((idx, ids))
        self.always = frozenset(always)
        literals = {s for cl in clause_ids for s in cl}
        # the message-wide word lists of `hits_of` (`engine.Found`); only when none has an empty word (which is in
        # every text and which the scanner cannot take): else `hits_of` searches them itself
        cues = scope_cues()
        scope_lists = ((SCOPE_GROUP, cues.group_address), (SCOPE_SERVICE, cues.service_domain))
        lists = (matcher._media, matcher._banter_cues, matcher._collection, *matcher._unless, *matcher._unless_msg,
                 *(ws for _, ws in scope_lists))
        self.found_ok = all(all(ws) for ws in lists)
        # the clause-level word lists (`Found.clause`): words of a list, or of the literals one of which every match
        # of its expression contains (`required_literals`); a bit whose list is empty or unknown is always set
        clause_lists: list[tuple[int, tuple[str, ...] | None]] = [
            (WORDS_NEGATOR, matcher._negator_words),
            (WORDS_DISCLAIMER, matcher._disclaimer_words), (WORDS_DISCLAIMER, required_literals(scope_cues().disclaimer_rx)),
            (WORDS_DISOWNED, required_literals(_DISOWNED))]
        self.clause_always = 0
        for bit, ws in clause_lists:
            if not ws or not all(ws):
                self.clause_always |= bit
        clause_lists = [(bit, ws) for bit, ws in clause_lists if ws and not self.clause_always & bit]
        extra = {w for ws in lists for w in ws} | {w for _, ws in clause_lists for w in ws or ()} \
            if self.found_ok else set()
        patterns = sorted(set(words) | set(singles) | literals | extra)
        self.scanner = LiteralScanner(patterns)
        n_pat = len(patterns)
        self.n_pat = n_pat
        self.klen = [words[p][0] if p in words else 0 for p in patterns]
        self.klen_arr = np.array(self.klen, dtype=np.int64)
        self.anys: list[tuple[int, ...]] = [words[p][1] if p in words else () for p in patterns]
        self.has_any = np.array([bool(a) for a in self.anys], dtype=bool)
        self.word_trig = _csr([words[p][2] if p in words else () for p in patterns])
        self.single_trig = _csr([singles.get(p, ()) for p in patterns])
        lits = sorted(literals)
        lit_index = {s: i for i, s in enumerate(lits)}
        #: index among the condition literals of each pattern, -1 for a pattern that is no condition literal
        self.lit_of = np.array([lit_index.get(p, -1) for p in patterns], dtype=np.int64)
        self.n_lits = len(lits)
        lit_clauses: list[list[int]] = [[] for _ in lits]
        for cl, cid in clause_ids.items():
            for s in cl:
                lit_clauses[lit_index[s]].append(cid)
        self.lit_clause = _csr([tuple(sorted(set(x))) for x in lit_clauses])
        self.untriggered = np.zeros(self.n_rules, dtype=bool)
        self.untriggered[list(matcher._untriggered)] = True
        self.n_clauses = len(clause_ids)
        clause_branches: list[list[int]] = [[] for _ in range(self.n_clauses)]
        for b, (_idx, ids) in enumerate(branches):
            for cid in ids:
                clause_branches[cid].append(b)
        self.clause_branch = _csr([tuple(x) for x in clause_branches])
        self.n_branches = len(branches)
        self.branch_need = np.array([len(ids) for _, ids in branches], dtype=np.int64)
        self.branch_rule = np.array([idx for idx, _ in branches], dtype=np.int64)
        # the same condition as bits: clause j of an alternative is bit j of its word, so a literal sets, in one
        # step, its bit in every alternative one of whose clauses it belongs to (code = alternative * 32 + j)
        self.bitwise = bool(branches) and max(len(ids) for _, ids in branches) <= 32
        # cheaper still, as bytes: clause j of an alternative is byte j of its 8-byte word (code = alternative * 8 + j),
        # so marking is a plain boolean store (`bitwise_or.at` reads, combines and writes each entry in a generic
        # loop: ~5x the cost), and a word equals its alternative's pattern of needed bytes exactly when every clause
        # is satisfied (no other byte is ever set)
        self.bytewise = bool(branches) and max(len(ids) for _, ids in branches) <= 8
        slot_of = {(b, cid): j for b, (_idx, ids) in enumerate(branches) for j, cid in enumerate(ids)}
        lit_slots: list[list[int]] = [[] for _ in lits]
        lit_bytes: list[list[int]] = [[] for _ in lits]
        for cl, cid in clause_ids.items():
            for s in cl:
                if self.bitwise:
                    lit_slots[lit_index[s]].extend(b * 32 + slot_of[b, cid] for b in clause_branches[cid])
                if self.bytewise:
                    lit_bytes[lit_index[s]].extend(b * 8 + slot_of[b, cid] for b in clause_branches[cid])
        self.lit_slot = _csr([tuple(sorted(set(x))) for x in lit_slots])
        self.branch_full = np.array([(1 << len(ids)) - 1 for _, ids in branches], dtype=np.uint32)
        self._full: dict[int, np.ndarray] = {}
        self.lit_byte = _csr([tuple(sorted(set(x))) for x in lit_bytes])
        need = np.zeros((len(branches), 8), dtype=bool)
        for b, (_idx, ids) in enumerate(branches):
            need[b, :len(ids)] = self.bytewise
        #: per alternative, its needed bytes as one word (the same memory as the marks of `possible`)
        self.branch_bytes = need.reshape(-1).view(np.uint64)
        self._bytes_full: dict[int, np.ndarray] = {}
        index = {p: i for i, p in enumerate(patterns)}
        #: per pattern, bit 1: a media word, 2: a banter word, 4: a collection word, 8 and 16: a word of a `Found.scope`
        #: list (`SCOPE_GROUP`, `SCOPE_SERVICE`, shifted by 3); `clause_flag` goes above them (shifted by 5)
        self.flag = np.zeros(n_pat, dtype=np.int64)
        #: per pattern, its `Found.clause` bits
        self.clause_flag = np.zeros(n_pat, dtype=np.int64)
        unless: list[set[int]] = [set() for _ in patterns]
        unless_msg: list[set[int]] = [set() for _ in patterns]
        if self.found_ok:
            for bit, ws in ((1, matcher._media), (2, matcher._banter_cues), (4, matcher._collection),
                            *((bit << 3, ws) for bit, ws in scope_lists)):
                for w in ws:
                    self.flag[index[w]] |= bit
            for bit, ws in clause_lists:
                for w in ws or ():
                    self.clause_flag[index[w]] |= bit
            for idx, ws in enumerate(matcher._unless):
                for w in ws:
                    unless[index[w]].add(idx)
            for idx, ws in enumerate(matcher._unless_msg):
                for w in ws:
                    unless_msg[index[w]].add(idx)
        self.unless = _csr([tuple(sorted(x)) for x in unless])
        self.unless_msg = _csr([tuple(sorted(x)) for x in unless_msg])
        self.extra = (self.flag != 0) | (self.clause_flag != 0) | (self.unless[0] > 0) | (self.unless_msg[0] > 0)

    def found(self, n: int, who: np.ndarray, pid: np.ndarray) -> list[Found] | None:
        """Per message, which of `hits_of`'s message-wide word lists occur in it (None: not known, see found_ok)."""
        if not self.found_ok:
            return None
        sel = np.flatnonzero(self.extra[pid])
        w, p = who[sel], pid[sel]
        flags = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(flags, w, self.flag[p] | (self.clause_flag[p] << 5))
        rows: list[bytes] = []
        r = self.n_rules
        for cnt, ptr, flat in (self.unless, self.unless_msg):
            sub = np.flatnonzero(cnt[p] > 0)
            owner, rule = _expand(p[sub], cnt, ptr, flat)
            hit = np.zeros(n * r, dtype=np.uint8)
            hit[w[sub][owner] * r + rule] = 1
            rows.append(hit.tobytes())
        u, um = rows
        always = self.clause_always
        return [Found(bool(f & 1), bool(f & 2), bool(f & 4), (f >> 5) | always, u[i * r:i * r + r], um[i * r:i * r + r],
                      f >> 3 & 3) for i, f in enumerate(flags.tolist())]

    def possible(self, n: int, who: np.ndarray, lit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(message, rule) pairs whose expression can match in the message (besides `always`), from the condition
        literals found in each message (`who`, `lit`: one entry per occurrence). Distinct pairs are marked in
        boolean arrays (no sorting); an alternative's clauses are the bytes of one 8-byte word per (message,
        alternative), set by its literals in one pass (`bytewise`; where an alternative has over 8 clauses, the bits
        of a 32-bit word, `bitwise`; over 32, clauses counted)."""
        empty = np.zeros(0, dtype=np.int64)
        if not self.n_branches or not len(lit):
            return empty, empty
        key = who * self.n_lits + lit
        if n * self.n_lits < 2**31:
            key = key.astype(np.int32)  # sorts twice as fast
        key.sort()
        keep = np.empty(len(key), dtype=bool)
        keep[0] = True
        np.not_equal(key[1:], key[:-1], out=keep[1:])
        wl = key[keep].astype(np.int64)  # each literal once per message, by message (a sort of the few occurrences
        # costs half of marking them in a boolean array of every (message, literal) and finding the marks again)
        if self.bytewise:  # one expansion, literal -> (alternative, clause byte), marked by plain stores
            owner, code = _expand(wl % self.n_lits, *self.lit_byte)
            marks = np.zeros(n * self.n_branches * 8, dtype=bool)
            marks[(wl // self.n_lits)[owner] * (self.n_branches * 8) + code] = True
            full = self._bytes_full.get(n)
            if full is None:
                full = self._bytes_full[n] = np.tile(self.branch_bytes, n)
            ok = np.flatnonzero(marks.view(np.uint64) == full)  # every clause of the alternative satisfied
            return ok // self.n_branches, self.branch_rule[ok % self.n_branches]
        if self.bitwise:  # one expansion, literal -> (alternative, clause bit), instead of two with a count between
            owner, code = _expand(wl % self.n_lits, *self.lit_slot)
            bits = np.zeros(n * self.n_branches, dtype=np.uint32)
            np.bitwise_or.at(bits, (wl // self.n_lits)[owner] * self.n_branches + (code >> 5),
                             np.left_shift(1, code & 31).astype(np.uint32))
            full = self._full.get(n)
            if full is None:
                full = self._full[n] = np.tile(self.branch_full, n)
            ok = np.flatnonzero(bits == full)  # every clause of the alternative satisfied
            return ok // self.n_branches, self.branch_rule[ok % self.n_branches]
        owner, clause = _expand(wl % self.n_lits, *self.lit_clause)
        sat = np.zeros(n * self.n_clauses, dtype=bool)
        sat[(wl // self.n_lits)[owner] * self.n_clauses + clause] = True
        wc = np.flatnonzero(sat)  # each satisfied clause once per message
        owner, branch = _expand(wc % self.n_clauses, *self.clause_branch)
        got = np.bincount((wc // self.n_clauses)[owner] * self.n_branches + branch, minlength=n * self.n_branches)
        ok = np.flatnonzero(got == np.tile(self.branch_need, n))  # every clause of the alternative satisfied
        return ok // self.n_branches, self.branch_rule[ok % self.n_branches]

    def triggered(self, n: int, who: np.ndarray, pid: np.ndarray) -> np.ndarray:
        """Per (message, rule), whether `scan` puts the rule in its `triggered` set (a trigger word or character
        of the rule in the message), as a boolean array indexed message * rules + rule."""
        out = np.zeros(n * self.n_rules, dtype=bool)
        for cnt, ptr, flat in (self.word_trig, self.single_trig):
            sel = np.flatnonzero(cnt[pid] > 0)
            owner, rule = _expand(pid[sel], cnt, ptr, flat)
            out[who[sel][owner] * self.n_rules + rule] = True
        return out

    def scan_many(self, norms: list[Normalised]) -> list[list[RuleHit]]:
        """`Matcher.scan` of every message. `scan` visits the rules of a message in rule order and each rule's
        candidate spans in sorted order, so only which spans a rule has matters, not the order they were found."""
        return self.scan_many_spans(norms)[0]

    def scan_many_spans(self, norms: list[Normalised]) -> tuple[list[list[RuleHit]], list[Spans | None]]:
        """`scan_many`, and per message the candidate spans of each rule (None: none): `Matcher.hits_of(norm, spans,
        cancelled)` on them gives what `Matcher.scan(norm, None, cancelled)` gives, without scanning again."""
        hits, spans, _found = self.scan_many_found(norms)
        return hits, spans

    def scan_many_found(self, norms: list[Normalised]) -> tuple[list[list[RuleHit]], list[Spans | None],
                                                                 list[Found] | None]:
        """`scan_many_spans`, and per message its `Found` (None: not known), which `hits_of` may be given again
        (the classifier step's `hits_of` with `cancelled`)."""
        texts = [x.text for x in norms]
        n = len(texts)
        pos, pid, starts = self.scanner.find_all(texts)
        # the message of each occurrence: a gather from the message of every offset (a binary search per occurrence
        # cost three times as much); each text's offsets run to the separator after it
        who_all = np.repeat(np.arange(n), np.diff(starts, append=starts[-1] + len(texts[-1]) + 1))[pos] if n else pos
        spans: list[Spans | None] = [None] * n
        sel = np.flatnonzero(self.has_any[pid])
        anys = self.anys
        w_any, p_any = who_all[sel], pid[sel]
        e_any = pos[sel] - starts[w_any] + self.scanner.lengths[p_any]  # end offset in the message
        for w, p, s, e in zip(w_any.tolist(), p_any.tolist(), (e_any - self.klen_arr[p_any]).tolist(), e_any.tolist(),
                              strict=True):
            d = spans[w]
            if d is None:
                d = spans[w] = {}
            for idx in anys[p]:
                d.setdefault(idx, []).append((s, e))
        # the expressions to run: triggered (or untriggered) rules whose expression can match
        lit = self.lit_of[pid]
        sel = np.flatnonzero(lit >= 0)
        pw, pr = self.possible(n, who_all[sel], lit[sel])
        runs: list[list[int]] = [[] for _ in range(n)]
        if len(pw):
            trig = self.triggered(n, who_all, pid)
            pair = pw * self.n_rules + pr
            run = np.zeros(n * self.n_rules, dtype=bool)  # each (message, rule) once: two alternatives of one
            run[pair[trig[pair] | self.untriggered[pr]]] = True  # rule can both hold (a fifth of the pairs)
            pair = np.flatnonzero(run)
            for w, r in zip((pair // self.n_rules).tolist(), (pair % self.n_rules).tolist(), strict=True):
                runs[w].append(r)
        if self.always:
            trig = self.triggered(n, who_all, pid)
            for r in sorted(self.always):
                for w in range(n):
                    if (trig[w * self.n_rules + r] or self.untriggered[r]) and r not in runs[w]:
                        runs[w].append(r)
        matcher = self.matcher
        found = self.found(n, who_all, pid)
        spans_by_rule = matcher._spans_by_rule
        out: list[list[RuleHit]] = []
        for i, text in enumerate(texts):
            d = spans[i]
            for idx in runs[i]:
                for sc in spans_by_rule.get(idx, ()):
                    if got := sc.spans(text):
                        if d is None:
                            d = spans[i] = {}
                        d.setdefault(idx, []).extend(got)
            out.append(matcher.hits_of(norms[i], d, None, found[i] if found is not None else None) if d else [])
        return out, spans, found


@lru_cache(maxsize=2)
def get_chunk_rules(directory: str | None = None) -> ChunkRules:
    # get_matcher() and get_matcher(None) are two lru_cache entries: the same call as everyone else's
    return ChunkRules(get_matcher(directory) if directory is not None else get_matcher())
