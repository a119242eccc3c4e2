"""One pass over a text for every word-list rule: wrong forms, near misses of known phrases, suspect non-words,
and the pattern rules (规范表述 wrong forms, redundancy, context).

The text's two-character pieces are taken once, in C (map over the text and itself shifted), and every rule starts
from them. What a piece may start (a literal form, a phrase's first or last two characters, a suspect non-word) is
judged once per piece and remembered in the index: pieces recur from report to report, so a text costs one dict
lookup per piece, and the positions of each kind are picked out in C.
- wrong forms (and rules that are plain alternatives) are indexed by their first two characters;
- a phrase written with one character wrong keeps its first two or its last two characters; those pieces point at
  the phrases to try, and a try is one comparison of the text and the phrase translated to “sounds like” and
  “looks like” stand-ins (str.translate), so only true near misses reach Python;
- suspect non-words are the pieces in the derived list, judged against the word list only then.
The remaining regular expressions are joined into ONE pattern, compiled on first use.
"""

from __future__ import annotations

import functools
import re
from itertools import compress, repeat
from typing import NamedTuple
from operator import add, and_, contains, is_, itemgetter, mul, ne, or_, sub

from ..numerals import NUMERAL_CHARS
from ..patterns import behind_lookahead
from . import lexicon
from .lexicon import Entry


class Hit(NamedTuple):
    """One place to fix: text[start:end] should read *right* (a replacement, or advice when *advice*)."""

    code: str
    start: int
    end: int
    found: str
    right: str
    reason: str
    severity: str
    advice: bool = False


#: The code of a finding by the kind of entry that made it.
_CODES = {"冗余": "PR014", "搭配": "PR015", "错别字": "PR007"}
_IDIOM = Entry("", "成语、惯用语中有一个字音近或形近而误。", "warning", "成语")
#: A pattern made only of plain alternatives is found literally, with the wrong forms.
_PLAIN = r"[^\\()\[\]{}?*+.^$]+(?:\|[^\\()\[\]{}?*+.^$]+)*"


class Anchors(NamedTuple):
    """The phrases searched for near misses (four characters or more), found from the two characters a phrase
    written with one character wrong still has intact at its start or its end (*keys*), then by the four
    characters there translated to sound or shape stand-ins (see lexicon.Alike): *heads* maps the stand-ins of a
    phrase's first four characters to it, *tails* those of its last four (phrases of five characters or more:
    a phrase of four is looked up in heads from either end)."""

    #: the first two characters of the phrases, and the last two
    head_keys: frozenset[str]
    tail_keys: frozenset[str]
    #: stand-ins → the numbers of the phrases, as the characters of those code points (a string is no container:
    #: loading thousands costs less than lists, see prebuilt.py)
    heads: dict[str, str]
    tails: dict[str, str]
    phrases: list[str]
    sounds: list[str]
    shapes: list[str]


class Index(NamedTuple):
    #: first two characters → the lengths of the literal forms starting with them, each a character (chr(length)):
    #: a text is looked up once per length, not once per form (formulations with two characters swapped share
    #: their first two with many others)
    literal: dict[str, str]
    keys: frozenset[str]
    #: each literal form's entry
    forms: dict[str, Entry]
    anchors: Anchors
    #: the phrases searched for near misses and their entries
    targets: dict[str, Entry]
    known: frozenset[str]
    #: what the committee removed, silenced in every rule
    dropped: frozenset[str]
    #: the regular-expression rules: (pattern, entry), joined on first use by ``joined``
    rules: tuple[tuple[str, Entry], ...]
    #: two characters → what they may start (see ``_kinds``), filled as texts are scanned
    kinds: dict[str, int]
    #: four characters → the phrases they may be near misses of (see ``_tries``), filled as texts are scanned
    near: dict[str, tuple[str, ...]]


@functools.lru_cache(maxsize=8)
def build(words: tuple = (), formulations: tuple = (), phrases: tuple = (), remove: tuple = ()) -> Index:
    """Return the index of the shipped lists with a committee's *words* (Replacement), *formulations*
    (Replacement), extra *phrases* (str) and the forms, phrases or patterns to *remove*: the shipped lists' own
    is prebuilt (see prebuilt.py), a committee's built here."""
    if not (words or formulations or phrases or remove):
        from .prebuilt import shipped

        index = shipped()
        if index is not None:
            return index
    return construct(words, formulations, phrases, remove)


