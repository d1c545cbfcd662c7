"""Saves of one action made at the same instant from the same version, on a site served as
in production (gunicorn with four workers, on the suite's database engine: a SQLite file,
or PostgreSQL): one succeeds, the others get the conflict page (409), none a 500 ("database
is locked" on SQLite, before write transactions began IMMEDIATE and waited for the lock)."""

import re
import threading
from collections import Counter
from html import unescape

import pytest

from tests.servers import running_site

SAVES = 4


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_site(tmp_path_factory.mktemp("concurrent-saves"), workers=SAVES) as served:
        yield served


def edit_form_fields(visitor, path: str) -> dict:
    """The edit form's fields as a browser would post them, with its version and token."""
    form = visitor.get(path)
    return {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1],
        "version": re.search(r'name="version" value="(\d+)"', form)[1],
        "target": unescape(
            re.search(r'<textarea name="target"[^>]*>\n?(.*?)</textarea>', form, re.S)[1]
        ),
        "timescale": unescape(re.search(r'name="timescale" value="([^"]*)"', form)[1]),
        "progress_status": "amber",
    }


@pytest.mark.parametrize("round_number", range(3))
def test_saves_from_one_version_at_once_give_one_success_and_conflicts(site, round_number):
    path = "/actions/2/edit/"
    editors = [site.signed_in("coordinator") for _ in range(SAVES)]
    forms = [edit_form_fields(editor, path) for editor in editors]
    assert len({form["version"] for form in forms}) == 1  # all from the same version

    start = threading.Barrier(SAVES)
    answers = [None] * SAVES

    def save(n: int):
        fields = dict(forms[n], update=f"Round {round_number}, editor {n}")
        start.wait()  # all at once
        answers[n] = editors[n].post_answer(path, fields)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Counter(answers) == {302: 1, 409: SAVES - 1}, answers
    saved = next(n for n, answer in enumerate(answers) if answer == 302)
    page = editors[0].get("/actions/2/")
    assert f"Round {round_number}, editor {saved}" in page
