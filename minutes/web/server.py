"""Starting the server: loopback unless accounts exist, then uvicorn."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Optional

from minutes.errors import BadInput
from minutes.web.config import LOOPBACK_NAMES, WebConfig, is_loopback


def build_config(db: Path, host: str, *, today: Optional[date] = None, allow_hosts: tuple[str, ...] = (),
                 max_upload_mb: Optional[float] = None) -> WebConfig:
    """The config for binding to `host`; refuses a non-loopback bind without accounts."""
    from tracker import accounts
    from tracker.store import open_store

    with open_store(db, create=True) as store:
        have_accounts = accounts.has_users(store)
    loopback = is_loopback(host)
    if not loopback and not have_accounts:
        raise BadInput(f"refusing to listen on {host} without accounts: add one with "
                       "`minutes users add NAME --role manager`, or keep the default --host 127.0.0.1")
    if loopback:
        allowed = tuple(dict.fromkeys([*LOOPBACK_NAMES, host.lower(), *allow_hosts]))
    else:
        allowed = tuple(allow_hosts)  # empty: any Host (accounts protect the app)
    values = dict(db=db, auth=not loopback or have_accounts, allowed_hosts=allowed, today=today)
    if max_upload_mb is not None:
        if max_upload_mb <= 0:
            raise BadInput("--max-upload-mb must be positive")
        values["max_upload_bytes"] = int(max_upload_mb * 1024 * 1024)
    return WebConfig(**values)


def serve(config: WebConfig, host: str, port: int, *, log_level: str = "warning") -> None:
    import uvicorn

    from minutes.web.app import create_app

    uvicorn.run(create_app(config), host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False)
