"""Direct dispatch of /health, /ask and /check (xiezhi.api.direct): the same answers as FastAPI's own
dispatch for good and bad input, inside the same security layer, and the same OpenAPI schema."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from xiezhi.api import direct
from xiezhi.web.app import create_app
from xiezhi.web.settings import WebSettings

PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    """(direct, fastapi): the same app with and without the direct layer."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XIEZHI_HOME", str(tmp_path_factory.mktemp("home")))
    mp.delenv("XIEZHI_DATABASE_URL", raising=False)
    with TestClient(create_app()) as a, TestClient(create_app(direct_routes=False)) as b:
        yield a, b
    mp.undo()


def test_direct_layer_is_installed():
    app = create_app()
    found = direct.targets(app)
    assert set(found) == {("GET", "/api/v1/health"), ("POST", "/api/v1/ask"), ("POST", "/api/v1/check")}


# (method, path, keyword arguments of the request)
CASES = [
    ("GET", "/api/v1/health", {}),
    ("POST", "/api/v1/check", {"json": {"text": "再不还钱，今晚就找人上门打断你的腿", "sent_at": "2026-03-01T23:30:00",
                                        "recipient_role": "debtor", "count_per_day": 3}}),
    ("POST", "/api/v1/check", {"json": {"text": "您好，您的账单已逾期，请及时还款。"}}),
    ("POST", "/api/v1/ask", {"json": {"question": "网贷逾期后，催收人员真的会上门吗？", "statutes": 2}}),
    # bad input: each must be the same problem either way
    ("POST", "/api/v1/check", {"json": {"text": ""}}),
    ("POST", "/api/v1/check", {"json": {"text": "x", "recipient_role": "boss", "count_per_day": -1}}),
    ("POST", "/api/v1/check", {"json": {"text": "x", "sent_at": "yesterday-ish"}}),
    ("POST", "/api/v1/check", {"json": {"text": "x", "extra": 1}}),
    ("POST", "/api/v1/check", {"json": {}}),
    ("POST", "/api/v1/check", {"json": ["text"]}),
    ("POST", "/api/v1/check", {"json": "text"}),
    ("POST", "/api/v1/check", {"json": None}),
    ("POST", "/api/v1/check", {"content": b"", "headers": JSON}),
    ("POST", "/api/v1/check", {"content": b"{not json", "headers": JSON}),
    ("POST", "/api/v1/check", {"content": b'{"text": "x"}', "headers": {"content-type": "text/plain"}}),
    ("POST", "/api/v1/check", {"content": b'{"text": "x"}'}),
    ("POST", "/api/v1/check", {"content": '{"text": "再不还钱"}'.encode(),
                               "headers": {"content-type": "application/merge-patch+json; charset=utf-8"}}),
    ("POST", "/api/v1/ask", {"json": {"question": "   "}}),
    ("POST", "/api/v1/ask", {"json": {"question": "q", "statutes": 99}}),
    ("POST", "/api/v1/ask", {"json": {"question": "x" * 3000}}),
    ("GET", "/api/v1/check", {}),
    ("PUT", "/api/v1/ask", {"json": {"question": "q"}}),
]


@pytest.mark.parametrize(("method", "path", "kw"), CASES, ids=[f"{m} {p} {i}" for i, (m, p, _) in enumerate(CASES)])
def test_same_answer_as_fastapi_dispatch(clients, method, path, kw):
    fast, slow = clients
    a, b = fast.request(method, path, **kw), slow.request(method, path, **kw)
    assert a.status_code == b.status_code, (a.text, b.text)
    assert a.headers["content-type"] == b.headers["content-type"]
    assert a.json() == b.json()
    assert a.headers["content-security-policy"] == b.headers["content-security-policy"]
    if a.status_code >= 400:
        assert a.headers["content-type"] == PROBLEM and a.json()["title"] and "Traceback" not in a.text


