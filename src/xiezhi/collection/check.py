"""analyze(text, meta) -> CheckResult: rules on the words, then the metadata rules, then one finding
per category with the strongest severity."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from xiezhi.collection.citations import citations_for
from xiezhi.collection.corroborate import POLICY, Policy
from xiezhi.collection.engine import (
    Found,
    RuleHit,
    clause_bounds,
    clause_ends,
    clause_list,
    fake_court_paper,
    get_matcher,
    is_narrative,
    mode_of_clause,
)
from xiezhi.collection.metadata import (
    Verdict,
    count_per_day,
    cues,
    is_automated_notice,
    jointly_liable,
    lender_is_licensed,
    mentions_answered,
    mentions_consent,
    mentions_debt,
    mentions_personal_data,
    mentions_refusal,
    names_a_person,
    night_visit,
    night_visit_menace,
    recipient_contact,
    time_of_day,
)
from xiezhi.collection.model import load_model  # module level: an import statement per message costs ~1 µs
from xiezhi.collection.models import (
    CATEGORIES,
    SEVERITY_RANK,
    THIRD_PARTY_ROLES,
    Action,
    CheckResult,
    Finding,
    MessageMeta,
    MetadataNeed,
    fast_construct,
)
from xiezhi.collection.normalize import Normalised, normalise, veto_text
from xiezhi.collection.probs import CategoryProbs
from xiezhi.collection.rules import load_categories
from xiezhi.collection.stated import stated_count_per_day, stated_time_of_day

_ORDER = {c: i for i, c in enumerate(CATEGORIES)}
_NEED_WHY = {
    "recipient_role": "需要知道这条信息发给了谁（本人、担保人，还是亲友、同事等第三人）才能判断。",
    "lender_type": "需要知道出借方类型：只有持牌机构（银行、消费金融公司、小贷公司）才会报送征信。",
}
_MAX_QUOTE = 80
#: Longest sender tag skipped at the start of a quote.
_MAX_TAG = 24
#: `Finding.rule` of an info note that stays out of the labels (a polite 21:00-22:00 contact).
NOTE_RULE = "metadata:note"
_NO_META = MessageMeta()


def _span(norm: Normalised, s: int, e: int, ends: list[int] | None = None) -> tuple[int, int]:
    text = norm.text
    cs, ce = clause_bounds(text, s, e, ends)
    # A template SMS opens with its sender's tag (【平台名】, normalised to [平台名]); the quote starts after the tag,
    # not inside it ("速借宝】再不还钱…").
    if text[cs:cs + 1] == "[":
        close = text.find("]", cs, s)
        if 0 < close - cs <= _MAX_TAG:
            cs = close + 1
    while cs < s and text[cs] in " ，,、:：\"“”'[]()（）":
        cs += 1
    if ce - cs > _MAX_QUOTE:
        cs, ce = max(cs, s - 25), min(ce, e + 25)
    os_, oe = norm.orig_span(cs, ce)
    return os_, oe


def _whole(text: str) -> tuple[int, int]:
    end = len(text)
    for i, ch in enumerate(text):
        if ch in "。！？!?\n" and i >= 8:
            end = i + 1
            break
    return 0, min(end, _MAX_QUOTE)


@lru_cache(maxsize=32)
def _actions_cached(category: str) -> tuple[Action, ...]:
    return tuple(Action.model_construct(channel=a.channel, why=a.why) for a in load_categories()[category].actions)


def _actions(category: str) -> list[Action]:
    return list(_actions_cached(category))


def _finding(category: str, severity: str, mode: str, span: tuple[int, int], text: str, explanation: str,
             first: tuple[str, ...], day: date | None, rule: str, lender_type: str | None = None) -> Finding:
    """lender_type: drop citations of instruments that bind other lenders (citations.LENDER_SCOPE)."""
    if category == "intimidation":
        mode = "done"  # the menacing words or conduct happened (README-check convention 2)
    return fast_construct(Finding, {
        "category": category, "severity": severity, "mode": mode, "span": span, "quote": text[span[0]:span[1]],
        "explanation": explanation, "citations": citations_for(category, first, day, lender_type),
        "actions": _actions(category), "rule": rule,
    })


_DONE_CATEGORIES = frozenset({"insult_defamation", "impersonation", "false_legal_threat", "illegal_fee",
                              "forced_borrowing", "credit_repair_scam"})


#: The classifier may add a category only to a message about debt collection: one where the rules found a
#: violation, whose metadata says who lent or who received it, or whose words are about a debt. Text far from
#: collection ("快递明天上门取件", "你老婆孩子都还好吧") can tip a category over its threshold; the model was trained
#: on collection messages only and knows nothing about that text (see docs/check.md, "Classifier").
MODEL_NEEDS_CONTEXT = True
#: Words that put a message in the collection context (normalised: simplified, lower case, half-width). Not cues.yaml's
#: `collection_context` (the engine's scope of group notices and service fees), on purpose: 逾期 and the legal words
#: open the classifier's gate but must not make a village fee notice a debt (measured in the fifth session: one list
#: for both loses h0221/h0238 with cues.yaml's words, or flags the lawful f0224 with these or the union).
COLLECTION_CONTEXT = (
    "欠", "债", "还钱", "还款", "还清", "还上", "不还", "借款", "借钱", "借的钱", "贷", "逾期", "催", "账单", "本金", "利息",
    "罚息", "违约金", "额度", "口子", "撸", "征信", "老赖", "黑户", "停息", "挂账", "法务", "律师函", "起诉", "立案", "传票",
    "执行局", "拘留", "坐牢", "通讯录", "外访", "钱", "hk", "yq", "wd", "dk",
)


#: The model does not add the key category where the rules found one of the listed ones. violence_threat beside
#: a visit: taxonomy 2.1 (harm, weapons, detention, smashing must be named) and hard case 5 ("今晚带人上门，家人别想
#:安生" is unlawful_visit + intimidation, violence_threat only "if harm is threatened"); the n-grams of a gang
#: visit ("带几个兄弟去你家") push the model toward violence without any harm being named, and the rules already
#: list the harm words.
MODEL_NOT_BESIDE: dict[str, tuple[str, ...]] = {"violence_threat": ("unlawful_visit",)}
#: engine9: the model does not add the key category where one of the listed rules found the same act as something else.
#: A stop and demand without force or holding (`in-stopped-for-money`: "在小区门口把我拦住要钱，说了几句就走了") is
#: intimidation, 拦截 (README-check convention 17, legal review 5 D9: 刑法293(二), 软暴力意见二(三)); violence needs force,
#: holding or harm, which the violence rules name (推, 打, 抢, 不让走). The n-grams of 拦住/堵住 push the model to violence.
MODEL_NOT_BESIDE_RULES: dict[str, frozenset[str]] = {"violence_threat": frozenset({"in-stopped-for-money"})}
#: legal review 6 (D40): not where the message names force or holding in words the violence rules miss (揪着衣领,
#: 按在墙上, 拽住, 不放): the stop is then more than 拦截 and the model's violence_threat stands.
_FORCE_WORDS = re.compile(r"揪|拽|扯|按在|按住|摁|掐|抓住|抓着|推|踹|踢|扇|勒|捂|架着|不放|不让(?:我|他|她)?走|围住")
#: README-check convention 20: a threat to expose ("不还就让你出名", "把你挂到群里", "曝光你") is intimidation + disclosure,
#: "never violence_threat or insult_defamation by itself"; the n-grams of 挂/曝光 push the model to violence. Where the
#: message threatens exposure (`_EXPOSURE`), the model adds no violence_threat unless the message names harm
#: (`MODEL_NOT_FOR_EXPOSURE`; the rules may still find it), and gives intimidation instead (which the threatened
#: violence would have implied). The same guard for insult_defamation was measured and
#: dropped: an exposure threat with mockery (照片挺丑, 配点字, P几张, 恶意拖欠) carries the insult on the read sets
#: (4 true labels lost, 1 wrong removed).
_EXPOSURE = re.compile(r"出名|让你火|让你红|挂到|挂在|挂你|挂上|挂出|曝光|公开你|公布你|发到(?:群|网上|朋友圈|抖音)|发群里|贴到|贴出")
MODEL_NOT_FOR_EXPOSURE: dict[str, re.Pattern[str]] = {
    "violence_threat": re.compile(r"打|砍|杀|弄死|整死|废了|腿|刀|揍|捅|血|伤|命|卸|残|埋|收拾|灭|炸|烧|泼|绑|砸|动手|兄弟"),
}
#: The model does not add unlawful_visit beside violence_threat (the rules' or its own) when the message places the encounter at a
#: spot outside any home or workplace (the compound gate, a car park, the street) and names no visit to a door: an
#: ambush there is harm, not a visit (README-check test3 decisions: "ambush … at the compound gate … get no
#: unlawful_visit"; annotators f i A B of the read sets). The n-grams of 拦住/堵住 push the model toward a visit.
MODEL_NOT_AT: dict[str, tuple[str, re.Pattern[str], re.Pattern[str]]] = {
    "unlawful_visit": ("violence_threat",
                       re.compile(r"小区门口|小区大门|小区外|停车场|车库|马路|路边|街上|路上|地铁站|公交站"),
                       re.compile(r"家门|敲门|上门|来我家|到我家|去我家|你家|进屋|屋里|家里|楼道|楼下|单元门")),
}


#: Corroboration: a weak rule finding is dropped when the classifier gives its category a probability below this
#: value (None turns the veto off); which findings are weak, and the exceptions, are `corroborate.POLICY`. On unseen
#: annotators' text the hand rules make nearly all the engine's lawful false positives while the classifier
#: generalises. Third session: 0.05 (leave-one-annotator-out cost 10 of 3,923 true labels). Fourth session: 0.25,
#: chosen on the replay of every set's first-look rules on that set with a classifier that never saw its annotator
#: (bench/data/tools/replay_rules.py, 3,940 lines, 11 annotators, threshold cross-validated by annotator): lawful
#: lines flagged by the rules 157 -> 89 of 1,813 for 27 of their 2,834 true labels (docs/check.md, "Fourth session").
RULE_VETO_BELOW: float | None = POLICY.default
#: The policy RULE_VETO_BELOW is the default threshold of (`corroborate.POLICIES` has others for comparisons).
VETO_POLICY: Policy = POLICY
#: Categories the veto never touches (see `corroborate.EXEMPT_CATEGORIES`).
VETO_EXEMPT_CATEGORIES: frozenset[str] = POLICY.exempt_categories
#: Rule ids the veto never touches (strong rules whose words alone decide). recall8v: `fl-reported-claim`, a false legal
#: claim a borrower reports a collector made (a child's schooling barred, relatives liable, cards frozen by the collector,
#: a non-signer called the guarantor), asked about afterwards: the classifier, trained mostly on collectors' own words,
#: scores the reported form low (他们说…孩子上学都会受影响，真的会这样吗？ 0.1), and the rule's frame (a collector-side
#: speaker and a verb of saying) and its claims are narrow; on the read sets it gave 6 labels, none wrong.
#: engine9: explicit menace, the collector's scene or presence stated in so many words — a reported threat to make a scene
#: at the debtor's home or work (`uv-scene-reported`: "cs说我要是不还就去我公司闹"), coming with the police or a court
#: (`uv-visit-with-authorities`, convention 18), staying or blocking at the premises (`uv-stay-at-premises`), the crew
#: announced as coming over (`uv-crew-coming-over`), arrival announced at the door (`uv-arrival-announced`), abuse told as
#: it happened (`id-insult-reported-manner`: "在门外骂了十几分钟"), nude photos (`pe-intimate-photos`). The classifier
#: underrates them in first-person reports and dialect (cs说…, 莫逼我们过来找你, 你唔还我哋就将你啲裸照发晒上网): on the read
#: sets the veto dropped 11 true labels of these rules and no wrong one; the yardstick is unchanged.
#: engine10: a reported arrest claim (`fl-arrest-reported`: the collector said the borrower will be arrested or is
#: wanted): the veto dropped 2 true labels of it on the read sets and no wrong one. Explicit profanity (`id-insult`) was
#: measured and left vetoed: 2 true and 3 wrong labels dropped.
#: legalfix10b (legal review 7, D4): a reported claim of authority by someone who collects or takes money
#: (`im-claimed-authority-reported`: "那人说他是派出所的，我看了他的证件好像是真的，他让我今天把钱打到他微信", 刑法279): the
#: classifier scores the first-person report low and the veto made it compliant; on the read sets the rule gives 15
#: labels, all true, none vetoed, so the exemption changes no read line. Likewise D13/D14's lines: a collector's
#: "替他还，不然连你一起起诉" said to a relative (`fl-third-party-pay-or-sued`, 民法典465) and a grid worker or
#: sub-district office collecting (`im-local-office-collects`, 治安62): on the read sets 8 and 2 labels, all true, of
#: which the veto dropped 2 and 2; the yardstick is unchanged.
#: conv21 (convention 21): a collector's private pretext (`im-private-pretext-collects`, `im-courier-pretext`,
#: `im-private-pretext-reported`). The classifier learnt from sets whose annotators split about 8 to 8 on these lines
#: before the convention, so it scores them low and the veto dropped every one; each rule needs the pretext and a debt
#: or collection word beside it (figures in docs/check.md, "Eleventh session: convention 21").
VETO_EXEMPT_RULES: frozenset[str] = frozenset({
    "fl-reported-claim", "uv-scene-reported", "uv-visit-with-authorities", "uv-stay-at-premises", "uv-crew-coming-over",
    "uv-arrival-announced", "id-insult-reported-manner", "pe-intimate-photos", "fl-arrest-reported",
    "im-claimed-authority-reported", "fl-third-party-pay-or-sued", "im-local-office-collects",
    "im-private-pretext-collects", "im-courier-pretext", "im-private-pretext-reported",
    # legalfix12b (legal review 9, D7 D21 D22 D29): a claim of judicial standing, 扮警察 (and the police "taking him in"
    # told with it, fl-police-statement), a school expulsion threatened over a debt and a summons that asks for a fee by a
    # code are the act told in words the classifier has not seen; each rule is narrow enough to stand alone (on the read
    # sets the exemptions add two true labels, both X0125's, and no false one; the yardstick is unchanged)
    "im-mediation-judicial-claim", "im-impersonation-reported-colloquial", "im-summons-pay-by-code",
    "fl-school-consequence", "fl-police-statement"})
#: engine9: menace idioms that say nothing but the menace ("你给老子等着", "走着瞧", "有你好果子吃"): an intimidation
#: finding whose sentence holds one is strong. On the read sets 21 lines of 21 with one are gold intimidation (13
#: annotators); the classifier scores a short one low (G0179 "信息不回电话不接 你等着 你给老子等着" under 0.25). Not the bare
#: "你等着", which may be a request to hold on ("你等着，我查一下你的账单").
EXPLICIT_MENACE = re.compile(r"(?:给老子|给我|给爷|给劳资|给老娘)(?:等着|记住|小心点)|走着瞧|等着瞧|你死定了|有你好看|有你好果子吃")
_POLICIES: dict[tuple[float, int, frozenset[str]], Policy] = {}


def veto_policy() -> Policy | None:
    """The corroboration policy in force: VETO_POLICY with RULE_VETO_BELOW as its default threshold (None: off)."""
    t = RULE_VETO_BELOW
    if t is None:
        return None
    key = (t, id(VETO_POLICY), VETO_EXEMPT_CATEGORIES)
    pol = _POLICIES.get(key)
    if pol is None:
        pol = _POLICIES[key] = replace(VETO_POLICY, default=t, exempt_categories=VETO_EXEMPT_CATEGORIES)
    return pol


#: Categories for which a web address in the message is evidence (a phishing notice, a fake court's or a repair
#: service's site): the veto reads their probability with the link (`normalize.veto_text` for the others).
LINK_EVIDENCE: frozenset[str] = frozenset({"impersonation", "credit_repair_scam"})


def _veto(findings: list[tuple[Finding, RuleHit]], norm: Normalised, model: Any,
          features: Callable[[], Any] | None, approx: Any = None) -> list[Finding]:
    """The rule findings that survive the corroboration veto (`corroborate.Policy.keep`): a finding is kept when it
    is strong (exempt category or rule, a metadata condition, an escalated threat, a second rule of the category) or
    the classifier gives its category at least the policy's threshold.

    `probs[category]` compares with a threshold exactly, computing the message's exact logits only when the
    comparison needs them (`collection/probs.py`); approx: this message's row of a chunk pass's logits."""
    m = load_model() if model is None else model
    pol = veto_policy()
    if pol is None or m is None or model is False or not norm.text:
        return [f for f, _ in findings]
    rules_per_cat: dict[str, set[str]] = {}
    for f, _ in findings:
        rules_per_cat.setdefault(f.category, set()).add(f.rule)
    probs = CategoryProbs(m.columns, lambda: m.logits(m.features(norm.text) if features is None else features()),
                          approx)
    unlinked = veto_text(norm.text)
    if unlinked is not norm.text:  # a web address: the exact logits of the text without it (the chunk's are of it)
        probs_unlinked = CategoryProbs(m.columns, lambda: m.logits(m.features(unlinked)), None)
    else:
        probs_unlinked = probs
    context = True if pol.no_context is None else mentions_collection(norm.text)
    top = max(float(p) for p in probs.values()) if pol.any_violation is not None else None
    out = []
    for f, hit in findings:
        req = hit.rule.requires
        if f.rule in VETO_EXEMPT_RULES or (f.category == "intimidation" and _explicit_menace(norm.text, hit)) \
                or (f.category == "impersonation" and fake_court_paper(norm.text)) or pol.keep(
                f.category, (probs if f.category in LINK_EVIDENCE else probs_unlinked).get(f.category),
                rules=len(rules_per_cat[f.category]), escalated=hit.escalated,
                needs_meta=bool(req.recipient or req.lender), context=context, mode=f.mode, top=top):
            out.append(f)
    return out


def _explicit_menace(text: str, hit: RuleHit) -> bool:
    """The sentence of the rule's match holds a menace idiom (`EXPLICIT_MENACE`)."""
    cs, ce = clause_bounds(text, hit.start, hit.end)
    return EXPLICIT_MENACE.search(text, cs, ce) is not None


