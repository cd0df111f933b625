"""Metadata rules: explicit functions of dated parameters (data/params/collection/) and message facts.

Each function takes what it needs and returns findings (or nothing); none reads the message text except
through the cue lists in data/collection/cues.yaml. Thresholds come from `xiezhi.params`:
collection.quiet_hours_start / quiet_hours_end (GB/T 45251—2025, 中银协 2026 指引) and
collection.max_answered_calls_per_day / max_call_attempts_per_day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from xiezhi.collection.models import LICENSED_LENDERS, THIRD_PARTY_ROLES, VOICE_CHANNELS

CUES_PATH = Path(str(resources.files("xiezhi"))) / "data" / "collection" / "cues.yaml"


@dataclass(frozen=True)
class Cues:
    debt_detail: tuple[str, ...]
    debt_amount: re.Pattern[str]
    pressure_pay: tuple[str, ...]
    personal_data: tuple[str, ...]
    personal_data_not: tuple[str, ...]
    consent: tuple[str, ...]
    clause_negators: tuple[str, ...]
    question_cues: tuple[str, ...]
    joint_liability: tuple[str, ...]
    visit: tuple[str, ...]
    debt_detail_not: tuple[str, ...]
    answered_calls: tuple[str, ...]
    missed_calls: tuple[str, ...]
    refusal: tuple[str, ...]
    bombing_reference: int
    automated_notice: tuple[str, ...]
    collection: tuple[str, ...]
    evening_note_from: time
    threat_mode: tuple[str, ...] = ()
    narrative: tuple[str, ...] = ()
    banter: tuple[str, ...] = ()
    banter_categories: tuple[str, ...] = ()
    banter_emoji: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    clause_disclaimers: tuple[str, ...] = ()
    heir_estate: tuple[str, ...] = ()
    heir_estate_not: tuple[str, ...] = ()
    consent_request: tuple[str, ...] = ()
    consent_request_not: tuple[str, ...] = ()
    disclosure_negators: tuple[str, ...] = ()
    disclosure_verbs: tuple[str, ...] = ()
    personal_data_asked: tuple[str, ...] = ()
    personal_data_acts: tuple[str, ...] = ()
    personal_data_narrator: tuple[str, ...] = ()
    personal_data_shown: tuple[str, ...] = ()


#: The Cues fields that are not word lists; every other field is the cues.yaml list of the same name.
_CUE_SCALARS = frozenset({"debt_amount", "bombing_reference", "evening_note_from"})


@lru_cache(maxsize=1)
def cues_data() -> dict[str, Any]:
    """cues.yaml as parsed (once per process: it is read by `cues` here and by `engine.scope_cues`)."""
    return yaml.safe_load(CUES_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = cues_data()
    h, m = (int(x) for x in str(data["evening_note_from"]).split(":"))
    lists = {f.name: tuple(data[f.name]) for f in fields(Cues) if f.name not in _CUE_SCALARS}
    return Cues(debt_amount=re.compile(data["debt_amount_regex"]), bombing_reference=int(data["bombing_reference"]),
                evening_note_from=time(h, m), **lists)


@dataclass(frozen=True)
class Verdict:
    """What a metadata rule concluded: a category at a severity, with a Chinese explanation."""

    category: str
    severity: str
    explanation: str
    note: bool = False  # an info note kept in `findings` that never becomes a label (21:00-22:00)
    #: article ids this verdict rests on beyond the category's general basis, cited first (legal review 2, D9/D12/
    #: D30: a spouse verdict 民法典1064, a public disclosure pipl:25, a night visit's menace 软暴力意见一)
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactLimits:
    quiet_start: time
    quiet_end: time
    max_answered_calls: int
    max_attempts: int | None  # None: no instrument set an attempt line on that day (before 2026-01-30)
    covered: bool  # False: the date is before the first standard that sets these lines


_FALLBACK_DAY = date(2026, 11, 28)


@lru_cache(maxsize=64)
def contact_limits(day: date) -> ContactLimits:
    """The quiet hours and call-count lines in force on `day` (from xiezhi.params)."""
    from xiezhi.params import NotCovered, get_params

    params = get_params()
    try:
        start = params.value("collection.quiet_hours_start", day).value
        end = params.value("collection.quiet_hours_end", day).value
        answered = int(params.value("collection.max_answered_calls_per_day", day).value)
        covered = True
    except NotCovered:
        return ContactLimits(time(22), time(8), 3, 6, covered=False)
    try:
        attempts = int(params.value("collection.max_call_attempts_per_day", day).value)
    except NotCovered:  # 中银协 line (2026-01-30) not yet published on that day: GB/T line only
        attempts = None
    assert isinstance(start, time) and isinstance(end, time)
    return ContactLimits(start, end, answered, attempts, covered)


def is_quiet_time(t: time, limits: ContactLimits) -> bool:
    return t >= limits.quiet_start or t < limits.quiet_end


def quiet_hours_basis(limits: ContactLimits) -> str:
    """The instruments that set the quiet hours on that day: GB/T 45251—2025 (from 2025-02-28), and the
    中国银行业协会 guideline once published (2026-01-30, the day its attempt line starts)."""
    if limits.max_attempts is None:
        return "国家推荐性标准GB/T 45251—2025"
    return "国家推荐性标准GB/T 45251—2025和中国银行业协会2026年催收工作指引"


def time_of_day(sent_at: datetime, *, automated: bool = False, consent_night: bool = False) -> Verdict | None:
    """22:00–08:00 -> harassment_time (violation; info for automated notices or agreed night contact);
    21:00–22:00 -> a harassment_time info *note* (taxonomy hard case 6: the message stays `compliant`,
    no instrument sets a 21:00 line)."""
    limits = contact_limits(sent_at.date())
    t = sent_at.time()
    hhmm = sent_at.strftime("%H:%M")
    if is_quiet_time(t, limits):
        window = f"{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}"
        if not limits.covered:
            return Verdict("compliant", "info", f"联系时间 {hhmm} 在深夜，但此日期早于规定{window}不得催收的标准生效日（2025-02-28），只作提示。")
        if consent_night:
            return Verdict("harassment_time", "info", f"联系时间 {hhmm} 在{window}之间，但你曾同意夜间联系。")
        if automated:
            return Verdict("harassment_time", "info", f"系统自动发送的账单或还款提醒在 {hhmm} 到达（{window}），记录在案即可。")
        return Verdict("harassment_time", "violation",
                       f"联系时间 {hhmm} 在{window}之间；{quiet_hours_basis(limits)}要求未经同意不在此时段催收。")
    if t >= cues().evening_note_from:
        return Verdict("harassment_time", "info",
                       f"联系时间 {hhmm} 接近夜间，只作提示：本工具收录的标准和行业指引没有21点的界线，{quiet_hours_basis(limits)}禁止的是"
                       f"{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}催收，因此不算违规。", note=True)
    return None


def count_per_day(count: int, day: date, channel: str | None = None, *, answered: bool | None = None) -> Verdict | None:
    """The answered-call line (GB/T 45251: 有效通话 ≤ 3 a day) only for answered calls: the text says so, or the
    message is the content of a voice call (a transcript or a robot's script was heard, so the call connected) and
    does not say the calls were missed (`answered` is `mentions_answered`: True, False for missed, None unknown).
    Other calls against the attempt line (中银协: 未接通 ≤ 6 a day, or the tool's reference of 6 before that
    guideline); visits against the answered line without naming an instrument (none counts visits); messages against
    the tool's reference of 6 (no instrument counts messages). Legal review 2, D5/D25."""
    limits = contact_limits(day)
    if not limits.covered:
        return None
    if answered or (answered is None and channel in VOICE_CHANNELS):
        if count > limits.max_answered_calls:
            return Verdict("harassment_frequency", "violation",
                           f"同一方一天与你有效通话 {count} 次，超过行业标准每日有效通话不超过{limits.max_answered_calls}次的界线。")
        return None
    if channel == "visit":
        if count > limits.max_answered_calls:
            return Verdict("harassment_frequency", "violation", f"同一方一天上门 {count} 次，明显超出合理催收频次。")
        return None
    line = limits.max_attempts or cues().bombing_reference
    if count <= line:
        return None
    if channel is None or channel in VOICE_CHANNELS:  # calls not known to have connected
        basis = (f"中国银行业协会指引对未接通电话每日尝试不宜超过{limits.max_attempts}次" if limits.max_attempts
                 else f"本工具以每日{line}次为参照")
        return Verdict("harassment_frequency", "violation",
                       f"同一方一天呼叫 {count} 次（未说明是否接通），超过{basis}的界线。")
    return Verdict("harassment_frequency", "violation",
                   f"同一方一天发来 {count} 条信息；没有文件规定短信条数，本工具以每日{line}次为参照，超过即视为轰炸。")


#: The collector's words inside a borrower's account: quoted (“…”, 「…」, "…") or reported after 说/问/讲 to the
#: end of the clause. Not the writer's own 问一下/问下 ("我想问下，我的网贷逾期以后催收打了我表哥电话…"): that opens the
#: writer's question, and reading the rest as the collector's words made the writer's own debt words a disclosure
#: (precision8: seven locating calls told by contacts and borrowers of annotators c C G H p F; one report of a contract
#: *sent* to an ex-partner, p0292, was disclosed only through this misreading and is lost). Nor the writer's 请问 (engine9).
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{1,200})[”」』\"]|(?:说|(?<!请)问(?!一下|下)|讲|告诉[^，。！？]{0,4})[:：，,]?([^。！？\n]{1,80})")


