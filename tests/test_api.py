"""API under /api/v1: every endpoint, good and bad input, problem details, same models as the CLI."""

from __future__ import annotations

import json

from conftest_api import PROBLEM, is_problem
from xiezhi.api import capabilities


def test_health(api):
    r = api.get("/api/v1/health")
    body = r.json()
    assert r.status_code == 200 and body["status"] == "ok"
    assert body["capabilities"]["law"] is True and set(body["capabilities"]) >= {"ask", "check", "loan", "plan"}


def test_openapi_lists_every_route(api):
    schema = api.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for p in ["/api/v1/ask", "/api/v1/check", "/api/v1/check/history", "/api/v1/batch", "/api/v1/loan",
              "/api/v1/plan", "/api/v1/evidence", "/api/v1/evidence/{seq}", "/api/v1/evidence/verify",
              "/api/v1/evidence/export", "/api/v1/letters", "/api/v1/letters/{kind}", "/api/v1/law",
              "/api/v1/law/articles/{article_id}", "/api/v1/law/resolve", "/api/v1/law/search",
              "/api/v1/health", "/api/v1/assess", "/api/v1/assess/next", "/api/v1/assess/interview"]:
        assert p in paths, p
    assert not any(p.startswith(("/ask", "/check", "/law/")) for p in paths)  # pages stay out of the schema


def test_ask_same_model_as_cli(api):
    from xiezhi.ask import answer

    q = "网贷逾期后，催收人员真的会上门吗？"
    r = api.post("/api/v1/ask", json={"question": q})
    assert r.status_code == 200
    assert r.json() == json.loads(answer(q).model_dump_json())
    assert r.json()["answered"] is True and r.json()["citations"]


def test_ask_bad_input(api):
    is_problem(api.post("/api/v1/ask", json={}), 422)
    is_problem(api.post("/api/v1/ask", json={"question": ""}), 422)
    is_problem(api.post("/api/v1/ask", json={"question": "x" * 3000}), 422)
    is_problem(api.post("/api/v1/ask", json={"question": "   "}), 400)
    is_problem(api.post("/api/v1/ask", content=b"not json", headers={"content-type": "application/json"}), 422)
    body = is_problem(api.post("/api/v1/ask", json={"question": "q", "extra": 1}), 422)
    assert body["errors"] and body["errors"][0]["field"] == "extra"


def test_check(api):
    r = api.post("/api/v1/check", json={"text": "再不还钱，今晚就找人上门打断你的腿", "sent_at": "2026-03-01T23:30:00",
                                        "recipient_role": "debtor"})
    assert r.status_code == 200
    body = r.json()
    assert body["labels"] and body["labels"] != ["compliant"]
    f = body["findings"][0]
    assert set(f) >= {"category", "severity", "mode", "span", "quote", "explanation", "citations", "actions"}


def test_check_bad_input(api):
    is_problem(api.post("/api/v1/check", json={"text": ""}), 422)
    is_problem(api.post("/api/v1/check", json={"text": "x", "recipient_role": "boss"}), 422)
    is_problem(api.post("/api/v1/check", json={"text": "x", "count_per_day": -1}), 422)
    is_problem(api.post("/api/v1/check", json={"text": "x", "sent_at": "yesterday-ish"}), 422)


def test_check_history_upload(api):
    csv = "时间,号码,类型,内容\n2026-03-01 23:30,10690000,短信,再不还钱就爆你通讯录\n坏行\n".encode()
    r = api.post("/api/v1/check/history", files={"file": ("log.csv", csv, "text/csv")})
    assert r.status_code == 200
    assert r.json()["records"] >= 1
    is_problem(api.post("/api/v1/check/history", files={"file": ("x.csv", b"", "text/csv")}), 400)
    is_problem(api.post("/api/v1/check/history", files={"file": ("x.csv", b"\x00\x01\x02" * 50, "text/csv")}), 415)