def in_collection_context(text: str, findings: list[Finding], meta: MessageMeta) -> bool:
    """Whether the classifier may add categories to this message (see MODEL_NEEDS_CONTEXT)."""
    if not MODEL_NEEDS_CONTEXT or findings or meta.lender_type or meta.recipient_role or meta.count_per_day:
        return True
    return mentions_collection(text)


def mentions_collection(normalised_text: str) -> bool:
    """One of the COLLECTION_CONTEXT words is in the (normalised) text."""
    return any(w in normalised_text for w in COLLECTION_CONTEXT)


def _logit_limits(m: Any) -> np.ndarray:
    """Per-category thresholds on the logit scale (no exp per message)."""
    return m.logit_limits


_REACHED = ("third_party_contact", "debt_disclosure", "privacy_exposure")
#: Recipients a message reaches as directed contact (not a public post: convention 6).
_DIRECTED = THIRD_PARTY_ROLES - {"public"}

#: What a paid credit-repair / anti-collection offer from a third party does not also establish (taxonomy 2.14:
#: "messages from third parties (not the lender) ... for an upfront fee", `possible_crime` when money is asked; dataset
#: convention 8 of the fifteenth set: such offers to relatives are `credit_repair_scam` only). The scammer collects no
#: debt, so writing to a relative about the debtor's arrears is no collection contact or disclosure (2.4/2.5 are about
#: contact "about the debt" by its collector), and the scam's own 服务费 is the scam, not a sum demanded on the debt
#: (2.12 illegal_fee: collection fees, caps, personal accounts of the lender's side; 民法典 第六百七十条/第六百八十条
#: concern the loan). When the collector or someone speaking for the lender sells the "repair" (the message demands
#: repayment, or a collector is the one who offered it), the fee and the contact stay what they are.
SCAM_OFFER_ONLY = ("third_party_contact", "debt_disclosure", "illegal_fee")
#: Words showing that the repair offer comes from the collecting side (normalised text): a collector's turn of a
#: transcript or a collector reported as offering it, a demand to repay now, the debt owed to the writer, or someone
#: speaking as the lender's own staff.
_COLLECTOR_OFFERS = re.compile(
    r"(?m)^(?:\[[^\]\n]*\])?(?:催收|坐席|外访)[^\n:]{0,4}:"
    r"|(?:催收|催收员|催收的人|催债的|坐席)(?:打电话|发微信|发短信)?(?:说|问|让|要|讲|跟我说|告诉我)"
    r"|(?:现在|今天|马上|赶紧|立刻|立即|必须)就?还(?:钱|款|清|上)"
    r"|欠(?:我们|我司|本公司|我行|本行)"
    r"|(?:平台|贷款公司|借款平台|银行)的?[\"“'「]?(?:官方|客服|专员|法务|工作人员)")