def collector_words(text: str) -> str:
    """In a borrower's own account, the words it attributes to the collector (quoted or reported)."""
    return "\n".join(a or b for a, b in _QUOTED.findall(text))


def mentions_debt(text: str) -> bool:
    """The message reveals a debt (cues `debt_detail`, a sum, `_DEBT_WORDING`). In a borrower's own account ("我欠了网贷，
    催收打给我姐问她我在哪") or a writer's question about what happened (`_writer_asks`) only the collector's quoted or
    reported words count: the writer's narration is not what the third party heard."""
    from xiezhi.collection.engine import is_narrative  # engine reads the cue lists of this module

    if is_narrative(text) or _writer_asks(text):
        text = collector_words(text)
    c = cues()
    text = _disclosure_denied().sub("", text)
    for w in c.debt_detail_not:
        text = text.replace(w, "")
    return any(w in text for w in c.debt_detail) or bool(c.debt_amount.search(text)) \
        or _DEBT_WORDING.search(text) is not None


#: A debt told in words the cue list's nouns miss (engine9; H0004, F0040, c0089, H0048 …): an account in arrears or
#: chased (账拖了两个月, 账一直没还, 要账, 催账, 讨账), the money asked about (你表妹的钱什么时候还), a refusal to repay
#: (你朋友不还钱). On the read sets +13 true disclosures to 4 debatable ones (y0181 找我要账, d0290 "告诉你老公，再不还钱…", I0207 and
#: q0193, where f0163's annotator reads the same 说我装病不还钱 as disclosure); "欠的钱" (1 to 2) and "替他还/帮他垫上"
#: (7 to 9: annotators split on a demand to pay made to a relative) were measured and left out.
_DEBT_WORDING = re.compile(r"账(?:都|已经|已)?(?:拖|欠|逾期|没还|还没还|一直没还)|(?:要|催|讨|收|追)账"
                           r"|钱(?:到底)?(?:什么时候|啥时候|几时|何时|哪天)(?:能)?还|不还钱")
