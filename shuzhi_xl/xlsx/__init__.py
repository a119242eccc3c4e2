"""Workbook files: the template and sample writer, and the reader with its guards against hostile files."""
