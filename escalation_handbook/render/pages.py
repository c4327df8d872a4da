"""One method per kind of page: each gathers what its template shows, then renders it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from ..clocks import playbook_clocks
from ..folder import Document, Handbook
from ..model import Contact, Playbook, Quiz, Step
from ..review import STATUS_LABELS, STATUSES, ReviewRecord, counts
from . import links
from .clocks import ClockViews
from .coverage import SEVERE_LEVELS, coverage_context
from .finder import finder_index, home_finder
from .hours import HoursAttributes
from .incident_log import page_data, playbook_script, start_link
from .questions import step_anchor
from .quizzes import quiz_data, quiz_questions
from .text import attr_text
from .views import Lookups
from .wording import review_banner, review_banner_data

# Someone in an incident searches for what they see: playbooks come before the pages that
# mention the same words (the directory, the severity levels, the reference for authors).
PLAYBOOK_SEARCH = {"boost": 2}
USES_SHOWN = 10  # places listed under a directory entry; the rest are counted


def front_matter(title: str, **values: Any) -> Markup:
    """The page's YAML front matter, ready for the template (YAML, so not HTML-escaped)."""
    # The same title and values give the same text: a serving process renders most pages'
    # front matter again unchanged (JSON, with its types, is the cheap key).
    key = (title, json.dumps(values, sort_keys=True, default=repr))
    found = _front_matters.get(key) or _front_matters_before.get(key)
    if found is None:
        found = _front_matter(title, values)
    _front_matters[key] = found
    return found


# This render's front matter, and the render's before (kept for one render, then dropped).
_front_matters: dict[tuple[str, str], Markup] = {}
_front_matters_before: dict[tuple[str, str], Markup] = {}


def next_render() -> None:
    """Keep this render's front matter for the next render only."""
    global _front_matters, _front_matters_before
    _front_matters_before, _front_matters = _front_matters, {}


def _front_matter(title: str, values: dict[str, Any]) -> Markup:
    # MkDocs and Material print titles into the navigation and <title> without escaping
    # them: escape once here, so a title is shown exactly as written and never runs.
    data = {"title": attr_text(title), **values}
    # libyaml's emitter where PyYAML has it: the same text, a tenth of the time (front matter
    # was a fifth of a render at a thousand playbooks)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return Markup(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=True).strip())


Sections = list[tuple[str, list[Document[Playbook]]]]


@dataclass
class Pages:
    """Every page by docs path, and what the navigation lists of them."""

    markdown: dict[str, str]
    sections: Sections  # playbooks by section, each in title order
    quizzes: list[Document[Quiz]]  # in title order
    review_parts: list[str]  # the review pages past the first, when the list is long


