"""The ``shuzhi`` command: a thin door onto the library, one subcommand per core function.

Errors the user can act on (ShuzhiError) become a Chinese message and exit status 2; anything else
is logged with its traceback to a file whose path is shown, never printed as a traceback. Ctrl+C exits
with 130 and SIGTERM with 143 (128 + the signal, as a shell reports them), after the half-written
output's temporary file is removed and any worker processes are stopped.
"""

from __future__ import annotations

import gc
import importlib
import re
import signal
import sys

import click

from .. import __version__
from ..crashlog import log_exception
from ..errors import ShuzhiError

EXIT_UNUSABLE = 2
#: Allocations between two of the script's young-generation collections (Python's default: 700).
COLLECT_EVERY = 5000
#: Commands on one file, whose cyclic garbage the script leaves to the process's exit (see run).
ONE_FILE = frozenset({"check", "report"})
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
#: click's usage errors that carry no structured fields, by their English text (click 8.1 to 8.x); the patterns
#: are compiled only when such an error is shown.
_CLICK_MESSAGES = (
    (r"No such command '(.+)'\.", "没有“{0}”这个命令。"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}。"),
    (r"Missing command\.", "缺少命令。"),
    (r"Option '(.+)' requires (?:an argument|\d+ arguments)\.", "选项 {0} 后面需要给出值。"),
    (r"Option '(.+)' does not take a value\.", "选项 {0} 后面不能带值。"),
)
#: The usage error after which click shows the help page (click ≥ 8.2); it needs no translation.
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class ChineseUsageError(click.UsageError):
    """A usage error shown in Chinese: the usage line, where help is, the problem; exit status 2 as click's."""

    def show(self, file=None) -> None:
        file = file or sys.stderr
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), file=file)
            click.echo(f"运行“{self.ctx.command_path} --help”查看帮助。", file=file)
        click.echo(f"错误：{self.message}", file=file)


def in_chinese(exc: click.UsageError) -> ChineseUsageError:
    """Return *exc* (a click usage error) with its message in Chinese; unknown messages are kept as they are."""
    if isinstance(exc, ChineseUsageError):
        return exc
    return ChineseUsageError(_chinese_message(exc), exc.ctx)


def _chinese_message(exc: click.UsageError) -> str:
    param = getattr(exc, "param", None)
    name = ("/".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name) if param else ""
    if isinstance(exc, click.MissingParameter):
        return f"缺少{'选项' if isinstance(param, click.Option) else '参数'} {name}。"
    if isinstance(exc, click.BadParameter):
        return f"{name or '参数'} 的值无效：{_value_problem(param, exc.message)}。"
    if isinstance(exc, click.NoSuchOption):
        guess = f"您是否要用 {'、'.join(exc.possibilities)}？" if exc.possibilities else ""
        return f"没有 {exc.option_name} 这个选项。{guess}"
    for pattern, chinese in _CLICK_MESSAGES:
        if match := re.match(pattern, exc.message):
            return chinese.format(*match.groups())
    return exc.message


def _value_problem(param: click.Parameter | None, message: str) -> str:
    """Return what the value of *param* must be, in Chinese, for the parameter types the commands use."""
    kind = param.type if param else None
    if isinstance(kind, click.IntRange):  # the commands' ranges are closed
        if kind.min is not None and kind.max is not None:
            return f"应为 {kind.min} 到 {kind.max} 之间的整数"
        return f"应为不小于 {kind.min} 的整数" if kind.min is not None else f"应为不大于 {kind.max} 的整数"
    if kind is click.INT:
        return "应为整数"
    return message.rstrip(".")


