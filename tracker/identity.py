"""Who is making a change: --by, else $MINUTES_USER, else the OS user."""
from __future__ import annotations

import getpass
import os
from typing import Optional


def reviewer(by: Optional[str] = None) -> str:
    if by and by.strip():
        return by.strip()
    env = os.environ.get("MINUTES_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no login name in some containers
        return "unknown"
