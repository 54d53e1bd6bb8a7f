"""What a user does in the app, as browser steps; and the database reads the tests check them by."""
from __future__ import annotations

import re
from pathlib import Path

from tracker.queries import items_of_meeting
from tracker.records import Item
from tracker.store import open_store

MEETING_URL = re.compile(r"/meetings/(\d+)$")


def flash(page) -> str:
    return page.locator("p.flash").inner_text()


def upload_file(page, base: str, path: Path) -> int:
    """Choose the file in the drop zone's input, submit; the meeting page it lands on."""
    page.goto(base + "/upload")
    page.locator("input#file[name=file]").set_input_files(str(path))
    page.locator("#drop-files").filter(has_text=path.name).wait_for()  # app.js lists the chosen file
    page.get_by_role("button", name="上传并识别").click()
    page.wait_for_url(MEETING_URL)
    return int(MEETING_URL.search(page.url).group(1))


def upload_text(page, base: str, text: str) -> int:
    page.goto(base + "/upload")
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="上传并识别").click()
    page.wait_for_url(MEETING_URL)
    return int(MEETING_URL.search(page.url).group(1))


def set_author(page, name: str) -> None:
    """The header's 修改人 form: the name local changes are recorded under."""
    form = page.locator("form.whoami")
    form.locator("input[name=name]").fill(name)
    form.get_by_role("button", name="设定").click()
    page.locator("p.flash").filter(has_text=name).wait_for()


def card(page, item_id: int):
    return page.locator(f"article#item-{item_id}")


def item_by_task(db: Path, meeting_id: int, task: str) -> Item:
    with open_store(db) as store:
        found = [i for i in items_of_meeting(store, meeting_id) if i.task == task]
    assert len(found) == 1, f"expected one item '{task}' in meeting #{meeting_id}, found {len(found)}"
    return found[0]


def fresh_item(db: Path, item_id: int) -> Item:
    from tracker.queries import get_item

    with open_store(db) as store:
        return get_item(store, item_id)


def corrections(db: Path, item_id: int) -> list[dict]:
    with open_store(db) as store:
        return list(store.db.query(
            "SELECT field, old, new, author, reason FROM corrections WHERE item_id = ? ORDER BY id", [item_id]))
