"""Precision as principles (sixth session, helper "precision7"): what makes a message lawful or a label wrong, drawn
from the lawful false positives and wrong labels of the read development sets and of the replay of first-look rules,
kept only where at least three annotators agree. Each principle has a pair (the wrong label absent / the right label
present) written for this file in new wording, not taken from any set.

- Banging or kicking at a door during a visit is the pressure of the visit (unlawful_visit, intimidation), not
  property damage: violence_threat only when the door was damaged or smashing it is threatened (vt-property).
- Asking a third party whether or where the debtor works, or where he lives, exposes none of his data: the question
  seeks it (cues.yaml personal_data_asked); telling the third party his address, ID or workplace does.
- A photo of a place (the door, the stairwell, a desk) exposes no personal data; the person's own photo does
  (cues.yaml personal_data_not).
- An edited image (a fake wanted poster, a funeral portrait, a nude) posted to a group is the person's image and a
  smear, not the debt told to others: no debt_disclosure from dd-public-posting; the debt posted is, also when it
  is written on the image or sent with it (dd-debt-with-image).
- "你这种人" alone is contempt, not an insult; the insult is the judgement that follows (就是个…, 活该, 迟早 …;
  蛀虫, 渣滓, 人渣 …).
- The person's own intimate photo, shown or threatened unedited, is privacy_exposure; insult_defamation needs the
  editing (P到, 合成) or a smear (pe-intimate-photos beside pe-edited-images).
- Calling the loan 骗贷 to the debtor, or threatening him with a fraud report, is a false legal threat; defamation
  needs the accusation to reach others or a report to be made (id-fabricated-crime, id-false-report-done).
- Going through the debtor's phone contacts contacts nobody (tp-address-book).
- Telling the debtor to borrow from his parents, spouse or friends is a push to borrow (forced_borrowing), no
  contact with them (tp-family-work, tp-address-book).
- A false claim that the debtor's contacts are liable, pursued as a threatened lawsuit against them, is the false
  legal threat alone; pursuing them for the money is third-party contact (tp-contacts-liable).
- Enforcement told in the lawful order in other words ("判下来以后", "等判决下来") is a true consequence; the same
  consequence with no judgment before it is not (fl-blacklist; 官司打完, 胜诉, 不履行判决 also for fl-enforcement-claim
  and fl-consequence-classes).
- A relief service's upfront fee (债务重组, 债务清零) is the scam's own (credit_repair_scam), not a collector's fee
  (if-collection-fees, if-invented-fees); a collector's own added fee is illegal_fee.
- 打 meaning "call" or "disturb" (打扰, 又打来了, 打来电话, 打了我们公司前台三次) is no blow (vt-done-assault,
  vt-done-assault-firstperson).
- A job loss threatened as the fruit of the collectors' own report to the employer ("你等着被开除吧") claims no
  legal consequence: no false legal claim (fl-job-loss); "单位会开除你，这是有规定的" claims one.
- Asking the person to upload his own ID to verify him exposes nothing (pe-id-photo; legal review 2 D21).
- A call to the workplace (打到你单位, 打到我们公司前台) is no visit (uv-threat-visit, uv-procedural-visit).
- Wages "扣下来" (withheld) hold no one: no detention (vt-detention).
- "别装睡" at night presses the hour (harassment_time, from metadata), it threatens nothing (in-veiled-threat,
  in-veiled-general); a consequence added to it is a threat.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # door-banging told by the borrower is no violence; a threat to smash the door, or a damaged door, is
    ("violence_threat", "前天夜里有两个人在我家门口砸门，喊我名字让我出来还钱，我没开，他们骂了一阵就走了。",
     "你再躲着不还，周末我们就去你家砸门，看你开不开。"),
    ("violence_threat", "下午有人一直踹门，说是平台派来的，在门口嚷了二十分钟才走。",
     "下午有人一直踹门，说是平台派来的，防盗门都踹变形了。"),
    # an edited image threatened for the family group is no debt disclosure; the debt and its sum posted there is
    ("debt_disclosure", "月底前不结清，我们就把你的自拍P成通缉令，发到你们家族群让大家看看。",
     "月底前不结清，我们就把你欠我们两万三的事发到你们家族群让大家看看。"),
    ("debt_disclosure", "月底前不结清，我们就把你的自拍P成通缉令，发到你们家族群让大家看看。",
     "月底前不结清，我们就把你的自拍P成通缉令，写上你欠我们两万三，发到你们家族群。"),
    ("debt_disclosure", "再不还，你那些私密照我们就发到你公司群。",
     "再不还，你欠我们两万的事和你那些私密照一起发到你公司群。"),
    # "你这种人" with a demand is contempt; with 蛀虫 it is an insult
    ("insult_defamation", "你这种人我打过交道的多了，说吧，这个月几号能还上？",
     "你这种人就是社会的蛀虫，说吧，这个月几号能还上？"),
    ("insult_defamation", "你这种人我打过交道的多了，说吧，这个月几号能还上？",
     "你这种人活该一辈子穷，说吧，这个月几号能还上？"),
    # an unedited intimate photo threatened is no insult (but privacy); the face edited onto one is
    ("insult_defamation", "你手机里那些私密照我们都备份了，下周还不上就发给你全部同事。",
     "你的脸我们已经P到裸照上了，下周还不上就发给你全部同事。"),
    ("privacy_exposure", "你手机里那些存款截图我们也看过，下周还不上就自己想办法。",
     "你手机里那些私密照我们都备份了，下周还不上就发给你全部同事。"),
    # "你这是骗贷" to the debtor is a false legal claim, no defamation; telling his employer he is a fraud is
    ("insult_defamation", "你这是骗贷，按规定够立案了，这周之内必须处理。",
     "我们已经打给你们人事了，告诉他们你是个骗子，借了钱就跑。"),
    # a threat to report him for fraud is no false report yet; a report made is
    ("insult_defamation", "催收跟我说我再不还钱就告我诈骗，让我等着。",
     "催收已经去派出所报案说我诈骗了，民警今天给我打了电话。"),
    # grabbing the phone and going through the contacts reaches nobody; calling them all does
    ("third_party_contact", "昨天两个人在小区门口拦住我，抢过我的手机翻了通讯录，又扔回给我就走了。",
     "昨天催收把我通讯录里的人挨个打了一遍，说我欠钱不还。"),
    # "borrow it from your parents" contacts nobody; "we will call your parents" does
    ("third_party_contact", "钱从哪来我不管，找你爸妈借也行，找你老公借也行，周五前到账。",
     "钱从哪来我不管，周五前不到账我们就打给你爸妈，让他们来还。"),
    # ... the exception names the borrowing from them, not any 借: contacting them to make them lend is contact
    ("third_party_contact", "钱从哪来我不管，跟你爸妈借也行，周五前到账。",
     "你不还我们就联系你爸妈，让他们先借点钱给你还上。"),
    # "your contacts are liable, we will sue them" is a false legal claim; "... we will go to them for it" is contact
    ("third_party_contact", "你弟弟是你的紧急联系人，依法要承担连带责任，月底不还我们就一起起诉。",
     "你弟弟是你的紧急联系人，依法要承担连带责任，月底不还我们就直接找他要钱。"),
    # enforcement after a judgment "comes down" is true; enforcement straight from non-payment is not
    ("false_legal_threat", "我们会依法起诉，等法院判下来以后你还不履行，会被列入失信被执行人名单。",
     "你这周不还钱，马上就会被列入失信被执行人名单。"),
    ("false_legal_threat", "等判决下来，你再不履行，法院可以限制你坐高铁。",
     "再不还，你就等着坐不了高铁吧。"),
    ("false_legal_threat", "等官司打完你还不还，法院会冻结你的工资卡。",
     "再拖三天，我们就冻结你的工资卡。"),
    ("false_legal_threat", "一旦胜诉，我们会向法院申请执行，执行阶段法院可以查封你名下财产。",
     "明天开始查封你名下的房子和车。"),
    ("false_legal_threat", "诉讼结束后如果你拒不履行判决，可能会被纳入失信被执行人名单。",
     "你不接电话，就会被纳入失信被执行人名单。"),
    ("illegal_fee", "我们团队专做债务重组，能把你五个网贷并成一笔，利息砍半，先交1500评估费就给你办。",
     "你这笔逾期了，今天先交1500的催收服务费，不交就不给你办分期。"),
    # being disturbed or rung is no assault; being beaten is
    ("violence_threat", "我是他表姐，你们今天又打来问他在哪，我已经说了不想被打扰。",
     "我是他表姐，你们的人今天在楼下把我推倒了，还扇了我一巴掌。"),
    # the exception names the call, not any 打来: a call and a shove in one sentence keep the shove
    ("violence_threat", "他们天天打来电话问我什么时候还，态度还算客气。",
     "他们天天打来骂我，昨天还在楼下推了我几下。"),
    # wages withheld hold no one; a person held is detention
    ("violence_threat", "你们人事发工资的时候，把他这个月的工资先扣下来转给我们。",
     "你今天不把钱转过来，我们就把你扣下来，什么时候钱到什么时候放人。"),
    # a threat to ring the workplace is no visit; a threat to go there is
    ("unlawful_visit", "你再不接，我们就天天打到你单位，让你们领导接。",
     "你再不接，我们就天天去你单位，让你们领导出来说话。"),
    # an upload for verification is no exposure; the same ID photo sent to the relatives is
    ("privacy_exposure", "请您本人上传身份证正反面照片，用于还款账户实名核验。",
     "你身份证正反面照片我们今晚就发到你家族群里。"),
    ("false_legal_threat", "我们已经把你欠钱的事告诉你们经理了，你就等着被开除吧。",
     "你再不还，按规定单位必须开除你，这是有法律规定的。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


#: (category, metadata, message without the label, message with it)
META_PAIRS = [
    # asking a colleague whether the debtor still works there exposes nothing; telling his address and ID does
    ("privacy_exposure", {"recipient_role": "employer_or_colleague"},
     "您好，请问王某现在还在你们单位上班吗？我们有急事找他。",
     "您好，王某在我司借款逾期，他住在幸福小区8栋302，身份证号3301xxxx，请你们单位督促他还款。"),
    # asking a mother where her son works; telling her where he works with the debt
    ("privacy_exposure", {"recipient_role": "emergency_contact"},
     "阿姨您好，您知道您儿子现在在哪里上班吗？他电话一直打不通。",
     "阿姨，您儿子在城东物流公司上班，欠了我们三万，您得让他还。"),
    # a neighbour is shown a photo of the door; the same neighbour is shown the debtor's own photo
    ("privacy_exposure", {"recipient_role": "address_book_contact"},
     "你好，我们是平台的，刚拍了你邻居家门口的照片，麻烦转告他回个电话。",
     "你好，我们是平台的，这是你邻居张某的照片和身份证，麻烦转告他回个电话。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), META_PAIRS)
def test_precision_principle_with_metadata(category: str, meta: dict[str, str], lawful: str, unlawful: str,
                                           model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


def test_dont_pretend_to_sleep_is_no_threat() -> None:
    """"别装睡" at 23:40 is a night contact, not intimidation; "别装睡，明天有你好看的" threatens."""
    meta = {"sent_at": "2026-05-02T23:40:00", "recipient_role": "debtor"}
    for model in (False, None):
        labels = analyze("这么晚了还不回？别装睡，钱今晚到底转不转，回个话。", meta, model=model).labels
        assert "intimidation" not in labels and "harassment_time" in labels
        assert "intimidation" in analyze("别装睡，今晚钱不到账，明天有你好看的。", meta, model=model).labels
