"""A folder of branch workbooks as the committee office receives it: good ones, broken ones, a resubmission."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
import unicodedata
from pathlib import Path

import openpyxl

from shuzhi_xl.consolidate.collect import collect_many
from shuzhi_xl.consolidate.summary import KINDS, Column
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.sniff import OLE_MAGIC

GOOD = 6
SEED = 11
#: Broken files by name, each with a word its reason must contain.
BROKEN = {"损坏.xlsx": "损坏", "旧格式.xls": ".xls", "加密.xlsx": "密码", "别的表格.xlsx": "不是述职报告填报工作簿"}
RESUBMITTED = "重交/0002-重交.xlsx"


def collect(path: str | Path, root: str, rules_path: str | None = None, volume_part=None):
    """Return what the one workbook at *path* (under *root*) contributes, as a consolidation's worker gets it."""
    return collect_many([Path(path).relative_to(root).as_posix()], root, rules_path, volume_part)[0]


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    """Return the rows of *sheet* in the summary at *path*, read by openpyxl, as header → value (blank rows left out)."""
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(v is not None for v in row)]


def compound_file(streams: list[str]) -> bytes:
    """Return a minimal MS-CFB (OLE) file holding empty streams named *streams*, as Excel's encrypted
    workbooks hold EncryptionInfo and EncryptionPackage: header, one FAT sector, one directory sector."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = (OLE_MAGIC + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, right, child) + bytes(16 + 4 + 16) + struct.pack("<IQ", end, 0))

    entries = [entry("Root Entry", 5, child=1)]
    entries += [entry(name, 2, right=i + 2 if i + 1 < len(streams) else free) for i, name in enumerate(streams)]
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def build_folder(folder: Path) -> list[Path]:
    """Write the office's folder; return the good workbooks' paths (the resubmission replaces the second)."""
    good = write_samples(folder, GOOD, seed=SEED, jobs=1)
    sample = good[0].read_bytes()
    (folder / "损坏.xlsx").write_bytes(sample[: len(sample) // 2])
    (folder / "旧格式.xls").write_bytes(OLE_MAGIC + bytes(504))
    (folder / "加密.xlsx").write_bytes(compound_file(["EncryptionInfo", "EncryptionPackage"]))
    other = openpyxl.Workbook()
    other.active["A1"] = "姓名"
    other.save(folder / "别的表格.xlsx")
    (folder / "~$0001-机关第一党支部.xlsx").write_bytes(b"lock")
    (folder / "说明.txt").write_text("各支部上报材料", encoding="utf-8")
    resubmitted = folder / RESUBMITTED
    resubmitted.parent.mkdir()
    shutil.copy(good[1], resubmitted)
    stamp = good[1].stat().st_mtime
    os.utime(good[1], (stamp - 3600, stamp - 3600))
    os.utime(resubmitted, (stamp, stamp))
    return [resubmitted if p == good[1] else p for p in good]


def display_width(text: str) -> int:
    """Return the width of *text* in Excel's column units: two for a wide (CJK) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: What each kind of summary column holds (values other than None and "").
HOLDS = {"int": lambda v: isinstance(v, int) and not isinstance(v, bool),
         "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
         "percent": lambda v: isinstance(v, float) and 0 <= v <= 1,
         "datetime": lambda v: isinstance(v, dt.datetime),
         "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime),
         "text": lambda v: isinstance(v, str), "longtext": lambda v: isinstance(v, str)}


def assert_columns_fit(sheet: str, columns: list[Column], rows: list[tuple]) -> None:
    """Assert that each column of a summary sheet suits what *rows* put in it: its kind holds every value (whole
    numbers in an int column, dates in a date column, a share in a percent one), its header wraps to at most three
    lines (the header row's height), and text wider than the column is in a wrapping (longtext) column. Every
    column must hold something in *rows*, so that none is passed unseen."""
    for i, column in enumerate(columns):
        values = [row[i] for row in rows if row[i] not in (None, "")]
        where = f"{sheet}: {column.label}"
        assert values, f"{where} holds nothing here: its kind would go unchecked"
        assert column.kind in KINDS and all(map(HOLDS[column.kind], values)), where
        if all(map(HOLDS["int"], values)):
            assert column.kind == "int", where
        if all(map(HOLDS["date"], values)):
            assert column.kind == "date", where
        if column.kind == "number":  # a figure, not a share: shares are percent
            assert not column.label.endswith(("率", "占比")), where
        assert display_width(column.label) <= 3 * column.width, f"{where}: header over three lines"
        if any("\n" in v or display_width(v) > column.width for v in values if isinstance(v, str)):
            assert column.kind == "longtext", f"{where}: text wider than the column must wrap"
