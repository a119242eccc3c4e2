"""The report: model → paragraphs (text.py) → Word document (docx.py) → PDF (pdf.py).

``write_report`` is loaded on first use, so that importing ``report.text`` (the checks do) stays free of
python-docx.
"""


def __getattr__(name: str):
    if name == "write_report":
        from .write import write_report
        return write_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
