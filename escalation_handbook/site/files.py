"""The files of a MkDocs build: what the handbook's rules take from docs/, plus the generated
pages, in the order a plain `mkdocs build` of the rendered tree finds them."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..render import DocsTree


def with_generated(files: Files, config: MkDocsConfig, tree: DocsTree, taken: set[str]
                   ) -> Files:
    """``files`` less what ``taken`` (the files of docs/ the handbook publishes) leaves out,
    plus the pages of ``tree``."""
    # MkDocs follows every link under docs/: leave out what the handbook's rules do not
    # take (links out of the handbook folder; drafts, which MkDocs leaves out itself)
    docs_dir = str(Path(config.docs_dir)) + os.sep
    for file in list(files):
        source = file.abs_src_path
        if (file.generated_by is None and source and source.startswith(docs_dir)
                and os.path.normpath(source) not in taken):
            files.remove(file)
    on_disk = {f.src_uri: f for f in files}  # one look-up table: Files rebuilds its own
    for path, content in tree.items():  # after every change
        existing = on_disk.get(path)
        if existing is not None:
            if existing.generated_by is None:
                raise PluginError(
                    f"handbook: {config.docs_dir}/{path} has the same path as a page the "
                    "handbook generates: rename or move it")
            files.remove(existing)
        # A page as the str it was rendered to: MkDocs reads it back as that same str (its
        # `page.markdown`), so there is one copy, shared with a serving process's RenderMemo
        files.append(File.generated(config, path, content=content))
    # In the order MkDocs finds files on disk, so that the search index comes out the same
    # as a `mkdocs build` of the tree `handbook render` writes.
    return Files(sorted(files, key=_disk_order))


def _disk_order(file: File) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' walk: folder by folder (sorted, depth first), index/README first in each."""
    path = PurePosixPath(file.src_uri)
    return (path.parent.parts, path.stem not in ("index", "README"), path.name)
