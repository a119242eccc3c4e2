"""The rules the checks apply: shipped defaults (defaults.toml) overridden or extended by a committee's file."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from .. import schema
from ..errors import ShuzhiError, clipped
from ..limits import MAX_RULES_BYTES, megabytes
from ..numerals import NUMBERINGS
from ..outline import Heading, Outline

#: The default rules, shipped beside this module (importlib.resources would add ~1.4 ms of imports to every check).
DEFAULTS = Path(__file__).with_name("defaults.toml")
PERIODS = {"月": "month", "month": "month", "季度": "quarter", "quarter": "quarter", "年": "year", "year": "year"}
_OPERATORS = {"<=": "<=", "≤": "<=", ">=": ">=", "≥": ">=", "<": "<", ">": ">", "=": "=", "==": "="}
#: Names hold no comparison sign: "甲 <=" or "<= 乙" is a mistake, not a relation with a name "=" or "<".
_RELATION = re.compile(r"^([^<>=≤≥]+?)\s*(<=|>=|==|≤|≥|<|>|=)\s*([^<>=≤≥]+)$")
_KIND = object()  # spec key: any ledger kind of the schema
_HEADING = {"name": str, "title": str, "variants": [str], "required": bool, "limit": int, "numbering": str}
_SPEC = {
    "disable": [str],
    "ledger": {"frequency": {_KIND: {"per": str, "min": int}}, "aliases": {_KIND: [str]}},
    "metrics": {"relations": [str], "count_units": [str]},
    "proofreading": {"words": [{"wrong": str, "right": str, "reason": str, "severity": str}],
                     "formulations": [{"pattern": str, "right": str, "reason": str, "severity": str}],
                     "phrases": [str], "remove": [str]},
    "length": {"total": int, "work": int, "problems": int, "plans": int},
    "outline": {"parts": [_HEADING | {"sections": [_HEADING]}]},
}
_TYPE_NAMES = {str: "文字（加英文双引号）", int: "整数", bool: "true 或 false"}
#: A proofreading entry's severity as the rules file writes it.
SEVERITIES = {"错误": "error", "疑似": "warning", "提示": "info"}
T = TypeVar("T")


class Frequency(NamedTuple):
    """At least *min* activities of a kind in each *per* (month, quarter or year)."""

    per: str
    min: int


class Replacement(NamedTuple):
    """A wrong form (compiled) and what to write instead; *right* may use \\g<0> for the text found."""

    pattern: re.Pattern
    right: str
    reason: str
    severity: str = "error"


class Relation(NamedTuple):
    """sum(left) <op> sum(right) over metric names, as written in the rules file."""

    left: tuple[str, ...]
    op: str
    right: tuple[str, ...]
    text: str


class _Values(NamedTuple):
    disable: frozenset[str]
    frequency: dict[str, Frequency]
    aliases: dict[str, tuple[str, ...]]
    relations: tuple[Relation, ...]
    count_units: frozenset[str]
    words: tuple[Replacement, ...]
    formulations: tuple[Replacement, ...]
    length: dict[str, int]
    #: more 规范表述 to find written with one character wrong, and shipped entries (wrong forms, phrases or
    #: patterns) to drop
    phrases: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    #: the 提纲 templates start from and checks and consolidation measure against
    outline: Outline = Outline(())


class Rules(_Values):
    """Every configurable value of the checks (a named tuple of them), and what the checks derive from them."""

    @functools.cached_property
    def required_kinds(self) -> list[str]:
        """Return the ledger kinds with a frequency to meet (min above 0), in the schema's order."""
        return [kind for kind in schema.LEDGER_KINDS if kind in self.frequency and self.frequency[kind].min > 0]

    def derived(self, make: Callable[[Rules], T]) -> T:
        """Return ``make(self)``, worked out on the first call only: what a check builds from the rules (a pattern
        of their names…) is built once, not once a report. Kept under *make* itself, so pass a module-level
        function (a lambda made afresh at each call would never be found again). ``_replace`` gives rules that work
        it out afresh."""
        made = self.__dict__
        if make not in made:
            made[make] = make(self)
        return made[make]

    def __getstate__(self) -> None:
        """Pickled and copied as the values alone: what was derived (compiled patterns…) is worked out afresh."""
        return None