#: A writer asking about what happened (请问, 合法吗, 怎么办 …), speaking of himself and addressing no one (no 你/您): an
#: account like `engine.is_narrative`'s, whose debt words are the writer's own, not what the third party heard
#: ("我系佢阿姐，佢借咗网贷，…话搵唔到佢先问下我"; read sets: 2 wrong disclosures removed, none lost).
_ASKS = re.compile(r"请问|问一下|问下|想问|我想知道|怎么办|咋办|合法吗|违法吗|违规吗|正常吗|算不算|可以报警吗|能报警吗|是真的吗")
_FIRST_PERSON = re.compile(r"我(?![们司])|俺|佢")


def _writer_asks(text: str) -> bool:
    """The writer asks about what happened to them or someone close (see `_ASKS`)."""
    return "你" not in text and "您" not in text and _ASKS.search(text) is not None \
        and _FIRST_PERSON.search(text) is not None


@lru_cache(maxsize=1)
def _disclosure_denied() -> re.Pattern[str]:
    """A clause saying the debt was not told ("没说欠钱的事", "未透露任何欠款信息"): negator, an optional addressee of a
    few characters (没跟她说, 未向其透露), a verb of telling, the rest of the clause. It reveals nothing (taxonomy 2.4: a
    locating request without debt details is contact only)."""
    c = cues()
    neg = "|".join(sorted(map(re.escape, c.disclosure_negators), key=len, reverse=True))
    verb = "|".join(sorted(map(re.escape, c.disclosure_verbs), key=len, reverse=True))
    return re.compile(rf"(?:{neg})[^，,。！？!?；;\n]{{0,3}}?(?:{verb})[^，,。！？!?；;\n]*")


