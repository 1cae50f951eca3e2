"""ducha.text.search against a plain per-character statement of the same rules.

The production tokeniser folds full-width forms before NFKC, tokenises all parts as
one text and builds bigrams with str.translate; none of that may change a token.
"""

import random
import re
import unicodedata

import pytest

from ducha.text.search import index_text, query_phrases

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")


def _reference_runs(text):
    """(kind, tokens) per run: NFKC + lower case, then CJK runs as hex bigrams, ASCII words as they are."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    for cjk, word in _RUN.findall(folded):
        if not cjk:
            yield "word", [word]
            continue
        codes = [f"{ord(c):05x}" for c in cjk]
        if len(codes) == 1:
            yield "single", ["u" + codes[0]]
        else:
            yield "cjk", ["u" + a + b for a, b in zip(codes, codes[1:])]


def reference_index_text(*parts):
    return " ".join(token for part in parts for _kind, tokens in _reference_runs(part) for token in tokens)


def reference_query_phrases(query):
    return [(tokens, kind == "single") for kind, tokens in _reference_runs(query)]


def _span(first, last):
    return [chr(c) for c in range(first, last + 1)]


# Characters chosen for what NFKC, lower() and the run regex do with them.
POOLS = {
    "cjk": _span(0x4E00, 0x9FFF) + _span(0x3400, 0x4DBF),
    "common": list("扬尘污水管网整治问题完成群众满意丽水市莲都区青田县"),
    "compat_ideographs": _span(0xF900, 0xFAFF) + _span(0x2F800, 0x2FA1F),  # NFKC maps them to other ideographs
    "astral_cjk": _span(0x20000, 0x2A6DF) + _span(0x2B740, 0x2B81D),
    "full_width": _span(0xFF01, 0xFF5E) + ["\u3000"],
    "half_width_kana": _span(0xFF61, 0xFF9F),  # ﾞ and ﾟ compose with the kana before them
    "ascii": [chr(c) for c in range(0x20, 0x7F)] + ["\n", "\t"],
    "digits_and_case": list("0123456789ABCXYZabcxyz"),
    "punctuation": list("，。、；：！？（）《》“”‘’【】…—·「」『』〔〕") + _span(0x3000, 0x303F),
    "combining": _span(0x0300, 0x036F) + ["\u3099", "\u309a", "\u20dd", "\u0345"],
    "composing_bases": list("aeiouAEIOUnNcCsS<=>か") + _span(0x1100, 0x1112) + _span(0x1161, 0x1175)
    + _span(0x11A8, 0x11C2),  # Latin, kana and Hangul jamo that NFC composes
    "compatibility": list("ﬁﬂ①⑳²₃Ⅻⅻ㍿㎏℃Å™ſİıΣσςKﹰﹼ") + _span(0x2460, 0x24FF) + _span(0x3300, 0x3357),
}


def _random_text(rng, length):
    pools = rng.sample(sorted(POOLS), rng.randint(1, 4))
    return "".join(rng.choice(POOLS[rng.choice(pools)]) for _ in range(length))


@pytest.mark.parametrize("seed", range(8))
def test_index_text_matches_the_reference_on_random_mixes(seed):
    rng = random.Random(seed)
    for _ in range(500):
        parts = [_random_text(rng, rng.choice([0, 0, 1, 2, 3, 8, 40])) for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.2:
            parts.insert(rng.randint(0, len(parts)), None)
        assert index_text(*parts) == reference_index_text(*parts), parts


@pytest.mark.parametrize("seed", range(4))
def test_query_phrases_match_the_reference_on_random_mixes(seed):
    rng = random.Random(100 + seed)
    for _ in range(500):
        query = _random_text(rng, rng.choice([0, 1, 2, 5, 20]))
        assert query_phrases(query) == reference_query_phrases(query), query


def test_a_part_starting_with_a_combining_mark_does_not_reach_into_the_previous_part():
    # Tokenised as one text, "e" + U+0301 would compose to é and drop the token "e".
    for parts in [("e", "\u0301x"), ("か", "\u3099"), ("\u1100", "\u1161"), ("ΑΣ", "α"), ("扬", "尘"), ("", "", "")]:
        assert index_text(*parts) == reference_index_text(*parts)
    assert index_text("e", "\u0301x") == "e x"
    assert index_text("扬", "尘") == "u0626c u05c18"


def test_every_character_in_the_bmp_and_the_cjk_planes_in_context():
    # Each code point between neighbours, so that composition with what precedes and
    # follows it is exercised for all of them.
    points = [c for c in range(0x323B0) if not 0xD800 <= c <= 0xDFFF and (c < 0x10000 or c >= 0x20000)]
    for start in range(0, len(points), 256):
        text = "".join(map(chr, points[start : start + 256]))
        assert index_text(text, "a" + text) == reference_index_text(text, "a" + text), hex(points[start])


def test_importer_shaped_text_is_unchanged():
    text = "问题12：开展建筑工地扬尘专项整治；ＰＭ２．５浓度下降，完成整改（长期坚持）"
    assert index_text(text, "丽水市生态环境局 莲都区人民政府") == reference_index_text(
        text, "丽水市生态环境局 莲都区人民政府")
    assert index_text("ＰＭ２．５") == "pm2 5"
