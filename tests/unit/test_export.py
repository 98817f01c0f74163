"""Tests of the export document and its three renderings, on the demo couple's real data.

The demo is built once for the module (its journal keys cost about a second each). Privacy is
checked by searching every rendering for every private word the demo wrote, after undoing
HTML/Markdown escaping and ignoring punctuation, so an escaped leak would still be found; the
positive case (the author unlocked and opted in) proves the search can find them.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from workbook.demo import DEMO_END, DEMO_PASSPHRASE, DemoResult, build_demo
from workbook.export import FORMATS, Format, render
from workbook.export.collect import collect
from workbook.export.models import ExportDocument, json_schema_text
from workbook.export.render_md import escape, render_markdown
from workbook.goals import repo as goals_repo
from workbook.journal import vault
from workbook.sessions import sessions
from workbook.store import Store

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "export.schema.json"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return build_demo(tmp_path_factory.mktemp("export-demo") / "home", end=DEMO_END)


@pytest.fixture(scope="module")
def shared_doc(demo: DemoResult) -> ExportDocument:
    with Store.open(demo.home, readonly=True) as store:
        return collect(store, today=DEMO_END)


@pytest.fixture(scope="module")
def maya_unlocked(demo: DemoResult) -> tuple[ExportDocument, vault.JournalSession]:
    """Maya's export with her private items, and her journal session (closed afterwards)."""
    with (
        Store.open(demo.home, readonly=True) as store,
        vault.unlocked(store, "a", DEMO_PASSPHRASE) as journal,
    ):
        doc = collect(store, private=journal, today=DEMO_END)
    return doc, journal


@pytest.fixture(scope="module")
def maya_doc(maya_unlocked: tuple[ExportDocument, vault.JournalSession]) -> ExportDocument:
    return maya_unlocked[0]


def store_of(demo: DemoResult) -> Store:
    """The demo's store, opened for reading only (it takes no lock and writes nothing)."""
    return Store.open(demo.home, readonly=True)


def normalise(text: str) -> str:
    """Letters and digits only, lower case, after undoing HTML entities."""
    return re.sub(r"[^0-9a-z]+", "", html.unescape(text).casefold())


def leaks(output: str, secrets: list[str]) -> list[str]:
    haystack = normalise(output)
    return [s for s in secrets if normalise(s) in haystack]


def renderings(doc: ExportDocument) -> Iterator[tuple[str, str]]:
    for fmt in FORMATS:
        yield fmt, render(doc, fmt)


def test_committed_schema_is_the_generated_one() -> None:
    """docs/export.schema.json is exactly what the models generate, so the docs cannot drift."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()


def test_export_holds_the_demo_sessions_goals_scores_and_programs(
    demo: DemoResult, shared_doc: ExportDocument
) -> None:
    """Every shared session and goal of the store is in the export; private ones are counted."""
    with store_of(demo) as store:
        records = sessions(store).all()
        private_goals = sum(1 for g in goals_repo.goals(store).all() if g.private)
    shared = [r for r in records if not r.private]
    assert {s.id for s in shared_doc.sessions} == {r.id for r in shared}
    private_sessions = len(records) - len(shared)
    assert private_goals > 0
    assert shared_doc.scope.withheld_private_items == (
        private_sessions + private_goals + demo.journal_entries
    )
    assert shared_doc.scope.private_partner is None
    assert not shared_doc.journal
    assert all(not g.private for g in shared_doc.goals)
    assert shared_doc.agreements, "the demo confirms agreements"
    assert all(set(a.confirmed_by) == {"a", "b"} for a in shared_doc.agreements)
    trends = {t.scale_id: t for t in shared_doc.scores}
    assert {s.partner: len(s.points) for s in trends["weekly-check-in"].series} == {"a": 6, "b": 6}
    six = next(p for p in shared_doc.programs if p.id == "six-weeks-together")
    assert 0 < six.done < six.total  # the last exercise is left at its reveal


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_private_text_in_any_export_made_without_unlocking(
    demo: DemoResult, shared_doc: ExportDocument, fmt: Format
) -> None:
    """Journal text, private answers and private goal words of both partners stay out."""
    secrets = demo.private_texts["a"] + demo.private_texts["b"]
    assert len(secrets) > 20
    assert leaks(render(shared_doc, fmt), secrets) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_unlock_and_opt_in_only_the_authors_private_items_appear(
    demo: DemoResult, maya_doc: ExportDocument, fmt: Format
) -> None:
    """Maya unlocked for this export: all her private words are in it, none of Jordan's."""
    output = render(maya_doc, fmt)
    assert sorted(leaks(output, demo.private_texts["a"])) == sorted(demo.private_texts["a"])
    assert leaks(output, demo.private_texts["b"]) == []
    assert maya_doc.scope.private_partner == "a"
    assert {e.author for e in maya_doc.journal} == {"a"}
    assert all(g.owner == "a" for g in maya_doc.goals if g.private)


