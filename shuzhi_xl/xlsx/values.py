"""Cell values as the model wants them: clean text, integers, years, numbers and dates typed in many ways."""

from __future__ import annotations

import datetime as dt
import math
import re

from ..numerals import CHINESE_DIGIT, CHINESE_TO_ASCII, FULLWIDTH_TO_ASCII
from ..storable import UNSTORABLE, storable

#: A count or year typed as text; 19 digits or more are none (int() refuses a text of over 4,300: ValueError).
_INTEGER_TEXT = re.compile(r"(-?\d{1,18})(?:\.0+)?\s*(?:年度|[年人名次个场])?")
_CHINESE_YEAR = re.compile(rf"({CHINESE_DIGIT}{{4}})\s*年?度?")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
#: Day 0 of Excel's 1900 date system, for reading and writing serial numbers (days from it, from 1900-03-01 on;
#: Excel counts a 1900-02-29 that never was).
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: What text() strips from both ends of a value.
_BLANK = " \t\n\u3000\u00a0"


def text(value: object) -> str:
    """Return a cell value as clean text: stripped, integral floats without '.0', dates as ISO, without the
    characters Word and Excel cannot store (storable)."""
    if type(value) is str:  # most cells: tested first, the reader calls this for every value
        return storable(value).replace("\r\n", "\n").strip(_BLANK)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return text(str(value))


def texts(values: list[object]) -> list[str]:
    """Return text(value) for each of *values* (a table's column), a third cheaper: one search for a carriage
    return and one for the characters storable removes, for all of them at once (nearly always none)."""
    out = [v.strip(_BLANK) if type(v) is str else text(v) for v in values]
    # Stripping neither adds nor removes a carriage return or such a character: none in *out*, none in the strings.
    joined = "".join(out)
    return [text(v) for v in values] if "\r" in joined or UNSTORABLE.search(joined) else out


def integer(value: object) -> int | None:
    """Return *value* as an int (accepting '12', '１２', '12.0', '12人', '2024年度'), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    match = _INTEGER_TEXT.fullmatch(text(value).translate(FULLWIDTH_TO_ASCII))
    return int(match.group(1)) if match else None


def year(value: object) -> int | None:
    """Return *value* as a year: a number, or text like '2024年度', '２０２４' or '二〇二四年'; None when it is not."""
    found = integer(value)
    if found is None:
        match = _CHINESE_YEAR.fullmatch(text(value))
        found = int(match.group(1).translate(CHINESE_TO_ASCII)) if match else None
    return found


def number(value: object) -> float | str | None:
    """Return *value* as a float when it is a number (also typed as text, with thousands commas), else its text."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raw = text(value)
    try:
        parsed = float(raw.translate(FULLWIDTH_TO_ASCII).replace(",", "").replace("，", ""))
    except ValueError:
        return raw or None
    # float() also takes "inf", "nan" and "1e999", which are words or typos here, not figures.
    return parsed if math.isfinite(parsed) else raw


def date(value: object) -> dt.date | None:
    """Return *value* as a date (a real date, an Excel serial number or text like 2024-3-5 / 2024年3月5日)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    match = _DATE_TEXT.match(text(value).translate(FULLWIDTH_TO_ASCII))
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    return None
