"""`xiezhi check`: one message, a history file, or a screenshot."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from xiezhi.cli.common import JsonFlag, emit, fail, user_errors

#: The Chinese words the help text puts beside each value, accepted as the value itself.
RECIPIENTS = {"本人": "debtor", "借款人": "debtor", "担保人": "guarantor", "配偶": "spouse", "紧急联系人": "emergency_contact",
              "通讯录联系人": "address_book_contact", "通讯录": "address_book_contact", "亲友": "address_book_contact",
              "单位或同事": "employer_or_colleague", "单位": "employer_or_colleague", "同事": "employer_or_colleague",
              "公开": "public"}
LENDERS = {"银行": "bank", "消费金融公司": "consumer_finance", "消费金融": "consumer_finance", "小额贷款公司": "microloan",
           "小贷": "microloan", "小贷公司": "microloan", "无放贷资质": "unlicensed", "不清楚": "unknown"}
CHANNELS = {"电话": "call", "短信": "sms", "微信": "im", "聊天": "im", "上门": "visit", "信函": "letter", "其他": "other"}
OPTION_OF = {"recipient_role": "--recipient", "lender_type": "--lender", "channel": "--channel",
             "count_per_day": "--count-per-day", "sent_at": "--sent-at"}
#: Histories above this many records take minutes; say so instead of looking hung.
LARGE_HISTORY = 20_000
OCR_HINT = "识别截图需要安装可选组件：pip install 'xiezhi[ocr]'（离线运行，约 20 MB）。"


def register(app: typer.Typer) -> None:
    @app.command("check", help="判断催收信息是否合法：逐句指出违规之处、依据条文和投诉渠道。")
    def check(
        text: Annotated[str | None, typer.Argument(help="催收短信、聊天内容或你对经过的描述。")] = None,
        sent_at: Annotated[str | None, typer.Option("--sent-at", help="发送/发生时间，如 2026-03-01 23:30。")] = None,
        recipient: Annotated[str | None, typer.Option(
            "--recipient", help="收信人：debtor 本人、guarantor 担保人、spouse 配偶、emergency_contact 紧急联系人、"
                                "address_book_contact 通讯录联系人、employer_or_colleague 单位或同事、public 公开。")] = None,
        lender: Annotated[str | None, typer.Option(
            "--lender", help="出借方：bank 银行、consumer_finance 消费金融公司、microloan 小额贷款公司、"
                             "unlicensed 无放贷资质、unknown 不清楚（英文或中文都可以）。")] = None,
        count_per_day: Annotated[int | None, typer.Option("--count-per-day", help="同一方当天联系的次数。")] = None,
        channel: Annotated[str | None, typer.Option("--channel", help="渠道：call 电话、sms 短信、im 微信等聊天、visit 上门、letter 信函、other 其他。")] = None,
        refused: Annotated[bool, typer.Option("--refused", help="联系人已明确拒绝再被联系。")] = False,
        file: Annotated[str | None, typer.Option("--file", help="通话/短信记录：SMS Backup & Restore 的 XML、CSV 或带时间的聊天记录文本。")] = None,
        image: Annotated[str | None, typer.Option("--image", help="催收信息截图（需要可选组件 xiezhi\\[ocr]）。")] = None,
        rules_only: Annotated[bool, typer.Option("--rules-only", help="只用规则，不用统计模型。")] = False,
        today: Annotated[str | None, typer.Option(
            "--today", help="参照日期：复制或导出聊天记录的那一天，记录里没写年份的日期（11月28日）和“昨天”“星期三”"
                            "按它推算。默认：文件取修改日期，粘贴的文字取今天。")] = None,
        as_json: JsonFlag = False,
    ) -> None:
        from xiezhi.collection.render import render_history, render_result

        with user_errors():
            reference = None
            if today:
                from xiezhi.history.daterefs import parse_reference

                reference = parse_reference(today, "--today")
            if file:
                from pathlib import Path

                from xiezhi.collection import analyze_history
                from xiezhi.history import read_history, require_records

                imp = require_records(read_history(file, reference=reference), f"文件 {Path(file).name} ")
                if len(imp.records) > LARGE_HISTORY:
                    sys.stderr.write(f"正在分析 {len(imp.records):,} 条记录，可能需要几分钟……\n")
                emit(analyze_history(imp), as_json, render_history)
                return
            meta = _meta(sent_at, recipient, lender, count_per_day, channel, refused)
            if image:
                text = _ocr_text(image)
            if not text or not text.strip():
                fail("请给出要检查的文字，或用 --file 指定记录文件、--image 指定截图。")
            if not image:
                from xiezhi.history import pasted_thread

                thread = pasted_thread(text, reference=reference)
                if thread is not None:  # a pasted chat with times: per-day counts and night contacts, as --file
                    from xiezhi.collection import analyze_history

                    emit(analyze_history(thread), as_json, render_history)
                    return
            from xiezhi.collection import analyze

            emit(analyze(text, meta, model=False if rules_only else None), as_json, render_result)


def _meta(sent_at, recipient, lender, count_per_day, channel, refused):
    from pydantic import ValidationError

    from xiezhi.collection import MessageMeta
    from xiezhi.dates import CHECK_FUTURE_ADVICE, not_in_future, parse_datetime
    from xiezhi.errors import InputError

    data: dict = {"count_per_day": count_per_day, "recipient_role": RECIPIENTS.get(recipient or "", recipient),
                  "lender_type": LENDERS.get(lender or "", lender), "channel": CHANNELS.get(channel or "", channel),
                  "contact_refused": refused or None}
    if sent_at:
        data["sent_at"] = not_in_future(parse_datetime(sent_at), "--sent-at", CHECK_FUTURE_ADVICE)
    try:
        return MessageMeta.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors() else ""
        option = OPTION_OF.get(field, field)
        raise InputError(f"{option} 的取值无效，请用 `xiezhi check --help` 查看可选值。") from exc


def _ocr_text(path: str) -> str:
    from xiezhi.errors import InputError

    try:
        from xiezhi.ocr import OcrUnavailable, read_image_text
    except ImportError as exc:  # pragma: no cover
        raise InputError(OCR_HINT) from exc
    try:
        return read_image_text(path).text
    except OcrUnavailable as exc:
        raise InputError(OCR_HINT) from exc
