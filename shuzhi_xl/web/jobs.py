"""What the page's buttons do: each calls the same core functions as the command line and the ribbon.

A job is one piece of work in its own folder (``in/`` what the browser sent, ``out/`` what it may
download). Results are plain dicts the page renders; a problem the user can act on is a ShuzhiError
whose text is the command's.
"""

from __future__ import annotations

import secrets
import shutil
import threading
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from ..checks.finding import severity_counts, summary_line
from ..checks.plan import ignored_line
from ..checks.rules import rules_file, rules_line
from ..errors import ShuzhiError
from .uploads import Inbox, Limits

#: What the consolidation writes, as the ribbon's button names them.
SUMMARY_NAME, VOLUME_NAME = "汇总.xlsx", "汇编.docx"
ZIP_SUFFIX = ".zip"
#: What 检查 takes, as its messages name it.
CHECKED = "要检查的工作簿（.xlsx）或报告（.docx、.txt）"


class NeedsConfirmation(ShuzhiError):
    """The report was not written because the check found errors; the page asks, then sends force."""


class Job:
    """One piece of work: its files, and for a consolidation running in the background its progress."""

    def __init__(self, root: Path, limits: Limits):
        self.id = secrets.token_urlsafe(9)
        self.folder = root / self.id
        self.out = self.folder / "out"
        self.out.mkdir(parents=True)
        self.inbox = Inbox(self.folder / "in", limits)
        self.checked = None
        self.lock = threading.Lock()  # one action at a time per job
        self.state, self.done, self.total, self.current = "idle", 0, 0, ""
        self.result: dict | None = None
        self.error = ""

    def link(self, path: Path, label: str) -> dict:
        """Return the download link of *path* (a file in ``out/``) as the page shows it."""
        return {"label": label, "name": path.name, "url": f"files/{self.id}/{quote(path.name)}"}

    def one(self, role: str, what: str) -> Path:
        """Return the single file received for *role*; *what* names it in the message when it is missing."""
        files = self.inbox.files(role)
        if not files:
            raise ShuzhiError(f"请先选择{what}。")
        if len(files) > 1:
            raise ShuzhiError(f"一次只能处理一个{what}，收到了 {len(files)} 个。")
        return files[0]

    def optional(self, role: str) -> Path | None:
        files = self.inbox.files(role)
        return files[0] if files else None

    def status(self) -> dict:
        return {"state": self.state, "done": self.done, "total": self.total, "current": self.current,
                "result": self.result, "error": self.error}


def check(job: Job) -> dict:
    """检查: the findings of the workbook (or Word or text report) sent, grouped by sheet, with the counts and the
    rules applied."""
    from ..checks.ignore import list_file
    from ..checks.workbook import check_document, check_workbook
    from ..checks.document import DOCUMENT_SUFFIXES
    from ..soffice import find_soffice

    rules, workbook = job.optional("rules"), job.one("workbook", CHECKED)
    beside = job.inbox.role_folder("ignore") / workbook.name  # the list is kept apart from the workbooks sent
    if (listed := job.optional("ignore")) and listed != list_file(beside):  # 〈文件名〉.忽略.txt sent along
        shutil.copyfile(listed, list_file(beside))
    document = workbook.suffix.lower() in DOCUMENT_SUFFIXES
    job.checked = (check_document if document else check_workbook)(workbook, rules, beside=beside)
    findings = job.checked.findings
    groups = [{"sheet": sheet or "全文",
               "findings": [{"cell": f.cell, "severity": f.severity, "label": f.severity_label,
                             "code": f.code, "message": f.message, "suggestion": f.suggestion} for f in group]}
              for sheet, group in groupby(findings, key=lambda f: f.sheet)]
    shown_rules = rules.relative_to(job.inbox.role_folder("rules")) if rules else None
    ignored = len(job.checked.ignored)
    return {"summary": summary_line(findings), "counts": severity_counts(findings), "groups": groups,
            "ignored": ignored_line(ignored) if ignored else "", "document": document,
            "annotate": not document or workbook.suffix.lower() == ".docx",
            "rules": rules_line(shown_rules), "pdf": find_soffice() is not None}


