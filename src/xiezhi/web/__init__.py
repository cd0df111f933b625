"""Web face: server-rendered Chinese pages over the same core functions as the CLI."""
