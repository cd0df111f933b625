"""POST /api/v1/evidence/{seq}/correct and /withdraw: append-only edits through the API, with problems."""

from __future__ import annotations

from fastapi.testclient import TestClient

from conftest_api import is_problem
from xiezhi.api import evidence_service as svc
from xiezhi.web.app import create_app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def add(api, **extra) -> int:
    data = {"kind": "sms", "occurred_at": "2026-03-14T23:10:00", "text": "再不还钱就爆你通讯录",
            "number": "1700000000", "name": "王某", "lender": "某某App", **extra}
    r = api.post("/api/v1/evidence", data=data)
    assert r.status_code == 201, r.text
    return r.json()["seq"]


def verified(api) -> dict:
    report = api.get("/api/v1/evidence/verify").json()
    assert report["ok"] is True, report
    return report


def test_correct_json_appends_a_correction(api):
    seq = add(api)
    r = api.post(f"/api/v1/evidence/{seq}/correct",
                 json={"number": "1700000001", "text": "今晚不还就上门", "reason": "号码抄错了"})
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["seq"] == seq and item["status"] == "corrected" and item["history"] == [seq, seq + 1]
    c = item["current"]
    assert c["counterpart"] == {"number": "1700000001", "name": "王某", "organisation": None}
    assert c["text"] == "今晚不还就上门" and c["lender"] == "某某App" and c["kind"] == "sms"
    assert c["occurred_at"] == "2026-03-14T23:10:00" and c["reason"] == "号码抄错了"
    assert [x["record_type"] for x in item["records"]] == ["incident", "correction"]
    assert item["records"][0]["content"]["text"] == "再不还钱就爆你通讯录"  # the original is kept
    assert api.get(f"/api/v1/evidence/{seq}").json() == item  # same model as GET of the record
    # the latest version (the correction record) can be corrected again
    r = api.post(f"/api/v1/evidence/{seq + 1}/correct", json={"occurred_at": "2026-03-14 23:40",
                                                               "reason": "时间记错了"})
    assert r.status_code == 200, r.text
    assert r.json()["current"]["occurred_at"] == "2026-03-14T23:40:00"
    assert r.json()["history"] == [seq, seq + 1, seq + 2]
    report = verified(api)
    assert report["records"] == 3


def test_correct_clears_fields_with_null_or_empty(api):
    seq = add(api, notes="备注")
    r = api.post(f"/api/v1/evidence/{seq}/correct", json={"lender": None, "notes": "", "reason": "不是这个平台"})
    assert r.status_code == 200, r.text
    c = r.json()["current"]
    assert c["lender"] is None and c["notes"] is None and c["text"] == "再不还钱就爆你通讯录"


def test_correct_multipart_adds_attachments(api):
    seq = add(api)
    r = api.post(f"/api/v1/evidence/{seq}/correct", data={"reason": "补上截图"},
                 files=[("files", ("shot.png", PNG, "image/png"))])
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["status"] == "corrected"
    assert [a["media_type"] for a in item["current"]["attachments"]] == ["image/png"]
    att = api.get(f"/api/v1/evidence/{seq}/attachments/0")
    assert att.status_code == 200 and att.content == PNG
    # form fields work as in the add endpoint; a bad file is refused by content
    r = api.post(f"/api/v1/evidence/{seq + 1}/correct", data={"kind": "call", "reason": "是电话不是短信"})
    assert r.status_code == 200 and r.json()["current"]["kind"] == "call"
    body = is_problem(api.post(f"/api/v1/evidence/{seq + 2}/correct", data={"reason": "x"},
                               files=[("files", ("x.png", b"MZ" + b"\x00" * 100, "image/png"))]), 400)
    assert "x.png" in body["detail"] or "类型" in body["detail"]
    verified(api)


