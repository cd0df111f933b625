"""Lawful third-party contact as principles (fourth session, tuner "tpscope"), from the lawful false positives of
check_dev15 (annotator 18, "the people around the debtor") and the other development sets. Each principle has a
lawful example and its unlawful counterpart, written for this file (not taken from any set), with the metadata
each line needs (convention 4: contact and disclosure are decided with `recipient_role`).

- The role word 紧急联系人 alone is no contact: a borrower's question about it, an app's notice of what the contact is
  for, a deletion on request. Telling the debtor that *his* contacts owe and will be pursued is collection from a third
  party (`tp-contacts-liable`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

#: (category, lawful text, lawful metadata, unlawful text, unlawful metadata)
PAIRS = [
    # the role word in a borrower's question is no contact; a report that they called the contact is
    ("third_party_contact", "借款时要填紧急联系人，我能不能只填我自己的另一个手机号？", {},
     "催收昨天打了我的紧急联系人，还跟她说我欠了八千。", {}),
    # an app's notice of what a contact is for; a notice that the contact will be made to pay
    ("third_party_contact", "【云禾分期】您的紧急联系人已变更。紧急联系人只在无法联系到您时协助联系，无需承担还款责任。",
     {"recipient_role": "debtor"},
     "【云禾分期】您已逾期，您的紧急联系人需承担连带还款责任，我司即日起向其追偿。", {"recipient_role": "debtor"}),
    # a deletion on request names the contact; parents said to owe for the debtor are pursued
    ("third_party_contact", "【禾信消费金融】按您的要求，紧急联系人「周某」的号码已从系统中移除，今后不会再联系此人。",
     {"recipient_role": "debtor"},
     "你爸妈是你填的紧急联系人，法律上他们要替你还，明天我们就去找他们要钱。", {"recipient_role": "debtor"}),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "lawful_meta", "unlawful", "unlawful_meta"), PAIRS)
def test_third_party_principle(category: str, lawful: str, lawful_meta: dict[str, str], unlawful: str,
                               unlawful_meta: dict[str, str], model: object) -> None:
    assert category not in analyze(lawful, lawful_meta, model=model).labels
    assert category in analyze(unlawful, unlawful_meta, model=model).labels
