"""Chinese full-text search by character bigrams, the same on SQLite and PostgreSQL.

Chinese has no spaces, and the databases' tokenisers either treat a whole run
of characters as one word or need three characters (trigram). Indexing every
pair of adjacent characters finds two-character words such as 扬尘 or 管网
and longer phrases as a run of consecutive bigrams.

Each bigram is written as an ASCII token (code points in hex) so that no
database's locale can change how it is split.
"""

import re
import unicodedata

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")


def _cjk_token(chars: str) -> str:
    return "u" + "".join(f"{ord(c):05x}" for c in chars)


def _fold(text: str) -> str:
    # Full-width letters and digits to ASCII, lower case.
    return unicodedata.normalize("NFKC", text or "").lower()


def _run_tokens(text: str):
    """Yield (kind, tokens) for each run of CJK characters or ASCII words."""
    for cjk, word in _RUN.findall(_fold(text)):
        if cjk:
            if len(cjk) == 1:
                yield "single", [_cjk_token(cjk)]
            else:
                yield "cjk", [_cjk_token(cjk[i : i + 2]) for i in range(len(cjk) - 1)]
        else:
            yield "word", [word]


def index_text(*parts: str) -> str:
    """The search document for a set of text fields."""
    tokens = []
    for part in parts:
        for _kind, toks in _run_tokens(part):
            tokens.extend(toks)
    return " ".join(tokens)


def query_phrases(query: str):
    """The query as a list of phrases, each (tokens, prefix).

    A single Chinese character is a prefix match on bigrams starting with it.
    All phrases must match (AND).
    """
    phrases = []
    for kind, toks in _run_tokens(query):
        phrases.append((toks, kind == "single"))
    return phrases