def construct(words: tuple = (), formulations: tuple = (), phrases: tuple = (), remove: tuple = (),
              alike: lexicon.Alike | None = None) -> Index:
    """Build the index that ``build`` returns, from the lists (and *alike*, by default lexicon's)."""
    dropped = frozenset(remove)
    wrong = {w: e for w, e in lexicon.confused().items() if w not in dropped}
    for item in words:
        form = re.sub(r"\\(.)", r"\1", item.pattern.pattern)
        wrong[form] = Entry(item.right, item.reason, item.severity, "错别字", "规则文件")
    shipped, wrong_forms = lexicon.formulations()
    known = {p: e for p, e in shipped.items() if p not in dropped}
    extra = Entry("", "委员会规定的规范表述。", "error", "规范表述", "规则文件")
    known.update(dict.fromkeys(phrases, extra))
    for swapped, entry in _swapped(known).items():
        if swapped not in dropped:
            wrong.setdefault(swapped, entry)
    # the committee's patterns first: at the same place the first alternative of the joined pattern wins
    rules = [(f.pattern.pattern, Entry(f.right, f.reason, f.severity, "规范表述", "规则文件")) for f in formulations]
    plain = {}
    for pattern, entry in wrong_forms + lexicon.context_rules():
        if pattern in dropped:
            continue
        if re.fullmatch(_PLAIN, pattern):
            plain.update(dict.fromkeys((p for p in pattern.split("|") if p not in dropped), entry))
        else:
            rules.append((pattern, entry))
    forms = {form: entry for form, entry in (plain | wrong).items() if len(form) >= 2}
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[:2], set()).add(len(form))
    literal = {key: "".join(map(chr, sorted(found))) for key, found in lengths.items()}
    targets = {lexicon.strip_marks(p): e for p, e in known.items()}
    targets.update({e.right: _IDIOM for e in wrong.values() if len(e.right) >= 4 and e.right not in targets})
    targets.update({i: _IDIOM for i in lexicon.idioms() if i not in targets and i not in dropped})
    anchors = _anchors(targets, alike or lexicon.alike())
    known_forms = frozenset(targets) | frozenset(e.right for e in wrong.values())
    return Index(literal, frozenset(literal), forms, anchors, targets, known_forms, dropped, tuple(rules), **memories())


#: Characters a formulation holds at least for its forms with two neighbours swapped to be sought: a shorter swap
#: may be text of its own.
SWAPPED_FROM = 5


def _swapped(known: dict[str, Entry]) -> dict[str, Entry]:
    """Return each formulation of SWAPPED_FROM characters or more written with two neighbouring characters swapped
    into a frequent word of their own (我为群众办事实 for 我为群众办实事: 事实), as a wrong form: the search for one
    character alike cannot find it. Other swaps are left to that search and to PR013: each wrong form costs a
    look-up wherever its first two characters stand, and a formulation's are 中国, 党的 … (on the bench all 2,457
    swaps cost 0.1 ms a report even looked up by length, these 138 about 0.03)."""
    forms: dict[str, Entry] = {}
    phrases = {lexicon.strip_marks(p) for p in known}
    words = lexicon.words()
    for phrase in sorted(phrases):
        for k in range(len(phrase) - 1):
            swapped = phrase[:k] + phrase[k + 1] + phrase[k] + phrase[k + 2:]
            if len(phrase) >= SWAPPED_FROM and swapped != phrase and swapped not in phrases \
                    and words.is_word(swapped[k:k + 2]) and words.is_frequent(swapped[k:k + 2]):
                forms.setdefault(swapped, Entry(phrase, f"“{phrase[k:k + 2]}”误作“{swapped[k:k + 2]}”（两字颠倒）。",
                                                "error", "规范表述"))
    return forms


def memories() -> dict[str, dict]:
    """Return an index's memories (``kinds``, ``near``), empty: filled as texts are scanned, never part of what the
    lists build (construct, the prebuilt file's loader and its test take them from here)."""
    return {"kinds": {}, "near": {}}


