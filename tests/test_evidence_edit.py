"""xiezhi.evidence.edit: the correction / withdrawal rules every face shares, and the vault enforcing them
inside its write transaction (two writers editing one version: exactly one wins, the chain verifies)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from xiezhi.errors import InputError
from xiezhi.evidence import Counterpart, IncidentInput, Vault, edit

pytest_plugins = ["conftest_postgres"]


# ------------------------------------------------------------------ pure rules
def content(**kw):
    cp = SimpleNamespace(number=kw.pop("number", "1700"), name=kw.pop("name", None), organisation=None)
    base = {"kind": "sms", "occurred_at": datetime(2026, 3, 14, 23, 10, 42), "lender": "某某App",
            "text": "原文\r\n第二行", "notes": None, "counterpart": cp}
    return SimpleNamespace(**{**base, **kw})


FULL_FORM = {"kind": "sms", "occurred_at": "2026-03-14T23:10", "number": "1700", "name": "",
             "organisation": "", "lender": "某某App", "text": "原文\n第二行", "notes": ""}


def item(status: str = "active", history: tuple[int, ...] = (1,), **kw) -> SimpleNamespace:
    return SimpleNamespace(seq=history[0], status=status, history=list(history), current=content(**kw))


def test_changes_from_is_the_forms_diff():
    c = content()
    assert edit.changes_from(c, FULL_FORM) == {}  # the web form pre-filled and sent back unchanged
    assert edit.changes_from(c, {**FULL_FORM, "name": "王某", "lender": ""}) == {
        "lender": None, "counterpart": {"name": "王某"}}
    assert edit.changes_from(c, {}) == {}  # the API and the CLI give only what changes


def test_changes_from_trims_and_normalises_line_ends():
    c = content()
    assert edit.changes_from(c, {"text": "  原文\r\n第二行 \n", "number": " 1700 ", "lender": "某某App\r\n"}) == {}
    assert edit.changes_from(c, {"text": " 原文\r\n第三行 "}) == {"text": "原文\n第三行"}
    assert edit.changes_from(c, {"notes": "  "}) == {}  # blank is the same as nothing
    assert edit.changes_from(c, {"notes": None, "name": None}) == {}
    assert edit.changes_from(c, {"number": None}) == {"counterpart": {"number": None}}  # cleared
    assert edit.norm_text(None) == "" and edit.norm_text(" a\r\nb ") == "a\nb"


def test_changes_from_compares_times_to_the_minute_when_given_to_the_minute():
    c = content()
    assert edit.changes_from(c, {"occurred_at": "2026-03-14 23:10"}) == {}
    assert edit.changes_from(c, {"occurred_at": datetime(2026, 3, 14, 23, 10)}) == {}
    assert edit.changes_from(c, {"occurred_at": datetime(2026, 3, 14, 23, 10, 42)}) == {}
    assert edit.changes_from(c, {"occurred_at": datetime(2026, 3, 14, 23, 10, 41)}) == {
        "occurred_at": datetime(2026, 3, 14, 23, 10, 41)}
    assert edit.changes_from(c, {"occurred_at": "2026-03-15T08:00"}) == {"occurred_at": datetime(2026, 3, 15, 8, 0)}
    assert not edit.same_time(None, datetime(2026, 3, 14, 23, 10))
    assert not edit.same_time(datetime(2026, 3, 14, 23, 10), datetime(2026, 3, 14, 23, 10, tzinfo=UTC))


def test_changes_from_refuses_bad_input_in_chinese():
    c = content()
    with pytest.raises(InputError, match="不能更正这些项：source"):
        edit.changes_from(c, {"source": "x"})
    with pytest.raises(InputError, match="时间不存在"):
        edit.changes_from(c, {"occurred_at": "2026-02-30 10:00"})
    for blank in (None, "", "  "):
        with pytest.raises(InputError, match="请填写发生时间"):
            edit.changes_from(c, {"occurred_at": blank})
    with pytest.raises(InputError, match="请选择证据类型"):
        edit.changes_from(c, {"kind": None})
    with pytest.raises(InputError, match="未知的证据类型：fax"):
        edit.changes_from(c, {"kind": "fax"})
    assert edit.changes_from(c, {"kind": " call "}) == {"kind": "call"}


def test_latest_version_and_editability():
    corrected = item("corrected", (1, 3, 7))
    assert edit.latest_seq(corrected) == 7
    edit.check_editable(corrected, 7)
    assert edit.is_editable(corrected, 7) and not edit.is_editable(corrected, 3)
    with pytest.raises(edit.OldVersion, match="#7") as old:
        edit.check_editable(corrected, 1)
    assert "旧内容" in old.value.message and (old.value.seq, old.value.latest) == (1, 7)
    withdrawn = item("withdrawn", (1, 3, 9))
    assert edit.latest_seq(withdrawn) == 3
    for seq in (1, 3, 9):  # every record of a withdrawn item, the withdrawal included
        with pytest.raises(edit.Withdrawn, match="证据 #1 已经撤回"):
            edit.check_editable(withdrawn, seq)
    assert issubclass(edit.OldVersion, edit.NotEditable) and issubclass(edit.Withdrawn, edit.NotEditable)
    assert issubclass(edit.NotEditable, InputError) and issubclass(edit.UnknownRecord, InputError)


def test_item_state_from_chain_rows():
    assert edit.item_state(4, []) == edit.ItemState(4, "active", [4])
    assert edit.item_state(4, [(9, "correction"), (6, "correction")]) == edit.ItemState(4, "corrected", [4, 6, 9])
    state = edit.item_state(4, [(6, "correction"), (8, "withdrawal")])
    assert state.status == "withdrawn" and edit.latest_seq(state) == 6


def test_versions_leave_out_the_withdrawal():
    rec = SimpleNamespace
    it = SimpleNamespace(records=[rec(seq=1, record_type="incident"), rec(seq=3, record_type="correction"),
                                  rec(seq=5, record_type="withdrawal")])
    assert [r.seq for r in edit.versions(it)] == [1, 3]


def test_check_reason():
    assert edit.check_reason("  号码抄错了\r\n", "correct") == "号码抄错了"
    assert edit.check_reason("第一行\r\n第二行", "withdraw") == "第一行\n第二行"
    assert edit.check_reason("长" * 500, "correct") == "长" * 500
    with pytest.raises(edit.BadReason, match="500 字以内"):
        edit.check_reason("x" * 501, "withdraw")
    with pytest.raises(edit.BadReason, match="更正的原因"):
        edit.check_reason(" \n", "correct")
    with pytest.raises(edit.BadReason, match="撤回的原因"):
        edit.check_reason(None, "withdraw")


def test_plan_correction_checks_in_order():
    it = item("corrected", (1, 2))
    # an old version is refused before anything else is looked at
    with pytest.raises(edit.OldVersion):
        edit.plan_correction(it, 1, {"kind": "fax"}, "")
    with pytest.raises(InputError, match="未知的证据类型"):  # bad fields before "nothing changed"
        edit.plan_correction(it, 2, {"kind": "fax"}, "")
    with pytest.raises(edit.NothingChanged, match="没有改动任何内容") as nothing:  # before the reason
        edit.plan_correction(it, 2, FULL_FORM, "", hints=["用 --text 给出新值。"])
    assert nothing.value.hints == ["用 --text 给出新值。"]
    with pytest.raises(edit.BadReason):
        edit.plan_correction(it, 2, {"text": "新"}, " ")
    assert edit.plan_correction(it, 2, {"text": "新"}, " 抄错了 ") == ({"text": "新"}, "抄错了")
    assert edit.plan_correction(it, 2, {}, "补上截图", adds_files=True) == ({}, "补上截图")


def test_plan_withdrawal():
    assert edit.plan_withdrawal(item(), 1, " 记错了人 ") == "记错了人"
    with pytest.raises(edit.Withdrawn):
        edit.plan_withdrawal(item("withdrawn", (1, 2)), 1, "再撤")
    with pytest.raises(edit.BadReason):
        edit.plan_withdrawal(item(), 1, "")


# ------------------------------------------------------------------ the vault enforces them
def sms(text: str = "再不还钱就上门") -> IncidentInput:
    return IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 23, 10),
                         counterpart=Counterpart(number="17000000000"), text=text)


@pytest.fixture
def two(home: Path, db_url: str):
    """Two vault handles (two engines, as two processes have) on one database."""
    a = Vault.open(home, db_url)
    b = Vault.open(home, db_url)
    yield a, b
    a.close()
    b.close()


def test_vault_refuses_old_versions_and_withdrawn_items(vault: Vault) -> None:
    vault.add(sms())
    vault.correct(1, {"text": "改一"}, "r")
    with pytest.raises(edit.OldVersion, match="#2"):
        vault.correct(1, {"text": "改二"}, "r")
    with pytest.raises(edit.OldVersion):
        vault.withdraw(1, "r")
    vault.withdraw(2, "不要了")
    for seq in (1, 2, 3):
        with pytest.raises(edit.Withdrawn):
            vault.correct(seq, {"text": "x"}, "r")
        with pytest.raises(edit.Withdrawn):
            vault.withdraw(seq, "r")
    with pytest.raises(edit.UnknownRecord, match="没有第 9 条"):
        vault.correct(9, {"text": "x"}, "r")
    vault.add(sms())
    with pytest.raises(edit.BadReason, match="500 字以内"):
        vault.correct(4, {"text": "x"}, "长" * 501)
    assert vault.verify().records == 4


def _after_reading(v: Vault, then) -> None:
    """Make ``v`` run ``then`` right after it has read the item (before its write transaction)."""
    read = v.item

    def item(seq: int):
        found = read(seq)
        then()
        return found

    v.item = item  # type: ignore[method-assign]


@pytest.mark.parametrize("second", ["correct", "withdraw"])
def test_second_writer_of_one_version_fails_cleanly(two, second: str) -> None:
    a, b = two
    a.add(sms())
    _after_reading(b, lambda: a.correct(1, {"text": "甲改的"}, "甲"))
    with pytest.raises(edit.OldVersion, match="#2"):
        b.correct(1, {"text": "乙改的"}, "乙") if second == "correct" else b.withdraw(1, "乙")
    item = a.item(1)
    assert item.history == [1, 2] and item.current.text == "甲改的"
    report = a.verify()
    assert report.ok and report.records == 2


def test_correction_after_a_concurrent_withdrawal_fails_cleanly(two) -> None:
    a, b = two
    a.add(sms())
    _after_reading(b, lambda: a.withdraw(1, "甲撤回"))
    with pytest.raises(edit.Withdrawn):
        b.correct(1, {"text": "乙改的"}, "乙")
    assert a.item(1).status == "withdrawn" and a.verify().records == 2


def test_two_threads_correcting_one_version_exactly_one_wins(two) -> None:
    """Both writers read the item before either writes (a barrier holds them), then both append."""
    a, b = two
    a.add(sms())
    barrier = threading.Barrier(2, timeout=60)
    for v in (a, b):
        _after_reading(v, barrier.wait)
    outcomes: dict[str, object] = {}

    def run(name: str, v: Vault) -> None:
        try:
            outcomes[name] = v.correct(1, {"text": f"{name}改的"}, name)
        except Exception as exc:  # the outcome is asserted below
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=(n, v)) for n, v in (("甲", a), ("乙", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    won = [n for n, o in outcomes.items() if not isinstance(o, Exception)]
    lost = [o for o in outcomes.values() if isinstance(o, Exception)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert isinstance(lost[0], edit.OldVersion) and "#2" in lost[0].message
    item = Vault.item(a, 1)
    assert item.history == [1, 2] and item.current.text == f"{won[0]}改的"
    report = a.verify()
    assert report.ok and report.records == 2 and not report.problems
