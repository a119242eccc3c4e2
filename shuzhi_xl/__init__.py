"""shuzhi_xl: annual Party-building work reports (述职报告) filled in Excel, checked, typeset and consolidated."""

__version__ = "0.1.0"