def test_withdraw(api):
    seq = add(api)
    other = add(api, text="另一条")
    r = api.post(f"/api/v1/evidence/{seq}/withdraw", json={"reason": "记错了人，这条不是催收"})
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["seq"] == seq and item["status"] == "withdrawn"
    assert item["withdrawn_reason"] == "记错了人，这条不是催收"
    assert item["history"] == [seq, other + 1] and item["records"][-1]["record_type"] == "withdrawal"
    assert [i["seq"] for i in api.get("/api/v1/evidence").json()] == [other]
    assert api.get(f"/api/v1/evidence/{seq}").json() == item
    verified(api)


def test_withdraw_after_correction_uses_latest_version(api):
    seq = add(api)
    assert api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "改", "reason": "r"}).status_code == 200
    body = is_problem(api.post(f"/api/v1/evidence/{seq}/withdraw", json={"reason": "不要了"}), 409)
    assert f"#{seq + 1}" in body["detail"]
    r = api.post(f"/api/v1/evidence/{seq + 1}/withdraw", json={"reason": "不要了"})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    verified(api)


def test_unknown_seq_is_404(api):
    add(api)
    assert "没有第 99 条" in is_problem(api.post("/api/v1/evidence/99/correct", json={"text": "x", "reason": "r"}),
                                        404)["detail"]
    is_problem(api.post("/api/v1/evidence/99/withdraw", json={"reason": "r"}), 404)
    is_problem(api.post("/api/v1/evidence/0/withdraw", json={"reason": "r"}), 422)


def test_old_version_and_withdrawn_are_409(api):
    seq = add(api)
    api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "新内容", "reason": "r"})
    body = is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "又一个", "reason": "r"}), 409)
    assert "旧内容" in body["detail"] and f"#{seq + 1}" in body["detail"]
    api.post(f"/api/v1/evidence/{seq + 1}/withdraw", json={"reason": "不要了"})
    for target in (seq, seq + 1, seq + 2):  # every record of a withdrawn item, the withdrawal included
        body = is_problem(api.post(f"/api/v1/evidence/{target}/correct", json={"text": "y", "reason": "r"}), 409)
        assert "已经撤回" in body["detail"]
        is_problem(api.post(f"/api/v1/evidence/{target}/withdraw", json={"reason": "r"}), 409)
    assert api.get("/api/v1/evidence/verify").json()["records"] == 3  # nothing appended by the refusals


def test_reason_is_required(api):
    seq = add(api)
    body = is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "x"}), 422)
    assert body["errors"][0]["field"] == "reason"
    is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "x", "reason": ""}), 422)
    assert "更正的原因" in is_problem(api.post(f"/api/v1/evidence/{seq}/correct",
                                             json={"text": "x", "reason": "  "}), 400)["detail"]
    is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "x", "reason": "长" * 501}), 422)
    is_problem(api.post(f"/api/v1/evidence/{seq}/correct", data={"text": "x"}), 422)
    is_problem(api.post(f"/api/v1/evidence/{seq}/withdraw", json={}), 422)
    assert "撤回的原因" in is_problem(api.post(f"/api/v1/evidence/{seq}/withdraw", json={"reason": "\n "}),
                                     400)["detail"]
    assert api.get(f"/api/v1/evidence/{seq}").json()["status"] == "active"


def test_nothing_changed(api):
    seq = add(api)
    for body in ({"reason": "r"},
                 {"text": " 再不还钱就爆你通讯录\r\n", "number": "1700000000", "kind": "sms", "reason": "r"},
                 {"occurred_at": "2026-03-14T23:10", "reason": "r"}):
        assert "没有改动" in is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json=body), 400)["detail"]
    assert "没有改动" in is_problem(api.post(f"/api/v1/evidence/{seq}/correct", data={"reason": "r"}), 400)["detail"]


