"""Big5 files (traditional Chinese, exported from Hong Kong and Taiwan phones) decoded as GBK without error, into
nonsense that Check called 未发现违规 (qa12). They are read as Big5, said so, and checked; a damaged one is refused
naming Big5 and how to convert. `is_utf16` is the one test of UTF-16 for the API decoder and the evidence sniffer."""

from __future__ import annotations

import re

import pytest

from xiezhi.errors import InputError
from xiezhi.textio import decode_bytes, is_utf16, looks_like_big5

THREAD_TW = ("2026-11-20 23:10 陳專員：你再不還錢，明天就去你公司找你老闆，讓你全家都知道你欠錢不還\n"
             "2026-11-20 23:40 陳專員：電話也不接是吧，等著瞧\n"
             "2026-11-21 00:15 我：下個月發薪水就還\n")
CSV_TW = ("時間,號碼,類型,時長,簡訊內容\n"
          "2026-11-20 23:10,0912345678,來電,35,\n"
          "2026-11-20 23:30,0912345678,接收,,再不還錢就把你的照片發到你的群組\n")
PLAIN_GBK = ("李经理说这个月的账单已经逾期了，让我尽快联系客服处理还款事宜。我跟他说下周发工资以后一定还上，"
             "他说可以，但是请保持电话畅通。\n") * 3


def test_big5_thread_is_read_and_checked():
    data = THREAD_TW.encode("big5")
    decoded = decode_bytes(data)
    assert decoded.encoding == "big5" and decoded.text == THREAD_TW
    from xiezhi.collection import analyze_history
    from xiezhi.history import read_history_text

    imp = read_history_text(decoded.text, name="chat.txt", encoding=decoded.encoding)
    assert len(imp.records) == 3 and "Big5" in imp.notes[0]
    report = analyze_history(imp)
    assert report.labels != ["compliant"] and report.night_contacts >= 2


def test_big5_csv_with_traditional_headers():
    from xiezhi.history import read_history_text

    decoded = decode_bytes(CSV_TW.encode("big5"))
    imp = read_history_text(decoded.text, name="log.csv", encoding=decoded.encoding)
    assert imp.format == "csv" and imp.issues == []
    assert [(r.kind, r.direction) for r in imp.records] == [("call", "in"), ("sms", "in")]


def test_gbk_stays_gbk():
    assert decode_bytes(PLAIN_GBK.encode("gbk")).encoding == "gbk"
    assert not looks_like_big5(PLAIN_GBK.encode("gbk"))
    # simplified text with a few traditional characters typed in GBK is still GBK
    mixed = (PLAIN_GBK + "後來他又發了一條：還錢。\n").encode("gbk")
    assert decode_bytes(mixed).encoding == "gbk"


def test_damaged_big5_names_big5_and_how_to_convert():
    data = THREAD_TW.encode("big5") * 3 + b"\x81\x39\xff\n"
    with pytest.raises(InputError) as err:
        decode_bytes(data, name="文件 chat.txt ")
    assert "Big5" in err.value.message and "第 10 行" in err.value.message
    assert any("UTF-8" in h for h in err.value.hints)


def test_big5_on_cli_api_and_page(api, client, tmp_path):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    data = THREAD_TW.encode("big5")
    path = tmp_path / "chat.txt"
    path.write_bytes(data)
    cli = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert cli.exit_code == 0 and "Big5" in cli.output and "未发现违规" not in cli.output
    r = api.post("/api/v1/check/history", files={"file": ("chat.txt", data, "text/plain")})
    assert r.status_code == 200 and r.json()["records"] == 3 and r.json()["labels"] != ["compliant"]
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": ""}, files={"file": ("chat.txt", data, "text/plain")})
    assert page.status_code == 200 and "Big5" in page.text and "陳專員" in page.text


@pytest.mark.parametrize(("data", "expected"), [
    ("短信记录".encode("utf-16"), "utf-16"),
    (b"\xfe\xff" + "短信记录".encode("utf-16-be"), "utf-16"),
    ("2026-03-01 23:10 短信记录\n".encode("utf-16-le"), "utf-16-le"),
    ("2026-03-01 23:10 短信记录\n".encode("utf-16-be"), "utf-16-be"),
    ("短信记录".encode(), None),
    (b"\x00\x01" * 100, None),
])
def test_is_utf16(data, expected):
    assert is_utf16(data) == expected


def test_api_decoder_and_evidence_sniffer_agree_on_utf16():
    """Both faces ask is_utf16: text either accepts, binary with NUL bytes both refuse."""
    from xiezhi.api.problems import ProblemError
    from xiezhi.api.routes_core import decode_text
    from xiezhi.evidence.filetypes import _head, detect

    for data in ("2026-03-01 23:10 李经理：还钱\n".encode(enc) for enc in ("utf-16", "utf-16-le", "utf-16-be")):
        assert decode_text(data)[0].startswith("2026-03-01") and detect(data).media_type == "text/plain"
        assert len(_head(data * 10000, 1001)) == 1001  # UTF-16 is cut by length (a newline byte would split a char)
    binary = b"\x00\x01" * 100
    with pytest.raises(ProblemError):
        decode_text(binary)
    with pytest.raises(InputError):
        detect(binary)
