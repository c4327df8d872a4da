"""Site stage: MkDocs + Material → HTML, built aside and switched in (``publish``) so the last
good site stays until a new one is complete."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from ..load import load_file
from ..pipeline import CheckedFolder
from ..problems import Problem
from . import publish
from .settings import load_overrides

PLUGIN_LOGGER = "mkdocs.plugins.handbook"


@dataclass
class BuildResult:
    ok: bool
    site_dir: Path
    messages: list[str] = field(default_factory=list)  # what MkDocs and the plugin logged


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _collect_logs() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # the plugin reports the checks' warnings at INFO
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def config_problems(config_file: Path) -> list[Problem]:
    """What is wrong with mkdocs.yml, read with the loader's guards (alias bombs, recursive
    aliases, repeated keys) before MkDocs reads it: MkDocs' own reading has none."""
    return load_file(config_file, config_file.name).problems


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True,
               plugin_options: dict[str, Any] | None = None) -> BuildResult:
    """Build into a folder beside the target, then switch it in atomically (see
    ``publish``): a failed or killed build leaves the previous site as it was. ``strict`` makes
    MkDocs' own warnings (a broken link) fail. Raises ``SiteDirError`` when the site folder
    cannot be written or another build is writing it."""
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    problems = config_problems(config_file)
    if problems:
        return BuildResult(False, target, [str(p) for p in problems])
    with publish.locked(target):
        publish.stop_at("locked")
        left = publish.remove_stale(target)
        staging = publish.new_staging(target)
        try:
            ok, messages = _build_into(config_file, staging, strict, plugin_options or {})
            if ok:
                publish.stop_at("staged")
                left += publish.switch(staging, target)
        finally:
            publish.discard(staging)  # the failed build, or the previous site
    return BuildResult(ok, target, messages + left)


def _build_into(config_file: Path, staging: Path, strict: bool,
                plugin_options: dict[str, Any]) -> tuple[bool, list[str]]:
    with _collect_logs() as logs:
        try:
            config = load_config(str(config_file), site_dir=str(staging), strict=strict,
                                 **load_overrides(config_file))
            plugin = config.plugins.get("handbook")
            if plugin is not None:
                # Each option through its own validation, as if written in mkdocs.yml.
                schema = dict(plugin.config_scheme)
                for name, value in plugin_options.items():
                    plugin.config[name] = schema[name].validate(value)
            build(config)
            ok = True
        except (Abort, ConfigurationError, PluginError, ValidationError, OSError) as error:
            ok = False
            logs.records.append(logging.makeLogRecord({"msg": str(error),
                                                       "levelno": logging.ERROR}))
    # The plugin's own lines (each problem in the YAML) and MkDocs' warnings and errors.
    messages = [r.getMessage() for r in logs.records
                if (r.levelno >= logging.WARNING or r.name == PLUGIN_LOGGER)
                and not r.getMessage().startswith("Aborted with")]
    return ok, messages


def serve_site(config_file: Path, host: str = "127.0.0.1", port: int = 8000,
               checked: CheckedFolder | None = None, poll: bool = False) -> list[Problem]:
    """Serve with live reload; the plugin watches the YAML folders. Returns mkdocs.yml's
    problems instead when it cannot be read safely. A handbook ``checked`` just before is not
    checked again by the first build. ``poll``: look for changes by polling, not by the
    operating system's change events."""
    from .incremental import serve
    from .plugin import use_checked

    problems = config_problems(config_file)
    if problems:
        return problems
    if checked is not None:
        use_checked(checked)
    serve(str(config_file), host, port, poll)
    return []
