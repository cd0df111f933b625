"""Borrowers' own first-person accounts ("催收人员推搡我，不让我出门"): the conduct they describe is labelled,
with its mode and severity; fears, questions, denials and lawful visits stay compliant. A night time or a
daily count written in the account decides harassment_time / harassment_frequency only when the metadata
lacks sent_at / count_per_day, with the same dated thresholds (xiezhi.params collection.*)."""

from __future__ import annotations

from datetime import date, time

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.stated import parse_cn_number, stated_count, stated_night_time

# text, labels that must all be reported, severity (None: not checked), {category: mode}
REPORTS = [
    ("催收人员推搡我，不让我出门", {"violence_threat", "unlawful_visit"}, "possible_crime",
     {"violence_threat": "done"}),
    ("催收打电话辱骂我，骂得很难听", {"insult_defamation"}, "violation", {"insult_defamation": "done"}),
    ("催收威胁说要去我孩子的学校找孩子", {"intimidation"}, "violation", {"intimidation": "done"}),
    ("凌晨一点催收还在给我打电话", {"harassment_time"}, "violation", {"harassment_time": "done"}),
    ("他们把我P成遗照发到群里", {"insult_defamation", "privacy_exposure"}, "possible_crime", {}),
    ("催收说我是诈骗犯还发给我领导", {"insult_defamation", "third_party_contact"}, "violation",
     {"third_party_contact": "done"}),
    ("有人冒充法院给我打电话说要抓我", {"impersonation"}, "possible_crime", {"impersonation": "done"}),
    ("催收让我去别的平台借钱还他们", {"forced_borrowing"}, "violation", {"forced_borrowing": "done"}),
    ("他们在我家门口贴了欠债还钱的大字报", {"debt_disclosure", "unlawful_visit"}, None, {"unlawful_visit": "done"}),
    ("催收一天给我打了三十多个电话", {"harassment_frequency"}, "violation", {"harassment_frequency": "done"}),
    ("他们找到我公司，在前台大吵大闹", {"unlawful_visit"}, "violation", {"unlawful_visit": "done"}),
    ("催收把我身份证照片发给了我所有微信好友", {"third_party_contact", "privacy_exposure"}, "violation",
     {"privacy_exposure": "done"}),
    ("他们把我关在屋里三个小时", {"violence_threat"}, "possible_crime", {"violence_threat": "done"}),
    ("我被他们打了", {"violence_threat"}, "possible_crime", {"violence_threat": "done"}),
    ("夜里两点他们给我发短信骂我", {"harassment_time", "insult_defamation"}, "violation", {}),
    ("23:30催收又打来了，我没接", {"harassment_time"}, "violation", {}),
    ("今天催收给我打了5个电话，我都接了", {"harassment_frequency"}, "violation", {}),
]

LAWFUL = [
    "催收今天下午很客气地提醒我还款",
    "他们说不会上门",
    "催收会不会骂人啊？",
    "我担心他们半夜打电话",
    "他们说明天上午两个人来核实地址",
    "他们会不会上门？",
    "他们没有骂我",
    "催收人员态度很好，没有骂我，也没有威胁我",
    "他们没有推我",
    "他们会不会打我？",
    "催收会不会去孩子学校？",
    "我听说有人冒充法院",
    "谨防不法分子冒充法院工作人员",
    "他们说要联系我的紧急联系人是真的吗？",
    "他们说晚上十点以后不会再打电话",
    "昨晚睡不着，凌晨两点我给催收回了电话",
    "今天他们打了我三次电话",
    "今天催收给我打了5个电话",  # attempts: not above the attempt line, and nothing says they were answered
    "我每天有七八个不同平台打电话",  # several lenders are never added up
    "我爸推了他们一下",
    "他们今天上午打电话问我什么时候能还，语气挺好的",
]


@pytest.mark.parametrize(("text", "want", "severity", "modes"), REPORTS, ids=[r[0] for r in REPORTS])
def test_first_person_report(text, want, severity, modes):
    r = analyze(text)
    assert want <= set(r.labels), (r.labels, [(f.category, f.rule, f.quote) for f in r.findings])
    if severity is not None:
        assert r.severity == severity, [(f.category, f.severity) for f in r.findings]
    by_cat = {f.category: f for f in r.findings}
    for cat, mode in modes.items():
        assert by_cat[cat].mode == mode
    for f in r.findings:
        assert text[f.span[0]:f.span[1]] == f.quote


