"""tracker.accounts: scrypt hashes, roles from data, account lifecycle."""
from __future__ import annotations

import pytest

from minutes.errors import BadInput, NotFound
from tracker import accounts
from tracker.store import open_store


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "m.db", create=True) as s:
        yield s


def test_hash_is_salted_scrypt_and_checks():
    first, second = accounts.hash_password("correct-horse"), accounts.hash_password("correct-horse")
    assert first.startswith("scrypt$16384$8$1$") and first != second
    assert accounts.check_password("correct-horse", first)
    assert not accounts.check_password("correct-hors", first)
    assert not accounts.check_password("x", "md5$abc") and not accounts.check_password("x", "garbage")


def test_roles_come_from_the_data_file():
    table = accounts.roles()
    assert set(table) == {"recorder", "reviewer", "owner", "manager"}
    assert "review" in table["reviewer"] and "review" not in table["owner"]
    assert "reports" in table["manager"] and "reports" not in table["reviewer"]
    assert table["owner"] == ("view", "status_own")


def test_add_authenticate_and_remove(store):
    user = accounts.add_user(store, " 何佳 ", "Reviewer", "long-enough")
    assert (user.name, user.role) == ("何佳", "reviewer") and user.can("review") and not user.can("reports")
    assert accounts.authenticate(store, "何佳", "long-enough") == user
    assert accounts.authenticate(store, "何佳", "wrong-pass") is None
    assert accounts.authenticate(store, "nobody", "long-enough") is None
    stored = store.db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert "long-enough" not in stored
    accounts.remove_user(store, "何佳")
    assert not accounts.has_users(store)
    with pytest.raises(NotFound):
        accounts.remove_user(store, "何佳")


def test_bad_accounts_are_refused(store):
    with pytest.raises(BadInput, match="unknown role"):
        accounts.add_user(store, "甲", "admin", "long-enough")
    with pytest.raises(BadInput, match="too short"):
        accounts.add_user(store, "甲", "owner", "short")
    with pytest.raises(BadInput, match="invalid user name"):
        accounts.add_user(store, "a\nb", "owner", "long-enough")
    accounts.add_user(store, "甲", "owner", "long-enough")
    with pytest.raises(BadInput, match="already exists"):
        accounts.add_user(store, "甲", "manager", "long-enough")


def test_new_password_ends_sessions_and_role_changes(store):
    user = accounts.add_user(store, "乙", "owner", "long-enough")
    store.db.execute("INSERT INTO web_sessions (token_hash, user_id, csrf, created_at, expires_at) "
                     "VALUES ('h', ?, 'c', '2024', '2999')", [user.id])
    accounts.set_password(store, "乙", "another-one")
    assert store.db.execute("SELECT COUNT(*) FROM web_sessions").fetchone()[0] == 0
    assert accounts.authenticate(store, "乙", "another-one")
    accounts.set_role(store, "乙", "manager")
    assert accounts.list_users(store)[0].role == "manager"
    with pytest.raises(NotFound):
        accounts.set_password(store, "丙", "long-enough")
