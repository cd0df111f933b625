"""Engine mechanics that principles need (sixth session, helper "engine7"). Each item has pairs (the wrong label
absent / the right label present) written for this file in new wording, not taken from any set.

- A rule's `unless` words reach the whole sentence, but not from before a phrase in which the writer's side states an
  act done ("，我们已经报案…": a second act) to a match in it; an exception word followed by a phrase that pursues people
  for the money ("，还会直接上门找他们要钱") leaves the exception short of the whole act; phrases that go on describing
  the same act ("，也会带两名同事", "，也出示了工作证") stay in scope (`engine.Matcher._unless_in`).
- A borrower asking about an announced act lawful in principle (a visit, a contact of the emergency contact) reports
  nothing unlawful (convention 8), whatever the question; the same question about an act unlawful in itself (the
  workplace, the night, a crowd, a blockade, all the colleagues) keeps the report (`engine._lawful_in_principle`).
- The classifier adds no unlawful_visit beside violence_threat when the harm happened at the compound gate, in a car
  park or in the street and no visit to a door is named: an ambush, not a visit (`check.MODEL_NOT_AT`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # contacts "liable" and sued: the false legal claim alone; pursued for the money besides the suit: contact
    ("third_party_contact", "你的紧急联系人要负连带责任，下个月我们就起诉他们。",
     "你的紧急联系人要负连带责任，下个月我们就起诉他们，还会直接上门找他们要钱。"),
    ("third_party_contact", "你父母作为紧急联系人要承担连带责任，我们已经准备起诉你父母。",
     "按规定你的紧急联系人得替你还，我们准备一起起诉，也会天天打电话找他们要。"),
    # a fraud report threatened is no false report; a report made after the threat, in the same sentence, is
    ("insult_defamation", "月底前不还，就要告你诈骗。", "月底前不还，就要告你诈骗，我们已经以诈骗罪报案了。"),
    ("insult_defamation", "这周还不上我们就告你诈骗，你自己掂量。", "这周还不上我们就告你诈骗，我已经报警说你诈骗了。"),
    # a visit or an emergency-contact call announced, asked about: compliant; the same with what makes it unlawful: kept
    ("unlawful_visit", "催收在电话里说下个月会派人来我家走访，他们可以这么做吗？",
     "催收在电话里说下个月会派人来我家，天天堵着门不走，他们可以这么做吗？"),
    ("unlawful_visit", "平台说下周要派人上门，这合法吗？", "平台说下周半夜要派人上门，这合法吗？"),
    ("third_party_contact", "那个催收员说要联系我的紧急联系人，这样做违规吗？", "那个催收员说要打到我单位去，这样做违规吗？"),
    ("third_party_contact", "客服说要联系我的紧急联系人，可以这么搞吗？", "客服说要联系我的紧急联系人和所有同事，可以这么搞吗？"),
    # what makes an announced visit unlawful may sit in another phrase of the sentence, or be the rule's own (a banner)
    ("unlawful_visit", "催收说他们公司下周要派人上门核实住址，这合法吗？", "催收说下周要派人上门，不还钱就别想安生，他们可以这样吗？"),
    ("unlawful_visit", "催收说月底要安排外访上门，这样可以吗？", "催收说月底要上门在我家门口拉横幅，这样可以吗？"),
    ("unlawful_visit", "催收讲过两天要派人上门，这算违规吗？", "催收讲过两天要派人上门守到我还钱为止，这算违规吗？"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_engine_mechanics_pair(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize("text", ["今天两个外访来我家，也出示了工作证，很客气", "今天下午平台两个人来我家门口喊了几声，也出示了工牌，核实了地址",
                                  "我们明天派人上门，也会带两名同事，出示工作证。", "我们会派两名同事，也会上门拜访，出示工作证。"])
def test_additive_description_keeps_the_exception(text: str, model: object) -> None:
    """An additive phrase that describes the same visit (也出示了工作证, 也会带两名同事) is no second act: the exception
    reaches it."""
    assert "unlawful_visit" not in analyze(text, {}, model=model).labels


#: (an ambush away from any door, the same harm at the door): at a low addition limit the classifier wants a visit in
#: both; the guard leaves it only where a visit to the door is named
AMBUSHES = [
    ("今天中午在地下停车场被催收的人拦住，揪着我衣服说不还钱就别想开车走。",
     "今天中午在我家门口被催收的人拦住，揪着我衣服说不还钱就别想出门。"),
    ("上周六傍晚在小区大门口被两个催收堵住，一个推了我一把，说再拖就让我住院。",
     "上周六傍晚两个催收来我家敲门，一个推了我一把，说再拖就让我住院。"),
]


@pytest.mark.parametrize(("ambush", "at_the_door"), AMBUSHES)
def test_no_model_visit_at_an_ambush(ambush: str, at_the_door: str) -> None:
    away = analyze(ambush, {}, threshold=0.3).labels
    assert "violence_threat" in away and "unlawful_visit" not in away
    assert "unlawful_visit" in analyze(at_the_door, {}, threshold=0.3).labels