def scam_offer_only(findings: list[Finding], text: str) -> bool:
    """Whether the message is a third party's paid repair/anti-collection offer (see SCAM_OFFER_ONLY): a rule found
    `credit_repair_scam` (the classifier's finding alone is too weak to drop other categories for) and nothing shows
    the collecting side making the offer."""
    return any(f.category == "credit_repair_scam" and f.rule != "model" for f in findings) and not (
        _COLLECTOR_OFFERS.search(text))


#: README-check convention 16: in a message to a third party, a further contact threatened on a condition ("不处理的话我们
#: 只能联系你们领导了", "不然我们天天打到你们公司来", sent to a colleague) is intimidation too. The recipient's own contact
#: is done (`_REACHED`), but the threat of more is meant to frighten, through the recipient, into paying (convention 2).
#: On the read sets such lines carry intimidation 9 times in 10 (annotators s, h, e, c, l, A, C; not o). The condition
#: must come before the contact words in their sentence: "请督促其还款，否则将影响您的通讯录关联信用" threatens no contact.
_CONDITION = re.compile(r"再不|不然|否则|不处理的话|不配合的话|要是不|如果不|不还的话|还不上|再勿还|再躲")


def _threatens_further_contact(norm: Normalised, hit: RuleHit) -> bool:
    """Whether a threatened contact in a third party's message comes with a condition before it or in its own words,
    in the same sentence (convention 16; the engine's clause, at most 24 characters before the match)."""
    if hit.rule.category != "third_party_contact" or hit.mode != "threatened":
        return False
    start = max(clause_bounds(norm.text, hit.start, hit.end)[0], hit.start - 24)
    return _CONDITION.search(norm.text, start, hit.end) is not None


