"""Times and counts written in a borrower's own account ("凌晨一点催收还在给我打电话", "一天给我打了三十多个电话").

Used by `analyze` only when the metadata lacks sent_at / count_per_day, with the same dated thresholds as the
metadata rules (xiezhi.params collection.*); the explanation says the figure came from the description.
"""

from __future__ import annotations

import re
from datetime import date, time

from xiezhi.collection.metadata import Verdict, contact_limits, cues, is_quiet_time, mentions_answered

# --- Times and counts stated in a borrower's own account (used only when meta lacks sent_at / count) ---

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,3}|[零〇一二两三四五六七八九十百几]{1,4})"
#: "凌晨一点", "夜里两点半", "晚上十一点", "23:30", "半夜", "深夜", "早上六点".
_STATED_TIME = re.compile(
    r"(?P<part>凌晨|半夜|大半夜|深夜|夜里|夜间|晚上|晚|早上|清晨|早晨|一大早)(?P<h>" + _NUM + r")?(?:点|时)?(?P<half>半|多)?"
    r"|(?<!\d)(?P<hh>[01]?\d|2[0-3])[:：](?P<mm>[0-5]\d)(?!\d)"
)
#: A contact described in the same part of the sentence as the time.
_CONTACT_WORDS = ("打电话", "打来", "来电", "电话", "打给我", "给我打", "打我", "发短信", "短信", "发消息", "发信息", "消息",
                  "微信", "语音", "敲门", "上门", "来我家", "到我家", "在我家", "按门铃", "砸门", "堵门", "家门", "门口", "楼下",
                  "催收", "催款", "催我")
#: The contact did not happen, is feared, asked about or announced: no finding from the stated time.
_NOT_HAPPENED = ("担心", "害怕", "怕", "万一", "如果", "要是", "会不会", "能不能", "可不可以", "可以", "不能", "不得",
                 "不可以", "不允许", "规定", "禁止", "不会", "从不", "从来不", "不再", "听说", "是否", "说要",
                 "要来", "会来", "会打", "明天", "明晚", "下次", "以后", "之后再", "白天")
#: The borrower made the contact ("凌晨两点我给催收回了电话"), not the collector, or was at the place himself
#: ("昨晚十点多我在楼下遛狗").
_SELF = re.compile(r"(?<![给被让叫跟])我(?:给|打给|打了|回|主动|(?:在|到|去)(?:家)?(?:楼下|门口|家门口))")
#: A negator right before the contact words ("没打电话", "没有来"): the contact did not happen.
_DENIED = re.compile(r"(?:没有|没|未|并未)(?:再|有)?(?:给我|跟我|给)?(?:打|来|发|上门|敲|联系|催)")
#: Cheap substring gate before the regular expression (most messages state no time).
_TIME_GATE = ("凌晨", "夜", "晚", "早", ":", "：")
_SEGMENT = re.compile(r"[，,、；;。！？!?\n]")
#: Words quoted from someone else (the collector) inside a borrower's account.
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」")
_COUNT_RX = re.compile(
    r"(?<!第)(?P<n>" + _NUM + r"|上百|几十)(?P<more>多|几|来)?(?:个|通|次|条|遍)(?:多)?"
    r"(?P<what>电话|未接来电|来电|短信|信息|消息|微信)?"
)
_DAY_WORDS = ("一天", "今天", "昨天", "当天", "一整天", "一上午", "一下午", "一晚上", "一晚", "一个上午", "一个下午",
              "一个晚上", "上午", "下午", "每天", "天天", "半天", "一个小时", "一小时")
_CALL_WORDS = ("打", "电话", "来电", "call")
#: Contacts from several lenders or platforms are never added up (one side per count).
_SEVERAL_SIDES = ("不同平台", "不同的平台", "个平台", "家平台", "每家", "各家", "不同的催收", "几家")


def parse_cn_number(s: str) -> int | None:
    """'11' -> 11, '三十' -> 30, '二十五' -> 25, '十一' -> 11, '几十' -> 20 (a floor), '上百' -> 100."""
    if s.isdigit():
        return int(s)
    if s == "上百":
        return 100
    if s == "几十":
        return 20
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch == "几":
            cur = 2  # "二十几" -> at least 20; "几" alone is vague
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    total += cur
    return total or None


def _hour(part: str, h: int | None) -> int | None:
    if h is None:
        return {"凌晨": 2, "半夜": 0, "大半夜": 0, "深夜": 23, "夜里": 0, "夜间": 23}.get(part)
    if part in ("晚上", "晚", "深夜", "夜里", "夜间", "半夜", "大半夜"):
        if h == 12:
            return 0
        if 1 <= h <= 4 and part in ("夜里", "半夜", "大半夜", "深夜"):
            return h
        return h + 12 if h < 12 else h if h < 24 else None
    if part in ("凌晨",):
        return h if h < 8 else None
    if part in ("早上", "清晨", "早晨", "一大早"):
        return h if h < 12 else None
    return None


def _segment(text: str, s: int, e: int) -> tuple[int, int]:
    cs = max((m.end() for m in _SEGMENT.finditer(text, 0, s)), default=0)
    m = _SEGMENT.search(text, e)
    return cs, m.start() if m else len(text)


