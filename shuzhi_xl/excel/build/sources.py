"""The VBA modules of the add-in and the template, gathered from their sources.

``RunPython`` comes from xlwings' own standalone module (``xlwings.bas`` and its Mac ``Dictionary`` class, as
``xlwings quickstart --standalone`` embeds them), read from the pinned wheel at build time, rather than from a
reference to the separately installed xlwings add-in, because:
- a reference to another VBA project is stored as a path; when the xlwings add-in is missing or elsewhere the
  whole project fails to compile ("Can't find project or library") and no button works;
- the user then needs one file (ours) instead of two add-ins whose versions must both match the pip package;
- the xlwings add-in reads the ``xlwings.conf`` sheet of the *active* workbook first, and puts the active
  workbook's folder on ``sys.path``: exactly what a branch's data workbook must not control. The standalone
  module resolves settings against ``ThisWorkbook`` (our own file).
One line of the embedded copy is changed: ADD_WORKBOOK_TO_PYTHONPATH is forced off, so the folder of the
workbook (a folder of branch submissions, for the template) is never put in front of ``sys.path`` where a
planted ``shuzhi_xl`` package could shadow the installed one. shuzhi_xl is always pip-installed.
Upgrading xlwings therefore means: bump the pin, rebuild, commit the new workbook/ files.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ... import schema
from .ovba import Module

#: The xlwings release whose VBA is embedded; must equal the pin in pyproject.toml.
XLWINGS_VERSION = "0.37.8"
SOURCE_DIR = Path(__file__).resolve().parents[3] / "workbook"
RIBBON_XML = SOURCE_DIR / "ribbon" / "customUI14.xml"
VBA_DIR = SOURCE_DIR / "vba"
_PYTHONPATH_SETTING = 'GetConfig("ADD_WORKBOOK_TO_PYTHONPATH", "true")'
_DOCUMENT_ATTRIBUTES = (
    "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
    "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
    "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True",
)
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
#: A class module's attribute block as Excel stores it, in its order; an attribute the .cls export leaves out
#: (VB_Base and the last two) takes the value Excel gives a new class module. Without VB_Base, Excel 365 fails
#: to compile the first ``New`` of the class ("Invalid procedure call or argument").
_CLASS_ATTRIBUTES = (
    ("VB_Name", None), ("VB_Base", f'"{CLASS_BASE}"'), ("VB_GlobalNameSpace", "False"), ("VB_Creatable", "False"),
    ("VB_PredeclaredId", "False"), ("VB_Exposed", "False"), ("VB_TemplateDerived", "False"),
    ("VB_Customizable", "False"),
)


def xlwings_dir() -> Path:
    """Return the installed xlwings package folder, without importing xlwings (only macros.py may)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("xlwings is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    version = _read(folder / "xlwings.bas").split("'Version: ", 1)[1].split()[0]
    if version != XLWINGS_VERSION:
        raise RuntimeError(f"xlwings {version} is installed; the add-in embeds {XLWINGS_VERSION} (see pyproject pin)")
    return folder


def sheet_code_names() -> list[str]:
    """Return the VBA code names of the template's sheets, in workbook order."""
    return [f"Sheet{n}" for n in range(1, len(schema.SHEET_NAMES) + 1)]


def modules() -> list[Module]:
    """Return every module of the VBA project: document modules, the repo's modules, then xlwings'."""
    out = [_document("ThisWorkbook", WORKBOOK_BASE)] + [_document(n, SHEET_BASE) for n in sheet_code_names()]
    for path in sorted(VBA_DIR.glob("*.bas")):
        source = _read(path)
        out.append(Module(vb_name(source), "module", source))
    folder = xlwings_dir()
    runpython = _read(folder / "xlwings.bas")
    if runpython.count(_PYTHONPATH_SETTING) != 2:
        raise RuntimeError("xlwings.bas changed: review the ADD_WORKBOOK_TO_PYTHONPATH patch")
    out.append(Module("xlwings", "module", runpython.replace(_PYTHONPATH_SETTING, '"false"')))
    out.append(Module("Dictionary", "class", _class_body(_read(folder / "addin" / "Dictionary.cls"))))
    return out


def vb_name(source: str) -> str:
    """Return the module name a source declares in its ``Attribute VB_Name`` line."""
    first = source.splitlines()[0]
    if not first.startswith('Attribute VB_Name = "'):
        raise ValueError("a VBA module must begin with Attribute VB_Name")
    return first.split('"')[1]


def _read(path: Path) -> str:
    return path.read_bytes().decode("cp1252")


def _document(name: str, base: str) -> Module:
    lines = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{base}"', *_DOCUMENT_ATTRIBUTES]
    return Module(name, "document", "\r\n".join(lines))


def _class_body(source: str) -> str:
    """Return a .cls export as a module stream holds it: without the ``VERSION 1.0 CLASS`` … ``END`` header, and
    with Excel's attribute block (the export's own values kept, further attributes such as VB_Description after).
    """
    lines = source.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Name"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("Attribute VB_"))
    given = dict(line.removeprefix("Attribute ").split(" = ", 1) for line in lines[start:end])
    block = [f"Attribute {key} = {given.pop(key, default)}" for key, default in _CLASS_ATTRIBUTES]
    block += [f"Attribute {key} = {value}" for key, value in given.items()]
    return "\r\n".join(block + lines[end:])
