"""Site stage: MkDocs + Material → HTML. Building aside and swapping keeps the last good site."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

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


def build_site(config_file: Path, site_dir: Path | None = None, strict: bool = True,
               plugin_options: dict[str, Any] | None = None) -> BuildResult:
    """Build into a folder beside the target, then swap it in: a failed build leaves the
    previous site as it was. ``strict`` makes MkDocs' own warnings (a broken link) fail."""
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    with _collect_logs() as logs:
        try:
            config = load_config(str(config_file), site_dir=str(staging), strict=strict)
            for name, value in (plugin_options or {}).items():
                plugin = config.plugins.get("handbook")
                if plugin is not None:
                    plugin.config[name] = value
            build(config)
            ok = True
        except (Abort, ConfigurationError, PluginError, OSError) as error:
            ok = False
            logs.records.append(logging.makeLogRecord({"msg": str(error),
                                                       "levelno": logging.ERROR}))
    # The plugin's own lines (each problem in the YAML) and MkDocs' warnings and errors.
    messages = [r.getMessage() for r in logs.records
                if (r.levelno >= logging.WARNING or r.name == PLUGIN_LOGGER)
                and not r.getMessage().startswith("Aborted with")]
    if not ok:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, target, messages)
    _swap(staging, target)
    return BuildResult(True, target, messages)


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve with live reload; the plugin watches the YAML folders."""
    from mkdocs.commands.serve import serve

    serve(str(config_file), dev_addr=f"{host}:{port}", livereload=True)
