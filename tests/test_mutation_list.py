"""The list of equivalent mutants (tools/mutation_equivalent.txt) names each mutant by its function and changed
lines, so that mutmut renumbering a function's mutants after an edit cannot make it skip a real survivor. Here:
the list still fits the code (cheaply: every line a listed mutant changes is still in its file; the script's
--check compares the full mutants), and the script's matching, on mutants written out by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("mutation_score", REPO / "tools" / "mutation_score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

FILE = "shuzhi_xl/report/lines.py"
WIDTH = "shuzhi_xl.report.lines.x_char_width"
ORIGINAL = '-    if unicodedata.east_asian_width(char) in "WFA":'
MUTANT = '+    if unicodedata.east_asian_width(char) in "XXWFAXX":'


def test_every_listed_mutant_changes_lines_its_file_still_has():
    listed = score.equivalents()
    assert len(listed) > 100 and all(e.reason and e.changed for e in listed)
    missing = []
    for entry in listed:
        path = REPO / score._file_of_module(score._module_of_function(entry.function))
        source = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
        if not all(line[1:].strip() in source for line in entry.changed if line.startswith("-")):
            missing.append(f"{entry.function}: {entry.changed[0]}")
    assert not missing, ("stale entries in tools/mutation_equivalent.txt (re-check each, then update or remove it; "
                         "`python tools/mutation_score.py --check` compares the mutants):\n" + "\n".join(missing))


def test_an_entry_is_its_function_reason_and_changed_lines(tmp_path, monkeypatch):
    listed = tmp_path / "equivalent.txt"
    listed.write_text(f"# note\n\n{WIDTH} a reason: with spaces\n    {ORIGINAL}\n    {MUTANT}\n"
                      f"{WIDTH} as above\n    -x\n    +y\n", encoding="utf-8")
    monkeypatch.setattr(score, "EQUIVALENT", listed)
    assert score.equivalents() == [score.Equivalent(WIDTH, (ORIGINAL, MUTANT), "a reason: with spaces"),
                                   score.Equivalent(WIDTH, ("-x", "+y"), "as above")]


def _entry(function: str = WIDTH, changed: tuple[str, ...] = (ORIGINAL, MUTANT)):
    return score.Equivalent(function, changed, "why")


def test_a_listed_mutant_is_found_by_its_lines_whatever_its_number():
    mutants = {f"{WIDTH}__mutmut_{n}": (WIDTH, ("-a", f"+b{n}")) for n in range(1, 6)}
    mutants[f"{WIDTH}__mutmut_9"] = (WIDTH, (ORIGINAL, MUTANT))  # was number 3 when listed
    assert score.match([_entry()], mutants, [FILE]) == ({f"{WIDTH}__mutmut_9"}, [])


def test_an_entry_matching_no_mutant_is_stale_and_skips_nothing():
    mutants = {f"{WIDTH}__mutmut_3": (WIDTH, (ORIGINAL, '+    if unicodedata.east_asian_width(char) in "WF":'))}
    edited = _entry()
    assert score.match([edited], mutants, [FILE]) == (set(), [edited])
    elsewhere = _entry("shuzhi_xl.report.lines.x_text_width")  # the same lines in another function
    assert score.match([elsewhere], {f"{WIDTH}__mutmut_3": (WIDTH, (ORIGINAL, MUTANT))}, [FILE]) == (set(), [elsewhere])


def test_an_entry_two_mutants_share_must_be_listed_twice():
    mutants = {f"{WIDTH}__mutmut_{n}": (WIDTH, (ORIGINAL, MUTANT)) for n in (3, 7)}  # the same line twice
    once = _entry()
    assert score.match([once], mutants, [FILE]) == (set(), [once])
    assert score.match([once, once], mutants, [FILE]) == (set(mutants), [])


def test_entries_of_files_not_run_are_left_alone():
    other = _entry("shuzhi_xl.checks.x_check")  # shuzhi_xl/checks/__init__.py
    assert score.match([other], {}, [FILE]) == (set(), [])
    assert score.match([other], {}, ["shuzhi_xl/checks/__init__.py"]) == (set(), [other])


@pytest.mark.parametrize("function, file", [
    ("shuzhi_xl.checks.x_check", "shuzhi_xl/checks/__init__.py"),
    ("shuzhi_xl.consolidate.run.xǁ_Foundǁcompact", "shuzhi_xl/consolidate/run.py"),
    (WIDTH, FILE),
])
def test_a_function_is_found_in_its_file(function, file):
    assert score._file_of_module(score._module_of_function(function)) == file
    assert score._module(file) == score._module_of_function(function)


#: A file as mutmut 3.8.1 writes it into mutants/ (trimmed): each function's original as NAME__mutmut_orig beside
#: its mutants, methods inside their class.
MUTATED = '''
def char_width(char):
    return _mutmut_trampoline(x_char_width__mutmut_orig, x_char_width__mutmut_mutants, char)


def x_char_width__mutmut_orig(char):
    """Width."""
    if unicodedata.east_asian_width(char) in "WFA":
        return 2
    return 1


def x_char_width__mutmut_1(char):
    """Width."""
    if unicodedata.east_asian_width(char) in "XXWFAXX":
        return 2
    return 1


class Lines:
    def xǁLinesǁwrap__mutmut_orig(self, text, width=40):
        return text[:width]

    def xǁLinesǁwrap__mutmut_1(self, text, width=41):
        return text[:width]
'''


def test_a_mutant_changes_the_lines_its_function_differs_in_from_the_original(tmp_path):
    (tmp_path / FILE).parent.mkdir(parents=True)
    (tmp_path / FILE).write_text(MUTATED, encoding="utf-8")
    wrap = "shuzhi_xl.report.lines.xǁLinesǁwrap"
    names = [f"{WIDTH}__mutmut_1", f"{wrap}__mutmut_1", "shuzhi_xl.report.text.x_other__mutmut_1"]
    assert score.read_changes(tmp_path, names, [FILE]) == {
        f"{WIDTH}__mutmut_1": (WIDTH, (ORIGINAL, MUTANT)),
        # as `mutmut show` prints it: named as in the source, the method's body one level in
        f"{wrap}__mutmut_1": (wrap, ("-def wrap(self, text, width=40):", "+def wrap(self, text, width=41):")),
    }
    with pytest.raises(SystemExit, match="__mutmut_2: not in the mutated file"):
        score.read_changes(tmp_path, [f"{WIDTH}__mutmut_2"], [FILE])
