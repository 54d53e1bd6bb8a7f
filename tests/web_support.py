"""Shared fixtures for the web tests: a real tracker file and a TestClient over the real app."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from starlette.testclient import TestClient

from minutes.web.app import create_app
from minutes.web.config import WebConfig
from tracker import accounts
from tracker.ingest import ingest_files
from tracker.people import import_roster
from tracker.store import open_store

TODAY = date(2024, 11, 25)
ROSTER = """name,department,title,aliases,email
张伟,研发部,高级工程师,伟哥,zhangwei@example.cn
王芳,设计部,设计师,王设计师,wangfang@example.cn
李娜,研发部,工程师,,lina@example.cn
何佳,产品部,产品经理,,hejia@example.cn
"""
MINUTES = """# 产品周会会议纪要

- 会议时间：2024年11月20日 14:00-15:00
- 组织部门：产品部
- 记录人：何佳

## 一、会员系统上线

讨论：接口联调进度落后，测试环境不稳定。

## 行动项

| 序号 | 任务 | 负责人 | 截止时间 | 交付成果 |
|---|---|---|---|---|
| 1 | 完成会员接口联调 | 研发部 | 11月29日 | 联调报告 |
| 2 | 提交性能测试报告 | 张伟 | 尽快 | 性能测试报告 |
| 3 | 完成首页视觉稿 | 王芳 | 11月22日 | 首页设计稿 |
"""
HOSTS = ("testserver", "127.0.0.1", "localhost")


def make_db(folder: Path, *, minutes: str = MINUTES, name: str = "周会.md") -> Path:
    db = folder / "minutes.db"
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (folder / name).write_text(minutes, encoding="utf-8")
    with open_store(db, create=True) as store:
        import_roster(store, folder / "roster.csv")
        ingest_files(store, [folder / name])
    return db


def client(db: Path, **config) -> TestClient:
    values = dict(db=db, today=TODAY, allowed_hosts=HOSTS)
    values.update(config)
    return TestClient(create_app(WebConfig(**values)), follow_redirects=False)


def csrf(http: TestClient, url: str = "/meetings") -> str:
    page = http.get(url)
    match = re.search(r'name="csrf" value="([^"]+)"', page.text) or re.search(r'data-csrf="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def add_user(db: Path, name: str, role: str, password: str = "correct-horse") -> None:
    with open_store(db) as store:
        accounts.add_user(store, name, role, password)


def login(http: TestClient, name: str, password: str = "correct-horse"):
    token = csrf(http, "/login")
    return http.post("/login", data={"csrf": token, "name": name, "password": password, "next": "/"})


def items_by_task(db: Path) -> dict:
    from tracker.queries import items_of_meeting

    with open_store(db) as store:
        return {i.task: i for i in items_of_meeting(store, 1)}
