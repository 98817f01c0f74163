"""``python -m workbook`` runs the same front door as the ``workbook`` command."""

from workbook.cli import main

main()