@pytest.mark.parametrize("text", LAWFUL)
def test_lawful_negated_or_question_stays_compliant(text):
    r = analyze(text)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


def test_detention_cites_unlawful_detention_articles():
    r = analyze("催收人员推搡我，不让我出门")
    vt = next(f for f in r.findings if f.category == "violence_threat")
    ids = [c["id"] for c in vt.citations if "id" in c]
    assert ids[:2] == ["criminal-law:238", "public-security-punishments-law:47"]


def test_stated_time_is_explained_as_from_the_description():
    r = analyze("凌晨一点催收还在给我打电话")
    f = next(f for f in r.findings if f.category == "harassment_time")
    assert "取自你的描述" in f.explanation and "凌晨一点" in f.explanation


def test_sent_at_wins_over_stated_time():
    r = analyze("凌晨一点催收还在给我打电话", {"sent_at": "2026-10-09T14:00:00", "recipient_role": "debtor"})
    assert "harassment_time" not in r.labels
    r = analyze("凌晨一点催收还在给我打电话", {"sent_at": "2026-10-09T23:40:00", "recipient_role": "debtor"})
    f = next(f for f in r.findings if f.category == "harassment_time")
    assert "23:40" in f.explanation and "取自你的描述" not in f.explanation


def test_count_per_day_wins_over_stated_count():
    r = analyze("催收一天给我打了三十多个电话", {"count_per_day": 2, "channel": "call"})
    assert "harassment_frequency" not in r.labels


def test_stated_time_before_the_standard_is_not_a_violation():
    # the quiet hours come from dated parameters: no line before 2025-02-28
    from xiezhi.collection.stated import stated_time_of_day

    assert stated_time_of_day("凌晨一点催收还在给我打电话", date(2024, 6, 1)) is None
    v = stated_time_of_day("凌晨一点催收还在给我打电话", date(2026, 6, 1))
    assert v is not None and v.category == "harassment_time"


@pytest.mark.parametrize(("text", "hhmm"), [
    ("凌晨一点催收还在给我打电话", time(1, 0)),
    ("晚上十一点半他们来敲门", time(23, 30)),
    ("23:30催收又打来了", time(23, 30)),
    ("夜里两点他们发短信", time(2, 0)),
    ("半夜他们还在打电话", time(0, 0)),
])
def test_stated_night_time(text, hhmm):
    got = stated_night_time(text)
    assert got is not None and got[2] == hhmm


def test_stated_time_needs_a_contact_and_a_report():
    assert stated_night_time("凌晨一点我还没睡") is None
    assert stated_night_time("我担心他们半夜打电话") is None
    assert stated_night_time("晚上九点催收打电话") is not None  # found, but 21:00 is not in the quiet hours
    assert "harassment_time" not in analyze("晚上九点催收给我打电话").labels


@pytest.mark.parametrize(("s", "n"), [("11", 11), ("三十", 30), ("二十五", 25), ("十一", 11), ("两", 2), ("几十", 20)])
def test_parse_cn_number(s, n):
    assert parse_cn_number(s) == n


def test_stated_count():
    assert stated_count("催收一天给我打了三十多个电话") == (30, True)
    assert stated_count("他们给我打了三十多个电话") is None  # no day: not a count per day
    assert stated_count("今天第三个电话了") is None


def test_a_borrowers_own_narration_of_the_debt_is_not_what_the_third_party_heard():
    from xiezhi.collection.metadata import mentions_debt

    # the borrower tells of the debt; the collector asked the sister only where he is
    assert not mentions_debt("我在两个平台欠了三万多，催收昨天打给我姐，问她知不知道我在哪。")
    # the collector's quoted or reported words decide
    assert mentions_debt("催收昨天打给我姐，跟她说我在平台欠了三万多不还。")
    assert mentions_debt("他们给我同事发消息：“你同事张某欠钱不还”")
    # a collector's own message is judged whole
    assert mentions_debt("您好，您的朋友张某在我平台借款逾期，请转告他还款。")