#: A committee's rules file: used for a workbook in the same folder (and for a folder being consolidated)
#: whenever no other rules file is named; without one the shipped defaults apply.
RULES_FILE = "规则.toml"


def rules_file(folder: Path | None, named: str | Path | None = None) -> Path | None:
    """Return the rules file that applies: the *named* one, else RULES_FILE in *folder* when there is one."""
    if named:
        return Path(named)
    beside = folder / RULES_FILE if folder is not None else None
    return beside if beside is not None and beside.is_file() else None


def rules_for(folder: Path | None, named: str | Path | None = None) -> tuple[Rules, Path | None]:
    """Return the rules to apply and the file they came from (None: the defaults), as ``rules_file`` finds it.
    A file that cannot be used raises ShuzhiError saying where it is."""
    path = rules_file(folder, named)
    if path is None:
        return load_rules(), None
    try:
        return load_rules(path), path
    except ShuzhiError as exc:
        if not path.is_file():  # the message already names the missing file
            raise
        raise ShuzhiError(f"{exc}\n规则文件位置：{path}") from None
    except OSError as exc:
        raise ShuzhiError(f"无法读取规则文件“{path}”（{exc.strerror or exc}）。请关闭占用它的程序后重试。") from None


def rules_line(path: Path | None) -> str:
    """Return the line telling the user which rules were applied."""
    if path is None:
        return f"检查规则：内置默认规则（文件夹中没有“{RULES_FILE}”）。"
    return f"检查规则：{path}"


def load_rules(path: str | Path | None = None) -> Rules:
    """Return the default rules, overridden and extended by the TOML file at *path* when given."""
    if path is None:
        return _defaults()
    return _build([_default_data(), _read(Path(path))], Path(path).name)


@functools.cache
def _defaults() -> Rules:
    return _build([_default_data()], DEFAULTS.name)


@functools.cache
def _default_data() -> dict:
    return tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))


def _read(path: Path) -> dict:
    if not path.is_file():
        raise ShuzhiError(f"规则文件“{path}”不存在。请检查路径和文件名。")
    if path.stat().st_size > MAX_RULES_BYTES:  # before it is read: a stray large file
        raise ShuzhiError(f"规则文件“{path.name}”过大（超过 {megabytes(MAX_RULES_BYTES)}），不像是规则文件。"
                          "请确认选择的文件。")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ShuzhiError(f"规则文件“{path.name}”格式有误（{exc}）。请按 TOML 格式书写。") from None
    except (RecursionError, ValueError):  # tomllib: lists or tables nested thousands deep, an integer of 4,300+ digits
        raise ShuzhiError(f"规则文件“{path.name}”格式有误（嵌套过深或数字过长）。请按 TOML 格式书写。") from None
    _validate(data, _SPEC, "", path.name)
    return data


def _validate(data: object, spec: object, where: str, name: str) -> None:
    """Raise ShuzhiError naming the first key of *data* that *spec* does not allow, or the first wrong type."""
    if isinstance(spec, dict):
        if not isinstance(data, dict):
            raise ShuzhiError(f"规则文件“{name}”中“{where}”应为一个表（[{where}]）。")
        for key, value in data.items():
            sub = spec.get(key, spec.get(_KIND) if key in schema.LEDGER_KINDS else None)
            path = f"{where}.{key}" if where else key
            if sub is None:
                known = "、".join(k if isinstance(k, str) else "活动类型名称" for k in spec)
                raise ShuzhiError(f"规则文件“{name}”中有未知的设置项“{path}”。此处可用的设置项：{known}。")
            _validate(value, sub, path, name)
    elif isinstance(spec, list):
        if not isinstance(data, list):
            raise ShuzhiError(f"规则文件“{name}”中“{where}”应为一个列表（[...]）。")
        for index, item in enumerate(data, start=1):
            _validate(item, spec[0], f"{where}[{index}]", name)
    elif not isinstance(data, spec) or (isinstance(data, bool) and spec is not bool):
        raise ShuzhiError(f"规则文件“{name}”中“{where}”应为{_TYPE_NAMES[spec]}。")


