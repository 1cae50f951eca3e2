"""Years of the Republic of China calendar, as Taiwan writes them: 民國110年 is 2021.

`roc_years(text)` returns `(text, repairs)` with such years written in the
common era, so that dates, horizons and deadlines read the same as elsewhere.
"""

import re

# Years of the Republic of China calendar (Taiwan): "民國110年" and, in a Taiwan text, "110年" are 2021.
_ROC_NAMED = re.compile(r"(?:中華民國|中华民国|民國|民国)\s*(\d{2,3})\s*(?=年)")
_ROC_BARE = re.compile(r"(?<![\d.])(1[0-3]\d)(?=\s*年)")
_TAIWAN_SOURCE = re.compile(r"民國|民国|行政院|環保署|环保署|環境部|縣市政府")


def roc_years(text: str, *, traditional: bool = False):
    """(text, repairs): Republic-of-China years written as the common era; `traditional`
    says the text is in Traditional script (a bare "105年" is then a year too)."""
    out = _ROC_NAMED.sub(lambda m: str(int(m.group(1)) + 1911), text)
    # A bare three-digit year where the text is Taiwan's or Traditional ("自103年23.5降低至105年20.0"),
    # else only when it is plainly a date ("110年底前", "110年度", "110年12月").
    taiwan = traditional or bool(_TAIWAN_SOURCE.search(text))
    out = _ROC_BARE.sub(lambda m: str(int(m.group(1)) + 1911) if _is_year(out, m, taiwan) else m.group(0), out)
    return out, (["roc_years"] if out != text else [])


def _is_year(text: str, m: re.Match, taiwan: bool) -> bool:
    after = text[m.end():m.end() + 6]
    if re.match(r"\s*年(?:底|度|末|[1-9]\d?月)", after):
        return True
    return taiwan and not re.match(r"\s*年(?:一遇|來|来|以來|以来|以上|左右|代|間|间|歷史|历史|的|內|内)", after)
