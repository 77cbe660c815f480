"""Batch review of many reports for a 财政局 / 主管部门 reviewer: ``batch`` audits them (one record per report,
a bad file never stopping the rest), ``workbook`` writes the review workbook (one row per report, a sheet of
every finding). The CLI (``jixiao check … --summary``) and the UI's audit tab both use these.
"""