def _build(layers: list[dict], name: str) -> Rules:
    """Return Rules from *layers* applied in order: later tables replace earlier entries with the same key."""
    disable: set[str] = set()
    frequency, aliases, relations, words, formulations, length = {}, {}, {}, {}, {}, {}
    units: list[str] = []
    phrases: dict[str, None] = {}
    remove: dict[str, None] = {}
    outline = Outline(())
    for index, data in enumerate(layers):
        disable |= {code.strip().upper() for code in data.get("disable", [])}
        ledger = data.get("ledger", {})
        for kind, value in ledger.get("frequency", {}).items():
            frequency[kind] = _frequency(kind, value, name)
        aliases.update({kind: _aliases(kind, names, name) for kind, names in ledger.get("aliases", {}).items()})
        metrics = data.get("metrics", {})
        relations.update({text: _relation(text, name) for text in metrics.get("relations", [])})
        units = metrics.get("count_units", units)
        proofreading = data.get("proofreading", {})
        for entry in proofreading.get("words", []):
            words[entry.get("wrong", "")] = _replacement(entry, re.escape(entry.get("wrong", "")), "wrong", name)
        for entry in proofreading.get("formulations", []):
            formulations[entry.get("pattern", "")] = _replacement(entry, entry.get("pattern", ""), "pattern", name)
        phrases.update(dict.fromkeys(p.strip() for p in proofreading.get("phrases", []) if p.strip()))
        remove.update(dict.fromkeys(r.strip() for r in proofreading.get("remove", []) if r.strip()))
        length.update(data.get("length", {}))
        if "outline" in data:  # a 提纲 is replaced whole: a committee's is its own, not the default's plus more
            outline = Outline(tuple(_heading(part, "outline.parts", name, index > 0)
                                    for part in data["outline"].get("parts", [])), committee=index > 0)
    return Rules(frozenset(disable), frequency, aliases, tuple(relations.values()), frozenset(units),
                 tuple(words.values()), tuple(formulations.values()), length, tuple(phrases), tuple(remove),
                 outline)


def _heading(data: dict, where: str, name: str, committee: bool) -> Heading:
    """Return a 提纲 item; a committee's items are required unless marked otherwise."""
    if not str(data.get("name", "")).strip():
        raise ShuzhiError(f"规则文件“{name}”中“{where}”有一项没有 name（栏目名称），如 name = \"存在问题\"。")
    numbering = data.get("numbering", "")
    if numbering and numbering not in NUMBERINGS:
        raise ShuzhiError(f"规则文件“{name}”中“{data['name']}”的 numbering = \"{numbering}\" 不是可用的编号样式。"
                          "可用：" + "、".join(NUMBERINGS) + "。")
    return Heading(name=data["name"].strip(), title=data.get("title", "").strip(),
                   variants=tuple(v.strip() for v in data.get("variants", []) if v.strip()),
                   required=data.get("required", committee), limit=data.get("limit", 0), numbering=numbering,
                   sections=tuple(_heading(s, f"{where}.sections", name, committee)
                                  for s in data.get("sections", [])))


def _frequency(kind: str, value: dict, name: str) -> Frequency:
    per = PERIODS.get(str(value.get("per", "")).strip())
    if per is None or value.get("min", 1) < 0:
        raise ShuzhiError(f"规则文件“{name}”中“ledger.frequency.{kind}”应写成 {{ per = \"月\"、\"季度\" 或 \"年\", "
                          "min = 不小于 0 的整数 }。")
    return Frequency(per, value.get("min", 1))


def _aliases(kind: str, names: list[str], name: str) -> tuple[str, ...]:
    # An empty name would match before any count in the text ("开展活动12次") and stand for no kind.
    if not all(alias.strip() for alias in names):
        raise ShuzhiError(f"规则文件“{name}”中“ledger.aliases.{kind}”有空的名称。请删去空的 \"\"。")
    return tuple(alias.strip() for alias in names)


def _relation(text: str, name: str) -> Relation:
    match = _RELATION.match(text.strip())
    sides = [tuple(n.strip() for n in side.split("+")) for side in match.group(1, 3)] if match else []
    if not match or not all(n for side in sides for n in side):
        raise ShuzhiError(f"规则文件“{name}”中的关系“{text}”无法识别。请写成“已到位资金 <= 签约总投资”"
                          "或“内资项目数 + 外资项目数 = 招商引资项目数”。")
    return Relation(sides[0], _OPERATORS[match.group(2)], sides[1], text.strip())


