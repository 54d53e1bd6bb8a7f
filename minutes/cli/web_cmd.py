"""`minutes serve` and `minutes users add|list|remove|passwd|role`."""
from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from minutes.cli.app import app, db_path, guard
from minutes.cli.options import DbOption
from minutes.errors import BadInput

users_app = typer.Typer(
    help="网页账号 / Accounts for `minutes serve` (required to listen beyond loopback).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(users_app, name="users")

PasswordStdin = Annotated[bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")]


@app.command("serve")
@guard
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback needs accounts.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    db: DbOption = None,
    today: Annotated[Optional[str], typer.Option("--today", help="Treat this day (YYYY-MM-DD) as today (due-soon/overdue).")] = None,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="Extra Host header to accept (a DNS name the server is reached by); repeatable.")] = None,
    max_upload_mb: Annotated[Optional[float], typer.Option("--max-upload-mb", help="Largest upload accepted (default 20, as for files on the command line).")] = None,
) -> None:
    """网页版 / Serve the web app for uploading, reviewing and following up minutes.

    \b
    Loopback (127.0.0.1) by default, where the local user may do everything.
    Once accounts exist (`minutes users add`), everyone logs in; binding to any
    other address is refused until they do.

    \b
    Example:
      minutes serve --db minutes.db --port 8000
    """
    from minutes.web.server import build_config
    from minutes.web.server import serve as run
    from tracker.dates import parse_day

    if not 0 < port < 65536:
        raise BadInput(f"invalid --port {port}")
    config = build_config(db_path(db), host, today=parse_day(today, "--today") if today else None,
                          allow_hosts=tuple(allow_host or ()), max_upload_mb=max_upload_mb)
    shown = f"[{host}]" if ":" in host else host
    mode = "accounts required" if config.auth else "local mode, no login"
    typer.echo(f"minutes: serving {config.db} on http://{shown}:{port}/ ({mode}); Ctrl+C stops", err=True)
    run(config, host, port)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise BadInput("no terminal to ask for a password: use --password-stdin")
    import getpass

    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat: "):
        raise BadInput("the two passwords differ")
    return first


@users_app.command("add")
@guard
def users_add(
    name: Annotated[str, typer.Argument(help="Login name; for owners, their roster name (e.g. 张伟).")],
    role: Annotated[str, typer.Option("--role", help="recorder | reviewer | owner | manager")],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """添加账号 / Add an account.

    \b
    Example:
      minutes users add 张伟 --role owner
      echo 's3cret-pass' | minutes users add 何佳 --role reviewer --password-stdin
    """
    from tracker.accounts import add_user, roles
    from tracker.store import open_store

    if role.strip().lower() not in roles():
        raise BadInput(f"unknown role '{role}' (expected {'|'.join(roles())})")
    password = _password(password_stdin)
    with open_store(db_path(db), create=True) as store:
        user = add_user(store, name, role, password)
    typer.echo(f"added {user.name} ({user.role})")


@users_app.command("list")
@guard
def users_list(db: DbOption = None) -> None:
    """列出账号 / List accounts and their roles."""
    from tracker.accounts import list_users
    from tracker.store import open_store

    with open_store(db_path(db)) as store:
        users = list_users(store)
    if not users:
        typer.echo("no accounts (minutes serve runs in local mode on loopback)")
    for user in users:
        typer.echo(f"{user.name}\t{user.role}")


@users_app.command("remove")
@guard
def users_remove(name: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """删除账号 / Remove an account (its sessions end at once)."""
    from tracker.accounts import remove_user
    from tracker.store import open_store

    with open_store(db_path(db)) as store:
        remove_user(store, name)
    typer.echo(f"removed {name}")


@users_app.command("passwd")
@guard
def users_passwd(name: Annotated[str, typer.Argument()], password_stdin: PasswordStdin = False,
                 db: DbOption = None) -> None:
    """修改密码 / Set a new password (logs the account out everywhere)."""
    from tracker.accounts import set_password
    from tracker.store import open_store

    password = _password(password_stdin)
    with open_store(db_path(db)) as store:
        set_password(store, name, password)
    typer.echo(f"password changed for {name}")


@users_app.command("role")
@guard
def users_role(name: Annotated[str, typer.Argument()],
               role: Annotated[str, typer.Argument(help="recorder | reviewer | owner | manager")],
               db: DbOption = None) -> None:
    """修改角色 / Change an account's role."""
    from tracker.accounts import set_role
    from tracker.store import open_store

    with open_store(db_path(db)) as store:
        set_role(store, name, role)
    typer.echo(f"{name} is now {role}")
