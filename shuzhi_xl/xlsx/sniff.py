"""Open a workbook file as plain grids, telling the user exactly why a file cannot be used."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree
from xml.parsers import expat

from .. import schema
from ..errors import WorkbookError, clipped
from ..limits import MAX_PACKAGE_BYTES, WORKBOOK_SIZES
from ..opc import Codec
from . import legacy
from .bounds import BOOK_PARTS, PACKAGE_RELS, WORKBOOK, Parts, Watch, checked_package, sheet_parts, workbook_target
from .extent import unparsable
from .notes import cell_notes

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted .xlsx is an OLE compound file holding an "EncryptionInfo" stream (names are UTF-16LE).
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
#: A workbook file up to this size is read whole, once: its parts are then read from memory, not with a seek and
#: reads each from the file (a generated workbook is ~20 KB). A larger one is read part by part.
READ_AT_ONCE = 4 * 2**20
#: The sheets that hold data: the schema's, and those of version 1 (xlsx/legacy.py).
DATA_SHEETS = frozenset(sheet.name for sheet in schema.SHEETS).union(legacy.SHEET_NAMES)
#: What zipfile.ZipFile raises on a damaged or hostile package's directory: besides BadZipFile and OSError, an
#: unknown zip version (NotImplementedError), a name that is not UTF-8 and a directory placed before the file's
#: start (ValueError).
ZIP_OPEN_ERRORS = (zipfile.BadZipFile, OSError, NotImplementedError, ValueError)
#: What a Rust panic inside calamine raises: pyo3's PanicException, a BaseException python_calamine does not
#: export, so it is known by its module and name.
RUST_PANIC = "pyo3_runtime.PanicException"
_DEFINED_NAME = re.compile(rb'<definedName[^>]*name="' + schema.VERSION_NAME.encode() + rb'"[^>]*>([^<]*)<')


class Sheets(NamedTuple):
    """What a workbook file holds for the checks: grids of its sheets, and the notes on their cells."""

    grids: dict[str, list[list[object]]]
    notes: dict[tuple[str, str], str]


def open_grids(path: str | Path, *, silence_rust: bool = False) -> dict[str, list[list[object]]]:
    """Return the data sheets of the workbook at *path* as rows of values from A1; raise WorkbookError if unusable.
    *silence_rust* as for calamine_refused.

    Sheets the schema does not know (the guide, a user's own) are not read: they cost time and hold no data.
    """
    return open_sheets(path, notes=False, silence_rust=silence_rust).grids


def open_sheets(path: str | Path, also: tuple[str, ...] = (), *, notes: bool = True,
                codec: Codec = zlib, silence_rust: bool = False) -> Sheets:
    """Return open_grids' grids plus those of the sheets named in *also* when present, and (with *notes*) the
    notes on the data sheets' cells, from one read of the file, its parts inflated by *codec* (open_package).
    *silence_rust* as for calamine_refused."""
    path = Path(path)
    wanted = DATA_SHEETS.union(also)
    with open_package(path, codec) as parts:
        check_version(path, parts)
        located = sheet_parts(path, parts)
        checked = checked_package(parts, {name: part for name, part in located.items() if name in wanted})
        found = cell_notes(parts, {n: p for n, p in located.items() if n in DATA_SHEETS}) if notes else {}
    return Sheets(_grids(path, checked, wanted, silence_rust), found)


def _grids(path: Path, checked: bytes, wanted: frozenset[str], silence_rust: bool) -> dict[str, list[list[object]]]:
    """Return calamine's grids of the sheets named in *wanted* that the checked package *checked* holds."""
    from python_calamine import CalamineWorkbook  # imported here: a compiled module, only needed to read

    sheet = None  # the sheet being read, named when it cannot be
    grids = {}
    with calamine_refused(lambda exc: _unreadable(path, checked, sheet, exc), silence_rust=silence_rust):
        book = CalamineWorkbook.from_filelike(io.BytesIO(checked))
        for sheet in (name for name in book.sheet_names if name in wanted):
            grids[sheet] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return grids


@contextmanager
def calamine_refused(refusal: Callable[[BaseException], WorkbookError], *, silence_rust: bool) -> Iterator[None]:
    """Run the block, in which calamine reads a checked package (bounds.checked_package), and raise
    *refusal*(the exception) for what calamine raises instead: its own errors for a part it cannot read (an
    Exception) and a Rust panic (not one: is_rust_panic). A WorkbookError of the block's own is passed on.

    With *silence_rust*, file descriptor 2 goes nowhere meanwhile (_rust_stderr_silenced): the door's choice. A
    command or a pool worker owns its process and says so; the web server does not, its stderr being a log that
    its other threads write to (they would lose it meanwhile), where a panic's text then stays before the message."""
    try:
        with _rust_stderr_silenced() if silence_rust else nullcontext():
            yield
    except WorkbookError:
        raise
    except Exception as exc:
        raise refusal(exc) from None
    except BaseException as exc:
        if not is_rust_panic(exc):
            raise
        raise refusal(exc) from None


def is_rust_panic(exc: BaseException) -> bool:
    """Return True when *exc* is a Rust panic inside calamine (RUST_PANIC)."""
    return f"{type(exc).__module__}.{type(exc).__qualname__}" == RUST_PANIC


def _unreadable(path: Path, checked: bytes, sheet: str | None, exc: BaseException) -> WorkbookError:
    """Return the refusal of the checked package *checked* that calamine could not read (*exc*) when reading *sheet*
    (None: when opening it): said in Chinese where it can be named, with calamine's own words only where not."""
    from python_calamine import XmlError

    if is_rust_panic(exc):  # e.g. a huge negative number in a date cell
        return WorkbookError("有单元格的数值无法读取，多半是日期栏中填了过大或为负的数字。"
                             "请检查各日期栏，改为如 2024-03-15 的日期。", path, sheet or "")
    if sheet is not None and isinstance(exc, XmlError):
        return unparsable(path, sheet)
    if sheet is None and (cause := _unopenable(checked)):
        return WorkbookError(f"文件已损坏（{cause}），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。", path)
    return WorkbookError("文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。"
                         f"（读取时的错误：{clipped(str(exc), 200)}）", path, sheet or "")


def _unopenable(checked: bytes) -> str | None:
    """Return why calamine cannot open the checked package *checked*, in Chinese, when it can be named."""
    with zipfile.ZipFile(io.BytesIO(checked)) as package:
        names = package.namelist()
        if PACKAGE_RELS not in names:
            return f"压缩包中没有“{PACKAGE_RELS}”"
        target = workbook_target(package.read(PACKAGE_RELS))
        if target.lower() != WORKBOOK:  # calamine follows the package's relationships; the reader reads xl/ only
            return f"工作簿不在通常的位置 {WORKBOOK}，而在“{clipped(target)}”"
        # the parts calamine reads on opening, one at a time (the sheets are read later, and named then)
        malformed = next((name for name in BOOK_PARTS if name in names and not _well_formed(package.read(name))), None)
    return f"其中的“{clipped(malformed)}”不是有效的 XML" if malformed else None


def _well_formed(xml: bytes) -> bool:
    """Return whether *xml* is well-formed, as expat judges it (no tree is built: a part may be 64 MB)."""
    try:
        expat.ParserCreate().Parse(xml, True)
    except expat.ExpatError:
        return False
    return True


@contextmanager
def _rust_stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to nowhere while calamine runs: Rust prints a panic (and, with RUST_BACKTRACE set,
    its backtrace) there before Python sees the PanicException, which the caller turns into a Chinese message.
    The descriptor is the whole process's (calamine_refused's *silence_rust*)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, AttributeError, ValueError):  # no stderr at all (pythonw, a COM server): nothing to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@contextmanager
