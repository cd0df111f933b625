"""Text handling shared by retrieval and analysis: tokenisation (and, in normalize.py, normalisation)."""
