"""Chinese full-text search by character bigrams, the same on SQLite and PostgreSQL.

Chinese has no spaces, and the databases' tokenisers either treat a whole run
of characters as one word or need three characters (trigram). Indexing every
pair of adjacent characters finds two-character words such as 扬尘 or 管网
and longer phrases as a run of consecutive bigrams.

Each bigram is written as an ASCII token (code points in hex) so that no
database's locale can change how it is split.

Speed (the ledger importer tokenises every task): the text is folded once
(NFKC, lower case), split into runs by one regex, and a run's bigrams are made
by one str.translate; ducha/text/tests/test_search_reference.py checks the
output against the plain per-character definition.
"""

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")

# NFKC is a function of a text's compatibility-equivalence class, and replacing one
# character by its own NFKC form keeps that class, so folding full-width forms first
# does not change the result; it lets normalize() take its quick path ("is already
# NFKC") on typical Chinese text, whose full-width punctuation would otherwise send
# the whole text through decomposition and recomposition.
_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")
_HALF_WIDTH = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (0x3000, *range(0xFF01, 0xFF5F))}

# Code point -> "xxxxx uxxxxx": translating a run a b c gives "A uAB uBC uC",
# the bigram tokens with 6 characters too many at the start and 7 at the end.
# Filled on first sight of a character; at most the ~94,000 CJK code points.
_PAIRED = {}
_PAIRED_LEN = 12


def _fold(text: str) -> str:
    # Full-width letters and digits to ASCII, lower case.
    return unicodedata.normalize("NFKC", _FULL_WIDTH.sub(_half_width, text)).lower()


def _half_width(match) -> str:
    return _HALF_WIDTH[match.group()]


def _bigrams(run: str) -> str:
    """The bigram tokens of a run of two or more CJK characters, space-separated."""
    paired = run.translate(_PAIRED)
    if len(paired) != _PAIRED_LEN * len(run):  # a character not in the table yet was left as is
        for char in run:
            _PAIRED[ord(char)] = "{0:05x} u{0:05x}".format(ord(char))
        paired = run.translate(_PAIRED)
    return paired[6:-7]


def _runs(text: str):
    """(cjk, word) for each run of CJK characters or ASCII letters and digits, one of them empty."""
    return _RUN.findall(_fold(text))


def index_text(*parts: str) -> str:
    """The search document for a set of text fields."""
    # A line break is a normalisation boundary and never part of a run, so the parts
    # are tokenised as one text.
    tokens = []
    for cjk, word in _runs("\n".join([part or "" for part in parts])):
        if not cjk:
            tokens.append(word)
        elif len(cjk) > 1:
            tokens.append(_bigrams(cjk))
        else:
            tokens.append(f"u{ord(cjk):05x}")
    return " ".join(tokens)


def query_phrases(query: str):
    """The query as a list of phrases, each (tokens, prefix).

    A single Chinese character is a prefix match on bigrams starting with it.
    All phrases must match (AND).
    """
    phrases = []
    for cjk, word in _runs(query or ""):
        if not cjk:
            phrases.append(([word], False))
        elif len(cjk) > 1:
            phrases.append((_bigrams(cjk).split(" "), False))
        else:
            phrases.append(([f"u{ord(cjk):05x}"], True))
    return phrases
