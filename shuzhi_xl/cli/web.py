"""The ``web`` command: the same jobs as the other commands, in a page of the user's own browser."""

from __future__ import annotations

import click

from . import main


@main.command(help="在浏览器中使用本工具（适合 WPS 用户和没有 Excel 的电脑）：在本机启动网页并自动打开浏览器，"
                   "可检查与生成报告、导入往年报告、汇总、下载模板。网页只能在本机访问；按 Ctrl+C 或关闭窗口停止。")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="端口号，默认自动选择空闲端口。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器，只显示地址。")
@click.option("--install-launcher", is_flag=True,
              help="在桌面生成双击即可启动网页的图标（Windows：.bat；Linux：.desktop；macOS：.command），然后退出。")
def web(port: int, no_browser: bool, install_launcher: bool) -> None:
    if install_launcher:
        from ..web.launcher import install_launcher as install

        for path in install():
            click.echo(f"已生成启动图标：{path}")
        click.echo("双击图标即可启动（首次双击时如系统询问，请选择“信任”或“允许运行”）。")
        return
    from ..web.app import serve

    serve(port, open_browser=not no_browser, say=lambda text: click.echo(text))
