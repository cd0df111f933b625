"""A small statistical classifier beside the rules: character 1–3-gram features, one-vs-rest logistic
regression (numpy), trained reproducibly from bench/data/check_dev.jsonl by scripts/build_check_model.py
into data/collection/model/ (weights.npy, model.json). It only adds categories the rules missed, only
for categories decidable from text, and each of its findings carries the clause that drove it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

MODEL_DIR = Path(str(resources.files("xiezhi"))) / "data" / "collection" / "model"
#: Categories the model may add: decidable from the words alone (no time, count or recipient needed).
TEXT_CATEGORIES = (
    "violence_threat", "intimidation", "insult_defamation", "privacy_exposure", "impersonation",
    "false_legal_threat", "unlawful_visit", "illegal_fee", "forced_borrowing", "credit_repair_scam",
)
NGRAMS = (1, 2, 3)


def grams(text: str) -> list[str]:
    out: list[str] = []
    n = len(text)
    for k in NGRAMS:
        out.extend(text[i:i + k] for i in range(n - k + 1))
    return out


@dataclass(frozen=True)
class Model:
    vocab: dict[str, int]
    categories: tuple[str, ...]
    weights: np.ndarray  # (features, categories)
    bias: np.ndarray  # (categories,)
    threshold: float
    automaton: Any = None  # all vocabulary grams in one Aho-Corasick automaton (fast path)

    def with_automaton(self) -> Model:
        auto = ahocorasick.Automaton()
        for g, i in self.vocab.items():
            auto.add_word(g, i)
        auto.make_automaton()
        return Model(self.vocab, self.categories, self.weights, self.bias, self.threshold, auto)

    def indices(self, text: str) -> list[int]:
        """Weight rows of the distinct vocabulary grams in `text` (the training features)."""
        if self.automaton is None:
            get = self.vocab.get
            return sorted({i for g in grams(text) if (i := get(g)) is not None})
        return list({i for _, i in self.automaton.iter(text)})

    def proba(self, text: str) -> dict[str, float]:
        idx = self.indices(text) if text else []
        z = self.weights[idx].sum(axis=0) / np.sqrt(len(idx)) + self.bias if len(idx) else self.bias
        p = 1.0 / (1.0 + np.exp(-z))
        return dict(zip(self.categories, p.tolist(), strict=True))

    def best_clause(self, text: str, category: str, bounds: list[tuple[int, int]]) -> tuple[int, int]:
        """The clause whose n-grams push hardest toward `category` (the evidence span)."""
        col = self.categories.index(category)
        best, best_score = bounds[0], -1e9
        get = self.vocab.get
        for s, e in bounds:
            idx = {i for g in grams(text[s:e]) if (i := get(g)) is not None}
            score = float(self.weights[list(idx), col].sum()) if idx else -1e9
            if score > best_score:
                best, best_score = (s, e), score
        return best


@lru_cache(maxsize=1)
def load_model(directory: str | None = None) -> Model | None:
    root = Path(directory) if directory else MODEL_DIR
    meta_path, w_path = root / "model.json", root / "weights.npy"
    if not (meta_path.exists() and w_path.exists()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    weights = np.load(w_path).astype(np.float32)
    vocab = {g: i for i, g in enumerate(meta["vocab"])}
    return Model(vocab, tuple(meta["categories"]), weights, np.asarray(meta["bias"], dtype=np.float32),
                 float(meta["threshold"])).with_automaton()