def is_automated_notice(text: str) -> bool:
    return any(w in text for w in cues().automated_notice)


def mentions_personal_data(text: str, narrative: bool = False) -> bool:
    """The message carries the person's data (ID, address, workplace, photos, health). In a first-person account
    (`narrative`) only the collector's part counts: see `collector_part`."""
    c = cues()
    if narrative:
        text = collector_part(text)
    if any(w in text for w in c.personal_data_shown):
        return True  # someone else's photo or ID shown to the writer: the "sent to me" exceptions do not apply
    for w in c.personal_data_not + c.personal_data_asked:
        text = text.replace(w, "")
    return any(w in text for w in c.personal_data)


_CLAUSE_END = frozenset("，,。！？!?；;\n")
_QUOTE_OPEN = frozenset("“「『\"")
_QUOTE_CLOSE = frozenset("”」』\"")
_SENTENCE_END = frozenset("。！？!?；;\n")
#: Words that may open a clause before its subject ("后来我说……", "因为我在上班").
_CONNECTIVE = re.compile(r"^(?:后来|但是|但|可是|可|而且|因为|所以|结果|然后|其实|当时|现在)")


def _clauses(text: str) -> list[tuple[str, bool, bool]]:
    """The clauses of `text`, each with whether it lies in or holds a quotation (a quoted clause is someone's
    words, here the collector's: a banner, a message, "他说……") and whether it ends a sentence."""
    out: list[tuple[str, bool, bool]] = []
    depth, start, quoted = 0, 0, False
    for i, ch in enumerate(text):
        if ch in _QUOTE_OPEN and (ch != '"' or depth == 0):
            depth, quoted = depth + 1, True
        elif ch in _QUOTE_CLOSE and depth:
            depth, quoted = depth - 1, True
        elif ch in _CLAUSE_END:
            out.append((text[start:i], quoted or depth > 0, ch in _SENTENCE_END))
            start, quoted = i + 1, depth > 0
    out.append((text[start:], quoted or depth > 0, True))
    return out


def collector_part(text: str) -> str:
    """What a first-person account reports the collector said or did with the person's data (recall6, privacy6):
    the narrator's own self-descriptions ("我是小学老师", "我在餐馆上班", "我爸脑梗住院", "她现在住院化疗") disclose
    nothing, so a personal-data word in them must not make a third-party message `privacy_exposure`.

    A sentence counts only when one of its clauses is quoted (the collector's words, a banner) or names an act on the
    data or a collector (`personal_data_acts`: 发, 贴, 收到, 曝光, 催收, 他们, 说要……). In such a sentence every clause
    is kept ("我住院期间的病历和诊断书，不知道催收从哪弄来的，拍照发到了家族群里") except the narrator's own: a clause
    opening with the narrator or a relative (`personal_data_narrator`: 我是, 我在, 我说, 我爸, 她现在……) and the
    clauses after it up to the next acting one ("客服打到我电话，只问能不能联系上我妈，我说她在住院")."""
    c = cues()
    kept: list[str] = []
    sentence: list[tuple[str, bool, bool]] = []  # clause, acting, narrator's own
    for clause, quoted, sentence_end in _clauses(text):
        acting = quoted or any(w in clause for w in c.personal_data_acts)
        opening = _CONNECTIVE.sub("", clause.lstrip(), count=1)
        sentence.append((clause, acting, not acting and opening.startswith(c.personal_data_narrator)))
        if not sentence_end:
            continue
        if any(a for _, a, _ in sentence):
            own = False
            for cl, acting_, narrator in sentence:
                own = narrator or (own and not acting_)
                if not own:
                    kept.append(cl)
        sentence = []
    return "，".join(kept)


