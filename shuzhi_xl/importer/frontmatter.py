"""The report's front and back matter: title lines, author line, salutation, opening; closing, signature, date."""

from __future__ import annotations

import re

from ..model import Info, Location
from ..xlsx.reader import date as read_date
from .document import SourceParagraph

TITLE_WORDS = ("述职报告", "述职", "工作报告", "报告")
CLOSING_WORDS = ("特此报告", "请予评议", "请予审议", "以上报告", "述职完毕", "谢谢大家", "谢谢！", "不妥之处")
SENTENCE_MARKS = re.compile(r"[，。；！？,;]")
_CHINESE_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0001123456789")
_CHINESE_DATE = re.compile(r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_AUTHOR_PREFIX = re.compile(r"^(?:——|—|--|－－)\s*")
_SPEAKER = re.compile(r"^(?:述职人|报告人)[：:]\s*(\S+)$")


def _short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not SENTENCE_MARKS.search(text)


def _chinese_count(text: str) -> int:
    """Return 一…九十九 written as Chinese numerals (月/日 of a 〇-style date) as an int."""
    if "十" not in text:
        return int(text.translate(_CHINESE_DIGITS))
    tens, _, ones = text.partition("十")
    return int(tens.translate(_CHINESE_DIGITS) or 1) * 10 + int(ones.translate(_CHINESE_DIGITS) or 0)


def parse_date(text: str):
    """Return the date a date line states (2021年12月31日, ２０２１年…, 二〇二一年十二月三十一日), or None."""
    text = re.sub(r"\s+", "", text)
    if match := _CHINESE_DATE.match(text):
        text = f"{match.group(1).translate(_CHINESE_DIGITS)}年{_chinese_count(match.group(2))}月" \
               f"{_chinese_count(match.group(3))}日"
    return read_date(text)


def front_matter(head: list[SourceParagraph]) -> Info:
    """Return the Info that the paragraphs before the first part heading state."""
    info = Info()
    titles: list[SourceParagraph] = []
    opening: list[SourceParagraph] = []
    for p in head:
        text = p.text.strip()
        if opening:
            opening.append(p)
        elif _AUTHOR_PREFIX.match(text) or (titles and _short_line(text, 30) and "书记" in text) or _SPEAKER.match(text):
            info.author, info.where["author"] = _AUTHOR_PREFIX.sub("", text), Location(paragraph=p.number)
        elif not info.author and not info.salutation and _short_line(text, 60) and not text.endswith(("：", ":")):
            titles.append(p)
        elif not info.salutation and len(text) <= 30 and text.endswith(("：", ":")):
            info.salutation, info.where["salutation"] = text, Location(paragraph=p.number)
        else:
            opening.append(p)
    if titles:
        info.title = "".join(p.text.strip() for p in titles)
        info.where["title"] = Location(paragraph=titles[0].number)
    info.opening = "\n".join(p.text.strip() for p in opening)
    if opening:
        info.where["opening"] = Location(paragraph=opening[0].number)
    _derive(info)
    return info


def _derive(info: Info) -> None:
    """Fill branch, committee, secretary and year from the title, author line and opening; drop a title or
    author line that is exactly what the workbook would derive, so the report keeps following the fields."""
    context = "\n".join([info.title, info.opening])
    if year := re.search(r"(\d{4})\s*年", context):
        info.year = int(year.group(1))
    author = _SPEAKER.sub(r"\1", info.author)
    if "书记" in author:
        branch, _, name = author.partition("书记")
        info.branch, info.secretary = branch.strip(), name.strip(" ：:")
    elif author and " " in author.strip():
        info.secretary = author.split()[-1]
    elif _SPEAKER.match(info.author):
        info.secretary = author
    if not info.branch and (branch := re.search(r"([^\s，。、“”在的]*?党支部)", info.title or info.opening)):
        info.branch = branch.group(1)
    if committee := re.search(r"在(.{1,20}?)的(?:正确|坚强)?领导下", info.opening):
        info.committee = committee.group(1)
    if info.title and info.title == Info(branch=info.branch, year=info.year).display_title:
        info.title = ""
    if info.author and info.author == Info(branch=info.branch, secretary=info.secretary).display_author:
        info.author = ""


def back_matter(body: list[SourceParagraph], info: Info) -> None:
    """Take the closing formula, signature and date off the end of *body* (in place) into *info*."""
    if body and (when := parse_date(body[-1].text)):
        info.date, info.where["date"] = when, Location(paragraph=body.pop().number)
    signature: list[SourceParagraph] = []
    while body and len(signature) < 2 and _short_line(body[-1].text.strip(), 30) and not body[-1].level \
            and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[、.．)）是]", body[-1].text.strip()):
        signature.insert(0, body.pop())
    closing: list[SourceParagraph] = []
    while body and len(closing) < 2 and len(body[-1].text.strip()) <= 40 \
            and any(w in body[-1].text for w in CLOSING_WORDS):
        closing.insert(0, body.pop())
    if signature and not (info.date or closing):  # a short last line with nothing around it is content
        body.extend(signature)
        signature = []
    if signature:
        info.signature = "\n".join(p.text.strip() for p in signature)
        info.where["signature"] = Location(paragraph=signature[0].number)
    if closing:
        info.closing = "\n".join(p.text.strip() for p in closing)
        info.where["closing"] = Location(paragraph=closing[0].number)
