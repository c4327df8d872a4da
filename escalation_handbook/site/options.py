"""The `handbook` plugin's options in mkdocs.yml, each validated when MkDocs loads the config: a
bad value is a config error naming the option and what to write instead."""

from __future__ import annotations

from datetime import date

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..model.values import is_web_url


class WebUrl(c.BaseConfigOption[str]):
    """A full http(s) URL: a page links to it, so no `javascript:` or other scheme."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not is_web_url(value.strip()):
            raise c.ValidationError(
                f"{value!r} is not a web address: write a full http:// or https:// URL")
        return value.strip()


class Day(c.BaseConfigOption[date]):
    """A date written as YYYY-MM-DD (YAML may already have read it as one)."""

    def run_validation(self, value: object) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise c.ValidationError(
                f"{value!r} is not a date: write it as YYYY-MM-DD, such as 2026-12-01") from None


class HandbookConfig(base.Config):
    playbooks = c.Type(str, default="playbooks")
    quizzes = c.Type(str, default="quizzes")
    # The date review statuses are computed against at build time (the browser recomputes
    # them); set it for reproducible builds and tests. Default: today.
    today = c.Optional(Day())
    # Base URL of the repository's files, for "Edit this page" links to the YAML sources,
    # such as https://git.example.com/handbook/edit/main/
    edit_url = c.Optional(WebUrl())
    # Fail the build on the checks' warnings too (advice such as a playbook no quiz covers).
    strict = c.Type(bool, default=False)
    # false: a reader build, without the pages for policy owners (Writing playbooks, the
    # author's pages whose front matter says `audience: policy owners`) or "Source:" lines
    policy_owner_pages = c.Type(bool, default=True)
