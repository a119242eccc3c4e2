"""Mutation score of the modules whose numbers the committee reads (issue 20), measured with mutmut.

    python tools/mutation_score.py                 # every target, one worker
    python tools/mutation_score.py report/lines.py checks/ledger.py --jobs 2
    python tools/mutation_score.py --check         # only: does every listed equivalent still match? (no tests)

Each target runs in a fresh copy of the working tree (mutmut rewrites the code it mutates into ``mutants/``),
against the tests that specify it; mutmut then runs, for each mutant, only those of them that reach the mutated
function. Prints killed / (mutants - listed equivalents) per target and every survivor with its diff. The
equivalent mutants (no test can tell them apart) are listed with the reason in tools/mutation_equivalent.txt, each
by its function and changed lines: mutmut numbers a function's mutants in order, so an edit renumbers them, and a
list by number would silently skip whatever real survivor took a listed number. An entry matching no mutant (or
fewer mutants than it is listed times) is stale: the script names it and stops before scoring.
mutmut is driven through its command line (`mutmut run`, `mutmut results`) and the files it writes (mutants/),
never through its modules, whose names change between releases.
Slow (minutes per target): run it before a release and after changing a target or its tests, not in CI.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator
from difflib import unified_diff
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.txt")
#: target → (files to mutate, tests that specify them). Render tests (LibreOffice) are left out: slow, and the
#: layout they check is decided by the code these tests already run.
TARGETS = {
    "checks": (["shuzhi_xl/checks/*.py"], ["tests/test_checks_*.py", "tests/test_rules_beside.py",
                                           "tests/test_ledger_periods.py", "tests/test_placeholder_marks.py"]),
    "consolidate": (["shuzhi_xl/consolidate/*.py"], ["tests/test_consolidate_*.py"]),
    "xlsx": (["shuzhi_xl/xlsx/*.py"], ["tests/test_reader*.py", "tests/test_robust_reader.py", "tests/test_xlsx_*.py",
                                       "tests/test_extent_message.py", "tests/test_template.py", "tests/test_xml_text.py",
                                       "tests/test_outline_legacy.py"]),
    "importer": (["shuzhi_xl/importer/*.py"], ["tests/test_import_*.py", "tests/test_importer_*.py"]),
    "report": (["shuzhi_xl/report/*.py"], ["tests/test_report_lines_spec.py", "tests/test_report_text*.py",
                                           "tests/test_report_docx.py", "tests/test_report_package.py",
                                           "tests/test_xml_text.py"]),
    "fileio.py": (["shuzhi_xl/fileio.py"], ["tests/test_fileio.py"]),
}
#: Files run on their own against fewer tests than their target's (quicker; a lower bound of the target's score).
FILE_TESTS = {
    "checks/ledger.py": ["tests/test_ledger_periods.py", "tests/test_checks_year.py", "tests/test_checks_rules.py"],
    "checks/placeholders.py": ["tests/test_placeholder_marks.py", "tests/test_checks_sample.py"],
    "checks/structure.py": ["tests/test_checks_structure_spec.py", "tests/test_checks_year.py"],
    "checks/answers.py": ["tests/test_checks_answers_spec.py", "tests/test_checks_answers.py"],
    "checks/numbers.py": ["tests/test_checks_numbers_spec.py"],
    "checks/length.py": ["tests/test_checks_length_spec.py"],
    "checks/cells.py": ["tests/test_checks_cells_spec.py"],
    "checks/finding.py": ["tests/test_checks_finding_spec.py", "tests/test_checks_seeded.py"],
    "checks/plan.py": ["tests/test_checks_finding_spec.py"],
    "checks/rules.py": ["tests/test_checks_rules_spec.py", "tests/test_checks_rules.py"],
    "checks/workbook.py": ["tests/test_checks_workbook_spec.py"],
    "checks/ignore.py": ["tests/test_checks_ignore_spec.py"],
    "checks/facts.py": ["tests/test_checks_structure_spec.py", "tests/test_ledger_periods.py",
                        "tests/test_consolidate_collect_spec.py"],
    "checks/proofreading.py": ["tests/test_checks_proofreading_spec.py"],
    "checks/__init__.py": ["tests/test_checks_workbook_spec.py", "tests/test_checks_seeded.py"],
    "consolidate/collect.py": ["tests/test_consolidate_collect_spec.py"],
    "consolidate/views.py": ["tests/test_consolidate_views_spec.py"],
    "consolidate/followup.py": ["tests/test_consolidate_followup_spec.py", "tests/test_xlsx_calamine_refused.py"],
    "consolidate/details.py": ["tests/test_consolidate_details_spec.py"],
    "consolidate/contents.py": ["tests/test_consolidate_contents_spec.py"],
    "consolidate/summary.py": ["tests/test_consolidate_summary_spec.py"],
    "consolidate/run.py": ["tests/test_consolidate_run_spec.py"],
    "consolidate/spill.py": ["tests/test_consolidate_spill_spec.py"],
    "consolidate/volume.py": ["tests/test_consolidate_volume_spec.py", "tests/test_consolidate_volume.py",
                              "tests/test_consolidate_volume_xml.py", "tests/test_consolidate_run_spec.py"],
    "consolidate/mapping.py": ["tests/test_consolidate_run_spec.py", "tests/test_cli_signals.py"],
    "consolidate/cluster.py": ["tests/test_consolidate_cluster.py"],
    "xlsx/bounds.py": ["tests/test_xlsx_bounds_spec.py", "tests/test_xlsx_bounds.py", "tests/test_extent_refusals.py",
                       "tests/test_xlsx_watched_inflate.py"],
    "xlsx/sniff.py": ["tests/test_xlsx_sniff_spec.py", "tests/test_xlsx_bounds_spec.py", "tests/test_xlsx_bounds.py",
                      "tests/test_extent_refusals.py", "tests/test_bad_input.py", "tests/test_checks_workbook_spec.py",
                      "tests/test_xlsx_calamine_refused.py"],
    "xlsx/body.py": ["tests/test_reader.py", "tests/test_robust_reader.py", "tests/test_outline_text.py"],
    "xlsx/values.py": ["tests/test_reader_values.py", "tests/test_reader.py"],
    "xlsx/reader.py": ["tests/test_reader.py", "tests/test_robust_reader.py", "tests/test_reader_values.py"],
    "xlsx/form.py": ["tests/test_xlsx_form.py", "tests/test_reader.py", "tests/test_robust_reader.py",
                     "tests/test_reader_values.py", "tests/test_template.py", "tests/test_outline_legacy.py"],
    "xlsx/extent.py": ["tests/test_extent_refusals.py", "tests/test_xlsx_bounds.py", "tests/test_extent_message.py",
                       "tests/test_extent_plain_rows.py"],
    "xlsx/cellxml.py": ["tests/test_xlsx_cellxml.py", "tests/test_consolidate_cells.py", "tests/test_xml_text.py"],
    "xlsx/notes.py": ["tests/test_xlsx_notes.py", "tests/test_ignore_doors.py", "tests/test_checks_workbook_spec.py"],
    "report/lines.py": ["tests/test_report_lines_spec.py", "tests/test_report_text.py", "tests/test_report_docx.py"],
    "report/text.py": ["tests/test_report_text_spec.py", "tests/test_report_text.py", "tests/test_report_docx.py"],
    "report/package.py": ["tests/test_report_package.py"],
    "opc.py": ["tests/test_opc.py", "tests/test_report_package.py"],
    "report/styled.py": ["tests/test_report_package.py", "tests/test_xml_text.py", "tests/test_report_docx.py",
                         "tests/test_consolidate_volume_xml.py"],
    # The importer's specifications on plain text and hand-written XML (the corpus and .docx round trips that
    # also reach these files cost a surviving mutant a minute on a shared machine).
    "importer/labels.py": ["tests/test_importer_labels.py", "tests/test_importer_tree.py",
                           "tests/test_importer_points.py"],
    "importer/tree.py": ["tests/test_importer_tree.py", "tests/test_importer_model.py", "tests/test_importer_points.py",
                         "tests/test_importer_structure.py"],
    "importer/tomodel.py": ["tests/test_importer_model.py", "tests/test_importer_tree.py",
                            "tests/test_importer_structure.py"],
    "importer/pdftext.py": ["tests/test_importer_pdftext.py", "tests/test_importer_model.py"],
    "importer/parse.py": ["tests/test_importer_model.py", "tests/test_import_parse.py",
                          "tests/test_importer_thresholds.py"],
    "importer/wordxml.py": ["tests/test_importer_wordxml.py", "tests/test_importer_sources.py"],
    "importer/numbering.py": ["tests/test_importer_wordxml.py", "tests/test_import_docx.py"],
    "importer/docx.py": ["tests/test_importer_wordxml.py", "tests/test_importer_sources.py", "tests/test_import_docx.py"],
    "importer/sources.py": ["tests/test_importer_sources.py", "tests/test_importer_files.py"],
    "importer/document.py": ["tests/test_importer_sources.py", "tests/test_importer_model.py"],
    "importer/legacy.py": ["tests/test_importer_files.py"],
    "importer/__init__.py": ["tests/test_importer_sources.py", "tests/test_importer_files.py"],
}
_RESULT = re.compile(r"^\s+(\S+): (.+)$")
#: Starts each changed line of an entry in the list of equivalents.
_CHANGED_INDENT = "    "
_KILLED = ("killed", "timeout", "caught by type check")


class Equivalent(NamedTuple):
    """A listed equivalent mutant: the function mutated (mutmut's name for it without the mutant's number), the
    lines its diff changes ("-" original, "+" mutant), and why no test can tell it from the original."""

    function: str
    changed: tuple[str, ...]
    reason: str


def equivalents() -> list[Equivalent]:
    """Return the listed equivalent mutants in the order listed."""
    out = []
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.startswith(_CHANGED_INDENT):
            function, changed, reason = out[-1]
            out[-1] = Equivalent(function, (*changed, line[len(_CHANGED_INDENT):]), reason)
        elif line.strip() and not line.startswith("#"):
            function, _, reason = line.partition(" ")
            out.append(Equivalent(function, (), reason.strip()))
    return out


def generate(root: Path) -> None:
    """Have mutmut write the mutants of the files configured in *root* (a copy set up by configure) into
    root/mutants/, running no test. mutmut has no command that only generates: `mutmut run` writes every mutant
    first and then stops, saying it found no test case for any mutant, when the tests it runs reach no mutated
    function, so it is run here with pytest's --collect-only (PYTEST_ADDOPTS), which runs none."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTEST_ADDOPTS": "--collect-only"}
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "1"], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    if not (root / "mutants").is_dir():
        raise SystemExit(f"mutmut wrote no mutants:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def mutant_names(root: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """Return mutant name → status as `mutmut results --all true` lists them in *root* ("not checked" before a run)."""
    listed = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=root,
                            env=env, capture_output=True, text=True, check=False).stdout
    return dict(m.groups() for m in map(_RESULT.match, listed.splitlines()) if m)


def changed_lines(root: Path, files: list[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return mutant name → (its function, the lines its diff changes) for every mutant mutmut makes of *files*,
    in *root*, a copy configured for mutmut to mutate them. No test runs.

    The lines are those `mutmut show NAME` prints as "-"/"+": the mutant's function against the original's, both
    read from the mutated file mutmut writes (root/mutants/FILE holds each function's original as
    `NAME__mutmut_orig` beside its mutants `NAME__mutmut_1`, …). They are read here with ast rather than by a
    process per mutant (`mutmut show` takes ~0.5 s each, and a file has hundreds)."""
    generate(root)
    return read_changes(root / "mutants", mutant_names(root), files)


def read_changes(mutated: Path, names: Iterable[str], files: list[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return changed_lines of the mutants *names* of *files*, read from the folder *mutated* mutmut wrote them in."""
    functions: dict[str, str] = {}
    for file in files:
        functions.update(_functions(mutated / file, _module(file)))
    modules = {_module(file) for file in files}
    out = {}
    for name in names:
        if _module_of_function(name) not in modules:
            continue
        function = name.partition("__mutmut_")[0]
        if name not in functions or f"{function}__mutmut_orig" not in functions:
            raise SystemExit(f"{name}: not in the mutated file (files as mutmut writes them at the version pinned "
                             "in pyproject.toml are read here)")
        original, mutant = (_renamed(functions[key], key, _plain_name(function))
                            for key in (f"{function}__mutmut_orig", name))
        diff = unified_diff(original, mutant, lineterm="")
        out[name] = (function, tuple(line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")))
    return out


def _functions(path: Path, module: str) -> dict[str, str]:
    """Return module-qualified name → source (dedented) of every function and method in the mutated file *path*."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    out = {}
    for node in ast.parse(source).body:
        for item in node.body if isinstance(node, ast.ClassDef) else (node,):
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                text = "\n".join(lines[item.lineno - 1:item.end_lineno])
                out[f"{module}.{item.name}"] = textwrap.dedent(text)
    return out


def _plain_name(function: str) -> str:
    """Return the name in the source of mutmut's *function* (module.x_name or module.xǁClassǁname)."""
    mangled = function.rpartition(".")[2]
    return mangled.rpartition("ǁ")[2] if "ǁ" in mangled else mangled.removeprefix("x_")


def _renamed(source: str, qualified: str, name: str) -> list[str]:
    """Return the lines of *source*, the function *qualified*, named *name* as in the source it was made from."""
    generated = qualified.rpartition(".")[2]
    return source.replace(f"def {generated}(", f"def {name}(", 1).strip().split("\n")


def match(listed: list[Equivalent], mutants: dict[str, tuple[str, tuple[str, ...]]],
          files: list[str]) -> tuple[set[str], list[Equivalent]]:
    """Return the names of the *mutants* (changed_lines of *files*) the *listed* equivalents name, and the
    listed entries of those files that are stale: listed more often than mutants with their changed lines exist,
    or matching more mutants than they are listed (two equal lines in one function: the entry cannot tell which)."""
    modules = {_module(name) for name in files}
    wanted = Counter((e.function, e.changed) for e in listed if _module_of_function(e.function) in modules)
    found: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for name, key in mutants.items():
        if key in wanted:
            found.setdefault(key, []).append(name)
    stale = [e for e in listed if (key := (e.function, e.changed)) in wanted and wanted[key] != len(found.get(key, ()))]
    skip = {name for key, names in found.items() if len(names) == wanted[key] for name in names}
    return skip, stale


def _module(file: str) -> str:
    """Return the module name mutmut gives the mutants of *file* (shuzhi_xl/checks/__init__.py: shuzhi_xl.checks)."""
    return file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _module_of_function(function: str) -> str:
    return re.split(r"\.(?:x_|xǁ)", function, maxsplit=1)[0]


def _file_of_module(module: str) -> str:
    path = module.replace(".", "/")
    return f"{path}.py" if (REPO / f"{path}.py").is_file() else f"{path}/__init__.py"


def stale_message(stale: list[Equivalent]) -> str:
    lines = [f"stale: {len(stale)} listed equivalent mutants no longer match exactly one mutant each (the code "
             f"changed): check each again, then update its changed lines or remove it from {EQUIVALENT.name}."]
    for entry in stale:
        lines.append(f"  {entry.function}: {entry.reason}")
        lines += [f"      {line}" for line in entry.changed]
    return "\n".join(lines)


def copy_tree(target: Path) -> None:
    """Copy the working tree's files (tracked and new, not ignored) into *target*."""
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=REPO, check=True,
                            capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def configure(root: Path, mutate: list[str], tests: list[str]) -> None:
    """Append mutmut's settings for one target to the copy's pyproject.toml."""
    selected = sorted(str(p.relative_to(root)) for pattern in tests for p in root.glob(pattern))
    lines = ["", "[tool.mutmut]", 'source_paths = ["shuzhi_xl"]', f"only_mutate = {mutate!r}",
             f"pytest_add_cli_args_test_selection = {selected!r}",
             "pytest_add_cli_args = ['-p', 'no:cacheprovider', '-q', '-x']", "also_copy = ['workbook']",
             # A mutant looping forever is stopped after 5x its tests' time, not mutmut's 15x: on a shared
             # machine each such mutant cost minutes; 5x still leaves a slow but finishing mutant time to pass.
             "timeout_multiplier = 5.0"]
    with open(root / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("\n".join(lines).replace("'", '"') + "\n")


def target(name: str) -> tuple[list[str], list[str]]:
    """Return the files to mutate and the tests of *name*: a target, or one file inside a target (checks/ledger.py)
    run against that target's tests."""
    if name in TARGETS:
        return TARGETS[name]
    for key, (_, tests) in TARGETS.items():
        if name.startswith(key + "/") and (REPO / "shuzhi_xl" / name).is_file():
            return [f"shuzhi_xl/{name}"], FILE_TESTS.get(name, tests)
    raise KeyError(name)


class Copy(NamedTuple):
    """A fresh copy of the working tree set up for mutmut to mutate *files* (relative paths)."""

    root: Path
    files: list[str]


@contextlib.contextmanager
def working_copy(name: str, keep: bool = False, files: list[str] | None = None) -> Iterator[Copy]:
    """Yield a copy of the working tree configured for target *name* (to mutate *files* instead of its own when
    given); removed afterwards unless *keep*."""
    mutate, tests = target(name)
    root = Path(tempfile.mkdtemp(prefix=f"mutation-{name.replace('/', '-')}-"))
    try:
        copy_tree(root)
        configure(root, files or mutate, tests)
        yield Copy(root, files or target_files(name))
    finally:
        if keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def target_files(name: str) -> list[str]:
    """Return the files target *name* mutates, relative to the working tree."""
    return sorted(str(p.relative_to(REPO)) for pattern in target(name)[0] for p in REPO.glob(pattern))


def run_target(name: str, jobs: int, keep: bool) -> tuple[int, int, list[str]]:
    """Run mutmut for *name*; return (killed, counted, survivors) with the listed equivalents left out. Stops
    (SystemExit) before running a test when a listed equivalent of its files is stale."""
    with working_copy(name, keep) as copy:
        mutants = changed_lines(copy.root, copy.files)
        skip, stale = match(equivalents(), mutants, copy.files)
        if stale:
            raise SystemExit(f"{name}: " + stale_message(stale))
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        log = copy.root / "mutmut.log"
        with open(log, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)], cwd=copy.root,
                           env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
        statuses = mutant_names(copy.root, env)
        if not statuses:
            print(log.read_text(encoding="utf-8")[-3000:])
            raise SystemExit(f"{name}: mutmut produced no results (log above)")
        if statuses.keys() != mutants.keys():  # the equivalents were matched against other mutants than it ran
            raise SystemExit(f"{name}: mutmut ran {len(statuses)} mutants, {len(mutants)} were matched to the list")
        counted = {k: v for k, v in statuses.items() if k not in skip}
        killed = sum(v in _KILLED for v in counted.values())
        survivors = [f"{mutant} ({status})\n        " + "\n        ".join(mutants[mutant][1])
                     for mutant, status in sorted(counted.items()) if status not in _KILLED]
        return killed, len(counted), survivors


def check_listed(names: list[str]) -> int:
    """Print the stale listed equivalents of targets *names* (none given: of every file with one); return how many."""
    listed = equivalents()
    files = sorted({file for name in names for file in target_files(name)} if names else
                   {_file_of_module(_module_of_function(e.function)) for e in listed})
    with working_copy(names[0] if names else next(iter(TARGETS)), files=files) as copy:
        stale = match(listed, changed_lines(copy.root, files), files)[1]
    modules = {_module(file) for file in files}
    checked = sum(_module_of_function(e.function) in modules for e in listed)
    print(stale_message(stale) if stale else f"all {checked} listed equivalents of {len(files)} files match")
    return len(stale)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help=f"some of: {', '.join(TARGETS)}, or one file of them such as checks/ledger.py (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run in parallel (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep each target's working copy")
    parser.add_argument("--check", action="store_true",
                        help="run no test: only check that every listed equivalent still matches its mutant")
    args = parser.parse_args()
    unknown = []
    for name in args.targets:
        try:
            target(name)
        except KeyError:
            unknown.append(name)
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    if args.check:
        raise SystemExit(1 if check_listed(args.targets) else 0)
    scores = []
    for name in args.targets or TARGETS:
        killed, counted, survivors = run_target(name, args.jobs, args.keep)
        score = 100.0 * killed / counted if counted else 100.0
        scores.append(f"{name:16} {killed:5} / {counted:<5} killed  {score:5.1f}%")
        print(f"\n== {name}: {len(survivors)} survivors")
        for survivor in survivors:
            print(f"    {survivor}")
        sys.stdout.flush()
    print("\n" + "\n".join(scores))


if __name__ == "__main__":
    main()
