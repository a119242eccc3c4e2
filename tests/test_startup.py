"""Each command imports only what it uses: checked in a fresh interpreter, after the command has run."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "workbook" / "示例-述职报告.xlsx"
#: Run the command through the CLI as the ``shuzhi`` script does, then print the top-level modules loaded.
RUN = """
import sys
from shuzhi_xl.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
loaded = sorted(sys.modules)
import json
print(json.dumps(loaded))
"""
HEAVY = {"pandas", "openpyxl", "xlsxwriter", "distributed", "dask", "shuzhi_xl.importer", "shuzhi_xl.consolidate",
         "http.server", "shuzhi_xl.web"}


def loaded_after(*args: str) -> set[str]:
    """Return the modules loaded once the command *args* has run, in an interpreter started without the site module
    (-S): a site .pth file may import modules at start (this machine's CA-bundle hook loads tempfile and
    importlib.resources), which would hide whether the project imports them. The child finds the project and its
    libraries on this interpreter's path instead."""
    path = os.pathsep.join([str(REPO), *filter(None, sys.path)])
    out = subprocess.run([sys.executable, "-S", "-c", RUN, *args], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": path}).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize("args, used", [
    (("check", str(SAMPLE)), "python_calamine"),
    (("report", str(SAMPLE), "--force", "-o", "{tmp}/r.docx"), "shuzhi_xl.report.package"),
    (("--help",), "shuzhi_xl.cli.importer"),  # help lists every command: their CLI modules, not their libraries
])
def test_a_command_loads_no_library_it_does_not_use(tmp_path, args, used):
    loaded = loaded_after(*(a.format(tmp=tmp_path) for a in args))
    assert used in loaded  # the command did run
    assert HEAVY & loaded == set()


@pytest.mark.parametrize("args", [("check", str(SAMPLE)), ("report", str(SAMPLE), "--force", "-o", "{tmp}/r.docx")])
def test_check_and_report_do_not_load_python_docx(tmp_path, args):
    # the report is written from a skeleton python-docx built at build time (report.package)
    assert "docx" not in loaded_after(*(a.format(tmp=tmp_path) for a in args))


#: Standard modules only some runs need: --json, an internal error's log entry (traceback, and tempfile for where the
#: log goes), a command line to show on Windows (subprocess); importlib.resources where a path beside the module
#: does; hashlib (with OpenSSL's hashes) for the findings' 编号, which check shows and report does not (nor needs,
#: with nothing marked 忽略). A file written is named by fileio, not tempfile.
ON_DEMAND = {"json", "traceback", "tempfile", "subprocess", "importlib.resources", "hashlib", "_hashlib"}


@pytest.mark.parametrize("args, needed", [(("check", str(SAMPLE)), {"hashlib", "_hashlib"}),
                                          (("report", str(SAMPLE), "--force", "-o", "{tmp}/r.docx"), set())])
def test_check_and_report_load_what_only_some_runs_need_on_demand(tmp_path, args, needed):
    loaded = loaded_after(*(a.format(tmp=tmp_path) for a in args))
    assert "shuzhi_xl.cli" in loaded and ON_DEMAND & loaded == needed


def test_the_script_runs_main_and_exits_with_its_status(tmp_path):
    # pyproject's console script is cli.run, which must behave as main (run's gc.freeze only saves time at exit)
    assert 'shuzhi = "shuzhi_xl.cli:run"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")
    script = [sys.executable, "-c", "from shuzhi_xl.cli import run; run()"]
    failing = subprocess.run([*script, "check", str(SAMPLE)], capture_output=True, text=True, encoding="utf-8")
    by_main = subprocess.run([sys.executable, "-c", "from shuzhi_xl.cli import main; main()", "check", str(SAMPLE)],
                             capture_output=True, text=True, encoding="utf-8")
    assert failing.returncode == by_main.returncode == 1 and failing.stdout == by_main.stdout
    assert "错误 14 项" in failing.stdout
    report = tmp_path / "报告.docx"
    written = subprocess.run([*script, "report", str(SAMPLE), "--force", "-o", str(report)], capture_output=True,
                             text=True, encoding="utf-8")
    assert written.returncode == 0 and report.stat().st_size > 10_000


#: Run the script, then print whether the collector is on and every how many allocations it collects.
COLLECTOR = """
import gc, sys
from shuzhi_xl.cli import run
try:
    run()
except SystemExit:
    pass
print(gc.isenabled(), gc.get_threshold()[0])
"""


@pytest.mark.parametrize("args, collecting", [
    (("check", str(SAMPLE)), "False"),
    (("report", "--help"), "False"),
    (("consolidate", "--help"), "True 5000"),  # may run long: its cyclic garbage is collected as it goes
    (("--version",), "True 5000"),
    (("--rules", "x", "check"), "True 5000"),  # a word read wrongly as the command only leaves the collector on
])
def test_the_script_collects_except_in_commands_on_one_file(args, collecting):
    out = subprocess.run([sys.executable, "-c", COLLECTOR, *args], capture_output=True, text=True, encoding="utf-8")
    assert out.stdout.splitlines()[-1].startswith(collecting)


def test_consolidation_loads_neither_openpyxl_nor_python_docx_without_a_volume(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    (folder / "示例.xlsx").write_bytes(SAMPLE.read_bytes())
    loaded = loaded_after("consolidate", str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--jobs", "1")
    assert "xlsxwriter" in loaded  # the summary was written
    assert {"openpyxl", "docx"} & loaded == set()
