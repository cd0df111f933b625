"""xiezhi (獬豸): offline legal information for borrowers facing debt collection in mainland China.

The package is one pure core (law, params, text, kb, search, ask, collection, loan, plan,
evidence, documents, assess) with three thin faces over it: the CLI, the HTTP API and the web pages.
"""

__version__ = "0.1.0"
