"""Every page's HTML for every role, saved before a refactor and compared after it.

    python -m bench.samepages save DIR      # builds the data once, crawls, saves DIR/
    python -m bench.samepages compare DIR   # fetches the same addresses, compares with DIR/

A one-off check for a change that should not change what any page shows (issue 13: the
libraries as documented), not a test: `save` runs on the code before the change, `compare`
on the code after it, both against the same copy of one database (DIR/db.sqlite3, built by
`save` with the 2011/12 data, the generated ward sample and the demo accounts).

`save` follows every link of the site (GET only; not the admin, PDFs or spreadsheets) as
each role (anonymous, councillor, partner, coordinator, administrator), then fetches every
address any of them found as every role, so that refusals are compared too. Bodies are
compared once whitespace is normalised and CSRF tokens masked; CSV downloads and open-data
files are compared as text (open data's `generated_at` masked).
"""

import argparse
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("anonymous", "councillor", "partner", "coordinator", "admin")
SEEDS = ["/", "/no-such-page/", "/open-data/", "/accounts/login/", "/accounts/password_reset/"]
SKIP = re.compile(r"^/(admin/|static/)|/pdf/|_export=xlsx|/logout/|/accounts/reset/")
LIMIT = 4000


def manage(database: Path, *args: str) -> None:
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{database}", DEBUG="true")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def build_database(database: Path) -> None:
    manage(database, "migrate", "--no-input", "-v0")
    manage(database, "loadyearfixture", "fixtures/2011-12.json", "--year", "2011/12")
    manage(
        database,
        "loadstatsfixture",
        "fixtures/dacorum-wards-2007.json",
        "fixtures/police-uk-crime-types.json",
    )
    manage(database, "loadwardsample")
    manage(database, "createdemoaccounts")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def setup_django(database: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csp_tracker.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # Refusals (403, 404) are compared, not logged.
    logging.disable(logging.CRITICAL)
    from django.test.utils import setup_test_environment

    setup_test_environment()


def clients():
    from django.contrib.auth.models import User
    from django.test import Client

    result = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(User.objects.get(username=role))
        result[role] = client
    return result


def fetch(client, url: str) -> dict:
    response = client.get(url)
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "content_type": content_type.split(";")[0],
        "body": body.decode("utf-8", errors="replace"),
    }


def links_of(url: str, page: dict) -> list[str]:
    if page["status"] != 200 or page["content_type"] != "text/html":
        return []
    parser = Links()
    parser.feed(page["body"])
    found = []
    for href in parser.hrefs:
        absolute = urljoin(url, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if not SKIP.search(target):
            found.append(target)
    return found


CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
GENERATED_AT = re.compile(r'("generated_at": ")[^"]*(")')


def normalised(page: dict) -> str:
    # Files are read back with universal newlines: CSV's \r\n compared as \n.
    body = CSRF.sub(r"\1CSRF\2", page["body"].replace("\r\n", "\n"))
    body = GENERATED_AT.sub(r"\1NOW\2", body)
    if page["content_type"] == "text/html":
        body = re.sub(r">\s+<", "><", body)
        body = re.sub(r"\s+", " ", body).strip()
    return f"{page['status']} {page['location']} {page['content_type']}\n{body}"


def name_of(role: str, url: str) -> str:
    digest = hashlib.sha1(url.encode()).hexdigest()[:12]
    return f"{role}/{digest}.txt"


def crawl(by_role) -> list[str]:
    seen: set[str] = set()
    for _role, client in by_role.items():
        queue, visited = list(SEEDS), set()
        while queue and len(visited) < LIMIT:
            url = queue.pop(0)
            if url in visited:
                continue
            visited.add(url)
            for link in links_of(url, fetch(client, url)):
                if link not in visited:
                    queue.append(link)
        seen |= visited
    return sorted(seen)


def save(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=False)
    database = directory / "db.sqlite3"
    build_database(database)
    working = Path(tempfile.mkdtemp()) / "db.sqlite3"
    shutil.copy(database, working)
    setup_django(working)
    by_role = clients()
    urls = crawl(by_role)
    (directory / "urls.json").write_text(json.dumps(urls, indent=1))
    for role, client in by_role.items():
        (directory / role).mkdir()
        for url in urls:
            (directory / name_of(role, url)).write_text(normalised(fetch(client, url)))
    print(f"Saved {len(urls)} addresses × {len(by_role)} roles in {directory}")


def compare(directory: Path) -> int:
    working = Path(tempfile.mkdtemp()) / "db.sqlite3"
    shutil.copy(directory / "db.sqlite3", working)
    manage(working, "migrate", "--no-input", "-v0")  # the code's own migrations, if any
    setup_django(working)
    by_role = clients()
    urls = json.loads((directory / "urls.json").read_text())
    out = directory.parent / f"{directory.name}-after"
    shutil.rmtree(out, ignore_errors=True)
    differ = []
    for role, client in by_role.items():
        (out / role).mkdir(parents=True)
        for url in urls:
            now = normalised(fetch(client, url))
            (out / name_of(role, url)).write_text(now)
            if now != (directory / name_of(role, url)).read_text():
                differ.append((role, url))
    total = len(urls) * len(by_role)
    print(f"Compared {total} pages ({len(urls)} addresses × {len(by_role)} roles)")
    print(f"{len(differ)} differ; the pages as they are now are in {out}")
    for role, url in differ:
        print(f"  {role:12} {url}  ({name_of(role, url)})")
    return 1 if differ else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("save", "compare"))
    parser.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.directory)
        return 0
    return compare(args.directory)


if __name__ == "__main__":
    sys.exit(main())
