"""Rules of GB/T 15835-2011 (numbers), GB/T 15834-2011 (punctuation), units and arithmetic, as one regular
expression over a text plus a few checks that need the whole sentence.

Each rule has a code, a severity and a replacement the user can accept as written (or advice where no single
replacement exists).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from itertools import repeat

from ..numerals import BELOW_TEN_THOUSAND, CHINESE_DIGITS, chinese_numeral
from ..patterns import behind_lookahead, compiled
from .scan import Hit

_CN = BELOW_TEN_THOUSAND
_DIGIT = {c: i for i, c in enumerate(CHINESE_DIGITS)} | {"〇": 0, "两": 2}
_MEASURES = "次个名人项场篇件户条家期批轮届"
#: Counts worth writing in Arabic numerals (届 also names sessions: 十九届). 个 counts from 20 on: below, it
#: also names fixed expressions (十个明确, 十四个坚持). 支 counts teams (二支突击队), not 二支部 (a name).
_COUNTED = "次名人项场篇件户条家期批轮部台座份笔起封节辆所处个支"
_NOT_AFTER = rf"(?![{_CN}]|(?<=支)部)"
#: The least count written in Chinese that is found, by measure word (the rest: 10).
_LEAST = {"个": 20}


def chinese_number(text: str) -> int | None:
    """Return the value of a Chinese numeral up to the thousands (十二 → 12, 一百零五 → 105), or None."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (digit if digit is not None else 1) * unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def _count(m: re.Match) -> str | None:
    value, unit = chinese_number(m.group("cn")), m.group("unit")
    return f"{value}{unit}" if value is not None and value >= _LEAST.get(unit, 10) else None


def _date(m: re.Match) -> str:
    y, mo, d = m.group("y"), m.group("mo"), m.group("d")
    return f"{y}年{int(mo)}月" + (f"{int(d)}日" if d else "")


def _year2(m: re.Match) -> str:
    return f"20{m.group('yy') or m.group('yy2')}年"


_UNIT_WORDS = {"㎡": "平方米", "㎞": "千米", "㎏": "千克", "㎝": "厘米", "㎜": "毫米", "℃": "摄氏度", "㎥": "立方米",
               "m²": "平方米", "m2": "平方米", "km": "千米", "kg": "千克", "KM": "千米", "KG": "千克", "h": "小时",
               "min": "分钟"}