def _implies(f: Finding, third_party: bool, narrative: bool) -> tuple[str, ...]:
    """What a finding implies (`threatened_implies`): a threat is meant to frighten (convention 2). Violence in a
    message that is no first-person account is read as a threat even where its clause has no threat word ("我找人
    削你"): on the eleven dev sets such lines carry intimidation 9 times in 10."""
    if third_party and f.category in _REACHED:
        return ()
    if f.mode == "threatened" or (f.category == "violence_threat" and not narrative):
        return load_categories()[f.category].threatened_implies
    return ()


def implied_by(findings: list[Finding], third_party: bool, narrative: bool) -> set[str]:
    """Categories the rules' findings imply (added after the model): the model must not add them again as its own
    finding."""
    return {cat for f in findings for cat in _implies(f, third_party, narrative)}


def _model_findings(norm: Normalised, text: str, findings: list[Finding], day: date | None, model: Any,
                    threshold: float | None, blocked: set[str], maybe: frozenset[str] | None = None,
                    features: Callable[[], Any] | None = None, third_party: bool = False,
                    candidates: dict[int, list[tuple[int, int]]] | None = None,
                    lender_type: str | None = None, words: Found | None = None) -> list[Finding]:
    """Categories the rules missed but the classifier is confident about, with the clause that drove them.

    maybe: from a chunk pass (`xiezhi.collection.fast`), the categories whose logit is at or near their limit;
    when none of them is left after the rules, the exact per-message computation cannot add anything;
    features: gives this text's exact `Features` from the same chunk pass; candidates: the rules' candidate spans
    from the same chunk pass (`ChunkRules.scan_many_spans`), so the cancelled words are judged without a rescan;
    words: that pass's `Found` for the message (which of `hits_of`'s word lists occur in it)."""
    m = load_model() if model is None else model
    if m is None or not norm.text:
        return []
    found = {f.category for f in findings}
    if maybe is not None and maybe <= found | blocked:
        return []  # what `maybe <= have` below gives (have contains found and blocked), without computing `have`
    have = found | blocked | implied_by(findings, third_party, is_narrative(norm.text))
    if maybe is not None and maybe <= have:
        return []
    feats = m.features(norm.text) if features is None else features()
    z = m.logits(feats)
    if threshold is None:
        over = z >= _logit_limits(m)
    else:
        over = z >= (np.log(threshold / (1 - threshold)) if 0 < threshold < 1 else (-np.inf if threshold <= 0 else np.inf))
    rules = {f.rule for f in findings}
    wanted = [c for c, o in zip(m.categories, over.tolist(), strict=True)
              if o and c not in have and not found.intersection(MODEL_NOT_BESIDE.get(c, ()))
              and not (rules.intersection(MODEL_NOT_BESIDE_RULES.get(c, ())) and not _FORCE_WORDS.search(norm.text))]
    if any(c in MODEL_NOT_FOR_EXPOSURE for c in wanted) and _EXPOSURE.search(norm.text) is not None:
        kept = [c for c in wanted if c not in MODEL_NOT_FOR_EXPOSURE or MODEL_NOT_FOR_EXPOSURE[c].search(norm.text)]
        if len(kept) < len(wanted) and "intimidation" not in have and "intimidation" not in kept:
            kept.append("intimidation")  # what the exposure threat is (convention 20), which the violence implied
        wanted = kept
    for cat, (beside, place, visit) in MODEL_NOT_AT.items():
        if cat in wanted and (beside in found or beside in wanted) and place.search(norm.text) \
                and not visit.search(norm.text):
            wanted.remove(cat)
    if not wanted:
        return []
    matcher = get_matcher()
    cancelled: dict[str, list[tuple[int, int]]] = {}
    if candidates is None:  # re-derived here (rare: only when the model wants a category)
        matcher.scan(norm, None, cancelled)
    else:
        matcher.hits_of(norm, candidates, cancelled, words)
    bounds = clause_list(norm.text)
    starts = [b[0] for b in bounds]
    narrative = is_narrative(norm.text)
    probs = dict(zip(m.categories, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))
    out: list[Finding] = []
    for cat in wanted:
        s, e = bounds[int(np.argmax(m.clause_scores(feats, cat, starts)))]
        if matcher.negated_clause(norm.text, s, e):
            continue
        if any(cs < e and s < ce for cs, ce in cancelled.get(cat, ())):
            continue  # a rule of this category matched these words and was cancelled (denial, question, warning)
        mode = "done" if cat in _DONE_CATEGORIES else mode_of_clause(norm.text, s, e, narrative)
        spec = load_categories()[cat]
        ws, we = driving_words(m, feats, cat, norm.text, s, e)
        rule = nearest_rule(cat, norm.text[ws:we])
        why = f"统计模型判断这段话属于“{spec.title}”（把握 {probs[cat]:.0%}），请核对原话。"
        if rule is not None:
            why += rule.explanation
        out.append(_finding(cat, spec.severity, mode, norm.orig_span(ws, we), text, why,
                            rule.citations if rule else (), day, "model", lender_type))
    return out