def test_bad_input(api):
    seq = add(api)
    url = f"/api/v1/evidence/{seq}/correct"
    assert is_problem(api.post(url, json={"occurred_at": "2026-02-30T10:00", "reason": "r"}), 422)["errors"]
    is_problem(api.post(url, json={"occurred_at": "昨天晚上", "reason": "r"}), 422)
    assert "发生时间" in is_problem(api.post(url, json={"occurred_at": None, "reason": "r"}), 400)["detail"]
    assert "类型" in is_problem(api.post(url, json={"kind": None, "reason": "r"}), 400)["detail"]
    is_problem(api.post(url, json={"kind": "fax", "reason": "r"}), 422)
    is_problem(api.post(url, json={"source": "web", "reason": "r"}), 422)  # not a correctable field
    is_problem(api.post(url, json=["reason"]), 422)
    is_problem(api.post(url, content=b"{not json", headers={"content-type": "application/json"}), 422)
    is_problem(api.post(url, content=b"reason=x", headers={"content-type": "text/plain"}), 415)
    assert api.get("/api/v1/evidence/verify").json()["records"] == 1


def test_locked_vault_is_423(tmp_path, monkeypatch):
    from xiezhi.evidence import Vault
    from xiezhi.evidence.crypto import KdfParams

    home = tmp_path / "home"
    monkeypatch.setenv("XIEZHI_HOME", str(home))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    monkeypatch.delenv("XIEZHI_PASSPHRASE", raising=False)
    Vault.open(passphrase="correct horse", kdf=KdfParams.new(time_cost=1, memory_cost=8, parallelism=1)).close()
    with TestClient(create_app()) as api:
        body = is_problem(api.post("/api/v1/evidence/1/correct", json={"text": "x", "reason": "r"}), 423)
        assert "XIEZHI_PASSPHRASE" in body["detail"]
        is_problem(api.post("/api/v1/evidence/1/withdraw", json={"reason": "r"}), 423)


def test_chain_verifies_from_the_vault_after_edits(api, tmp_path):
    from xiezhi.evidence import Vault

    a, b = add(api), add(api, text="第二条")
    api.post(f"/api/v1/evidence/{a}/correct", json={"name": "李某", "reason": "名字记错了"})
    api.post(f"/api/v1/evidence/{b}/withdraw", json={"reason": "重复了"})
    vault = Vault.open(tmp_path / "home")
    try:
        report = vault.verify()
        assert report.ok and report.records == 4 and not report.problems
        assert vault.item(a).current.counterpart.name == "李某"
    finally:
        vault.close()


def test_openapi_lists_both_endpoints(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    correct = paths["/api/v1/evidence/{seq}/correct"]["post"]
    withdraw = paths["/api/v1/evidence/{seq}/withdraw"]["post"]
    assert set(correct["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "reason" in correct["requestBody"]["content"]["application/json"]["schema"]["required"]
    for op in (correct, withdraw):
        assert {"200", "404", "409", "422", "423"} <= set(op["responses"])
        assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/EvidenceItem"}


def test_a_concurrent_edit_is_409_not_a_second_append(api, tmp_path, monkeypatch):
    """Another process corrects the same version between this request's check and its append."""
    from xiezhi.evidence import Vault

    seq = add(api)
    v = svc.vault(api.app)
    other = Vault.open(tmp_path / "home")
    read, done = v.item, []

    def item_then_other_writer(n):
        found = read(n)
        if not done:  # once, right after this request has read the item
            done.append(other.correct(seq, {"text": "另一个进程改的"}, "另一个进程"))
        return found

    monkeypatch.setattr(v, "item", item_then_other_writer)
    try:
        body = is_problem(api.post(f"/api/v1/evidence/{seq}/correct", json={"text": "这边改的", "reason": "r"}), 409)
        assert "旧内容" in body["detail"] and f"#{seq + 1}" in body["detail"]
    finally:
        monkeypatch.undo()
        other.close()
    item = api.get(f"/api/v1/evidence/{seq}").json()
    assert item["history"] == [seq, seq + 1] and item["current"]["text"] == "另一个进程改的"
    verified(api)
