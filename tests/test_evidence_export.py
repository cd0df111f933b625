"""Export: the evidence list in every format, manifest.json, and the database-free manifest check."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from xiezhi.errors import InputError
from xiezhi.evidence import Counterpart, IncidentInput, Vault, export_evidence, verify_manifest
from xiezhi.evidence.crypto import KdfParams

pytest_plugins = ["conftest_postgres"]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01\x02" * 300


def _fill(v: Vault) -> None:
    v.add(IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 23, 10), lender="甲贷",
                        counterpart=Counterpart(number="17000001234", organisation="某某律师事务所"),
                        text="你再不还钱，我们就去你单位找你领导"), files=[("短信截图.png", PNG)])
    v.add(IncidentInput(kind="call", occurred_at=datetime(2026, 3, 15, 8, 0), duration_seconds=300,
                        counterpart=Counterpart(number="95000"), notes="自称法院，要求当天还清"))
    v.add(IncidentInput(kind="visit", occurred_at=datetime(2026, 3, 16, 21, 0), text="两名男子上门拍门"))
    v.correct(2, {"notes": "自称“法务部”，要求当天还清"}, reason="听错了")
    v.withdraw(3, "记错了日期，另行记录")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_export_formats_and_fresh_manifest_passes(vault: Vault, tmp_path: Path, fmt: str) -> None:
    _fill(vault)
    out = tmp_path / "out"
    result = export_evidence(vault, out, fmt)
    assert result.path == out / f"evidence-list.{fmt}" and result.path.exists()
    assert (result.items, result.records, result.files, result.head_seq) == (2, 5, 1, 5)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["chain"] == {"length": 5, "head_seq": 5, "head_hash": vault.verify().head_hash}
    assert [i["seq"] for i in manifest["items"]] == [1, 2]
    assert (out / manifest["files"][0]["path"]).read_bytes() == PNG
    report = verify_manifest(out / "manifest.json")
    assert report.ok and report.records == 5 and report.files == 2
    if fmt == "html":
        html = result.path.read_text(encoding="utf-8")
        assert "证据清单" in html and "你再不还钱" in html and result.head_hash in html
        assert "已撤回的记录" in html and "经第 4 条更正" in html


def test_manifest_fails_on_changed_file(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    out = tmp_path / "out"
    export_evidence(vault, out, "html")
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    att = out / manifest["files"][0]["path"]
    att.write_bytes(PNG[:-1] + b"\xff")
    report = verify_manifest(manifest_path)
    assert not report.ok and report.first_problem.code == "file_changed"
    assert report.first_problem.file == manifest["files"][0]["path"]
    att.write_bytes(PNG)
    doc = out / "evidence-list.html"
    doc.write_text(doc.read_text(encoding="utf-8").replace("两名", "三名").replace("领导", "同事"), encoding="utf-8")
    assert verify_manifest(manifest_path).first_problem.file == "evidence-list.html"


def test_manifest_fails_on_edited_record_or_missing_file(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    out = tmp_path / "out"
    export_evidence(vault, out, "html")
    path = out / "manifest.json"
    original = path.read_text(encoding="utf-8")
    manifest = json.loads(original)
    manifest["records"][0]["body"] = manifest["records"][0]["body"].replace("单位", "家里")
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    first = verify_manifest(path).first_problem
    assert (first.code, first.seq) == ("record_changed", 1)
    manifest = json.loads(original)
    del manifest["records"][2]
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert verify_manifest(path).first_problem.code == "record_missing"
    manifest = json.loads(original)
    manifest["files"][0]["path"] = "../../etc/passwd"
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="不安全"):
        verify_manifest(path)
    path.write_text(original, encoding="utf-8")
    (out / json.loads(original)["files"][0]["path"]).unlink()
    assert verify_manifest(path).first_problem.code == "file_missing"


def test_zip_bundles_list_manifest_and_files(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    result = export_evidence(vault, tmp_path / "bundle.zip", "zip")
    assert result.path == tmp_path / "bundle.zip"
    with zipfile.ZipFile(result.path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert zf.read(manifest["files"][0]["path"]) == PNG
    assert {"evidence-list.pdf", "manifest.json", manifest["files"][0]["path"]} == names
    assert verify_manifest(result.path).ok
    with zipfile.ZipFile(result.path) as zf, zipfile.ZipFile(tmp_path / "edited.zip", "w") as out:
        for info in zf.infolist():
            data = zf.read(info)
            out.writestr(info, data.replace(b"\x01\x02", b"\x02\x01", 1) if info.filename.startswith("files/") else data)
    assert verify_manifest(tmp_path / "edited.zip").first_problem.code == "file_changed"


def test_export_refuses_a_broken_vault(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    att = vault.item(1).current.attachments[0]
    vault.blobs.path(att.blob).write_bytes(b"changed")
    with pytest.raises(InputError, match="校验未通过"):
        export_evidence(vault, tmp_path / "out", "pdf")


def test_encrypted_vault_export_is_checkable_without_the_key(home: Path, db_url: str, tmp_path: Path) -> None:
    v = Vault.open(home, db_url, passphrase="口令", kdf=KdfParams.new(time_cost=1, memory_cost=8192, parallelism=1))
    _fill(v)
    out = tmp_path / "out"
    export_evidence(v, out, "html")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all("sealed" in json.loads(r["body"]) for r in manifest["records"])
    assert (out / manifest["files"][0]["path"]).read_bytes() == PNG   # originals exported in clear
    assert verify_manifest(out / "manifest.json").ok
    manifest["records"][0]["content"]["text"] = "被改过的内容"
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert verify_manifest(out / "manifest.json").first_problem.code == "content_changed"
    v.close()


def test_filtered_export_discloses_only_the_selection(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    vault.add(IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 17, 9, 0), lender="乙花", text="乙花的催收短信"),
              files=[("乙花.png", PNG + b"\x09")])
    out = tmp_path / "out"
    result = export_evidence(vault, out, "html", lender="乙花")
    assert result.items == 1
    manifest_text = (out / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)
    assert "你再不还钱" not in manifest_text and "乙花的催收短信" in manifest_text
    assert [r["seq"] for r in manifest["records"] if not r.get("redacted")] == [6]
    assert manifest["redacted_records"] == 5 and len(manifest["files"]) == 1
    html = (out / "evidence-list.html").read_text(encoding="utf-8")
    assert "乙花的催收短信" in html and "你再不还钱" not in html and "其余 5 条记录不公开内容" in html
    report = verify_manifest(out / "manifest.json")
    assert report.ok and report.records == 6 and any("未公开内容" in n for n in report.notes)
    manifest["records"][2]["hash"] = "0" * 64          # a redacted record's hash no longer links
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    first = verify_manifest(out / "manifest.json").first_problem
    assert (first.code, first.seq) == ("link_broken", 4)
    with pytest.raises(InputError, match="没有符合条件"):
        export_evidence(vault, tmp_path / "none", "html", lender="丁贷")


def test_list_has_an_attachment_table(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    export_evidence(vault, tmp_path / "out", "html")
    html = (tmp_path / "out" / "evidence-list.html").read_text(encoding="utf-8")
    import hashlib

    assert "附件清单" in html and hashlib.sha256(PNG).hexdigest() in html and "短信截图.png" in html


def test_pdf_list_warns_about_characters_outside_the_font(vault: Vault, tmp_path: Path) -> None:
    from pypdf import PdfReader

    vault.add(IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 10, 0), text="催收员自称𠀀先生"))
    export_evidence(vault, tmp_path / "out", "pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "evidence-list.pdf").pages)
    assert "不在PDF内置字体中" in "".join(text.split())
