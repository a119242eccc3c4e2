"""The shipped word lists (data/), each read on first use into the plain dicts and strings the scanner needs.

- 易错词.txt: wrong → right pairs, found literally;
- 规范表述.toml: standard formulations (found when written with one character wrong) and their known wrong forms;
- 搭配.toml: redundancy and context rules (regular expressions, or plain alternatives found literally);
- 词表.txt, 成语.txt, 读音.txt, 疑似词.txt: derived from jieba and pypinyin (see derive.py); 形近字.txt: shape groups.

The tables the scanner builds from them (and the sound, shape and reading tables here) ship prebuilt
(prebuilt.py); the functions building them are the source of truth, and a test checks the shipped file against
them. The two big derived lists (疑似词.txt, 词表.txt) are decoded line by line as first characters are asked for.
"""

from __future__ import annotations

import functools
import tomllib
from array import array
from pathlib import Path
from typing import NamedTuple

SEVERITY = {"错误": "error", "疑似": "warning", "提示": "info"}
#: The lists ship as package files (importlib.resources would add milliseconds of imports to every check).
DATA = Path(__file__).parent / "data"
#: Quotes and title marks around a formulation: the near-miss search compares what is inside.
_MARKS = "“”《》"


class Entry(NamedTuple):
    """A wrong form or a pattern and what to write instead (a named tuple: a thousand are made at start-up).
    An empty *reason* of a wrong form means "the characters that differ" (see ``difference``)."""

    right: str
    reason: str
    severity: str  # error / warning / info
    kind: str  # 错别字, 规范表述, 冗余, 搭配
    source: str = ""


