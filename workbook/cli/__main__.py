"""``python -m workbook.cli`` runs the command line front door."""

from workbook.cli import main

main()
