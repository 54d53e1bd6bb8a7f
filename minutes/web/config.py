"""What one `minutes serve` instance is bound to."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from minutes.readers.files import MAX_FILE_BYTES

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    host = (host or "").strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebConfig:
    db: Path
    # Accounts are required when any exist, and always off loopback (serve refuses
    # to bind elsewhere without them).
    auth: bool = False
    # Host headers accepted; empty accepts any (an account-protected public bind).
    # On loopback only loopback names pass, which stops DNS-rebinding pages.
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES
    max_upload_bytes: int = MAX_FILE_BYTES
    today: Optional[date] = None  # fixed "today" for demos and tests
    uploads: Optional[Path] = None  # where uploaded originals are kept
    session_hours: int = 12
    extra: dict = field(default_factory=dict)

    @property
    def upload_dir(self) -> Path:
        return self.uploads or self.db.with_name(self.db.stem + "-uploads")

    def day(self) -> date:
        return self.today or date.today()
