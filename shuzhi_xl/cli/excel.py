"""Command for Excel users: install-addin."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from .. import data_path
from . import EXIT_UNUSABLE, main

MAC_STARTUP = "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"


def startup_folder(platform: str = sys.platform) -> Path | None:
    """Return the folder Excel opens every file of at start-up (XLSTART), or None where Excel does not run."""
    if platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Microsoft" / "Excel" / "XLSTART"
    if platform == "darwin":
        return Path.home() / MAC_STARTUP
    return None


MANUAL = """也可以手动加载：Excel“文件 → 选项 → 加载项 → 管理：Excel 加载项 → 转到 → 浏览”，选择
  {addin}
勾选后确定。若提示“已阻止宏”，请在该文件的“属性”中勾选“解除锁定”（Windows），或在“信任中心”中把它所在文件夹设为受信任位置。"""


@main.command("install-addin", help="把“述职报告”Excel 加载项安装到 Excel 启动文件夹（Windows、macOS）。")
@click.option("--folder", type=click.Path(path_type=Path), help="安装到此文件夹（默认为 Excel 的启动文件夹）。")
def install_addin(folder: Path | None) -> None:
    from ..build import ADDIN_NAME  # the build imports openpyxl: only for this command

    addin = data_path(ADDIN_NAME)
    target_dir = folder or startup_folder()
    if target_dir is None:
        click.echo("本机没有 Microsoft Excel（Linux、WPS 环境），加载项无法使用。请直接使用命令行："
                   "shuzhi check 工作簿.xlsx 检查，shuzhi report 工作簿.xlsx 生成报告，shuzhi --help 查看全部命令。")
        return
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target = Path(shutil.copyfile(addin, target_dir / ADDIN_NAME))
    except OSError as exc:
        click.secho(f"无法复制到 {target_dir}（{exc.strerror}），加载项没有安装。", fg="red", err=True)
        click.echo(MANUAL.format(addin=addin))
        sys.exit(EXIT_UNUSABLE)
    click.echo(f"已安装加载项：{target}")
    click.echo("请重新启动 Excel，功能区会出现“述职报告”选项卡。按钮使用本机 PATH 中的 python；"
               "若要指定其他 Python，请在用户设置文件 %USERPROFILE%\\.xlwings\\xlwings.conf（macOS："
               "~/Library/Containers/com.microsoft.Excel/Data/xlwings.conf）中写 \"INTERPRETER_WIN\",\"python.exe 的完整路径\""
               "（macOS 为 INTERPRETER_MAC）。")
    click.echo(MANUAL.format(addin=target))
