"""Lawful third-party contact as principles (fourth session, tuner "tpscope"), from the lawful false positives of
check_dev15 (annotator 18, "the people around the debtor") and the other development sets. Each principle has a
lawful example and its unlawful counterpart, written for this file (not taken from any set), with the metadata
each line needs (convention 4: contact and disclosure are decided with `recipient_role`).

- The role word 紧急联系人 alone is no contact: a borrower's question about it, an app's notice of what the contact is
  for, a deletion on request. Telling the debtor that *his* contacts owe and will be pursued is collection from a third
  party (`tp-contacts-liable`).
- People the law lets hear of the debt are no third parties (`metadata.lawful_recipient`, read through
  `metadata.jointly_liable`): an heir asked about the debt within the estate (民法典 第一千一百六十一条), a court's own
  service or notice without a red flag (民事诉讼法 第八十八条 service on an adult family member, 第二百五十四条 a
  协助执行通知书 to the employer), a lender asking a named contact whether they agree to be one (no demand, no sum).
- A signed guarantee shown in the text: the guarantor within the guarantee is no third party (convention 7).
- A clause saying the debt was not told ("没说欠钱的事", "未透露任何欠款信息") reveals no debt, and asking a contact for
  the debtor's new number exposes no personal data (`metadata.mentions_debt`, `metadata.mentions_personal_data`):
  the locating request stays `third_party_contact` alone.
- A lender confirming that it will no longer use the address book, or a borrower saying nobody was contacted yet
  and asking to delete the data, names the address book without contacting anyone (`tp-address-book` unless).
- Convention 6: letting the whole village know, or posting to a group "so the colleagues see", is public exposure, not
  directed contact; "让你爸妈都知道" stays contact (`tp-let-them-know`).
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
    # an heir asked about the estate; a widow told to pay with no estate named
    ("third_party_contact", "您好，您丈夫生前在我行有一笔贷款，您作为继承人，想跟您了解一下遗产的情况，看怎么处理比较合适。",
     {"recipient_role": "spouse"},
     "您好，您丈夫生前在我行有一笔贷款，他人不在了，这钱就得您来还，月底前请把钱打过来。", {"recipient_role": "spouse"}),
    # a court serving papers on the adult family member at home; a collector "from the court" wanting money transferred
    ("third_party_contact", "爸，法院今天来人送了传票，是那个借款合同纠纷的，我替哥哥签收了，开庭时间写在上面。",
     {"recipient_role": "address_book_contact"},
     "你是他家人吧，我们是法院委托的，他的案子马上开庭，你先把钱转到这个账户就能撤诉。",
     {"recipient_role": "address_book_contact"}),
    # the court's withholding notice to the employer; a lender asking the employer to withhold without one
    ("third_party_contact", "人事说单位收到了法院的协助执行通知书，按案号要从我下个月工资里扣一部分，这个流程正规吗？",
     {"recipient_role": "employer_or_colleague"},
     "人事说催收公司打电话到单位，让财务从我工资里每月扣一千还给他们。", {"recipient_role": "employer_or_colleague"}),
    # asking a named contact for consent; the same call telling the contact the debt and the arrears
    ("debt_disclosure", "您好，这里是安和消费金融。赵某申请借款时填写了您为联系人，想确认您是否同意作为联系人，如不同意我们会删除号码。",
     {"recipient_role": "emergency_contact"},
     "您好，这里是安和消费金融。赵某填写了您为联系人，他已逾期三个月欠款8600元，确认您是否同意作为联系人。",
     {"recipient_role": "emergency_contact"}),
    # a guarantor who signed the guarantee; a father who signed nothing, called and told to pay
    ("third_party_contact", "我爸给我表哥的贷款做了担保，保证合同是我爸签的，现在银行打给我爸让他作为保证人先还这一期。",
     {"recipient_role": "guarantor"},
     "我爸什么都没签，银行现在天天打给我爸让他替我还这一期。", {}),
    # a locating call that says it told nothing; the same call that told the sum
    ("debt_disclosure", "我表姐是我的紧急联系人，平台打给她问能不能找到我，没跟她说欠钱的事，她说不知道就挂了。",
     {"recipient_role": "emergency_contact"},
     "我表姐是我的紧急联系人，平台打给她问能不能找到我，还跟她说我欠了一万二逾期两个月。",
     {"recipient_role": "emergency_contact"}),
    # a visit log that says nothing was disclosed; a log that told the mother the arrears
    ("debt_disclosure", "外访记录：上午到客户登记地址，客户父亲开门，称客户不在。外访员留下联系卡请其转告回电，未向其透露任何欠款信息。",
     {"recipient_role": "address_book_contact"},
     "外访记录：上午到客户登记地址，客户父亲开门，称客户不在。外访员告知其客户已逾期90天欠款5万，请其督促。",
     {"recipient_role": "address_book_contact"}),
    # asking for the new number exposes nothing; sending the debtor's ID number to the contact does
    ("privacy_exposure", "您好，我们是安和消费金融，一直联系不上王某，请问您知道他现在用哪个手机号吗？",
     {"recipient_role": "emergency_contact"},
     "您好，我们是安和消费金融，王某身份证号320102199001011234，住址滨江路8号，请您转告他。",
     {"recipient_role": "emergency_contact"}),
    # an opt-out confirmed names the address book; a threat to use it does not stop there
    ("third_party_contact", "【安和小贷】根据您的要求，已登记您不再接受通讯录联系人协助联系，今后只与您本人沟通。",
     {"recipient_role": "debtor"},
     "【安和小贷】您已逾期，今天不处理就联系您通讯录里的所有联系人。", {"recipient_role": "debtor"}),
    # nobody contacted yet, asking to delete the data; the address book already called
    ("third_party_contact", "那个App借款时读了我的通讯录，目前还没联系过任何人，我可以要求删除通讯录数据吗？", {},
     "那个App借款时读了我的通讯录，现在挨个打电话给我通讯录里的人。", {}),
    # the whole village or a group is the public; the parents are identifiable people
    ("third_party_contact", "再拖着不还，我们就去你村口贴告示，让全村都知道你家出了个老赖。", {"recipient_role": "debtor"},
     "再拖着不还，我们就挨个给你爸妈打电话，让你爸妈都知道你干的好事。", {"recipient_role": "debtor"}),
    ("third_party_contact", "不还是吧，那就把你这笔账发你们单位工作群，让你同事都看看。", {"recipient_role": "debtor"},
     "不还是吧，那我们就去找你领导，让你同事都看看你是什么人。", {"recipient_role": "debtor"}),
    # saying they can see the address book contacts nobody; using it does
    ("third_party_contact", "你的通讯录我们后台都看得到，今天下午五点前把这期结了。", {"recipient_role": "debtor"},
     "你的通讯录我们后台都有，今天下午五点前不结，就一个一个打过去。", {"recipient_role": "debtor"}),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "lawful_meta", "unlawful", "unlawful_meta"), PAIRS)
def test_third_party_principle(category: str, lawful: str, lawful_meta: dict[str, str], unlawful: str,
                               unlawful_meta: dict[str, str], model: object) -> None:
    assert category not in analyze(lawful, lawful_meta, model=model).labels
    assert category in analyze(unlawful, unlawful_meta, model=model).labels
