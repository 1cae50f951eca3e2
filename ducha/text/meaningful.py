"""Whether a free text says anything: at least one letter, CJK character or digit once normalised (NFKC)
with zero-width and other invisible characters left out. "😀😀😀", "。。。", "？？", zero-width spaces or a
row of Hangul fillers say nothing; "无", "No", "13800000000" or a rare character of a name do.

Letters are Unicode letters except modifier letters (Lm), which Chinese input methods offer as symbols
(ˉ ˊ ˇ ˋ). Private-use code points (Co) and unassigned ones in the ideographic planes 2 and 3 count as
characters: rare characters of names (生僻字) live there (see ducha.text.typed)."""

import unicodedata

# Letters by category that render as nothing: the Hangul fillers (U+FFA0 becomes U+3164 under NFKC).
_INVISIBLE = frozenset("\u115f\u1160\u3164")
_IDEOGRAPHIC_PLANES = range(0x20000, 0x40000)


def _says_something(char: str) -> bool:
    category = unicodedata.category(char)
    if category[0] == "N" or (category[0] == "L" and category != "Lm"):
        return char not in _INVISIBLE
    return category == "Co" or (category == "Cn" and ord(char) in _IDEOGRAPHIC_PLANES)


def is_meaningful(value: str) -> bool:
    return any(_says_something(char) for char in unicodedata.normalize("NFKC", value))
