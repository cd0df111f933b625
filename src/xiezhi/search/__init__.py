"""Retrieval: a small BM25 index over fielded documents, shared by statute search and card search."""

from xiezhi.search.bm25 import BM25Index

__all__ = ["BM25Index"]
