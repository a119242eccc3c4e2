"""One pass over a text for every word-list rule: wrong forms, near misses of known phrases, suspect non-words,
and the pattern rules (规范表述 wrong forms, redundancy, context).

Literal forms and phrases are indexed by their two-character pieces: the text's two-character pieces are taken
once as a set, intersected with the index's keys (in C), and only the pieces found are looked at. The pattern
rules are joined into one regular expression. A text with nothing to report costs a set build, an intersection,
one regex scan and one loop over its characters for the non-word rule.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import compress
from operator import add

from . import lexicon
from .cache import cached
from .lexicon import Entry



@dataclass(frozen=True)
class Hit:
    """One place to fix: text[start:end] should read *right* (a replacement, or advice when *advice*)."""

    code: str
    start: int
    end: int
    found: str
    right: str
    reason: str
    severity: str
    advice: bool = False


@dataclass(frozen=True)
class Index:
    literal: dict[str, list[tuple[str, Entry]]]
    #: by the position left out, three characters of a four-character chunk → the chunks, end to end
    near: tuple[dict[str, str], ...]
    #: a four-character chunk → "offset phrase" for each phrase holding it, separated by tabs
    chunks: dict[str, str]
    keys: frozenset[str]
    #: the phrases searched for near misses and their entries
    targets: dict[str, Entry]
    known: frozenset[str]
    #: what the committee removed, silenced in every rule
    dropped: frozenset[str]
    patterns: re.Pattern | None
    pattern_entries: tuple[Entry, ...]


_IDIOM = Entry("", "成语、惯用语中有一个字音近或形近而误。", "warning", "成语")


@functools.lru_cache(maxsize=8)
def build(words: tuple = (), formulations: tuple = (), phrases: tuple = (), remove: tuple = ()) -> Index:
    """Return the index of the shipped lists with a committee's *words* (Replacement), *formulations*
    (Replacement), extra *phrases* (str) and the forms, phrases or patterns to *remove*."""
    dropped = set(remove)
    wrong = {w: e for w, e in lexicon.confused().items() if w not in dropped}
    for item in words:
        form = re.sub(r"\\(.)", r"\1", item.pattern.pattern)
        wrong[form] = Entry(item.right, item.reason or lexicon.difference(form, item.right), item.severity, "错别字",
                            "规则文件")
    shipped, wrong_forms = lexicon.formulations()
    known = {p: e for p, e in shipped.items() if p not in dropped}
    extra = Entry("", "委员会规定的规范表述。", "error", "规范表述", "规则文件")
    known.update({p: extra for p in phrases})
    literal: dict[str, list[tuple[str, Entry]]] = {}
    for form, entry in wrong.items():
        if len(form) >= 2:
            literal.setdefault(form[:2], []).append((form, entry))
    targets = {lexicon.strip_marks(p): e for p, e in known.items()}
    targets.update({e.right: _IDIOM for e in wrong.values() if len(e.right) >= 4 and e.right not in targets})
    targets.update({i: _IDIOM for i in lexicon.idioms() if i not in targets and i not in dropped})
    # a committee's own corrections of four characters or more are targets too, so they are part of the key
    own = tuple(sorted(e.right for e in wrong.values() if e.source == "规则文件" and len(e.right) >= 4))
    near, chunks = cached("near", (phrases, remove, own), lambda: _near_index(list(targets)))
    # the committee's patterns first: at the same place the first alternative of the joined pattern wins
    rules = [(f.pattern.pattern, Entry(f.right, f.reason, f.severity, "规范表述", "规则文件")) for f in formulations]
    rules += [(p, e) for p, e in wrong_forms + lexicon.context_rules() if p not in dropped]
    joined = re.compile("|".join(f"(?P<r{n}>{_renamed(p, n)})" for n, (p, _) in enumerate(rules))) if rules else None
    entries = tuple(_template(e, n, joined.groupindex[f"r{n}"]) for n, (_, e) in enumerate(rules)) if rules else ()
    known_forms = frozenset(targets) | frozenset(e.right for e in wrong.values())
    return Index(literal, near, chunks, frozenset(literal), targets, known_forms, frozenset(dropped), joined, entries)


def _near_index(targets: list[str]) -> tuple[tuple[dict[str, str], ...], dict[str, str]]:
    """Index the phrases of four characters or more for near misses (plain strings: it is cached with marshal).

    Each phrase is cut into its four-character chunks (chunk → "offset phrase" of each phrase holding it). Each
    chunk is indexed, for each of its four characters, by the other three (a text window with that character
    written wrong still holds them); by shape, the position left out."""
    chunks: dict[str, list[str]] = {}
    for phrase in targets:
        for offset in range(len(phrase) - 3):
            chunks.setdefault(phrase[offset:offset + 4], []).append(f"{offset} {phrase}")
    near: tuple[dict[str, str], ...] = ({}, {}, {}, {})
    for chunk in chunks:
        for shape in range(4):
            key = chunk[:shape] + chunk[shape + 1:]
            near[shape][key] = near[shape].get(key, "") + chunk
    return near, {chunk: "\t".join(places) for chunk, places in chunks.items()}


_NAMED = re.compile(r"\(\?P<(\w+)>")
_REFERENCE = re.compile(r"\\(?:g<(\w+)>|(\d+))")


def _renamed(pattern: str, n: int) -> str:
    """Return *pattern* with its named groups prefixed by its number, so that the rules can be joined into one."""
    return _NAMED.sub(lambda m: f"(?P<r{n}_{m.group(1)}>", pattern)


def _template(entry: Entry, n: int, outer: int) -> Entry:
    """Return *entry* with its replacement's group references pointing into the joined pattern."""
    def ref(m: re.Match) -> str:
        name = m.group(1) if m.group(1) is not None else m.group(2)
        if name.isdigit():
            return f"\\g<{outer + int(name)}>"
        return f"\\g<r{n}_{name}>"
    return Entry(_REFERENCE.sub(ref, entry.right), entry.reason, entry.severity, entry.kind, entry.source)


