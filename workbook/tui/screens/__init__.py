"""The workbook's screens, one module each; opened through :mod:`workbook.tui.sections`."""
