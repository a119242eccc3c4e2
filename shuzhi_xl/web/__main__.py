"""``python -m shuzhi_xl.web``: what the desktop launcher runs; the same as ``shuzhi web``."""

from ..cli import main

main(["web"], prog_name="shuzhi")
