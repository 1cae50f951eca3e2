"""Repairing the text of a plan as it arrives from web pages, Word, PDF and bad conversions.

`normalize(text)` returns `(clean_text, repairs)`: the text with one paragraph
per line, in Simplified script with mainland phrasing, Chinese punctuation
full-width and digits half-width (GB/T 15834), pollutant names in one
spelling, and web page furniture removed; `repairs` names each kind of repair
that changed something, in the order applied.

Repair names: mojibake, replacement_characters, html_entities, pinyin_brackets, roc_years, variant_characters, traditional_to_simplified, taiwan_phrasing,
fullwidth_digits, punctuation, pollutant_names, boilerplate, whitespace,
line_joins (paragraphs broken at the page width rejoined).
"""

import html
import re
from functools import lru_cache

import opencc

from ducha.plans.reading.roc_years import roc_years

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")

# --- script -------------------------------------------------------------------

SIMPLIFIED, TRADITIONAL, MIXED = "simplified", "traditional", "mixed"


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_script(text: str) -> str:
    """simplified / traditional / mixed, from the characters that exist in one script only."""
    chars = set(_CJK_RE.findall(text))
    if not chars:
        return SIMPLIFIED
    joined = "".join(sorted(chars))
    as_simplified = _converter("t2s").convert(joined)
    as_traditional = _converter("s2t").convert(joined)
    if len(as_simplified) != len(joined) or len(as_traditional) != len(joined):
        # Conversion never changes the length of single characters; be safe anyway.
        return SIMPLIFIED
    traditional_only = sum(1 for a, b in zip(joined, as_simplified) if a != b)
    simplified_only = sum(1 for a, b in zip(joined, as_traditional) if a != b)
    total = traditional_only + simplified_only
    if traditional_only == 0 or total == 0:
        return SIMPLIFIED
    share = traditional_only / total
    if share >= 0.85:
        return TRADITIONAL
    if share <= 0.15 and traditional_only <= 2:
        return SIMPLIFIED
    return MIXED


# Words written this way only in Taiwan (the mainland and Hong Kong use other
# words). Their presence selects OpenCC's Taiwan-phrase dictionary, which would
# otherwise wrongly rewrite mainland words. 品質 or 專案 alone prove nothing:
# mainland Traditional has 品質化 and 專案盯辦 too.
_TAIWAN_WORDS = (
    "資訊", "軟體", "硬體", "網路", "迴圈", "高品質", "計程車", "數位", "伺服器", "網際網路", "螢幕", "資料庫",
    "部落格", "列印", "智慧財產", "碳權", "字型", "環境品質", "空氣品質", "水質品質", "永續發展",
    # s2twp writes 社區 as 社群 and 默認 as 預設; a plan says 社群 for no other reason.
    "社群", "預設值", "預設為",
)
# 品質 next to what a plan measures ("生態品質", "品質提升") is Taiwan's 質量; 品質 alone proves nothing.
_TAIWAN_QUALITY = re.compile(r"(?:生態|土壤|水體|發展|工程|服務)品質|品質(?:改善|提升|監測|標準|目標|管理)")

# Taiwan words OpenCC's phrase list leaves alone, as (Taiwan, mainland Traditional).
_TAIWAN_EXTRA = (("高品質", "高質量"), ("品質", "質量"), ("永續", "可持續"), ("碳權", "碳排放權"), ("預設", "默認"))


# Words mainland official writing uses natively that OpenCC's tw2sp rewrites
# anyway (its Taiwan→mainland table reverses a one-way mapping): 建立→创建,
# 指標→指针, 核心→内核, 批次→批量, 複製→拷贝, 程序→进程… Kept only where the
# mainland reading is by far the common one in plans; 專案→项目 or 資料→数据
# stay converted, as they usually mean that in a Taiwan text.
_SHARED_WORDS = ("區域性", "建立", "指標", "核心", "整合", "互動", "新增", "程序", "通道", "批次", "效能", "啟用",
                 "停用", "開啟", "複製", "呼叫")
_SHARED = re.compile("|".join(sorted(_SHARED_WORDS, key=len, reverse=True)))
_SHARED_SIMPLIFIED = [opencc.OpenCC("t2s").convert(w) for w in _SHARED_WORDS]


