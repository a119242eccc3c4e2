Attribute VB_Name = "ShuzhiRibbon"
' Ribbon callbacks of the shuzhi_xl add-in and macro template.
' Each button runs one Python entry point through xlwings' RunPython with a fixed command string:
' nothing read from a workbook is ever put into code. All logic lives in shuzhi_xl.excel.macros.
Option Explicit

Public Sub ShuzhiCheck(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.check()"
End Sub

Public Sub ShuzhiReport(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.report()"
End Sub

Public Sub ShuzhiExportPdf(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.export_pdf()"
End Sub

Public Sub ShuzhiImport(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.import_report()"
End Sub

Public Sub ShuzhiConsolidate(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.consolidate()"
End Sub

Public Sub ShuzhiClear(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.clear_inputs()"
End Sub

Public Sub ShuzhiAbout(control As IRibbonControl)
    If SafeToRun() Then RunPython "import shuzhi_xl.excel.macros as m; m.about()"
End Sub

' xlwings takes its settings (the interpreter among them) from an "xlwings.conf" sheet of the workbook,
' then from an xlwings.conf file beside it, before the user's own config; a sheet named *.py is run as
' embedded code. A data workbook could use any of these to choose what runs, so refuse when one is there.
' The embedded xlwings module is built with ADD_WORKBOOK_TO_PYTHONPATH off, so a workbook's folder
' never shadows the installed shuzhi_xl package either.
Private Function SafeToRun() As Boolean
    Dim wb As Variant
    For Each wb In Array(ThisWorkbook, ActiveWorkbook)
        If Not wb Is Nothing Then
            If CarriesSettings(wb) Then
                MsgBox Zh("5F53 524D 5DE5 4F5C 7C3F FF08 6216 5176 6587 4EF6 5939 FF09 542B 6709") & _
                    " xlwings.conf " & Zh("8BBE 7F6E 6216") & " .py " & _
                    Zh("5DE5 4F5C 8868 FF0C 53EF 80FD 501F 6B64 6307 5B9A 8FD0 884C 7684 7A0B 5E8F FF0C 4E3A " & _
                       "5B89 5168 8D77 89C1 5DF2 505C 6B62 3002 8BF7 5220 9664 540E 91CD 8BD5 3002"), _
                    vbExclamation, Zh("8FF0 804C 62A5 544A")
                Exit Function
            End If
        End If
    Next wb
    SafeToRun = True
End Function

' Return True when wb has an xlwings.conf sheet, a *.py sheet, or an xlwings.conf file beside it.
Public Function CarriesSettings(wb As Variant) As Boolean
    Dim sh As Variant, folder As String
    For Each sh In wb.Sheets
        If LCase$(sh.Name) = "xlwings.conf" Or LCase$(Right$(sh.Name, 3)) = ".py" Then
            CarriesSettings = True
            Exit Function
        End If
    Next sh
    folder = wb.Path
    If Len(folder) > 0 And InStr(folder, "://") = 0 Then
        On Error Resume Next
        CarriesSettings = Len(Dir$(folder & Application.PathSeparator & "xlwings.conf")) > 0
        On Error GoTo 0
    End If
End Function

' Return the text spelled by space-separated hex UTF-16 code units: VBA source is code page 1252,
' so the few Chinese messages shown before Python starts are written this way.
Public Function Zh(ByVal codes As String) As String
    Dim unit As Variant
    For Each unit In Split(codes, " ")
        Zh = Zh & ChrW(Val("&H" & unit & "&"))
    Next unit
End Function