def _bigrams(words: list[str]) -> frozenset[str]:
    return frozenset(w[i:i + 2] for w in words for i in range(max(len(w) - 1, 1)))


@lru_cache(maxsize=32)
def _rule_bigrams(category: str) -> tuple[tuple[Any, frozenset[str]], ...]:
    """The rules a model finding may borrow its explanation and citations from (those without a metadata
    condition), with the character pairs of their words."""
    spec = load_categories()[category]
    out = []
    for r in spec.rules:
        if r.requires.recipient or r.requires.lender:
            continue
        out.append((r, _bigrams(r.any + r.trigger + [w for group in r.near for w in group])))
    return tuple(out)


def nearest_rule(category: str, phrase: str) -> Any:
    """The rule of `category` whose words share the most character pairs with the phrase that drove a model
    finding: its explanation and citations describe what the phrase says (the first such rule if none share any)."""
    cands = _rule_bigrams(category)
    if not cands:
        spec = load_categories()[category]
        return spec.rules[0] if spec.rules else None
    grams = _bigrams([phrase])
    best = max(range(len(cands)), key=lambda i: (len(grams & cands[i][1]), -i))
    return cands[best][0]


#: A model finding quotes at least this many characters (widened inside its clause when the words are fewer).
MIN_MODEL_QUOTE = 6
#: A phrase next to the strongest one joins the span when it weighs at least this share of it.
DRIVING_SHARE = 0.5
_PHRASE = re.compile(r"[^，,、；;：:\s]+")
_GRAM_LENGTHS: dict[int, tuple[Any, np.ndarray]] = {}


