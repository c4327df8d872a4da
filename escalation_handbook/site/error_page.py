"""`handbook serve` while the handbook is broken: every page asked for is a page listing the
problems (each `path:line:col: …`), which reloads itself, through live reload, once a save
fixes them. The last good site stays on disk: its assets are still served, and its pages come
back with the first build that passes."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.livereload import LiveReloadServer

PLUGIN_LOGGER = "mkdocs.plugins.handbook"
TITLE = "The handbook has problems"
ADVICE = ("Fix them and save: this page reloads by itself once the handbook builds again. "
          "Until then the site shows this page; the last good build is kept.")


class _Problems(logging.Handler):
    """The lines the plugin logs as errors during one build (each a problem, or a summary)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def problems_logged() -> Iterator[list[str]]:
    """Collect what the plugin logs as errors while the block runs."""
    handler = _Problems()
    logger = logging.getLogger(PLUGIN_LOGGER)
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


def page(problems: list[str]) -> bytes:
    """The error page: the problems as written, escaped, each on a line of its own."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{TITLE}</title><style>body{{font:16px/1.5 system-ui,sans-serif;"
            f"margin:2rem auto;max-width:60rem;padding:0 1rem}}li{{margin:.4rem 0}}"
            f"code{{white-space:pre-wrap;overflow-wrap:anywhere}}</style></head>\n<body>"
            f"<main class=\"hb-serve-problems\"><h1>{TITLE}</h1><p>{ADVICE}</p>\n"
            f"<ul>\n{items}\n</ul></main>\n</body></html>\n").encode()


def show_problems(server: LiveReloadServer, problems: Callable[[], list[str]]) -> None:
    """Serve the error page for every page while ``problems()`` lists any; live reload's own
    script is in it, so the browser reloads when the next build is out."""
    serve_file = server._serve_request

    def serve_request(environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO", "")
        found = problems()
        if found and not path.startswith("/livereload/") and (
                path.endswith(("/", ".html")) or "." not in path.rsplit("/", 1)[-1]):
            content = server._inject_js_into_html(page(found), server._visible_epoch)
            start_response("503 Service Unavailable", [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(content))), ("Cache-Control", "no-store")])
            return [content]
        return serve_file(environ, start_response)

    server._serve_request = serve_request  # type: ignore[method-assign]
