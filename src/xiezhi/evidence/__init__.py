"""Tamper-evident evidence vault: incidents with attachments, a hash chain, verifiable exports.

    from xiezhi.evidence import Vault, IncidentInput, Counterpart, verify_manifest
    vault = Vault.open()                                  # XIEZHI_HOME / XIEZHI_DATABASE_URL
    rec = vault.add(IncidentInput(kind="sms", occurred_at=..., counterpart=Counterpart(number="1700..."),
                                  text="..."), files=["shot.png"])
    vault.list(kind="sms"); vault.item(rec.seq); vault.correct(rec.seq, {"text": "..."}, reason="...")
    report = vault.verify()                               # VerifyReport(ok, problems=[...])
    vault.export("out/", "zip")                           # evidence list + manifest.json + files
    verify_manifest("out/manifest.json")                  # third party check, no database
"""

from __future__ import annotations

from xiezhi.evidence.models import (
    KIND_LABELS,
    KINDS,
    Attachment,
    Content,
    Counterpart,
    EvidenceItem,
    EvidenceRecord,
    ExportResult,
    ImportResult,
    IncidentInput,
    Problem,
    VerifyReport,
)
from xiezhi.evidence.vault import Vault

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Attachment",
    "Content",
    "Counterpart",
    "EvidenceItem",
    "EvidenceRecord",
    "ExportResult",
    "ImportResult",
    "IncidentInput",
    "Problem",
    "Vault",
    "VerifyReport",
    "export_evidence",
    "import_history",
    "verify_manifest",
]


def __getattr__(name: str):  # lazy: export pulls in document renderers
    if name == "export_evidence":
        from xiezhi.evidence.export import export_evidence

        return export_evidence
    if name == "verify_manifest":
        from xiezhi.evidence.manifest import verify_manifest

        return verify_manifest
    if name == "import_history":
        from xiezhi.evidence.importer import import_history

        return import_history
    raise AttributeError(name)