def _gram_lengths(m: Any) -> np.ndarray:
    got = _GRAM_LENGTHS.get(id(m))
    if got is None or got[0] is not m:
        lens = np.zeros(len(m.vocab), dtype=np.int64)
        for g, row in m.vocab.items():
            lens[row] = len(g)
        got = _GRAM_LENGTHS[id(m)] = (m, lens)  # keeps the model alive, so its id is not reused
    return got[1]


def driving_words(m: Any, feats: Any, category: str, text: str, s: int, e: int) -> tuple[int, int]:
    """The words of clause [s, e) that drove a model finding (normalised offsets). Each gram occurrence's weight
    toward `category` is spread over its characters; the clause is cut into phrases at commas and the like, the
    phrase with the largest sum is the span, joined by a neighbouring phrase that weighs at least DRIVING_SHARE of
    it, and widened to at least MIN_MODEL_QUOTE characters."""
    col = m.categories.index(category)
    per = np.zeros(e - s)
    sel = (feats.occ_starts >= s) & (feats.occ_starts < e)
    starts, rows = feats.occ_starts[sel] - s, feats.occ_rows[sel]
    lens = _gram_lengths(m)[rows]
    w = m.gram_weights(feats, col)[sel].astype(np.float64) / lens  # through a hidden layer too (model9)
    for k in range(int(lens.max()) if len(lens) else 0):
        ok = (lens > k) & (starts + k < e - s)
        np.add.at(per, starts[ok] + k, w[ok])
    phrases = [(p.start(), p.end()) for p in _PHRASE.finditer(text, s, e)] or [(s, e)]
    score = [float(per[a - s:b - s].sum()) for a, b in phrases]
    i = j = int(np.argmax(score))
    top = score[i]
    while i > 0 and score[i - 1] >= DRIVING_SHARE * top:
        i -= 1
    while j + 1 < len(phrases) and score[j + 1] >= DRIVING_SHARE * top:
        j += 1
    while phrases[j][1] - phrases[i][0] < MIN_MODEL_QUOTE and (i > 0 or j + 1 < len(phrases)):
        if j + 1 < len(phrases) and (i == 0 or score[j + 1] >= score[i - 1]):
            j += 1
        else:
            i -= 1
    return phrases[i][0], phrases[j][1]