#: (name, code, severity, pattern, replacement: str template or function of the match, reason)
_RULES: list[tuple[str, str, str, str, str | Callable[[re.Match], str | None], str]] = [
    ("count", "PR016", "warning",
     rf"(?<![第{_CN}几数])(?P<cn>[一二三四五六七八九两]?[十百千][{_CN}]*)"
     rf"(?![几余多来届大中])(?P<unit>[{_COUNTED}]){_NOT_AFTER}", _count,
     "统计意义上的计数用阿拉伯数字（GB/T 15835—2011 第4.1条）。"),
    ("two", "PR016", "warning", rf"(?<![第{_CN}几数])二(?P<unit2>[{_COUNTED}]){_NOT_AFTER}",
     lambda m: "2" + m.group("unit2"), "计数用阿拉伯数字，口语中也说“两”而不说“二”（GB/T 15835—2011 第4.1条）。"),
    ("fixed", "PR017", "error",
     r"第(?P<num>[0-9]{1,2})(?=责任人|书记|议题|要务|生产力|动力)|党的(?P<num2>[0-9]{2})大"
     # a numbered formulation only with its own number: 8个服务平台, 12个服务站, 选出5个代表 are counts
     r"|中央(?P<num3>[0-9])项规定|(?<![0-9.．])(?P<num4>4个(?:意识|自信|全面|伟大|服务)|2个(?:维护|确立|结合|务必)"
     r"|3个(?:代表|务必)|6个必须)"
     r"|(?P<num5>[0-9])学(?P<num6>[0-9])做|(?P<num7>[0-9])岗双责|(?P<num8>[0-9])严(?P<num9>[0-9])实"
     r"|(?:十[五六七八九]|二十|[0-9]{2})届[0-9一二三四五六七八九]中全会(?<![^0-9]届[一二三四五六七八九]中全会)",
     lambda m: _fixed_any(m), "固定表述、缩略语中的数字用汉字（GB/T 15835—2011 第5.2条）。"),
    ("dotdate", "PR018", "error",
     r"(?<![0-9.])(?P<y>(?:19|20)[0-9]{2})[.．/-](?P<mo>1[0-2]|0?[1-9])(?:[.．/-](?P<d>3[01]|[12][0-9]|0?[1-9]))?"
     r"(?![0-9.．/])", _date, "公文中的日期写作“2024年1月10日”，不用圆点或斜线（GB/T 15835—2011 第5.1.2条）。"),
    # a year of two digits before what follows a year, or opening a paragraph before a comma (23年，我…)
    ("year2", "PR018", "warning",
     r"(?<![0-9０-９.〔\[［(（第近约共达])(?P<yy>[12][0-9])年(?=度|[0-9]{1,2}月|[上下]半年|[初底末]|工作|已|被)"
     r"|(?<![^\n])(?P<yy2>[12][0-9])年(?=，)", _year2,
     "年份写全四位，不简写为两位（GB/T 15835—2011 第5.1.2条）。"),
    # after a figure (320h, 1800万kg), or a symbol no word holds (㎡)
    ("symbol", "PR019", "warning",
     r"(?<=[0-9万亿千])(?:㎡|㎞|㎏|㎝|㎜|℃|㎥|m²|m2|km|kg|KM|KG|h|min)(?![A-Za-z0-9])|[㎡㎞㎏㎝㎜℃㎥]",
     lambda m: _UNIT_WORDS[m.group(0)], "行文中的计量单位用中文名称，不用符号。"),
    ("straight", "PR020", "error", r"\"[^\"\n]{1,40}\"|'[^'\n]{1,20}'",
     lambda m: "“" + m.group(0)[1:-1] + "”", "中文用弯引号“”，不用直引号（GB/T 15834—2011 第4.1条）。"),
    ("ellipsis", "PR020", "error", r"\.{3,6}|。{2,}(?=[^。]|$)|(?<!…)…(?!…)|(?<![…])…{3,}", "……",
     "省略号写作“……”（两个三连点，GB/T 15834—2011 第4.11条）。"),
    ("titlemark", "PR020", "warning",
     r"《(?P<t>[^《》]{2,20}(?:活动|行动|工程|会议|座谈会|大会|比赛|竞赛|主题党日|专项整治|培训班|岗|服务队|品牌))》"
     # or a name the word after it says is an activity or a brand: 《安全生产月》活动, 《金融为民》党建品牌
     r"|《(?P<t3>[^《》]{2,20})》(?=(?:党建|服务|工作)?(?:品牌|活动|行动|工程|项目|竞赛|比赛|主题党日|志愿服务))",
     lambda m: "“" + (m.group("t") or m.group("t3")) + "”", "书名号只用于书名、文件名等作品名称，活动、会议名称可用引号（GB/T 15834—2011 第4.15条）。"),
    ("quotetitle", "PR020", "warning",
     r"(?<![《〈])“(?P<t2>(?:中国共产党|中华人民共和国|关于)[^“”]{2,40}(?:条例|办法|规定|准则|意见|通知|决定|决议|规则|章程|纲要|细则)"
     r"(?:（试行）)?)”", lambda m: "《" + m.group("t2") + "》", "文件名称用书名号《》（GB/T 15834—2011 第4.15条）。"),
]


def _fixed_any(m: re.Match) -> str:
    written = re.sub(r"[0-9]{1,2}", lambda d: chinese_numeral(int(d.group(0))), m.group(0))
    return written.replace("二个", "两个")  # 两个维护, never 二个


_BY_NAME = {rule[0]: rule for rule in _RULES}


#: A match starting with one of these characters goes on with one of the characters given, as the rules say
#: (fixed: 党的, 中央, 第1…; ellipsis: 。。; quotetitle: “中国共产党/“中华…/“关于; count: 一十…, never 一 alone):
#: where such a character stands without it (most of a report's 党, 。 and 一), no rule is tried.
_GOES_ON = {"党": "的", "中": "央", "第": "0123456789", "。": "。", "“": "中关", **dict.fromkeys("一三四五六七八九两", "十百千")}


@functools.cache
def _joined() -> re.Pattern:
    """The rules as one pattern, compiled on first use (not at import: `shuzhi check` may not need it).

    Its classes of scattered Chinese characters are most of its 2.6 ms to compile (CPython builds a 64K-character
    map for each, ~70 us). Spelt as alternatives that re keeps as a branch (a never-matching one stops the parser
    folding them back), they compile 0.6 ms faster but match 15% slower: a loss after ~200 reports a process."""
    alternatives = "|".join(f"(?P<{name}>{pattern})" for name, _, _, pattern, _, _ in _RULES)
    by_after: dict[str, str] = {}
    for first, after in _GOES_ON.items():
        by_after[after] = by_after.get(after, "") + first
    stands_alone = "|".join(f"[{firsts}](?![{after}])" for after, firsts in by_after.items())
    return re.compile(behind_lookahead([pattern for _, _, _, pattern, _, _ in _RULES],
                                       f"(?!{stands_alone})(?:{alternatives})"))


