"""The command line: `build` (the default), `serve`, `check`, `new`, `new-city`, `fmt`.
Exit codes: 0 done, 1 content problems (or, for `fmt --check`, files to format), 2 usage
or configuration, 3 build failure."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import cache, sources, urls
from .config import Config, load_config
from .errors import CityEduError, ContentError
from .problems import Problem, did_you_mean, sort_problems, summarise
from .progress import Progress
from .sources import SLUG_RE

if TYPE_CHECKING:
    from .builder import BuildResult

# The build's stages (with Jinja, markdown-it and PyYAML, most of a start's 0.3 s) are
# imported by the commands that run them: `python build.py` with nothing changed answers
# from the manifest alone.

COMMANDS = ("build", "serve", "check", "new", "new-city", "fmt")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python build.py", description="Build the cityedu_site "
                                   "knowledge base into a static site.")
    sub = main.add_subparsers(dest="command")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder "
                       "(default: the current folder)")

    def site_options(p: argparse.ArgumentParser) -> None:
        common(p)
        p.add_argument("--base-url", help="the site's address on its original host, for canonical "
                       "URLs and feeds (default: site.toml)")
        p.add_argument("--output", type=Path, help="the folder to build into (default: public)")
        p.add_argument("--no-search", action="store_true", help="skip the search index (quicker)")
        p.add_argument("--clean", action="store_true", help="ignore every cache and build from scratch")
        p.add_argument("-v", "--verbose", action="store_true", help="print each stage's time")

    site_options(sub.add_parser("build", help="build the site into public/ (the default)"))
    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on every change")
    site_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    check = sub.add_parser("check", help="validate the content without building")
    common(check)
    new = sub.add_parser("new", help="write a new case study file to fill in")
    common(new)
    new.add_argument("title", help="the case study's title, in quotes")
    new.add_argument("--city", required=True, help="the city's slug (its file name in content/cities/)")
    new.add_argument("--slug", help="the file name without .md (default: from the title)")
    new_city = sub.add_parser("new-city", help="write a new city profile file to fill in")
    common(new_city)
    new_city.add_argument("name", help="the city's name in English, in quotes")
    new_city.add_argument("--slug", help="the file name without .md (default: from the name)")
    fmt = sub.add_parser("fmt", help="rewrite the front matter of cases and cities in the style the "
                         "form at /admin/ saves, so its saves change only what the editor changed")
    common(fmt)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file needs formatting")
    return main


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args, stdout, stderr)
        if args.command in ("new", "new-city"):
            return run_new(args, stdout, stderr)
        if args.command == "fmt":
            return run_fmt(args, stdout, stderr)
        config = make_config(args)
        if args.command == "serve":
            from .serve import serve
            return serve(config, host=args.host, port=args.port, out=stdout, err=stderr)
        return run_build(config, args, stdout, stderr)
    except ContentError as exc:
        report_problems(exc.problems, stdout, stderr)
        stderr.write("Build stopped: nothing was written; the previous site is unchanged.\n")
        return exc.exit_code
    except CityEduError as exc:
        stderr.write(f"error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def make_config(args) -> Config:
    return load_config(args.root, base_url=args.base_url, output_dir=args.output,
                       search=False if args.no_search else None)


def run_build(config: Config, args, stdout: TextIO, stderr: TextIO) -> int:
    started = time.perf_counter()
    snapshot = sources.snapshot(config)  # taken once, for this test and the build
    pages = None if args.clean else nothing_to_do(config, snapshot)
    if pages is not None:
        stdout.write(unchanged_line(pages, _shown(config.output_path, config.root), time.perf_counter() - started)
                     + "\n")
        return 0
    from . import builder

    site_builder = builder.Builder(config, Progress(stderr), clean=args.clean)
    result = site_builder.build(snapshot)
    report_problems(result.problems, stdout, stderr)  # warnings only, or nothing
    for note in result.notes:
        stderr.write(f"note: {note}\n")
    if args.verbose:
        for name, seconds in result.stages:
            stderr.write(f"  {name:<8} {seconds * 1000:8.1f} ms\n")
    stdout.write(summary_line(result, _shown(config.output_path, config.root)) + "\n")
    site_builder.wait()
    return 0


def nothing_to_do(config: Config, snapshot: dict[str, tuple[int, int]]) -> int | None:
    """The number of pages, when the last build's manifest shows a build would change nothing
    (read without importing the build's stages)."""
    try:
        manifest = cache.load_state(cache.folder_for(config.output_path))
    except cache.CacheError:
        return None
    if not cache.up_to_date(config, manifest, cache.keys(config), snapshot):
        return None
    return sum(rel.endswith(".html") and not rel.startswith(urls.SEARCH_INDEX + "/") for rel in manifest.files)


def unchanged_line(pages: int, where: str, seconds: float) -> str:
    return f"Nothing changed: {pages} pages in {where} are up to date ({seconds:.2f} s)"


def summary_line(result: BuildResult, where: str) -> str:
    if result.mode == "unchanged":
        return unchanged_line(result.pages, where, result.seconds)
    rendered = f", {result.rendered} pages and data files made" if result.mode != "full" else ""
    return (f"Built {result.pages} pages{rendered} ({result.files} files, "
            f"{result.bytes_written / 1_048_576:.1f} MiB written) in {result.seconds:.2f} s → {where}")


def run_check(args, stdout: TextIO, stderr: TextIO) -> int:
    from . import builder

    config = load_config(args.root)
    problems = builder.check(config)
    report_problems(problems, stdout, stderr)
    errors = [p for p in problems if p.is_error]
    stdout.write(f"check: {summarise(problems)}\n" if problems else "check: the content is clean\n")
    return 1 if errors else 0


def run_new(args, stdout: TextIO, stderr: TextIO) -> int:
    from . import scaffold

    config = load_config(args.root)
    is_case = args.command == "new"
    name = args.title if is_case else args.name
    slug = args.slug or scaffold.slug_for(name)
    if not SLUG_RE.match(slug):
        stderr.write(f"error: {slug!r} is not a valid slug: use lowercase letters, digits and single hyphens\n")
        return 2
    folder = config.content_path / ("cases" if is_case else "cities")
    if is_case and not (config.content_path / "cities" / f"{args.city}.md").is_file():
        known = sorted(p.stem for p in (config.content_path / "cities").glob("*.md"))
        hint = did_you_mean(args.city, known) or "add it first with `python build.py new-city`"
        stderr.write(f"error: there is no city {args.city!r} in content/cities/; {hint}\n")
        return 2
    text = scaffold.new_case(name, args.city, config.today) if is_case else scaffold.new_city(name, config.today)
    try:
        path = scaffold.write_new(folder, slug, text)
    except FileExistsError:
        stderr.write(f"error: {folder.name}/{slug}.md already exists; choose another --slug\n")
        return 2
    stdout.write(f"Wrote {_shown(path, config.root).rstrip('/')}: fill in the fields, then run "
                 "`python build.py check`\n")
    return 0


def run_fmt(args, stdout: TextIO, stderr: TextIO) -> int:
    from .cms import fmt

    config = load_config(args.root)
    results = fmt.format_content(config.content_path, config.root, write=not args.check)
    report_problems([p for r in results for p in r.problems], stdout, stderr)
    changed = [r for r in results if r.changed]
    for result in changed:
        name = _shown(result.path, config.root).rstrip("/")
        stdout.write(f"{'would format' if args.check else 'formatted'} {name}\n")
    unreadable = sum(1 for r in results if r.text is None)
    stdout.write(f"fmt: {len(changed)} of {len(results)} files {'to format' if args.check else 'formatted'}"
                 + (f", {unreadable} unreadable (run `check`)" if unreadable else "") + "\n")
    return 1 if unreadable or (args.check and changed) else 0


def report_problems(problems: list[Problem], stdout: TextIO, stderr: TextIO) -> None:
    ordered = sort_problems(problems)
    for problem in ordered:
        stderr.write(problem.text() + "\n")
    if ordered and os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in ordered:
            stdout.write(problem.github_annotation() + "\n")
    if any(p.is_error for p in ordered):
        stderr.write(f"{summarise(ordered)}\n")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)
