"""Masking personal data in text meant for the public (disclosure tables, public pages, Open311).

Plain Python, no Django. `mask_personal(text)` hides, wherever they appear in a case's own text:

- mobile numbers (11 digits from 13–19, with or without +86 and separators): the first three kept;
- landline numbers (area code 0xx/0xxx with a 7–8 digit number, or a bare 7–8 digit number right
  after 电话/座机/联系方式…): the area code kept, the number starred;
- ID card numbers (18 digits, the last may be X; 15 digits after 身份证): the first three kept;
- e-mail addresses and QQ/微信 numbers after their label;
- a person's name after 举报人/投诉人/来信人/来访人/信访人/反映人/联系人/实名举报… : the surname kept and
  the given name replaced by 某 (张三 → 张某, 欧阳小明 → 欧阳某), as public documents write it;
- likewise a person named by position or part in the case, as published handling texts write them
  (村民孙成喜签订…, 镇长蔡远鸣为第一责任人, 联合调查组李永忠、曹源…4人), or named right after a unit and
  before a headcount (…局李永忠、刘俊辉及…政府乔朝和等3人); a name found once is masked wherever else
  the same text repeats it (承包给孙成喜);
- a home address after 家住/住址/现住/联系地址…: the divisions down to the township (莲都区碧湖镇,
  岩泉街道) kept, the village, street, building and house number starred;
- and, given the case's own complainant (`known`: the names and contacts recorded for it), every
  occurrence of them, however the text introduces them (张伟反映… → 张某反映…): a text may name its
  complainant without any role word, which no pattern can tell from an ordinary word.

Ordinary figures survive: amounts (罚款5万元), dates (2024年6月11日, 20240611), case numbers
(D3ZJ202406110042, X330000201806150031: digits glued to letters are never a phone or an ID),
building and room numbers (3号楼), coordinates.
"""

import re

STAR = "*"

# Digits glued to letters or other digits belong to something else (case numbers, codes).
_LEFT = r"(?<![0-9A-Za-z])"
_RIGHT = r"(?![0-9A-Za-z])"

_ID18 = re.compile(_LEFT + r"([1-9]\d{5})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
                   + _RIGHT)
_ID15 = re.compile(r"(身份证(?:号码|号)?\s*[:：]?\s*)(\d{3})(\d{12})" + _RIGHT)
_MOBILE = re.compile(_LEFT + r"((?:\+?86[-\s]?)?1[3-9]\d)([-\s]?\d{4}[-\s]?\d{4})" + _RIGHT)
_LANDLINE = re.compile(_LEFT + r"([（(]?0\d{2,3}[）)]?[-－—\s]?)(\d{7,8})(?:-\d{1,5})?" + _RIGHT)
_LABELLED = re.compile(r"((?:联系)?(?:电话|座机|手机|联系方式|号码|tel|Tel|TEL)(?:号码)?\s*[:：]?\s*)(\d{7,8})" + _RIGHT)
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_IM = re.compile(r"((?:QQ|qq|微信|微信号)(?:号码|号)?\s*[:：]?\s*)([A-Za-z0-9_-]{5,20})")

_ROLES = ("实名举报人", "举报人", "投诉人", "来信人", "来访人", "来电人", "信访人", "反映人", "联系人", "申诉人",
          "控告人", "信访群众", "举报群众")
_COMPOUND = ("欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 端木 澹台 公冶 宗政 濮阳 "
             "淳于 单于 太叔 申屠 轩辕 呼延 南宫 钟离 闻人 赫连 独孤").split()
