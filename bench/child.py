"""Steps the benchmark runs in a process of their own, so that their time and memory are
measured alone. Each prints one line of JSON.

    python -m bench.child warm ROOT CASE_PATH CITY [--repeat N]
        What `serve` does: one Builder kept in memory, built once; then edit the case's
        summary and one sentence of its body and time builder.build(later=True) in a thread
        other than the main one (serve's watcher thread, from which builds do not fork), N
        times after one untimed warm-up edit (the first rebuild after a start reads the
        content cache from disk). As serve does, the build is handed the snapshot of
        content/ its watcher took to see the change; that stat walk is timed apart, as
        "watch". Checks that the case's page and its city's page show each edit. Then, as
        serve does once the browser has reloaded, the build that brings the listings of
        every case (and the search index, when on) up to date: timed apart, as "finish".

    python -m bench.child search SITE_DIR BUNDLE_DIR
        The search stage alone: cityedu_site.search.index over a built site, into BUNDLE_DIR.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path


def edit_case(text: str, token: str, summary: bool) -> str:
    """The case file with the first sentence of its last paragraph replaced, and the summary too."""
    head, last = text.rstrip("\n").rsplit("\n", 1)
    rest = last.split(". ", 1)[1] if ". " in last else ""
    edited = f"{head}\nThis sentence was edited by the benchmark ({token})." + (f" {rest}" if rest else "") + "\n"
    if summary:
        edited = edited.replace('\nsummary: "', f'\nsummary: "Edited ({token}). ', 1)
    return edited


def page_shows(root: Path, url: str, token: str) -> bool:
    try:
        return token in (root / "public" / url / "index.html").read_text("utf-8")
    except OSError:
        return False


def warm(root: Path, case_path: str, city: str, repeat: int) -> dict:
    from cityedu_site import sources
    from cityedu_site.builder import Builder
    from cityedu_site.config import load_config

    config = load_config(root, search=False)
    builder = Builder(config)  # as serve.py makes it
    started = time.perf_counter()
    first = builder.build()
    first_seconds = time.perf_counter() - started

    path = root / case_path
    slug = path.stem
    original = path.read_text("utf-8")
    runs = []
    try:
        for index in range(repeat + 1):
            token = f"warm-edit-{index}-{time.time_ns()}"
            path.write_text(edit_case(original, token, summary=True), "utf-8")
            started = time.perf_counter()
            seen = sources.snapshot(config)  # what serve's watcher does every 0.2 s
            watched = time.perf_counter() - started
            result, seconds = in_thread(builder.build, seen, later=True)
            case_ok, city_ok = page_shows(root, f"cases/{slug}", token), page_shows(root, f"cities/{city}", token)
            started = time.perf_counter()
            in_thread(builder.build, seen)
            runs.append({"seconds": seconds, "mode": result.mode, "rendered": result.rendered, "pages": result.pages,
                         "case_ok": case_ok, "city_ok": city_ok, "finish": time.perf_counter() - started,
                         "watch": watched})
    finally:
        path.write_text(original, "utf-8")
    timed = runs[1:] or runs
    return {"first_build": first_seconds, "first_mode": first.mode, "first_edit": runs[0]["seconds"],
            "seconds": statistics.median(r["seconds"] for r in timed),
            "finish": statistics.median(r["finish"] for r in timed),
            "watch": statistics.median(r["watch"] for r in timed), "runs": runs,
            "ok": all(r["case_ok"] and r["city_ok"] for r in runs)}


def in_thread(work, *args, **kwargs):
    """work(*args, **kwargs) in a thread of its own, as serve's watcher runs builds; (its value, seconds)."""
    done = {}

    def run() -> None:
        started = time.perf_counter()
        done["value"] = work(*args, **kwargs)
        done["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return done["value"], done["seconds"]


def search(site: Path, bundle: Path) -> dict:
    from cityedu_site import search as search_module

    started = time.perf_counter()
    pages = search_module.index(site, None, bundle)
    return {"seconds": time.perf_counter() - started, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.child")
    sub = parser.add_subparsers(dest="step", required=True)
    w = sub.add_parser("warm")
    w.add_argument("root", type=Path)
    w.add_argument("case_path")
    w.add_argument("city")
    w.add_argument("--repeat", type=int, default=3)
    s = sub.add_parser("search")
    s.add_argument("site", type=Path)
    s.add_argument("bundle", type=Path)
    args = parser.parse_args(argv)
    if args.step == "warm":
        result = warm(args.root.resolve(), args.case_path, args.city, max(1, args.repeat))
    else:
        result = search(args.site.resolve(), args.bundle.resolve())
    import cityedu_site

    result["code"] = str(Path(cityedu_site.__file__).parent)  # the runner checks it ran its copy
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
