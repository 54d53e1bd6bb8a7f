"""Cookie sessions and who is asking.

The cookie holds a random token; the database holds only its sha256, the user
(none for a visitor or the local user) and the CSRF token every form carries.
Logging in issues a fresh token, so a token planted before login is worthless.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from tracker import accounts
from tracker.accounts import User
from tracker.identity import reviewer
from tracker.store import Store, now

COOKIE = "minutes_session"
VISITOR_HOURS = 24  # a session nobody logged in with


@dataclass
class Viewer:
    """The person behind a request: an account, the local user, or a visitor who must log in."""

    token: str
    csrf: str
    user: Optional[User] = None
    local: bool = False  # no accounts: the one local user may do everything
    display_name: Optional[str] = None
    new: bool = False  # the cookie has to be (re)sent

    @property
    def name(self) -> Optional[str]:
        """The name written into the audit trail."""
        if self.user:
            return self.user.name
        if self.local:
            return self.display_name or reviewer()
        return None

    @property
    def role(self) -> str:
        return self.user.role if self.user else ("local" if self.local else "visitor")

    @property
    def signed_in(self) -> bool:
        return self.local or self.user is not None

    def can(self, permission: str) -> bool:
        if self.local:
            return True
        return self.user is not None and self.user.can(permission)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _create(store: Store, user_id: Optional[int], hours: int, display_name: Optional[str] = None) -> tuple[str, str]:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    stamp = now()
    with store.write():
        store.db.execute("DELETE FROM web_sessions WHERE expires_at < ?", [stamp.isoformat()])
        store.db.execute(
            "INSERT INTO web_sessions (token_hash, user_id, display_name, csrf, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [_digest(token), user_id, display_name, csrf, stamp.isoformat(), (stamp + timedelta(hours=hours)).isoformat()])
    return token, csrf


def load(store: Store, token: Optional[str], *, auth: bool, create: bool = True) -> Optional[Viewer]:
    """The viewer for a cookie token; a new visitor session when it is missing or expired."""
    if token:
        row = store.db.execute(
            "SELECT user_id, display_name, csrf, expires_at FROM web_sessions WHERE token_hash = ?",
            [_digest(token)]).fetchone()
        if row and row[3] >= now().isoformat():
            user = accounts.get_user(store, row[0]) if row[0] is not None else None
            if auth and row[0] is not None and user is None:  # account removed meanwhile
                return _visitor(store, auth)
            return Viewer(token, row[2], user=user if auth else None, local=not auth, display_name=row[1])
    return _visitor(store, auth) if create else None


def _visitor(store: Store, auth: bool) -> Viewer:
    token, csrf = _create(store, None, VISITOR_HOURS)
    return Viewer(token, csrf, local=not auth, new=True)


def login(store: Store, old: Viewer, user: User, hours: int) -> Viewer:
    with store.write():
        store.db.execute("DELETE FROM web_sessions WHERE token_hash = ?", [_digest(old.token)])
    token, csrf = _create(store, user.id, hours)
    return Viewer(token, csrf, user=user, new=True)


def logout(store: Store, viewer: Viewer) -> None:
    with store.write():
        store.db.execute("DELETE FROM web_sessions WHERE token_hash = ?", [_digest(viewer.token)])


def set_display_name(store: Store, viewer: Viewer, name: str) -> None:
    with store.write():
        store.db.execute("UPDATE web_sessions SET display_name = ? WHERE token_hash = ?",
                         [name.strip() or None, _digest(viewer.token)])
    viewer.display_name = name.strip() or None


def csrf_ok(viewer: Viewer, sent: Optional[str]) -> bool:
    return bool(sent) and hmac.compare_digest(viewer.csrf.encode(), str(sent).encode())


class LoginThrottle:
    """At most `limit` failed logins per name in `window`; in memory, per server process."""

    def __init__(self, limit: int = 5, window: timedelta = timedelta(minutes=15)):
        self.limit, self.window = limit, window
        self.failures: dict[str, list[datetime]] = {}

    def blocked(self, name: str) -> bool:
        recent = [t for t in self.failures.get(name, []) if t > datetime.now() - self.window]
        self.failures[name] = recent
        return len(recent) >= self.limit

    def failed(self, name: str) -> None:
        self.failures.setdefault(name, []).append(datetime.now())

    def succeeded(self, name: str) -> None:
        self.failures.pop(name, None)
