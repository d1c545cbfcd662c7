"""Lighthouse's SEO and accessibility scores for the public pages of a running site.

    python -m bench.seo [--base http://127.0.0.1:8000] [--year 2011-12]

Runs Google's Lighthouse (from npm, through `npx --yes lighthouse@12`: the first run
downloads it) in headless Chromium (CHROMIUM, default /usr/bin/chromium) against each
public page of a site you have started (`make run`), and prints one line a page with its
two scores and the audits that failed. Exits 1 if any page scores below 1.0. Not part of
`make test`: Lighthouse takes about ten seconds a page, and the suite checks the same
things directly (tests/test_meta_description.py, tests/browser/test_accessibility.py).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PATHS = [
    "/",
    "/years/{year}/",
    "/years/{year}/priorities/1/",
    "/years/{year}/actions/",
    "/years/{year}/report/",
    "/agencies/",
    "/agencies/herts-police/",
    "/linked-work/1/",
    "/county/",
    "/categories/all-crime/",
    "/published/",
    "/open-data/",
    "/search/?q=burglary",
]
CATEGORIES = ("seo", "accessibility")


def scores(url: str, chromium: str) -> tuple[dict[str, float], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                "npx",
                "--yes",
                "lighthouse@12",
                url,
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                "--output=json",
                f"--output-path={out}",
                "--quiet",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium},
        )
        report = json.loads(out.read_text())
    result = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failed = [
        ref["id"]
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if report["audits"][ref["id"]]["score"] not in (1, None)
    ]
    return result, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--year", default="2011-12")
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    below = 0
    for path in PATHS:
        path = path.format(year=args.year)
        result, failed = scores(args.base.rstrip("/") + path, chromium)
        figures = "  ".join(f"{name} {score:.2f}" for name, score in result.items())
        print(f"{path:32} {figures}  {'failed: ' + ', '.join(failed) if failed else ''}")
        below += any(score < 1 for score in result.values())
    print(f"{len(PATHS) - below} of {len(PATHS)} pages score 1.0 on both.")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