_SINGLE = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛"
    "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封官瞿楼来应杭洪诸竺宣鲍"
)
# Words that follow a role word but are not a name (举报人向我局反映, 举报人称, 举报人多次…).
_NOT_GIVEN = set("我其该此等们方处所均于在对向称反要表多未已曾因为是于的及与和并也再又都就还将被让从")
# Words a role word may be followed by that begin with a surname character but are not names.
_NOT_NAMES = {"陈述", "高度", "强烈", "万分", "反复", "方面", "向其", "应当", "申请", "申诉", "明确", "常年", "时常",
              "安全", "关于", "全家", "和其", "家属", "周边", "附近", "华侨", "党员", "于某", "同时", "金额", "师傅",
              "马上", "成功", "单位", "文明", "古镇", "宁愿", "齐心", "连续", "连日", "沙场", "房屋", "商户", "毛病",
              "黄昏", "白天", "雷雨", "路过", "路段", "邻居", "居民", "庄园", "农户", "林地", "石料", "钱款",
              "车辆", "车间", "方便", "全体", "全部", "全程", "明天", "明日", "时间", "应该", "曾经", "曾多", "于昨",
              "于今", "于近", "于本", "于上", "于当", "于同", "于次", "于去", "于前", "于每", "向来", "单方", "和解"}
_HAN = r"[\u4e00-\u9fff]"
_NAME_END = r"(?=$|[^\u4e00-\u9fff]|反映|称|联系|电话|手机|身份证|家住|住在|现住|举报|投诉|来电|来信|来访|表示|要求|等|先生|女士|同志|夫妇|一家|家|系|是|诉|向|于|在|多次|曾|已|的|与|和|及|之|（|\()"
_SURNAME = "(?:" + "|".join(_COMPOUND) + "|[" + "".join(sorted(_SINGLE)) + "])"
# After a role word a name is what follows, however the sentence goes on (信访人王小明反馈…, 举报人张伟希望…):
# the given name ends where a word the texts write next begins, else it is taken as two characters (the
# common three-character name) — masking one character too many never publishes a name.
_ROLE_NAME_END = _NAME_END[:-1] + r"|反馈|希望|认为|说|讲|指出|提出|提供|告知|介绍|来到|到|对|也|就|还|又|都|并|再|将|被|让|从|为|同意|不满|满意|签字|本人)"
_NAME = re.compile(
    "(" + "|".join(_ROLES) + r")(\s*[:：]?\s*)(" + _SURNAME + r")(" + _HAN + r"{1,2}?" + _ROLE_NAME_END + "|"
    + _HAN + r"{2})")
_MORE_NAMES = re.compile(r"^([、,，和及与]\s*)(" + _SURNAME + r")(" + _HAN + r"{1,2}?)" + _NAME_END)
# Positions and parts that published handling texts put right before a person's name.
_TITLES = ("法定代表人", "法人代表", "实际控制人", "承包人", "负责人", "经营者", "养殖户", "村民", "业主", "户主", "店主",
           "党委书记", "书记", "镇长", "乡长", "村长", "局长", "主任", "市长", "县长", "区长", "站长", "所长", "队长",
           "网格员", "网格长", "调查组", "组长")
_TITLE_END = _NAME_END[:-1] + r"|为|约谈|签订|定期|组成)"
_TITLED = re.compile(
    "(" + "|".join(_TITLES) + r")(\s*[:：]?\s*)(" + _SURNAME + r")(" + _HAN + r"{1,2}?)" + _TITLE_END)
# A name right after a unit (…局, …政府) and before a headcount or the next name: 局李永忠、 / 政府乔朝和等3人.
_UNIT_NAMED = re.compile(r"(局|政府|办|站|所|中心|公司|大队|中队)()(" + _SURNAME + r")(" + _HAN
                         + r"{1,2}?)(?=、|及|等\d*人|\d+人)")
_ANY_TITLE = re.compile("|".join(_TITLES) + "|局|政府|办|站|所|中心|公司|大队|中队")


def _star(text):
    return STAR * len(re.sub(r"\D", "", text) or text)


def _mask_id(match):
    whole = match.group(1) + match.group(2)
    return whole[:3] + STAR * (len(whole) - 3)


def _mask_mobile(match):
    head = match.group(1)
    return head + _star(match.group(2))


def _mask_landline(match):
    return match.group(1) + STAR * len(match.group(2))


def _given(given):
    """The given-name part is a name only when it does not start with a function word."""
    return given[0] not in _NOT_GIVEN


def _is_name(surname, given):
    return _given(given) and (surname + given)[:2] not in _NOT_NAMES