def _sentence(text: str, s: int) -> tuple[int, int]:
    ends = [m.start() for m in re.finditer("[。！？!?\n]", text)]
    cs = max((x + 1 for x in ends if x < s), default=0)
    ce = min((x for x in ends if x >= s), default=len(text))
    return cs, ce


def stated_night_time(text: str) -> tuple[int, int, time, str] | None:
    """The first night time written in a borrower's account next to a described contact ("凌晨一点催收还在给我打电话"):
    (start, end, time, words). None when the contact is feared, asked about, denied or announced."""
    if not any(w in text for w in _TIME_GATE):
        return None
    for m in _STATED_TIME.finditer(text):
        if m.group("hh") is not None:
            h, mi = int(m.group("hh")), int(m.group("mm"))
        else:
            n = parse_cn_number(m.group("h")) if m.group("h") else None
            if m.group("h") and n is None:
                continue
            hh = _hour(m.group("part"), n)
            if hh is None:
                continue
            h, mi = hh, 30 if m.group("half") == "半" else 0
        t = time(h % 24, mi)
        s, e = m.span()
        seg_s, seg_e = _segment(text, s, e)
        seg = text[seg_s:seg_e]
        if not any(w in seg for w in _CONTACT_WORDS):
            nxt = _SEGMENT.search(text, e)
            if nxt is None or seg_e - seg_s > 10:
                continue
            seg_s, seg_e = seg_s, _segment(text, nxt.end(), nxt.end())[1]
            seg = text[seg_s:seg_e]
            if not any(w in seg for w in _CONTACT_WORDS):
                continue
        ss, se = _sentence(text, s)
        sentence = text[ss:se + 1]
        own = _QUOTED.sub("", sentence)  # a question the collector asked ("昨晚睡得好吗") is not the borrower asking
        if any(w in sentence for w in _NOT_HAPPENED) or _DENIED.search(seg) or _SELF.search(seg) or own.endswith(("?", "？", "吗")) \
                or "吗" in own[-3:]:
            continue
        return s, e, t, m.group(0)
    return None


def stated_time_of_day(text: str, day: date | None = None) -> Verdict | None:
    """harassment_time from a time written in the account, with the dated quiet hours of `day` (None: today, read
    only when the account states a time)."""
    got = stated_night_time(text)
    if got is None:
        return None
    _, _, t, words = got
    limits = contact_limits(date.today() if day is None else day)
    if not limits.covered or not is_quiet_time(t, limits):
        return None
    window = f"{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}"
    return Verdict("harassment_time", "violation",
                   f"你描述的联系时间是“{words}”（时间取自你的描述，没有提供发送时间），在{window}之间；"
                   f"国家推荐性标准和行业指引要求未经同意不在此时段催收。请保存通话记录或截图作为证据。")


def stated_count(text: str) -> tuple[int, bool] | None:
    """A number of contacts in one day written in the account ("一天给我打了三十多个电话"): (count, is_call)."""
    if not any(w in text for w in _DAY_WORDS):
        return None
    for m in _COUNT_RX.finditer(text):
        n = parse_cn_number(m.group("n"))
        if n is None:
            continue
        ss, se = _sentence(text, m.start())
        sentence = text[ss:se + 1]
        if not any(w in sentence for w in _DAY_WORDS):
            continue
        what = m.group("what") or ""
        seg_s, seg_e = _segment(text, m.start(), m.end())
        seg = text[seg_s:seg_e]
        is_call = what in ("电话", "未接来电", "来电") or (not what and any(w in seg for w in _CALL_WORDS))
        is_msg = what in ("短信", "信息", "消息", "微信") or (not what and any(w in seg for w in ("发", "短信", "信息")))
        if not (is_call or is_msg):
            continue
        if any(w in sentence for w in _NOT_HAPPENED + _SEVERAL_SIDES) or _DENIED.search(seg) or _SELF.search(seg) \
                or sentence.endswith(("?", "？")) \
                or "吗" in sentence[-3:]:
            continue
        return n, is_call
    return None


def stated_count_per_day(text: str, day: date | None = None) -> Verdict | None:
    """harassment_frequency from a count written in the account: the answered-call line only when the text
    shows the calls were answered, otherwise the attempt line (the same dated parameters as metadata; `day` None:
    today, read only when the account states a count)."""
    got = stated_count(text)
    if got is None:
        return None
    n, is_call = got
    limits = contact_limits(date.today() if day is None else day)
    if not limits.covered:
        return None
    if is_call and mentions_answered(text):
        line, what = limits.max_answered_calls, "每日有效通话"
    else:
        line, what = (limits.max_attempts or cues().bombing_reference), "每日联系尝试"
    if n <= line:
        return None
    kind = "电话" if is_call else "信息"
    return Verdict("harassment_frequency", "violation",
                   f"你描述同一方一天打来或发来约 {n} 次{kind}（次数取自你的描述，没有提供当天的联系次数），"
                   f"超过行业标准和指引{what}不超过{line}次的界线。请保存通话记录截图作为证据。")