def _anchors(targets: dict[str, Entry], alike: lexicon.Alike) -> Anchors:
    """Index the phrases of four characters or more by their first and last four characters' stand-ins."""
    phrases = [p for p in targets if len(p) >= 4]
    lines = "\n".join(phrases)  # translated at once: one call per phrase costs several times more
    sounds, shapes = lines.translate(alike.sound).split("\n"), lines.translate(alike.shape).split("\n")
    heads: dict[str, str] = {}
    tails: dict[str, str] = {}
    for n, (sound, shape) in enumerate(zip(sounds, shapes)):
        n = chr(n)
        heads[sound[:4]] = heads.get(sound[:4], "") + n
        if shape[:4] != sound[:4]:
            heads[shape[:4]] = heads.get(shape[:4], "") + n
        if len(sound) > 4:  # a phrase of four (most idioms) is all head: found from its tail in heads
            tails[sound[-4:]] = tails.get(sound[-4:], "") + n
            if shape[-4:] != sound[-4:]:
                tails[shape[-4:]] = tails.get(shape[-4:], "") + n
    return Anchors(frozenset(map(itemgetter(slice(0, 2)), phrases)), frozenset(map(itemgetter(slice(-2, None)), phrases)),
                   heads, tails, phrases, sounds, shapes)


@functools.lru_cache(maxsize=8)
def joined(rules: tuple[tuple[str, Entry], ...]) -> tuple[re.Pattern | None, tuple[Entry, ...]]:
    """Return the regular-expression *rules* joined into one pattern, and their entries with replacements pointed
    into it (alternative n is the group named rn)."""
    if not rules:
        return None, ()
    alternatives = "|".join(f"(?P<r{n}>{_renamed(p, n)})" for n, (p, _) in enumerate(rules))
    pattern = re.compile(behind_lookahead([p for p, _ in rules], alternatives))
    return pattern, tuple(_template(e, n, pattern.groupindex[f"r{n}"]) for n, (_, e) in enumerate(rules))


_NAMED = r"\(\?P<(\w+)>"
_REFERENCE = r"\\(?:g<(\w+)>|(\d+))"


def _renamed(pattern: str, n: int) -> str:
    """Return *pattern* with its named groups prefixed by its number, so that the rules can be joined into one."""
    return re.sub(_NAMED, lambda m: f"(?P<r{n}_{m.group(1)}>", pattern)


def _template(entry: Entry, n: int, outer: int) -> Entry:
    """Return *entry* with its replacement's group references pointing into the joined pattern."""
    def ref(m: re.Match) -> str:
        name = m.group(1) if m.group(1) is not None else m.group(2)
        if name.isdigit():
            return f"\\g<{outer + int(name)}>"
        return f"\\g<r{n}_{name}>"
    return entry._replace(right=re.sub(_REFERENCE, ref, entry.right))


def scan(text: str, index: Index) -> list[Hit]:
    """Return the hits in *text*, in order, overlapping hits of a weaker rule left out."""
    pieces = list(map(add, text, text[1:]))
    kinds = _kinds(pieces, index)
    # most pieces start nothing: the kinds are told apart among the others only
    some = list(compress(range(len(kinds)), kinds))
    kinds = list(compress(kinds, kinds))
    hits = _literal(text, _starts(some, kinds, LITERAL), index) + _pattern_hits(text, index)
    hits += _near_misses(text, _starts(some, kinds, HEAD), _starts(some, kinds, TAIL, 2), index)
    hits += _non_words(text, pieces, _starts(some, kinds, SUSPECT), index)
    return _without_overlaps(hits)


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Return *hits* by start, the longest first, each left out if it overlaps one kept before it. Coming by start,
    a hit overlapping a kept one overlaps the one that ends last, the only one compared: a text of thousands of
    hits (a hostile cell repeating a slip) costs one comparison a hit, not one for every hit kept."""
    kept: list[Hit] = []
    last = None  # the kept hit that ends last
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if last is None or not (last.start < hit.end and hit.start < last.end):
            kept.append(hit)
            last = hit if last is None or hit.end > last.end else last
    return kept


#: What two characters of a text may start, as bits: a literal form, a phrase (its first two characters), the
#: end of a phrase (its last two), a suspect non-word.
LITERAL, HEAD, TAIL, SUSPECT = 1, 2, 4, 8
#: Pieces (and windows) remembered per index, each memory about 5.7 MB when full. On reports nobody repeats
#: (bench/varied_speed.py --files 10000) a memory cleared whole when full costs no more than one never cleared;
#: 20,000 costs 3-6% more a text.
KINDS_KEPT = 50_000
#: Windows around a suspect pair remembered (about 210 bytes each). Remembering pays only where reports share
#: sentences (a folder of one template: a bench report 0.60 ms against 0.65 judging each); on varied reports about
#: half recur, at 4,096 as at 50,000 (47%, 51%), yet neither is faster than judging each, and 50,000 held 10 MB.
ALONE_KEPT = 4_096


def _remembered(keys: list[str], memo: dict, judge) -> list:
    """Return *memo*'s value for each of *keys*, the new ones judged (*judge*: their list → their values) and
    remembered; a memory past KINDS_KEPT is forgotten first. Pieces and windows recur from report to report:
    each is judged once, and a text's cost one dict lookup each, in C."""
    values = list(map(memo.get, keys))
    if None in values:
        if len(memo) > KINDS_KEPT:
            memo.clear()
            values = [None] * len(keys)
        new = list(dict.fromkeys(compress(keys, map(is_, values, repeat(None)))))
        judged = dict(zip(new, judge(new)))
        memo.update(judged)
        # the new values from what was just judged, not from the memory: another thread may forget it meanwhile
        values = list(map(judged.get, keys, values))
    return values