def mentions_consent(text: str) -> bool:
    return any(w in text for w in cues().consent)


def recipient_contact(role: str, *, debt_details: bool, pressure: bool, contact_refused: bool | None,
                      debtor_reachable: bool | None, personal_data: bool = False,
                      consented: bool = False) -> list[Verdict]:
    """A message to a third party: contact (info for a single locating request, otherwise violation)
    and, when the debt is revealed, disclosure."""
    if role not in THIRD_PARTY_ROLES:
        return []
    out: list[Verdict] = []
    spouse_note = "（如果该债务属于夫妻共同债务，配偶也是债务人，民法典第一千零六十四条）" if role == "spouse" else ""
    contact_cites = ("civil-code:1064",) if role == "spouse" else ()
    who = {"spouse": "配偶", "emergency_contact": "紧急联系人", "address_book_contact": "通讯录联系人",
           "employer_or_colleague": "单位或同事", "public": "公众"}[role]
    if role == "public":
        pass  # a post or notice to the public is disclosure/exposure, not directed contact
    elif consented and not contact_refused:
        pass  # the debtor agreed to this contact; disclosure beyond a message still counts below
    elif contact_refused or pressure or debtor_reachable or role in ("employer_or_colleague", "address_book_contact"):
        reason = "对方已拒绝再被联系" if contact_refused else "向其施压或催其还款" if pressure else \
            "债务人本人可以联系上" if debtor_reachable else "对象不是债务人指定的联系人"
        out.append(Verdict("third_party_contact", "violation",
                           f"信息发给了{who}，{reason}；只能向债务人本人、共同借款人或担保人催收。{spouse_note}",
                           cites=contact_cites))
    else:
        out.append(Verdict("third_party_contact", "info",
                           f"信息发给了{who}。联系不上本人时可以请联系人转告一次，但不得透露欠款，对方拒绝后不得再联系。",
                           cites=contact_cites))
    if debt_details:
        out.append(Verdict("debt_disclosure", "violation",
                           f"向{who}透露了欠款信息；欠款只能告知债务人本人、共同借款人或担保人。{spouse_note}",
                           cites=("pipl:25", "civil-code:1024") if role == "public" else ()))
    if personal_data:
        out.append(Verdict("privacy_exposure", "violation", f"向{who}发送了身份证、住址、照片等个人信息。",
                           cites=("pipl:25",) if role == "public" else ()))
    return out


_PERSON = re.compile(r"某|此人|该人|这个人|本群成员|他|她|我(?!们)|先生|女士|[\u4e00-\u9fa5]{1,3}(?:欠|借)")


def names_a_person(text: str) -> bool:
    """A public post about an identifiable person (not an advert to "网贷逾期的兄弟们")."""
    return bool(_PERSON.search(text))


def mentions_refusal(text: str) -> bool:
    return any(w in text for w in cues().refusal)


def mentions_answered(text: str) -> bool | None:
    """True: the text shows the calls were answered; False: it says they were missed (未接, 打不通), so the attempt
    line applies, not the answered-call line; None: it says neither."""
    if any(w in text for w in cues().missed_calls):
        return False
    return True if any(w in text for w in cues().answered_calls) else None


def jointly_liable(text: str) -> bool:
    """The person reached may lawfully hear of the debt: a co-borrower or guarantor (`joint_liability`), or one of
    the lawful recipients of `lawful_recipient`. check.py drops third-party contact and disclosure when this holds
    for a third-party recipient; the name stays for that caller."""
    return any(w in text for w in cues().joint_liability) or lawful_recipient(text)