def _allowed(hit: RuleHit, meta: MessageMeta, needs: list[MetadataNeed], blocked: set[str]) -> bool:
    """Metadata conditions of a rule; a category a rule was refused for is `blocked` for the model too."""
    ok = _requires_met(hit, meta, needs)
    if not ok:
        blocked.add(hit.rule.category)
    return ok


def _requires_met(hit: RuleHit, meta: MessageMeta, needs: list[MetadataNeed]) -> bool:
    req = hit.rule.requires
    cat = hit.rule.category
    if req.recipient == "not_third_party":
        if meta.recipient_role in THIRD_PARTY_ROLES:
            return False
    elif req.recipient:
        role = meta.recipient_role
        if role is None:
            needs.append(MetadataNeed.model_construct(field="recipient_role", category=cat, why=_NEED_WHY["recipient_role"]))
            return False
        third = role in THIRD_PARTY_ROLES
        if (req.recipient == "third_party") != third:
            return False
    if req.lender:
        licensed = lender_is_licensed(meta.lender_type)
        if licensed is None:
            needs.append(MetadataNeed.model_construct(field="lender_type", category=cat, why=_NEED_WHY["lender_type"]))
            return False
        if (req.lender == "licensed") != licensed:
            return False
    return True


def analyze(text: str, meta: MessageMeta | dict[str, Any] | None = None, *, id: str | None = None,
            model: Any = None, threshold: float | None = None) -> CheckResult:
    """Check one message (or one described incident) with optional metadata.

    model: None = the shipped classifier if present, False = rules only, or a `Model` (for training).
    """
    if meta is None:
        meta = _NO_META
    elif isinstance(meta, dict):
        meta = MessageMeta.model_validate(meta)
    return analyze_normalised(text, normalise(text), meta, id=id, model=model, threshold=threshold)


