"""Helpers for the report tests: workbooks with every option switched, and an independent .docx reader.

The reader resolves a run's effective properties the way Word does (run → character style → paragraph style →
its basedOn chain → document defaults), with lxml on the raw parts, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from shuzhi_xl import schema
from shuzhi_xl.model import Metric, Part, Section
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.template import write_workbook
from support import part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
SIGNATURE, DATE = "XXX党支部", dt.date(2022, 1, 5)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def switched_workbook(folder: Path, bold: str, layout: str = schema.LAYOUTS[2], body_font: str = "仿宋",
                      signature: str = SIGNATURE) -> Path:
    """Return a workbook of the sample with every option switched: layout, bold, font, salutation, closing,
    signature and date, an extra part, and metrics cited in the text (one of them missing)."""
    report = sample_report()
    info = report.info
    report.info = replace(info, layout=layout, bold=bold, body_font=body_font, salutation="各位领导、同志们：",
                          closing="特此报告，请予评议。", signature=signature, date=DATE,
                          opening=info.opening.replace("圆满完成", "支部现有党员{党员人数}名，{未填指标}，圆满完成"))
    for each in report.parts:
        for section in each.sections:
            section.layout = ""
    extra = Part("原因分析", [Section(heading="理论学习不够深入", lead="学习的系统性还不强。")])
    at = report.parts.index(part(report, "problems")) + 1
    report.parts.insert(at, extra)
    report.metrics.append(Metric("党员人数", 23.0, "人"))
    return write_workbook(folder / f"全选项-{bold}-{len(signature)}.xlsx", report)


class Docx:
    """The XML parts of a .docx and Word's property inheritance over them."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.raw = {n: z.read(n) for n in z.namelist()}
        self.xml = {n: etree.fromstring(b) for n, b in self.raw.items() if n.endswith((".xml", ".rels"))}
        self.document = self.xml["word/document.xml"]
        self.styles = {s.get(w("styleId")): s for s in self.xml["word/styles.xml"].iterfind("w:style", NS)}
        self.defaults = self.xml["word/styles.xml"].find("w:docDefaults", NS)

    @property
    def body_paragraphs(self):
        return self.document.findall("w:body/w:p", NS)

    def part(self, rel_id: str):
        rels = self.xml["word/_rels/document.xml.rels"]
        target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
        return self.xml[f"word/{target}"]

    def _chain(self, style_id: str | None, kind: str):
        if style_id is None:
            style_id = next((i for i, s in self.styles.items() if s.get(w("type")) == kind
                             and s.get(w("default")) == "1"), None)
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find("w:basedOn", NS)
            style_id = based.get(w("val")) if based is not None else None

    def _layers(self, paragraph, run):
        """Yield the property boxes that decide a run's (or, run None, a paragraph's) formatting, strongest first."""
        box = "w:rPr" if run is not None else "w:pPr"
        if run is not None:
            yield run.find("w:rPr", NS)
            rstyle = run.find("w:rPr/w:rStyle", NS)
            if rstyle is not None:
                yield from (s.find(box, NS) for s in self._chain(rstyle.get(w("val")), "character"))
        else:
            yield paragraph.find("w:pPr", NS)
        pstyle = paragraph.find("w:pPr/w:pStyle", NS)
        yield from (s.find(box, NS) for s in self._chain(pstyle.get(w("val")) if pstyle is not None else None,
                                                       "paragraph"))
        yield self.defaults.find("w:rPrDefault/w:rPr" if run is not None else "w:pPrDefault/w:pPr", NS)

    def prop(self, paragraph, run, path: str, attribute: str = "val"):
        """Return the effective *attribute* of the element at *path* (in rPr when *run*, else pPr), or None."""
        for layer in self._layers(paragraph, run):
            element = layer.find(path, NS) if layer is not None else None
            if element is not None and element.get(w(attribute)) is not None:
                return element.get(w(attribute))
        return None

    def is_bold(self, paragraph, run) -> bool:
        """Return True when the run prints bold (<w:b/> with no value means on)."""
        for layer in self._layers(paragraph, run):
            element = layer.find("w:b", NS) if layer is not None else None
            if element is not None:
                return element.get(w("val"), "1") not in ("0", "false")
        return False


def run_text(run) -> str:
    return "".join(t.text or "" for t in run.iterfind("w:t", NS))
