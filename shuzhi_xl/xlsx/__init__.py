"""Workbook files: the template and sample writer, the reader, and the annotated copy."""
