"""The report's front and back matter: title lines, author line, salutation, opening; closing, signature, date."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import NO_AUTHOR, Info, Location
from ..numerals import CHINESE_DIGIT, CHINESE_TO_ASCII
from ..xlsx.reader import date as read_date
from .document import Note, SourceParagraph
from .labels import CHINESE_COUNT, chinese_count, leading_label

TITLE_WORDS = ("述职报告", "述职", "工作报告", "报告")
CLOSING_WORDS = ("特此报告", "请予评议", "请予审议", "以上报告", "述职完毕", "谢谢大家", "谢谢！", "不妥之处", "批评指正")
SENTENCE_MARKS = re.compile(r"[，。；！？,;]")
_CHINESE_DATE = re.compile(rf"^({CHINESE_DIGIT}{{4}})年({CHINESE_COUNT})月({CHINESE_COUNT})日$")
_AUTHOR_PREFIX = re.compile(r"^(?:——|—|--|－－)\s*")
_SPEAKER = re.compile(r"^(?:述职人|报告人)[：:]\s*(\S+)$")
_BRACKETED = re.compile(r"^[（(](.*)[)）]$")
_NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[、.．)）是]")
#: Lines that follow a report rather than belong to it: attachments, distribution, contact person.
_TRAILER = re.compile(r"^(?:附\s*[件表]\s*\d*(?:[:：\s]|$)|附[:：]|(?:抄送|报送|联系人|联系电话)[:：]|"
                      r"[（(](?:此页无正文|联系人|联系电话))")
#: The title block is looked for among this many leading lines.
TITLE_LINES = 4
#: At most this many lines after the date line are taken as trailing lines without such a mark of their own.
LINES_AFTER_DATE = 3
#: A line ending a sentence: 。！？； and the like, perhaps followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"[。！？；!?;…][”’」』）)]*$")
#: A line ending like this runs on into the next (…完成时间为 / 2025年6月30日): it is no signature.
RUNS_ON = re.compile(r"[：:、为是的于在至到和与及或]$")


def _short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not SENTENCE_MARKS.search(text)


def parse_date(text: str):
    """Return the date a date line states (2021年12月31日, ２０２１年…, 二〇二一年十二月三十一日), or None."""
    text = _BRACKETED.sub(r"\1", re.sub(r"\s+", "", text))
    if match := _CHINESE_DATE.match(text):
        text = f"{match.group(1).translate(CHINESE_TO_ASCII)}年{chinese_count(match.group(2))}月" \
               f"{chinese_count(match.group(3))}日"
    return read_date(text)


def _title_lines(items: list[SourceParagraph]) -> int:
    """Return how many leading paragraphs are title lines: short lines up to the last one worded like a title,
    within the first few (述职人：张三 holds 述职 but is the author line)."""
    short = 0
    while short < min(len(items), TITLE_LINES) and _short_line(items[short].text, 60) \
            and not leading_label(items[short].text):
        short += 1
    return max((k + 1 for k in range(short) if any(w in items[k].text for w in TITLE_WORDS)
                and not _SPEAKER.match(items[k].text)), default=0)


def title_block_end(items: list[SourceParagraph]) -> int:
    """Return how many leading paragraphs are the title block: the title lines, then the author line, a date and
    the salutation."""
    end = _title_lines(items)
    while end < len(items) and (_author_line(items[end].text) or parse_date(items[end].text)
                                or _salutation_line(items[end].text)):
        end += 1
    return end


def _author_line(text: str) -> bool:
    """Return True for an author line: ——…, 述职人：…, a short line naming a 书记, or an organisation and a name
    ("XX党支部  张三")."""
    text = text.strip()
    if _AUTHOR_PREFIX.match(text) or _SPEAKER.match(text):
        return True
    if not _short_line(text, 30) or any(w in text for w in TITLE_WORDS):
        return False
    org, _, name = text.rpartition(" ")
    return "书记" in text or bool(org and branch_in(org) and _NAME.match(name.strip()))


#: Who a salutation addresses, one of its comma-separated pieces (尊敬的各位领导，同志们：).
_ADDRESSEE = re.compile(r"^(?:尊敬的)?(?:各位|全体)?[\u4e00-\u9fff]{0,6}(?:领导|同志们?|老师们?|同事们?|代表|委员|评委)$")


def _salutation_line(text: str) -> bool:
    """Return True for a salutation (各位领导、同志们：): short, ending in a colon, no sentence inside; a comma
    only between those it addresses (尊敬的各位领导，同志们：, not 根据安排，现报告如下：)."""
    text = text.strip()
    if len(text) > 30 or not text.endswith(("：", ":")) or re.search(r"[。；;]", text):
        return False
    pieces = re.split(r"[，,]", text[:-1])
    return len(pieces) == 1 or all(_ADDRESSEE.match(piece.strip()) for piece in pieces)


def front_matter(block: list[SourceParagraph], notes: list[Note]) -> Info:
    """Return the Info that the title block states: title lines (joined by line breaks), author line, date,
    salutation. A date right under the title stays a title line, printed where the author put it."""
    info = Info()
    count = _title_lines(block)
    titles = list(block[:count])
    for k, p in enumerate(block[count:], start=count):
        text = p.text.strip()
        if parse_date(text) and k == len(titles):
            titles.append(p)
            notes.append(Note(f"标题下方的日期“{text}”作为标题的一行保留，印在原处；“成文日期”未填写（填写后印在文末落款处）。",
                              p.number))
        elif not info.date and (when := parse_date(text)):
            info.date, info.where["date"] = when, Location(paragraph=p.number)
            notes.append(Note(f"文首的日期“{text}”已填入“基本信息”的“成文日期”，生成的报告把它印在文末落款处。", p.number))
        elif not info.author and _author_line(text):
            info.author, info.where["author"] = text, Location(paragraph=p.number)
        elif not info.salutation and _salutation_line(text):
            info.salutation, info.where["salutation"] = text, Location(paragraph=p.number)
        else:  # a second author line or salutation: kept with the title lines rather than dropped
            titles.append(p)
    if titles:
        info.title = "\n".join(p.text.strip() for p in titles)
        info.where["title"] = Location(paragraph=titles[0].number)
    if year := next((found for p in titles if not parse_date(p.text) and (found := _YEAR.search(p.text))), None):
        info.year, info.where["year"] = int(year.group(1).translate(CHINESE_TO_ASCII)), info.where["title"]
    _person(info, _SPEAKER.sub(r"\1", _AUTHOR_PREFIX.sub("", info.author)), info.where.get("author"))
    # the title's name of the branch (its first line naming one: a subtitle ——第二党支部书记…述职报告 too), also
    # where it names in full the one the author line shortens (外科党支部)
    branch = next(filter(None, (branch_in(line.lstrip("—－-")) for line in info.title.split("\n"))), "")
    if branch and (not info.branch or branch != info.branch and branch.endswith(info.branch)):
        info.branch, info.where["branch"] = branch, info.where["title"]
    info.author = info.author or NO_AUTHOR  # without one the report would print branch + name: not the source's
    return info


_ORGANISATIONS = ("党支部", "党总支", "总支部", "支部委员会", "党委", "党组", "党工委")
_ORGANISATION = re.compile(rf"[^\s，。、“”：:（()）]+?(?:{'|'.join(_ORGANISATIONS)})")
_TITLE_NOISE = re.compile(rf"^关于|(?:\d{{4}}|{CHINESE_DIGIT}{{4}})\s*年度?")
_YEAR = re.compile(rf"(\d{{4}}|{CHINESE_DIGIT}{{4}})\s*年")
#: A line of the signature that is a name alone: two to four Chinese characters, not a body's name.
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_NOT_A_NAME = ("支部", "党委", "委员会", "办公室", "书记")


def branch_in(text: str) -> str:
    """Return the organisation a title, author or signature line names ("XX公司党委第二党支部"), or "": the words
    before 书记 when they end in 党支部/党委/…, else such a name opening the line; never a bare "党支部"."""
    text = _TITLE_NOISE.sub("", text).strip(" ：:")
    before = text.partition("书记")[0].strip(" ：:")
    if whole := _ORGANISATION.fullmatch(before):
        return whole.group()
    return found.group() if (found := _ORGANISATION.match(text)) else ""


def _person(info: Info, line: str, where: Location | None) -> None:
    """Fill branch and secretary from an author or signature line: "XX党支部书记 张三", "书记：张三", "张三"."""
    line = line.strip()
    if "书记" in line:
        branch, _, name = line.rpartition("书记")
        branch, name = branch.strip(" ：:"), name.strip(" ：:")
    else:
        branch, _, name = line.rpartition(" ")
    if branch and not info.branch and (found := branch_in(branch)):
        info.branch, info.where["branch"] = found, where
    if name and not info.secretary and _NAME.match(name) and not any(w in name for w in _NOT_A_NAME):
        info.secretary, info.where["secretary"] = name, where
    elif not branch and not info.branch and (found := branch_in(line)):
        info.branch, info.where["branch"] = found, where


def back_matter(tail: list[SourceParagraph], info: Info, notes: list[Note]) -> None:
    """Take the closing formula, signature and date off the end of *tail* (in place) into *info*. Lines after
    them (附件…, 抄送…) are not part of the report: they are dropped, and a note gives their text. Only lines
    that read like back matter are taken; when in doubt they stay in the body, with a note."""
    trailer = _take_trailer(tail)
    dated = _take_date(tail, info, notes)
    if dated is None:
        _note_date_in_body(tail, notes)
    signature = _take_lines(tail, _signature_line)
    closing = _take_lines(tail, _closing_line)
    if dated and dated.as_written:  # a date the report would print otherwise ends the signature as written
        signature.append(dated.line)
    if signature and not (dated or closing):  # a short last line with nothing around it is content
        tail.extend(signature)
        notes.append(Note(f"文末的“{signature[-1].text}”可能是落款，但前后没有结束语或日期，已作为正文保留，请核对。",
                          signature[0].number))
        signature = []
    if signature:
        info.signature = "\n".join(p.text for p in signature)
        info.where["signature"] = Location(paragraph=signature[0].number)
        for p in signature:
            _person(info, p.text, Location(paragraph=p.number))
    if closing:
        info.closing = "\n".join(p.text for p in closing)
        info.where["closing"] = Location(paragraph=closing[0].number)
    if trailer:
        notes.append(Note(f"文末有{len(trailer)}段不属于述职报告正文的文字（如附件说明），工作簿没有对应的栏目，未导入；"
                          f"如需要，请在生成的报告中手工补上：{'；'.join(p.text for p in trailer)}", trailer[0].number))


def _take_trailer(tail: list[SourceParagraph]) -> list[SourceParagraph]:
    """Remove and return the lines after the report's end: from the first 附件/抄送/联系人 line on, and the few
    lines that follow the report's date — only when every one of them reads like such a line, not like body
    text (a sentence of the last section may follow a date within it)."""
    first = len(tail)
    while first and _trailer_line(tail[first - 1]):
        first -= 1
    start = next((k for k in range(first, len(tail)) if _TRAILER.match(tail[k].text)), len(tail))
    dates = [k for k in range(first, start) if _report_date(tail, k)]
    if dates and start - dates[-1] - 1 <= LINES_AFTER_DATE:
        start = dates[-1] + 1
    trailer = tail[start:]
    del tail[start:]
    return trailer


def _trailer_line(p: SourceParagraph) -> bool:
    """Return True for a line that may follow a report: marked (附件…, 抄送…), or short and no sentence."""
    return bool(_TRAILER.match(p.text)) or (len(p.text) <= 40 and not _SENTENCE_END.search(p.text))


def _report_date(tail: list[SourceParagraph], k: int):
    """Return the date that line *k* of *tail* states when it can be the report's date, else None: not when
    the line before runs on into it (下列任务的完成时间为 / 2025年6月30日)."""
    before = tail[k - 1] if k else None
    if before and not (_SENTENCE_END.search(before.text) or _signature_line(before) or _closing_line(before)):
        return None
    return parse_date(tail[k].text)


class _Dated(NamedTuple):
    """The date line taken off the end of a report, and whether it stays as written (not read into 成文日期)."""

    line: SourceParagraph
    as_written: bool


def _take_date(tail: list[SourceParagraph], info: Info, notes: list[Note]) -> _Dated | None:
    """Take a date line off the end of *tail* (None when it does not end with one); it replaces a date read under
    the title, with a note if they differ. A date not written as the report prints 成文日期 (二〇二四年一月五日,
    2024年01月05日) stays as written, for the signature to keep, with a note."""
    if not tail or not (when := _report_date(tail, len(tail) - 1)):
        return None
    line = tail.pop()
    if re.sub(r"\s+", "", line.text) != f"{when.year}年{when.month}月{when.day}日":
        notes.append(Note(f"文末的日期“{line.text}”照原样作为落款的最后一行保留；“成文日期”未填写（填写后按 GB/T 9704 "
                          f"用阿拉伯数字印出，如{when.year}年{when.month}月{when.day}日）。", line.number))
        return _Dated(line, as_written=True)
    number = line.number
    if info.date and info.date != when:
        notes.append(Note(f"文末日期与文首的日期（第{info.where['date'].paragraph}段）不同，“成文日期”采用文末的日期，"
                          "请核对。", number))
    info.date, info.where["date"] = when, Location(paragraph=number)
    return _Dated(line, as_written=False)


def _note_date_in_body(tail: list[SourceParagraph], notes: list[Note]) -> None:
    """Note the last line of *tail* that is a date on its own: it stays body text, but may be the report's date."""
    dated = next((p for p in reversed(tail) if parse_date(p.text)), None)
    if dated:
        notes.append(Note(f"“{dated.text}”单独成段，但前一段话没有说完或其后还有正文，不像文末的成文日期，已作为正文保留；"
                          "如果它是成文日期，请把它填入“基本信息”的“成文日期”并从正文中删去。", dated.number))


def _signature_line(p: SourceParagraph) -> bool:
    return (_short_line(p.text, 30) and not p.level and not _NUMBERED.match(p.text)
            and not RUNS_ON.search(p.text) and not parse_date(p.text))


def _closing_line(p: SourceParagraph) -> bool:
    return len(p.text) <= 40 and any(w in p.text for w in CLOSING_WORDS)


def _take_lines(tail: list[SourceParagraph], wanted, most: int = 2) -> list[SourceParagraph]:
    """Remove and return up to *most* lines off the end of *tail* for which *wanted* holds, in order."""
    taken: list[SourceParagraph] = []
    while tail and len(taken) < most and wanted(tail[-1]):
        taken.insert(0, tail.pop())
    return taken
