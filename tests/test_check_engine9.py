"""Engine mechanics that principles need (eighth session, helper "engine9"). Each item has pairs (the wrong label
absent / the right label present) written for this file in new wording, not taken from any set.

- A borrower who reports a collector's condition ("对方说如果再不还…", "那个催收员说要是…", "他们客服讲…") and asks
  what to do reports the collector's words (convention 8): the condition is no hypothesis of the borrower's; a
  borrower's own hypothesis before the speaker ("万一催收说…", "如果催收真的…") stays a question
  (`engine._collector_condition`).
- A past denial of a causative with the writer or someone else as its object ("也没让我交什么外访费", "从来没叫我去别的
  口子借", "没逼他去网贷借") denies the act (`engine._NEGATED`); 不/别 with a causative are no denial ("别让我上门").
- A negation that ends its own phrase at a spacing pause (a tag question "醒了没", a negated full verb "不转", "不说")
  does not reach over the pause; one that needs its verb ("我们绝对不会 骂你") does (`engine._negation_over`).
- Explicit menace is never vetoed by the classifier: the rules that state the collector's scene or presence in so many
  words (`check.VETO_EXEMPT_RULES`) and intimidation in a sentence with a menace idiom ("你给我等着", "走着瞧":
  `check.EXPLICIT_MENACE`); the bare "你等着" stays weak.
- A meal or an object lent between friends (the category's `unless_message`) does not cancel grave bodily harm named
  outright ("…我叫人去你宿舍废了你") unless a joke cue goes with it (`engine.GRAVE_HARM_RULES`).
- A third party told of the debt in words the cue nouns miss (账拖了, 催账, 钱什么时候还, 不还钱) hears a disclosure; a
  writer's question about a locating call (请问…这正常吗) tells the debt in the writer's words only
  (`metadata._DEBT_WORDING`, `_writer_asks`, 请问 no collector's question in `_QUOTED`).
- A court's own enforcement through the employer (协助执行通知书, money to the court's own account; an execution judge
  asking about wages) is no third-party contact; a "court" that wants the money on a personal channel, a creditor asking
  the employer to withhold wages, or one the writer calls self-styled is (`metadata.court_enforcement`).
- The classifier adds no violence_threat where the rules read a stop and demand without force (convention 17:
  intimidation; `check.MODEL_NOT_BESIDE_RULES`); force or holding named keeps violence.
- From test7/dev30/dev31: 要不 ("how about") and 不如 are no negation (`engine._NEGATED`); Cantonese 我哋/我地 ("we") are
  no writer speaking of himself, so "你系咪当我哋傻㗎？" is the collector's rhetoric, no borrower's question
  (`engine._FIRST_PERSON`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze, check
from xiezhi.collection.corroborate import Policy

PAIRS = [
    # item 1: the collector's condition reported, or the borrower's own hypothesis
    ("violence_threat", "万一以后催收真的找人来打断我的腿，我该怎么办？",
     "催收员在电话里说如果月底前不还，就找人打断我的腿，我该怎么办？"),
    ("violence_threat", "假如他们哪天上门把我揍一顿，我应该找谁？",
     "对方讲要是下周再不还钱，就派人上门把我揍一顿，我应该找谁？"),
    ("violence_threat", "要是他们真的动手打我家里人，我能怎么办？",
     "那边的客服扬言要是这个月还不上，就动手打我家里人，我能怎么办？"),
    # item 2: a causative denied with 我/他/她 as its object
    ("illegal_fee", "上周两个外访到我家核实情况，态度还行，也没让我交什么外访费",
     "上周两个外访到我家核实情况，走的时候让我交三百外访费"),
    ("forced_borrowing", "催收从来没叫我去别的口子借钱周转，只是催我按时还", "催收叫我去别的口子借钱周转，先把这期还上"),
    ("forced_borrowing", "催收没逼他去网贷借钱还款", "催收逼他去网贷借钱还款"),
    # item 3: a negation before a spacing pause
    ("insult_defamation", "放心 我们绝对不会 骂你老赖", "醒了没 老赖 今天到底还不还"),
    ("insult_defamation", "放心 我们绝对不会 骂你老赖", "钱凑齐了没有 老赖"),
    ("intimidation", "我们不会 让你全家的卡都冻", "款转了不说 你全家的卡都得冻"),
    # item 5: a friend's object or meal and grave harm; the joke cue keeps the exception
    ("violence_threat", "欠我的那顿烧烤再不请，小心我砍死你🤣", "欠我的那顿烧烤再不请，我找几个兄弟去你家弄死你"),
    ("violence_threat", "上回借我的那辆自行车再不还，我就去你宿舍蹲你哈哈", "上回借我的那辆自行车再不还，我叫人去你宿舍废了你"),
    # item 8: a stop without force is intimidation only
    ("violence_threat", "昨晚催收的人在小区门口把我拦住要钱，说了几句就走了", "昨晚催收的人在小区门口把我拦住要钱，还推了我一把"),
    ("violence_threat", "昨天在地铁站口被催收堵住要钱，没动手，说完就走了", "昨天在地铁站口被催收堵住要钱，扇了我两个耳光"),
    # item 9: 要不 suggests, 我哋 is the collector's side
    ("forced_borrowing", "别去别的口子借钱了，我们可以给你办分期", "要不你先去小花钱包那边借一笔，他们下款快"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_engine_mechanics_pair(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


#: (text, category, rule that must keep it): explicit menace in wording of this file
EXPLICIT = [
    ("电话不接微信不回 你给我等着", "intimidation", "in-veiled-threat"),
    ("拖了三个月还装死 走着瞧", "intimidation", "in-veiled-threat"),
    ("那个催收讲我再拖就去我单位闹 咋整啊", "unlawful_visit", "uv-scene-reported"),
    ("cs说我要是还不上就去我单位撒泼，我该咋办", "unlawful_visit", "uv-scene-reported"),
    ("昨天下午有个催收在我家门外骂了半个多小时", "insult_defamation", "id-insult-reported-manner"),
    ("唔还钱就将你啲裸照发晒上网", "privacy_exposure", "pe-intimate-photos"),
    ("莫逼我们几个过来找你哈，钱还不还", "unlawful_visit", "uv-crew-coming-over"),
    ("我现在就在你们公司楼下，下来谈谈还钱的事", "unlawful_visit", "uv-arrival-announced"),
]


@pytest.fixture
def strict_veto(monkeypatch: pytest.MonkeyPatch) -> None:
    """A veto that needs 0.999 for every category: only strong findings survive it."""
    monkeypatch.setattr(check, "VETO_POLICY", Policy(default=0.999))
    monkeypatch.setattr(check, "RULE_VETO_BELOW", 0.999)


@pytest.mark.parametrize(("text", "category", "rule"), EXPLICIT)
def test_explicit_menace_is_never_vetoed(text: str, category: str, rule: str, strict_veto: None) -> None:
    found = {f.category: f.rule for f in analyze(text, {}).findings}
    assert found.get(category) == rule


def test_a_bare_you_wait_stays_weak(strict_veto: None) -> None:
    assert "intimidation" not in analyze("电话不接微信不回 你等着", {}).labels
    assert "intimidation" in analyze("电话不接微信不回 你等着", {}, model=False).labels


#: (recipient_role, no disclosure, disclosure): item 6
DISCLOSURE = [
    ("employer_or_colleague", "喂，是小陈的同事吧？跟他说一声，让他今天回个电话给我们",
     "喂，是小陈的同事吧？跟他说一声，他那笔账拖了快三个月了，让他今天处理"),
    ("emergency_contact", "阿姨，你儿子电话一直不接，麻烦让他回个电话", "阿姨，你儿子的钱到底什么时候还？他电话一直不接"),
    ("employer_or_colleague", "两个人跑到我们车间门口，说找我有点事，等了一会就走了", "两个人跑到我们车间门口，逢人就说是来催账的"),
    ("address_book_contact", "你兄弟电话打不通，麻烦转告他回个电话", "你兄弟不还钱，我们就天天打给你"),
    ("address_book_contact", "请问，我弟网贷逾期两个月，催收打电话问我知不知道他在哪，这正常吗",
     "请问，催收打电话跟我说我弟网贷逾期两个月不还，这正常吗"),
    ("address_book_contact", "我系佢细佬，佢借咗网贷，有人打嚟问佢喺边，算不算违规", "我系佢细佬，有人打嚟讲佢借咗网贷唔还，算不算违规"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("role", "told_nothing", "told"), DISCLOSURE)
def test_debt_told_to_a_third_party(role: str, told_nothing: str, told: str, model: object) -> None:
    meta = {"recipient_role": role}
    assert "debt_disclosure" not in analyze(told_nothing, meta, model=model).labels
    assert "debt_disclosure" in analyze(told, meta, model=model).labels


#: (lawful court enforcement, a collector's or a fake's): item 7, sent to the employer
ENFORCEMENT = [
    ("东湖区人民法院协助执行通知书：依据本院已生效的执行裁定，请你单位自本月起协助扣留被执行人周某工资收入的三分之一，汇至本院执行款专户。",
     "东湖区人民法院协助执行通知书：依据执行裁定，请你单位自本月起协助扣留被执行人周某工资收入的三分之一，转到书记员个人微信。"),
    ("我们人事说法院执行局来函，要了解我的工资发放情况，这个正常吗？", "我们人事说有个自称法院执行局的打电话，要了解我的工资发放情况，这个正常吗？"),
    ("河西区人民法院执行局：请你单位协助提取被执行人刘某本月工资收入的百分之三十，汇至本院执行款专户。",
     "贵单位员工刘某在我司借款逾期，请协助从其工资中扣留2000元转至我司账户。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("court", "other"), ENFORCEMENT)
def test_court_enforcement_through_the_employer(court: str, other: str, model: object) -> None:
    meta = {"recipient_role": "employer_or_colleague"}
    assert "third_party_contact" not in analyze(court, meta, model=model).labels
    assert "third_party_contact" in analyze(other, meta, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_cantonese_we_is_the_collectors_side(model: object) -> None:
    """我哋 is "we": the question is the collector's rhetoric put to the reader, so the curse before it stands; a
    borrower who speaks of himself (我) asking the same still asks."""
    assert "insult_defamation" in analyze("屌你老母，你系咪当我哋白痴㗎？", {}, model=model).labels
    assert analyze("佢哋会唔会上门搵我？", {}, model=model).labels == ["compliant"]
