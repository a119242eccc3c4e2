"""The README's field table is the one the schema generates, and every command has Chinese help."""

from __future__ import annotations

import re

from click.testing import CliRunner

from shuzhi_xl.cli import main
from shuzhi_xl.fields_doc import README_END, README_START, markdown_field_table, with_field_table
from support import REPO


def test_readme_field_table_is_generated_from_the_schema():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(README_START)[1].split(README_END)[0]
    assert block == markdown_field_table()
    assert with_field_table(readme) == readme


def test_every_command_has_chinese_help():
    runner = CliRunner()
    top = runner.invoke(main, ["--help"])
    assert top.exit_code == 0 and "命令" in top.output
    for name, command in main.commands.items():
        assert command.help and re.search(r"[\u4e00-\u9fff]", command.help), name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "用法" in result.output, name
