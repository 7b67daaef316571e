"""Site settings: read once from site.toml, overridden by command-line options, passed
explicitly to every stage as one frozen value."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigError

CONFIG_FILE = "site.toml"


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    title: str = "CityEdu Knowledge Base"
    tagline: str = "How cities run education, lifelong learning, e-government and training"
    description: str = (
        "Case studies of how cities run education, lifelong-learning, e-government and "
        "training programmes, with their goals, budgets, periods and contacts."
    )
    base_url: str = "https://cityedu.netlify.app/"
    language: str = "en"
    licence_name: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/"
    content_dir: Path = Path("content")
    templates_dir: Path = Path("templates")
    assets_dir: Path = Path("assets")
    output_dir: Path = Path("public")
    search: bool = True
    # [edit]: the GitHub repository ("owner/name") and branch the site is built from. With
    # a repository, pages link to the form at /admin/ and to their file on GitHub.
    repository: str = ""
    branch: str = "main"
    # The moment the build describes. Fixed by SOURCE_DATE_EPOCH for reproducible output.
    build_time: datetime = dataclasses.field(default_factory=lambda: _build_time(os.environ))

    @property
    def today(self) -> date:
        return self.build_time.date()

    def path(self, relative: Path) -> Path:
        return relative if relative.is_absolute() else self.root / relative

    @property
    def content_path(self) -> Path:
        return self.path(self.content_dir)

    @property
    def templates_path(self) -> Path:
        return self.path(self.templates_dir)

    @property
    def assets_path(self) -> Path:
        return self.path(self.assets_dir)

    @property
    def output_path(self) -> Path:
        return self.path(self.output_dir)


def _build_time(environ) -> datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError as exc:
            raise ConfigError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from exc
    return datetime.now(tz=UTC).replace(microsecond=0)


_TABLE_KEYS = {
    "site": {"title", "tagline", "description", "base_url", "language", "licence_name", "licence_url"},
    "paths": {"content_dir", "templates_dir", "assets_dir", "output_dir"},
    "edit": {"repository", "branch"},
}
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"(?!.*\.\.)(?!/)(?!.*//)[A-Za-z0-9._/-]{1,200}(?<![/.])")


def load_config(root: Path, **overrides) -> Config:
    """Read `site.toml` under root (optional) and apply overrides (None means 'not given')."""
    root = root.resolve()
    values: dict = {}
    file = root / CONFIG_FILE
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{CONFIG_FILE}: {exc}") from exc
        values.update(_read_tables(data))
    values.update({k: v for k, v in overrides.items() if v is not None})
    for key in ("content_dir", "templates_dir", "assets_dir", "output_dir"):
        if key in values:
            values[key] = Path(values[key])
    if "base_url" in values:
        values["base_url"] = normalise_base_url(values["base_url"])
    _check_edit(values)
    return Config(root=root, **values)


def _check_edit(values: dict) -> None:
    repository, branch = values.get("repository"), values.get("branch")
    if repository and (not _REPOSITORY.fullmatch(repository) or repository.endswith((".git", "/"))):
        raise ConfigError(f"{CONFIG_FILE}: [edit] repository {repository!r} must be a GitHub repository "
                          "written owner/name, like cityedu/cityedu-site")
    if branch is not None and not _BRANCH.fullmatch(branch):
        raise ConfigError(f"{CONFIG_FILE}: [edit] branch {branch!r} is not a branch name, like main")


def _read_tables(data: dict) -> dict:
    values = {}
    for table, content in data.items():
        allowed = _TABLE_KEYS.get(table)
        if allowed is None or not isinstance(content, dict):
            raise ConfigError(f"{CONFIG_FILE}: unknown table [{table}]; expected one of "
                              + ", ".join(f"[{t}]" for t in _TABLE_KEYS))
        for key, value in content.items():
            if key not in allowed:
                raise ConfigError(f"{CONFIG_FILE}: [{table}] has no setting {key!r}; "
                                  f"expected one of {', '.join(sorted(allowed))}")
            if not isinstance(value, str):
                raise ConfigError(f"{CONFIG_FILE}: [{table}] {key} must be a string")
            values[key] = value
    return values


def normalise_base_url(url: str) -> str:
    """An absolute http(s) URL ending in '/', the site's home on its original host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"base URL {url!r} must be an absolute http(s) URL, "
                          "like https://example.org/kb/")
    if parts.query or parts.fragment:
        raise ConfigError(f"base URL {url!r} must not carry a query or a fragment")
    return url if url.endswith("/") else url + "/"


def with_changes(config: Config, **changes) -> Config:
    return dataclasses.replace(config, **changes)


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every template may know of the site."""

    title: str
    tagline: str
    description: str
    base_url: str
    language: str
    licence_name: str
    licence_url: str
    build_year: int
    repository: str = ""  # GitHub "owner/name", or "" when site.toml names none
    branch: str = "main"
    cases_folder: str = "content/cases"  # where new case studies go, in the repository

    def edit_links(self, kind: str, slug: str, path: str) -> EditLinks | None:
        """Where to edit a case ("case") or city ("city"): its entry in the form at /admin/
        and its file on GitHub (as MkDocs' edit_uri). None when no repository is set."""
        if not self.repository:
            return None
        return EditLinks(f"{ADMIN}#/collections/{CMS_COLLECTIONS[kind]}/entries/{slug}",
                         f"https://github.com/{self.repository}/edit/{self.branch}/{path}")

    def propose_links(self) -> EditLinks | None:
        """Where to start a new case study: the form, or a new file on GitHub."""
        if not self.repository:
            return None
        return EditLinks(f"{ADMIN}#/collections/{CMS_COLLECTIONS['case']}/new",
                         f"https://github.com/{self.repository}/new/{self.branch}/{self.cases_folder}")


ADMIN = "admin/"  # the form's address (cityedu_site/cms)
CMS_COLLECTIONS = {"case": "cases", "city": "cities"}  # the form's collection of each kind


@dataclass(frozen=True, slots=True)
class EditLinks:
    form: str  # site-relative: link to it with |rel(root)
    github: str


def site_info(config: Config) -> SiteInfo:
    return SiteInfo(config.title, config.tagline, config.description, config.base_url,
                    config.language, config.licence_name, config.licence_url, config.build_time.year,
                    config.repository, config.branch, (config.content_dir / "cases").as_posix())