def test_batch_streams_json_lines(api):
    lines = [{"id": "a", "text": "您好，您的账单已逾期，请及时还款。"}, {"id": "b", "text": "再不还钱就去你家砸门"},
             "not json", {"id": "c"}]
    payload = "\n".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines) + "\n"
    r = api.post("/api/v1/batch", content=payload.encode(), headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    out = [json.loads(x) for x in r.text.splitlines() if x]
    assert len(out) == 4
    assert out[0]["id"] == "a" and out[1]["id"] == "b" and out[1]["labels"] != ["compliant"]
    assert "error" in out[2] and "error" in out[3]


LOAN = {"lender_type": "microloan", "contract_date": "2025-03-01", "principal": "10000", "received": "8000",
        "schedule": {"method": "equal_installment", "annual_rate": "0.18", "periods": 12, "period": "month"}}


def test_loan_same_model_as_cli(api):
    from xiezhi.loan import assess_loan, parse_loan_input

    r = api.post("/api/v1/loan", json=LOAN)
    assert r.status_code == 200
    assert r.json() == json.loads(assess_loan(parse_loan_input(LOAN)).model_dump_json())
    assert r.json()["principal_recognized"] == "8000.00" and r.json()["exceeds_cap"] is True


def test_loan_bad_input(api):
    is_problem(api.post("/api/v1/loan", json={**LOAN, "principal": "-5"}), 422)
    is_problem(api.post("/api/v1/loan", json={k: v for k, v in LOAN.items() if k != "schedule"}), 422)
    is_problem(api.post("/api/v1/loan", json={**LOAN, "lender_type": "pawnshop"}), 422)
    body = is_problem(api.post("/api/v1/loan", json={**LOAN, "received": "20000"}), 422)
    assert "到手金额" in body["detail"]
    r = api.post("/api/v1/loan", json={**LOAN, "contract_date": "nonsense"})
    assert r.status_code in (400, 422) and r.headers["content-type"] == PROBLEM


PLAN = {"monthly_income": "6500", "essential_costs": "4200",
        "debts": [{"platform": "甲银行", "principal": "18000", "lender_type": "bank", "claimed_charges": "2600",
                   "days_overdue": 95, "contract_date": "2024-05-10"}]}
FACTS = {"borrower": {"name": "李小明", "phone": "13800000000"},
         "lender": {"name": "乙消费金融有限公司", "type": "consumer_finance"}, "summary": "催收人员多次深夜打电话。"}


def test_plan(api):
    if not capabilities.available("plan"):
        assert is_problem(api.post("/api/v1/plan", json=PLAN), 503)["title"] == "此功能尚未就绪"
        return
    from xiezhi.plan import make_plan, parse_plan_input

    r = api.post("/api/v1/plan", json=PLAN)
    assert r.status_code == 200 and r.json() == json.loads(make_plan(parse_plan_input(PLAN)).model_dump_json())
    is_problem(api.post("/api/v1/plan", json={**PLAN, "debts": []}), 422)
    is_problem(api.post("/api/v1/plan", json={"monthly_income": "-1", "essential_costs": "0", "debts": PLAN["debts"]}), 422)


def test_letters(api):
    if not capabilities.available("letters"):
        assert is_problem(api.get("/api/v1/letters"), 503)["title"] == "此功能尚未就绪"
        return
    kinds = api.get("/api/v1/letters").json()
    assert {"negotiation", "complaint"} <= {k["kind"] for k in kinds}
    r = api.post("/api/v1/letters/complaint", json={"facts": FACTS})
    assert r.status_code == 200 and r.json()["title"] and "李小明" in r.json()["text"]
    pdf = api.post("/api/v1/letters/complaint", params={"format": "pdf"}, json={"facts": FACTS})
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    body = is_problem(api.post("/api/v1/letters/complaint", json={"facts": {}}), 400)
    assert body["hints"]
    is_problem(api.post("/api/v1/letters/no_such", json={"facts": FACTS}), 404)
    is_problem(api.post("/api/v1/letters/complaint", params={"format": "exe"}, json={"facts": FACTS}), 422)


def test_law_endpoints(api):
    r = api.get("/api/v1/law")
    assert r.status_code == 200 and any(i["slug"] == "civil-code" for i in r.json())
    r = api.get("/api/v1/law/articles/civil-code:680")
    assert r.status_code == 200 and r.json()["id"] == "civil-code:680" and "禁止高利放贷" in r.json()["text"]
    is_problem(api.get("/api/v1/law/articles/civil-code:99999"), 404)
    is_problem(api.get("/api/v1/law/articles/nonsense"), 404)
    r = api.get("/api/v1/law/resolve", params={"q": "刑法第二百九十三条之一"})
    assert r.status_code == 200 and r.json()["article_id"] == "criminal-law:293-1"
    is_problem(api.get("/api/v1/law/resolve", params={"q": "不存在法第1条"}), 400)
    is_problem(api.get("/api/v1/law/resolve"), 422)
    r = api.get("/api/v1/law/search", params={"q": "催收 上门", "top": 3})
    assert r.status_code == 200 and 1 <= len(r.json()) <= 3
    is_problem(api.get("/api/v1/law/search", params={"q": "x", "top": 0}), 422)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def test_evidence_round_trip(api):
    r = api.post("/api/v1/evidence", data={"kind": "sms", "occurred_at": "2026-03-14T23:10:00",
                                           "text": "再不还钱就爆你通讯录", "number": "1700000000"},
                 files=[("files", ("shot.png", PNG, "image/png"))])
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]
    items = api.get("/api/v1/evidence").json()
    assert [i["seq"] for i in items] == [seq]
    item = api.get(f"/api/v1/evidence/{seq}").json()
    assert item["current"]["attachments"][0]["media_type"] == "image/png"
    att = api.get(f"/api/v1/evidence/{seq}/attachments/0")
    assert att.status_code == 200 and att.content == PNG
    is_problem(api.get(f"/api/v1/evidence/{seq}/attachments/5"), 404)
    assert api.get("/api/v1/evidence/verify").json()["ok"] is True
    z = api.get("/api/v1/evidence/export", params={"format": "zip"})
    assert z.status_code == 200 and z.content[:2] == b"PK"
    is_problem(api.get("/api/v1/evidence/export", params={"format": "exe"}), 422)


