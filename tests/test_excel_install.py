"""shuzhi install-addin: copies the packaged add-in, or explains what to do where Excel does not run."""

from __future__ import annotations

from click.testing import CliRunner

from shuzhi_xl import build, data_path
from shuzhi_xl.cli import main
from shuzhi_xl.cli.excel import startup_folder


def test_install_copies_the_packaged_addin_into_the_folder(tmp_path):
    result = CliRunner().invoke(main, ["install-addin", "--folder", str(tmp_path / "XLSTART")])
    assert result.exit_code == 0, result.output
    installed = tmp_path / "XLSTART" / build.ADDIN_NAME
    assert installed.read_bytes() == data_path(build.ADDIN_NAME).read_bytes()
    assert "INTERPRETER_WIN" in result.output and "解除锁定" in result.output


def test_without_excel_it_points_to_the_command_line(monkeypatch):
    monkeypatch.setattr("shuzhi_xl.cli.excel.startup_folder", lambda: None)
    result = CliRunner().invoke(main, ["install-addin"])
    assert result.exit_code == 0 and "shuzhi check" in result.output and "WPS" in result.output


def test_startup_folders_are_where_excel_looks():
    assert startup_folder("win32").parts[-3:] == ("Microsoft", "Excel", "XLSTART")
    assert str(startup_folder("darwin")).endswith("Startup.localized/Excel")
    assert startup_folder("linux") is None
