"""Portfolio sheets: spreadsheet bytes to a table (reader), the fields and header names a sheet can feed (fields),
column mappings applied to a table (mapping), Salkku's own exported workbook (workbook), and the one sheet import
the Import page and the command line share (importing)."""
