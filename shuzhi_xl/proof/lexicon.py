"""The shipped word lists (data/), read once into the indexes the scanner uses.

- 易错词.txt: wrong → right pairs, found literally;
- 规范表述.toml: standard formulations (found when written with one character wrong) and their known wrong forms;
- 搭配.toml: redundancy and context rules (regular expressions);
- 词表.txt, 成语.txt, 读音.txt: derived from jieba and pypinyin (see derive.py); 形近字.txt: shape-alike groups.

A committee's rules add, remove and override entries (see ``build``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from typing import NamedTuple
from importlib.resources import files

from .cache import cached

SEVERITY = {"错误": "error", "疑似": "warning", "提示": "info"}
_DATA = files(__package__) / "data"
#: Quotes and title marks around a formulation: the near-miss search compares what is inside.
_MARKS = "“”《》"


class Entry(NamedTuple):
    """A wrong form or a pattern and what to write instead (a named tuple: a thousand are made at start-up)."""

    right: str
    reason: str
    severity: str  # error / warning / info
    kind: str  # 错别字, 规范表述, 冗余, 搭配
    source: str = ""


def _text(name: str) -> str:
    return (_DATA / name).read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    return [line for line in _text(name).splitlines() if line.strip() and not line.startswith("#")]


def difference(wrong: str, right: str) -> str:
    """Return the reason a same-length *wrong* differs from *right*: “‘厉’误作‘励’”; otherwise a general one."""
    if len(wrong) == len(right):
        pairs = [(r, w) for r, w in zip(right, wrong) if r != w]
        if pairs:
            return "；".join(f"“{r}”误作“{w}”" for r, w in pairs) + "。"
    return f"应写作“{right}”。"


@functools.cache
def confused() -> dict[str, Entry]:
    """Return the shipped wrong forms of 易错词.txt with their entries."""
    return {wrong: Entry(*fields) for wrong, fields in cached("confused", (), _confused).items()}


def _confused() -> dict[str, tuple[str, ...]]:
    out, severity = {}, "error"
    source = "易错词.txt（本项目整理）"
    for line in _lines("易错词.txt"):
        if line.startswith("["):
            severity = SEVERITY[line.strip("[]")]
            continue
        right, *wrongs = line.split()
        for wrong in wrongs:
            out[wrong] = (right, difference(wrong, right), severity, "错别字", source)
    return out


@functools.cache
def formulations() -> tuple[dict[str, Entry], list[tuple[str, Entry]]]:
    """Return the 规范表述 (phrase → entry) and their wrong forms (pattern → entry)."""
    data = cached("formulations", (), lambda: tomllib.loads(_text("规范表述.toml")))
    phrases = {}
    for group in data["group"]:
        entry = Entry("", group["reason"], SEVERITY[group["severity"]], group["kind"], group["source"])
        for phrase in group["entries"]:
            phrases[phrase] = entry
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


@functools.cache
def suspects() -> dict[str, str]:
    """Return the non-words one common same-sounding or look-alike character from a frequent word (derived), as
    first character → second characters (a few thousand strings load far faster than 26,000)."""
    def build() -> dict[str, str]:
        text, out = "".join(_lines("疑似词.txt")), {}
        for first, second in zip(text[::2], text[1::2]):
            out[first] = out.get(first, "") + second
        return out
    return cached("suspects", (), build)


def is_suspect(pair: str) -> bool:
    """Whether the two characters *pair* are a listed suspect non-word."""
    return pair[1] in suspects().get(pair[0], "")


@dataclass(frozen=True)
class Words:
    """Which strings are words (jieba's dictionary, derived, and 补充词.txt) and which two-character words are
    frequent."""

    #: first character → the second characters of its two-character words, frequent ones before "|"
    pairs: dict[str, str]

    def is_word(self, text: str) -> bool:
        if len(text) == 2:
            return text[1] in self.pairs.get(text[0], "")
        return text in longer_words()

    def is_frequent(self, text: str) -> bool:
        return text[1] in self.pairs.get(text[0], "").partition("|")[0]


@functools.cache
def words() -> Words:
    return Words(cached("words", (), lambda: _words()[0]))


@functools.cache
def longer_words() -> frozenset[str]:
    """Return the three- and four-character words (needed only to judge a suspect non-word)."""
    return cached("longer", (), lambda: _words()[1])


def _words() -> tuple[dict[str, str], frozenset[str]]:
    pairs, longer = {}, []
    for line in _lines("词表.txt"):
        first, two, *rest = line.split(" ", 2)
        pairs[first] = two if two != "-" else ""
        if rest:
            longer += [first + tail for tail in rest[0].split(" ")]
    for word in " ".join(_lines("补充词.txt")).split():
        if len(word) == 2:
            pairs[word[0]] = word[1] + pairs.get(word[0], "")
        else:
            longer.append(word)
    return pairs, frozenset(longer)


#: Initials and finals commonly confused in speech (z/zh, n/l, -n/-ng …): readings equal after folding.
_FOLD = ((re.compile(r"[0-9]$"), ""), (re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"^l"), "n"),
         (re.compile(r"^f"), "h"), (re.compile(r"(?<=[aei])ng$"), "n"))


def _fold(reading: str) -> str:
    for pattern, repl in _FOLD:
        reading = pattern.sub(repl, reading)
    return reading


@dataclass(frozen=True)
class Alike:
    """Characters alike in sound or in shape. *strict* readings keep the tone; *fuzzy* ones drop it and fold
    initials and finals often confused (z/zh, n/l, -n/-ng)."""

    strict: dict[str, str]
    fuzzy: dict[str, str]
    homophones: dict[str, str]
    shape: dict[str, str]

    def similar(self, a: str, b: str) -> bool:
        """Whether *a* and *b* sound alike (fuzzily) or look alike."""
        ra = self.fuzzy.get(a)
        return (ra is not None and ra == self.fuzzy.get(b)) or b in self.shape.get(a, "")

    def variants(self, ch: str) -> str:
        """Return the characters that sound exactly like *ch* (tone included) or look like it, itself excluded."""
        return (self.homophones.get(self.strict.get(ch, ""), "") + self.shape.get(ch, "")).replace(ch, "")


@functools.cache
def alike() -> Alike:
    return Alike(*cached("alike", (), _alike))


def _alike() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    strict, fuzzy, homophones = {}, {}, {}
    for line in _lines("读音.txt"):
        key, chars = line.split(" ")
        folded = _fold(key)
        homophones[key] = chars
        for ch in chars:
            strict[ch], fuzzy[ch] = key, folded
    shape: dict[str, str] = {}
    for group in _lines("形近字.txt"):
        for ch in group:
            shape[ch] = shape.get(ch, "") + group.replace(ch, "")
    return strict, fuzzy, homophones, shape


def strip_marks(phrase: str) -> str:
    """Return *phrase* without the quotes and title marks around it."""
    return phrase.strip(_MARKS)