def _whole_given(text, end, given):
    """A one-character given name before 和/及/与 that nothing Chinese follows takes that character too:
    乔朝和4人 is 乔朝和, not 乔朝 and someone else."""
    if len(given) == 1 and text[end:end + 1] in ("和", "及", "与") and not re.match(_HAN, text[end + 1:end + 2]):
        return given + text[end], end + 1
    return given, end


def _mask_names(text, pattern, found):
    """`text` with the names `pattern` finds (and those listed after them) masked; each full name (surname,
    given) is added to `found`."""
    out, pos = [], 0
    for match in pattern.finditer(text):
        role, sep, surname, given = match.groups()
        if not _is_name(surname, given) or match.start() < pos:
            continue
        out.append(text[pos:match.start()])
        out.append(f"{role}{sep}{surname}某")
        given, pos = _whole_given(text, match.end(), given)
        found.append((surname, given))
        while True:
            more = _MORE_NAMES.match(text[pos:])
            if not more or not _is_name(more.group(2), more.group(3)):
                break
            out.append(f"{more.group(1)}{more.group(2)}某")
            given, pos = _whole_given(text, pos + more.end(), more.group(3))
            found.append((more.group(2), given))
    out.append(text[pos:])
    return "".join(out)


# A person addressed as 女士/先生 (李娜女士也来电…): the name before it, surname kept. Three characters when
# they start with a surname and no function word (王小明先生), else two (向李娜女士); 王女士 and 王某女士
# name nobody.
_HONORIFIC = re.compile(r"(女士|先生)")


def _named(candidate, size):
    """(surname, given) when `candidate` (`size` characters) reads as a name, else None."""
    if len(candidate) != size or "某" in candidate or not re.fullmatch(_HAN + "+", candidate):
        return None
    surname = candidate[:2] if size == 3 and candidate[:2] in _COMPOUND else candidate[0]
    given = candidate[len(surname):]
    if (surname in _COMPOUND or surname in _SINGLE) and given and _is_name(surname, given):
        return surname, given
    return None


def _mask_honorifics(text, found):
    out, pos = [], 0
    for match in _HONORIFIC.finditer(text):
        start = match.start()
        # 向李娜女士: a function word before two characters is not a surname; 于小明先生 still is one.
        sizes = (2, 3) if text[max(pos, start - 3):start - 2] in _NOT_GIVEN else (3, 2)
        name = next(filter(None, (_named(text[max(pos, start - size):start], size) for size in sizes)), None)
        if name is None:
            continue
        surname, given = name
        out.append(text[pos:start - len(surname + given)] + surname + "某")
        pos = start
        found.append(name)
    out.append(text[pos:])
    return "".join(out)


def _mask_people(text):
    """Complainants, then people named by position, after a unit or as 女士/先生; every name found is masked
    wherever the text repeats it."""
    found = []
    if _ANY_ROLE.search(text):
        text = _mask_names(text, _NAME, found)
    if "女士" in text or "先生" in text:
        text = _mask_honorifics(text, found)
    if _ANY_TITLE.search(text):
        text = _mask_names(text, _TITLED, found)
        text = _mask_names(text, _UNIT_NAMED, found)
    for surname, given in found:
        text = text.replace(surname + given, surname + "某")
    return text


# A home address after its label (家住, 住址…): the divisions down to the township are kept, as published
# texts keep them (家住岩泉街道), and the rest (village, street, building, house number) is starred. The
# address ends at punctuation or at a word that goes on about the complaint (…的, …反映, …附近).
_ADDRESS_LABELS = ("家庭住址", "联系地址", "通讯地址", "现住址", "住址", "现居住在", "居住在", "居住于", "现居于", "家住",
                   "现住", "住在")
_ADDRESS_STOP = r"，。；;,、！!？?\s（）()【】"
_ADDRESS = re.compile("(" + "|".join(_ADDRESS_LABELS) + r")(\s*[:：]?\s*)([^" + _ADDRESS_STOP + r"]{2,80}?)"
                      r"(?=$|[" + _ADDRESS_STOP + r"]|的|反映|称|要求|表示|举报|投诉|附近|旁|周边|楼下|对面|一带)")