def scan(text: str, index: Index) -> list[Hit]:
    """Return the hits in *text*, in order, overlapping hits of a weaker rule left out."""
    hits = _literal_and_near(text, index) + _pattern_hits(text, index) + _non_words(text, index)
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for hit in hits:
        if not any(h.start < hit.end and hit.start < h.end for h in kept):
            kept.append(hit)
    return kept


def _positions(text: str, piece: str):
    i = text.find(piece)
    while i >= 0:
        yield i
        i = text.find(piece, i + 1)


def _literal_and_near(text: str, index: Index) -> list[Hit]:
    hits = []
    for piece in set(map(add, text, text[1:])) & index.keys:
        for i in _positions(text, piece):
            for form, entry in index.literal[piece]:
                if text.startswith(form, i):
                    hits.append(Hit("PR007", i, i + len(form), form, entry.right, entry.reason, entry.severity))
    return hits + _near_misses(text, index) if len(text) >= 4 else hits


def _near_misses(text: str, index: Index) -> list[Hit]:
    """Return the windows of *text* that are a known phrase with one character alike in sound or shape."""
    # the text's three characters out of each four, built in C (map) rather than character by character
    three = list(map(add, map(add, text, text[1:]), text[2:]))
    pieces = (three, list(map(add, map(add, text, text[2:]), text[3:])),
              list(map(add, map(add, text, text[1:]), text[3:])), three)
    alike = lexicon.alike()
    n, found = len(text), {}
    for shape, table in enumerate(index.near):
        seq = pieces[shape]
        wanted = set(filter(table.__contains__, set(seq)))
        if not wanted:
            continue
        for p in compress(range(len(seq)), map(wanted.__contains__, seq)):  # the positions, found in C
            four = p - 1 if shape == 0 else p
            if four < 0 or four + 4 > n:
                continue
            written, chunks = text[four + shape], table[seq[p]]
            for c in range(0, len(chunks), 4):
                right = chunks[c + shape]
                if written != right and alike.similar(written, right):
                    for place in index.chunks[chunks[c:c + 4]].split("\t"):
                        offset, phrase = place.split(" ", 1)
                        found.setdefault((four - int(offset), phrase), int(offset) + shape)
    hits = []
    for (start, phrase), k in sorted(found.items()):
        window = text[start:start + len(phrase)] if start >= 0 else ""
        if len(window) == len(phrase) and window not in index.known \
                and window[:k] + window[k + 1:] == phrase[:k] + phrase[k + 1:]:
            entry = index.targets[phrase]
            reason = f"“{phrase[k]}”误作“{window[k]}”，{entry.kind}应为“{phrase}”。"
            hits.append(Hit("PR012", start, start + len(phrase), window, phrase, reason, entry.severity))
    return hits


def _pattern_hits(text: str, index: Index) -> list[Hit]:
    if index.patterns is None:
        return []
    hits = []
    for match in index.patterns.finditer(text):
        entry = index.pattern_entries[int(match.lastgroup[1:])]
        code = {"冗余": "PR014", "搭配": "PR015"}.get(entry.kind, "PR008")
        right = _expand(match, entry.right)
        hits.append(Hit(code, match.start(), match.end(), match.group(0), right, entry.reason, entry.severity,
                        advice=_is_advice(entry.right)))
    return hits


def _expand(match: re.Match, template: str) -> str:
    """Expand the replacement of the rule that matched (its references were pointed into the joined pattern)."""
    try:
        return match.expand(template)
    except (re.error, IndexError):
        return template


def _is_advice(right: str) -> bool:
    """Whether a pattern rule's *right* is advice ("删去重复的部分") rather than the replacement text."""
    return "\\" not in right and right.startswith(("删去", "用", "写作", "改为"))


#: Characters that join words rather than form them: a non-word next to one is usually a word boundary.
_FUNCTION = set("的了和是在与及等对把被也都还就而或之这那些着过地得")


def _non_words(text: str, index: Index) -> list[Hit]:
    """Return two-character non-words one alike character away from a frequent word (the derived 疑似词 list),
    standing alone: no word covers or overlaps them and they do not touch a function character."""
    hits = []
    words, alike = lexicon.words(), lexicon.alike()
    for pair in filter(lexicon.is_suspect, set(map(add, text, text[1:]))):
        if pair[0] in _FUNCTION or pair[1] in _FUNCTION or pair in index.dropped:
            continue
        for i in _positions(text, pair):
            if not _alone(text, i, words):
                continue
            guess = _frequent_neighbour(pair, words, alike)
            if guess:
                hits.append(Hit("PR013", i, i + 2, pair, guess, f"“{pair}”不是常用词，疑为“{guess}”。", "warning"))
    return hits


def _alone(text: str, i: int, words) -> bool:
    """Whether the pair at *i* is not part of a word of two to four characters around it."""
    for n in (2, 3, 4):
        for a in range(max(0, i - n + 1), i + 2):
            if a + n <= len(text) and (a, n) != (i, 2) and words.is_word(text[a:a + n]):
                return False
    return True


def _frequent_neighbour(pair: str, words, alike) -> str:
    for k in (0, 1):
        for ch in alike.variants(pair[k]):
            guess = pair[:k] + ch + pair[k + 1:]
            if words.is_frequent(guess):
                return guess
    return ""
