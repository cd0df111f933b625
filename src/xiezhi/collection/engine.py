"""Match the rules against one message: literal patterns through one Aho-Corasick automaton, a few
regular expressions gated by literal triggers, negation/quotation checks, spans in original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from xiezhi.collection.normalize import Normalised, normalise, normalise_pattern, normalise_regex
from xiezhi.collection.rules import CategorySpec, Rule, load_categories
from xiezhi.collection.rxprefix import SpanScan, required_literals

#: A negator right before a match (nothing but auxiliaries in between: modal, motion, speech verbs such as
#: 说过/要求, "从来没有说过要去你家", "不会要求您转账") cancels a threat. Nobody as the subject (没人上门, 没有人威胁我) and a
#: message that did not mention the act (短信里没提坐牢、没提上门) deny it as 没 does (precision12b, ood_lawful_probes6).
_AUX_WORDS = (r"会|要求|要|去|来|再|将|能|可能|打算|安排|派人|主动|随意|私自|擅自|向|对|跟|给|和|与|以|被|曾|说过|说|讲过|提过|收取|收"
              r"|任何|额外|其他|建议|鼓励|推荐|诱导|您|你|转到|转给|转入|转|打到|汇到|通过|使用|用|提到|提及|提")
_AUX = f"(?:{_AUX_WORDS})"
_NEGATED = re.compile(
    r"(?:不会|不要|不得|不能|不可能|绝不|绝对不|决不|从不|从未|并未|并不|并非|绝非|不是|不存在|不涉及|不产生|没有人|没人|无人|没有|没|未|严禁|禁止|别|不(?!如)|无需|无须|不必|不用|不需要|用不着)"
    + _AUX + r"{0,3}$"
)
#: ... and a causative whose object is the writer or someone else ("没让我交上门费", "催收没叫他去借网贷", "从来没要求我们
#: 交什么"): a past denial (没/未, not 不/别: "别让我上门找你" is a threat), with the verbs of paying after it. A second
#: expression, not a branch of `_NEGATED`: one alternation of both made every search of the 8-character window ten times
#: slower (`re` loses the first-character test), +3 % instructions per message.
_NEGATED_CAUSED = re.compile(r"(?:没有|没|未|并未|从未)(?:让|叫|要求|要|逼|逼着|强迫|催|喊)(?:我|他|她)们?(?:" + _AUX_WORDS
                             + r"|交|缴|付|支付|缴纳|交纳|什么){0,3}$")


def _negation(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """A negator at the end of text[pos:endpos] (`_NEGATED`, else `_NEGATED_CAUSED`); 要不 ("how about") is none."""
    m = _NEGATED.search(text, pos, endpos)
    if m is not None and m.start() > 0 and text[m.start() - 1] == "要" and text[m.start()] == "不" \
            and not text.startswith("不要", m.start()):
        m = None
    elif m is not None and m.start() >= 2 and text.startswith("二话", m.start() - 2):
        m = None  # 二话不说 / 二话没说 ("without a word"): the act that follows happened
    return m if m is not None else _NEGATED_CAUSED.search(text, pos, endpos)


#: Cantonese asks with A-not-A forms and no 吗, often without a question mark ("系咪会爆我通讯录㗎", "佢哋会唔会
#: 上门"): such a form in the clause makes it a question like a question mark (whose it is, the borrower's or the
#: collector's rhetoric, is then decided as for any question). Adding the forms to the question cues too (so that
#: "催收话要爆我通讯录，系唔系真㗎" asks) was measured and dropped: dev34 0.834 -> 0.829 (docs/check.md, engine10).
#: A form that asks whether a report is true (系咪真㗎, 系唔系真嘅) is no question about the act: "催收话要爆我通讯录，系咪真㗎"
#: reports what the collector said, which keeps that act's labels (convention 8; legal review 7, D19), as it did before
#: the forms were added; with a question mark the older question handling decides, as for the Mandarin 是真的吗？.
_CANTONESE_Q = re.compile(r"系咪(?!真)|系唔系(?!真)|会唔会|可唔可以|得唔得|使唔使|有冇")


_CLAUSE_END = "。！？!?；;\n"
_CLAUSE_RE = re.compile("[" + _CLAUSE_END + "]")
def _cue_tuple(name: str) -> tuple[str, ...]:
    from xiezhi.collection.metadata import cues

    return getattr(cues(), name)


#: Words that announce an act for later (a threat); checked in the clause of the match (cues.yaml threat_mode).
_THREAT_CUES = _cue_tuple("threat_mode")
#: A borrower telling what happened ("他们…", "我家…", "昨天…") rather than a collector writing to them
#: (cues.yaml narrative).
_NARRATIVE_CUES = _cue_tuple("narrative")


#: Any labelled transcript line ("[09:10] 催收：…", "邓某：…"): group 1 is the speaker.
_TURN = re.compile(r"(?m)^(?:\[[^\]\n]*\])?([^\n:：\[\]“”\"]{1,6}?)[:：][^\n]*")
#: Speakers on the collecting side ("催收小王", "坐席", "外访员甲", a scammer's "陌生人"). An unnamed "对方" stays
#: with the collector (a call handed to a fake "bailiff" is 对方 after 催收), never excluded.
_COLLECTOR_SPEAKER = re.compile(r"^(?:催收|催|坐席|客服|外访|法务|专员|业务员|债主|陌生人|陌生号|诈骗)")
#: Speakers who are not the collector: the borrower, a guarantor, relatives, colleagues and employers, a person
#: named as 张某/王先生/周某某, a group owner.
_OTHER_SPEAKER = re.compile(
    r"^(?:我|借款人|债务人|本人|朋友|客户|用户|保证人|担保人|联系人|紧急联系人|家属|妻子|老婆|老公|丈夫|媳妇|爸|妈|爸爸|妈妈|父亲|母亲"
    r"|儿子|女儿|哥|姐|弟|妹|表哥|表姐|表弟|表妹|堂哥|老人|奶奶|爷爷|同事|同学|室友|邻居|hr|前台|老板|领导|主管|群主|业主"
    r"|[\u4e00-\u9fff]某{1,2}|[\u4e00-\u9fff](?:先生|女士|小姐|总|经理|老师|哥|姐))$")


def _has_collector_turn(text: str) -> bool:
    """A transcript with a labelled collector-side turn ("催收：…", "对方：…"): its words are direct speech, each with its
    own mode ("催收：今天晚上还不还，这张图就会出现在你们学校的表白墙上" is a threat), not a first-person account."""
    return ":" in text and any(_COLLECTOR_SPEAKER.match(m.group(1)) or m.group(1) == "对方" for m in _turns(text))


def _turns(text: str) -> list[re.Match[str]]:
    """`list(_TURN.finditer(text))`, found by matching at each line start only: a turn starts at a line start and
    never crosses a line break, so these are the same matches, and `re` does not try `^` at every other position (a
    100-character line costs a tenth)."""
    out: list[re.Match[str]] = []
    ls = 0
    while True:
        m = _TURN.match(text, ls)
        if m is not None:
            out.append(m)
        ls = text.find("\n", ls) + 1
        if not ls:
            return out


def non_collector_turns(text: str) -> list[tuple[int, int]]:
    """[start, end) of the transcript lines not spoken by the collector (a thread is judged on the collector's words):
    the borrower's own lines always; other people's lines (a named borrower, a relative, an employer) when a
    collector-side speaker is labelled in the same text."""
    turns = [(m.group(1), m.start(), m.end()) for m in _turns(text)]
    if not turns:
        return []
    collector = any(_COLLECTOR_SPEAKER.match(who) for who, _, _ in turns)
    out: list[tuple[int, int]] = []
    for who, s, e in turns:
        if who in ("我", "借款人", "债务人", "本人", "朋友") or (
                collector and not _COLLECTOR_SPEAKER.match(who) and _OTHER_SPEAKER.match(who)):
            out.append((s, e))
    return out


#: Reported speech before a match ("他说我已经上了征信，是真的吗"): the words were said, the question is about them.
_REPORTED = re.compile(r"说我|说你|原话|跟我说|告诉我|发的|发来")
#: A collector-side speaker and a verb of saying before the match ("对方说如果再不还…", "那个催收员说要是…", "他们客服讲…"):
#: the condition after it (如果, 要是) is the collector's, not the borrower's hypothesis (`hypothetical_question`).
_SPEAKER_SAID = re.compile(r"(?:对方|催收|催债|要债|讨债|收账|客服|外访|法务|专员|业务员|债主|坐席)[^，,。！？!?；;\n]{0,5}?"
                           r"(?:说|讲|称|扬言|放话|威胁)")
#: A question whether something was lawful, not whether it is true or will happen ("是真的吗", "会不会").
_LAWFULNESS_Q = re.compile(r"合法|违法|违规|犯法|算骚扰|算威胁|算恐吓|算不算|这算|报警|投诉|正常吗|过分吗|允许吗|可以这样|能这样"
                           r"|侮辱|诽谤|威胁|恐吓|骚扰|侵权|隐私|敲诈|告他|告他们|起诉他|维权|要求赔")


def _asked_after(questions: re.Pattern[str], text: str, cs: int, ce: int, e: int) -> bool:
    """The match is followed, in a later comma segment, by a question whether it was lawful ("催收说不还就打断你的腿，
    这合法吗？"), and no question word comes before or in the match's own segment: the borrower reports words or
    acts and asks about them, and a report of collector conduct keeps its labels (README-check convention 8).
    "会不会爆通讯录？" and "……派人上门，是真的吗" (whether it will happen) stay questions."""
    seg_end = min((i for i in (text.find("，", e, ce), text.find(",", e, ce)) if i != -1), default=ce)
    return seg_end < ce and questions.search(text, cs, seg_end) is None and _LAWFULNESS_Q.search(text, seg_end, ce) is not None


#: Acts lawful in principle when announced (README-check convention 8: "他们说要上门是真的吗"): a visit, a contact of
#: the designated contact. What makes one unlawful in itself, anywhere in its sentence (`_UNLAWFUL_SPEC`): the workplace
#: or school, the night, a crowd, staying or blocking, posters and paint, taking things, repetition, people beyond the
#: designated contact, menace ("不还钱就别想安生").
_LAWFUL_ACT = re.compile(r"上门|外访|家访|拜访|走访|来我家|到我家|去我家|来家里|紧急联系人")
_UNLAWFUL_SPEC = re.compile(
    r"单位|我公司|你公司|我们公司楼|公司门口|公司楼下|学校|领导|同事|晚上|半夜|凌晨|夜里|深夜|点以后|天天|每天|一直|所有|全部|挨个"
    r"|通讯录|爸妈|父母|家人|亲戚|朋友|老家|带人|叫人|兄弟|一帮|一群|几个人|堵|闹|坐|守|蹲|住(?!址)|不走|为止|横幅|贴|大字报|喇叭|喊|漆|喷|砸|踹|搬|抵债|换锁|闯|强行|进屋"
    r"|骂|打你|打我|收拾|教训|好看|后果|别想|安生|等着|小心|老实|走着瞧")
#: An act announced for later in the match's phrase.
_ANNOUNCED = re.compile(r"要|会|将|准备|打算|安排|下周|明天|过几天|改天|近期|过两天")
_PRINCIPLE_CATEGORIES = frozenset({"unlawful_visit", "third_party_contact"})
#: The act already done in the match's phrase (`_DONE`, but 过两天/过几天 is "in a few days").
_DONE_ACT = re.compile(r"已经|已|了|过(?!来|去|两天|几天|一阵|段时间|些天)")


def _lawful_in_principle(rule: Rule, text: str, s: int, e: int, cs: int, ce: int) -> bool:
    """The match reports an act lawful in principle, announced for later: a visit, or a contact of the emergency
    contact, with nothing in its sentence that makes it unlawful in itself ("催收说下周要派人上门，他们可以这样吗？",
    "催收说要联系我的紧急联系人，他们能这样做吗？"). A borrower asking whether such an announcement is lawful reports
    nothing unlawful (convention 8; twenty annotators): the question takes it back although reported speech comes
    before it or a lawfulness question after it, which keep reports of acts unlawful in themselves ("催收说要打到我
    单位…这合法吗", "催收说晚上带人上门，这合法吗"). Rules that describe a menacing visit (`also: [intimidation]`:
    banners, paint, blocking the door) never describe such an act."""
    if rule.category not in _PRINCIPLE_CATEGORIES or rule.also:
        return False
    ps, pe = _comma_phrase(text, cs, ce, s, e)
    return _LAWFUL_ACT.search(text, ps, pe) is not None and _UNLAWFUL_SPEC.search(text, cs, ce) is None \
        and _ANNOUNCED.search(text, ps, e) is not None and _DONE_ACT.search(text, ps, pe) is None


#: A collector-side speaker and a verb of saying or claiming before the match in its sentence ("催收说要爆我通讯录",
#: "那个客服扬言要…", "对方放话…", "他们说要来我家泼油漆"): the borrower reports words that were said.
_SAID_BY_COLLECTOR = re.compile(
    r"(?<![我听])(?:他们|他|她|对方|催收|催债|要债|讨债|收账|客服|外访|法务|专员|业务员|债主|坐席|那边|那人|那个人|这人|此人)"
    r"[^，,。！？!?；;\n]{0,8}?(?:说|讲|称|扬言|放话|威胁|声称|表示|警告|发话)")
#: The borrower's own fear, hypothesis or hearsay before the speaker ("万一催收说要…", "听说催收说…", "网上有人说…").
_NOT_A_REPORT = re.compile(r"怕|担心|担忧|万一|假如|如果|要是|假设|听说|听人|网上|有人")
#: What makes a reported contact or disclosure unlawful in its kind, in the match's phrase: the whole address book,
#: everyone, the workplace, relatives and friends, a group or a public channel (taxonomy 2.4 / 2.5); the designated
#: contact alone ("联系我的紧急联系人") is lawful in principle and stays taken back.
_UNLAWFUL_REACH = re.compile(r"通讯录|联系人都|所有|全部|挨个|每个|同事|领导|单位|公司|亲戚|朋友|同学|群|网上|抖音|快手|微博|贴|曝光|公开|公布")
#: Categories no announcement makes lawful: harm, insults, exposing personal data.
_UNLAWFUL_IN_KIND = frozenset({"violence_threat", "insult_defamation", "privacy_exposure"})


def _collector_said(text: str, cs: int, e: int) -> re.Match[str] | None:
    """The collector-side speaker and verb of saying before text[:e] in its sentence from cs (`_SAID_BY_COLLECTOR`),
    unless the borrower frames it as a fear, hypothesis or hearsay (`_NOT_A_REPORT`): the borrower reports words said."""
    said = _SAID_BY_COLLECTOR.search(text, cs, e)
    if said is None or _NOT_A_REPORT.search(text, cs, said.start()):
        return None
    return said


def _reported_unlawful(rule: Rule, text: str, s: int, e: int, cs: int, ce: int, questions: re.Pattern[str]) -> bool:
    """The borrower reports that a collector said or threatened an act unlawful in its kind, then asks about it
    ("催收说要爆我通讯录，是真的吗？", "他们说要来我家泼油漆，会不会真的来？"): README-check convention 8 gives the
    reported words their labels; only "something that may happen … lawful in itself" (a visit, a lawsuit, the
    emergency contact: `_lawful_in_principle`) is a question. Unlawful in kind: harm, insults, personal data
    (`_UNLAWFUL_IN_KIND`), a menacing act (a rule with `also`, e.g. paint, blocking the door), or a contact or disclosure
    that reaches the address book, the workplace, relatives or the public (`_UNLAWFUL_REACH` in the match's phrase).
    False legal claims, fees and visits are left to the question: the read sets gold most reported credit reports,
    lawyer's letters and visits asked about as compliant. The match must lie in the reported words, not in the
    borrower's question after them ("客服说可以办停息分期，这是真的还是骗子？": 骗子 is the borrower's word)."""
    said = _collector_said(text, cs, e)  # (rules of reported speech match the speaker too)
    if said is None or questions.search(text, said.end(), s):
        return False
    if rule.category in _UNLAWFUL_IN_KIND or rule.also:
        return True
    if rule.category in ("third_party_contact", "debt_disclosure"):
        ps, pe = _comma_phrase(text, cs, ce, s, e)
        return _UNLAWFUL_REACH.search(text, max(ps, said.end()), pe) is not None
    return False


#: A question put to the reader ("你是不是觉得我们找不到你？", "你能不能帮我们劝劝他？", or quoted words said to the
#: borrower, "催收打给我说“……你也得还”，这是真的吗"): the collector's rhetoric, a request, or the collector's words,
#: not a borrower asking whether something is true or lawful. 你们 (a borrower writing to the platform), 你好 and
#: 你说 (asking a friend's opinion) are excepted.
_ADDRESSED = re.compile(r"你(?![们好说])")


#: Hearsay negators ("听说催收会上门") that, followed by 你, are the writer telling the reader what they heard about
#: him ("听说你在外面还有好几个平台没还，……现在全网都知道你是老赖"): the collector's words, no disclaimer.
_HEARSAY = frozenset({"听说", "听别人说", "有人说", "网上说", "网上有人说"})


#: Clause negators that are plain negation words: they deny the verb of their own phrase, so in a chat line they
#: stop at a spacing pause. Warnings and declarations (请勿相信, 承诺, 严禁, 无权, 没说要 …) reach the whole sentence.
_PLAIN_NEGATION = frozenset({"不会", "绝不会", "唔会", "不得", "从不", "从来不", "从未", "没人会", "没有人会"})


#: Warnings whose object follows them in the same comma phrase ("别信那些让你转个人账户的"): after a comma the
#: sentence goes on to something else ("别信什么法律援助，明天我们就带人上门找你" is a threat).
_OBJECT_WARNING = frozenset({"别信", "别相信", "不要信"})
#: legalfix12a (legal review 9, D1): 请勿 + a payment imperative ("请勿心存侥幸", "请勿拖延") presses the reader to pay; it
#: denies nothing, so it is no negator of the threat beside it ("请勿心存侥幸，今晚会有人去你家门口守着")
_PAYMENT_IMPERATIVE = re.compile(r"心存侥幸|抱有侥幸|拖延|逃避|置之不理|再拖|忽视")
_COMMA = re.compile(r"[，,；;]")


def _comma_phrase(text: str, cs: int, ce: int, s: int, e: int) -> tuple[int, int]:
    """[start, end) of the comma phrase of text[s:e] inside its sentence [cs, ce)."""
    m = None
    for m in _COMMA.finditer(text, cs, s):  # noqa: B007 - the last comma before the match
        pass
    m2 = _COMMA.search(text, e, ce)
    return (m.end() if m is not None else cs), (m2.start() if m2 is not None else ce)


#: A comma phrase in which the writer's side states an act already done ("，我们已经报案说你诈骗了"): after a threat it
#: tells a second act, and a rule's `unless` words before it (the threat's exception) do not reach a match in or after
#: it (`Matcher._unless_in`). 已经 of a plan (已经准备, 已经打算) tells none.
_DONE_AFTER = re.compile(r"(?<=[，,])(?:我们|我|他们)(?:也|还)?已经(?!准备|打算|决定|考虑)")
#: An additive phrase that pursues people for the money ("，也会直接找他们要钱", "，还要去找你爸妈"): after an exception
#: word it says the exception (起诉他们) was not the whole of what the writer will do to them.
_ADDITIVE_PURSUIT = re.compile(r"(?<=[，,])(?:也|还|又|而且|同时|另外|甚至|我们也|我们还)(?:会|要|将|得)[^，,。！？!?；;\n]{0,6}?"
                               r"(?:找|联系|打给|打电话给)(?:他们|她们|他|她|你爸妈|你父母|你家人|你家里人|你亲戚|你朋友|你同事|你领导)")
#: A comma phrase that menaces the debtor's whole family ("我们会依法起诉你，你全家都别想好过", "…让你一家老小都不得
#: 安生"): a lawful step (起诉, 诉讼, 依法) is taken against the debtor alone, so an exception word in another phrase does
#: not reach a match in this one (legal review of the ninth session: both lines were compliant).
#: `_ADDITIVE_PURSUIT` from its comma: `_ADDITIVE_PURSUIT.search(text, pos, end)` finds a match exactly when this finds one
#: with `search(text, max(pos - 1, 0), end)` (the comma is the character before the match), and, starting with a class,
#: it lets `re` scan for the comma in C (a leading lookbehind makes it try every position)
if not _ADDITIVE_PURSUIT.pattern.startswith("(?<=[，,])"):  # pragma: no cover - an edit of the expression above
    raise ValueError("_ADDITIVE_PURSUIT must start with (?<=[，,]) (see _ADDITIVE_PURSUIT_AT)")
_ADDITIVE_PURSUIT_AT = re.compile("[，,]" + _ADDITIVE_PURSUIT.pattern.removeprefix("(?<=[，,])"))


def _additive_pursuit(text: str, pos: int, end: int) -> bool:
    """`_ADDITIVE_PURSUIT.search(text, pos, end) is not None`."""
    return _ADDITIVE_PURSUIT_AT.search(text, pos - 1 if pos else 0, end) is not None


_FAMILY_MENACE = re.compile(r"(?:全家|一家老小|一家子|一家人|家里人|家人|全家老小|老婆孩子|老婆娃|爹妈|爸妈|父母|老小)"
                            r"[^，,。！？!?；;\n]{0,6}?(?:别想|休想|不得安生|不得安宁|遭殃|倒霉|好看|完蛋|陪葬|死光|没好果子|"
                            r"没有好果子|没好日子|好日子过|等着瞧|跟着受罪|跟着遭罪)")
#: A comma phrase that pictures a mishap to come ("您这么大岁数了可得注意身体啊，别哪天出门让车给撞了"): care words in another
#: phrase (注意身体, 早点休息: the violence category's `unless`) are the threat's lead-in, so they do not reach a match in this one
#: (precision12b; legal reviews 5-8's most common H defect, an exception reaching the threat beside it; W0111).
_MISHAP_PICTURED = re.compile(r"(?:别|小心|保不准|说不定|指不定|万一|没准)哪天|(?:让|被)(?:车|人)给?(?:撞|打|捅|砍)")


#: A contrastive turn ("律师函是真的，但你不还我就去你单位闹", "我们是正规机构，不过你再拖我就找人收拾你"): what comes
#: after it is a second statement, so a rule's `unless` words before it (the first statement's) do not reach a match
#: after it (`Matcher._unless_in`). The two-character conjunctions count anywhere in the sentence, single 但/可 and
#: 只是 only at the start of a comma phrase (但凡, 可以, 可惜 are none). Conditional turns (否则, 不然, 再不…就, 要是…就)
#: were measured and left out: an exception that names who speaks or what is held ("我是派出所的民警，…不然明天我们
#: 直接去你单位带人", "你的裸照我们手里也有，再不还就发到网上去") still holds across them (docs/check.md, engine10).
_TURN_CONTRAST = re.compile(r"但是|不过(?!分|是|如此|几|两|三|一|才|就|问)|可是|然而|[，,；;](?:但|可(?![以能是惜怜])|只是)")
#: ... but not a turn to the debtor's continuing default ("判决已生效，但你仍拒不履行，我们将申请强制执行") or to a
#: judgment ("欠钱本身不会坐牢，但拒不执行判决情节严重的可能构成犯罪"): the exception is the premise of what follows, or
#: what follows is the lawful order's own qualification.
_DEFAULT_GOES_ON = re.compile(r"(?:你|您)(?:们)?(?:仍|仍然|还是|依然|依旧|一直|始终|迟迟)(?:不|未|没|拒)")
_TO_JUDGMENT = re.compile(r"[^，,。！？!?；;\n]{0,10}?(?:判决|裁定)")
#: The continuing default keeps the exception only after a court's order (判决已生效, 调解书, 执行通知): "我们从不暴力催收，
#: 但你一直不还，我就让人打断你的腿" names no order, and its turn ends the negation as "但你再不还" does (legal review 7).
_LAWFUL_PREMISE = re.compile(r"判决|裁定|裁决|调解书|执行通知|生效")


@lru_cache(maxsize=256)
def _has_turn(text: str) -> bool:
    """Whether a contrastive turn may be in the text at all (cached: asked for every span of a message). The `in`
    tests first: every turn holds 但, 可, 不过, 然而 or 只是, and `re` would test its class at every position."""
    return ("但" in text or "可" in text or "不过" in text or "然而" in text or "只是" in text) \
        and _TURN_CONTRAST.search(text) is not None


def _turn_before(text: str, start: int, s: int) -> int:
    """Where the last contrastive turn in text[start:s] begins (`_TURN_CONTRAST`; not one to the debtor's continuing
    default, `_DEFAULT_GOES_ON`), else `start`."""
    at = start
    if not _has_turn(text):
        return at
    for m in _TURN_CONTRAST.finditer(text, start, s):
        if _TO_JUDGMENT.match(text, m.end()) is not None:
            continue
        if _DEFAULT_GOES_ON.match(text, m.end()) is not None and _LAWFUL_PREMISE.search(text, start, m.start()):
            continue
        at = m.start()
    return at


def _negator_before(negators: re.Pattern[str], text: str, start: int, end: int, phrase: int | None = None) -> bool:
    """A clause negator (cues.yaml `clause_negators`) in text[start:end], hearsay put to the reader excepted, and a
    plain negation word only from `phrase` (the start of the match's phrase after a spacing pause) on."""
    for m in negators.finditer(text, start, end):
        if m.group(0) in _HEARSAY and _ADDRESSED.match(text, m.end()):
            continue
        if phrase is not None and m.start() < phrase and m.group(0) in _PLAIN_NEGATION:
            continue
        if m.group(0) in _OBJECT_WARNING and _COMMA.search(text, m.end(), end):
            continue
        if m.group(0) == "请勿" and _PAYMENT_IMPERATIVE.match(text, m.end()) is not None:
            continue
        return True
    return False


#: The writer names themself right before an insult word ("我真是个sb", "我简直就是个废物"): self-reproach, not an
#: insult to anyone (insult_defamation needs a target other than the writer). Not after 说/骂/叫 …: "说我是老赖" reports
#: the collector calling the writer a name.
_SELF_NAMED = re.compile(r"(?<![说骂叫称喊讲写道把将被当成])我(?:自己)?(?:真|就|真的|简直|简直就|也|真就|纯纯|纯粹)?(?:是|像|成了)(?:个|一个|只|条)?$")


#: The company disowns the matched words right after them, in their own comma phrase ("催收提到的“外访费”并非我司收费
#:项目"); before them or in a later phrase it says nothing of them ("这个号并非我司客服，但你转到我个人卡上").
_DISOWNED = re.compile(r"并非我司|不是我司的")


def _disowned(text: str, e: int, ce: int) -> bool:
    m = _COMMA.search(text, e, ce)
    return _DISOWNED.search(text, e, m.start() if m else ce) is not None


#: How many spacing pauses a borrower's question at the end of a chat line reaches back over.
QUESTION_REACH = 2


def _question_start(breaks: tuple[int, ...], e: int, ce: int, cs: int) -> int:
    """Where the question ending the clause [cs, ce) counts from, in a chat line with spacing pauses: the whole
    clause when at most QUESTION_REACH pauses lie between the match and the question ("催收说要爆我通讯录 是真的吗");
    else nowhere (returns ce): words further back ("他发了张图 是“逮捕令” …… 我吓得手都在抖 这是真的吗") are a
    report the question does not take back."""
    if not breaks:
        return cs
    j = bisect_left(breaks, e)  # pauses after the match, before the clause end
    after = [b for b in breaks[j:] if b < ce]
    if len(after) > QUESTION_REACH:
        return ce  # the question is too far from the match: no question over it
    return cs


#: How a negation that reaches over a spacing pause ends: with a modal or an auxiliary, or a negation word that needs
#: its verb ("我们绝对不会 爆你通讯录", "我们没有 上门"). A negation that ends its own phrase does not: a tag question
#: ("起来了没 老赖", "收到了没有 你这个"), bare 不 ("还钱不 老赖"), or a negated full verb ("18点前不转 你自己看着办",
#: "卡冻了不说 你爸妈的卡也冻").
_NEEDS_VERB = re.compile(r"(?:(?<![了过完好到着])(?:没有|没)|会|要|能|可能|得|敢|想|打算|准备|再|将|曾|主动|随意|私自|擅自|任何|额外"
                         r"|不得|不能|绝不|决不|从不|从未|并未|未|别|严禁|禁止|不必|不用|无需|无须|不需要|用不着|不可能)$")


def _negation_over(text: str, b: int, cs: int) -> bool:
    """A negation ends right at the spacing pause `b` and governs the phrase after it (`_NEEDS_VERB`)."""
    w = text[max(cs, b - 8):b]
    return _negation(w, 0, len(w)) is not None and _NEEDS_VERB.search(w) is not None


def _negated_before(text: str, breaks: tuple[int, ...], s: int, cs: int) -> bool:
    """A negator right before the match (`_NEGATED`, at most 8 characters back in its clause), not one that ends its
    own phrase at a spacing pause in between (`_negation_over`)."""
    w0 = max(cs, s - 8)
    m = _negation(text, w0, s)
    if m is None:
        return "、" in text and _negated_list(text, s, cs)
    if breaks:
        for b in breaks[bisect_right(breaks, m.start()):bisect_right(breaks, s)]:
            if not _negation_over(text, b, cs):
                return False
    return True


#: A bare 不 before a verb is often no denial of an act but a purpose or a promise on a condition ("要想不留案底，得交
#: 五千", "不发到你们公司群，但是你得给我五百"): only a firmer denial (没有, 不会, 从不 …), or 不 after the writer's side
#: named at the head of its phrase ("我们不上门、爆通讯录"), reaches words inside or after the denied words.
_BARE_NOT = re.compile(r"不(?![会要得能可是存涉产必用需])")
_DENYING_SUBJECT = re.compile(r"(?:我们|我司|本公司|本平台|平台|公司|本人|我|咱们){1,2}(?:也|都|绝对|从来|一律|一直|向来|保证|承诺)?$")


def _firm_denial(text: str, s: int, e: int) -> bool:
    """The negation right before text[s:e] (`_negation`) is firmer than a bare 不, or a bare 不 right after the
    writer's side at the head of its phrase."""
    w0 = max(0, s - 8)
    m = _negation(text, w0, s)
    if m is None:
        return _negated_list(text, s, 0)
    return _denies(text, m, max(text.rfind(ch, 0, m.start()) for ch in "，,；;：:。！？!?、\n") + 1)


def _denies(text: str, m: re.Match[str], head: int) -> bool:
    """The negation `m` is a firm denial, or a bare 不 right after the writer's side named at `head`, the start of
    its phrase (`_BARE_NOT`, `_DENYING_SUBJECT`)."""
    return _BARE_NOT.match(m.group(0)) is None or _DENYING_SUBJECT.fullmatch(text, head, m.start()) is not None


#: The items of a list joined by 、 (and 或/和/及 before the last): one negation before the first item denies every
#: item ("我们不会上门、爆通讯录或骚扰家人", "从没有打过你领导、同事的电话").
_LIST_ITEM = re.compile(r"、(?:或者|或|和|及|以及|还有)?$")
_LIST_HEAD = re.compile(r"[，,；;：:]")
#: ... but an item told with a time or "directly" is what the writer will do instead of the denied first item ("我们没工夫
#: 跟你耗、今晚就上门、找你爸妈", "我们不会再提醒你、明天直接爆通讯录"): the list no longer shares the negation (legal review 7).
_LIST_GOES_ON = re.compile(r"、(?:[^、，,。！？!?；;]{0,4}?)(?:直接|马上|立刻|立马|今晚|今天|明天|明早|改为|而是|就)")


def _negated_list(text: str, s: int, cs: int) -> bool:
    """The match text[s:] begins a later item of a 、-list (`_LIST_ITEM` right before it, no comma in the list) and a
    negator stands right before the list's first item (`_NEGATED`, searched at the start of each earlier item)."""
    if _LIST_ITEM.search(text, max(cs, s - 4), s) is None:
        return False
    head = cs
    for m in _LIST_HEAD.finditer(text, cs, s):
        head = m.end()
    k = text.find("、", head, s)
    if k == -1:
        return False
    if _LIST_GOES_ON.search(text, k, s) is not None:  # a later item told as what will be done instead
        return False
    # the first item ends at the first 、: the negation must stand before one of its words, at most 8 characters
    # before that 、 (`_NEGATED` needs only auxiliaries between the negator and the item)
    for i in range(max(head, k - 8), k):
        m = _negation(text, max(head, i - 8), i)
        if m is not None and _denies(text, m, head):
            return True
    return False


def _phrase_start(text: str, breaks: tuple[int, ...], s: int, cs: int) -> int | None:
    """The last spacing pause at or before `s` inside the clause starting at `cs` (None: none); a pause right after
    a negation that needs its verb ("我们绝对不会 爆你通讯录") does not count, the negation belongs to the next
    phrase (`_negation_over`)."""
    i = bisect_right(breaks, s)
    while i and breaks[i - 1] > cs:
        b = breaks[i - 1]
        if not _negation_over(text, b, cs):
            return b
        i -= 1
    return None


#: The writer (not 我们/我司, nor Cantonese 我哋/我地 "we": "你系咪当我哋傻㗎？" is the collector's rhetoric).
_FIRST_PERSON = re.compile(r"我(?![们司哋地])")


def _in_quotes(text: str, pos: int) -> bool:
    return text.rfind("“", 0, pos) > text.rfind("”", 0, pos)


def _put_to_reader(text: str, start: int, end: int) -> bool:
    """The question in text[start:end] is put to the reader (`_ADDRESSED`): 你 inside quoted words (the collector's,
    quoted by the borrower), or 你 in the writer's own words that say nothing of the writer (我): "你是不是觉得我们
    找不到你？" is rhetoric, "你觉得他们真的会爆我通讯录吗？" a borrower asking a friend."""
    mine = False
    addressed = False
    for m in _ADDRESSED.finditer(text, start, end):
        if _in_quotes(text, m.start()):
            return True
        addressed = True
    if not addressed:
        return False
    for m in _FIRST_PERSON.finditer(text, start, end):
        if not _in_quotes(text, m.start()):
            mine = True
            break
    return not mine


def _in_collector_turn(text: str, pos: int) -> bool:
    """`pos` lies in a labelled transcript turn of the collecting side ("催收：…", "坐席：…", "对方：…")."""
    ls = text.rfind("\n", 0, pos) + 1
    m = _TURN.match(text, ls)
    return m is not None and (m.group(1) == "对方" or _COLLECTOR_SPEAKER.match(m.group(1)) is not None)


_NARRATIVE_RX = re.compile("|".join(re.escape(c) for c in _NARRATIVE_CUES))


def _any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression that is found in a text exactly when one of `words` is in it (None: no words, or an empty
    word, which is in every text; callers fall back to `any(w in text ...)` then)."""
    if not words or not all(words):
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _found(rx: re.Pattern[str] | None, words: Any, text: str) -> bool:
    """Whether one of `words` is in `text`, with their `_any_of` expression when there is one."""
    if rx is not None:
        return rx.search(text) is not None
    return any(w in text for w in words)


_THREAT_RX = _any_of(_THREAT_CUES)


#: Words that hold a threat cue without announcing anything (legal review 6 D21): the debt named as a matter told
#: (欠钱不还的事: 不还) and a committee's name (村委会, 居委会, 调解委员会: 会). "我们已经把你欠钱不还的事通报给你们村委会了"
#: reports a disclosure done, not a threatened one. Not "欠钱不还的人/的，少个手指头" (d0056, k0271: the threat itself).
_DEFAULT_DESCRIBED = re.compile(r"(?:欠钱|欠款|欠债|欠账|借钱|借款|欠了钱)不还的(?:事|这件事|情况)|村委会|居委会|委员会|业委会")


def _has_threat_cue(clause: str) -> bool:
    if "不还的" in clause or "委" in clause:  # one is in every match of `_DEFAULT_DESCRIBED` (the `in` tests: its `sub`
        clause = _DEFAULT_DESCRIBED.sub("", clause)  # tries every position of the clause)
    if _THREAT_RX is not None:
        return _THREAT_RX.search(clause) is not None
    return any(c in clause for c in _THREAT_CUES)


#: Joking between friends with no word of a debt (`Matcher._banter`) discloses no debt either: "谁借了我的充电宝还没还😂
#: 赶紧还回来，不然发到家族群里公开处刑哈哈哈" posts nobody's debt (a debt-free look-alike of the fourth session).
_BANTER_ALSO = frozenset({"debt_disclosure"})


#: Categories a court's own procedural notice without a red flag cannot establish (`court_notice`).
_COURT_SCOPED = frozenset({"impersonation", "false_legal_threat"})


@dataclass(frozen=True)
class ScopeCues:
    """The fourth session's lawful-scope cue lists (cues.yaml, after the Cues fields): read here, not through
    `metadata.Cues`, so that the rules engine owns its own scope tests."""

    court_name: tuple[str, ...]
    court_procedure: tuple[str, ...]
    court_red_flags: tuple[str, ...]
    court_red_flag_rx: re.Pattern[str]
    hypothetical: tuple[str, ...]
    group_address: tuple[str, ...]
    collection_context: tuple[str, ...]
    disclaimer_rx: re.Pattern[str]
    service_domain: tuple[str, ...]
    legal_context: tuple[str, ...]
    #: 欠 of the service itself ("拖欠物业费", "欠了两年物业费"): 欠 shortly before a `service_domain` word
    service_owed_rx: re.Pattern[str]
    #: a warning's voice, the unnamed agent of the act warned of, and a report of the act done (`warned_clauses`)
    warning_voice_rx: re.Pattern[str]
    warning_agent_rx: re.Pattern[str]
    warning_report_rx: re.Pattern[str]
    #: an authority's or a newspaper's header at the start of the message (银保监提醒：, 记者调查：, 新闻：), matched there
    warning_header_rx: re.Pattern[str]
    #: legalfix12a: a threat's own words in a sentence (no warning there unless an impostor is named in it)
    warning_threat_rx: re.Pattern[str]
    warning_impostor_rx: re.Pattern[str]


@lru_cache(maxsize=1)
def scope_cues() -> ScopeCues:
    from xiezhi.collection.metadata import cues_data

    data = cues_data()

    def words(key: str) -> tuple[str, ...]:
        return tuple(k for w in data.get(key, ()) if (k := normalise_pattern(str(w))))

    def regex(key: str) -> re.Pattern[str]:
        return re.compile(data.get(key) or r"(?!x)x")  # a cue left out matches nothing

    service = words("service_domain")
    return ScopeCues(words("court_name"), words("court_procedure"), words("court_red_flags"),
                     regex("court_red_flag_regex"), words("hypothetical"),
                     words("group_address"), words("collection_context"),
                     regex("scope_disclaimer_regex"), service,
                     words("legal_context"),
                     re.compile("欠(?=[^，,。！？!?；;]{0,6}(?:" + "|".join(map(re.escape, service)) + "))"),
                     *map(regex, ("warning_voice_regex", "warning_agent_regex", "warning_report_regex",
                                  "warning_header_regex", "warning_threat_regex", "warning_impostor_regex")))


#: What a service fee's words still establish (legal review 3, D1): an unpaid fee is a debt too, and the articles that
#: protect the person do not ask what kind of debt it is: insults and shaming (民法典1024), exposing personal data
#: (个人信息保护法25), and cutting water or power to force payment (民法典 第九百四十四条第三款: 物业服务人不得采取停止供电、
#: 供水…等方式催交物业费; 软暴力意见二 断水断电). Loan-specific categories (fees, legal threats, third-party contact …) stay cancelled.
SERVICE_FEE_KEEP: frozenset[str] = frozenset({"violence_threat", "insult_defamation", "privacy_exposure"})
SERVICE_FEE_KEEP_RULES: frozenset[str] = frozenset({"in-utility-cutoff"})


@dataclass(frozen=True)
class _ScopeRx:
    """`ScopeCues`' word lists as one expression each (`_any_of`; None: fall back to `any(w in text ...)`), so that
    the message-wide scope tests are one C search per list instead of a generator over its words."""

    court_name: re.Pattern[str] | None
    court_procedure: re.Pattern[str] | None
    court_red_flags: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None
    group_address: re.Pattern[str] | None
    collection_context: re.Pattern[str] | None
    collection_or_legal: re.Pattern[str] | None
    service_domain: re.Pattern[str] | None


@lru_cache(maxsize=1)
def _scope_rx() -> _ScopeRx:
    c = scope_cues()
    return _ScopeRx(_any_of(c.court_name), _any_of(c.court_procedure), _any_of(c.court_red_flags),
                    _any_of(c.hypothetical), _any_of(c.group_address), _any_of(c.collection_context),
                    _any_of((*c.collection_context, *c.legal_context)), _any_of(c.service_domain))


#: A court or a legal paper named in the message (a court name, 传票, 起诉状, 律师函 …): a 快递 in it is how the paper
#: travels (民事诉讼法 第九十一条 allows service by post), not a delivery whose fee is owed, so the delivery does not make
#: the message a service-fee dispute (`service_fee`): "今天收到一个快递，打开一看是一张法院传票，但是公章模模糊糊的"
#: keeps what the rules find.
_LEGAL_PAPER = re.compile(r"传票|起诉状|应诉通知|举证通知|判决书|裁定书|执行通知|律师函|仲裁通知|法律文书|诉讼材料|法院")


def service_fee(text: str) -> bool:
    """A fee, deadline or sanction of a service that is no loan (rent, parking, property, a delivery, a second-hand
    deal: cues.yaml `service_domain`) in words that name no loan (`collection_context` or 逾期; 欠缴, 欠费, 催缴 and
    欠 before the service word name unpaid fees, not loans): no loan collection, so the loan-specific categories go and the
    person's protections stay (`SERVICE_FEE_KEEP`, `Matcher.hits_of`; an unpaid fee is a debt too, 民法典944). Fourth session's
    debt-free look-alikes: "您家车位管理费还没交哦", "车牌已列入本停车场黑名单", "再不付款我就取消交易了"."""
    c, rx = scope_cues(), _scope_rx()
    if not _found(rx.service_domain, c.service_domain, text):
        return False
    if "快递" in text and _LEGAL_PAPER.search(text) is not None:
        text = text.replace("快递", "")
        if not _found(rx.service_domain, c.service_domain, text):
            return False
    rest = text.replace("欠缴", "").replace("欠费", "").replace("催缴", "")
    if "欠" in rest:  # 欠 of the service itself ("拖欠物业费", "欠了两年物业费")
        rest = c.service_owed_rx.sub("", rest)
    return "逾期" not in rest and not _found(rx.collection_context, c.collection_context, rest)


#: One character of every alternative of cues.yaml `warning_voice_regex` (谨防, 警惕, 别信, 请勿, 上当, 骗子, 吓唬, 均非, 挂断,
#: 别点, 报警, 举报, 投诉, 核实; precision12b: 拨打110): a message without any of them and without a notice's header at
#: its start (`warning_header_regex`, matched only there) has no warning voice, so the expression is not run
#: (`tests/test_check_precision12.py` checks the gate against the expression's words).
_WARNING_GATE = re.compile("[谨警信勿当骗吓非挂点报举投核拨]")


def warned_clauses(text: str, ends: list[int] | None = None) -> list[tuple[int, int]]:
    """The sentences of an anti-fraud warning or a platform notice that name an impostor's or a collector's unlawful act
    in order to warn the reader ("最近有人打着我们客服的旗号…让您先转钱。遇到这种请直接挂断", "任何要求您向个人账户还款…
    的来电均非本行行为", "在此提醒各位：催收说的“坐牢”“上门抓人”都是吓唬人的"): the message has the warning's voice
    (cues.yaml `warning_voice_regex`, or an authority's or a newspaper's header at its start, `warning_header_regex`:
    "记者调查：", "社区民警讲座："), reports no act done to anyone and asks no money for the writer
    (`warning_report_regex`), and the sentence gives the act to someone unnamed or to anyone (`warning_agent_regex`).
    No rule or classifier finding comes from such a sentence (`Matcher.hits_of`); the other sentences of the message
    are judged as before. [] when the message is no such warning."""
    c = scope_cues()
    header = c.warning_header_rx.match(text) is not None
    if not header and (
            _WARNING_GATE.search(text) is None  # every alternative of the voice holds one of these characters
            or c.warning_voice_rx.search(text) is None):
        return []
    if c.warning_report_rx.search(text) is not None:
        return []
    bounds: list[tuple[int, int]] = []
    start = 0
    for end in (*(ends if ends is not None else clause_ends(text)), len(text)):
        bounds.append((start, end))
        start = end + 1
    # legal review 9, D1: the voice in the warned sentence or the one next to it (a notice's header: the whole message)
    voiced = [header or c.warning_voice_rx.search(text, s, e) is not None for s, e in bounds]
    out: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(bounds):
        if start >= end or not (voiced[i] or (i and voiced[i - 1]) or (i + 1 < len(bounds) and voiced[i + 1])):
            continue
        if c.warning_agent_rx.search(text, start, end) is None:
            continue
        if c.warning_threat_rx.search(text, start, end) is not None \
                and c.warning_impostor_rx.search(text, start, end) is None:
            continue  # the writer's own threat (D1): 今晚会有人去你家…, 我们就把你的照片发给…任何人
        out.append((start, end))
    return out


def group_notice(text: str) -> bool:
    """A notice to a group (各位业主, 家长们, 村委会通知：) that speaks to no single reader (no 你 or 您) and names no
    debt, lender or sum of money (cues.yaml `collection_context`, `debt_amount_regex`): no collection message, since
    collection is aimed at a debtor (the fourth session's debt-free look-alikes: a drunk smashing cars, a wreath for a
    funeral, a village insurance deadline, a warning of 骗子 in a parents' group). A general requirement of collection
    context for every finding was measured and dropped: veiled threats to one reader ("小心点，晚上走路看着点") often
    name no debt (docs/check.md, "Fourth session")."""
    c, rx = scope_cues(), _scope_rx()
    if not _found(rx.group_address, c.group_address, text) or "您" in text or _ADDRESSED.search(text):
        return False
    from xiezhi.collection.metadata import cues

    return not _found(rx.collection_or_legal, (*c.collection_context, *c.legal_context), text) \
        and cues().debt_amount.search(text) is None


#: Marks of a fake court paper beyond the cue lists' red flags (taxonomy 2.7 / hard case 9; 民事诉讼法 第八十七条 to
#: 第九十五条: a court serves its own papers, in person, by another court, by post or electronically with consent, or
#: by its own public notice, never through a company): a company, an asset manager or a law firm as the sender, the
#: server or the seal of the paper ("寄件人是恒信资产", "由某某公司代为送达", "盖的是某某公司的章"), and a misspelt
#: court name (人民发院, 人名法院, 人民法完).
_COURT_FAKE_MARKS = re.compile(
    r"(?:公司|资产|集团|事务所|律所)[^，,。！？!?；;\n]{0,6}?(?:代为送达|代送达|送达|寄出|寄来|寄的|发出|发来|发的|盖章|盖的章|的章|公章|印章|红章)"
    r"|(?:寄件人|发件人|寄件单位|寄件方|落款|盖的|盖着|印章|红章|公章)[^，,。！？!?；;\n]{0,10}?(?:公司|资产|集团|事务所)"
    r"|人(?:[名明]法院|[民名明][发罚]院|[民名明][法发罚][完园远])")


def fake_court_paper(text: str) -> bool:
    """A court named beside a mark of a fake court paper (`_COURT_FAKE_MARKS`): strong evidence of impersonation on its
    own, so the classifier's veto does not drop an impersonation finding there (`check._veto`)."""
    c, rx = scope_cues(), _scope_rx()
    return _found(rx.court_name, c.court_name, text) and _COURT_FAKE_MARKS.search(text) is not None


def court_notice(text: str) -> bool:
    """A court's own procedural notice, or a borrower's account of one (诉前调解 scheduled, a hearing, a summons mailed,
    an enforcement case to look up on 移动微法院), with no red flag anywhere in the message (money to a person or an
    account, a link or QR code, arrest or detention, a mobile number, a personal channel, the court "entrusting"
    someone, a deadline of hours). Courts do send such notices; what makes one impersonation is the red flag, the
    same principle as a department name (法务部) that is impersonation only with a red flag near it."""
    c, rx = scope_cues(), _scope_rx()
    if not _found(rx.court_name, c.court_name, text) or not _found(rx.court_procedure, c.court_procedure, text):
        return False
    return not _found(rx.court_red_flags, c.court_red_flags, text) and c.court_red_flag_rx.search(text) is None \
        and _COURT_FAKE_MARKS.search(text) is None


#: Enforcement told in the lawful order: a judgment, then the debtor's failure to comply ("银行已起诉，判决后其弟未履行，
#: 现被列为失信被执行人"): a true consequence (民事诉讼法 第二百四十七条 execution of a judgment the debtor does not
#: perform; the rules' `fl-enforcement-claim` exception as a construction, for every false-legal rule). Not beside a
#: criminal consequence (坐牢, 拘留, 判刑 …), which no civil judgment brings.
_LAWFUL_ORDER = re.compile(r"判决(?:生效)?(?:后|以后|之后)[^。！？；;\n]{0,12}(?:未|不|没有|没|仍未|仍不|拒不)(?:履行|还|偿还|执行)")
_CRIMINAL = re.compile(r"坐牢|拘留|抓|判刑|刑事|逮捕|诈骗|监狱|公安|派出所|警察")


#: A yes/no question about what may happen that contains the match ("会打到我单位去吗", "他们能强行进来吗").
_FUTURE_Q = re.compile(r"(?:会|能|可以|敢)[^，,。！？!?；;\n]{0,16}?吗")
#: A past act reported in the match's own phrase ("已经", "打给我妈了"): a report, not a fear.
_DONE = re.compile(r"已经|已|了|过(?!来|去)")


def _collector_condition(text: str, cs: int, s: int) -> bool:
    """The hypothesis before the match in its sentence is a collector's condition that the borrower reports: a
    collector-side speaker and a verb of saying (`_SPEAKER_SAID`) come before the first fear or hypothesis word
    ("对方说如果再不还，就找人打断他的腿，我应该怎么办？"); "万一催收说要…" stays the borrower's own hypothesis."""
    said = _SPEAKER_SAID.search(text, cs, s)
    if said is None:
        return False
    rx = _scope_rx().hypothetical
    words = scope_cues().hypothetical
    if rx is not None:
        first = rx.search(text, cs, s)
        return first is None or first.start() >= said.end()
    return all(text.find(w, cs, said.end()) == -1 for w in words)


def hypothetical_question(text: str, cs: int, ce: int, s: int, e: int) -> bool:
    """A borrower's fear or hypothetical question about what might happen ("特别怕他们爆通讯录……我要提前做点什么吗？",
    "假如……会打到我单位去吗？", "如果他们真的上门……他们能强行进来吗？"): no act, so no finding (the fourth session's
    lawful scope, mechanism 2). Either a fear or hypothesis word (cues.yaml `hypothetical`) before the match in its
    sentence, which ends as a question; or a 会/能/可以/敢 … 吗 question that contains the match. Reports of acts that
    happened stay labelled (legal review D1): the match's own comma phrase must not say the act was done (已经, 了,
    过); a sentence with 你 in it is put to the reader ("你妈要是知道……要不我帮你去跟她说说？"), and one asked in a
    collector's turn is no borrower's question either."""
    if not _is_question(text, cs, ce) or _ADDRESSED.search(text, cs, ce):
        return False
    for m in _FUTURE_Q.finditer(text, cs, ce + 1):
        if m.start() <= s and m.end() >= e:
            return True
    if not _found(_scope_rx().hypothetical, scope_cues().hypothetical, text[cs:s]):
        return False
    ps = max((text.rfind(c, cs, s) for c in "，,；;"), default=-1) + 1
    pe = min((i for i in (text.find("，", e, ce), text.find(",", e, ce)) if i != -1), default=ce)
    return _DONE.search(text, max(ps, cs), pe) is None


@lru_cache(maxsize=256)
def clause_ends(text: str) -> list[int]:
    """Offsets of the clause terminators (for `clause_bounds`). Cached like `is_narrative` (the rule scan and
    `analyze_normalised` both need them): the list is shared, so callers must not change it."""
    return [m.start() for m in _CLAUSE_RE.finditer(text)]


@dataclass(slots=True)
class RuleHit:
    rule: Rule
    start: int  # normalised offsets of the driving match
    end: int
    mode: str
    escalated: bool = False


#: `Found.clause` bits: a clause negator, a disclaimer (either list), a disowning phrase (`_DISOWNED`) is in the message
WORDS_NEGATOR = 1
WORDS_DISCLAIMER = 2
WORDS_DISOWNED = 4
WORDS_ALL = 7
#: `Found.scope` bits: a `group_address` word (`group_notice`'s first test), a `service_domain` word (`service_fee`'s)
SCOPE_GROUP = 1
SCOPE_SERVICE = 2
SCOPE_ALL = 3


@dataclass(slots=True)
class Found:
    """Which message-wide word lists occur in a message, found for a whole block by the literal pass
    (`chunkrules.ChunkRules`): `hits_of` then skips the searches whose answer is known. Each field is exactly
    "one of the words is somewhere in the message" (media, banter and collection words; per rule, its `unless` and
    `unless_message` words), so a search that this says cannot find anything is not made, and every other search
    is made as before."""
    media: bool
    banter: bool
    collection: bool
    clause: int  # which clause-level searches can find something (`WORDS_*` bits)
    unless: bytes  # per rule, 1: one of its `unless` words is in the message
    unless_msg: bytes  # per rule, 1: one of its `unless_message` words is in the message
    scope: int = SCOPE_ALL  # which message-wide scope tests can be true (`SCOPE_*` bits)


@dataclass(slots=True)
class _Scan:
    any_hits: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    keys: dict[str, list[int]] = field(default_factory=dict)  # pattern -> end positions


#: Rules that name grave bodily harm outright (broken bones, death, maiming, a weapon, a hired crew: "找人打断你的腿"):
#: a threat against personal safety whatever is owed (治安管理处罚法 第五十条第一款第一项), so a message-wide exception
#: (`unless_message`: a meal or an object lent between friends, "你借我的那台相机再不还，我就找人打断你的腿"; legal review 5,
#: D20) cancels them only beside a joke cue (哈哈, 开玩笑, a laughing emoji: "你欠我的那顿饭再不请，我弄死你😂"). A casual
#: "削你" (vt-harm-general: "借我的充电宝…我可上你家削你了啊", annotated lawful) keeps the plain exception.
GRAVE_HARM_RULES: frozenset[str] = frozenset({"vt-bodily-harm"})


def _unless_word(word: str) -> str:
    """An exception word as an expression. A negated word (不会, 不是, 没有) does not match as the second half of an
    A-not-A question (会不会, 是不是, 有没有): "他们说要来泼油漆，会不会真的来？" asks whether a threat will be carried
    out; it denies nothing, so it must not cancel the threat as "我们不会来" does (legal reviews 7 and 8)."""
    if len(word) >= 2 and word[0] in "不没":
        # the lookbehind after the first character, which it then covers too ("不(?<!会不)会" for "(?<!会)不会"): the same
        # matches, and every word of the alternation starts with a literal, so `re` scans for their first characters
        # in C (a leading lookbehind hid them: each position tried every word, 162 of the 228 rules' expressions)
        first, second = re.escape(word[0]), re.escape(word[1])
        return f"{first}(?<!{second}{first}){re.escape(word[1:])}"
    return re.escape(word)


class Matcher:
    """All rules compiled once; `scan` returns the rule hits of a message."""

    def __init__(self, categories: dict[str, CategorySpec]) -> None:
        self.categories = categories
        self.rules: list[Rule] = [r for spec in categories.values() for r in spec.rules]
        self.automaton = ahocorasick.Automaton()
        payload: dict[str, list[tuple[int, str]]] = {}

        self._single_trig: dict[int, tuple[str, ...]] = {}

        def add(pattern: str, idx: int, role: str) -> None:
            key = normalise_pattern(pattern)
            if not key or role == "aux":
                return  # near/unless/escalate words are looked up lazily, only for rules that matched
            if len(key) == 1 and role != "any":
                # single characters are frequent: looked up lazily with str.find, not through the automaton
                if role == "trigger":
                    self._single_trig[idx] = (*self._single_trig.get(idx, ()), key)
                return
            payload.setdefault(key, []).append((idx, role))

        #: rule -> its expression's match spans (`rxprefix.SpanScan`: the non-empty matches of `_regex_by_rule`'s)
        self._spans_by_rule: dict[int, tuple[SpanScan, ...]] = {}
        self._untriggered: list[int] = []
        #: rule -> required literals of its expression (`required_literals`): a triggered rule's expression
        #: runs only if one of them was seen, since without one it cannot match
        self.gates: dict[int, tuple[str, ...]] = {}
        for i, rule in enumerate(self.rules):
            for p in rule.any:
                add(p, i, "any")
            for p in rule.trigger:
                add(p, i, "trigger")
            for group in rule.near:
                for p in group:
                    add(p, i, "aux")
            for p in (*rule.unless, *rule.unless_message, *rule.escalate_near):
                add(p, i, "aux")
            if rule.regex:
                # one alternation per rule: one scan of the text instead of one per expression
                plain = re.compile("|".join(f"(?:{normalise_regex(rx)})" for rx in rule.regex))
                spans = SpanScan(plain)
                self._spans_by_rule[i] = (spans,)
                gate = required_literals(plain)
                if gate is not None:
                    self.gates[i] = gate
                if not rule.trigger:
                    self._untriggered.append(i)
        self._single_by_char: dict[str, set[int]] = {}
        for idx, chars in self._single_trig.items():
            for ch in chars:
                self._single_by_char.setdefault(ch, set()).add(idx)
        self._single_chars = frozenset(self._single_by_char)
        self._gate_by_char: dict[str, tuple[int, ...]] = {}
        for idx, gate in self.gates.items():
            for lit in gate:  # already in normalised form: taken from the normalised expression
                if len(lit) == 1:
                    self._gate_by_char[lit] = (*self._gate_by_char.get(lit, ()), idx)
                else:
                    payload.setdefault(lit, []).append((idx, "gate"))
        # the single characters of a text (triggers and gates) in one C scan
        chars = sorted(self._single_chars | set(self._gate_by_char))
        self._single_rx = re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]") if chars else None
        for key, items in payload.items():
            anys = tuple(i for i, role in items if role == "any")
            trigs = tuple(i for i, role in items if role == "trigger")
            gates = tuple(i for i, role in items if role == "gate")
            self.automaton.add_word(key, (key, len(key), anys, trigs, gates))
        self.automaton.make_automaton()
        from xiezhi.collection.metadata import cues

        self._negator_words = tuple(normalise_pattern(n) for n in cues().clause_negators)
        self._disclaimer_words = tuple(normalise_pattern(d) for d in cues().clause_disclaimers)
        self._negators = re.compile("|".join(re.escape(n) for n in self._negator_words))
        self._disclaimers = re.compile("|".join(re.escape(d) for d in self._disclaimer_words))
        self._questions = re.compile("|".join(re.escape(normalise_pattern(q)) for q in cues().question_cues))
        #: rule -> the expressions its `SpanScan`s match with (for the chunk pass's prefilter and the tests)
        self._regex_by_rule = {i: [sc.pattern for sc in scans] for i, scans in self._spans_by_rule.items()}
        self._banter_cues = tuple(k for b in cues().banter if (k := normalise_pattern(b)))  # emoji normalise away
        self._banter_categories = frozenset(cues().banter_categories)
        self._collection = tuple(normalise_pattern(c) for c in cues().collection)
        self._banter_emoji = cues().banter_emoji
        self._media = tuple(k for m in cues().media if (k := normalise_pattern(m)))
        # each word list as one expression (`_any_of`: found exactly when one of the words is in the text)
        self._media_rx = _any_of(self._media)
        self._banter_rx = _any_of(self._banter_cues)
        self._banter_emoji_rx = _any_of(tuple(self._banter_emoji))
        self._collection_rx = _any_of(self._collection)
        self._unless = [tuple(normalise_pattern(p) for p in r.unless) for r in self.rules]
        self._unless_msg = [tuple(normalise_pattern(p) for p in r.unless_message) for r in self.rules]
        for keys in self._unless_msg:
            for k in keys:
                if len(k) == 1:
                    raise ValueError(f"unless_message 不能是单个字：{k}")
        self._unless_rx = [re.compile("|".join(_unless_word(k) for k in sorted(keys, key=len, reverse=True)))
                           if keys else None for keys in self._unless]
        self._near = [tuple(tuple(normalise_pattern(p) for p in g) for g in r.near) for r in self.rules]
        self._escalate = [tuple(normalise_pattern(p) for p in r.escalate_near) for r in self.rules]
        # the same groups as one expression per key length (`_near_in`), and the message words as one expression
        self._near_rx = [tuple(_near_compile(g) for g in groups) for groups in self._near]
        self._escalate_rx = [_near_compile(g) for g in self._escalate]
        self._unless_msg_rx = [_any_of(keys) if keys else None for keys in self._unless_msg]

    def scan(self, norm: Normalised, literal_hits: list[tuple[int, Any]] | None = None,
             cancelled: dict[str, list[tuple[int, int]]] | None = None) -> list[RuleHit]:
        """literal_hits: what `self.automaton.iter(norm.text)` yields, when already found for a whole chunk
        (`xiezhi.collection.chunkscan`).

        cancelled: if given, filled with category -> clauses [start, end) (normalised offsets) where a match of
        one of its rules was cancelled by a denial, a question, a warning or the rule's exception (`unless`,
        `unless_message`): the same words must not be reported by the classifier either. A rule whose `near`
        context is missing is not "cancelled" (nothing there disclaimed the act). Also filled, whether a rule
        matched or not, for talk about a film or the news (every category, whole text), banter between friends
        (the banter categories, whole text) and transcript turns that are not the collector's (every category,
        those lines): `_cancel_context`."""
        text = norm.text
        any_hits: dict[int, list[tuple[int, int]]] = {}
        triggered: set[int] = set()
        gated: set[int] = set()
        for end, (_key, klen, anys, trigs, gates) in (self.automaton.iter(text) if literal_hits is None
                                                       else literal_hits):
            if anys:
                end += 1
                for idx in anys:
                    any_hits.setdefault(idx, []).append((end - klen, end))
            if trigs:
                triggered.update(trigs)
            if gates:
                gated.update(gates)
        if self._single_rx is not None:
            # in text order: the insertion order of `triggered` decides the order of regex-only hits (and with it
            # which of two same-category findings is kept), so it must not follow the str hash (PYTHONHASHSEED)
            single, by_gate = self._single_by_char, self._gate_by_char
            for ch in dict.fromkeys(self._single_rx.findall(text)):
                if ch in single:
                    triggered.update(single[ch])
                if ch in by_gate:
                    gated.update(by_gate[ch])
        gates_of = self.gates
        for idx in (*triggered, *self._untriggered):
            if idx in gates_of and idx not in gated:
                continue  # none of the literals every match contains is in the text
            for sc in self._spans_by_rule.get(idx, ()):
                if got := sc.spans(text):
                    any_hits.setdefault(idx, []).extend(got)
        return self.hits_of(norm, any_hits, cancelled)

    def hits_of(self, norm: Normalised, any_hits: dict[int, list[tuple[int, int]]],
                cancelled: dict[str, list[tuple[int, int]]] | None = None, found: Found | None = None,
                ) -> list[RuleHit]:
        """The rule hits from the candidate spans of each rule (the rest of `scan`; also used by
        `xiezhi.collection.chunkrules`, which finds the candidate spans for a whole chunk, and with them `found`:
        which message-wide word lists occur in the message)."""
        text = norm.text
        hits: list[RuleHit] = []
        # the message-wide contexts are found once: by `_cancel_context` when there is a `cancelled` to fill
        media: bool | None = None
        banter = False
        own: list[tuple[int, int]] | None = None
        if cancelled is not None:
            media, banter, own = self._cancel_context(norm, cancelled, found)
        if not any_hits:
            return hits
        if own is None:
            own = non_collector_turns(text) if ":" in text else []
        if own:
            any_hits = {i: kept for i, sp in any_hits.items()
                        if (kept := [(s, e) for s, e in sp if not any(a <= s < b for a, b in own)])}
            if not any_hits:
                return hits
        narrative = is_narrative(text) and not _has_collector_turn(text)
        ends = clause_ends(text)
        if media is None:
            media, banter = self._media_banter(norm, found)
        court: bool | None = None  # court_notice(text), computed once, when a court-scoped rule first needs it
        warned = warned_clauses(text, ends)  # sentences of an anti-fraud warning that name the act warned of
        if warned and cancelled is not None:
            for cat in self.categories:
                cancelled.setdefault(cat, []).extend(warned)
        # in rule order (file order within a category): which of two same-category, same-severity hits is shown
        # must not depend on how the literal scan and the trigger set happened to order them
        clauses: dict[tuple[int, int], tuple[bool, bool]] = {}  # `_clause_tests` per clause, shared by all spans
        reasons = cancelled is not None  # without `cancelled` only whether a span fires matters, not why not
        present = found.clause if found is not None else WORDS_ALL
        for idx in sorted(any_hits):
            spans = any_hits[idx]
            rule = self.rules[idx]
            if media or (banter and (rule.category in self._banter_categories or rule.category in _BANTER_ALSO)):
                if cancelled is not None:
                    cancelled.setdefault(rule.category, []).append((0, len(text)))
                continue
            court_scoped = rule.category in _COURT_SCOPED
            if court_scoped and court is None:
                court = court_notice(text)
            if found is not None:
                unless_msg = found.unless_msg[idx] == 1
                unless_here = found.unless[idx] == 1
            else:
                rx = self._unless_msg_rx[idx]
                unless_msg = rx.search(text) is not None if rx is not None else any(
                    k in text for k in self._unless_msg[idx])
                unless_here = True
            if unless_msg and rule.id in GRAVE_HARM_RULES and not self._joking(norm, found):
                unless_msg = False
            if unless_msg or (court_scoped and court):
                if cancelled is not None:
                    cancelled.setdefault(rule.category, []).append((0, len(text)))
                continue
            denied: tuple[int, int] | None = None  # the last span of this rule a denial cancelled
            for s, e in sorted(spans):
                if denied is not None and denied[0] <= s and e <= denied[1]:
                    continue  # inside longer words of the rule that a denial took back ("没有爆通讯录": 通讯录)
                verdict = self._verdict(idx, text, s, e, narrative, ends, norm.breaks, clauses, reasons, unless_here,
                                        present)
                if verdict == "negated" and _firm_denial(text, s, e):
                    denied = (s, e)
                if verdict is None and warned and rule.negatable and any(a <= s < b for a, b in warned):
                    verdict = "negated"  # a warning names the act; nobody does it to the reader
                if verdict is None:
                    esc = bool(rule.escalate_near) and _near_in(self._escalate_rx[idx], s, e, rule.window, text)
                    hits.append(RuleHit(rule, s, e, _mode(rule, text, s, e, narrative, ends), esc))
                    break
                if cancelled is not None and verdict != "context":
                    cancelled.setdefault(rule.category, []).append(clause_bounds(text, s, e, ends))
        if hits and not any(h.rule.category == "violence_threat" for h in hits) \
                and (found is None or found.scope & SCOPE_SERVICE) and service_fee(text):
            dropped = [h for h in hits if h.rule.category not in SERVICE_FEE_KEEP
                       and h.rule.id not in SERVICE_FEE_KEEP_RULES]
            if cancelled is not None:
                for h in dropped:
                    cancelled.setdefault(h.rule.category, []).append((0, len(text)))
            if dropped:
                hits = [h for h in hits if h not in dropped]
        if cancelled:
            fired = {h.rule.category for h in hits}
            for cat in fired & cancelled.keys():
                del cancelled[cat]  # a rule of the category fired elsewhere: the finding stands
        return hits

    def _media_banter(self, norm: Normalised, found: Found | None = None) -> tuple[bool, bool]:
        """(talk about a film or the news, or a group notice; that or banter between friends): the message-wide
        contexts in which rules do not fire."""
        media = (found.media if found is not None else _found(self._media_rx, self._media, norm.text)) \
            or ((found is None or bool(found.scope & SCOPE_GROUP)) and group_notice(norm.text))
        return media, media or self._banter(norm, found)

    def _cancel_context(self, norm: Normalised, cancelled: dict[str, list[tuple[int, int]]],
                        found: Found | None = None) -> tuple[bool, bool, list[tuple[int, int]]]:
        """What no category may report, rule or classifier (for `scan`'s `cancelled`): talk about a film or the news
        (every category), banter between friends (the banter categories), and transcript turns that are not the
        collector's (every category, those lines only). Returns those three, which `hits_of` reuses."""
        text = norm.text
        whole = (0, len(text))
        media, banter = self._media_banter(norm, found)
        if media:
            for cat in self.categories:
                cancelled.setdefault(cat, []).append(whole)
        elif banter:
            for cat in (*self._banter_categories, *_BANTER_ALSO):
                cancelled.setdefault(cat, []).append(whole)
        own = non_collector_turns(text) if ":" in text else []
        if own:
            for cat in self.categories:
                cancelled.setdefault(cat, []).extend(own)
        return media, banter, own

    def _joking(self, norm: Normalised, found: Found | None = None) -> bool:
        """A banter word or a laughing emoji in the message (whether or not it names a debt)."""
        words = found.banter if found is not None else _found(self._banter_rx, self._banter_cues, norm.text)
        return words or _found(self._banter_emoji_rx, self._banter_emoji, norm.original)

    def _banter(self, norm: Normalised, found: Found | None = None) -> bool:
        """Joking between friends: a banter word or a laughing emoji, and no word about a debt or its collection.
        (Talk about a film, a series or the news is checked in `scan`: it cancels every rule category.)"""
        text = norm.text
        if found is not None:  # a collection word decides alone: no emoji search on the original text
            return not found.collection and (
                found.banter or _found(self._banter_emoji_rx, self._banter_emoji, norm.original))
        joking = (_found(self._banter_rx, self._banter_cues, text)
                  or _found(self._banter_emoji_rx, self._banter_emoji, norm.original))
        return joking and not _found(self._collection_rx, self._collection, text)

    def negated_clause(self, text: str, s: int, e: int) -> bool:
        """A clause that denies, warns or asks hypothetically (used for model findings)."""
        if _negator_before(self._negators, text, s, e) or _negation(text, s, e):
            return True
        return _is_question(text, s, e) and bool(self._questions.search(text, s, e + 1))

    def _accept(self, idx: int, text: str, s: int, e: int, narrative: bool = False,
                ends: list[int] | None = None) -> bool:
        return self._verdict(idx, text, s, e, narrative, ends) is None

    def _unless_in(self, idx: int, text: str, s: int, e: int, cs: int, ce: int) -> bool:
        """One of the rule's `unless` words (its own and its category's) covers the match text[s:e] in the sentence
        [cs, ce): the words reach the whole sentence ("两个人来我家，穿着工作服，出示了工牌，很客气" and "我们明天派人上门，
        也会带两名同事" are one act told in several phrases), except words before a phrase in which the writer's side
        states an act done (`_DONE_AFTER`: "再不还就告你诈骗，我们已经报案说你诈骗了": the threat is the exception, the
        report made is not); and an exception word followed by a phrase that pursues people for the money
        (`_ADDITIVE_PURSUIT`: "我们会起诉他们，也会直接找他们要钱") covers only part of the act; nor does an exception word
        in another phrase reach a match in a phrase that menaces the debtor's whole family (`_FAMILY_MENACE`: "我们会依法
        起诉你，你全家都别想好过"). Scoping the words to the match's own comma phrase was measured and dropped
        (docs/check.md, engine7)."""
        rx = self._unless_rx[idx]
        if rx is None:
            return False
        if "，" not in text and "," not in text:  # one phrase: the sentence
            return rx.search(text, _turn_before(text, cs, s), ce) is not None
        ps = cs
        for m in _DONE_AFTER.finditer(text, cs, ce):
            if m.start() > s:
                break
            ps = m.start()
        ps = _turn_before(text, ps, s)
        family = "家" in text or "老" in text or "妈" in text or "父母" in text  # each `_FAMILY_MENACE` word holds one
        mishap = "哪天" in text or "车" in text or "被人" in text or "让人" in text  # each `_MISHAP_PICTURED` word too
        if not (family or mishap):
            # only whether an exception word is in scope with no additive pursuit after the last one: when none is
            # after the first (nor anywhere in scope), none is after the last either (a match at a position does
            # not depend on where the search began), and the first is found without scanning for the rest
            first = rx.search(text, ps, ce)
            if first is None:
                return False
            if not _additive_pursuit(text, first.end(), ce):
                return True
        last = None
        for last in rx.finditer(text, ps, ce):  # noqa: B007 - the last exception word in scope
            pass
        if last is None or _additive_pursuit(text, last.end(), ce):
            return False
        if not (family or mishap):
            return True  # no `_FAMILY_MENACE` nor `_MISHAP_PICTURED` in the text
        ms, me = _comma_phrase(text, cs, ce, s, e)
        if ms <= last.start() < me:
            return True
        return not ((family and _FAMILY_MENACE.search(text, ms, me) is not None)
                    or (mishap and _MISHAP_PICTURED.search(text, ms, me) is not None))

    def _clause_tests(self, text: str, cs: int, ce: int, present: int = WORDS_ALL) -> tuple[bool, bool]:
        """What `_verdict` asks of the clause [cs, ce) alone, whatever the span in it: (a disclaimer in it, it ends
        as a question). present: `Found.clause` (no disclaimer search when none is in the message)."""
        return (bool(present & WORDS_DISCLAIMER) and (
            self._disclaimers.search(text, cs, ce) is not None
            or scope_cues().disclaimer_rx.search(text, cs, ce) is not None)), _is_question(text, cs, ce)

    def _verdict(self, idx: int, text: str, s: int, e: int, narrative: bool = False,
                 ends: list[int] | None = None, breaks: tuple[int, ...] = (),
                 clauses: dict[tuple[int, int], tuple[bool, bool]] | None = None, reasons: bool = True,
                 unless_here: bool = True, present: int = WORDS_ALL) -> str | None:
        """None if the match stands; else why not: "negated", "question", "unless" or "context" (near missing).
        A plain negation word (不会, 没有 …) earlier in the sentence reaches only to a spacing pause (`breaks`):
        "我们不会打你 也不会骂你 我们就是天天去你家门口站着"; a negation right before the match, warnings and
        declarations (请勿相信, 承诺 …), disclaimers, questions and a rule's `unless` words reach over pauses.
        clauses: `_clause_tests` of the clauses seen so far in this message (filled here). reasons=False: the caller
        only asks whether the match stands, so the cheap tests that reject most spans (`near` words, `unless`) come
        first; every test is a pure function of the text, so None comes out exactly when it does in the full order.
        unless_here=False: none of the rule's `unless` words is anywhere in the message (`Found`), so no search;
        present: `Found.clause`, the same for the negators, disclaimers and disowning phrases."""
        rule = self.rules[idx]
        if not reasons:  # the `near` test needs no clause: made before the clause is found
            for group in self._near_rx[idx]:
                if not _near_in(group, s, e, rule.window, text):
                    return "context"
        cs, ce = clause_bounds(text, s, e, ends)
        if not reasons and unless_here and self._unless_in(idx, text, s, e, cs, ce):
            return "unless"
        if rule.negatable:
            if _negated_before(text, breaks, s, cs):
                return "negated"
            if clauses is None:
                tests = self._clause_tests(text, cs, ce, present)
            else:
                tests = clauses.get((cs, ce))
                if tests is None:
                    tests = clauses[(cs, ce)] = self._clause_tests(text, cs, ce, present)
            disclaimed, question = tests
            ts = _turn_before(text, cs, s) if disclaimed or present & WORDS_NEGATOR else cs
            if ts > cs and disclaimed:  # a disclaimer before a contrastive turn says nothing of what follows it
                disclaimed = self._clause_tests(text, ts, ce, present)[0]
            if disclaimed or (present & WORDS_DISOWNED and _disowned(text, e, ce)) \
                    or (present & WORDS_NEGATOR
                        and _negator_before(self._negators, text, ts, s, _phrase_start(text, breaks, s, cs))):
                return "negated"
            if question:  # both question tests need the clause to end as a question
                qs = _question_start(breaks, e, ce, cs)
                if _lawful_in_principle(rule, text, s, e, cs, ce) \
                        and not _put_to_reader(text, qs, ce) and not _in_collector_turn(text, cs):
                    return "question"
                if self._questions.search(text, qs, ce + 1) \
                        and not _REPORTED.search(text, qs, s) and not _asked_after(self._questions, text, cs, ce, e) \
                        and not _put_to_reader(text, qs, ce) and not _in_collector_turn(text, cs) \
                        and not _reported_unlawful(rule, text, s, e, cs, ce, self._questions):
                    return "question"
                if hypothetical_question(text, cs, ce, s, e) and not _REPORTED.search(text, cs, s) \
                        and not _collector_condition(text, cs, s) \
                        and not _put_to_reader(text, cs, ce) and not _in_collector_turn(text, cs) \
                        and not _reported_unlawful(rule, text, s, e, cs, ce, self._questions):
                    return "question"
        if rule.category == "insult_defamation" and _SELF_NAMED.search(text, max(cs, s - 8), s):
            return "self"
        if rule.category == "false_legal_threat" and _LAWFUL_ORDER.search(text, cs, ce) \
                and not _CRIMINAL.search(text, cs, ce):
            return "unless"
        if reasons:  # (else already tested above)
            if unless_here and self._unless_in(idx, text, s, e, cs, ce):
                return "unless"
            for group in self._near_rx[idx]:  # a loop: no generator per call on the hot path
                if not _near_in(group, s, e, rule.window, text):
                    return "context"
        return None


def _near(group: tuple[str, ...], s: int, e: int, window: int, text: str) -> bool:
    """Some key of `group` occurs starting before e + window and ending after s - window: one bounded
    str.find per key (an occurrence starts in [s - window - len + 1, e + window - 1])."""
    lo = s - window + 1
    hi = e + window - 1
    for key in group:
        n = len(key)
        if text.find(key, lo - n if lo > n else 0, hi + n) != -1:
            return True
    return False


_NearGroup = tuple[tuple[int, "re.Pattern[str]"], ...] | tuple[str, ...]


def _near_compile(group: tuple[str, ...]) -> _NearGroup:
    """A near group as one expression per key length (what `_near_in` takes); the group itself when a key is
    empty (looked up with `_near` then)."""
    if not all(group):
        return group
    by_len: dict[int, list[str]] = {}
    for key in group:
        by_len.setdefault(len(key), []).append(key)
    return tuple((n, re.compile("|".join(re.escape(k) for k in keys))) for n, keys in sorted(by_len.items()))


def _near_in(group: _NearGroup, s: int, e: int, window: int, text: str) -> bool:
    """`_near` with the keys of one length searched at once: a key of length n is found by `text.find(key, a, b)`
    exactly when the alternation of those keys is found by `search(text, a, b)` (same bounds)."""
    if group and isinstance(group[0], str):
        return _near(group, s, e, window, text)  # type: ignore[arg-type]
    lo = s - window + 1
    hi = e + window - 1
    for n, rx in group:  # type: ignore[misc]  # noqa: SIM110 - a loop: no generator per call
        if rx.search(text, lo - n if lo > n else 0, hi + n) is not None:
            return True
    return False


def _is_question(text: str, cs: int, ce: int) -> bool:
    """The clause ends with a question mark or 吗 (a borrower asking), not a collector's rhetoric; or it asks in
    Cantonese (`_CANTONESE_Q`)."""
    end = text[ce:ce + 1]
    tail = text[max(cs, ce - 2):ce]
    return end in ("?", "？") or "吗" in tail or (
        ("唔" in text or "系咪" in text or "有冇" in text) and _CANTONESE_Q.search(text, cs, ce) is not None)


def clause_bounds(text: str, s: int, e: int, ends: list[int] | None = None,
                  breaks: tuple[int, ...] = ()) -> tuple[int, int]:
    """[start, end) of the clause (sentence) around text[s:e]; `ends` = terminator offsets if known; `breaks` =
    spacing pauses (`Normalised.breaks`), which end a clause too unless they fall inside text[s:e]."""
    if ends is not None:
        i = bisect_left(ends, s)
        cs = ends[i - 1] + 1 if i > 0 else 0
        j = bisect_left(ends, e)
        ce = ends[j] if j < len(ends) else len(text)
    else:
        cs = max(text.rfind(ch, 0, s) for ch in _CLAUSE_END) + 1
        ce = len(text)
        for ch in _CLAUSE_END:
            i = text.find(ch, e)
            if i != -1 and i < ce:
                ce = i
    if breaks:
        i = bisect_right(breaks, s)
        if i and breaks[i - 1] > cs:
            cs = breaks[i - 1]
        j = bisect_left(breaks, e)
        if j < len(breaks) and breaks[j] < ce:
            ce = breaks[j]
    return cs, ce


def clause_list(text: str) -> list[tuple[int, int]]:
    """[start, end) of every non-empty clause."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_RE.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


def mode_of_clause(text: str, s: int, e: int, narrative: bool) -> str:
    if narrative:
        return "done"
    return "threatened" if _has_threat_cue(text[s:e]) else "done"


@lru_cache(maxsize=256)
def is_narrative(text: str) -> bool:
    """A first-person account of past events (an incident report), judged on the whole message. Cached: the chunk
    scan, `analyze_normalised` and the classifier step each ask it of the same message (2–4 times per message);
    256 texts cover a block of `fast.BLOCK` messages, whose rules are scanned before any of them is analysed."""
    if ("俺" in text or "阮" in text or "侬" in text or "汝" in text) and _DIALECT_PERSON.search(text) is not None:
        text = _DIALECT_PERSON.sub(_dialect_person, text)  # (the `in` tests: `re` tests its class at every position)
    me = text.count("我")
    you = text.count("你")
    if me <= you:  # what is subtracted from `me` below only lowers it
        return False
    me -= text.count("我们") + text.count("我司") + text.count("我哋") + text.count("我地")
    return me > you and _NARRATIVE_RX.search(text) is not None


#: Dialect personal pronouns read as their Mandarin forms by `is_narrative`: northern 俺 and Minnan 阮 (I; 阮 not in
#: the typo 法阮 for 法院) count as the writer, Wu 侬 and Minnan 汝 (you) as the reader, so "俺妈被他们堵在家门口"
#: is a borrower's account and "侬再勿还…" a collector's message. (Wu 阿拉 and Cantonese 我哋 are "we", like 我们.)
_DIALECT_PERSON = re.compile(r"俺们|俺|阮|侬|汝")  # (no lookbehind for 法阮: it would cost `re` its first-character scan)
_DIALECT_MANDARIN = {"俺们": "我们", "俺": "我", "阮": "我", "侬": "你", "汝": "你"}


def _dialect_person(m: re.Match[str]) -> str:
    if m.start() and m.string[m.start() - 1] == "法":
        return m.group(0)  # 法阮, a typo of 法院
    return _DIALECT_MANDARIN[m.group(0)]


#: Words that announce the reported act for later, right after the verb of saying ("催收说要…", "他们扬言明天…").
_ANNOUNCED_AFTER_SAID = re.compile(r"(?:要|会|将|准备|打算|再不|不还|如果|要是|明天|今晚|下周|过两天|改天|迟早|马上)")


def _reported_threat(text: str, s: int, e: int, ends: list[int] | None) -> bool:
    """In a borrower's account, a collector's reported announcement ("他们说要给我通讯录里的人都发短信", "催收扬言明天
    来我家泼油漆") is a threat the borrower heard, not an act done (README-check convention 3: `threatened` when the
    message announces it for later; the annotators label the reported act threatened): a collector-side speaker and a
    verb of saying before the match in its sentence, an announcing word right after the verb, and no sign in the
    match's phrase that the act was done (已经, 了, 过)."""
    cs, ce = clause_bounds(text, s, e, ends)
    said = _collector_said(text, cs, e)
    if said is None:
        return False
    announced = _ANNOUNCED_AFTER_SAID.search(text, said.end(), e)  # "说要…", "说我再不还就…", "跟我说，明天…"
    if announced is None or announced.start() > said.end() + 2:
        return False
    ps, pe = _comma_phrase(text, cs, ce, s, e)
    return _DONE_ACT.search(text, max(ps, said.end()), pe) is None


def _mode(rule: Rule, text: str, s: int, e: int, narrative: bool = False, ends: list[int] | None = None) -> str:
    if rule.mode != "auto":
        return rule.mode
    if narrative:
        return "threatened" if _reported_threat(text, s, e, ends) else "done"
    cs, ce = clause_bounds(text, s, e, ends)
    return "threatened" if _has_threat_cue(text[cs:ce]) else "done"


@lru_cache(maxsize=2)
def get_matcher(directory: str | None = None) -> Matcher:
    return Matcher(load_categories(directory))


def scan_text(text: str) -> tuple[Normalised, list[RuleHit]]:
    norm = normalise(text)
    return norm, get_matcher().scan(norm)