def test_an_unlocked_export_holds_the_shared_items_and_only_the_authors_private_ones(
    demo: DemoResult, maya_doc: ExportDocument
) -> None:
    """Maya unlocked for this export: it lists every shared session and goal and each of her
    own private sessions, goals and journal entries, by id and author, and none of Jordan's
    private ones, not even as titles and dates; Jordan's are counted as withheld."""
    with store_of(demo) as store:
        records = sessions(store).all()
        goals = goals_repo.goals(store).all()
        entries = vault.entries(store).all()
    assert any(r.private and r.author == "b" for r in records), "the demo has Jordan's"
    assert any(g.private and g.partner == "b" for g in goals)
    assert {(s.id, s.author) for s in maya_doc.sessions} == {
        (r.id, r.author) for r in records if not r.private or r.author == "a"
    }
    assert {g.id for g in maya_doc.goals} == {
        g.id for g in goals if not g.private or g.partner == "a"
    }
    assert {(e.id, e.author) for e in maya_doc.journal} == {
        (e.id, e.author) for e in entries if e.author == "a"
    }
    jordans = [r for r in records if r.private and r.author == "b"]
    jordans_goals = [g for g in goals if g.private and g.partner == "b"]
    jordans_entries = [e for e in entries if e.author == "b"]
    assert maya_doc.scope.withheld_private_items == (
        len(jordans) + len(jordans_goals) + len(jordans_entries)
    )


def test_an_entry_shared_with_you_stays_out_of_your_own_export(
    demo: DemoResult, tmp_path: Path
) -> None:
    """An entry Jordan wrote and shared with Maya opens in Maya's journal, but her personal
    export leaves it out (its author did not consent to that export; docs/privacy.md): the
    journal part holds exactly Maya's own entries, and Jordan's words appear in no format."""
    home = tmp_path / "home"
    shutil.copytree(demo.home, home)
    words = {"title": "Shared with Maya only", "body": "A note Jordan let Maya read."}
    with Store.open(home) as store:
        with vault.unlocked(store, "b", DEMO_PASSPHRASE) as jordan:
            shared = jordan.share(jordan.add(words).id)
        with vault.unlocked(store, "a", DEMO_PASSPHRASE) as maya:
            assert shared.id in {e.id for e in maya.entries()}
            doc = collect(store, private=maya, today=DEMO_END)
        own = {(e.id, e.author) for e in vault.entries(store).all() if e.author == "a"}
    assert {(e.id, e.author) for e in doc.journal} == own
    for fmt in FORMATS:
        assert leaks(render(doc, fmt), list(words.values())) == []


def test_collect_refuses_a_locked_journal(
    demo: DemoResult, maya_unlocked: tuple[ExportDocument, vault.JournalSession]
) -> None:
    """A journal session locked before collecting cannot open anything: the export says so."""
    from workbook.errors import WorkbookError

    journal = maya_unlocked[1]
    assert journal.closed
    with Store.open(demo.home, readonly=True) as store, pytest.raises(WorkbookError, match="lock"):
        collect(store, private=journal)