_PLACE = re.compile(_HAN + r"{1,10}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|区|县|旗|镇|乡|街道)")
_NOT_PLACES = ("小区", "社区", "校区", "厂区", "景区", "园区", "营区", "超市", "菜市", "夜市", "门市")


# Words after 住在 that say where, not an address (居住在附近的群众, 住在这里的居民).
_NOT_ADDRESSES = ("这", "那", "此", "该", "本地", "当地", "附近", "周边", "周围", "旁边", "隔壁", "对面", "楼上", "楼下", "一起")
# 住在/居住在 may also say where relative to the complaint (住在工地北侧): there only a place that names a
# dwelling (a village, a house number, a residential compound) is an address.
_WEAK_LABELS = ("现居住在", "居住在", "居住于", "现居于", "现住", "住在")
_DWELLING = re.compile(r"号|村|组|幢|栋|单元|室|弄|巷|小区|苑|公寓|大厦|花园|新村|家园")


def _mask_address(match):
    label, sep, address = match.groups()
    if address.startswith(_NOT_ADDRESSES) or label in _WEAK_LABELS and not _DWELLING.search(address):
        return match.group()
    pos = 0
    while (place := _PLACE.match(address, pos)) and not place.group().endswith(_NOT_PLACES):
        pos = place.end()
    return label + sep + address[:pos] + STAR * (len(address) - pos)


_ANY_DIGIT = re.compile(r"\d")
_ANY_ROLE = re.compile("|".join(_ROLES))


# What a complainant's name field holds when no name was given: not a name to mask.
_NO_NAME = {"匿名", "无", "不详", "未知", "未留名", "未留姓名", "群众", "市民", "村民", "居民", "网民", "某某"}


def _known_mask(value):
    """How a known name or contact is written once masked, or None when it is not one to look for."""
    value = value.strip()
    if len(value) < 2 or value in _NO_NAME or "某" in value:
        return None
    if re.fullmatch(_HAN + "{2,6}", value):
        compound = value[:2] in _COMPOUND and len(value) > 2
        return value[:2 if compound else 1] + "某"
    return STAR * len(value)


def _mask_known(text, known):
    for value in sorted({v.strip() for v in known if v}, key=len, reverse=True):  # 张伟明 before 张伟
        masked = _known_mask(value)
        if masked is not None and value in text:
            text = text.replace(value, masked)
    return text


def mask_personal(text, known=()):
    """`text` with phone numbers, ID numbers, e-mail/IM handles and complainants' names masked; `known`
    holds names and contacts recorded for this text's case, masked wherever they appear."""
    if not text:
        return text or ""
    text = str(text)
    if _ANY_DIGIT.search(text):
        text = _ID18.sub(_mask_id, text)
        if "身份证" in text:
            text = _ID15.sub(lambda m: m.group(1) + m.group(2) + STAR * 12, text)
        text = _MOBILE.sub(_mask_mobile, text)
        text = _LANDLINE.sub(_mask_landline, text)
        text = _LABELLED.sub(lambda m: m.group(1) + STAR * len(m.group(2)), text)
    if "@" in text:
        text = _EMAIL.sub(lambda m: m.group(1) + "***@***", text)
    if "QQ" in text or "qq" in text or "微信" in text:
        text = _IM.sub(lambda m: m.group(1) + STAR * len(m.group(2)), text)
    if "住" in text or "地址" in text:
        text = _ADDRESS.sub(_mask_address, text)
    text = _mask_people(text)
    # Last, so that a phone number the patterns found reads as they write it (139********).
    return _mask_known(text, known) if known else text


# What a public output must never contain once masked (used by tests of every public output).
LEAKS = (re.compile(_LEFT + r"1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}" + _RIGHT),
         re.compile(_LEFT + r"\d{17}[\dXx]" + _RIGHT),
         re.compile(_LEFT + r"0\d{2,3}[-－—\s]?\d{7,8}" + _RIGHT))


def leaks(text):
    """The phone or ID numbers still readable in `text` (empty when clean)."""
    return [m.group() for pattern in LEAKS for m in pattern.finditer(text or "")]