def open_package(path: Path, codec: Codec = zlib, *, sizes: tuple[int, int] = WORKBOOK_SIZES,
                 watch: Watch | None = None) -> Iterator[Parts]:
    """Yield the parts of the .xlsx/.xlsm at *path*, or raise WorkbookError saying what the file is instead. The
    parts are inflated by *codec*: zlib, or opc.fast_zlib() where thousands of files are read (consolidation);
    a command reading one workbook does not pay ISA-L's import. Either gives the same parts and refusals. Each
    part inflated is shown to *watch* as it is (bounds.inflate)."""
    if not path.is_file():  # one stat when it is; a pipe or a device: reading it could wait forever or never end
        raise WorkbookError(_not_a_file(path), path)
    with ExitStack() as stack:  # the file stays open while its parts are read: a large one is read part by part
        try:
            file = stack.enter_context(path.open("rb"))
            size = os.fstat(file.fileno()).st_size
            data = file.read(size if size <= READ_AT_ONCE else len(OLE_MAGIC))
            if data.startswith(OLE_MAGIC):
                data += file.read(MAX_PACKAGE_BYTES)  # bounded: a stray multi-GB file
        except OSError as exc:
            raise WorkbookError(f"无法打开文件（{exc.strerror}）。如文件正在其他程序中打开，请关闭后重试。", path) from None
        if data.startswith(OLE_MAGIC):
            if ENCRYPTION_STREAM in data:
                raise WorkbookError("文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存再试。", path)
            raise WorkbookError("这是旧版 Excel 97-2003 (.xls) 或 Word (.doc) 文件。请用 Excel 或 WPS 打开，"
                                "另存为“Excel 工作簿 (.xlsx)”后再试。", path)
        if not data.startswith(ZIP_MAGIC):
            raise WorkbookError("不是 Excel 工作簿（.xlsx）文件。", path)
        source = io.BytesIO(data) if size <= READ_AT_ONCE else file
        try:
            package = stack.enter_context(zipfile.ZipFile(source))
            names = set(package.namelist())
        except ZIP_OPEN_ERRORS:
            raise WorkbookError("文件已损坏（压缩包结构不完整），无法读取。请找回原文件或重新导出。", path) from None
        if WORKBOOK not in names:
            if "word/document.xml" in names:
                raise WorkbookError("这是 Word 文档，不是 Excel 工作簿。导入往年报告请用 shuzhi import。", path)
            raise WorkbookError("不是 Excel 工作簿（压缩包中没有工作簿内容）。", path)
        yield Parts(path, package, source, codec, sizes=sizes, watch=watch)