#: A court enforcing a judgment through the debtor's employer (民事诉讼法 第二百五十四条: 扣留、提取 the debtor's income by a
#: 协助执行通知书 the employer must carry out; 第二百五十三条 查询): the court's own act, no collector's contact. The court named
#: and the act of enforcement; none of a fake's marks (`_ENFORCEMENT_FAKE`).
_COURT = re.compile(r"人民法院|法院|本院|执行法官|执行局")
_ENFORCEMENT = re.compile(r"协助执行|扣留|提取[^。！？]{0,8}(?:工资|收入)|扣划|(?:查|了解)[^。！？]{0,6}工资")
#: What a court does not do or say: money to the creditor, a person or a channel of its own (the court's own 执行款专户 is
#: fine), a creditor or collector speaking, the court's name in quotes ("所谓"), doubt or denial by the writer (根本没这个
#: 案子, 假的, 冒充), arrest, and the loose terms of fakes (扣押工资, 执行名单).
_ENFORCEMENT_FAKE = re.compile(
    r"我司|我方|债权人|催收|个人|私人|微信|支付宝|二维码|链接|http|手机|[“\"「][^”\"」]{0,12}(?:法院|执行局)|根本没|没有这个|"
    r"没这个|假的|冒充|自称|骗|拘|抓|坐牢|公安|律师函|扣押|名单|到庭|转至|转到|打到")


def court_enforcement(text: str) -> bool:
    """A court's own enforcement through the employer ("新城区人民法院协助执行通知书：…请你单位协助扣留被执行人…工资…汇至本院
    执行款专户", "法院的执行法官打电话给我们公司人事，说要查我的工资发放情况") with no mark of a fake (`_ENFORCEMENT_FAKE`):
    a lawful recipient (`lawful_recipient`), not a collector's third-party contact."""
    return _COURT.search(text) is not None and _ENFORCEMENT.search(text) is not None \
        and _ENFORCEMENT_FAKE.search(text) is None


def lawful_recipient(text: str) -> bool:
    """Third parties the law lets hear of the debt, as principles (fourth session, tpscope): an heir asked about the
    deceased's debt within the estate (民法典 第一千一百六十一条); a court's own service or notice with no red flag
    (`engine.court_notice`: 民事诉讼法 第八十八条 serves on an adult family member living with the debtor, 第二百五十四条
    sends the employer a 协助执行通知书 to withhold wages, also when the notice names the money and the account of the
    court: `court_enforcement`; a court is no collector); a lender asking a named contact
    whether they agree to be one, with no demand and no sum (a request for consent collects nothing)."""
    from xiezhi.collection.engine import court_notice  # engine reads the cue lists of this module

    c = cues()
    if any(w in text for w in c.heir_estate) and not any(w in text for w in c.heir_estate_not):
        return True
    if court_notice(text) or court_enforcement(text):
        return True
    return (any(w in text for w in c.consent_request) and not any(w in text for w in c.consent_request_not)
            and not c.debt_amount.search(text))


def mentions_visit(text: str) -> bool:
    return any(w in text for w in cues().visit)


def night_visit(sent_at: datetime, text: str, channel: str | None) -> Verdict | None:
    """A visit in the quiet hours (from sent_at): unlawful_visit."""
    limits = contact_limits(sent_at.date())
    if not limits.covered or not is_quiet_time(sent_at.time(), limits):
        return None
    if channel == "visit" or mentions_visit(text):
        return Verdict("unlawful_visit", "violation",
                       f"{sent_at:%H:%M} 上门；{quiet_hours_basis(limits)}要求未经同意不在"
                       f"{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}催收，上门也不例外。")
    return None


def night_visit_menace(v: Verdict) -> Verdict:
    """A visit in the quiet hours also frightens (README-check convention 15; taxonomy 2.2 'showing up'):
    the intimidation that goes with a `night_visit` verdict."""
    return Verdict("intimidation", "violation", f"{v.explanation}深夜上门本身就是在制造恐惧、逼迫还款，属于软暴力式滋扰。",
                   cites=("soft-violence-opinions:1",))


def lender_is_licensed(lender_type: str | None) -> bool | None:
    if lender_type is None or lender_type == "unknown":
        return None
    return lender_type in LICENSED_LENDERS