class ChineseHelpMixin:
    """Help pages with Chinese headings and usage line (click's own are English)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助。"
        return option

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


#: The module of each command: only the invoked command's module is imported, so that ``shuzhi check`` does not
#: load the importer, python-docx or openpyxl (tests/test_startup.py guards it); help imports them all.
COMMAND_MODULES = {"template": "workbook", "demo": "workbook", "build-excel": "workbook", "upgrade": "workbook",
                   "import": "importer",
                   "check": "check", "consolidate": "consolidate", "sample": "consolidate", "report": "report",
                   "install-addin": "excel", "web": "web"}


class Group(ChineseHelpMixin, click.Group):
    """The ``shuzhi`` group: usage errors in Chinese, ShuzhiError as a message, anything else logged; commands
    loaded on first use."""

    command_class = Command

    def list_commands(self, ctx):
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMAND_MODULES:
            importlib.import_module(f"{__name__}.{COMMAND_MODULES[name]}")  # its decorators add it to ``main``
        return self.commands.get(name)

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except _NO_ARGS_IS_HELP:
            raise
        except click.UsageError as exc:  # an option of the group itself (a subcommand's are parsed in invoke)
            raise in_chinese(exc) from None

    def invoke(self, ctx):
        previous = {signum: _on_signal(signum, _stop) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # before click turns it into "Aborted!" and exit status 1, the code for errors found
            click.secho("已中断，本次未完成的输出没有写入。", fg="red", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.secho("已被终止，本次未完成的输出没有写入。", fg="red", err=True)
            sys.exit(EXIT_TERMINATED)
        except ShuzhiError as exc:
            click.secho(f"错误：{exc}", fg="red", err=True)
            sys.exit(EXIT_UNUSABLE)
        except click.UsageError as exc:  # an unknown command, or a subcommand's arguments and options
            raise in_chinese(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception:  # the last guard: a user never sees a traceback
            click.secho(f"程序内部错误，请把日志文件 {log_exception()} 发给技术支持人员。", fg="red", err=True)
            sys.exit(EXIT_UNUSABLE)
        finally:
            for signum, handler in previous.items():
                _on_signal(signum, handler)


class Terminated(BaseException):
    """Raised in the main thread by SIGTERM, so that ``finally`` blocks remove temporary files and stop workers
    as for Ctrl+C (the default action would kill the process on the spot, leaving both behind)."""


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt if signum == signal.SIGINT else Terminated


def _on_signal(signum: int, handler):
    """Install *handler* for *signum* and return the previous one; do nothing outside the main thread (a web or
    Excel door calling the commands), where Python allows no handler."""
    try:
        return signal.signal(signum, handler)
    except (ValueError, TypeError):
        return handler


HELP = dict(help_option_names=["-h", "--help"])


@click.group(cls=Group, context_settings=HELP, help="抓基层党建工作述职报告：填报工作簿、检查、生成 Word 报告、汇总。")
@click.version_option(__version__, "-V", "--version", message="shuzhi_xl %(version)s", help="显示版本号。")
def main() -> None:
    pass


def run() -> None:
    """The ``shuzhi`` script: main, with the collector set for a process that builds much and frees little. The
    imports and the proofreading index allocate ~100,000 objects that live to the end, each walked at least once by
    a collection. A command of ONE_FILE runs with the collector off: its cyclic garbage is a few hundred objects
    whatever the file (measured at exit), freed at exit. With ``check --annotate`` openpyxl's cell-sheet cycles
    add a few thousand, growing with the workbook: harmless, as they are the one workbook being annotated, alive
    until its copy is saved, which ends the command. Any other collects every 5,000 allocations instead of 700,
    so that the long-lived objects are walked fewer times while a consolidation's garbage is still collected as it
    goes. The command is the first word not starting with "-" (the group's own options take no value); a word read
    wrongly only leaves the collector on. Frozen at exit, the objects are skipped by the collections the
    interpreter runs then (they are still freed), ~12 ms. Only the script does this; main called as a library (the
    web and Excel doors, tests) leaves the collector alone."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
    if command in ONE_FILE:
        gc.disable()
    else:
        gc.set_threshold(COLLECT_EVERY)
    try:
        main()
    finally:
        gc.freeze()
