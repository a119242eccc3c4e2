"""The notes (comments) on a workbook's cells, from its parts as writers leave them: found through each sheet's
relationships (whatever else they list, in any order, however the type is spelled), their text the runs joined,
and a damaged part passed over without losing another sheet's notes. Parts written by hand."""

from __future__ import annotations

from shuzhi_xl.xlsx.notes import cell_notes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
SHEETS = {"基本信息": "xl/worksheets/sheet2.xml", "活动台账": "xl/worksheets/sheet4.xml"}


def rels(*relationships: str) -> bytes:
    listed = "".join(f'<Relationship Id="rId{n}" {r}/>' for n, r in enumerate(relationships, start=1))
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{listed}' \
           f"</Relationships>".encode()


def comments(*items: str) -> bytes:
    return f'<comments xmlns="{MAIN}"><commentList>{"".join(items)}</commentList></comments>'.encode()


def test_a_note_is_found_past_the_sheets_other_relationships_and_its_runs_are_joined():
    # As Excel writes a note: its author in a bold run, the text in another; the VML drawing beside it (listed first
    # here) is no XML a parser reads (<br>), and is no notes part.
    parts = {
        "xl/worksheets/_rels/sheet2.xml.rels": rels(f'Type="{TYPES}vmlDrawing" Target="../drawings/vmlDrawing1.vml"',
                                                    f'Type="{TYPES}comments" Target="../comments1.xml"'),
        "xl/drawings/vmlDrawing1.vml": b"<xml><v:shape><br></v:shape></xml>",
        "xl/comments1.xml": comments('<comment ref="B2">\n  <text>\n    <r><rPr><b/></rPr><t>张三:</t></r>\n'
                                     '    <r><t xml:space="preserve">\n请核实</t></r><r><t/></r>\n  </text>\n</comment>'),
    }
    assert cell_notes(parts, SHEETS) == {("基本信息", "B2"): "张三:\n请核实"}


def test_a_damaged_relationships_part_loses_only_its_own_sheets_notes():
    parts = {
        "xl/worksheets/_rels/sheet2.xml.rels": b"<Relationships><Relationship Type='comments'",  # cut short
        "xl/worksheets/_rels/sheet4.xml.rels": rels(f'Type="{TYPES}table"',  # no Target: names no part
                                                    f'Type="{TYPES}comments" Target="/xl/comments2.xml"'),
        "xl/comments2.xml": comments('<comment ref="C3"><text><t>忽略：已核实</t></text></comment>'),
    }
    assert cell_notes(parts, SHEETS) == {("活动台账", "C3"): "忽略：已核实"}


def test_a_relationship_type_written_with_character_references_is_read_as_xml_reads_it():
    parts = {"xl/worksheets/_rels/sheet2.xml.rels": rels(f'Type="{TYPES}&#99;&#111;mments" Target="../c.xml"'),
             "xl/c.xml": comments('<comment ref="B3"><text><t>备注</t></text></comment>')}
    assert cell_notes(parts, SHEETS) == {("基本信息", "B3"): "备注"}


def test_a_note_without_a_cell_is_the_sheets():
    parts = {"xl/worksheets/_rels/sheet4.xml.rels": rels(f'Type="{TYPES}comments" Target="../c.xml"'),
             "xl/c.xml": comments("<comment><text><t>整张表</t></text></comment>")}
    assert cell_notes(parts, SHEETS) == {("活动台账", ""): "整张表"}