def analyze_normalised(text: str, norm: Normalised, meta: MessageMeta, *, id: str | None = None, model: Any = None,
                       threshold: float | None = None, maybe: frozenset[str] | None = None,
                       literal_hits: list[tuple[int, Any]] | None = None,
                       features: Callable[[], Any] | None = None, hits: list[RuleHit] | None = None,
                       approx: Any = None,
                       candidates: dict[int, list[tuple[int, int]]] | None = None,
                       words: Found | None = None) -> CheckResult:
    """`analyze` after normalisation; `maybe`, `candidates` and `words` (see `_model_findings`), `literal_hits` (see
    `Matcher.scan`), `hits` (the scan's result) and `approx` (see `_veto`) come from a chunk pass."""
    if hits is None:
        hits = get_matcher().scan(norm, literal_hits)
    day = meta.sent_at.date() if meta.sent_at else None
    lender = meta.lender_type  # citations of instruments that bind other lenders are dropped (legal review 2, D11)
    needs: list[MetadataNeed] = []
    findings: list[Finding] = []
    blocked: set[str] = set()
    ends: list[int] | None = None
    ruled: list[tuple[Finding, RuleHit]] = []  # for the veto (RULE_VETO_BELOW)
    further: list[Finding] = []  # a third party's message threatening yet other contacts (convention 16)
    for hit in hits:
        if not _allowed(hit, meta, needs, blocked):
            continue
        rule = hit.rule
        if meta.recipient_role == "guarantor" and rule.id == "fl-family-liable":
            continue  # a guarantor is liable within the guarantee
        spec = load_categories()[rule.category]
        severity = "possible_crime" if hit.escalated else rule.severity or spec.severity
        if ends is None:
            ends = clause_ends(norm.text)
        span = _span(norm, hit.start, hit.end, ends)
        findings.append(_finding(rule.category, severity, hit.mode, span, text, rule.explanation, rule.citations,
                                 day, rule.id, lender))
        if meta.recipient_role in _DIRECTED and _threatens_further_contact(norm, hit):
            further.append(findings[-1])
        for extra in rule.also:  # intimidation is always `done` (the menacing words or visit happened)
            findings.append(_finding(extra, severity, "done" if extra == "intimidation" else hit.mode, span, text,
                                     rule.explanation, (), day, rule.id, lender))
        if RULE_VETO_BELOW is not None:
            ruled.extend((f, hit) for f in findings[len(ruled):])
    if RULE_VETO_BELOW is not None and model is not False and findings:
        findings = _veto(ruled, norm, model, features, approx)
    if model is not False and in_collection_context(norm.text, findings, meta):
        findings.extend(_model_findings(norm, text, findings, day, model, threshold, blocked, maybe, features,
                                        meta.recipient_role in THIRD_PARTY_ROLES, candidates, lender, words))
    if meta.recipient_role in THIRD_PARTY_ROLES and not meta.contact_refused and mentions_consent(norm.text):
        findings = [f for f in findings if f.rule != "tp-relay-request"]  # the debtor agreed to this contact
    verdicts: list[Verdict] = []
    if meta.sent_at is not None:
        v = time_of_day(meta.sent_at, automated=is_automated_notice(norm.text), consent_night=bool(meta.consent_night))
        if v:
            verdicts.append(v)
        v = night_visit(meta.sent_at, norm.text, meta.channel)
        if v:
            verdicts.append(v)
            verdicts.append(night_visit_menace(v))  # convention 15: a night visit is menace too
    if meta.count_per_day is not None:
        v = count_per_day(meta.count_per_day, day or date.today(), meta.channel, answered=mentions_answered(norm.text))
        if v:
            verdicts.append(v)
    if (meta.sent_at is None or meta.count_per_day is None) and is_narrative(norm.text):
        # a borrower's own account: a night time or a daily count written in the text decides, unless meta gives it
        if meta.sent_at is None and (v := stated_time_of_day(norm.text)):
            verdicts.append(v)
        if meta.count_per_day is None and (v := stated_count_per_day(norm.text, day)):
            verdicts.append(v)
    if meta.recipient_role in THIRD_PARTY_ROLES and jointly_liable(norm.text):
        findings = [f for f in findings if f.category not in ("third_party_contact", "debt_disclosure")]
    elif meta.recipient_role in THIRD_PARTY_ROLES:
        pressure = any(w in norm.text for w in cues().pressure_pay) or any(
            f.rule == "tp-you-are-liable" for f in findings)
        if meta.recipient_role == "public":  # posts and notices: disclosure/exposure, never directed contact
            findings = [f for f in findings if f.category != "third_party_contact"]
        verdicts.extend(recipient_contact(meta.recipient_role, debt_details=mentions_debt(norm.text)
                                          and (meta.recipient_role != "public" or names_a_person(norm.text)),
                                          pressure=pressure,
                                          contact_refused=meta.contact_refused or mentions_refusal(norm.text),
                                          debtor_reachable=meta.debtor_reachable,
                                          personal_data=mentions_personal_data(
                                              norm.text, meta.channel == "incident" or is_narrative(norm.text)),
                                          consented=mentions_consent(norm.text)))
    whole = _whole(text) if verdicts else (0, 0)
    for v in verdicts:
        findings.append(_finding(v.category, v.severity, "done", whole, text, v.explanation, v.cites, day,
                                 NOTE_RULE if v.note else "metadata", lender))
    if scam_offer_only(findings, norm.text):
        findings = [f for f in findings if f.category not in SCAM_OFFER_ONLY]
    specs = load_categories()
    implied: list[Finding] = []
    third = meta.recipient_role in THIRD_PARTY_ROLES
    narrative = None
    for f in findings:
        if third and f.category in _REACHED:
            if any(f is g for g in further):
                implied.append(_finding("intimidation", "violation", "done", f.span, text,
                                        "向第三人扬言再去联系债务人的单位、领导或家人，意在借第三人施压、制造恐惧，属于恐吓。",
                                        (), day, f"implied:{f.rule}", lender))
            f.mode = "done"  # the message reached a third party: the contact or disclosure happened
            continue
        if f.mode != "threatened" and f.category != "violence_threat":
            continue
        if narrative is None:
            narrative = is_narrative(norm.text)
        for cat in _implies(f, third, narrative):
            implied.append(_finding(cat, "violation", "done", f.span, text,
                                    f"扬言{specs[f.category].title}，意在制造恐惧、逼迫还款，属于恐吓。", (), day,
                                    f"implied:{f.rule}", lender))
    return _result(findings + implied, needs, id)


def _result(findings: list[Finding], needs: list[MetadataNeed], id: str | None) -> CheckResult:
    best: dict[str, Finding] = {}
    notes: list[Finding] = []
    for f in findings:
        if f.rule == NOTE_RULE:
            notes.append(f)  # e.g. 21:00-22:00: shown as an info note, never a label (taxonomy hard case 6)
            continue
        cat = f.category
        cur = best.get(cat)
        if cur is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur.severity]:
            best[cat] = f
    if len(best) > ("compliant" in best):  # a violation: one finding per category, in category order
        labels = sorted([c for c in best if c != "compliant"], key=_ORDER.__getitem__)
        chosen = [best[c] for c in labels]
        # a compliant note (e.g. 21:00-22:00) is dropped once a violation exists
    else:
        chosen = ([best["compliant"]] if "compliant" in best else []) + notes
        labels = ["compliant"]
    severity, rank = "info", 0  # the highest severity (the first of equal ones), "info" for none
    for f in chosen:
        if SEVERITY_RANK[f.severity] > rank:
            severity, rank = f.severity, SEVERITY_RANK[f.severity]
    seen: set[tuple[str, str]] = set()
    need_list: list[MetadataNeed] = []
    for n in needs:
        key = (n.field, n.category)
        if key not in seen and n.category not in best:
            seen.add(key)
            need_list.append(n)
    return fast_construct(CheckResult, {"id": id, "labels": labels, "severity": severity, "findings": chosen,
                                        "needs_metadata": need_list})
