"""shuzhi check on a Word report: the same text checks, and --annotate writes a copy with one comment per finding,
anchored on exactly the offending text, read back with python-docx; the original stays byte-identical."""

from __future__ import annotations

import hashlib
import json

from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from shuzhi_xl.cli import main

PARAGRAPHS = [
    ("一、主要工作情况", False),
    ("坚持深人学习，扎实做好工作布署，牢固树立“两个确力”。", True),
    ("全年开展活动十二次，收集意见31条，办结29条，办结率95.2%。", False),
    ("由（姓名）同志负责，约50人左右参加。", True),
]


def _report(path):
    document = Document()
    for text, bold_head in PARAGRAPHS:
        p = document.add_paragraph()
        if bold_head:  # two runs with different formatting, so that a comment may have to split a run
            p.add_run(text[:4]).bold = True
            p.add_run(text[4:])
        else:
            p.add_run(text)
    document.save(path)


def _anchored_texts(path):
    """Return {comment id: the text between its range start and end} in the body of the .docx at *path*."""
    body = Document(path).element.body
    texts, open_ids = {}, set()
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.add(element.get(qn("w:id")))
            texts.setdefault(element.get(qn("w:id")), "")
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for cid in open_ids:
                texts[cid] += element.text or ""
    return texts


def test_annotated_copy_has_one_comment_per_finding_on_the_offending_text(tmp_path):
    source, copy = tmp_path / "报告.docx", tmp_path / "报告-批注.docx"
    _report(source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["check", str(source), "--json", "--annotate", str(copy)])
    assert result.exit_code == 1, result.output  # the slips include errors
    findings = json.loads(result.stdout)
    assert {f["found"] for f in findings} >= {"深人", "布署", "两个确力", "十二次", "95.2%", "（姓名）", "约50人左右"}
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before

    comments = list(Document(copy).comments)
    assert len(comments) == len(findings)
    anchored = _anchored_texts(copy)
    by_id = {str(c.comment_id): c for c in comments}
    for f in findings:
        matching = [cid for cid, text in anchored.items() if text == f["found"] and f["code"] in by_id[cid].text]
        assert matching, f"没有锚定在“{f['found']}”上的批注"
    # the copy reads as the original: splitting runs for the anchors changed no text and kept the bold lead
    copied = [p.text for p in Document(copy).paragraphs]
    assert copied == [text for text, _ in PARAGRAPHS]
    assert Document(copy).paragraphs[1].runs[0].bold


def test_a_text_report_is_checked_paragraph_by_paragraph(tmp_path):
    source = tmp_path / "报告.txt"
    source.write_text("\n".join(text for text, _ in PARAGRAPHS), encoding="gb18030")
    result = CliRunner().invoke(main, ["check", str(source), "--json"])
    cells = {(f["cell"], f["found"]) for f in json.loads(result.stdout)}
    assert ("第2段", "深人") in cells and ("第3段", "95.2%") in cells


def test_annotating_a_text_report_is_refused_in_chinese(tmp_path):
    source = tmp_path / "报告.txt"
    source.write_text("坚持深人学习。", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source), "--annotate", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "只有 Word 文档" in result.output and "Traceback" not in result.output
