"""The few exceptions: what is not a content Problem. The CLI maps each to an exit code."""


class CityEduError(Exception):
    """Base of the errors the CLI reports without a traceback."""

    exit_code = 2


class ConfigError(CityEduError):
    """The site configuration (site.toml or a command-line option) is wrong."""

    exit_code = 2


class ContentError(CityEduError):
    """The content has problems; they were reported, the build stopped before writing."""

    exit_code = 1

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the content")


class BuildError(CityEduError):
    """Rendering, writing or indexing failed; the previous output was left as it was."""

    exit_code = 3
