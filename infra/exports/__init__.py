"""Spreadsheet exports (issue 8, item 5): case lists and ledgers as .xlsx with Chinese headers, written row by
row (openpyxl's write-only mode) from rows read in batches, so a large export holds one batch in memory."""