def _kinds(pieces: list[str], index: Index) -> list[int]:
    """Return what each piece may start (four set lookups, in C, for each new one)."""
    def judge(new: list[str]):
        anchors, suspects = index.anchors, lexicon.suspects()
        judged = [map(mul, map(index.keys.__contains__, new), repeat(LITERAL)),
                  map(mul, map(anchors.head_keys.__contains__, new), repeat(HEAD)),
                  map(mul, map(anchors.tail_keys.__contains__, new), repeat(TAIL)),
                  map(mul, map(contains, map(suspects.__getitem__, map(itemgetter(0), new)),
                               map(itemgetter(1), new)), repeat(SUSPECT))]
        return map(or_, map(or_, *judged[:2]), map(or_, *judged[2:]))
    return _remembered(pieces, index.kinds, judge)


def _starts(positions: list[int], kinds: list[int], kind: int, back: int = 0) -> list[int]:
    """Return the *positions* whose *kinds* include *kind*, less *back*, found in C."""
    found = compress(positions, map(and_, kinds, repeat(kind)))
    return list(map(sub, found, repeat(back))) if back else list(found)


def _literal(text: str, starts: list[int], index: Index) -> list[Hit]:
    hits = []
    forms = index.forms
    for i in starts:
        for length in map(ord, index.literal[text[i:i + 2]]):
            if (form := text[i:i + length]) in forms:
                hits.append(_hit(i, form, forms[form]))
    return hits


def _hit(i: int, form: str, entry: Entry) -> Hit:
    code = _CODES.get(entry.kind, "PR008")
    if entry.kind == "错别字":
        reason = entry.reason or lexicon.difference(form, entry.right)
        return Hit(code, i, i + len(form), form, entry.right, reason, entry.severity)
    return Hit(code, i, i + len(form), form, entry.right, entry.reason, entry.severity, advice=_is_advice(entry.right))


def _near_misses(text: str, heads: list[int], tails: list[int], index: Index) -> list[Hit]:
    """Return the windows of *text* that read as a known phrase with one character alike in sound or shape: from
    the *heads* (where the first two characters of a phrase stand) and the *tails* (where a phrase's last two
    characters end, less four)."""
    anchors = index.anchors
    # found: (begin, phrase) → whether it reads as the phrase, in the order the heads, then the tails, meet them;
    # what the heads leave to the tails (False) keeps its place, so of two phrases at one place the first wins
    alike, found = lexicon.alike(), {}
    # (a window at the tails that is one at the heads too, a third of them, has had its phrases of the heads tried)
    for starts, at_tails, tried in ((heads, False, ()), (tails, True, set(heads))):
        if not starts:
            continue
        windows = list(map(text.__getitem__, map(slice, starts, map(add, starts, repeat(4)))))
        tries = _tries(windows, index)
        for begin, n in _begins(compress(zip(starts, tries), tries), at_tails, anchors.phrases, tried):
            phrase = anchors.phrases[n]
            if begin < 0 or text.startswith(phrase, begin):
                continue
            if not at_tails and len(phrase) > 6 and not text.startswith(phrase[4:-2], begin + 4):
                # one character wrong between its window and its last two (else two or more): its last two stand
                # as written, so the tails try it; one comparison instead of counting every difference
                found[begin, phrase] = False
                continue
            written = text[begin:begin + len(phrase)]
            # one character wrong (as the hits below must be) before the stand-ins are compared
            if sum(map(ne, written, phrase)) == 1 and (written.translate(alike.sound) == anchors.sounds[n]
                                                       or written.translate(alike.shape) == anchors.shapes[n]):
                found[begin, phrase] = True
    hits = []
    for start, phrase in compress(found, found.values()):
        window = text[start:start + len(phrase)]
        wrong = [k for k in range(len(phrase)) if window[k] != phrase[k]]
        if len(wrong) == 1 and window not in index.known and alike.similar(window[wrong[0]], phrase[wrong[0]]):
            k, entry = wrong[0], index.targets[phrase]
            reason = f"“{phrase[k]}”误作“{window[k]}”，{entry.kind}应为“{phrase}”。"
            hits.append(Hit("PR012", start, start + len(phrase), window, phrase, reason, entry.severity))
    return hits


