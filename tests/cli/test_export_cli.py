"""Tests of `workbook export` through the CLI's single exit point, on the demo couple.

Each test runs ``workbook --home DEMO export ...`` with the given standard input and checks
the file written (its permissions, its structure, what it holds) and the exit code.
"""

from __future__ import annotations

import html
import io
import json
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from workbook.cli import run
from workbook.demo import DEMO_END, DEMO_PASSPHRASE, DemoResult, build_demo
from workbook.errors import ExitCode
from workbook.export.models import ExportDocument, json_schema
from workbook.journal import vault

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return build_demo(tmp_path_factory.mktemp("cli-demo") / "home", end=DEMO_END)


@pytest.fixture
def cli(
    demo: DemoResult, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    """Run `workbook --home DEMO export ARGS...` with ``stdin``; give code, out, err."""
    monkeypatch.setattr(vault, "WRONG_PASSPHRASE_DELAY", 0)

    def invoke(*args: str, stdin: str = "") -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = run(["--home", str(demo.home), "export", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def normalise(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", html.unescape(text).casefold())


def found(text: str, secrets: list[str]) -> list[str]:
    haystack = normalise(text)
    return [s for s in secrets if normalise(s) in haystack]


@pytest.mark.parametrize("name", ["report.md", "report.html", "report.json"])
def test_export_writes_each_format_privately_and_without_private_text(
    cli: Cli, demo: DemoResult, tmp_path: Path, name: str
) -> None:
    """The format follows the file's extension; the file is 0600 and holds no private words."""
    target = tmp_path / name
    code, out, _ = cli("-o", str(target))
    assert code == 0, out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert found(text, demo.private_texts["a"] + demo.private_texts["b"]) == []
    assert "private items left out" in out
    if name.endswith(".json"):
        jsonschema.validate(json.loads(text), json_schema(), cls=jsonschema.Draft202012Validator)
    elif name.endswith(".html"):
        assert text.startswith("<!DOCTYPE html>")
    else:
        assert text.startswith("# ")


def test_format_option_wins_over_the_extension(cli: Cli, tmp_path: Path) -> None:
    """--format json writes JSON even into a .txt file."""
    target = tmp_path / "report.txt"
    code, _, _ = cli("--format", "json", "-o", str(target))
    assert code == 0
    assert ExportDocument.model_validate_json(target.read_text(encoding="utf-8")).sessions


def test_include_private_adds_only_the_unlocking_partners_items(
    cli: Cli, demo: DemoResult, tmp_path: Path
) -> None:
    """Jordan unlocks in this command and opts in: his private words are there, Maya's are not."""
    target = tmp_path / "jordan.json"
    code, out, err = cli(
        "-o",
        str(target),
        "--include-private",
        "--partner",
        "jordan",
        "--passphrase-stdin",
        stdin=f"{DEMO_PASSPHRASE}\n",
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert sorted(found(text, demo.private_texts["b"])) == sorted(demo.private_texts["b"])
    assert found(text, demo.private_texts["a"]) == []
    assert DEMO_PASSPHRASE not in out + err + text
    doc = ExportDocument.model_validate_json(text)
    assert doc.scope.private_partner == "b"
    assert {e.author for e in doc.journal} == {"b"}


def test_wrong_passphrase_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    """A wrong passphrase is refused with the access-denied code and no file appears."""
    target = tmp_path / "nope.md"
    code, _, err = cli(
        "-o",
        str(target),
        "--include-private",
        "--partner",
        "Maya",
        "--passphrase-stdin",
        stdin="not the passphrase\n",
    )
    assert code == ExitCode.DENIED
    assert "passphrase" in err.lower()
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("--include-private",),
        ("--partner", "Maya"),
        ("--approvals-stdin",),
        ("--packet", "--include-private", "--partner", "Maya"),
    ],
)
def test_options_that_need_each_other_are_refused(
    cli: Cli, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """--include-private needs --partner (and the reverse); --approvals-stdin needs --packet;
    a packet (reviewed by both) never takes one partner's private items."""
    target = tmp_path / "x.md"
    code, _, err = cli("-o", str(target), *args)
    assert code == ExitCode.USAGE and err.strip()
    assert not target.exists()


def test_packet_from_stdin_keeps_only_items_both_approved(cli: Cli, tmp_path: Path) -> None:
    """Answers come A then B per item; the packet holds exactly the items with two yeses."""
    whole = tmp_path / "whole.json"
    assert cli("-o", str(whole))[0] == 0
    doc = ExportDocument.model_validate_json(whole.read_text(encoding="utf-8"))
    items = [("session", s.id) for s in doc.sessions] + [("goal", g.id) for g in doc.goals]
    answers = []
    wanted = set()
    for index, item in enumerate(items):
        a, b = index % 2 == 0, index % 3 != 2
        answers += ["y" if a else "n", "yes" if b else "no"]
        if a and b:
            wanted.add(item)
    target = tmp_path / "packet.json"
    code, out, err = cli(
        "-o", str(target), "--packet", "--approvals-stdin", stdin="\n".join(answers) + "\n"
    )
    assert code == 0, err
    result = ExportDocument.model_validate_json(target.read_text(encoding="utf-8"))
    got = {("session", s.id) for s in result.sessions} | {("goal", g.id) for g in result.goals}
    assert got == wanted
    assert result.packet is not None and len(result.packet.items) == len(items)
    assert f"{len(wanted)} of {len(items)} items" in out


def test_packet_answers_running_out_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    """If standard input ends before every question is answered, nothing is written."""
    target = tmp_path / "packet.md"
    code, _, err = cli("-o", str(target), "--packet", "--approvals-stdin", stdin="y\ny\nn\n")
    assert code == ExitCode.USAGE
    assert "standard input" in err
    assert not target.exists()


def test_missing_folder_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    """Writing into a folder that does not exist says so instead of failing obscurely."""
    code, _, err = cli("-o", str(tmp_path / "no" / "such" / "report.md"))
    assert code == ExitCode.USAGE
    assert "does not exist" in err