def test_validation_problem_is_chinese(clients):
    fast, _ = clients
    body = fast.post("/api/v1/check", content=b"{not json", headers=JSON).json()
    assert body["status"] == 422 and body["title"] == "输入格式不对" and "不是有效的 JSON" in body["detail"]
    body = fast.post("/api/v1/check", json={"text": "x", "extra": 1}).json()
    assert body["errors"] == [{"field": "extra", "message": "不认识这一项"}]
    body = fast.post("/api/v1/check", content=b"").json()
    assert body["status"] == 422 and "缺少这一项" in body["detail"]


def test_not_utf8_is_a_problem(clients):
    fast, _ = clients
    r = fast.post("/api/v1/check", content='{"text": "再不还钱"}'.encode("gbk"), headers=JSON)
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM and "UTF-8" in r.json()["detail"]


def test_body_over_the_limit_is_refused(clients):
    fast, _ = clients
    big = b'{"text": "' + b"x" * (direct.MAX_JSON_BODY + 10) + b'"}'
    r = fast.post("/api/v1/check", content=big, headers=JSON)
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM and "上限" in r.json()["detail"]

    def chunks():  # no Content-Length: refused while reading
        for _ in range(20):
            yield b"x" * 100_000

    r = fast.post("/api/v1/ask", content=chunks(), headers=JSON)
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM


def test_security_still_applies(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "home"))
    app = create_app(WebSettings(token="s3cret-token", allowed_hosts=["testserver"]))
    with TestClient(app) as c:
        r = c.post("/api/v1/check", json={"text": "再不还钱"})
        assert r.status_code == 401 and r.headers["content-type"] == PROBLEM
        assert c.get("/api/v1/health").status_code == 401
        auth = {"Authorization": "Bearer s3cret-token"}
        r = c.post("/api/v1/check", json={"text": "再不还钱"}, headers=auth)
        assert r.status_code == 200 and r.headers["x-frame-options"] == "DENY"
        assert r.headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in \
            r.headers["content-security-policy"]
        r = c.post("/api/v1/check", json={"text": "x"}, headers={**auth, "origin": "https://evil.example"})
        assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
        r = c.post("/api/v1/check?token=s3cret-token", json={"text": "再不还钱"})
        assert r.status_code == 200 and "xiezhi_token=s3cret-token" in r.headers["set-cookie"]
        r = c.get("/api/v1/health")  # the cookie now carries the token
        assert r.status_code == 200 and r.json()["status"] == "ok"
        r = c.get("/api/v1/health", headers={"host": "evil.example"})
        assert r.status_code == 421
    with TestClient(app) as c:  # no cookie yet: the query key is decoded as before
        assert c.get("/api/v1/health?x=%74oken").status_code == 401
        assert c.get("/api/v1/health?%74oken=s3cret-token").status_code == 200


def test_not_ready_and_crash(clients, monkeypatch):
    from xiezhi.api import capabilities

    fast, _ = clients
    monkeypatch.setattr(capabilities, "get", lambda name: None)
    r = fast.post("/api/v1/check", json={"text": "x"})
    assert r.status_code == 503 and "尚未就绪" in r.json()["title"]

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(capabilities, "get", lambda name: broken)
    with TestClient(fast.app, raise_server_exceptions=False) as c:
        r = c.post("/api/v1/check", json={"text": "x"})
    assert r.status_code == 500 and r.headers["content-type"] == PROBLEM and "boom" not in r.text


def test_schema_unchanged(clients):
    fast, slow = clients
    a, b = fast.get("/api/v1/openapi.json").json(), slow.get("/api/v1/openapi.json").json()
    assert a == b
    op = a["paths"]["/api/v1/check"]["post"]
    assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/CheckRequest")
    assert a["paths"]["/api/v1/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/AskRequest")
    assert a["paths"]["/api/v1/health"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "$ref"].endswith("/Health")
    assert "422" in op["responses"] and "503" in op["responses"]


class Body(BaseModel):
    text: str


def test_unsupported_endpoints_are_refused_at_start_up():
    def sync(body: Body):
        return None

    async def two(body: Body, other: Body):
        return None

    async def query(q: str):
        return None

    async def fine(body: Body):
        return None

    for fn in (sync, two, query):
        with pytest.raises(TypeError):
            direct.Target("/x", fn)
    with pytest.raises(TypeError):
        direct.Target("/x/{id}", fine)
    assert direct.Target("/x", fine).model is Body
