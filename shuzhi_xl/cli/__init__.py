"""The ``shuzhi`` command: a thin door onto the library, one subcommand per core function.

Errors the user can act on (ShuzhiError) become a Chinese message and exit status 2; anything else
is logged with its traceback to a file whose path is shown, never printed as a traceback.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import traceback
from pathlib import Path

import click

from .. import __version__
from ..errors import ShuzhiError

LOG_PATH = Path(tempfile.gettempdir()) / "shuzhi_xl.log"
EXIT_UNUSABLE = 2


class ChineseHelpMixin:
    """Help pages with Chinese headings (click's own are English)."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx, formatter):
        rows = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
            with formatter.section("命令"):
                formatter.write_dl([(name, cmd.get_short_help_str(80)) for name, cmd in commands if cmd])


class Command(ChineseHelpMixin, click.Command):
    pass


class Group(ChineseHelpMixin, click.Group):
    command_class = Command

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ShuzhiError as exc:
            click.secho(f"错误：{exc}", fg="red", err=True)
            sys.exit(EXIT_UNUSABLE)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception:  # the last guard: a user never sees a traceback
            log_exception()
            click.secho(f"程序内部错误，请把日志文件 {LOG_PATH} 发给技术支持人员。", fg="red", err=True)
            sys.exit(EXIT_UNUSABLE)


def log_exception() -> None:
    """Append the current exception's traceback to the log file."""
    logging.basicConfig(filename=LOG_PATH, level=logging.ERROR, encoding="utf-8")
    logging.getLogger("shuzhi_xl").error("%s", traceback.format_exc())


HELP = dict(help_option_names=["-h", "--help"])


@click.group(cls=Group, context_settings=HELP, help="抓基层党建工作述职报告：填报工作簿、检查、生成 Word 报告、汇总。")
@click.version_option(__version__, "-V", "--version", message="shuzhi_xl %(version)s", help="显示版本号。")
@click.help_option("-h", "--help", help="显示本帮助。")
def main() -> None:
    pass


def _register() -> None:
    from . import workbook  # noqa: F401  (each module adds its commands to ``main``)
    from . import importer  # noqa: F401
    from . import check  # noqa: F401
    from . import consolidate  # noqa: F401
    from . import report  # noqa: F401
    from . import excel  # noqa: F401


_register()
