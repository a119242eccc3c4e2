"""Synthetic branch workbooks: reproducible to the byte, varied, realistic, the same values as the template writer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from shuzhi_xl.checks import check_report
from shuzhi_xl.cli import main
from shuzhi_xl.synthetic import branch_report, write_samples
from shuzhi_xl.xlsx.fill import filled_workbook_bytes
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import workbook_bytes


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files_whatever_the_jobs(tmp_path):
    one = write_samples(tmp_path / "a", 5, seed=7, jobs=1)
    write_samples(tmp_path / "b", 5, seed=7, jobs=2)
    assert len(one) == 5 and _bytes(tmp_path / "a") == _bytes(tmp_path / "b")
    write_samples(tmp_path / "c", 5, seed=8, jobs=1)
    assert _bytes(tmp_path / "c").keys() == _bytes(tmp_path / "a").keys()
    assert _bytes(tmp_path / "c") != _bytes(tmp_path / "a")


def test_filled_template_holds_what_the_template_writer_would_write(tmp_path):
    for index in range(4):
        report = branch_report(3, index, 2024)
        fast, full = tmp_path / f"fast{index}.xlsx", tmp_path / f"full{index}.xlsx"
        fast.write_bytes(filled_workbook_bytes(report))
        full.write_bytes(workbook_bytes(report))
        assert read_workbook(fast) == read_workbook(full) == report


def test_branches_vary_and_some_carry_the_defects_checks_find():
    reports = [branch_report(0, i, 2024) for i in range(200)]
    assert len({r.info.branch for r in reports}) == 200
    assert len({r.info.secretary for r in reports}) > 50
    years = Counter(r.info.year for r in reports)
    assert years.most_common(1)[0] == (2024, years[2024]) and years[2024] >= 180 and set(years) <= {2023, 2024}
    ledger_sizes = {len(r.ledger) for r in reports}
    assert min(ledger_sizes) < 40 < max(ledger_sizes)
    codes = Counter(f.code for r in reports[:60] for f in check_report(r))
    assert codes["PH001"] and codes["LG001"]  # unfinished X marks, meetings missing from the ledger
    clean = sum(not any(f.severity == "error" for f in check_report(r)) for r in reports[:60])
    assert 30 < clean < 60


def test_sample_command_writes_the_workbooks(tmp_path):
    result = CliRunner().invoke(main, ["sample", "--branches", "3", "-o", str(tmp_path / "out"), "--seed", "2",
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").glob("*.xlsx"))
    assert len(files) == 3 and all(read_workbook(f).info.branch for f in files)
