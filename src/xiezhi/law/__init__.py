"""The statute corpus: parsed instruments and articles, citation ids and the citation resolver."""

from xiezhi.law.citations import (
    Citation,
    CitationError,
    CitationScan,
    find_citations,
    resolve,
    scan_citations,
)
from xiezhi.law.corpus import Corpus, get_corpus, load_corpus
from xiezhi.law.models import Article, Instrument
from xiezhi.law.numerals import parse_number, to_chinese

__all__ = [
    "Article",
    "Citation",
    "CitationError",
    "CitationScan",
    "Corpus",
    "Instrument",
    "find_citations",
    "get_corpus",
    "load_corpus",
    "parse_number",
    "resolve",
    "scan_citations",
    "to_chinese",
]
