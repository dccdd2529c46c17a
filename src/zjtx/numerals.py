"""Read numbers the way the documents write them: Arabic digits, Chinese numerals, 万元/亿元, %, ranges."""

from __future__ import annotations

import re
from decimal import Decimal

# ASCII digits only: Python's \d also matches full-width digits, which the normalised texts never have.
NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
FULLWIDTH_DIGITS = re.compile(r"[０-９]")
MONEY_UNITS = {"元": 1, "万元": 10_000, "千万元": 10_000_000, "亿元": 100_000_000}
RANGE_SEP = r"\s*[-—–~～至到]\s*"
# a range may repeat the unit's multiplier on its lower end: 5万—10万元 as well as 5—10万元
MONEY_RE = re.compile(rf"([0-9]+(?:\.[0-9]+)?)(?:(?:亿|千万|万)?{RANGE_SEP}([0-9]+(?:\.[0-9]+)?))?"
                      r"\s*(亿元|千万元|万元|元)")
PERCENT_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*[%％]")  # a text copied from the web may keep ％
CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_RE = re.compile(r"[零〇一二两三四五六七八九十百千]+")
# A Chinese-numeral quantity next to a measure word: a candidate target a person should look at.
CN_QUANTITY_RE = re.compile(r"[一二两三四五六七八九十百千]+(?=[名家个项件户年次所])")


def chinese_to_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 三百 → 300; None for anything else."""
    if not s or any(c not in CN_DIGIT and c not in CN_UNIT for c in s):
        return None
    total, digit = 0, None
    for c in s:
        if c in CN_DIGIT:
            digit = CN_DIGIT[c]
        else:
            total += (1 if digit is None else digit) * CN_UNIT[c]
            digit = None
    return total + (digit or 0)


def numbers_in(s: str) -> list[Decimal]:
    """Every number written in `s`, Arabic or Chinese, in order."""
    out = [Decimal(m.group()) for m in NUMBER_RE.finditer(s)]
    for m in CN_NUMERAL_RE.finditer(s):
        n = chinese_to_int(m.group())
        if n is not None:
            out.append(Decimal(n))
    return out


def money_in(s: str) -> list[int]:
    """Every money figure in `s` in integer yuan; a range "100—2000万元" gives both ends."""
    out = []
    for m in MONEY_RE.finditer(s):
        factor = MONEY_UNITS[m.group(3)]
        for g in (m.group(1), m.group(2)):
            if g is not None:
                out.append(int(Decimal(g) * factor))
    return out


def percents_in(s: str) -> list[Decimal]:
    return [Decimal(m.group(1)) for m in PERCENT_RE.finditer(s)]


def to_yuan(value: str, unit: str) -> int:
    """'20', '万元' → 200000. Raises KeyError for an unknown unit."""
    return int(Decimal(value) * MONEY_UNITS[unit])
