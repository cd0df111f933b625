"""Facts from other modules: the evidence vault's items -> `evidence` and `findings` for a letter.

    from xiezhi.evidence import Vault
    items = vault.items()                                   # list[EvidenceItem]
    facts = {**user_facts, **facts_from_evidence(items)}    # then draft_letter(kind, facts)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def facts_from_evidence(items: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """`evidence` rows and Check `findings` from active (or corrected) evidence items, oldest first.
    Withdrawn items are left out; each finding keeps the time of its incident."""
    from xiezhi.evidence.models import KIND_LABELS

    evidence: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    live = [i for i in items if getattr(i, "status", "active") != "withdrawn"]
    live.sort(key=lambda i: (i.current.occurred_at is None, i.current.occurred_at or 0, i.seq))
    for item in live:
        c = item.current
        files = "、".join(a.name for a in c.attachments)
        evidence.append({"time": c.occurred_at, "kind": KIND_LABELS.get(c.kind or "", c.kind or ""),
                         "description": c.summary(120) or "（无文字内容）", "file": files[:200] or None,
                         "sha256": item.hash[:64] if item.hash else None})
        for f in c.findings:
            if f.get("category") in (None, "compliant"):
                continue
            findings.append({"category": f["category"], "severity": f.get("severity", "violation"),
                             "quote": f.get("quote") or c.summary(200), "explanation": f.get("explanation", ""),
                             "citations": list(f.get("citations") or []), "label": f.get("label"),
                             "at": c.occurred_at})
    return {"evidence": evidence, "findings": findings}