def standard_hits(text: str) -> list[Hit]:
    """Return the number, date, unit and punctuation hits of *text*."""
    hits = []
    for m in _joined().finditer(text):
        name = m.lastgroup
        _, code, severity, _, replace, reason = _BY_NAME[name]
        sub = _Sub(m, name)
        right = replace if isinstance(replace, str) else replace(sub)
        if right is not None:
            hits.append(Hit(code, m.start(), m.end(), m.group(0), right, reason, severity))
    if "元" in text or "米" in text or "公里" in text:
        hits += _mixed_units(text)
    return hits + arithmetic_hits(text)


class _Sub:
    """The part of a joined match that one rule matched, with its own groups by name."""

    def __init__(self, match: re.Match, name: str):
        self._match, self._name = match, name

    def group(self, key: str | int = 0) -> str:
        if key == 0:
            return self._match.group(self._name)
        try:
            return self._match.group(key)
        except IndexError:
            return ""


#: Patterns are kept as text and compiled on first use (see patterns.compiled).
_SUM_UNITS = r"[0-9]+(?:\.[0-9]+)? ?(万元|亿元|元)"
_DISTANCE = r"[0-9]+(?:\.[0-9]+)? ?(公里|千米)"


def _mixed_units(text: str) -> list[Hit]:
    """Money in 万元 and 亿元 within one sentence about a sum, or 公里 beside 千米 in one text."""
    hits = []
    for base, body in _sentences_with(text, _SUM_UNITS):
        units = [(m, m.group(1)) for m in compiled(_SUM_UNITS).finditer(body)]
        if len({u for _, u in units}) > 1 and compiled("共|合计|总计|累计|其中|总额|总投资").search(body):
            first = units[0][1]
            for m, unit in units:
                if unit != first:
                    hits.append(Hit("PR019", base + m.start(1), base + m.end(1), unit, first,
                                    f"同一组金额的单位应统一，前面用的是“{first}”。", "warning"))
    distances = [(m, m.group(1)) for m in compiled(_DISTANCE).finditer(text)]
    if len({u for _, u in distances}) > 1:
        first = distances[0][1]
        hits += [Hit("PR019", m.start(1), m.end(1), u, first, f"同一文中长度单位应统一，前面用的是“{first}”。",
                     "warning") for m, u in distances if u != first]
    return hits


#: What ends a sentence; a text's sentences are the stretches between them.
_STOPS = "。；！？\n"


def _sentences_with(text: str, pattern: str):
    """Yield (start, sentence) of each sentence of *text* in which *pattern* (which never matches across a stop)
    matches, in order: found from the matches, since most sentences of a report hold none."""
    end = -1
    for m in compiled(pattern).finditer(text):
        if m.start() < end:  # in the sentence just yielded
            continue
        start = max(map(text.rfind, _STOPS, repeat(0), repeat(m.start()))) + 1
        stop = compiled(f"[{_STOPS}]").search(text, m.end())
        end = stop.start() if stop else len(text)
        yield start, text[start:end]


#: A figure and its unit: 人次, 万元, 亿元 or one Chinese character. The unit is matched as any letter (a class of
#: all Chinese characters takes 0.5 ms to compile, [^\W\d_] 0.02) and kept only when Chinese (``_figures``): at a
#: figure followed by another letter the Chinese-only pattern matches nowhere either, so the same figures are found.
_FIGURE = r"(?P<n>[0-9]+(?:\.[0-9]+)?) ?(?P<u>人次|万元|亿元|[^\W\d_])"
_PERCENT = (r"(?P<lead>率|占比|比例|占|比重|增长|增加|提高|上升|下降|减少|降低)(?:为|达到?|是|了)? ?"
            r"(?P<p>[0-9]+(?:\.[0-9]+)?) ?[%％]")
_TOTAL_WORDS = r"共计|合计|总计|累计|总共|共"
#: Parts named by an attribute (其中女党员12名、少数民族党员3名) are subsets, not a partition: falling short of the
#: total is then no slip.
_SUBSET = r"女|少数民族|岁|以下|以上|学历|大专|本科|研究生|硕士|博士|退休|流动|困难|老党员|青年"
#: A sentence can hold arithmetic only with one of these.
_ARITHMETIC = "[%％共]|其中|合计|总计|累计"


def arithmetic_hits(text: str) -> list[Hit]:
    """Return percentages that follow from neither the ratio nor the change of the two figures before them, and
    parts that exceed or fall short of the total stated."""
    hits = []
    for base, sentence in _sentences_with(text, _ARITHMETIC):
        for m in compiled(_PERCENT).finditer(sentence):
            hits += _percent(m, sentence, base)
        hits += _parts(sentence, base)
    return hits