def _begins(tries, at_tails: bool, phrases: list[str], tried=()):
    """Yield (where the phrase would begin, phrase number) for the phrases of the *tries* at each window start: a
    window of the tails (*at_tails*) ends where a phrase of the tails does, then (as every window) starts a phrase
    of the heads, unless its start is one of *tried* (those were yielded as a window of the heads: the same
    again would change nothing). (Two phrases found at one place keep this order, the order of the tables and
    their ways.)"""
    for start, (by_heads, by_tails) in tries:
        if at_tails:
            for n in map(ord, by_tails):
                yield start + 4 - len(phrases[n]), n
        if start not in tried:
            for n in map(ord, by_heads):
                yield start, n


def _tries(windows: list[str], index: Index) -> list[tuple[str, str]]:
    """Return, for each window of four characters, the phrases (numbers as characters) whose first four stand-ins
    (heads) or last four (tails) are the window's, by sound then by shape: (heads, tails), or () for none."""
    def judge(new: list[str]) -> list[tuple[str, str]]:
        anchors, alike = index.anchors, lexicon.alike()
        sounds = list(map(str.translate, new, repeat(alike.sound)))
        shapes = list(map(str.translate, new, repeat(alike.shape)))
        judged = [()] * len(new)
        # most windows are no phrase's four stand-ins either way: told apart in C, only the others reach Python
        found = map(or_, _known(anchors.heads, sounds, shapes), _known(anchors.tails, sounds, shapes))
        for k in compress(range(len(new)), found):
            judged[k] = _phrases_at(new[k], sounds[k], shapes[k], anchors)
        return judged
    return _remembered(windows, index.near, judge)


def _known(table: dict[str, str], sounds: list[str], shapes: list[str]):
    """Whether each of *sounds*, or the shape stand-ins in the same place, is a key of *table* (looked up in C)."""
    return map(or_, map(table.__contains__, sounds), map(table.__contains__, shapes))


def _phrases_at(window: str, sound: str, shape: str, anchors: Anchors) -> tuple[str, str]:
    """Return the phrases of the heads and of the tails of *window*, whose stand-ins are *sound* and *shape*
    (see ``_tries``), or () for none."""
    shape = shape if shape != sound else None  # no character of a shape group: looked up once
    # a phrase both ways round is tried once (the test is the same); a phrase of four characters that is the
    # window itself is written right there
    heads = "".join(n for n in anchors.heads.get(sound, "") if anchors.phrases[ord(n)] != window)
    heads += "".join(n for n in anchors.heads.get(shape, "") if n not in heads and anchors.phrases[ord(n)] != window)
    tails = anchors.tails.get(sound, "")
    tails += "".join(n for n in anchors.tails.get(shape, "") if n not in tails)
    return (heads, tails) if heads or tails else ()


def _pattern_hits(text: str, index: Index) -> list[Hit]:
    pattern, entries = joined(index.rules)
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text):
        entry = entries[int(match.lastgroup[1:])]
        right = _expand(match, entry.right)
        hits.append(Hit(_CODES.get(entry.kind, "PR008"), match.start(), match.end(), match.group(0), right,
                        entry.reason, entry.severity, advice=_is_advice(entry.right)))
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


def _non_words(text: str, pieces: list[str], starts: list[int], index: Index) -> list[Hit]:
    """Return two-character non-words one alike character away from a frequent word (the derived 疑似词 list, its
    pairs at *starts*), standing alone: no word covers or overlaps them, they are no word of the genre (补充词),
    and they are not part of a doubling, of an A?A? phrase, of a verb with 不 and its result (摆不上), a measure
    after a number, a list of coined pairs or a short name in quotes."""
    hits = []
    words = lexicon.words()
    for i in starts:
        pair = pieces[i]
        if pair not in index.dropped and pair not in words.added and _alone_in(text[max(0, i - 3):i + 5], min(i, 3)) \
                and not _doubled(text, i) and not _alternating(text, i) and not _potential(text, i) \
                and not _counted(text, i) and not _parallel(text, i) and not _whole_line(text, i) \
                and not _in_a_name(text, i):
            guess = _frequent_neighbour(pair, words)
            if guess:
                hits.append(Hit("PR013", i, i + 2, pair, guess, f"“{pair}”不是常用词，疑为“{guess}”。", "warning"))
    return hits


