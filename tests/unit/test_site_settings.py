"""The settings table the plugin enforces (`site.settings.ENFORCED`), applied to a config as the
plugin does and written into the standalone mkdocs.yml of `handbook render`."""

from __future__ import annotations

from escalation_handbook.render import DocsTree
from escalation_handbook.render.wording import MATERIAL_LABELS
from escalation_handbook.site.settings import ENFORCED, enforce, standalone_config

TREE = DocsTree(nav=[{"R&D <lab>": ["lab.md"]}, "index.md"],
                extra_css=["assets/handbook/handbook.css"],
                extra_javascript=["assets/handbook/handbook.js"])


def test_enforce_overrides_keeps_and_adds():
    config = {
        "use_directory_urls": True,
        "theme": {"name": "material", "font": {"text": "Roboto"}},
        "extra_css": ["mine.css", "assets/handbook/handbook.css"],
        "markdown_extensions": [{"toc": {"permalink": True}}, "tables"],
        "nav": ["mine.md"],
        "extra": {"analytics": None},
    }
    enforce(config, TREE)
    assert config["use_directory_urls"] is False
    assert config["theme"] == {"name": "material", "font": False}
    assert config["extra_css"] == ["mine.css", "assets/handbook/handbook.css"]
    assert config["extra_javascript"] == ["assets/handbook/handbook.js"]
    assert config["markdown_extensions"] == [{"toc": {"permalink": True}}, "tables",
                                             "attr_list", "admonition"]
    assert config["nav"] == ["mine.md"]  # the author's own navigation stays
    assert config["extra"] == {"analytics": None, "handbook_labels": MATERIAL_LABELS,
                               "handbook_offline": None}


def test_the_standalone_config_holds_every_enforced_setting():
    config = standalone_config(TREE, "Site", "overrides")
    again = standalone_config(TREE, "Site", "overrides")
    enforce(again, TREE)  # nothing left to enforce
    assert again == config
    for setting in ENFORCED:
        *parents, key = setting.key.split(".")
        target = config
        for parent in parents:
            target = target[parent]
        assert key in target, setting.key
    assert {"toc": {"permalink": True, "toc_depth": 2}} in config["markdown_extensions"]


def test_navigation_titles_from_the_yaml_are_escaped_in_both_builds():
    plugin_config: dict[str, object] = {"nav": None, "theme": {}}
    enforce(plugin_config, TREE)
    expected = [{"R&amp;D &lt;lab&gt;": ["lab.md"]}, "index.md"]
    assert plugin_config["nav"] == expected
    assert standalone_config(TREE, "Site", "overrides")["nav"] == expected
