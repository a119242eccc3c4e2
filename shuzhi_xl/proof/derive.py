"""Derive the compact word and reading lists shipped in data/ from jieba's and pypinyin's dictionaries.

Run ``python -m shuzhi_xl.proof.derive`` after upgrading either library (both MIT-licensed; only the test extra
installs them) or editing a list: it also writes the prebuilt index of all the lists (prebuilt.py). At run time
the tool reads the derived files, which load in a few milliseconds, instead of jieba's 350,000-line dictionary
(about a second) and pypinyin's tables (0.15 s).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..numerals import NUMERAL_CHARS
from . import lexicon, prebuilt

#: A word of the list: jieba's frequency at least this (rarer entries include many typos, e.g. 既往不究 3).
MIN_FREQ = {2: 2, 3: 20, 4: 20}
#: A 2-character word at least this frequent is "frequent": a non-word one character from it is suspect.
FREQUENT = 150
#: A two-character word at least this frequent has its sound- and look-alike non-words listed (疑似词.txt).
SUSPECT_FREQ = FREQUENT
#: A character of a two-character word at least this frequent is common: a slip is typed with a common one.
COMMON_FREQ = 1000
#: Idioms and set phrases (jieba tags i and l) at least this frequent are near-miss targets.
PHRASE_FREQ = 30
PER_LINE = 50
#: Pairs that are usually two words, never listed as suspects: a character that joins words (的, 和); a first
#: one that is a negation, preposition or adverb (不紧, 为国, 以学); a last one that is a place word (感上); a
#: numeral anywhere (“四有”, 两弹一星). 往实里走: a preposition too.
_FUNCTION = "的了和是在与及等对把被也都还就而或之这那些着过地得"
NOT_FIRST = set(_FUNCTION + NUMERAL_CHARS + "不没未无非为以向从于往朝给跟按照沿由自将让使每各本该其此很更最太较再又才只")
NOT_LAST = set(_FUNCTION + NUMERAL_CHARS + "上下中里内外们者")
#: A verb and the result it brings about form words freely (做实, 压实, 建强, 筑牢, 抓细): never suspects.
RESULT_VERBS, RESULTS = set("做抓压夯建筑管守落提练改查"), set("实细强优牢深严紧准好精全稳透足活")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


def jieba_rows() -> list[tuple[str, int, str]]:
    """Return jieba's dictionary entries written in Chinese characters only: (word, frequency, part-of-speech tag)."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, tag = (line.split() + [""])[:3]
        if _HAN.match(word):
            rows.append((word, int(freq), tag))
    return rows


def _lines(words: list[str]) -> list[str]:
    return [" ".join(words[i:i + PER_LINE]) for i in range(0, len(words), PER_LINE)]


def derive() -> dict[str, str]:
    """Return the derived files' names and texts."""
    import jieba
    import pypinyin
    from pypinyin import Style, lazy_pinyin

    rows = jieba_rows()
    source = f"# 由 jieba {jieba.__version__} 的词典（MIT 许可）导出，勿手工修改：python -m shuzhi_xl.proof.derive\n"
    words = sorted(((f, w) for w, f, _ in rows if MIN_FREQ.get(len(w), 10**9) <= f), key=lambda x: (-x[0], x[1]))
    pairs: dict[str, list[str]] = {}
    longer: dict[str, list[str]] = {}
    for f, w in words:
        if len(w) == 2:
            tails = pairs.setdefault(w[0], [])
            if f < FREQUENT and "|" not in tails:
                tails.append("|")
            tails.append(w[1])
        else:
            longer.setdefault(w[0], []).append(w[1:])
    phrases = sorted({w for w, f, tag in rows if len(w) >= 4 and tag in ("i", "l") and f >= PHRASE_FREQ})
    chars = sorted({ch for f, w in words for ch in w})
    by_sound: dict[str, list[str]] = {}
    for ch, reading in zip(chars, lazy_pinyin(chars, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda c: ["?"] * len(c))):
        by_sound.setdefault(reading, []).append(ch)
    suspects = _suspects(words, by_sound, {w for _, w in words if len(w) == 2})
    return {
        "疑似词.txt": source + f"# 不成词、与常用二字词（词频不低于 {SUSPECT_FREQ}）只差一个常用的同音（不论声调）或形近字的两字组合，"
                     "每行：首字 各组合的第二字。\n" + "\n".join(_by_first(suspects)) + "\n",
        "词表.txt": source + f"# 每行：首字 二字词的第二字（按词频降序，“|”前为词频不低于 {FREQUENT} 的常用词） 三、四字词的其余部分。\n"
                   + "\n".join(f"{c} {''.join(pairs.get(c, [])) or '-'} {' '.join(longer.get(c, []))}".rstrip()
                               for c in sorted(set(pairs) | set(longer))) + "\n",
        "成语.txt": source + f"# 四字及以上的成语、惯用语（词频不低于 {PHRASE_FREQ}），用于查找错一个字的近似写法。\n"
                   + "\n".join(_lines(phrases)) + "\n",
        "读音.txt": f"# 由 pypinyin {pypinyin.__version__}（MIT 许可）导出的常用字读音，每行：拼音（数字为声调） 同音字。\n"
                   + "\n".join(f"{r} {''.join(cs)}" for r, cs in sorted(by_sound.items()) if r != "?") + "\n",
    }


def _suspects(words: list[tuple[int, str]], by_sound: dict[str, list[str]], known: set[str]) -> list[str]:
    """Return the non-words one same-sounding (any tone: pinyin input ignores it) or look-alike character from a
    frequent word."""
    toneless = lexicon.toneless((r, "".join(chars)) for r, chars in by_sound.items())
    reading = {ch: r.rstrip("012345") for r, chars in by_sound.items() for ch in chars}
    shape = lexicon.shape_groups()
    frequent = [w for f, w in words if len(w) == 2 and f >= SUSPECT_FREQ]
    common = {ch for f, w in words if len(w) == 2 and f >= COMMON_FREQ for ch in w}  # not a rare character
    out = set()
    for word in frequent:
        for k in (0, 1):
            ch = word[k]
            for other in toneless.get(reading.get(ch, "?"), "") + shape.get(ch, ""):
                variant = word[:k] + other + word[k + 1:]
                if other != ch and other in common and variant not in known \
                        and variant[0] not in NOT_FIRST and variant[1] not in NOT_LAST \
                        and not (variant[0] in RESULT_VERBS and variant[1] in RESULTS):
                    out.add(variant)
    return sorted(out)


def _by_first(pairs: list[str]) -> list[str]:
    """Return one line per first character: it and the second characters of its *pairs*."""
    seconds: dict[str, str] = {}
    for pair in pairs:
        seconds[pair[0]] = seconds.get(pair[0], "") + pair[1]
    return [f"{first} {rest}" for first, rest in seconds.items()]


def main() -> None:
    for name, text in derive().items():
        (lexicon.DATA / name).write_text(text, encoding="utf-8")
        print(f"{name}: {len(text.splitlines())} 行")
    lexicon.readings.cache_clear()  # the index is built from the lists just written
    prebuilt.write()
    print(f"{prebuilt.FILE.name}: {prebuilt.FILE.stat().st_size} 字节")


if __name__ == "__main__":
    main()