_TAIWAN_PROJECT = re.compile(r"專案(?![組组小盯督查調调辦办審审])")


def has_taiwan_phrasing(text: str) -> bool:
    return any(word in text for word in _TAIWAN_WORDS) or bool(_TAIWAN_QUALITY.search(text))


# Variant forms OpenCC leaves alone ("陜西" in a 2021 page on 陕西's air quality).
_VARIANTS = str.maketrans("陜淸靑", "陕清青")


def to_simplified(text: str):
    """(text, repairs): Traditional to Simplified, with mainland phrasing when the text uses Taiwan's."""
    varied = text.translate(_VARIANTS)
    repairs = ["variant_characters"] if varied != text else []
    text = varied
    script = detect_script(text)
    if script == SIMPLIFIED:
        return text, repairs
    if has_taiwan_phrasing(text):
        for taiwan, mainland in _TAIWAN_EXTRA:
            text = text.replace(taiwan, mainland)
        # Shield words both sides write alike from tw2sp's reverse mappings.
        shielded = _SHARED.sub(lambda m: chr(0xE000 + _SHARED_WORDS.index(m.group())), text)
        out = _converter("tw2sp").convert(shielded)
        out = re.sub("[\ue000-\ue0ff]", lambda m: _SHARED_SIMPLIFIED[ord(m.group()) - 0xE000], out)
        return out, repairs + ["traditional_to_simplified", "taiwan_phrasing"]
    # Taiwan's standard characters (著力 for 着力) need tw2s's variant table; it would also
    # turn a simplified 显著 into 显着, so a mixed text goes through t2s. Hong Kong forms
    # (衞) then take their mainland shape.
    # 專案 is Taiwan's word for a project ("建設專案693個"); mainland Traditional writes it only
    # for a special case (專案組, 專案盯辦, 專案調查), so any other 專案 is a project.
    text = _TAIWAN_PROJECT.sub("項目", text)
    first = _converter("tw2s" if script == TRADITIONAL else "t2s").convert(text)
    return _converter("hk2s").convert(first), repairs + ["traditional_to_simplified"]


# --- mojibake and HTML entities -------------------------------------------------

# Characters frequent in Chinese official writing, in both scripts: a text decoded
# with the wrong codec is full of rare characters instead.
_COMMON = set("的是在不和有年中市工作环境環境问題题問发展發展管理整改設设建保护護进進行要求生态態治污染源水质質气氣"
              "督察组組责任責单位單部门門政府会會全县縣区區省国國家人民主和与與对對以上下为為等")


def chinese_score(text: str) -> float:
    """Share of common characters among the Chinese ones (about 0.2–0.4 for real text)."""
    cjk = _CJK_RE.findall(text[:20000])
    return sum(c in _COMMON for c in cjk) / (len(cjk) or 1)


def fix_mojibake(text: str):
    """UTF-8 bytes that were read as Latin-1/CP1252 ("å¸åº") or GBK ("甯傚尯") are read again."""
    if re.search("[\u0080-\u00ff]{3}", text):
        codecs = ("latin-1", "cp1252")
    elif _CJK_RE.search(text) and chinese_score(text) < 0.08:
        codecs = ("gb18030",)
    else:
        return text, []
    candidates = []
    for codec in codecs:
        try:
            # A byte the first wrong reading could not map is gone: its character is lost.
            raw = text.replace("\ufffd", "").encode(codec)
        except UnicodeEncodeError:
            continue
        candidates.append(raw.decode("utf-8", errors="replace").replace("\ufffd", ""))
    best = max(candidates, key=chinese_score, default=None)
    if best is not None and chinese_score(best) > max(0.15, 2 * chinese_score(text)):
        return best, ["mojibake"]
    return text, []


def drop_replacement_characters(text: str):
    """U+FFFD marks bytes a decoder could not read; the character is lost either way."""
    if "\ufffd" not in text:
        return text, []
    return text.replace("\ufffd", ""), ["replacement_characters"]


def fix_entities(text: str):
    if not re.search(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});", text):
        return text, []
    return html.unescape(text), ["html_entities"]