@functools.lru_cache(maxsize=ALONE_KEPT)
def _alone_in(window: str, i: int) -> bool:
    """``_alone`` of the pair at *i* in *window*, the text from three characters before it to four after (all
    that ``_alone`` reads), remembered: the same phrases recur from report to report."""
    return _alone(window, i, lexicon.words())


def _alone(text: str, i: int, words) -> bool:
    """Whether the pair at *i* is not part of a word of two to four characters around it."""
    for n in (2, 3, 4):
        for a in range(max(0, i - n + 1), i + 2):
            if a + n <= len(text) and (a, n) != (i, 2) and words.is_word(text[a:a + n]):
                return False
    return True


def _doubled(text: str, i: int) -> bool:
    """Whether the pair at *i* touches a doubled character (件件有, 事事有): the doubling is the word."""
    return (i > 0 and text[i - 1] == text[i]) or text[i + 1] == text[i + 2:i + 3]


def _alternating(text: str, i: int) -> bool:
    """Whether the pair at *i* is half of a phrase whose first and third characters are one (有大有小, 入脑入心,
    边学边改): the repeated character makes the phrase, its halves are no words."""
    return (i > 1 and text[i - 2] == text[i]) or text[i + 2:i + 3] == text[i]


#: What may follow 不 after a verb, saying what cannot be reached (摆不上, 落不实, 离不开, 跟不上, 说不清).
_RESULT_AFTER_NOT = "上下来去到好住开出起实完成动透够清懂了"


def _potential(text: str, i: int) -> bool:
    """Whether the pair at *i* is a verb and 不 before a result (摆不上): a verb phrase, no word and no slip."""
    return text[i + 1] == "不" and text[i + 2:i + 3] in tuple(_RESULT_AFTER_NOT)


#: Characters a name in quotes holds at most to be a coined name (“研途领航”, “税月留声”), not a quotation.
NAME_CHARS = 8


def _in_a_name(text: str, i: int) -> bool:
    """Whether the pair at *i* is inside a short name in quotes (开展“研途领航”活动): activities and brands are
    named on purpose, often by a pun on a word (研途 for 沿途); a known formulation misspelt is found as a near
    miss, not here."""
    start = text.rfind("“", max(0, i - NAME_CHARS + 1), i)
    end = text.find("”", i + 2, start + NAME_CHARS + 2) if start >= 0 else -1
    return end >= 0 and "”" not in text[start:i]


def _whole_line(text: str, i: int) -> bool:
    """Whether the pair at *i* is a line (a cell) by itself: a name (马伟), not running text."""
    return text[i - 1:i] in ("", "\n") and text[i + 2:i + 3] in ("", "\n")


def _counted(text: str, i: int) -> bool:
    """Whether the pair at *i* follows a number (120余人, 三项): a measure phrase, not a word."""
    return i > 0 and (text[i - 1].isdigit() or text[i - 1] in NUMERAL_CHARS)


def _parallel(text: str, i: int) -> bool:
    """Whether the pair at *i* is an item of a list of pairs sharing a character (学纪、知纪、明纪): coined on
    purpose."""
    # (within the pair's line: the cells of a report are joined by line breaks, which no rule crosses)
    before, after = text[max(0, i - 3):i - 1].rpartition("\n")[2], text[i + 3:i + 5].partition("\n")[0]
    return (text[i - 1:i] == "、" and bool(set(before) & set(text[i:i + 2]))) or \
        (text[i + 2:i + 3] == "、" and bool(set(after) & set(text[i:i + 2])))


def _frequent_neighbour(pair: str, words) -> str:
    """Return the most frequent word one alike character from *pair* (a word's rank: the place of its second
    character among its first character's, which the list keeps by frequency), or ""."""
    guesses = [pair[:k] + ch + pair[k + 1:] for k in (0, 1) for ch in lexicon.variants(pair[k])]
    frequent = [g for g in guesses if words.is_frequent(g)]
    return min(frequent, key=words.rank, default="")
