"""What each playbook's pages were made from, so that a serving process renders again only the
pages whose inputs changed (`handbook serve`; a one-off render keeps nothing).

A playbook's page and its incident card make up most of a render (nine tenths at a thousand
playbooks). Each is a function of:

- the playbook itself (its model, file, section and id);
- what every page shares: handbook.yaml, where each contact's directory entry is, the key
  contacts, the date, the edit and site URLs (`_shared`);
- what is the playbook's own elsewhere: its review record, the quizzes that cover it;
- the other playbooks and the contacts it reads, such as a decision tree's outcome in another
  playbook or the people a step calls: recorded as the page is rendered, from every read of
  `Lookups.playbooks` and `Lookups.contacts`.

A page is taken from the previous render when all of these compare equal (models compare by
value). Every other page (lists, directory, review, quizzes, cards) has its values worked
out again each time, but its template renders again only when what it is given differs from
the previous render's (by value, with the same shared inputs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..folder import Document
    from ..model import Playbook
    from .cards import CardRenderer
    from .pages import PageRenderer


class _Reads(dict):  # type: ignore[type-arg]
    """The playbooks by id, noting which ids are read while ``reads`` is a set."""

    reads: set[str] | None = None

    def __getitem__(self, key: str) -> Any:
        if self.reads is not None:
            self.reads.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        if self.reads is not None:
            self.reads.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if self.reads is not None and isinstance(key, str):
            self.reads.add(key)
        return super().__contains__(key)


@dataclass
class _Made:
    """One page (or card) and what it was made from."""

    value: Any
    playbook: Any  # the model
    own: tuple[Any, ...]
    reads: dict[tuple[str, str], Any]  # ("playbook"|"contact", id) → what it was, None: absent


class RenderMemo:
    """The previous render's playbook pages and cards, with their inputs (see the module)."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], _Made] = {}
        self._shared: tuple[Any, ...] | None = None
        self.reused = 0  # how many pages the last render took from the one before
        self.lists_reused = 0  # other pages taken, their template given the same values
        # Every other page's template, what it was given and what it made: (template, front
        # matter) → [(context, Markdown)], a list as two pages may share a title.
        self._rendered: dict[tuple[str, Any], list[tuple[Any, str]]] = {}
        self.rendered = 0

    def attach(self, pages: PageRenderer, cards: CardRenderer) -> None:
        """Route the renderers' playbook pages and cards through the memo for one render."""
        site = pages.site
        playbooks, contacts = _Reads(site.playbooks), _Reads(site.contacts)
        site.playbooks, site.contacts = playbooks, contacts
        tables = {"playbook": playbooks, "contact": contacts}
        shared = _shared(pages, cards)
        same = shared == self._shared
        previous, self._made, self._shared = (self._made if same else {}), {}, shared
        self.reused = self.rendered = 0

        def remembered(kind: str, make: Callable[[Any], Any], own: Callable[[Any], tuple[Any, ...]]
                       ) -> Callable[[Any], Any]:
            def one(doc: Document[Playbook]) -> Any:
                key = (kind, doc.path)
                mine = (doc.id, doc.section, *own(doc))
                before = previous.get(key)
                if before is not None and before.playbook == doc.model and before.own == mine \
                        and all(_read(tables, k) == seen for k, seen in before.reads.items()):
                    self._made[key] = before
                    self.reused += 1
                    return before.value
                playbooks.reads, contacts.reads = set(), set()
                try:
                    value = make(doc)
                    reads = {(kind, i): _read(tables, (kind, i))
                             for kind, table in tables.items() for i in table.reads or ()}
                finally:
                    playbooks.reads = contacts.reads = None
                self._made[key] = _Made(value, doc.model, mine, reads)
                self.rendered += 1
                return value
            return one

        rendered, self._rendered = self._rendered, {}
        self.lists_reused = 0

        def by_value(render: Callable[..., str], hours: Any = None) -> Callable[..., str]:
            def page(template: str, **context: Any) -> str:
                if template in _OWN_MEMO:  # a playbook's page: remembered whole, below
                    return render(template, **context)
                given = (context, hours)  # the hours look-up compares by the hours it reads
                key = (template, context.get("front_matter"))
                kept = self._rendered.setdefault(key, [])
                for before, value in rendered.get(key, ()) if same else ():
                    if before == given:
                        kept.append((given, value))
                        self.lists_reused += 1
                        return value
                value = render(template, **context)
                kept.append((given, value))
                return value
            return page

        pages._render = by_value(pages._render, pages.hours_of)  # type: ignore[method-assign]
        cards._render = by_value(cards._render)  # type: ignore[method-assign]
        # Bound methods replaced on these two instances only, for this render.
        pages.playbook = remembered(  # type: ignore[method-assign]
            "page", pages.playbook, lambda doc: (
                pages.records[("playbook", doc.id)],
                tuple((q.id, q.model.title) for q in pages.quizzes_of.get(doc.id, []))))
        pages.log_script = remembered(  # type: ignore[method-assign]
            "log", pages.log_script, lambda doc: ())
        cards.playbook_card = remembered(  # type: ignore[method-assign]
            "card", cards.playbook_card, lambda doc: (cards.records[("playbook", doc.id)],))


def _read(tables: dict[str, _Reads], key: tuple[str, str]) -> Any:
    """What a recorded read gave: a playbook's section and model, or a contact."""
    kind, item_id = key
    found = dict.get(tables[kind], item_id)
    if kind == "playbook" and found is not None:
        return (found.section, found.model)
    return found


def _shared(pages: PageRenderer, cards: CardRenderer) -> tuple[Any, ...]:
    site = pages.site
    settings = pages.hb.settings.model if pages.hb.settings else None
    return (pages.today, pages.edit_url_base, pages.show_source, cards.site_url, settings,
            tuple(site.directory_page.items()),
            tuple(c.id for c in site.key_contacts()))


_OWN_MEMO = {"playbook.md.j2", "_tree.j2"}  # the playbook's page and its tree, kept whole
