"""Letters a borrower needs, drafted from their own facts (templates as data, rendered to HTML/DOCX/PDF).

```python
from xiezhi.letters import draft_letter, render_letter, list_kinds, parse_facts
letter = draft_letter("negotiation", {"borrower": {"name": "张三"}, ...})   # Letter; letter.blanks
pdf = render_letter("negotiation", facts, "pdf")                            # bytes
```
"""

from xiezhi.letters.build import (
    draft_letter,
    get_template,
    letter_bytes,
    list_kinds,
    load_facts,
    missing_for,
    parse_facts,
    render_letter,
    write_letter,
)
from xiezhi.letters.models import (
    Collector,
    CreditFacts,
    EvidenceEntry,
    FindingFact,
    Lender,
    Letter,
    LetterCitation,
    LetterFacts,
    LetterKind,
    LoanFacts,
    Message,
    Person,
    PoliceFacts,
    Proposal,
)
from xiezhi.letters.sources import facts_from_evidence

__all__ = [
    "Collector",
    "CreditFacts",
    "EvidenceEntry",
    "FindingFact",
    "Lender",
    "Letter",
    "LetterCitation",
    "LetterFacts",
    "LetterKind",
    "LoanFacts",
    "Message",
    "Person",
    "PoliceFacts",
    "Proposal",
    "draft_letter",
    "facts_from_evidence",
    "get_template",
    "letter_bytes",
    "list_kinds",
    "load_facts",
    "missing_for",
    "parse_facts",
    "render_letter",
    "write_letter",
]