def _text(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")  # read_text decodes through a slower incremental decoder


def _lines(name: str) -> list[str]:
    """Return the lines of a data file but its comments and blank lines (comments head a file: a derived list of
    thousands of lines is split in C, not filtered line by line)."""
    text, start = _text(name).replace("\r", ""), 0
    while text.startswith("#", start):
        start = text.find("\n", start) + 1 or len(text)
    body = text[start:].rstrip("\n")
    lines = body.split("\n") if body else []
    if all(lines) and "#" not in body:
        return lines
    return [line for line in lines if line.strip() and line[0] != "#"]


def difference(wrong: str, right: str) -> str:
    """Return the reason a same-length *wrong* differs from *right*: “‘厉’误作‘励’”; otherwise a general one."""
    if len(wrong) == len(right):
        pairs = [(r, w) for r, w in zip(right, wrong) if r != w]
        if pairs:
            return "；".join(f"“{r}”误作“{w}”" for r, w in pairs) + "。"
    return f"应写作“{right}”。"


@functools.cache
def confused() -> dict[str, Entry]:
    """Return the shipped wrong forms of 易错词.txt with their entries (reasons left to ``difference``)."""
    out, severity = {}, "error"
    source = "易错词.txt（本项目整理）"
    for line in _lines("易错词.txt"):
        if line.startswith("["):
            severity = SEVERITY[line.strip("[]")]
            continue
        right, *wrongs = line.split()
        entry = Entry(right, "", severity, "错别字", source)
        out.update(dict.fromkeys(wrongs, entry))
    return out


@functools.cache
def formulations() -> tuple[dict[str, Entry], list[tuple[str, Entry]]]:
    """Return the 规范表述 (phrase → entry) and their wrong forms (pattern → entry)."""
    data = tomllib.loads(_text("规范表述.toml"))
    phrases = {}
    for group in data["group"]:
        entry = Entry("", group["reason"], SEVERITY[group["severity"]], group["kind"], group["source"])
        phrases.update(dict.fromkeys(group["entries"], entry))
    return phrases, _patterns(data["wrong"])


@functools.cache
def context_rules() -> list[tuple[str, Entry]]:
    """Return the redundancy and context rules of 搭配.toml."""
    return _patterns(tomllib.loads(_text("搭配.toml"))["rule"])


def _patterns(items: list[dict]) -> list[tuple[str, Entry]]:
    return [(item["pattern"], Entry(item["right"], item["reason"], SEVERITY[item.get("severity", "错误")],
                                    item.get("kind", "规范表述"), item.get("source", ""))) for item in items]


@functools.cache
def idioms() -> tuple[str, ...]:
    """Return the idioms and set phrases (four characters or more) derived from jieba's dictionary."""
    return tuple(" ".join(_lines("成语.txt")).split())


class ByFirst(dict):
    """A derived list's lines (“首 其余”) as first character → the rest of its line, each decoded when first asked
    for with ``[]`` (a character without a line gives ""): decoding a list of thousands of lines costs
    milliseconds, and a report asks for a few hundred. *data* is the file's bytes, *firsts* its lines' first
    characters and *offsets* where the rest of each line starts in *data* (see ``line_offsets``): a first
    character is found in *firsts* when first asked for, so loading makes no object per line."""

    def __init__(self, data: bytes, firsts: str, offsets: array):
        super().__init__()
        self.data, self.firsts, self.offsets = data, firsts, offsets

    def __missing__(self, first: str) -> str:
        k = self.firsts.find(first) if len(first) == 1 else -1
        if k < 0:
            rest = ""
        else:
            start = self.offsets[k]
            end = self.data.find(b"\n", start)
            rest = self.data[start:end if end >= 0 else len(self.data)].decode("utf-8")
        self[first] = rest
        return rest


def line_offsets(data: bytes) -> tuple[str, array]:
    """Return the first characters of a derived list's lines (in *data*; lines end with \\n, comments and blank
    lines are left out) and where the rest of each line (after “首 ”) starts; a later line of the same first
    character wins."""
    at, start = {}, 0
    for line in data.split(b"\n"):
        if line and not line.startswith(b"#"):
            space = line.find(b" ")
            first = line[:space] if space >= 0 else line
            at[first.decode("utf-8")] = start + (space + 1 if space >= 0 else len(line))
        start += len(line) + 1
    return "".join(at), array("I", at.values())


def by_first(name: str) -> ByFirst:
    """Return the derived list *name* by first character; the offsets come with the prebuilt index when it is
    there (see prebuilt.py), else are found in the file."""
    from .prebuilt import shipped_offsets

    data = (DATA / name).read_bytes()
    return ByFirst(data, *(shipped_offsets(name) or line_offsets(data)))


@functools.cache
def suspects() -> ByFirst:
    """Return the non-words one common same-sounding or look-alike character from a frequent word (derived), as
    first character → second characters (look up with ``[]``)."""
    return by_first("疑似词.txt")  # “首 各组合的第二字”


class Words(NamedTuple):
    """Which strings are words (jieba's dictionary, derived, and 补充词.txt) and which two-character words are
    frequent. Looked up in the list's line for the first character, as written: nothing is split at load."""

    #: first character → the rest of its line of 词表.txt: “二字词的第二字（常用的在“|”前） 三四字词的其余部分…”
    lines: ByFirst
    added: frozenset[str]
    #: first character → its line split, as asked for
    split: dict[str, tuple[str, str]]

    def _parts(self, first: str) -> tuple[str, str]:
        parts = self.split.get(first)
        if parts is None:
            two, _, longer = self.lines[first].partition(" ")
            parts = self.split[first] = (two, f" {longer} ")
        return parts

    def is_word(self, text: str) -> bool:
        if text in self.added:
            return True
        two, longer = self._parts(text[0])
        return text[1] in two if len(text) == 2 else f" {text[1:]} " in longer

    def is_frequent(self, text: str) -> bool:
        return text[1] in self._parts(text[0])[0].partition("|")[0]

    def rank(self, text: str) -> int:
        """Return the place of a two-character word among those of its first character (0: the most frequent)."""
        return self._parts(text[0])[0].find(text[1])


@functools.cache
def words() -> Words:
    return Words(by_first("词表.txt"), frozenset(" ".join(_lines("补充词.txt")).split()), {})


def _fuzzy(reading: str) -> str:
    """Fold a reading (“zhong1”) the way speakers confuse them: tone dropped, zh/ch/sh → z/c/s, l → n, f → h,
    -ng → -n after a, e, i."""
    reading = reading.rstrip("012345")
    if reading[1:2] == "h" and reading[0] in "zcs":
        reading = reading[0] + reading[2:]
    if reading[0] in "lf":
        reading = {"l": "n", "f": "h"}[reading[0]] + reading[1:]
    if reading.endswith(("ang", "eng", "ing")):
        reading = reading[:-1]
    return reading


class Alike(NamedTuple):
    """Characters alike in sound or in shape, as str.translate tables: *sound* maps each character to one standing
    for all that sound alike (fuzzily, see ``_fuzzy``); *shape* does the same but maps the characters of a shape
    group to the group's first. Two texts written alike but for characters alike in one way translate equal by
    that table (and a text with no character of a shape group translates the same by both).

    A table is a string: its character at code point n is what n becomes (itself when n is in no group;
    characters past its end stay as they are). str.translate reads it faster than a dict, and it loads at once
    (see prebuilt.py)."""

    sound: str
    shape: str
    #: character → the other characters of its shape groups (a character may be in two groups)
    shapes: dict[str, str]

    def similar(self, a: str, b: str) -> bool:
        """Whether two different characters *a* and *b* sound alike (fuzzily) or look alike. (A stand-in is in
        its group: a character in none, standing for itself, never equals another's stand-in.)"""
        return stand_in(self.sound, a) == stand_in(self.sound, b) or b in self.shapes.get(a, "")


def stand_in(table: str, ch: str) -> str:
    """Return what *table* (a str.translate table as a string, see Alike) turns *ch* into."""
    return table[ord(ch)] if ord(ch) < len(table) else ch


@functools.cache
def readings() -> list[tuple[str, str]]:
    """Return 读音.txt's (reading with its tone, characters) pairs, read once for both sound tables."""
    return [tuple(line.split(" ")) for line in _lines("读音.txt")]


@functools.cache
def alike() -> Alike:
    """Return the tables of characters alike: prebuilt with the shipped index (see prebuilt.py), else built."""
    from .prebuilt import shipped_alike

    return shipped_alike() or build_alike()


def build_alike() -> Alike:
    stand: dict[str, str] = {}
    source, target = [], []
    for key, chars in readings():
        stand_in = stand.setdefault(_fuzzy(key), chars[0])
        source.append(chars)
        target.append(stand_in * len(chars))
    sound = str.maketrans("".join(source), "".join(target))
    shape, grouped = dict(sound), set()
    for group in _lines("形近字.txt"):
        for ch in group:
            if ch not in grouped:
                grouped.add(ch)
                shape[ord(ch)] = ord(group[0])
    return Alike(_table(sound), _table(shape), shape_groups())


def shape_groups() -> dict[str, str]:
    """Return 形近字.txt as character → the other characters of its shape groups (a character may be in two)."""
    shapes: dict[str, str] = {}
    for group in _lines("形近字.txt"):
        for ch in group:
            shapes[ch] = shapes.get(ch, "") + group.replace(ch, "")
    return shapes


def _table(mapping: dict[int, int]) -> str:
    """Return a str.translate *mapping* as a string (see Alike)."""
    codes = range(max(mapping, default=-1) + 1)
    return "".join(map(chr, map(mapping.get, codes, codes)))


class Homophones(NamedTuple):
    """Characters read alike in any tone (pinyin input offers them all for the same keys)."""

    #: character → a character standing for its reading (a str.translate table as a string, see Alike)
    reading: str
    #: that character → every character of the reading
    chars: dict[str, str]


def toneless(readings) -> dict[str, str]:
    """Return the characters of (reading with its tone, characters) *readings* by their reading in any tone."""
    by_reading: dict[str, str] = {}
    for reading, chars in readings:
        by_reading[reading.rstrip("012345")] = by_reading.get(reading.rstrip("012345"), "") + chars
    return by_reading


@functools.cache
def homophones() -> Homophones:
    """Return the characters read alike in any tone: prebuilt with the shipped index (see prebuilt.py), else
    built."""
    from .prebuilt import shipped_homophones

    return shipped_homophones() or build_homophones()


def build_homophones() -> Homophones:
    groups = list(toneless(readings()).values())
    table = str.maketrans("".join(groups), "".join(g[0] * len(g) for g in groups))
    return Homophones(_table(table), {g[0]: g for g in groups})


def variants(ch: str) -> str:
    """Return the characters that sound like *ch* (any tone) or look like it, itself excluded."""
    sounds = homophones()
    same = sounds.chars.get(stand_in(sounds.reading, ch), "")  # a character read in no way is in no group
    return (same + alike().shapes.get(ch, "")).replace(ch, "")


def strip_marks(phrase: str) -> str:
    """Return *phrase* without the quotes and title marks around it."""
    return phrase.strip(_MARKS)
