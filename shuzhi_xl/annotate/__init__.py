"""The findings written into a copy of the user's file: a workbook's 检查结果 sheet, highlighted cells and
comments (workbook.py), or a Word report's comments (document.py). The original is only read."""
