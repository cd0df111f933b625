"""privacy_exposure reads only the collector's words (fifth session, helper "privacy6", from recall6's report on
check_dev20–dev24). A message to a third party becomes `privacy_exposure` when it carries the person's data
(`metadata.mentions_personal_data`). In a first-person account (`engine.is_narrative`, or an `incident` report) only
the collector's part counts (`metadata.collector_part`): the narrator's self-description ("我在超市当收银员"), a
relative's illness told by the relative ("我姐住院了"), the narrator's own reply ("我说她在医院") reveal nothing to
anyone. A quoted collector message, a clause naming an act on the data (发到群里, 群里收到) and the clauses of the same
sentence stay. Each pair: a lawful counterpart without privacy_exposure, an unlawful one with it, written for this file
(not taken from any set).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.metadata import collector_part

EMPLOYER = {"recipient_role": "employer_or_colleague", "channel": "incident"}
CONTACT = {"recipient_role": "emergency_contact", "channel": "incident"}
PUBLIC = {"recipient_role": "public", "channel": "incident"}

#: (lawful text, lawful metadata, unlawful text, unlawful metadata)
PAIRS = [
    # the narrator's job is theirs to tell; the collector sending the ID card to the shop is exposure
    ("我在超市当收银员，昨天催收打到超市服务台，跟店长说我欠了网贷，现在同事都知道了。", EMPLOYER,
     "我在超市当收银员，昨天催收把我的身份证照片发到了超市的员工群里，现在同事都知道了。", EMPLOYER),
    # a relative's own account of a parent in hospital; the collector posting the medical record
    ("我是借款人的儿子，我爸中风住院快一个月了，催收每天打我电话让我替他还。", CONTACT,
     "我是借款人的儿子，催收把我爸住院的病历拍照发给了我，还说要发到我们家亲戚群里。", CONTACT),
    # the narrator's reply to a polite call; a call that read out the home address
    ("后来平台客服打到我这里，问能不能联系上我姐，我说她在住院，客服说等她出院再说。", CONTACT,
     "后来催收打到我这里，把我姐的家庭住址和身份证号都念了一遍，让我转告她。", CONTACT),
    # a teacher describing herself; a placard that shows her ID photo
    ("我是初中老师，今天有人在校门口举牌子写着我的名字和“欠钱不还”。", PUBLIC,
     "今天有人在校门口举牌子，上面贴着我的身份证照片，写着“欠钱不还”。", PUBLIC),
    # data in a quoted collector message is kept
    ("我在工地上班，催收给工头打电话说“让他回个电话”。", EMPLOYER,
     "我在工地上班，催收给工头打电话说“他家住在幸福小区三栋，你们去找他”。", EMPLOYER),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("lawful", "lawful_meta", "unlawful", "unlawful_meta"), PAIRS)
def test_privacy_reads_the_collector(lawful: str, lawful_meta: dict[str, str], unlawful: str,
                                     unlawful_meta: dict[str, str], model: bool | None) -> None:
    assert "privacy_exposure" not in analyze(lawful, lawful_meta, model=model).labels
    assert "privacy_exposure" in analyze(unlawful, unlawful_meta, model=model).labels


def test_collector_part_keeps_acts_and_their_sentence() -> None:
    # the data clause before the act in the same sentence stays; the narrator's self-description goes
    part = collector_part("我在工厂上班。我住院的诊断书，不知道谁给的，被他们发到了村里的群里")
    assert "工厂" not in part and "诊断书" in part
    # the narrator's reply after an acting clause goes, up to the next acting clause
    part = collector_part("客服打到我电话，只问她在哪，我说她在住院，对方说好的")
    assert "住院" not in part and "对方说好的" in part


def test_collector_part_keeps_quotes() -> None:
    assert "身份证" in collector_part("我爸住院了。他们发来一句“你的身份证我们都有”")
