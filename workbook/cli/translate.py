"""``workbook translate``: exercise and program texts out to a gettext PO file and back.

``export`` writes a PO file that translators open in Poedit, Weblate or any gettext tool;
``import`` writes their work back into the YAML files, keeping comments and layout, and refuses
any file the translation would break. ``validate --lang`` lists what is still missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbook.cli.context import console, err_console
from workbook.errors import ExitCode, WorkbookError

translate_app = typer.Typer(
    help="Translate exercises and programs with gettext PO files.", no_args_is_help=True
)

PathsArgument = Annotated[
    list[Path],
    typer.Argument(metavar="PATH", help="Exercise or program files, or folders of them."),
]


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@translate_app.command("export")
def export(
    paths: PathsArgument,
    lang: Annotated[str, typer.Option("--lang", help="The language to translate into, e.g. fr.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The PO file to write.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the PO file if it exists.")
    ] = False,
) -> None:
    """Write a PO file with every text of PATHS, and any translations they already have."""
    from workbook.translate import check_lang, export_po, write_po

    code = check_lang(lang)
    if output.suffix.lower() not in (".po", ".pot"):
        raise WorkbookError(f"{output} should end in .po: translation tools look for that name.")
    if output.exists() and not force:
        raise WorkbookError(f"{output} exists already; add --force to replace it.")
    if not output.parent.is_dir():
        raise WorkbookError(f"There is no folder {output.parent} to write {output.name} in.")
    po, count = export_po(paths, code)
    write_po(po, output)
    done = sum(1 for entry in po if entry.msgstr and "fuzzy" not in entry.flags)
    outdated = sum(1 for entry in po if "fuzzy" in entry.flags)
    console.print(
        f"Wrote {output}: {_plural(count, 'text')}, {done} already translated"
        + (f", {outdated} outdated (marked fuzzy)" if outdated else "")
        + ".",
        markup=False,
    )


@translate_app.command("import")
def import_(
    po_file: Annotated[Path, typer.Argument(help="The translated PO file.")],
    paths: PathsArgument,
) -> None:
    """Write the translations in PO_FILE into the YAML files of PATHS."""
    from workbook.translate import check_lang, import_po, po_language, read_po

    if not po_file.is_file():
        raise WorkbookError(f"There is no PO file at {po_file}.")
    po = read_po(po_file)
    lang = check_lang(po_language(po))
    report = import_po(po, paths, lang)
    for path, count in report.written.items():
        console.print(f"{path}: {_plural(count, 'translation')} written.", markup=False)
    if not report.written and not report.problems:
        console.print("Nothing to write: every translation is in place already.", markup=False)
    if report.fuzzy:
        err_console.print(
            f"{_plural(report.fuzzy, 'entry')} marked fuzzy left out: "
            "check them in your PO editor, then import again.",
            markup=False,
        )
    if report.stale:
        err_console.print(
            f"{_plural(len(report.stale), 'entry')} left out because the English changed since "
            "the PO file was made (export again): " + ", ".join(report.stale[:5]),
            markup=False,
        )
    if report.unknown:
        err_console.print(
            f"{_plural(len(report.unknown), 'entry')} left out: no such text in these files: "
            + ", ".join(report.unknown[:5]),
            markup=False,
        )
    for problem in report.problems:
        err_console.print(str(problem), markup=False)
    if report.problems:
        err_console.print(
            "Files with problems were left as they were; fix the translations and import again.",
            markup=False,
        )
        raise typer.Exit(int(ExitCode.PROBLEMS))


def register(app: typer.Typer) -> None:
    """Add ``translate`` to the root app."""
    app.add_typer(translate_app, name="translate")
