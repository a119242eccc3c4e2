"""Regular expressions made cheaper to run, for every package that searches text (proofreading, the checks, the
report's labels): the characters a match can start with, read from the pattern's text, and patterns compiled once
(``compiled``).

A joined pattern of many rules is tried at every position of a text; put behind a lookahead for these characters,
it is tried only where one of them stands (ten times faster on a report). Only the plain cases are read: anything
else gives None, and the pattern is then used without the lookahead, as correct and only slower.
"""

from __future__ import annotations

import functools
import re

#: Zero-width groups: they match no character, so the next element decides.
_ZERO_WIDTH = ("(?<=", "(?<!", "(?=", "(?!")
_SPECIAL = set("\\.^$()|?*+{}[]")


def first_chars(pattern: str) -> str | None:
    """Return the characters any match of *pattern* starts with, or None when not plain to see (or it can be
    empty)."""
    out = ""
    for alternative in _split(pattern):
        chars = _first(alternative)
        if chars is None:
            return None
        out += chars
    return "".join(dict.fromkeys(out))


def _marks(pattern: str, i: int = 0):
    """Yield (index, character, depth after it) of the characters of *pattern* from *i* that are not escaped or
    inside a character class; depth counts the open groups."""
    depth = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        depth += (ch == "(") - (ch == ")")
        yield i, ch, depth
        i += 1


def _split(pattern: str) -> list[str]:
    """Split *pattern* at its top-level bars."""
    bars = [i for i, ch, depth in _marks(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1] + bars, bars + [len(pattern)])]


def _class_end(pattern: str, i: int) -> int:
    """Return the index after the character class opening at *i*."""
    j = i + 1 + (pattern[i + 1:i + 2] == "^")
    j += pattern[j:j + 1] == "]"
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """Return the index after the group opening at *i*."""
    return next((j + 1 for j, ch, depth in _marks(pattern, i) if ch == ")" and depth == 0), len(pattern))


def _members(members: str) -> str | None:
    """Return the characters of a class's *members* (short ranges spelt out), or None for a negated class or one
    with an escape standing for many characters (\\d, \\s …)."""
    if not members or members[0] == "^":
        return None
    out, i = [], 0
    while i < len(members):
        ch = members[i]
        if ch == "\\":
            if i + 1 >= len(members) or members[i + 1].isalnum():
                return None
            ch, i = members[i + 1], i + 1
        if members[i + 1:i + 2] == "-" and i + 2 < len(members):
            low, high = ord(ch), ord(members[i + 2])
            if members[i + 2] == "\\" or not 0 <= high - low <= 200:
                return None
            out += map(chr, range(low, high + 1))
            i += 3
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _first(alternative: str) -> str | None:
    i = 0
    while alternative.startswith(_ZERO_WIDTH, i):
        i = _group_end(alternative, i)
    if i >= len(alternative):
        return None
    ch = alternative[i]
    if ch == "(":
        end = _group_end(alternative, i)
        inner = alternative[i + 1:end - 1]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?P<"):
            inner = inner[inner.index(">") + 1:]
        elif inner.startswith("?"):
            return None
        chars = first_chars(inner)
    elif ch == "[":
        end = _class_end(alternative, i)
        chars = _members(alternative[i + 1:end - 1])
    elif ch == "\\" and i + 1 < len(alternative) and not alternative[i + 1].isalnum():
        end, chars = i + 2, alternative[i + 1]  # an escaped mark: \. \" \(
    elif ch in _SPECIAL:
        return None
    else:
        end, chars = i + 1, ch
    if chars is None:
        return None
    if alternative[end:end + 1] in ("?", "*") or alternative.startswith("{0", end):  # may be absent
        rest = _first(alternative[end + 1:] if alternative[end] != "{" else alternative[alternative.index("}", end) + 1:])
        return None if rest is None else chars + rest
    return chars


def behind_lookahead(patterns: list[str], joined: str) -> str:
    """Return *joined* (the *patterns* as alternatives) behind a lookahead for the characters they start with,
    or as it is when one of them does not say."""
    chars = [first_chars(p) for p in patterns]
    if not patterns or None in chars:
        return joined
    members = "".join("\\" + ch if ch in "\\]^-[" else ch for ch in dict.fromkeys("".join(chars)))
    return f"(?=[{members}])(?:{joined})"


@functools.cache
def compiled(pattern: str) -> re.Pattern:
    """Return *pattern* compiled, once: a pattern kept as text is compiled on first use, not at import (a command
    may not need it), and asking re's own cache costs several times more than this one on each call."""
    return re.compile(pattern)
