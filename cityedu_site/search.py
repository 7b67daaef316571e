"""The search index: Pagefind, through its Python package and the binary it bundles."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import urls
from .errors import BuildError
from .progress import Progress

CASE_PAGES = "cases/*/index.html"  # a wax glob, relative to the site folder


def index(site_dir: Path, progress: Progress | None = None, bundle: Path | None = None) -> int:
    """Index the built site into bundle (default: its pagefind/ folder); the number of pages."""
    try:
        # A thread of its own, so indexing works even when the caller runs an event loop
        # (a notebook, or Playwright in the tests).
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, _index(site_dir, bundle or site_dir / urls.SEARCH_INDEX)).result()
    except BuildError:
        raise
    except Exception as exc:  # the binary failed or could not start
        raise BuildError(f"search indexing failed: {type(exc).__name__}: {exc}") from exc


def index_into_new_folder(site_dir: Path, progress: Progress | None = None) -> Path:
    """Index the site into a new folder inside it, to be swapped for the old index."""
    bundle = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=site_dir))
    try:
        index(site_dir, progress, bundle)
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    return bundle


async def _index(site_dir: Path, bundle: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(bundle))
    async with PagefindIndex(config=config) as pagefind:
        # Only case pages carry data-pagefind-body: Pagefind need not read the listing pages.
        result = await pagefind.add_directory(str(site_dir), glob=CASE_PAGES)
        await pagefind.write_files()
    return int(result.get("page_count", 0)) if isinstance(result, dict) else 0
