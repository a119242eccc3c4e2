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

from . import lexicon
from .lexicon import Entry

HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


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
    #: a masked piece ("一?莫展" as "一莫展" of shape 1) → (phrase, where the piece starts in it, entry)
    near: tuple[dict[str, list[tuple[str, int, Entry]]], ...]
    keys: frozenset[str]
    near_keys: tuple[frozenset[str], ...]
    known: frozenset[str]
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
    near = _near_index(targets)
    # the committee's patterns first: at the same place the first alternative of the joined pattern wins
    rules = [(f.pattern.pattern, Entry(f.right, f.reason, f.severity, "规范表述", "规则文件")) for f in formulations]
    rules += [(p, e) for p, e in wrong_forms + lexicon.context_rules() if p not in dropped]
    joined = re.compile("|".join(f"(?P<r{n}>{_renamed(p, n)})" for n, (p, _) in enumerate(rules))) if rules else None
    entries = tuple(_template(e, n, joined.groupindex[f"r{n}"]) for n, (_, e) in enumerate(rules)) if rules else ()
    known_forms = frozenset(targets) | frozenset(e.right for e in wrong.values())
    return Index(literal, near, frozenset(literal), tuple(frozenset(t) for t in near), known_forms, joined, entries)


def _near_index(targets: dict[str, Entry]) -> tuple[dict, dict, dict, dict]:
    """Index each phrase of four characters or more by the three characters around each of its characters.

    For character k the key is the four characters around it (k at position `shape`) without k itself, so a
    text window with k written wrong still holds the key."""
    near: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    for phrase, entry in targets.items():
        n = len(phrase)
        if n < 4:
            continue
        for k in range(n):
            start = 0 if k < 1 else k - 1 if k < n - 2 else n - 4
            shape = k - start
            key = phrase[start:k] + phrase[k + 1:start + 4]
            table = near[shape]
            if key in table:
                table[key].append((phrase, start, entry))
            else:
                table[key] = [(phrase, start, entry)]
    return near


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
    for piece in {text[i:i + 2] for i in range(len(text) - 1)} & index.keys:
        for i in _positions(text, piece):
            for form, entry in index.literal[piece]:
                if text.startswith(form, i):
                    hits.append(Hit("PR007", i, i + len(form), form, entry.right, entry.reason, entry.severity))
    return hits + _near_misses(text, index) if len(text) >= 4 else hits


def _near_misses(text: str, index: Index) -> list[Hit]:
    """Return the windows of *text* that are a known phrase with one character alike in sound or shape."""
    n = len(text)
    three = {text[i:i + 3] for i in range(n - 2)}
    gap1 = {text[i] + text[i + 2:i + 4] for i in range(n - 3)}
    gap2 = {text[i:i + 2] + text[i + 3] for i in range(n - 3)}
    starts: set[tuple[int, str, int, Entry]] = set()
    for shape, table in enumerate(index.near):
        for key in index.near_keys[shape] & (gap1 if shape == 1 else gap2 if shape == 2 else three):
            tail = key[1:] if shape == 1 else key[:2]
            for j in _positions(text, tail):
                four = j - 2 if shape == 1 else j - 1 if shape == 0 else j
                if four < 0 or four + 4 > n or text[four:four + shape] + text[four + shape + 1:four + 4] != key:
                    continue
                for phrase, offset, entry in table[key]:
                    starts.add((four - offset, phrase, offset + shape, entry))
    hits = []
    alike = lexicon.alike()
    for start, phrase, k, entry in sorted(starts, key=lambda s: (s[0], s[1])):
        window = text[start:start + len(phrase)] if start >= 0 else ""
        if len(window) != len(phrase) or window in index.known or window[k] == phrase[k]:
            continue
        if window[:k] + window[k + 1:] == phrase[:k] + phrase[k + 1:] and alike.similar(window[k], phrase[k]):
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
_FUNCTION = set("的了和是在与及等对把被为也都还就而或其之这那些个有不没很较多少一要将以中上下着过地得")


def _non_words(text: str, index: Index) -> list[Hit]:
    """Return two-character non-words one alike character away from a frequent word, standing alone (no word
    covers them or overlaps them)."""
    hits = []
    words, alike = lexicon.words(), lexicon.alike()
    for run in HAN.finditer(text):
        s, base = run.group(0), run.start()
        for i in range(len(s) - 1):
            pair = s[i:i + 2]
            if pair[0] in _FUNCTION or pair[1] in _FUNCTION or words.is_word(pair):
                continue
            if (i and words.is_word(s[i - 1:i + 1])) or (i + 2 < len(s) and words.is_word(s[i + 1:i + 3])):
                continue
            if any(words.is_word(s[a:a + n]) for n in (3, 4) for a in range(max(0, i + 2 - n), i + 1)
                   if a + n <= len(s)):
                continue
            guess = _frequent_neighbour(pair, words, alike)
            if guess:
                hits.append(Hit("PR013", base + i, base + i + 2, pair, guess,
                                f"“{pair}”不是常用词，疑为“{guess}”。", "warning"))
    return hits


def _frequent_neighbour(pair: str, words, alike) -> str:
    for k in (0, 1):
        for ch in alike.variants(pair[k]):
            guess = pair[:k] + ch + pair[k + 1:]
            if words.is_frequent(guess):
                return guess
    return ""
