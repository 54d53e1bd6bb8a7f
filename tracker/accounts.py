"""Accounts for the web app: names, roles and scrypt password hashes.

Roles and what each may do live in `tracker/data/roles.yaml`. An owner account
is named after the roster person whose items it may update.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from minutes.errors import BadInput, NotFound
from tracker.store import Store, now

MIN_PASSWORD = 8
# scrypt cost: 16 MiB and ~50 ms per check, enough to make guessing a stolen hash slow.
_N, _R, _P = 2 ** 14, 8, 1


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, permission: str) -> bool:
        return permission in roles().get(self.role, ())


@lru_cache(maxsize=1)
def roles() -> dict[str, tuple[str, ...]]:
    """role -> permissions, from the data file."""
    from tracker.rules import _load, _need

    path, data = _load("roles.yaml")
    table = _need(path, data, "roles", dict)
    return {str(name): tuple(str(p) for p in (perms or ())) for name, perms in table.items()}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(base64.b64decode(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def _check_role(role: str) -> str:
    role = (role or "").strip().lower()
    if role not in roles():
        raise BadInput(f"unknown role '{role}' (expected {'|'.join(roles())})")
    return role


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise BadInput(f"password too short: at least {MIN_PASSWORD} characters")
    return password


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c in name for c in "\r\n\t"):
        raise BadInput(f"invalid user name '{name}'")
    return name


def add_user(store: Store, name: str, role: str, password: str) -> User:
    name, role, password = _check_name(name), _check_role(role), _check_password(password)
    stamp = now().isoformat()
    with store.write():
        if store.db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise BadInput(f"user '{name}' already exists (use `minutes users passwd` or `users remove`)")
        user_id = store.db.execute(
            "INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [name, role, hash_password(password), stamp, stamp]).lastrowid
    return User(user_id, name, role)


def set_password(store: Store, name: str, password: str) -> None:
    password = _check_password(password)
    with store.write():
        cursor = store.db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?",
                                  [hash_password(password), now().isoformat(), name])
        if cursor.rowcount == 0:
            raise NotFound(f"no user '{name}'")
        # A new password ends every session of the old one.
        store.db.execute("DELETE FROM web_sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)", [name])


def set_role(store: Store, name: str, role: str) -> None:
    role = _check_role(role)
    with store.write():
        if store.db.execute("UPDATE users SET role = ?, updated_at = ? WHERE name = ?",
                            [role, now().isoformat(), name]).rowcount == 0:
            raise NotFound(f"no user '{name}'")


def remove_user(store: Store, name: str) -> None:
    with store.write():
        if store.db.execute("DELETE FROM users WHERE name = ?", [name]).rowcount == 0:
            raise NotFound(f"no user '{name}'")


def list_users(store: Store) -> list[User]:
    return [User(r["id"], r["name"], r["role"])
            for r in store.db.query("SELECT id, name, role FROM users ORDER BY name")]


def has_users(store: Store) -> bool:
    return store.db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def authenticate(store: Store, name: str, password: str) -> Optional[User]:
    row = store.db.execute("SELECT id, name, role, password_hash FROM users WHERE name = ?",
                           [(name or "").strip()]).fetchone()
    if row is None:
        check_password(password or "", _DUMMY)  # same work for unknown names: no timing oracle
        return None
    return User(row[0], row[1], row[2]) if check_password(password or "", row[3]) else None


def get_user(store: Store, user_id: int) -> Optional[User]:
    row = store.db.execute("SELECT id, name, role FROM users WHERE id = ?", [user_id]).fetchone()
    return User(*row) if row else None


_DUMMY = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