# --- pinyin left behind by bad conversions: 自治區(qū)黨委 -------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PLAIN = "aaaaeeeeiiiioooouuuuüüüü"
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|in|un|ün|"
    r"ia|ie|iu|ua|uo|ui|üe|ue|ve|er|a|o|e|i|u|ü|v)[1-5]?"
)
_PINYIN_WORD = re.compile(rf"^(?:{_SYLLABLE}\s?)+$")
_PINYIN_BRACKET = re.compile(rf"(?<=[{CJK}])[(（]\s*([a-z{_TONED}üê1-5 ]{{1,40}}?)\s*[)）]")
_DETONE = str.maketrans(_TONED, _PLAIN)


_ONE_SYLLABLE = re.compile(rf"^{_SYLLABLE}$")


def _is_pinyin(s: str) -> bool:
    s = s.strip()
    base = s.translate(_DETONE)
    if not _PINYIN_WORD.match(base):
        return False
    if any(c in _TONED for c in s) or any(c.isdigit() for c in s):
        return True
    # Without tones, Latin in brackets could be an abbreviation ("(mee)", "(wifi)"):
    # accept only whole syllables written apart ("(huan)", "(zi zhi qu)").
    words = base.split()
    return all(_ONE_SYLLABLE.match(w) for w in words) and (len(words) > 1 or len(base) >= 3)


def strip_pinyin(text: str):
    count = 0

    def repl(m):
        nonlocal count
        if _is_pinyin(m.group(1)):
            count += 1
            return ""
        return m.group(0)

    out = _PINYIN_BRACKET.sub(repl, text)
    if count:
        # A text damaged twice has two brackets in a row: "區(qū)(qū)".
        again = _PINYIN_BRACKET.sub(repl, out)
        while again != out:
            out, again = again, _PINYIN_BRACKET.sub(repl, again)
    return out, (["pinyin_brackets"] if count else [])


# --- width, punctuation, pollutant names ---------------------------------------

_FULLWIDTH = {0xFF10 + i: 0x30 + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: 0x41 + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: 0x61 + i for i in range(26)})
_FULLWIDTH.update({ord("％"): "%", ord("＋"): "+", ord("＜"): "<", ord("＞"): ">", ord("＝"): "="})
_FULLWIDTH.update({0x2080 + i: 0x30 + i for i in range(10)})  # subscript digits
_FULLWIDTH.update({ord("²"): "2", ord("³"): "3", ord("ₓ"): "x", ord("µ"): "μ"})


def fix_width(text: str):
    out = text.translate(_FULLWIDTH)
    out = re.sub(r"(?<=\d)[．。·・](?=\d)", ".", out)
    out = re.sub(r"(?<=[0-9A-Za-z])／(?=[0-9A-Za-z])", "/", out)
    out = re.sub(r"／", "/", out)
    return out, (["fullwidth_digits"] if out != text else [])


_CJK_OR_PUNCT = f"[{CJK}“”‘’《》、。，：；！？（）]"


def fix_punctuation(text: str):
    # A comma is Chinese unless it separates thousands (1,000).
    out = re.sub(r"(?<!\d),|,(?!\d{3})", "，", text)
    out = re.sub(rf"(?<=[{CJK}）”]):|:(?=[{CJK}“])", "：", out)
    out = re.sub(rf"(?<={_CJK_OR_PUNCT});|;(?={_CJK_OR_PUNCT})", "；", out)
    out = re.sub(rf"(?<=[{CJK}])\?", "？", out)
    out = re.sub(rf"(?<=[{CJK}])!", "！", out)
    # Brackets in Chinese context: (一) (试行) (PM2.5) all become （…）.
    out = re.sub(r"\(([^()\n]{0,80})\)", lambda m: _bracket(m, out), out)
    out = re.sub(r"（([^（）()\n]{0,80})\)", r"（\1）", out)
    out = re.sub(r"\(([^（）()\n]{0,80})）", r"（\1）", out)
    return out, (["punctuation"] if out != text else [])


def _bracket(m: re.Match, whole: str) -> str:
    inner = m.group(1)
    before = whole[m.start() - 1] if m.start() else "\n"
    after = whole[m.end()] if m.end() < len(whole) else "\n"
    context = inner + before + after
    if _CJK_RE.search(context) or before in "\n，。；：、" or after in "\n，。；：、":
        return f"（{inner}）"
    return m.group(0)


