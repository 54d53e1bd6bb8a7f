"""`minutes users …` and `minutes serve` argument handling (the server itself is tested in test_web_*)."""
from __future__ import annotations

from typer.testing import CliRunner

from minutes.cli.app import app, register_all
from tracker import accounts
from tracker.store import open_store

register_all()


def test_users_add_list_passwd_role_remove(tmp_path):
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "何佳", "--role", "reviewer", "--password-stdin", "--db", db],
                          input="a-long-password\n")
    assert added.exit_code == 0 and "added 何佳 (reviewer)" in added.output
    with open_store(db) as store:
        assert accounts.authenticate(store, "何佳", "a-long-password")
    assert "何佳\treviewer" in runner.invoke(app, ["users", "list", "--db", db]).output
    assert runner.invoke(app, ["users", "passwd", "何佳", "--password-stdin", "--db", db],
                         input="another-password\n").exit_code == 0
    assert runner.invoke(app, ["users", "role", "何佳", "manager", "--db", db]).exit_code == 0
    with open_store(db) as store:
        assert accounts.authenticate(store, "何佳", "another-password").role == "manager"
    assert runner.invoke(app, ["users", "remove", "何佳", "--db", db]).exit_code == 0
    assert "no accounts" in runner.invoke(app, ["users", "list", "--db", db]).output


def test_users_errors_are_one_line_and_exit_2(tmp_path):
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    for args, stdin, message in (
        (["users", "add", "甲", "--role", "admin", "--password-stdin"], "long-enough\n", "unknown role"),
        (["users", "add", "甲", "--role", "owner", "--password-stdin"], "short\n", "too short"),
        (["users", "remove", "nobody"], "", "no user"),
    ):
        result = runner.invoke(app, [*args, "--db", db], input=stdin)
        assert result.exit_code == 2 and message in result.output, (args, result.output)


def test_serve_refuses_public_bind_without_accounts(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "m.db")])
    assert result.exit_code == 2 and "without accounts" in result.output
    bad_port = CliRunner().invoke(app, ["serve", "--port", "70000", "--db", str(tmp_path / "m.db")])
    assert bad_port.exit_code == 2 and "--port" in bad_port.output
