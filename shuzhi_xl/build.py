"""Build the committed artifacts from source, byte-identically on every run: workbook/'s, and the report
skeletons the package keeps (report.package)."""

from __future__ import annotations

from pathlib import Path

from . import data_path
from .fields_doc import with_field_table
from .samples import SAMPLE_NAME, TEMPLATE_NAME, sample_report
from .xlsx.template import workbook_bytes

ADDIN_NAME = "shuzhi_xl.xlam"
MACRO_TEMPLATE_NAME = str(Path(TEMPLATE_NAME).with_suffix(".xlsm"))
#: Artifacts also shipped inside the package, so `pip install` can provide them (shuzhi install-addin); a build
#: into the repository's workbook/ refreshes them.
PACKAGED = (ADDIN_NAME,)


def artifacts() -> dict[str, bytes]:
    """Return every built file of workbook/ by name."""
    from .excel.build.package import macro_workbook  # the VBA build is only needed here

    return {TEMPLATE_NAME: workbook_bytes(), SAMPLE_NAME: workbook_bytes(sample_report()),
            MACRO_TEMPLATE_NAME: macro_workbook("xlsm"), ADDIN_NAME: macro_workbook("xlam")}


def build_all(out: Path) -> list[Path]:
    """Write every artifact into *out*; return the paths written. Only a build into the repository's workbook/
    also refreshes the packaged copies (which must equal it), the report skeletons and the README's field table:
    a build elsewhere leaves the package and the README alone."""
    from .excel.build.sources import SOURCE_DIR

    out.mkdir(parents=True, exist_ok=True)
    written = []
    built = artifacts()
    for name, data in built.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    if out.resolve() == SOURCE_DIR.resolve():
        from .report.docx import skeletons

        for name, data in [*((name, built[name]) for name in PACKAGED), *skeletons().items()]:
            data_path(name).write_bytes(data)
            written.append(data_path(name))
        readme = SOURCE_DIR.parent / "README.md"
        readme.write_text(with_field_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(readme)
    return written
