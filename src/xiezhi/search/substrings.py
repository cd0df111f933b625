"""Which of a fixed list of words occur in a text, in one pass (Aho-Corasick) instead of one ``in`` per word.

The domain lexicon (200 terms) and the statute expansion keys (136) were each tested word by word on
every question; one automaton scan finds the same words.  ``present`` returns them in list order, so
callers that sum or concatenate in that order get exactly what the word-by-word loop gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class SubstringSet:
    """A fixed list of non-empty words; ``present(text)`` = ``[w for w in words if w in text]``."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(dict.fromkeys(words))
        if any(not w for w in self.words):
            raise ValueError("empty word")
        self._automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"words": self.words, "_automaton": None}  # rebuilt on first use after loading

    def _build(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for i, w in enumerate(self.words):
            automaton.add_word(w, i)
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def present(self, text: str) -> list[str]:
        """The words that occur in ``text``, in list order."""
        if not self.words or not text:
            return []
        automaton = self._automaton or self._build()
        found = {i for _, i in automaton.iter(text)}
        words = self.words
        return [words[i] for i in sorted(found)]
