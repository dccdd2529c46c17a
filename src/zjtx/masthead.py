"""What the head and the signature of a normalised text say: title, issuers, date and 发文字号, as proposals.

The scaffold writes each proposal into the document's draft row after the draft marker (`TODO 长春市人民政府`),
so the validator refuses the row until a person has read it and deleted the marker: nothing read here reaches
the package unreviewed. What the text does not say is not proposed (a text without a 发文字号 gets none).

Shapes read (after normalisation: ASCII parentheses, no indentation):
  中共示例县委 示例县人民政府关于…的若干意见     a title naming its issuers, a joint Party–government one here
  (2023年2月8日)                              a date in parentheses under the title
  示府发〔2023〕1号                            a 发文字号
  中共示例县委  示例县人民政府 / 2023年2月8日      a signature: the issuers' names, then the date
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEAD_LINES = 8  # the title block lies within the first lines; a cover letter's body does not count
TAIL_LINES = 5
BODY_NAME = r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|委员会|办公室|办公厅|党委|委|局|厅|办)"
BODY_RE = re.compile(f"[\u4e00-\u9fff()]{{2,30}}?{BODY_NAME}")
ISSUERS_RE = re.compile(f"(?:{BODY_RE.pattern})(?:[ 、]+(?:{BODY_RE.pattern}))*")
DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(【][0-9]{4}[〕\])】][0-9]{1,4}号")
DATE = r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日"
HEAD_DATE_RE = re.compile(rf"\({DATE}\)")
SIGNATURE_DATE_RE = re.compile(DATE)
REGION_RE = re.compile(r"^(?:中共|中国共产党)?(.+?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区))")
TITLE_ENDS = ("意见", "措施", "办法", "方案", "通知", "计划", "规定", "细则", "政策", "决定", "规划", "的函")


@dataclass
class Masthead:
    title: str = ""
    issuers: list[str] = field(default_factory=list)
    issued_date: str = ""  # ISO
    date_source: str = ""  # "under the title" or "signature"
    doc_number: str = ""
    region_name: str = ""


def _stops_title(line: str) -> bool:
    """A line that cannot continue a title: a 发文字号, a date, a salutation, a note in parentheses."""
    return bool(DOC_NUMBER_RE.fullmatch(line) or HEAD_DATE_RE.fullmatch(line) or SIGNATURE_DATE_RE.fullmatch(line)
                or line.endswith(":") or line.startswith("("))


def read_title(head: list[str]) -> str:
    """The title lines at the top, joined; '' when the text opens with something else (a salutation)."""
    lines: list[str] = []
    for line in head:
        if not line or _stops_title(line):
            break
        lines.append(line)
        if line.endswith(TITLE_ENDS) or line.endswith(")"):
            break
    title = "".join(lines)
    return title if 4 <= len(title) <= 120 and any(w in title for w in (*TITLE_ENDS, "关于")) else ""


def split_issuers(names: str) -> list[str]:
    return [n for n in re.split(r"[ 、]+", names) if n]


def issuers_in(title: str, tail: list[str]) -> list[str]:
    """The bodies the title opens with (…关于), else the signature lines' bodies, in order."""
    if "关于" in title:
        before = title.split("关于", 1)[0]
        if before and ISSUERS_RE.fullmatch(before):
            return split_issuers(before)
    names: list[str] = []
    for line in tail:
        if ISSUERS_RE.fullmatch(line):
            names += split_issuers(line)
    return names


def region_of(issuers: list[str]) -> str:
    for name in issuers:
        m = REGION_RE.match(name)
        if m:
            return m.group(1)
    return ""


def iso(m: re.Match[str]) -> str:
    year, month, day = (int(g) for g in m.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def read(text: str) -> Masthead:
    lines = [line.strip() for line in text.split("\n")]
    head = lines[:HEAD_LINES]
    tail = [line for line in lines if line][-TAIL_LINES:]
    found = Masthead(title=read_title([line for line in head if line] if head and not head[0] else head))
    found.issuers = issuers_in(found.title, tail)
    found.region_name = region_of(found.issuers)
    for line in head:
        if not found.doc_number and DOC_NUMBER_RE.fullmatch(line):
            found.doc_number = line
        m = HEAD_DATE_RE.fullmatch(line)
        if m and not found.issued_date:
            found.issued_date, found.date_source = iso(m), "the date in parentheses under the title"
    if not found.issued_date:
        for line in reversed(tail):
            m = SIGNATURE_DATE_RE.fullmatch(line)
            if m:
                found.issued_date, found.date_source = iso(m), "the signature date"
                break
    return found
