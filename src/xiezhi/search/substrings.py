"""Which of a fixed list of words occur in a text, in one pass (Aho-Corasick) instead of one ``in`` per word.

The domain lexicon (200 terms) and the statute expansion keys (136) were each tested word by word on
every question; one automaton scan finds the same words.  ``present`` returns them in list order, so
callers that sum or concatenate in that order get exactly what the word-by-word loop gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar


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


class LazySubstrings:
    """For a frozen dataclass that looks one word list up with a `SubstringSet`: the set is made on first use
    (`_substrings`) and left out of the pickled state, so the object's cached form holds its data only.
    `_substring_words` names the field that holds the words."""

    _substring_words: ClassVar[str]
    _CACHE: ClassVar[str] = "_substring_set"

    def _substrings(self) -> SubstringSet:
        found = self.__dict__.get(self._CACHE)
        if found is None:
            found = self.__dict__[self._CACHE] = SubstringSet(getattr(self, self._substring_words))
        return found

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop(self._CACHE, None)
        return state