_POLLUTANTS = [
    (re.compile(r"(?i)(?<![A-Za-z])PM\s*2\s*\.\s*5(?!\d)"), "PM2.5"),
    (re.compile(r"(?i)(?<![A-Za-z])PM\s*10(?!\d)"), "PM10"),
    (re.compile(r"(?<![A-Za-z])O\s*3(?![\d.])"), "O3"),
    (re.compile(r"(?<![A-Za-z])SO\s*2(?![\d.])"), "SO2"),
    (re.compile(r"(?<![A-Za-z])NO\s*2(?![\d.])"), "NO2"),
    (re.compile(r"(?i)(?<![A-Za-z])NO\s*x(?![A-Za-z])"), "NOx"),
    (re.compile(r"μg\s*/\s*m3"), "μg/m3"),
]


def fix_pollutants(text: str):
    out = text
    for pattern, name in _POLLUTANTS:
        out = pattern.sub(name, out)
    return out, (["pollutant_names"] if out != text else [])


# --- web page furniture ------------------------------------------------------------

_DROP_LINE = re.compile(
    r"ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|All\s+Rights\s+Reserved|©|"
    r"^分享到|分享到[:：]|^上一篇|^下一篇|^上一条|^下一条|^友情链接|^相关链接|^相关文章|^相关阅读|"
    r"^(?:当前位置|您的位置|您现在的位置|你的位置)|^主办单位|^承办单位|^技术支持|^维护单位|"
    r"扫一扫|手机扫码|^【?打印(?:本页)?】?\s*【?关闭(?:窗口)?】?$|^【?关闭窗口】?$|^返回顶部|"
    r"建议使用.{0,20}浏览器|(?:建议|最佳).{0,12}分辨率|^[\[【\s]*[\]】\s]*$|我要纠错|^责任编辑|^【?(?:收藏|纠错)】?$|"
    r"政府网站找错|^网站无障碍|^相关附件[:：]?$",
    re.I,
)
# Parts of a line: they must look like page furniture, since 老字号 or 访问量 occur in prose too.
_DROP_PART = re.compile(
    r"(?:浏览次数|阅读次数|访问次数|点击次数)\s*[:：]?\s*\d*|(?:访问量|浏览量|点击数|点击量|阅读量)\s*[:：]\s*\d*|"
    r"[【\[]\s*字(?:体|号|型)\s*[:：]?[^】\]]{0,12}[】\]]|"
    r"字(?:体|号|型)\s*[:：]\s*(?:[\[【]\s*(?:大\s*中\s*小|[大中小])?\s*[\]】]|大\s*中\s*小)?|"
    r"字(?:体|号|型)\s*[\[【]?\s*大\s*中\s*小\s*[\]】]?|"
    r"【(?:大|中|小|打印|关闭|收藏|默认)】|[\[【]\s*(?:打印本页|关闭窗口|打印|关闭)\s*[\]】]|"
    r"(?:^|\s)打印\s+关闭(?:\s|$)"
)
_NAV_WORDS = ("首页", "关于我们", "网站声明", "网站地图", "联系我们", "使用帮助", "隐私声明", "无障碍",
              "长者模式", "政务公开", "办事服务", "互动交流", "English", "收藏本站", "设为首页")


def strip_boilerplate(lines):
    kept, removed = [], False
    for line in lines:
        stripped = line.strip().lstrip("•·●▪■◆").strip()
        if not stripped:
            kept.append("")
            continue
        navigation = len(stripped) <= 80 and not re.search("[，。；,]", stripped) \
            and sum(w in stripped for w in _NAV_WORDS) >= 2
        if _DROP_LINE.search(stripped) or navigation:
            removed = True
            continue
        part = _DROP_PART.sub(" ", stripped).strip()
        if part != stripped:
            removed = True
            if not part or not re.search(rf"[{CJK}0-9A-Za-z]", part):
                continue
        kept.append(part)
    return kept, (["boilerplate"] if removed else [])


# --- spaces ----------------------------------------------------------------------

_LABEL = re.compile(rf"^((?:[{CJK}]\s+){{1,5}}[{CJK}])\s*(?=[:：])", re.M)