def _replacement(entry: dict, pattern: str, key: str, name: str) -> Replacement:
    if not entry.get(key) or "right" not in entry:
        raise ShuzhiError(f"规则文件“{name}”中的校对条目缺少“{key}”或“right”：{entry}")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ShuzhiError(f"规则文件“{name}”中的表达式“{pattern}”有误（{exc}）。") from None
    except (RecursionError, OverflowError):  # groups nested thousands deep, a repeat count past re's limit
        raise ShuzhiError(f"规则文件“{name}”中的表达式“{clipped(pattern)}”过于复杂（嵌套过深或重复次数过大）。") from None
    if compiled.search(""):
        raise ShuzhiError(f"规则文件“{name}”中的表达式“{pattern}”能匹配空文字，会在每一段都报错。"
                          "请检查是否多写了“|”或漏写了内容。")
    if _repeats_a_repeat(pattern):
        raise ShuzhiError(f"规则文件“{name}”中的表达式“{clipped(pattern)}”把含有重复的分组再重复（如 (党+)+），"
                          "遇到相近的文字时可能很久都查不完。请去掉其中一层重复，如写成“党+”。")
    if key == "pattern":  # a formulation's right is a template expanded with the match; a word's is literal
        _check_template(compiled, entry["right"], name)
    severity = SEVERITIES.get(entry.get("severity", "错误" if key == "wrong" else "疑似"))
    if severity is None:
        raise ShuzhiError(f"规则文件“{name}”中校对条目的 severity 应为“错误”“疑似”或“提示”：{entry}")
    return Replacement(compiled, entry["right"], entry.get("reason", ""), severity)


#: A repeat without an upper bound: *, + or {n,} (what may follow it, ? or +, changes nothing here).
_UNBOUNDED = r"[*+]|\{\d*,\}"


def _repeats_a_repeat(pattern: str) -> bool:
    """Return True when *pattern* (valid: compiled already) repeats without bound a group that holds a repeat
    without bound, as (党+)+ or (\\w+\\s?)*: on a text that almost matches, re tries every way of sharing the
    characters between the two repeats, exponentially many, and has no time limit (a rules file can come in
    through the web page). Kept simple: a pattern whose repeats a character keeps apart ((\\d+、)+, quick) is
    refused too, and can be written without the outer repeat; other ambiguous forms ((a|aa)+) are not looked for."""
    repeat = re.compile(_UNBOUNDED)
    holds = [False]  # per open group (the pattern itself first): whether it holds an unbounded repeat
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":  # an escaped character or a class such as \w: one item
            i += 2
        elif ch == "[":  # a class: its brackets and repeat signs are literal, a ] first in it too
            i += 2 if pattern.startswith("[^", i) else 1
            i += pattern[i] == "]"
            while pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
        elif ch == "(":
            holds.append(False)
            i += 1
        elif ch == ")":  # a repeat after it is the enclosing group's, read next
            inner = holds.pop()
            if inner and repeat.match(pattern, i + 1):
                return True
            holds[-1] = holds[-1] or inner
            i += 1
        elif found := repeat.match(pattern, i):
            holds[-1] = True
            i = found.end()
        else:
            i += 1
    return False


def _check_template(pattern: re.Pattern, right: str, name: str) -> None:
    """Raise ShuzhiError when *right* refers to a group *pattern* lacks or is otherwise not a valid template."""
    # A pattern of empty groups numbered and named like *pattern*'s always matches, so expanding against it
    # fails exactly when expanding a real match of *pattern* would.
    names = {index: group for group, index in pattern.groupindex.items()}
    probe = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1))
    try:
        re.match(probe, "").expand(right)
    except (re.error, IndexError) as exc:
        raise ShuzhiError(f"规则文件“{name}”中表达式“{pattern.pattern}”的替换写法 right = “{right}”有误（{exc}）。"
                          "只能引用表达式中已有的分组，如 \"\\\\g<0>\" 表示找到的文字（双引号中的反斜杠要写两个）。") from None
