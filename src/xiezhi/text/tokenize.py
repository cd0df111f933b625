"""Chinese tokenisation for retrieval: rjieba with this project's legal user dictionary.

Words are segmented in search mode (long words also yield their shorter parts), so that a query
for 暴力催收 matches an article about 催收 and one about 暴力. Punctuation and a short list of
function words are dropped; Latin words and numbers are kept in lower case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]", re.IGNORECASE)

#: Function words that only add noise to a bag-of-words ranking.
STOPWORDS = frozenset(
    "的 了 是 在 和 与 及 或 等 对 为 以 由 其 之 所 被 把 将 于 而 且 则 也 就 都 又 并 吗 呢 吧 啊 呀 么 "
    "我 你 他 她 它 我们 你们 他们 这 那 这个 那个 什么 怎么 怎么办 如何 会 能 要 有 没有 不 没 "
    "一个 可以 应当 如果 但是 还是 因为 所以 这样 那样 自己 本 该 此 某 各 每".split()
)


USER_WORD_FREQ = 50_000


def _dict_words() -> list[str]:
    path = resources.files("xiezhi") / "data" / "text" / "legal_dict.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.split("#", 1)[0].strip()
        if w:
            words.append(w)
    return words


@lru_cache(maxsize=1)
def _jieba() -> object:
    import rjieba

    for w in _dict_words():
        # A high frequency makes the dictionary word win over split readings (会上|门 -> 会|上门).
        rjieba.add_word(w, USER_WORD_FREQ, None)
    return rjieba


def segment(text: str) -> list[str]:
    """Plain segmentation (each character appears in exactly one token)."""
    jb = _jieba()
    return [t for t in jb.cut(text) if t.strip()]  # type: ignore[attr-defined]


def tokenize(text: str) -> list[str]:
    """Search-mode tokens for ranking: no punctuation, no stop words, lower-case Latin."""
    jb = _jieba()
    out = []
    for tok in jb.cut_for_search(text):  # type: ignore[attr-defined]
        t = tok.strip().lower()
        if not t or t in STOPWORDS or not _WORD.search(t):
            continue
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _plain_jieba() -> object:
    import rjieba

    return rjieba.Jieba()


def plain_tokenize(text: str) -> list[str]:
    """Baseline tokens: rjieba's default dictionary and plain cut, no user dictionary.

    Used only by benchmarks to compare against a plain BM25.
    """
    j = _plain_jieba()
    return [t.lower() for t in j.cut(text)  # type: ignore[attr-defined]
            if t.strip() and _WORD.search(t)]
