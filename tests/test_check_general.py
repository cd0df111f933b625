"""Check: general patterns beyond the dev wording (synonym classes, dialect, emoji, speaker lines, reported
speech). Texts are written for these tests, not copied from the labelled sets."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor", "sent_at": "2026-09-02T15:00:00"}


@pytest.mark.parametrize(("text", "want"), [
    ("你再嘚瑟，我找人削你，削完你都找不着北", {"violence_threat", "intimidation"}),
    ("今晚把你那辆车的玻璃给你砸了，轮胎也给你扎了", {"violence_threat"}),
    ("🔪🔪 想清楚，还钱还是见红", {"violence_threat", "intimidation"}),
    ("聽日我哋就上你屋企搵你", {"unlawful_visit", "intimidation"}),
    ("下周就把你欠钱的事发给你单位领导和同事", {"third_party_contact", "debt_disclosure", "intimidation"}),
    ("你这种行为已经构成恶意透支，判你三年都是轻的", {"false_legal_threat"}),
    ("去别的App借一笔先把我们这边结清", {"forced_borrowing"}),
    ("结清要另交300块跑腿费", {"illegal_fee"}),
    ("我是区法院执行局的法官，你的案子今天要处理", {"impersonation"}),
    ("再不还，让你躺着进医院", {"violence_threat"}),
    ("钱直接微信转我就行，别走平台", {"illegal_fee"}),
    ("不给钱我们就坐在你家不走", {"unlawful_visit"}),
    ("专业征信修复，三天洗白逾期记录，先交500定金", {"credit_repair_scam"}),
    ("明天就冻结你名下所有银行卡，你儿子以后考公也考不了", {"false_legal_threat"}),
])
def test_general_patterns(text, want):
    r = analyze(text, DEBTOR)
    assert want <= set(r.labels), (r.labels, [(f.category, f.quote) for f in r.findings])


@pytest.mark.parametrize("text", [
    "我：你们是不是要爆我通讯录？\n客服：不会的，我们只与您本人沟通。",
    "我：你们会上门抓我吗？\n客服：不会，我们没有这个权力，您按时还款就好。",
    "听说有人被爆通讯录了，我有点担心，该怎么办",
    "【某某分期】您的借款已逾期，我们不收取任何服务费，请通过官方App还款。",
    "【某某消费金融】您的分期申请已受理，审核期间暂停催收提醒。",
    "【某某银行】如长期不还款，我行将依法起诉，判决后可依法申请强制执行，冻结您名下的银行账户。",
    "【某某银行】本行从未委托第三方做征信修复，逾期记录如有错误可免费提出异议。",
])
def test_borrower_lines_hearsay_and_negations_stay_compliant(text):
    assert analyze(text, DEBTOR).labels == ["compliant"]


def test_reported_claim_is_judged_although_the_borrower_asks():
    text = "有个没资质的平台说我已经上了征信，以后贷款都办不了，这是真的吗"
    r = analyze(text, {**DEBTOR, "lender_type": "unlicensed"})
    assert "false_legal_threat" in r.labels
    assert analyze(text, {**DEBTOR, "lender_type": "bank"}).labels == ["compliant"]


# Constructions added after the check_dev3 first look (2026-11-28); wording written for this test.
@pytest.mark.parametrize(("text", "want"), [
    ("你那台电瓶车我认得，哪天车胎全给你扎了别怪我", {"violence_threat"}),
    ("再躲着不见，逮到你先赏你两个大耳光", {"violence_threat"}),
    ("再不还你这双手就别想要了", {"violence_threat"}),
    ("你这种情况早就够判刑标准了，等着吃牢饭", {"false_legal_threat"}),
    ("这笔钱你爸妈必须帮你还，他们是你的第一顺位还款人", {"false_legal_threat"}),
    ("下午我带个开锁的过去，门开了咱们进屋慢慢聊", {"unlawful_visit"}),
    ("你老婆单位、你儿子学校我们都记下了，这些信息随时可以发出去", {"privacy_exposure"}),
    ("不想让你们村的人知道也行，一口价五千私了", {"illegal_fee"}),
    ("我认识做车贷的朋友，车押了就能贷出来先还我们", {"forced_borrowing"}),
])
def test_constructions_from_dev3_errors(text, want):
    # the rules' constructions (model=False): whether a single weak rule finding is reported also depends on the
    # classifier's corroboration (collection/corroborate.py; tests/test_check_corroboration.py)
    r = analyze(text, DEBTOR, model=False)
    assert want <= set(r.labels), (r.labels, [(f.category, f.quote) for f in r.findings])


@pytest.mark.parametrize("text", [
    "客服：请只通过App还款，凡是让您往个人卡里打钱的都是骗子。",
    "【某某金融】我们从不要求客户向个人账户转账，请认准官方渠道。",
    "【某某区人民法院】王某某：某某小贷公司诉你借款合同纠纷一案已立案。请登录人民法院在线服务平台查看材料。",
    "【某某消费金融】根据您的困难申请，我司已为您办理停息挂账，分24期偿还，无任何手续费。",
    "催收员：放心，我们没人会去你家，也不会找你家人，按计划还就行。",
])
def test_lawful_wording_from_dev3_errors_stays_compliant(text):
    r = analyze(text, DEBTOR)
    assert r.labels == ["compliant"], (r.labels, [(f.category, f.rule, f.quote) for f in r.findings])


# Round 2 (2026-11-28): lawful lines whose words a rule's pattern also matched — lookalike words used in their
# ordinary sense, borrowers' own hardship accounts, court steps, the borrower's own police report. Rules only:
# these are guarantees of the rule data (the classifier is measured separately).
@pytest.mark.parametrize("text", [
    "我们已向法院申请财产保全，法院已依法冻结您名下账户，具体以法院送达的民事裁定书为准。",
    "快递员说明天上门取件，让我把箱子放门口。",
    "我把那个催收号码拉进黑名单了，现在换了别的号码打来。",
    "被法院列为失信被执行人后，会被限制高消费，比如不能坐飞机。",
    "微信群里有人发了个链接说能查征信黑名单，我没点。",
    "我上个月被公司辞退了，现在没有收入，想问问怎么跟平台协商。",
    "我们公司最近在裁员，我怕被辞退，更还不上了。",
    "我儿子今年去当兵了，家里就我一个人，网贷实在还不上。",
    "我老公的工资卡被老板扣着，所以这个月还不上。",
    "我的工资卡每个月15号发工资，发了就还。",
    "我去派出所备案了，把催收的录音都交给了民警。",
    "我手机被偷了，小偷还用我的支付宝借了钱，我已经报警了。",
    "我之前在一家商贸公司上班，后来公司倒闭了。",
    "我先转了500给平台的官方账户，APP上已经显示了。",
    "那人说他是法院的，让我加QQ，我觉得是骗子就挂了。",
    "请上传身份证正反面照片完成实名认证，以便为您办理分期。",
    "我不想再借新还旧了，想好好规划一下怎么还。",
    "我老公说他朋友的孩子在读小学，跟这事没关系。",
    "我们正式通知您：如本月底前仍不处理，我司将依约向仲裁委员会申请仲裁。",
    "我想知道，催收说的全国黑名单到底存不存在？",
])
def test_lookalikes_and_own_accounts_stay_compliant(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


def test_borrower_at_the_place_at_night_is_no_night_contact():
    assert analyze("昨晚十点多我在楼下遛狗，邻居说晚上风大注意保暖", {}, model=False).labels == ["compliant"]


@pytest.mark.parametrize(("text", "want"), [
    ("再拖着不还，我们就通知你单位，让你被开除", "false_legal_threat"),
    ("你儿子考公政审肯定过不了，你自己想想", "false_legal_threat"),
    ("明天就让法院冻结你的工资卡", "false_legal_threat"),
    ("钱直接转到我的支付宝上，今天就给你销账", "illegal_fee"),
    ("还款请打到诚信商贸有限公司的账户，户名发你了", "illegal_fee"),
    ("他们说我女儿在实验小学三年级，他们都清楚", "intimidation"),
])
def test_narrowed_rules_still_fire(text, want):
    assert want in analyze(text, DEBTOR, model=False).labels


# After the check_dev4 first look (first half): lawful constructions, in new wording.
@pytest.mark.parametrize("text", [
    "我哋唔會打俾你屋企人，你自己處理好就得。",
    "判决以后仍不履行的，法院可以依法限制你高消费，只针对你本人。",
    "某区人民调解委员会：借款平台已就纠纷申请调解，调解免费、自愿参加。",
    "今天收到法院专递，里面是起诉状副本和传票，我该怎么应诉？",
    "我们只在您授权时读取紧急联系人，也不会打扰您的通讯录好友。",
    "罚息怎么算合同上写得清清楚楚，您可以在APP里查看。",
    "提醒：凡是让你先交钱才能“修复征信”的，都是诈骗。",
])
def test_lawful_constructions_after_dev4_first_look(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


# After the check_dev4 first look (second half): lawful constructions, in new wording.
@pytest.mark.parametrize("text", [
    "您等着，我帮你查一下这期账单还差多少。",
    "说实话我觉得自己像个老赖，欠了好几家，想问问怎么协商。",
    "行政部通知：忘打卡三次以上的员工将被列入考勤黑名单。",
    "催收说判决后不还会上失信名单，但他没说会影响家人，这对吗？",
    "我们没有权力冻结你的东西，法院判决生效后才能执行。",
    "您的案子已经转到我们诉讼组，下周寄律师函，想和解请回电。",
    "【某银行】我行已就您的信用卡欠款向某区人民法院提起诉讼，请留意法院通知。",
    "法院执行裁定已经下达，依法扣划您账户内的存款。",
    "根据刑法第一百九十六条，以非法占有为目的、经发卡银行两次有效催收后超过三个月仍不归还的，属于恶意透支。",
])
def test_lawful_constructions_after_dev4_second_half(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


def test_health_data_to_a_third_party_is_privacy_exposure():
    meta = {**DEBTOR, "recipient_role": "employer_or_colleague"}
    r = analyze("您好，您同事张某去年住院做过手术，病历我们这都有，麻烦提醒他还款", meta, model=False)
    assert "privacy_exposure" in r.labels


def test_phone_out_of_service_reveals_no_personal_data():
    meta = {**DEBTOR, "recipient_role": "emergency_contact"}
    r = analyze("您好，张某的手机号码停机了，如方便请转告他联系我们", meta, model=False)
    assert "privacy_exposure" not in r.labels


# Third session: scope rules (negated speech verbs, service visits, banter, possessed lists, court acts).
@pytest.mark.parametrize("text", [
    "我们从没讲过要去您单位，请您不要误会。",
    "本公司不会要求您把钱转到任何个人名下。",
    "自来水公司明天上门抄表换表，请家里留人。",
    "网购的冰箱周六上门安装，师傅会提前打电话。",
    "哈哈你再偷吃我的零食我就揍你一顿，开玩笑啦。",
    "这家理发店进了我的黑名单，剪得太丑了。",
    "依据生效判决书，法院已冻结您名下账户，如有异议请向执行法院提出。",
    "法院已经受理了本行的起诉，开庭时间以传票为准。",
    "外面下雪了路滑，你小心点，开车慢一点。",
])
def test_scope_rules_keep_lookalikes_compliant(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


@pytest.mark.parametrize(("text", "want"), [
    ("哈哈，你欠的钱再不还，我们就去你家把你腿打断", {"violence_threat", "unlawful_visit"}),
    ("再不还钱就把你列入黑名单，全国都查得到", {"false_legal_threat"}),
    ("他们三个人昨天在我家门口坐了一下午，说不还钱就不走", {"unlawful_visit", "intimidation"}),
    ("昨天两个人跑到我单位大厅里嚷嚷我欠钱，保安赶都赶不走", {"unlawful_visit", "intimidation"}),
])
def test_scope_rules_keep_the_unlawful_wording(text, want):
    r = analyze(text, DEBTOR, model=False)
    assert want <= set(r.labels), [(f.category, f.rule, f.quote) for f in r.findings]


def test_a_visit_without_menace_is_no_intimidation():
    r = analyze("下午来了一个人说是平台外访的，没出示证件，我说不方便他就走了", {"recipient_role": "debtor"}, model=False)
    assert "intimidation" not in r.labels


def test_scan_reports_the_categories_a_disclaimer_cancelled():
    from xiezhi.collection.engine import get_matcher
    from xiezhi.collection.normalize import normalise

    for text, cat in [("我们不会上门，也不会联系您的家人。", "unlawful_visit"),
                      ("物业通知：明天燃气公司上门安检，请家里留人。", "unlawful_visit"),
                      ("哈哈你再迟到我就揍你，开玩笑的", "violence_threat")]:
        cancelled: dict[str, list[tuple[int, int]]] = {}
        hits = get_matcher().scan(normalise(text), None, cancelled)
        assert cat not in {h.rule.category for h in hits}
        assert cat in cancelled, (text, cancelled)
    cancelled = {}
    get_matcher().scan(normalise("你再不还，今晚我们就带人上门"), None, cancelled)
    assert "unlawful_visit" not in cancelled  # it fired: nothing to cancel


# Third session: veiled and implied wording of the weakest categories (written for these tests).
@pytest.mark.parametrize(("text", "want"), [
    ("再拖着，我让你一家老小都去医院过中秋", {"violence_threat", "intimidation"}),
    ("你想清楚，下次见面你还能不能站着回家", {"violence_threat", "intimidation"}),
    ("你媳妇每天骑电动车上班吧，路上出点什么事可别怪我们", {"violence_threat", "intimidation"}),
    ("明天不到账，我们就把你家店的招牌给你拆了", {"violence_threat"}),
    ("上周四个催收跑进我家客厅坐着，说拿不到钱今晚就睡这儿了，我报警才走", {"unlawful_visit", "intimidation"}),
    ("早上发现我家单元门上贴满了纸，写着我欠钱不还的名字", {"unlawful_visit", "intimidation"}),
    ("半夜两点有人一直拍我家的门，说是来要账的", {"unlawful_visit"}),
    ("我们外访组已经到你家楼下了，你自己下来", {"unlawful_visit", "intimidation"}),
    ("你家住几栋几单元、你女儿在哪个学校，我们都整理好了，不还就发到你们小区群", {"privacy_exposure"}),
    ("你的债权已经转让给我们律所了，今天必须结清", {"impersonation"}),
    ("我是执行局的法官，你把欠款转到我的个人账户就能撤销执行", {"impersonation"}),
])
def test_veiled_wording_of_the_weak_categories(text, want):
    r = analyze(text, DEBTOR, model=False)
    assert want <= set(r.labels), [(f.category, f.rule, f.quote) for f in r.findings]


@pytest.mark.parametrize("text", [
    "您好，外访同事明天下午到您单位附近，请问您是否方便见面？不方便可以改约。",
    "我妈来我家坐了一下午才走，聊了好多家常。",
    "请您把身份证正反面照片上传到APP完成认证。",
    "物业通知已经贴在单元门上了，周六停水。",
    "律师说判决下来以后，对方会把钱打到法院的执行账户。",
])
def test_veiled_rules_leave_lawful_wording_alone(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


# After the check_dev5/6/7 first looks: lawful scope as principles (texts written for these tests).
@pytest.mark.parametrize("text", [
    "刚看完那部电视剧，里面的放贷的老板说要打断欠债人的腿，编剧真敢写。",
    "周末谁输了谁请奶茶，不请的我们直接杀到你家去🤣",
    "健身群：下周还不打卡的，我就把你们拉进“懒虫黑名单”",
    "请问催收可以联系我的紧急联系人吗？联系时能说我欠了多少钱吗？",
    "我们只会在您失联期间联系一次紧急联系人核实您的联系方式，不会透露借款信息。",
    "这不是吓唬您，是正常流程：逾期超过90天我们会依法起诉。",
    "您先开车吧，路上注意安全，不急，晚点我再打给您。",
    "中介小王：明天上午十点带客户上门看房，方便的话回复1。",
    "【某区人民法院】您的借款合同纠纷一案已立案，请登录人民法院在线服务平台查看，本短信不含任何付款链接。",
    "根据生效判决，法院已依法冻结您的工资卡部分金额，如有异议请向执行法院提出。",
    "经核实，您反映的“催收人员自称法院工作人员”一事属实，该外包机构已被暂停合作，深表歉意。",
])
def test_lawful_scope_after_dev5_to_dev7(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


@pytest.mark.parametrize(("text", "want"), [
    ("【最高人民法院执行信息公开网】您已被列入失信名单，24小时内不还清就冻结你的全部账户", "false_legal_threat"),
    ("我是市公安局反诈中心的，你的网贷涉嫌洗钱，马上把钱转到安全账户核查", "impersonation"),
    ("你名下的网贷已判决，今天不在电话里还款，下午就对你司法拘留", "false_legal_threat"),
    ("不交加急费就按流程慢慢来，天天有人找你", "intimidation"),
])
def test_lawful_scope_keeps_the_unlawful_lookalikes(text, want):
    assert want in analyze(text, DEBTOR, model=False).labels


# After the check_dev8 first look: a department name is how lenders sign; it is impersonation with a red flag.
@pytest.mark.parametrize("text", [
    "您好，我是平台的法务专员，您的借款已满足起诉条件，本周内不联系我们将向您住所地法院提交起诉材料。",
    "今天还不上的话就按流程走，后面由我们法务部跟进。",
    "【某某调解中心】您与某平台的借款纠纷已进入诉前调解，调解员电话0571-xxxxxxx，调解不成原告将依法起诉。",
    "起诉之后法院判多少你还多少，判决后不履行还可能被列入失信名单，你自己考虑。",
    "催收说再不还就去法院申请冻结我的工资卡，这个可以吗？",
    "请于今天16点前把2800转到我们对公账户，账户信息见App公告。",
    "别哭穷了，你朋友圈天天晒旅游。",
    "我行未委托任何第三方以“征信修复”名义收费，请提高警惕。",
    "你有困难的话现在协商分期还来得及，我可以帮你申请减免罚息。",
    "终于还完了，姐妹们能协商就协商，千万别借新还旧。",
])
def test_lawful_scope_after_dev8(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


@pytest.mark.parametrize("text", [
    "【某消费金融法务中心】您的借款已由我中心接管，请添加专员个人微信处理。",
    "我是某某消费金融总部的法务专员，你的案子总部直接处理。",
    "我这边是某某法务部的。你管我哪个公司，钱还给我们就行。",
])
def test_department_with_a_red_flag_is_impersonation(text):
    assert "impersonation" in analyze(text, DEBTOR, model=False).labels


# Veiled violence after the dev5-dev8 first looks, in new wording.
@pytest.mark.parametrize("text", [
    "你那个奶茶店晚上没人看着吧，哪天要是着了火，多可惜。",
    "之前有个跟你一样不还的，现在还在医院躺着，你自己想想。",
    "你这胳膊还想要不？",
    "今天不把钱拿出来，你就别想从这个屋出去。",
    "我们把你弄到缅北去打工还债。",
    "砍刀我都准备好了，就看你明天还不还。",
    "昨天那个催收进门就给了我一巴掌，把我店里的收银台扫地上了。",
])
def test_veiled_violence_after_dev5_to_dev8(text):
    assert "violence_threat" in analyze(text, DEBTOR, model=False).labels


@pytest.mark.parametrize("text", [
    "我们的外访同事明天到你公司，在前台等你，你下来签个协议就行。",
    "温馨提示：冬季用电注意防火，电动车请勿在楼道充电，以免着火。",
    "你的快递到了，放在小区门口的快递柜，要是今天不取明天退货。",
])
def test_veiled_violence_rules_leave_lawful_wording_alone(text):
    assert "violence_threat" not in analyze(text, DEBTOR, model=False).labels


# After the check_dev9/dev10 first looks: disclaimers after the words, negated transfer verbs, verification channels.
@pytest.mark.parametrize("text", [
    "好的，记得在App里还，别转到任何个人账户哈。",
    "我们不建议您借新还旧，可以在App里申请延期。",
    "目前还没有起诉，不存在任何律师费。",
    "凡是自称能内部消除逾期、先收“备案费”的都不是官方机构。",
    "如果您收到以我司名义要求转账到个人账户的短信，请立即报警。",
    "【反诈提醒】公安机关不会通过电话办案，也没有所谓安全账户。",
    "您好，我是县人民法院执行局的书记员，请本周五到执行局接受询问，您可以先拨打法院总机核实。",
    "空调师傅说上门费30元，材料另算。",
    "新闻里说有人冒充法院发传票让转账，我得提醒我爸妈。",
    "晚上回家路上慢一点，到家给我发个消息。",
    "法律援助的人说，他们要起诉也是合法的，不是吓唬我。",
])
def test_lawful_scope_after_dev9_dev10(text):
    r = analyze(text, DEBTOR, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


@pytest.mark.parametrize(("text", "want"), [
    ("催收在电话里骂我是老赖，还说我们全家都是骗子", "insult_defamation"),
    ("法院判决后您将被拘留，您的孩子也考不了公务员", "false_legal_threat"),
])
def test_scope_rules_after_dev9_dev10_keep_the_unlawful(text, want):
    assert want in analyze(text, DEBTOR, model=False).labels


# Visits to relatives, workplaces and schools; presence claimed; staying put (new wording).
@pytest.mark.parametrize("text", [
    "你不接电话是吧，明天我们去你岳父家坐坐，跟老人聊聊你的事。",
    "我们的人这周就过去看看你爸妈，顺便带点东西。",
    "再拖我们就到你们学校门口等你。",
    "我们昨天去过你店里了，生意不错嘛，下次多带几个人来。",
    "我现在就在你家楼下，你下来还是我上去？",
    "两个催收进了我家以后在客厅坐着不走，说等我老公回来。",
    "今天又有人来敲我家的门，敲了快一个小时，还一直喊我名字要钱。",
])
def test_visit_constructions_after_dev5_to_dev10(text):
    assert "unlawful_visit" in analyze(text, DEBTOR, model=False).labels


@pytest.mark.parametrize("text", [
    "今天上午我们的两位同事来过您家，您家人说您不在，我们已经离开了，请您方便时回电。",
    "周末我去你家玩，顺便看看你爸妈，带点水果。",
    "上个月我们去过你家一趟，你不在。",
])
def test_visit_constructions_leave_lawful_wording_alone(text):
    assert "unlawful_visit" not in analyze(text, DEBTOR, model=False).labels


# Claimed authority reported by the borrower; official-sounding headers (new wording).
@pytest.mark.parametrize("text", [
    "下午有个人打电话，自称是区人民法院执行局的，让我先交两千保证金。",
    "对方说他是市网信办的，要把我的手机号封掉，让我加QQ处理。",
    "【国家征信管理中心】您的征信有3条逾期，请添加专员QQ办理。",
    "【12378受理中心】您的投诉已受理，请缴纳停催备案费。",
])
def test_claimed_authority_is_impersonation(text):
    assert "impersonation" in analyze(text, DEBTOR, model=False).labels


@pytest.mark.parametrize("text", [
    "【某银行】如有自称“法务部”的人员要求您向个人账户还款，请勿理会。",
    "提醒：近期有人冒充我司以“征信修复”名义收费，我司从未委托任何第三方。",
])
def test_warnings_about_impersonators_stay_compliant(text):
    assert analyze(text, DEBTOR, model=False).labels == ["compliant"]


# Legal review of the third session's rule changes (briefs/legal_review.md): the reviewer's own examples.
@pytest.mark.parametrize(("text", "want"), [
    ("催收发消息说不还就打断你的腿，这算吗？", "violence_threat"),                        # D1
    ("催收昨天半夜带了三个人堵在我家门口不走，违规吗", "unlawful_visit"),                    # D1
    ("法院判决书已经下来了，你马上就要坐牢了", "false_legal_threat"),                      # D17
    ("根据判决你已经是失信被执行人了，下周就来抓你拘留", "false_legal_threat"),            # D17
])
def test_legal_review_unlawful_stays_flagged(text, want):
    assert want in analyze(text, DEBTOR, model=False).labels


@pytest.mark.parametrize(("text", "absent"), [
    ("我也不想闹到法院的，你还是把钱还了吧", "impersonation"),                            # D3
    ("法院已经判了，你直接把钱转到我的账户就行，我是借你钱的老王", "impersonation"),        # D3
    ("因为疫情我们店关了三天，这个月还款能不能晚几天", "violence_threat"),                  # D6
    ("实在不行就去打工还债吧，别再借了", "violence_threat"),                              # D8
    ("你再不还，下次就不是打电话这么简单了，我们会起诉", "violence_threat"),                # D8
    ("昨天晚上七点他们来敲我家的门，说要还钱", "unlawful_visit"),                          # D12
    ("我们明天上门，当面谈一下还款的事", "unlawful_visit"),                                # D13
])
def test_legal_review_lawful_or_other_category(text, absent):
    assert absent not in analyze(text, DEBTOR, model=False).labels


def test_spouse_told_of_a_joint_loan_by_the_collector_only_is_still_a_third_party():
    meta = {**DEBTOR, "recipient_role": "address_book_contact"}
    r = analyze("你老公欠的钱是你们一起借的，你也得还，他欠了8000", meta, model=False)   # D2
    assert "third_party_contact" in r.labels


def test_state_and_organisation_impersonation_cite_their_articles():
    state = analyze("我是城西派出所的民警，你的网贷逾期了马上处理", DEBTOR, model=False)
    f = next(f for f in state.findings if f.category == "impersonation")
    ids = [c["id"] for c in f.citations if "id" in c]
    assert ids[:2] == ["criminal-law:279", "public-security-punishments-law:62"] and f.severity == "possible_crime"
    org = analyze("我是征信中心的，你的逾期要上报了", DEBTOR, model=False)                    # D4
    f = next(f for f in org.findings if f.category == "impersonation")
    assert f.severity == "violation"
    assert next(c["id"] for c in f.citations if "id" in c) == "public-security-punishments-law:62"


# Everyday sentences with collection-like words (new wording, after tuner B's out-of-domain probes).
@pytest.mark.parametrize("text", [
    "周日我们几个老同事去你家串门，顺便一起吃个饭。",
    "你等着，我这就下来接你，外面雨太大了。",
    "菜刀太钝了，切菜都费劲，明天去磨一磨。",
    "电视上说寒潮要来了，大家出门注意安全。",
    "公司人事部通知大家更新一下紧急联系人信息。",
])
def test_everyday_sentences_stay_compliant(text):
    r = analyze(text, {}, model=False)
    assert r.labels == ["compliant"], [(f.category, f.rule, f.quote) for f in r.findings]


# Intimidation shown as surveillance, relentless calling, done violence (new wording).
@pytest.mark.parametrize("text", [
    "你媳妇每天早上八点送孩子去幼儿园，走的是北门吧？",
    "你家楼下那个包子铺不错，我们早上吃过了。",
    "你不接是吧，我就一直打，打到你手机关机为止。",
    "派出所那边我们都是熟人，你报警也没用。",
    "昨天他们在我店里给了我一巴掌，还把货架推倒了。",
])
def test_intimidation_constructions(text):
    assert "intimidation" in analyze(text, DEBTOR, model=False).labels


def test_a_friendly_remark_about_a_child_is_no_surveillance():
    r = analyze("刚才在小区门口碰到你闺女了，穿着红裙子挺好看，都长这么高了，改天一起吃个饭。", {}, model=False)
    assert "intimidation" not in r.labels