def test_evidence_bad_input(api):
    is_problem(api.post("/api/v1/evidence", data={"kind": "fax", "occurred_at": "2026-03-14T23:10:00"}), 422)
    is_problem(api.post("/api/v1/evidence", data={"kind": "sms"}), 422)
    body = is_problem(api.post("/api/v1/evidence", data={"kind": "sms", "occurred_at": "2026-03-14T23:10:00"},
                               files=[("files", ("x.png", b"MZ" + b"\x00" * 100, "image/png"))]), 400)
    assert "x.png" in body["detail"] or "类型" in body["detail"]
    assert "没有第 999 条" in is_problem(api.get("/api/v1/evidence/999"), 404)["detail"]
    is_problem(api.get("/api/v1/evidence/0"), 422)


def test_evidence_unknown_record_is_404_on_every_seq_endpoint(api):
    """An unknown record number is 404 "没有这条证据" wherever it appears in the path, as for GET /{seq}."""
    shown = is_problem(api.get("/api/v1/evidence/999"), 404)
    for r in (api.get("/api/v1/evidence/999/attachments/0"),
              api.post("/api/v1/evidence/999/correct", json={"text": "x", "reason": "r"}),
              api.post("/api/v1/evidence/999/withdraw", json={"reason": "r"})):
        body = is_problem(r, 404)
        assert (body["title"], body["detail"]) == (shown["title"], shown["detail"])
    op = api.get("/api/v1/openapi.json").json()["paths"]["/api/v1/evidence/{seq}/attachments/{index}"]["get"]
    assert "404" in op["responses"]


def test_cross_site_api_write_refused(api):
    r = api.post("/api/v1/check", json={"text": "x"}, headers={"origin": "https://evil.example"})
    is_problem(r, 403)
    r = api.post("/api/v1/check", json={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    is_problem(r, 403)


def test_assess_endpoints(api):
    iv = api.get("/api/v1/assess/interview").json()
    assert "lender-kind" in iv["questions"] and iv["order"][0] == "lender-kind"
    r = api.post("/api/v1/assess/next", json={"answers": {}})
    assert r.status_code == 200 and r.json()["question"]["id"] == "lender-kind"
    r = api.post("/api/v1/assess", json={"answers": {"lender.kind": "bank", "collector.actions": ["visit"],
                                                      "visit.details": ["refused_leave"]}})
    assert r.status_code == 200
    ids = [b["id"] for s in r.json()["sections"] for b in s["blocks"]]
    assert "right-refuse-entry" in ids and "step-call-110" in ids
    is_problem(api.post("/api/v1/assess", json={"answers": {"lender.kind": "pawnshop"}}), 400)
    is_problem(api.post("/api/v1/assess", json={"answers": {"no.such": "x"}}), 400)


def test_not_ready_capability_is_503(api, monkeypatch):
    monkeypatch.setattr(capabilities, "get", lambda name: None)
    body = is_problem(api.post("/api/v1/ask", json={"question": "会上门吗"}), 503)
    assert "尚未就绪" in body["title"]
    page = api.get("/ask")
    assert page.status_code == 200 and "此功能尚未就绪" in page.text


def test_evidence_import_deduplicates(api):
    csv = ("时间,号码,类型,内容\n2026-03-01 23:30,10690000,短信,再不还钱就爆你通讯录\n"
           "2026-03-02 09:00,10690000,短信,请及时还款\n").encode()
    r = api.post("/api/v1/evidence/import", files={"file": ("log.csv", csv, "text/csv")}, data={"lender": "某某App"})
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 2 and r.json()["path"] == "upload.csv"
    again = api.post("/api/v1/evidence/import", files={"file": ("log.csv", csv, "text/csv")})
    assert again.json()["added"] == 0 and again.json()["duplicates"] == 2
    is_problem(api.post("/api/v1/evidence/import", files={"file": ("x.csv", b"\x00\x01" * 100, "text/csv")}), 415)
