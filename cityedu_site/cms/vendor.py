"""The Decap CMS files the site serves at /admin/, vendored from the npm package.

They are committed under cms/decap/ so that a fresh clone builds /admin/ with nothing but
Python: `make serve`, the tests and Netlify's build need no Node.js. SHA256SUMS there
records the version and every file's digest; a test holds the files to it, and to the npm
package itself when `make test` has installed it into .cache/tools/.

    python -m cityedu_site.cms.vendor .cache/tools/cms/node_modules/decap-cms   # refresh

(`make vendor-cms` installs the pinned version from npm and runs this.)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

DECAP_VERSION = "3.16.3"
FOLDER = Path(__file__).resolve().parent / "decap"
SUMS = "SHA256SUMS"


def wanted(name: str) -> bool:
    """The bundle, the chunks it loads on demand and its WebAssembly; no source maps, and
    not cms.js (the same bundle under its old name)."""
    return (name == "decap-cms.js" or name.endswith(".decap-cms.js") or name.endswith(".wasm")
            or name == "decap-cms.js.LICENSE.txt")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded() -> tuple[str, dict[str, str]]:
    """(version, {file name: sha256}) as SHA256SUMS records them."""
    version, digests = "", {}
    for line in (FOLDER / SUMS).read_text("utf-8").splitlines():
        if line.startswith("# decap-cms "):
            version = line.split()[2].rstrip(",")
        elif line and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            digests[name] = digest
    return version, digests


def files() -> dict[str, Path]:
    """The vendored files by name, as SHA256SUMS lists them."""
    return {name: FOLDER / name for name in recorded()[1]}


def vendor(package: Path) -> list[str]:
    """Copy the wanted files of an installed decap-cms package and record their digests."""
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    if version != DECAP_VERSION:
        raise SystemExit(f"{package} holds decap-cms {version}; DECAP_VERSION says {DECAP_VERSION}")
    if FOLDER.exists():
        shutil.rmtree(FOLDER)
    FOLDER.mkdir()
    names = sorted(p.name for p in (package / "dist").iterdir() if wanted(p.name))
    lines = [f"# decap-cms {version}, the files of its npm package's dist/ that /admin/ serves.",
             "# Refresh with `make vendor-cms`; tests/test_cms.py checks every file against this list."]
    for name in names:
        shutil.copyfile(package / "dist" / name, FOLDER / name)
        lines.append(f"{sha256(FOLDER / name)}  {name}")
    (FOLDER / SUMS).write_text("\n".join(lines) + "\n", "utf-8")
    return names


if __name__ == "__main__":
    copied = vendor(Path(sys.argv[1]))
    print(f"vendored {len(copied)} files of decap-cms {DECAP_VERSION} into {FOLDER}")
