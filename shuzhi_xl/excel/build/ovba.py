"""Write a VBA project storage (MS-OVBA) from module source text: what goes into ``xl/vbaProject.bin``.

The project is source-only: ``_VBA_PROJECT`` carries version 0xFFFF and no performance cache, every module
stream is the compressed source at MODULEOFFSET 0, so Office compiles from source on first open. Everything
that a writer may choose (project ID, encryption seeds) is fixed or derived from the inputs: two builds of
the same sources give the same bytes.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass

from .cfb import compound_file
from .compression import compress

CODEPAGE = 1252
LCID = 0x0409
#: MS-OVBA 2.3.4.1: reserved 0x61CC, version 0xFFFF (no p-code), reserved 0x00, reserved 0x0000.
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")
OFFICE_TYPELIB = "{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}"
REFERENCES = (
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    # IRibbonControl is declared in the Office type library.
    ("Office", rf"*\G{OFFICE_TYPELIB}#2.0#0#C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL"
               "#Microsoft Office 16.0 Object Library"),
)
_HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
#: Fixed seeds for the PROJECT stream's obfuscated fields (MS-OVBA 2.4.3); any seed is valid.
_SEEDS = {"CMG": 0x1B, "DPB": 0x2D, "GC": 0x3C}


@dataclass(frozen=True)
class Module:
    """One VBA module: *kind* is "document" (ThisWorkbook, sheets), "module" (standard) or "class"."""

    name: str
    kind: str
    source: str

    @property
    def code(self) -> bytes:
        """Return the source as stored: code page 1252, CRLF line ends."""
        return "\r\n".join(self.source.splitlines()).encode("cp1252") + b"\r\n"


def project_id(seed: str) -> str:
    """Return the project's GUID in braces, derived from *seed* (deterministic, unique per project)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"shuzhi_xl:{seed}")).upper() + "}"


def vba_project(name: str, modules: list[Module], seed: str) -> bytes:
    """Return the bytes of ``vbaProject.bin`` holding *modules*, for a project called *name*."""
    pid = project_id(seed)
    streams = {
        "PROJECT": project_stream(name, pid, modules),
        "PROJECTwm": b"".join(m.name.encode("cp1252") + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
                              for m in modules) + b"\0\0",
        "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM,
        "VBA/dir": compress(dir_stream(name, modules)),
    }
    for module in modules:
        streams[f"VBA/{module.name}"] = compress(module.code)
    return compound_file(streams)


def project_stream(name: str, pid: str, modules: list[Module]) -> bytes:
    """Return the PROJECT stream (MS-OVBA 2.3.1): module list, name and the protection fields."""
    lines = [f'ID="{pid}"']
    for m in modules:
        lines.append({"document": f"Document={m.name}/&H00000000", "module": f"Module={m.name}",
                      "class": f"Class={m.name}"}[m.kind])
    lines += [f'Name="{name}"', 'HelpContextID="0"', 'VersionCompatible32="393222000"']
    key = sum(pid.encode("ascii")) & 0xFF
    for field, data in (("CMG", b"\0\0\0\0"), ("DPB", b"\0"), ("GC", b"\xff")):
        lines.append(f'{field}="{encrypt(data, key, _SEEDS[field]).hex().upper()}"')
    lines += ["", "[Host Extender Info]", _HOST_EXTENDER]
    # Excel ends the stream with the VBA editor's windows, one line per module; every window closed.
    lines += ["", "[Workspace]", *(f"{m.name}=0, 0, 0, 0, C" for m in modules)]
    return "\r\n".join(lines).encode("cp1252") + b"\r\n"


def encrypt(data: bytes, project_key: int, seed: int) -> bytes:
    """Return *data* obfuscated per MS-OVBA 2.4.3.2 with a fixed *seed* (ignored bytes are zeros)."""
    version_enc, key_enc = seed ^ 2, seed ^ project_key
    out = bytearray((seed, version_enc, key_enc))
    plain1, enc1, enc2 = project_key, key_enc, version_enc
    ignored = bytes((seed & 6) // 2)
    for byte in ignored + struct.pack("<I", len(data)) + data:
        byte_enc = byte ^ ((enc2 + plain1) & 0xFF)
        out.append(byte_enc)
        enc2, enc1, plain1 = enc1, byte_enc, byte
    return bytes(out)


def _record(rid: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rid, len(payload)) + payload


def _text_pair(rid: int, text: str, unicode_id: int) -> bytes:
    """Return a record carrying *text* in the code page, followed by its UTF-16 twin."""
    return _record(rid, text.encode("cp1252")) + _record(unicode_id, text.encode("utf-16-le"))


def dir_stream(name: str, modules: list[Module]) -> bytes:
    """Return the uncompressed ``dir`` stream (MS-OVBA 2.3.4.2): project info, references, modules."""
    out = bytearray()
    out += _record(0x0001, struct.pack("<I", 1))  # SYSKIND Win32, as Office writes for both bitnesses
    out += _record(0x0002, struct.pack("<I", LCID))
    out += _record(0x0014, struct.pack("<I", LCID))
    out += _record(0x0003, struct.pack("<H", CODEPAGE))
    out += _record(0x0004, name.encode("cp1252"))
    out += _text_pair(0x0005, "", 0x0040)
    out += _text_pair(0x0006, "", 0x003D)
    out += _record(0x0007, struct.pack("<I", 0))
    out += _record(0x0008, struct.pack("<I", 0))
    # PROJECTVERSION: its Size field is 4, yet 6 bytes follow (major 4 bytes, minor 2 bytes). The version only
    # matters to another project holding a REFERENCEPROJECT to this one (it records the version it expects), and
    # none does; Office bumps it on its own saves. 1.0 is fixed so that builds stay byte-identical, where Excel
    # seeds it from the clock. PROJECTCOMPATVERSION (0x004A, optional) is left out, as in every file written by
    # Office before the record existed: no Excel version refuses a project without it, while a value naming a
    # newer object model than the user's Excel is untested.
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)
    out += _text_pair(0x000C, "", 0x003C)
    for ref_name, libid in REFERENCES:
        out += _text_pair(0x0016, ref_name, 0x003E)
        lib = libid.encode("cp1252")
        body = struct.pack("<I", len(lib)) + lib + struct.pack("<IH", 0, 0)
        out += _record(0x000D, body)
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))
    for m in modules:
        out += _record(0x0019, m.name.encode("cp1252"))
        out += _record(0x0047, m.name.encode("utf-16-le"))
        out += _text_pair(0x001A, m.name, 0x0032)
        out += _text_pair(0x001C, "", 0x0048)
        out += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: the stream holds source only
        out += _record(0x001E, struct.pack("<I", 0))
        out += _record(0x002C, struct.pack("<H", 0xFFFF))
        out += _record(0x0021 if m.kind == "module" else 0x0022, b"")
        out += _record(0x002B, b"")
    out += _record(0x0010, b"")
    return bytes(out)