def report(job: Job, *, force: bool, pdf: bool) -> dict:
    """生成报告: the Word report (and PDF) of the checked workbook; refused on errors unless *force*."""
    from ..report.write import default_output, write_report

    checked = job.checked or _checked(job)
    if checked.report is None:
        raise ShuzhiError("Word 或文本报告只做校对；生成报告请用填报工作簿（可用“导入往年报告”从报告生成工作簿）。")
    if checked.errors and not force:
        raise NeedsConfirmation(f"检查发现 {len(checked.errors)} 处错误。仍然生成报告吗？")
    docx = write_report(checked.report, job.out / default_output(checked.report).name)
    files, warning = [job.link(docx, "述职报告（Word）")], ""
    if pdf:
        from ..report.pdf import to_pdf

        made = to_pdf(docx)
        files.append(job.link(made.path, "述职报告（PDF）"))
        warning = f"注意：{made.fonts_note}" if made.fonts_note else ""
    errors = len(checked.errors)
    note = f"检查发现 {errors} 处错误，已按您的确认仍生成报告。" if errors else ""
    return {"files": files, "warning": warning, "note": note}


def annotate(job: Job) -> dict:
    """标注副本: a copy of the workbook with the result sheet, fills and comments; the upload stays as it was."""
    from ..annotate.workbook import annotate_copy

    checked = job.checked or _checked(job)
    workbook = job.one("workbook", CHECKED)
    if checked.report is None:  # a Word report: a copy with a Word comment on each finding
        from ..annotate.document import annotate_docx

        written = annotate_docx(workbook, job.out / f"{workbook.stem}-检查结果.docx", checked.findings)
        return {"files": [job.link(written, "标注副本（Word）")]}
    written = annotate_copy(workbook, job.out / f"{workbook.stem}-检查结果.xlsx", checked.findings, checked.ignored,
                            checked.covered)
    return {"files": [job.link(written, "标注副本（Excel）")]}


def _checked(job: Job):
    check(job)
    return job.checked


def import_report(job: Job, year: int | None) -> dict:
    """导入往年报告: the workbook made from the document sent, and the notes on what to check."""
    from ..importer import import_document
    from ..xlsx.template import write_workbook

    document = job.one("document", "往年的述职报告（.docx 或 .txt）")
    result = import_document(document, year=year)
    written = write_workbook(job.out / f"{document.stem}.xlsx", result.report)
    return {"line": f"已导入：{written.name}（{result.counts()}）", "notes": [str(n) for n in result.notes],
            "files": [job.link(written, "填报工作簿（Excel）")]}


def template(job: Job, with_sample: bool) -> dict:
    """模板: the blank template (or the built-in sample workbook) to download."""
    from ..samples import SAMPLE_NAME, TEMPLATE_NAME, sample_report
    from ..xlsx.template import write_workbook

    if with_sample:
        return {"files": [job.link(write_workbook(job.out / SAMPLE_NAME, sample_report()), "示例工作簿")]}
    return {"files": [job.link(write_workbook(job.out / TEMPLATE_NAME), "空白填报模板")]}


def start_consolidation(job: Job) -> None:
    """汇总: run in the background; the page follows ``job.status()``."""
    job.state, job.error, job.result = "running", "", None
    threading.Thread(target=_consolidate, args=(job,), daemon=True, name=f"consolidate-{job.id}").start()


def _consolidate(job: Job) -> None:
    from . import guard

    with guard.recorded(job):
        job.result = consolidate(job)
        job.state = "done"


def consolidate(job: Job) -> dict:
    """Unpack any .zip received, consolidate the workbooks under the rules sent (else a 规则.toml among them) and
    last year's summary (if sent); return the counts line, the unreadable files and the downloads."""
    from ..consolidate import consolidate as run
    from ..consolidate.collect import WORKBOOK_SUFFIXES

    folder = job.inbox.role_folder("branches")
    for archive in [p for p in job.inbox.files("branches") if p.suffix.lower() == ZIP_SUFFIX]:
        job.current = f"正在解压 {archive.name}"
        job.inbox.unpack(archive, "branches", (*WORKBOOK_SUFFIXES, ".toml"))
    if not folder.is_dir():
        raise ShuzhiError("请先选择各支部的填报工作簿（可多选），或一个 .zip 压缩包。")
    rules = job.optional("rules") or rules_file(folder)

    def progress(done: int, total: int, current: str) -> None:
        job.done, job.total, job.current = done, total, current

    summary = run(folder, job.out / SUMMARY_NAME, volume=job.out / VOLUME_NAME, rules=rules,
                  previous=job.optional("previous"), progress=progress)
    files = [job.link(summary.output, "汇总工作簿（Excel）")]
    if summary.volume:
        files.append(job.link(summary.volume, "述职报告汇编（Word）"))
    shown_rules = rules.name if rules else None
    return {"line": summary.line(), "files": files, "rules": rules_line(Path(shown_rules) if shown_rules else None),
            "unreadable": [{"file": u.file, "reason": u.reason} for u in summary.unreadable_files]}