def _not_a_file(path: Path) -> str:
    """Return what the user is told about *path*, which is not a regular file."""
    if not path.exists():
        return "文件不存在。请检查路径和文件名。"
    if path.is_dir():
        return "这是一个文件夹，不是工作簿文件。"
    return "这不是普通文件（可能是管道或设备），不是工作簿文件。"


def check_version(path: Path, parts: Mapping[str, bytes]) -> None:
    """Raise WorkbookError unless the workbook (its inflated *parts*, with a workbook part: open_package) carries
    this program's schema version marker."""
    match = _DEFINED_NAME.search(parts[WORKBOOK])
    found = _xml_text(match.group(1)).strip('"') if match else None
    if found in (schema.SCHEMA_VERSION, legacy.VERSION):  # version 1 is still read (xlsx/legacy.py)
        return
    if found is None:
        raise WorkbookError("这不是述职报告填报工作簿（没有结构版本标记）。请用 shuzhi template 生成模板，"
                            "把内容复制进去后再试。", path)
    raise WorkbookError(f"工作簿的结构版本是 {found}，本程序需要版本 {schema.SCHEMA_VERSION}。"
                        "请用 shuzhi template 生成新模板，把内容复制过去，或安装与该工作簿相应版本的程序。", path)


def _xml_text(raw: bytes) -> str:
    """Return the character data *raw* (XML without tags) as an XML parser reads it: its references resolved."""
    if b"&" not in raw:
        return raw.decode("utf-8", "replace")
    try:
        return ElementTree.fromstring(b"<t>" + raw + b"</t>").text or ""
    except ElementTree.ParseError:  # a reference XML does not know: the text as written
        return raw.decode("utf-8", "replace")
