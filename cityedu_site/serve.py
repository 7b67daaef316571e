"""The preview server: build, serve on 127.0.0.1 with live reload, rebuild on every change.

python-livereload serves the files and tells open pages to reload, but its own watcher
misses added, deleted and renamed files and drops saves that come in quick succession
(lepture/python-livereload #109, #33, #161, #197). So we watch ourselves: a thread
compares snapshots of content/, templates/ and assets/, waits until a save has settled,
rebuilds (into a staging folder, then a swap, so a half-saved file never breaks the
preview) and only then asks livereload to reload the open pages. The edited page comes
first: the listings of every case and the search index follow in a second build, each
build putting a whole site live.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import builder, sources
from .builder import BuildResult
from .config import Config
from .errors import CityEduError, ContentError
from .problems import sort_problems, summarise
from .progress import Progress

POLL_SECONDS = 0.2
Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """(modification time, size) of every file under the folders, by path."""
    files: Snapshot = {}
    for folder in folders:
        for directory, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith(".") or name.endswith(("~", ".swp", ".swx")):
                    continue  # editors' temporary files
                path = os.path.join(directory, name)
                try:
                    info = os.stat(path)
                except FileNotFoundError:
                    continue
                files[path] = (info.st_mtime_ns, info.st_size)
    return files


def changed_paths(before: Snapshot, after: Snapshot) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


@dataclass(frozen=True, slots=True)
class Watched:
    """What the watcher last saw: content/ as the Builder snapshots it (handed to the build,
    so a rebuild does not stat 10,000 files a second time), templates/ and assets/."""

    content: Snapshot
    others: Snapshot

    def changes(self, later: Watched, root: Path) -> list[str]:
        return sorted([*changed_paths(self.content, later.content),
                       *(os.path.relpath(p, root) for p in changed_paths(self.others, later.others))])


class Rebuilder:
    """Watches the source folders and rebuilds when they change; runs in its own thread."""

    def __init__(self, site_builder: builder.Builder, on_built: Callable[[], None], out: TextIO, err: TextIO):
        self.config = config = site_builder.config
        self.folders = [config.templates_path, config.assets_path]
        self.on_built = on_built
        self.builder = site_builder
        self.out, self.err = out, err
        self.builds = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rebuilder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _watch(self) -> Watched:
        return Watched(sources.snapshot(self.config), snapshot(self.folders))

    def _run(self) -> None:
        current = self._watch()
        while not self._stop.wait(POLL_SECONDS):
            latest = self._watch()
            if latest == current:
                continue
            latest = self._settled(latest)
            changes = current.changes(latest, self.config.root)
            current = latest
            self.rebuild(changes, latest.content)

    def _settled(self, latest: Watched) -> Watched:
        """Wait until two snapshots agree, so a save in several writes is built once."""
        while not self._stop.wait(POLL_SECONDS):
            again = self._watch()
            if again == latest:
                return again
            latest = again
        return latest

    def rebuild(self, changes: list[str], seen: Snapshot | None = None) -> bool:
        """Build again; seen: content/ as the watcher found it (else the build looks itself).
        The first build leaves the listings of every case and the search index for a second
        one, run once the browser has reloaded: each puts a whole site live."""
        shown = ", ".join(changes[:3])
        more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        result = self._build(seen, later=True)
        if result is None:
            return False
        self.builds += 1
        self.out.write(f"Rebuilt in {result.seconds:.2f} s ({result.rendered} of {result.pages} pages made) "
                       f"after changes to {shown}{more}\n")
        self.out.flush()
        self.on_built()
        if not result.complete:
            rest = self._build(seen, later=False)
            if rest is not None:
                self.out.write(f"Search index and data files brought up to date in {rest.seconds:.2f} s\n")
                self.out.flush()
        return True

    def _build(self, seen: Snapshot | None, later: bool) -> BuildResult | None:
        try:
            return self.builder.build(seen, later=later)
        except ContentError as exc:
            for problem in sort_problems(exc.problems):
                self.err.write(problem.text() + "\n")
            self.err.write(f"{summarise(exc.problems)}; still serving the last good build\n")
        except CityEduError as exc:
            self.err.write(f"error: {exc}; still serving the last good build\n")
        except Exception:  # a bug: say so, keep serving and watching
            self.err.write("internal error while rebuilding; still serving the last good build:\n")
            self.err.write(traceback.format_exc())
        self.err.flush()
        return None


def serve(config: Config, host: str, port: int, out: TextIO, err: TextIO) -> int:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    site_builder = builder.Builder(config, Progress(err))
    result = site_builder.build()
    out.write(f"Built {result.pages} pages in {result.seconds:.2f} s\n")
    out.write(f"Serving {config.output_path} at http://{host}:{port}/ (Ctrl+C to stop)\n")
    out.flush()

    class NoWatcher(Watcher):
        """livereload's own polling is replaced by the Rebuilder."""

        def examine(self):
            return self._changes.pop() if self._changes else (None, None)

    server = Server(watcher=NoWatcher())
    server.SFH = _static_handler(config.output_path)
    loop = IOLoop.current()
    rebuilder = Rebuilder(site_builder, lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*"), out, err)
    rebuilder.start()
    try:
        server.serve(host=host, port=port, root=str(config.output_path), open_url_delay=None,
                     restart_delay=0)
    finally:
        rebuilder.stop()
    return 0


def _static_handler(output: Path):
    """livereload's file handler, answering missing files with the site's 404 page."""
    from livereload.handlers import StaticFileHandler

    class SiteFileHandler(StaticFileHandler):
        def write_error(self, status_code, **kwargs):
            page = output / "404.html"
            if status_code == 404 and page.is_file():
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(page.read_bytes())
            else:
                super().write_error(status_code, **kwargs)

    return SiteFileHandler

