"""Shared fixtures: every test gets its own workbook home; the real one is never touched.

Journal keys cost a scrypt run (about a second and up to a GiB here) to wrap and another to
unwrap. So that only the tests about key wrapping pay for it:

* :func:`journal_keys` wraps each passphrase's key once per test session and stores copies of
  it (as ``journal setup`` would, minus the scrypt run) in any test's home;
* :func:`_age_memo` remembers, for the session, what each wrapping opens to. age's
  passphrase mode is deterministic in what it opens: a wrapping opens with the passphrase it
  was made with, to the bytes it wrapped, and with no other passphrase. So a wrapping made in
  this session (by ``journal_keys``, or by the app's own setup, passwd or strengthening) is
  answered from what was wrapped, for the right passphrase and for a wrong one, and a
  wrapping made elsewhere (by the ``age`` tool, by a CLI subprocess) is opened with real
  scrypt once per passphrase that opens it. The tests marked ``real_scrypt`` (those about
  age's own passphrase mode) run real scrypt for every wrapping they have not opened before;
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


class AgeMemo:
    """What each passphrase wrapping made in this session opens to, and what real scrypt
    opened (see the module docstring)."""

    def __init__(self) -> None:
        self.made: dict[str, tuple[str, bytes]] = {}
        self.opened: dict[tuple[str, str], bytes] = {}
        self.trust_made = True

    def wrapped(self, wrapped: str, passphrase: str, identity_text: bytes) -> None:
        """Remember that ``wrapped`` is ``identity_text`` under ``passphrase``."""
        self.made[wrapped] = (passphrase, identity_text)

    def open(
        self, wrapped: str, passphrase: str, real: Callable[[str, str], bytes | None]
    ) -> bytes | None:
        """The identity ``wrapped`` opens to with ``passphrase``, or None when it does not."""
        found = self.opened.get((wrapped, passphrase))
        if found is not None:
            return found
        if self.trust_made and wrapped in self.made:
            made_with, identity_text = self.made[wrapped]
            return identity_text if passphrase == made_with else None
        found = real(wrapped, passphrase)
        if found is not None:
            self.opened[(wrapped, passphrase)] = found
        return found


@pytest.fixture(scope="session", autouse=True)
def _age_memo() -> Iterator[AgeMemo]:
    """Answer the opening of wrappings from what was wrapped, for the whole session."""
    memo = AgeMemo()
    real_wrap = crypto._encrypt_with_passphrase
    real_unwrap = crypto._unwrap_text

    def wrap(identity_text: bytes, passphrase: str) -> str:
        wrapped = real_wrap(identity_text, passphrase)
        memo.wrapped(wrapped, passphrase, identity_text)
        return wrapped

    def unwrap(wrapped: str, passphrase: str) -> bytes | None:
        return memo.open(wrapped, passphrase, real_unwrap)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crypto, "_encrypt_with_passphrase", wrap)
        patch.setattr(crypto, "_unwrap_text", unwrap)
        yield memo
    memo.made.clear()
    memo.opened.clear()


@pytest.fixture(autouse=True)
def _real_scrypt_when_tested(request: pytest.FixtureRequest, _age_memo: AgeMemo) -> None:
    """In tests marked ``real_scrypt`` every wrapping not yet opened is opened by age itself."""
    _age_memo.trust_made = request.node.get_closest_marker("real_scrypt") is None


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