def fix_spaces(lines):
    out = []
    for line in lines:
        # A tab separates table cells: keep it a wide gap.
        s = line.replace("\u3000", " ").replace("\xa0", " ").replace("\t", "  ").strip()
        s = _LABEL.sub(lambda m: re.sub(r"\s+", "", m.group(1)), s)
        # Field labels spread for alignment ("文       号:") close up.
        s = re.sub(rf"(?<![{CJK}])([{CJK}])\s{{2,}}([{CJK}])(?=\s*[:：])", r"\1\2", s)
        s = re.sub(r" {2,}", "\x00", s)
        s = re.sub(rf"(?<=[{CJK}，。、；：“”（）《》！？]) (?=[{CJK}0-9“”（）《》，。、；：！？])", "", s)
        s = re.sub(rf"(?<=[0-9A-Za-z%]) (?=[，。、；：！？）])", "", s)
        s = re.sub(rf"(?<=[0-9%]) (?=[{CJK}，。、；：])", "", s)
        # Wide gaps separate fields on one line ("主题分类：…  发文日期：…"); keep them, as two spaces.
        s = s.replace("\x00", "  ")
        out.append(s)
    # One paragraph per line: blank lines carry nothing.
    out = [line for line in out if line]
    return out


_OPEN_END = re.compile(r"[^。！？；：”」』）)》]$")
_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．）](?!\d)|[①-⑳]|"
    r"第[一二三四五六七八九十]+[章节条部])")


_CJK_END = re.compile(f"[{CJK}]$")
_COUNT_START = re.compile(r"^\d+(?:\.\d+)?\s*(?:件|个|家|起|项|人|名|宗|条|处|万元|亿元|元|吨|%|批|次|户|座|公里|天)")


def join_split_tallies(lines):
    """(lines, joins): "交办的信访件共计" + "125件，…" is one sentence whatever the width."""
    out, joins = [], 0
    for line in lines:
        if out and _CJK_END.search(out[-1]) and _COUNT_START.match(line) and not _MARKER_START.match(line):
            out[-1] += line
            joins += 1
        else:
            out.append(line)
    return out, joins


def join_wrapped_lines(lines, *, wrapped: bool = False):
    """(lines, joins): rejoin paragraphs that a PDF or a copy from one broke at the page
    width. A line as long as a full line that does not end a sentence continues on the
    next one, unless that one starts a numbered heading."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return [], 0
    lengths = sorted(len(line) for line in lines)
    full = lengths[int(len(lengths) * 0.9)]
    out, joins, previous_full = [], 0, False
    for line in lines:
        # In a text known to be wrapped, a line that fills the width continues even after 。
        continues = _OPEN_END.search(out[-1]) or (wrapped and len(out[-1].split("\n")[-1]) >= full) if out else False
        if out and previous_full and continues and not _MARKER_START.match(line):
            out[-1] += line
            joins += 1
        else:
            out.append(line)
        previous_full = len(line) >= 0.85 * full
    return out, joins


def _roc_years(text: str):
    return roc_years(text, traditional=detect_script(text) != SIMPLIFIED)


def normalize(text: str):
    """(clean_text, repairs) for a plan's raw text."""
    repairs = []
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    for step in (fix_mojibake, drop_replacement_characters, fix_entities, strip_pinyin, _roc_years, to_simplified, fix_width, fix_punctuation, fix_pollutants):
        text, done = step(text)
        repairs += done
    lines, done = strip_boilerplate(text.split("\n"))
    repairs += done
    spaced = fix_spaces(lines)
    if "\n".join(spaced) != "\n".join(x.strip() for x in lines if x.strip()):
        repairs.append("whitespace")
    joined, joins = join_wrapped_lines(spaced)
    # Only a text wrapped throughout is rejoined; a few short unfinished lines are headings.
    if joins >= 3 and joins >= 0.15 * len(spaced):
        spaced, _ = join_wrapped_lines(spaced, wrapped=True)
        repairs.append("line_joins")
    spaced, tallies = join_split_tallies(spaced)
    if tallies and "line_joins" not in repairs:
        repairs.append("line_joins")
    return "\n".join(spaced), repairs
