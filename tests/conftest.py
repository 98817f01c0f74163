"""Shared fixtures: every test gets its own workbook home; the real one is never touched.

Journal keys cost a scrypt run (about a second and up to a GiB here) to wrap and another to
unwrap. So that only the tests about key wrapping pay for it:

* :func:`journal_keys` wraps each passphrase's key once per test session and stores copies of
  it (as ``journal setup`` would, minus the scrypt run) in any test's home;
* :func:`_remember_unwrapped` remembers, for the session, which wrapped key a passphrase has
  already opened. Opening an armored age file with a passphrase always gives the same bytes,
  so repeating it only repeats the cost; a wrong passphrase, or a wrapping never opened
  before, still runs the real scrypt;
* asking age again for a wrapping below the floor (up to four scrypt runs per wrapping on a
  busy machine) and strengthening such a wrapping at unlock (one more at every unlock) run
  only in tests marked ``key_wrapping``, the tests about them; elsewhere one run is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from workbook.journal import crypto, vault
from workbook.journal.models import JournalKey
from workbook.partners import PartnerKey
from workbook.store import Store


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point WORKBOOK_HOME at a fresh folder so nothing can reach the person's real data."""
    monkeypatch.setenv("WORKBOOK_HOME", str(tmp_path_factory.mktemp("default-home")))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A workbook home folder for one test."""
    return tmp_path / "home"


@pytest.fixture(scope="session", autouse=True)
def _remember_unwrapped() -> Iterator[None]:
    """Open each (wrapped key, passphrase) pair with real scrypt once per session."""
    opened: dict[tuple[str, str], bytes] = {}
    real = crypto._unwrap_text

    def remembered(wrapped: str, passphrase: str) -> bytes | None:
        found = opened.get((wrapped, passphrase))
        if found is None:
            found = real(wrapped, passphrase)
            if found is not None:
                opened[(wrapped, passphrase)] = found
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crypto, "_unwrap_text", remembered)
        yield
    opened.clear()


class PreparedKeys:
    """Real age keys, wrapped once per passphrase per test session."""

    def __init__(self) -> None:
        self._made: dict[str, crypto.KeyMaterial] = {}

    def material(self, passphrase: str) -> crypto.KeyMaterial:
        """The key wrapped with ``passphrase`` (made on first use: one scrypt run)."""
        if passphrase not in self._made:
            self._made[passphrase] = crypto.create_keys(passphrase)
        return self._made[passphrase]

    def install(
        self, store: Store, partner: PartnerKey, passphrase: str, *, new_key: bool = False
    ) -> JournalKey:
        """Store the prepared key as ``partner``'s next key, as ``journal setup`` does."""
        return vault.store_key(store, partner, self.material(passphrase), new_key=new_key)

    def give(self, home: Path, partner: PartnerKey, passphrase: str) -> JournalKey:
        """Open the store at ``home`` and install the prepared key there."""
        with Store.open(home) as store:
            return self.install(store, partner, passphrase)


@pytest.fixture(scope="session")
def journal_keys() -> PreparedKeys:
    """Journal keys prepared once for the whole test session (see the module docstring)."""
    return PreparedKeys()


@pytest.fixture(autouse=True)
def _strengthen_only_when_tested(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wrap once and leave stored wrappings as they are, except in tests marked
    ``key_wrapping``."""
    if request.node.get_closest_marker("key_wrapping") is None:
        monkeypatch.setattr(crypto, "WRAP_ATTEMPTS", 1)
        monkeypatch.setattr(vault, "stronger_wrapping", lambda key, identity, passphrase: None)


Built = Callable[[type[Any]], list[Any]]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> Built:
    """A spy on reading: ``built(Model)`` returns a list that from then on collects every
    stored document a ``Model`` record is built (and validated) from."""

    from workbook.store.db import Repository

    def spy(model: type[Any]) -> list[Any]:
        seen: list[Any] = []
        one, many = Repository._record, Repository._records

        def counting_one(repo: Repository[Any], doc: Any) -> Any:
            if repo._model is model:
                seen.append(doc)
            return one(repo, doc)

        def counting_many(repo: Repository[Any], docs: Sequence[Any]) -> list[Any]:
            if repo._model is model:
                seen.extend(docs)
            return many(repo, docs)

        monkeypatch.setattr(Repository, "_record", counting_one)
        monkeypatch.setattr(Repository, "_records", counting_many)
        return seen

    return spy
