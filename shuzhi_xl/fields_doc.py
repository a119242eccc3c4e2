"""The field reference, derived from the schema: shown in the 填写说明 sheet and in the README."""

from __future__ import annotations

from . import schema

#: The README's field table sits between these markers; ``shuzhi build-excel`` rewrites it.
README_START, README_END = "<!-- fields:start -->\n", "<!-- fields:end -->"
KIND_LABELS = {"text": "文字", "longtext": "长文字", "int": "整数", "number": "数字", "date": "日期", "choice": "下拉选择"}
HEADER = ("工作表", "栏目", "必填", "类型", "说明")


def field_rows() -> list[tuple[str, str, str, str, str]]:
    """Return one row per field of every data sheet: sheet, label, required, kind, hint (with choices and default)."""
    rows = []
    for sheet in schema.SHEETS:
        for f in sheet.form + sheet.columns:
            notes = [f.hint] if f.hint else []
            if f.choices:
                notes.append("可选：" + "、".join(f.choices))
            if f.default:
                notes.append(f"默认：{f.default}")
            rows.append((sheet.name, f.label, "是" if f.required else "", KIND_LABELS[f.kind], " ".join(notes)))
    return rows


def markdown_field_table() -> str:
    """Return the field reference as a Markdown table (the README embeds it verbatim)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in field_rows()]
    return "\n".join(lines) + "\n"


def with_field_table(readme: str) -> str:
    """Return the README text *readme* with the table between the field markers regenerated."""
    head, rest = readme.split(README_START, 1)
    return head + README_START + markdown_field_table() + README_END + rest.split(README_END, 1)[1]