def test_json_validates_against_the_published_schema(
    shared_doc: ExportDocument, maya_doc: ExportDocument
) -> None:
    """Both exports (with and without private items) are valid against the committed schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for doc in (shared_doc, maya_doc):
        data = json.loads(render(doc, "json"))
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        assert ExportDocument.model_validate(data) == doc


def test_markdown_renders_with_a_standard_parser(shared_doc: ExportDocument) -> None:
    """markdown-it reads one h1 title and the section headings, and a table for the scores."""
    tokens = MarkdownIt("commonmark").enable("table").parse(render(shared_doc, "md"))
    headings: dict[str, list[str]] = {}
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            headings.setdefault(opening.tag, []).append(inline.content)
    assert headings["h1"] == [shared_doc.title]
    expected = {"Program progress", "Check-in scores", "Goals", "Agreements", "Sessions"}
    assert expected <= set(headings["h2"])
    assert any(t.type == "table_open" for t in tokens)
    titles = {s.title for s in shared_doc.sessions}
    assert titles <= set(headings["h3"])


@example("plain words, 12 of them")
@example("a\x85b")
@example("1. first")
@example("a\n")
@given(st.text(alphabet="ab 1.)-+=#*_\\`{}[]<>|~!\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"))
def test_markdown_escaping_leaves_only_plain_lines_untouched(text: str) -> None:
    """escape() returns text unchanged only when it has nothing to escape: no markup
    character, no line-start marker, and no line break but a plain newline between lines
    (other breaks are rewritten as newlines); it keeps the number of lines."""
    escaped = escape(text)
    if escaped == text:
        assert not re.search(r"[\\`*_{}\[\]<>#|~!]", text)
        assert "\n".join(text.splitlines() or [""]) == text
    assert not re.search("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]", escaped)
    assert len(escaped.split("\n")) == len(text.splitlines() or [""])


def _escape_line_by_line(text: str) -> str:
    """escape() as written down: each line on its own, its markup characters escaped, then a
    list or heading marker at its start."""
    lines = []
    for line in text.splitlines() or [""]:
        line = re.sub(r"([\\`*_{}\[\]<>#|~!])", r"\\\1", line)
        found = re.match(r"(\s*)([-+=]|\d+[.)])(?=\s|$)", line)
        if found:
            space, marker = found.groups()
            numbered = marker[-1] in ".)" and marker[:-1].isdigit()
            marker = marker[:-1] + "\\" + marker[-1] if numbered else "\\" + marker
            line = space + marker + line[found.end() :]
        lines.append(line)
    return "\n".join(lines)


@example("\n1. first")
@example("  \n- b\n\n+ c")
@example("a\r\n2) x\u2028= y")
@given(st.text(alphabet="ab 12.)-+=#*\\\t\n\r\v\f\x1c\x85\u2028"))
def test_markdown_escaping_is_the_same_as_line_by_line(text: str) -> None:
    """escape() escapes the whole text in one pass, with the same result as taking it line by
    line (a marker after blank or indented lines included)."""
    assert escape(text) == _escape_line_by_line(text)


@example("a\n\n")
@example("\n\n")
@example("")
@example("one line")
@given(st.text(alphabet="ab -#\n\r\x85\u2028"))
def test_an_answer_is_quoted_line_by_line(text: str) -> None:
    """An answer is quoted one ``>`` line per line of its escaped text (an empty line as a
    bare ``>``, no line at all as one ``>``), a blank last line included or not as
    str.splitlines has it."""
    from workbook.export.render_md import _quote

    lines = escape(text).splitlines()
    assert _quote(text) == ([f"> {line}" if line else ">" for line in lines] or [">"])


def test_markdown_escaping_keeps_written_text_as_text() -> None:
    """Answers that look like Markdown render as the same words, never as markup."""
    tricky = "# not a heading\n1. not a list\n- nor this\n*not emphasis* [no](link) <b>x</b> | ~"
    parser = MarkdownIt("commonmark").enable("table")
    rendered = parser.render(escape(tricky))
    assert "<h1>" not in rendered and "<ol>" not in rendered and "<ul>" not in rendered
    assert "<em>" not in rendered and "<a " not in rendered and "<b>" not in rendered
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).split() == tricky.split()


class _Structure(HTMLParser):
    """Collects tags, the title, section ids and anything that would fetch from outside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.sections: list[str] = []
        self.external: list[str] = []
        self.title = ""
        self.h1 = ""
        self._in: str | None = None
        self.style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "section":
            self.sections.append(found.get("id") or "")
        for name in ("src", "href"):
            if found.get(name):
                self.external.append(f"{tag} {name}")
        if tag in ("title", "h1", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data
        elif self._in == "style":
            self.style += data


def test_html_is_one_self_contained_page_that_parses(shared_doc: ExportDocument) -> None:
    """html.parser finds the title, h1 and sections; no scripts, links or fetched assets."""
    page = render(shared_doc, "html")
    parsed = _Structure()
    parsed.feed(page)
    parsed.close()
    assert parsed.title == shared_doc.title == parsed.h1
    assert parsed.sections == ["programs", "scores", "goals", "agreements", "sessions"]
    assert parsed.tags.count("article") == len(shared_doc.sessions)
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert parsed.external == []
    assert "@media print" in parsed.style
    assert "url(" not in parsed.style and "@import" not in parsed.style


def test_html_escapes_everything_written(demo: DemoResult, shared_doc: ExportDocument) -> None:
    """Text that looks like markup (here in a session answer) arrives escaped, as text."""
    session = shared_doc.sessions[0]
    step = session.steps[0]
    answer = step.answers[0].model_copy(update={"text": '<script>alert("x")</script>'})
    tampered_step = step.model_copy(update={"answers": [answer]})
    tampered = shared_doc.model_copy(
        update={"sessions": [session.model_copy(update={"steps": [tampered_step]})]}
    )
    page = render(tampered, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "\\<script\\>" in render_markdown(tampered)


@pytest.mark.parametrize("library_now", ["same", "changed", "gone"])
def test_blind_answers_never_revealed_stay_out(tmp_path: Path, library_now: str) -> None:
    """A blind answer given but not yet revealed is not exported (nobody has seen it yet),
    also when its exercise has since changed or left the library and the session can only
    be shown as stored; the scale both answered before it was revealed is shown."""
    from workbook import sessions as session_api
    from workbook.couple import make_couple, save_couple
    from workbook.engine import Engine
    from workbook.exercises import load_library
    from workbook.exercises.models import ScaleStep

    library = load_library(None)
    exercise = library.get("weekly-check-in")
    engine = Engine.start(exercise, names={"a": "Ana", "b": "Ben"})
    engine.next()  # past the intro
    week = exercise.step("week")
    assert isinstance(week, ScaleStep)
    engine.answer({i.id: 3 for i in week.items}, "a")
    engine.answer({i.id: 4 for i in week.items}, "b")
    engine.next()
    engine.answer("Unrevealed words only Ana has typed", "a")
    if library_now == "changed":
        library.exercises[exercise.id] = exercise.model_copy(
            update={"version": exercise.version + 1}
        )
    elif library_now == "gone":
        del library.exercises[exercise.id]
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        session_api.start(store, exercise, engine.state.model_dump(mode="json"))
        doc = collect(store, library=library)
    for form in ("json", "md", "html"):
        assert leaks(render(doc, form), ["Unrevealed words only Ana has typed"]) == []
    ((session),) = doc.sessions
    if library_now == "same":
        assert [step.id for step in session.steps] == []
    else:
        assert session.note.startswith("This exercise is no longer in the library")


def test_a_session_saved_for_another_version_of_its_exercise_exports_what_both_have_seen(
    demo: DemoResult,
) -> None:
    """A session saved before its exercise changed (the library now holds another version)
    is exported as stored under a note that says so, keeping the answers the stored state
    says both have seen (given together, or to a revealed step) and leaving out each answer
    one partner gave alone to a step never revealed; with the version it was saved for, the
    same session reads through the exercise (questions, kinds, no note)."""
    from workbook.exercises import load_library
    from workbook.sessions import open_state

    library = load_library(demo.home)
    with Store.open(demo.home, readonly=True) as store:
        saved = next(r for r in sessions(store).all() if not r.private and r.state)
        state = open_state(saved, None)
        as_saved = collect(store, library=library, today=DEMO_END)
        exercise = library.exercises[saved.exercise_id]
        library.exercises[saved.exercise_id] = exercise.model_copy(
            update={"version": exercise.version + 1}
        )
        changed = collect(store, library=library, today=DEMO_END)
    before = next(s for s in as_saved.sessions if s.id == saved.id)
    after = next(s for s in changed.sessions if s.id == saved.id)
    assert before.note == "" and "unknown" not in {step.kind for step in before.steps}
    assert after.note.startswith("This exercise is no longer in the library (or has changed)")
    assert {step.kind for step in after.steps} == {"unknown"}
    raw = {(step.id, a.who): a.value for step in after.steps for a in step.answers}
    seen_by_both = {
        (step_id, who): value
        for step_id, given in state["answers"].items()
        for who, value in given.items()
        if who == "both" or step_id in state["revealed"]
    }
    assert seen_by_both and raw == seen_by_both
    alone = [(s, w) for s, given in state["answers"].items() for w in given if (s, w) not in raw]
    assert alone, "the demo session should hold answers one partner gave alone"


def test_progress_is_reported_for_every_session_and_goal(demo: DemoResult) -> None:
    """The progress callback (the CLI's bar) counts up to every session and goal read."""
    from workbook.goals.repo import goals

    calls: list[tuple[int, int]] = []
    with Store.open(demo.home, readonly=True) as store:
        total = sessions(store).count() + goals(store).count()
        collect(store, progress=lambda done, of: calls.append((done, of)))
    assert calls == [(n, total) for n in range(1, total + 1)]


def test_every_answer_says_whose_words_it_is(shared_doc: ExportDocument) -> None:
    """Each answer opens with "Maya wrote:" (or answered, or both of them together), and no
    question addressed to each partner reads "You, ..." in a shared export."""
    from workbook.export.render_md import render_markdown

    text = render_markdown(shared_doc)
    leads = [line for line in text.splitlines() if line.endswith(("wrote:", "answered:"))]
    assert "Maya wrote:" in leads and "Jordan wrote:" in leads
    assert "Maya and Jordan, together, wrote:" in leads
    answers = [a for session in shared_doc.sessions for step in session.steps for a in step.answers]
    assert len(answers) == len(leads)
    assert not any(line.startswith("**You,") for line in text.splitlines())
    assert "Maya:" not in text.splitlines()


def test_export_reads_check_ins_straight_into_the_document_and_only_counts_left_out_entries(
    demo: DemoResult, built: Callable[[type[Any]], list[Any]]
) -> None:
    """Check-ins go straight into the document (no store model is built for them first) and
    are listed with every field as stored; journal entries left out are counted without being
    read."""
    from workbook.goals.models import CheckIn
    from workbook.journal.models import JournalEntry

    with Store.open(demo.home, readonly=True) as store:
        stored = goals_repo.checkins(store).all()
        private_goals = sum(1 for g in goals_repo.goals(store).all() if g.private)
        private_sessions = sum(1 for r in sessions(store).all() if r.private)
        checkins, entries = built(CheckIn), built(JournalEntry)
        doc = collect(store, today=DEMO_END)
    assert len(stored) == demo.checkins
    assert checkins == []
    assert entries == []
    withheld = private_sessions + private_goals + demo.journal_entries
    assert doc.scope.withheld_private_items == withheld
    shown = [c for goal in doc.goals for c in goal.checkins]
    assert any(c.rating for c in shown) and any(c.note for c in shown)
    assert any(c.skip_reason for c in shown)
    assert {type(c.status) for c in shown} == {str}  # the value, as the JSON shows it
    for goal in doc.goals:
        mine = sorted((c for c in stored if c.goal_id == goal.id), key=lambda c: (c.day, c.partner))
        assert [
            (c.day, c.partner, c.status, c.rating, c.note, c.skip_reason) for c in goal.checkins
        ] == [(c.day, c.partner, c.status.value, c.rating, c.note, c.skip_reason) for c in mine]


def test_each_goals_progress_is_the_one_the_progress_command_reports(
    demo: DemoResult, shared_doc: ExportDocument, maya_doc: ExportDocument
) -> None:
    """The streaks, counts and completion rate of every goal and partner in the export (with
    or without a partner's private goals) are those of ``workbook progress``, which judges the
    check-ins read on their own."""
    from workbook.goals.progress import progress_of_goals

    with store_of(demo) as store:
        goals = {g.id: g for g in goals_repo.goals(store).all()}
        for doc in (shared_doc, maya_doc):
            shown = [goals[g.id] for g in doc.goals]
            expected = {
                (found.goal.id, mine.partner): mine.streaks
                for found in progress_of_goals(store, shown, DEMO_END)
                for mine in found.partners
            }
            exported = {(g.id, p.partner): p for g in doc.goals for p in g.progress}
            assert exported.keys() == expected.keys()
            for key, streaks in expected.items():
                mine = exported[key]
                assert (
                    mine.current_streak,
                    mine.best_streak,
                    mine.completed,
                    mine.missed,
                    mine.excused,
                    mine.completion_rate,
                ) == (
                    streaks.current,
                    streaks.best,
                    streaks.completed,
                    streaks.missed,
                    streaks.excused,
                    streaks.completion_rate,
                ), key
    judged = list(expected.values())
    assert any(s.missed for s in judged) and any(s.excused for s in judged)
    assert len({s.best for s in judged}) > 2 and any(
        0 < (s.completion_rate or 0) < 1 for s in judged
    )


def test_answers_shown_as_stored_are_those_both_have_seen_or_a_solo_runs_own() -> None:
    """Shown as stored (its exercise gone or changed), a shared session keeps answers given
    together and answers to revealed steps, and leaves out what one partner gave alone to any
    other step; a solo run keeps its author's answers."""
    from workbook.export.collect import _raw_steps

    answers = {
        "plan": {"both": "Walk on Sundays"},
        "hopes": {"a": "Ana's revealed words", "b": "Ben's revealed words"},
        "secret": {"a": "Ana's words nobody has seen"},
    }
    shared = _raw_steps({"answers": answers, "revealed": ["hopes"], "solo": None})
    kept = {(step["id"], a["who"]): a["value"] for step in shared for a in step["answers"]}
    assert kept == {
        ("plan", "both"): "Walk on Sundays",
        ("hopes", "a"): "Ana's revealed words",
        ("hopes", "b"): "Ben's revealed words",
    }
    solo = _raw_steps({"answers": {"secret": answers["secret"]}, "revealed": [], "solo": "a"})
    assert [(s["id"], [a["value"] for a in s["answers"]]) for s in solo] == [
        ("secret", ["Ana's words nobody has seen"])
    ]


def test_questions_and_scale_items_read_as_in_each_session(tmp_path: Path) -> None:
    """Wording worked out once per export still reads as in each session: a question naming
    an earlier answer names that session's answer, and a scale item naming ``{partner}``
    names the other partner of each answer's author (text without such placeholders is the
    same everywhere and is kept for the export, for each viewer)."""
    from workbook import sessions as session_api
    from workbook.couple import make_couple, save_couple
    from workbook.engine import Engine
    from workbook.exercises import Library
    from workbook.exercises.models import Exercise

    exercise = Exercise.model_validate(
        {
            "id": "echo",
            "title": "Echo",
            "summary": "Say a topic, then what it is like.",
            "category": "communication",
            "mode": "together",
            "minutes": 5,
            "approach": "a test",
            "source": "the tests",
            "steps": [
                {"id": "topic", "kind": "prompt", "text": "A topic, in a word?"},
                {
                    "id": "more",
                    "kind": "prompt",
                    "who": "each",
                    "text": "What is {answers.topic} like?",
                },
                {
                    "id": "near",
                    "kind": "scale",
                    "who": "each",
                    "text": "How close?",
                    "min": 1,
                    "max": 5,
                    "items": [
                        {"id": "close", "text": "I felt close to {partner}."},
                        {"id": "went", "text": "Talking about {answers.topic} went well."},
                    ],
                },
                {
                    "id": "felt",
                    "kind": "scale",
                    "who": "each",
                    "text": "How was it?",
                    "min": 0,
                    "max": 3,
                    "items": [
                        {"id": "heard", "text": "{partner} heard me."},
                        {"id": "calm", "text": "I felt calm.", "max": 9},
                    ],
                },
            ],
        }
    )
    library = Library(exercises={exercise.id: exercise})
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        for topic in ("weekends", "money"):
            engine = Engine.start(exercise, names={"a": "Ana", "b": "Ben"})
            engine.answer(topic, "both")
            engine.next()
            engine.answer("busy", "a")
            engine.answer("slow", "b")
            engine.next()
            engine.answer({"close": 4, "went": 3}, "a")
            engine.answer({"close": 2, "went": 5}, "b")
            engine.next()
            engine.answer({"heard": 3, "calm": 1}, "a")
            engine.answer({"calm": 2, "heard": 0}, "b")
            engine.next()
            session_api.start(store, exercise, engine.state.model_dump(mode="json"))
        doc = collect(store, library=library)
    for session in doc.sessions:
        topic = session.steps[0].answers[0].text
        assert session.steps[1].question == f"What is {topic} like?"
        assert [(a.who, a.text) for a in session.steps[2].answers] == [
            ("a", f"I felt close to Ben. 4 of 5\nTalking about {topic} went well. 3 of 5"),
            ("b", f"I felt close to Ana. 2 of 5\nTalking about {topic} went well. 5 of 5"),
        ]
        # Statements that read the same in every session, kept once for each viewer.
        assert [(a.who, a.text) for a in session.steps[3].answers] == [
            ("a", "Ben heard me. 3 of 3\nI felt calm. 1 of 9"),
            ("b", "Ana heard me. 0 of 3\nI felt calm. 2 of 9"),
        ]
    assert {s.steps[0].answers[0].text for s in doc.sessions} == {"weekends", "money"}


def test_check_ins_are_listed_by_day_then_partner_whatever_order_they_were_saved_in(
    tmp_path: Path,
) -> None:
    """A goal's check-ins are listed oldest first and, on one day, partner A before B, in
    whatever order they were saved (a later day first, B before A)."""
    from datetime import date

    from workbook.couple import make_couple, save_couple
    from workbook.partners import PartnerKey

    today = date(2026, 3, 4)
    with Store.open(tmp_path / "home") as store:
        save_couple(store, make_couple("Ana", "Ben"))
        goal = goals_repo.add_goal(
            store, title="Walk", cadence="daily", start=date(2026, 3, 1), today=today
        )
        saved: list[tuple[PartnerKey, int]] = [("b", 3), ("a", 3), ("b", 2), ("a", 2)]
        for partner, day in saved:
            goals_repo.record_checkin(
                store, goal.id, partner, "done", day=date(2026, 3, day), today=today
            )
        doc = collect(store, today=today)
    assert [(c.day.day, c.partner) for c in doc.goals[0].checkins] == [
        (2, "a"),
        (2, "b"),
        (3, "a"),
        (3, "b"),
    ]