class PageRenderer:
    def __init__(self, handbook: Handbook, today: date, records: list[ReviewRecord],
                 edit_url_base: str | None, env: jinja2.Environment,
                 show_source: bool = True) -> None:
        self.hb = handbook
        self.today = today
        self.site = Lookups(handbook)
        self.records = {(r.kind, r.id): r for r in records}
        self.record_list = records
        self.edit_url_base = edit_url_base
        self.show_source = show_source  # the "Source: playbooks/….yaml" line, for editors
        self.hours_of = HoursAttributes(handbook, today)
        self.env = env
        self.sections: Sections = self.site.playbooks_by_section()
        self.quizzes = sorted(handbook.quizzes, key=lambda q: (q.model.title.lower(), q.id))
        # Each quiz's questions, written and generated, made once for its page and the index.
        self.questions = {q.id: quiz_questions(handbook, q) for q in self.quizzes}
        self.quizzes_of: dict[str, list[Document[Quiz]]] = {}
        for quiz in self.quizzes:
            for playbook_id in dict.fromkeys(quiz.model.playbooks):
                self.quizzes_of.setdefault(playbook_id, []).append(quiz)

    def _render(self, template: str, **context: Any) -> str:
        context.setdefault("hours_of", self.hours_of)
        return self.env.get_template(template).render(**context)

    def pages(self) -> Pages:
        pages = {links.HOME: self.home(), links.SEVERITIES: self.severities(),
                 links.COVERAGE: self.coverage(),
                 links.TRAINING: self.training(), links.LOG: self.log()}
        if len(self.hb.playbooks) <= links.LIST_LIMIT:
            # Material's tag index lists every page under every tag: past the limit it would
            # be the heaviest page of the site. Tags still show on each page and search finds
            # them.
            pages[links.TAGS] = self.tags()
        pages.update(self.contacts())
        review = self.review()
        pages.update(review)
        for section, docs in self.sections:
            pages[links.section_page(section)] = self.section(section, docs)
            for doc in docs:
                pages[links.playbook_page(section, doc.id)] = self.playbook(doc)
        for quiz in self.quizzes:
            pages[links.quiz_page(quiz.id)] = self.quiz(quiz)
        from .reference import reference_page

        pages[links.REFERENCE] = reference_page()
        return Pages(pages, self.sections, self.quizzes,
                     [path for path in review if path != links.REVIEW])

    # --- lists --------------------------------------------------------------------------

    def _playbook_refs(self, page: str, docs: list[Document[Playbook]]) -> list[dict[str, Any]]:
        return [self.site.playbook_ref(page, d.id) for d in docs]

    def _severities(self, page: str) -> list[dict[str, Any]]:
        result = []
        for sid, s in self.site.severities.items():
            view = self.site.severity(sid)
            view.update(description=s.description, url=links.relative(page, links.SEVERITIES, sid))
            result.append(view)
        return result

    def _edit_url(self, doc: Document[Any]) -> str | None:
        if not self.edit_url_base:
            return None
        return self.edit_url_base.rstrip("/") + "/" + doc.path

    # --- pages --------------------------------------------------------------------------

    @cached_property
    def finder_index(self) -> dict[str, Any]:
        """The incident finder's index, URLs relative to the home page (where it runs)."""
        return finder_index(self.hb, self.site, links.HOME)

    def home(self) -> str:
        page = links.HOME
        settings = self.hb.settings.model  # type: ignore[union-attr]
        triage_html = None
        if settings.triage:
            tree = self.site.tree("triage", "Which playbook applies?", settings.triage,
                                  self.hb.settings, page, joined=True)  # type: ignore[arg-type]
            triage_html = self._render("_tree.j2", tree=tree)
        sections = [{"title": self.site.section_title(s), "playbooks": self._playbook_refs(page, d),
                     "url": links.relative(page, links.section_page(s))}
                    for s, d in self.sections]
        return self._render(
            "home.md.j2", front_matter=front_matter(settings.title), settings=settings,
            triage=settings.triage, triage_html=Markup(triage_html or ""), sections=sections,
            sections_only=len(self.hb.playbooks) > links.LIST_LIMIT,
            severities=self._severities(page),
            finder=home_finder(self.finder_index, self.site, page, bool(settings.triage)),
            key_contacts=[self.site.contact(c.id, page) for c in self.site.key_contacts()],
            contacts_url=links.relative(page, links.CONTACTS),
            training_url=links.relative(page, links.TRAINING),
            review_url=links.relative(page, links.REVIEW),
            card_url=links.relative(page, links.CARDS),
        )

    def section(self, section: str, docs: list[Document[Playbook]]) -> str:
        page = links.section_page(section)
        title = self.site.section_title(section)
        found = self._triggers_by_severity(page, docs)
        levels = [{**view, "triggers": found[view["id"]]} for view in self._severities(page)
                  if view["id"] in found]
        return self._render("section.md.j2", front_matter=front_matter(title), title=title,
                            playbooks=self._playbook_refs(page, docs), levels=levels)

    def playbook(self, doc: Document[Playbook]) -> str:
        page = links.playbook_page(doc.section, doc.id)
        pb = doc.model
        site = self.site
        pathways = {p.id: p for p in pb.pathways}

        def contact(contact_id: str) -> dict[str, Any]:
            view = site.contact(contact_id, page)
            backup = site.contacts[contact_id].backup
            view["backup"] = site.contact(backup, page) if backup in site.contacts else None
            return view

        triggers = [{"id": t.id, "name": t.name, "signals": t.signals,
                     "description": t.description, "severity": site.severity(t.severity),
                     "pathway": pathways[t.pathway], "log": start_link(page, doc.id, t.id)}
                    for t in pb.triggers]

        def step(pathway_id: str, n: int, s: Step) -> dict[str, Any]:
            contacts = [contact(c) for c in s.contacts]
            return {"anchor": step_anchor(pathway_id, n), "after": s.after,
                    "acknowledge_within": s.acknowledge_within,
                    "actions": [Markup(site.prose_inline(a)) for a in s.actions],
                    "contacts": contacts, "backups": [c for c in contacts if c["backup"]]}

        steps_of = [{"id": p.id, "name": p.name,
                     "steps": [step(p.id, n, s) for n, s in enumerate(p.steps, start=1)]}
                    for p in pb.pathways]
        clocks = ClockViews(site, doc.id, pb, playbook_clocks(self.hb, doc), page, self.today)
        communications = [{"id": c.id, "when": c.when, "audience": c.audience, "channel": c.channel,
                           "template": c.template,
                           "owner": site.contact(c.owner, page) if c.owner else None}
                          for c in pb.communications]
        tree_html = ""
        if pb.decision_tree:
            tree = site.tree(doc.id, pb.title, pb.decision_tree, doc, page)
            tree_html = self._render("_tree.j2", tree=tree)
        quizzes = [{"id": q.id, "title": q.model.title,
                    "url": links.relative(page, links.quiz_page(q.id))}
                   for q in self.quizzes_of.get(doc.id, [])]
        meta: dict[str, Any] = {"search": PLAYBOOK_SEARCH, "handbook_signals": {
            t.id: list(t.signals) for t in pb.triggers if t.signals}}  # never shown: a search field
        if pb.tags:
            meta["tags"] = [attr_text(t) for t in pb.tags]
        return self._render(
            "playbook.md.j2", front_matter=front_matter(pb.title, **meta),
            call_now=self._call_now(doc, page),
            pb=pb,
            record=self._record("playbook", doc.id, page), triggers=triggers,
            tree=pb.decision_tree, tree_html=Markup(tree_html), pathways=steps_of,
            communications=communications, compliance=pb.compliance, quizzes=quizzes,
            clocks=clocks.views(), clock_data=clocks.data(),
            source_path=doc.path if self.show_source else None, edit_url=self._edit_url(doc),
            card_url=links.relative(page, links.card_page(doc.section, doc.id)),
            log=start_link(page, doc.id),
        )

    def log_script(self, doc: Document[Playbook]) -> bytes:
        """The incident log's data of one playbook (a method, for `RenderMemo` to remember)."""
        return playbook_script(self.site, doc)

    def log(self) -> str:
        """The incident log's page: the widget, and for readers without JavaScript what it
        needs and the playbooks (past the list limit, the sections)."""
        page = links.LOG
        docs = [d for _, group in self.sections for d in group]
        return self._render(
            "log.md.j2", front_matter=front_matter("Incident log", search={"exclude": True}),
            data=page_data(self.hb, self.site),
            playbooks=[] if len(docs) > links.LIST_LIMIT else self._playbook_refs(page, docs),
            sections=[{"title": self.site.section_title(s),
                       "url": links.relative(page, links.section_page(s))}
                      for s, _ in self.sections])

    def _call_now(self, doc: Document[Playbook], page: str) -> list[dict[str, Any]]:
        """Who to call first, by severity (most severe first): the playbook page leads with it.
        Each level: its triggers, and the first contacts of their pathways, each once."""
        pb = doc.model
        first = {p.id: p.steps[0].contacts if p.steps else [] for p in pb.pathways}
        levels = []
        for sid in self.site.severities:
            triggers = [t for t in pb.triggers if t.severity == sid]
            if not triggers:
                continue
            contacts = dict.fromkeys(c for t in triggers for c in first.get(t.pathway, [])
                                     if c in self.site.contacts)
            levels.append({"severity": self.site.severity(sid),
                           "triggers": [{"id": t.id, "name": t.name} for t in triggers],
                           "contacts": [self.site.contact(c, page) for c in contacts]})
        return levels

    def _record(self, kind: str, item_id: str, page: str) -> dict[str, Any]:
        record = self.records[(kind, item_id)]
        return {**record.__dict__, "warn_days": record.warn_days,
                "owner_url": links.relative(page, self.site.directory_page[record.owner_id],
                                            record.owner_id)
                if record.owner_id in self.site.contacts else None,
                "status_text": STATUS_LABELS[record.status],
                "banner": review_banner(record), "banner_data": review_banner_data(record)}

    def contacts(self) -> dict[str, str]:
        """The directory: one page, or an index of teams and a page per team when long."""
        uses = self.site.contact_uses()
        pages: dict[str, str] = {}
        teams = []
        for team_slug, (name, members) in self.site.teams.items():
            page = (links.team_page(team_slug) if self.site.split_directory
                    else links.CONTACTS)
            entries = [self._directory_entry(c, page, uses.get(c.id, [])) for c in members]
            teams.append({"name": name, "contacts": entries,
                          "url": links.relative(links.CONTACTS, page)})
            if self.site.split_directory:
                pages[page] = self._render(
                    "contacts.md.j2", front_matter=front_matter(name), title=name,
                    teams=[teams[-1]], index=None)
        index = teams if self.site.split_directory else None
        pages[links.CONTACTS] = self._render(
            "contacts.md.j2", front_matter=front_matter("Contacts"), title="Contacts",
            teams=[] if index else teams, index=index)
        return pages

    def _directory_entry(self, c: Contact, page: str, uses: list[dict[str, str]]
                         ) -> dict[str, Any]:
        view = self.site.contact(c.id, page)
        view["notes"] = c.notes
        view["backup"] = (self.site.contact(c.backup, page)
                          if c.backup in self.site.contacts else None)
        shown = uses[:USES_SHOWN]
        view["uses"] = [{"text": u["text"], "url": links.relative(page, u["page"],
                                                                  u["anchor"] or None)}
                        for u in shown]
        view["uses_total"] = len(uses)
        return view

    def _triggers_by_severity(self, page: str, docs: list[Document[Playbook]]
                              ) -> dict[str, list[dict[str, str]]]:
        found: dict[str, list[dict[str, str]]] = {}
        for d in docs:
            for t in d.model.triggers:
                found.setdefault(t.severity, []).append({
                    "name": t.name, "url": self.site.playbook_url(page, d.id, f"trigger-{t.id}"),
                    "playbook_title": d.model.title,
                    "playbook_url": self.site.playbook_url(page, d.id)})
        return found

    def severities(self) -> str:
        """Each level with its triggers; a level with very many lists them by section."""
        page = links.SEVERITIES
        views = self._severities(page)
        sections = self.sections
        found = self._triggers_by_severity(page, [d for _, docs in sections for d in docs])
        for view in views:
            view["triggers"] = found.get(view["id"], [])
            view["by_section"] = None
            if len(view["triggers"]) > links.LIST_LIMIT:
                view["by_section"] = [
                    {"title": self.site.section_title(section), "count": count,
                     "url": links.relative(page, links.section_page(section),
                                           f"severity-{view['id']}")}
                    for section, docs in sections
                    if (count := sum(1 for d in docs for t in d.model.triggers
                                     if t.severity == view["id"]))]
        return self._render("severities.md.j2", front_matter=front_matter("Severity levels"),
                            severities=views)

    def coverage(self) -> str:
        settings = self.hb.settings.model  # type: ignore[union-attr]
        labels = " or ".join(s.label for s in settings.severities[:SEVERE_LEVELS])
        return self._render("coverage.md.j2", front_matter=front_matter("Coverage"),
                            c=coverage_context(self.hb, self.site, self.today),
                            severe_labels=labels)

    def training(self) -> str:
        page = links.TRAINING
        quizzes = []
        for q in self.quizzes:
            covers = [p for p in q.model.playbooks if p in self.site.playbooks]
            quizzes.append({"id": q.id, "title": q.model.title,
                            "count": len(self.questions[q.id]),
                            "url": links.relative(page, links.quiz_page(q.id)),
                            "playbooks": [self.site.playbook_ref(page, p) for p in covers[:3]],
                            "more": max(0, len(covers) - 3)})
        return self._render("training.md.j2", front_matter=front_matter("Training"),
                            quizzes=quizzes, compact=len(quizzes) > links.LIST_LIMIT)

    def quiz(self, doc: Document[Quiz]) -> str:
        page = links.quiz_page(doc.id)
        data = quiz_data(self.site, doc, self.questions[doc.id], page)
        return self._render(
            "quiz.md.j2", front_matter=front_matter(doc.model.title), quiz=doc.model, data=data,
            playbooks=[self.site.playbook_ref(page, p) for p in doc.model.playbooks
                       if p in self.site.playbooks],
            record=self._record("quiz", doc.id, page),
        )

    def _review_rows(self, page: str, records: list[ReviewRecord]) -> list[dict[str, Any]]:
        rows = []
        for r in sorted(records, key=lambda r: (STATUSES.index(r.status), r.due, r.path)):
            row = self._record(r.kind, r.id, page)
            target = (links.quiz_page(r.id) if r.kind == "quiz" else links.playbook_page(
                self.site.playbooks[r.id].section, r.id))
            row["url"] = links.relative(page, target)
            rows.append(row)
        return rows

    def review(self) -> dict[str, str]:
        """Every item's review status: on one page, or, when long, what needs attention on
        the first page and every item on a page per section (and one for the quizzes)."""
        page = links.REVIEW
        records = self.record_list
        context = {"today": self.today, "json_url": links.relative(page, links.REVIEW_JSON)}
        if len(records) <= 2 * links.LIST_LIMIT:
            return {page: self._render("review.md.j2", front_matter=front_matter(
                "Review status"), title="Review status", records=self._review_rows(
                page, records), parts=None, more=0, **context)}
        groups: dict[str, tuple[str, list[ReviewRecord]]] = {}
        for r in records:
            if r.kind == "quiz":
                groups.setdefault("training", ("Training", []))[1].append(r)
            else:
                section = self.site.playbooks[r.id].section
                groups.setdefault(links.slug(section), (self.site.section_title(section), []))[
                    1].append(r)
        pages: dict[str, str] = {}
        parts = []
        per_page = 2 * links.LIST_LIMIT
        for part_slug, (name, group) in sorted(groups.items()):
            group.sort(key=lambda r: (r.due, r.path))
            chunks = [group[i:i + per_page] for i in range(0, len(group), per_page)]
            for n, items in enumerate(chunks, start=1):
                title = name if len(chunks) == 1 else f"{name} ({n} of {len(chunks)})"
                part = links.review_section_page(part_slug if n == 1 else f"{part_slug}-{n}")
                pages[part] = self._render(
                    "review.md.j2", front_matter=front_matter(f"Review status: {title}"),
                    title=f"Review status: {title}", records=self._review_rows(part, items),
                    parts=None, more=0, today=self.today,
                    json_url=links.relative(part, links.REVIEW_JSON))
                parts.append({"title": title, "url": links.relative(page, part),
                              **counts(items)})
        attention = self._review_rows(
            page, [r for r in records if r.status != "ok" or r.possibly_outdated])
        pages[page] = self._render(
            "review.md.j2", front_matter=front_matter("Review status"), title="Review status",
            records=attention[:links.LIST_LIMIT], more=len(attention) - links.LIST_LIMIT,
            parts=parts, **context)
        return pages

    def tags(self) -> str:
        return (f"---\n{front_matter('Tags')}\n---\n\n# Tags\n\n"
                "Playbooks by tag.\n\n<!-- material/tags -->\n")