def _figures(text: str) -> list[re.Match]:
    """Return the figures of *text* with their units (see _FIGURE)."""
    return [m for m in compiled(_FIGURE).finditer(text) if "\u4e00" <= m.group("u")[0] <= "\u9fff"]


def _percent(m: re.Match, sentence: str, base: int) -> list[Hit]:
    """The percentage *m* of *sentence* against the last two figures of one unit before it: b/a, or (b-a)/a for a
    change. A rate (办结率) is of those figures only where its name takes up words of theirs (办结136个)."""
    figures = _figures(sentence[:m.start("p")])
    same = [f for f in figures if f.group("u") == figures[-1].group("u")] if figures else []
    if len(same) < 2 or m.group("lead") == "率" and not _names_either(sentence, m.start("lead"), same[-2:]):
        return []
    x, y = (float(f.group("n")) for f in same[-2:])
    p, decimals = float(m.group("p")), len(m.group("p").partition(".")[2])
    change = m.group("lead") in ("增长", "增加", "提高", "上升", "下降", "减少", "降低")
    # a change: between the two figures (b-a)/a, or the second is the change itself and the first the figure
    # after it ("余额18.6亿元，较年初增加1.2亿元，增长6.9%": 1.2 ÷ (18.6 - 1.2)) or before it (a decrease)
    candidates = ([abs(x - y) / y * 100, abs(x - y) / x * 100, y / (x + y) * 100]
                  + ([y / (x - y) * 100] if x > y else []) if change and x and y
                  else [min(x, y) / max(x, y) * 100] if max(x, y) else [])
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    if not candidates or any(abs(c - p) <= tolerance for c in candidates):
        return []
    right = round(candidates[0], max(decimals, 1))
    how = f"（{x:g}与{y:g}之差÷{y:g}）" if change else f"（{min(x, y):g}÷{max(x, y):g}）"
    return [Hit("PR021", base + m.start("p"), base + m.end("p") + 1, m.group("p") + "%", f"{right}%",
                f"百分比与前面的数字不符{how}≈{right}%。", "error")]


#: Marks that end a clause: a rate's name, and the words counted by a figure, stand between one and the next.
_CLAUSE = "，,；;：:、"


def _names_either(sentence: str, rate: int, figures: list[re.Match]) -> bool:
    """Whether the name of the rate ending at *rate* (满意率, 按时办结率) shares two characters with the words
    before one of *figures* in its clause (满意1146份, 按时办结1031件): 党员参加组织生活率 after 支委会12次 and
    主题党日12次 is no ratio of theirs."""
    name = sentence[max(map(sentence.rfind, _CLAUSE, repeat(0), repeat(rate))) + 1:rate]
    clauses = [sentence[max(map(sentence.rfind, _CLAUSE, repeat(0), repeat(f.start()))) + 1:f.start()] for f in figures]
    return any(name[k:k + 2] in clause for k in range(len(name) - 1) for clause in clauses)


def _parts(sentence: str, base: int) -> list[Hit]:
    """A total and its parts in one sentence: "共20次，其中…4次、…6次" or "…3项、…5项，共计8项"."""
    figures = _figures(sentence)
    at = sentence.find("其中")
    if at >= 0:
        before = [f for f in figures if f.end() <= at]
        if not before:
            return []
        total = before[-1]
        parts = [f for f in figures if f.start() > at and f.group("u") == total.group("u")]
        closing = compiled(_TOTAL_WORDS).search(sentence, at)
        if closing:  # "其中…4人、…3人，共计6人": the total is stated again after the parts
            parts = [f for f in parts if f.start() < closing.start()]
    else:
        closing = compiled(_TOTAL_WORDS).search(sentence)
        after = [f for f in figures if closing and f.start() > closing.end()]
        if not closing or not after:
            return []
        total = after[0]
        parts = [f for f in figures if f.end() <= closing.start() and f.group("u") == total.group("u")]
    if len(parts) < 2 or compiled("等|以上|余|多").search(sentence):
        return []
    whole, summed = float(total.group("n")), sum(float(f.group("n")) for f in parts)
    if abs(summed - whole) < 1e-9 or (summed < whole
                                      and compiled(_SUBSET).search(sentence[at:] if at >= 0 else sentence)):
        return []
    # the slip may be in the total or in any part: the finding covers them all
    unit, start, end = total.group("u"), min(total.start(), parts[0].start()), max(total.end(), parts[-1].end())
    return [Hit("PR022", base + start, base + end, sentence[start:end], "核对总数和各分项，使之相符",
                f"分项之和为{summed:g}{unit}，与总数{whole:g}{unit}不符。", "error" if summed > whole else "warning",
                advice=True)]
