"""The "Writing playbooks" page, generated from the model and the checks so it cannot drift."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..checks import RULES
from ..clocks import library
from ..model import FILE_KINDS, durations, values
from ..model.annotations import without_none
from ..model.timing import START_EVENTS
from ..problems import LOAD_CODES
from .clocks import stage_when
from .text import md

_FILES = {
    "handbook": "`playbooks/handbook.yaml`: organisation-wide settings (exactly one).",
    "contacts": "`playbooks/contacts.yaml`: everyone a pathway can point at (exactly one).",
    "playbook": "`playbooks/<section>/<id>.yaml`: one playbook a file; the folder is its section "
                "(its title and place in the navigation: `sections:` in handbook.yaml).",
    "quiz": "`quizzes/<id>.yaml`: a self-check quiz.",
}
# An example value of every key, shown in the reference (a test keeps it in step with the model).
EXAMPLES: dict[tuple[str, str], Any] = {
    ("Settings", "title"): "Northwind Escalation Handbook",
    ("Settings", "organisation"): "Northwind Logistics",
    ("Settings", "description"): "What to do, and who to call, when something goes wrong.",
    ("Settings", "key_contacts"): ["it-oncall", "duty-manager"],
    ("Section", "title"): "Health & Safety",
    ("Section", "order"): 1,
    ("Settings", "synonyms"): {"depot": ["hub", "yard"], "tipper": ["dump truck"]},
    ("Settings", "default_region"): "GB",
    ("Settings", "emergency_contacts"): ["emergency-services", "service-desk"],
    ("Settings", "country"): "GB-ENG",
    ("Settings", "time_zone"): "Europe/London",
    ("Clock", "id"): "customer-contract",
    ("Clock", "use"): "gdpr-art-33",
    ("Clock", "name"): "NIS2 incident reporting",
    ("Clock", "start"): "classified-major",
    ("Clock", "country"): "US",
    ("Clock", "source"): "Directive (EU) 2022/2555, Article 23(4)",
    ("Clock", "legal"): "https://eur-lex.europa.eu/eli/dir/2022/2555/oj",
    ("Clock", "notes"): "The DPO decides whether the breach is notifiable.",
    ("Stage", "id"): "early-warning",
    ("Stage", "name"): "Early warning to the CSIRT",
    ("Stage", "within"): "24 hours",
    ("Stage", "since"): "notification",
    ("Stage", "notify"): "ico",
    ("Stage", "template"): "ico-report",
    ("Stage", "source"): "Article 23(4)(a)",
    ("Stage", "legal"): "https://eur-lex.europa.eu/eli/dir/2022/2555/oj",
    ("Cap", "within"): "24 hours",
    ("Cap", "since"): "aware",
    ("Settings", "offline_copy"): False,
    ("Severity", "id"): "sev1",
    ("Severity", "name"): "Critical",
    ("Severity", "description"):
        "A customer-facing service is down, or personal data has left our control.",
    ("Severity", "respond_within"): "15 minutes",
    ("DecisionTree", "start"): "personal-data",
    ("TreeNode", "question"): "Does the incident involve personal data?",
    ("TreeNode", "help"): "Names, addresses, delivery photos or HR records all count.",
    ("Answer", "answer"): "Yes",
    ("Answer", "next"): "left-control",
    ("Answer", "trigger"): "exposed-records",
    ("Answer", "playbook"): "data-breach",
    ("Answer", "outcome"): "Not a data breach. Use the security incident playbook.",
    ("Answer", "see"): "security-incident",
    ("Answer", "call"): ["security-oncall"],
    ("Contact", "id"): "it-oncall",
    ("Contact", "name"): "IT on-call engineer",
    ("Contact", "type"): "rotation",
    ("Contact", "team"): "IT Operations",
    ("Contact", "phone"): "+44 20 7946 0101 ext. 2222",
    ("Contact", "email"): "it-oncall@northwind.example",
    ("Contact", "chat"): "#it-oncall",
    ("Contact", "url"): "https://oncall.northwind.example/it",
    ("Contact", "hours"): "Mon-Fri 08:00-18:00 Europe/London; public holidays off",
    ("Contact", "backup"): "it-duty-manager",
    ("Contact", "notes"): "Ask for the incident bridge number.",
    ("Playbook", "id"): "data-breach",
    ("Playbook", "title"): "Personal data breach",
    ("Playbook", "summary"): "Personal data may have been lost, stolen, exposed or altered.",
    ("Playbook", "owner"): "dpo",
    ("Playbook", "last_reviewed"): "2026-09-14",
    ("Playbook", "review_every"): "3 months",
    ("Playbook", "tags"): ["security", "compliance"],
    ("Compliance", "name"): "UK GDPR Article 33",
    ("Compliance", "requirement"):
        "Notify the regulator within 72 hours of becoming aware of a notifiable breach.",
    ("Compliance", "deadline"): "72 hours",
    ("Compliance", "url"): "https://ico.org.uk/for-organisations/report-a-breach/",
    ("Trigger", "id"): "exposed-records",
    ("Trigger", "name"): "Customer records exposed outside the company",
    ("Trigger", "severity"): "sev1",
    ("Trigger", "signals"): ["tracking page blank", "parcels not scanning"],
    ("Trigger", "also"): ["nicked", "pinched", "walked off with"],
    ("Trigger", "pathway"): "security-escalation",
    ("Trigger", "description"): "Includes records e-mailed to the wrong person.",
    ("Pathway", "id"): "security-escalation",
    ("Pathway", "name"): "Security incident escalation",
    ("Step", "after"): "30 minutes",
    ("Step", "contacts"): ["security-oncall"],
    ("Step", "acknowledge_within"): "15 minutes",
    ("Step", "actions"): ["Contain the exposure by revoking shared links."],
    ("Communication", "id"): "ico-report",
    ("Communication", "when"): "Within 1 hour of a SEV1",
    ("Communication", "audience"): "Executive team",
    ("Communication", "channel"): "email",
    ("Communication", "owner"): "comms-lead",
    ("Communication", "template"): "Subject: [SEV1] Personal data breach",
    ("Quiz", "id"): "data-breach-basics",
    ("Quiz", "title"): "Personal data breach, the basics",
    ("Quiz", "description"): "Severities and first contacts for a data breach.",
    ("Quiz", "playbooks"): ["data-breach"],
    ("Quiz", "owner"): "dpo",
    ("Quiz", "pass_mark"): 80,
    ("Quiz", "last_reviewed"): "2026-09-14",
    ("Quiz", "review_every"): "6 months",
    ("Quiz", "generated_questions"): 3,
    ("Question", "question"):
        "A customer’s records were e-mailed to the wrong person. What severity is this?",
    ("Question", "answer"): True,
    ("Question", "explain"): "UK GDPR Article 33.",
    ("Question", "playbook"): "data-breach",
    ("Choice", "text"): "SEV1 Critical",
    ("Choice", "correct"): True,
    ("Choice", "explain"): "The records left our control.",
}

_TYPE_NAMES = {"str": "text", "int": "number", "bool": "true/false", "date": "date (YYYY-MM-DD)",
               "Duration": "duration", "dict": "mapping"}


def _type_name(annotation: Any) -> tuple[str, list[type[BaseModel]]]:
    """A readable type, and the models nested in it (documented in their own tables)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner = typing.get_args(annotation)[0]
        meta = " ".join(type(m).__name__ for m in typing.get_args(annotation)[1:])
        name = _TYPE_NAMES.get(inner.__name__, inner.__name__)
        if "PlainValidator" in meta:
            validator = next(m for m in typing.get_args(annotation)[1:]
                             if type(m).__name__ == "PlainValidator").func.__name__.strip("_")
            name = {"id": "id", "duration": "duration", "date": "date (YYYY-MM-DD)",
                    "phone": "phone number", "email": "e-mail address", "url": "http(s) URL",
                    "within": "time limit", "country": "country code",
                    "time_zone": "time zone"}.get(validator, name)
        return name, []
    if without_none(annotation) is not annotation:
        return _type_name(without_none(annotation))
    if origin is list:
        name, nested = _type_name(typing.get_args(annotation)[0])
        return f"list of {name}", nested
    if origin is dict:
        name, nested = _type_name(typing.get_args(annotation)[1])
        return f"mapping of id → {name}", nested
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation)), []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})", [annotation]
    name = getattr(annotation, "__name__", str(annotation))
    return _TYPE_NAMES.get(name, name), []


def _example(model_name: str, key: str, declared: list[Any] | None) -> str:
    """`key: value` as it would be written in YAML, or "—" for a key holding a mapping."""
    if (model_name, key) in EXAMPLES:
        value = EXAMPLES[(model_name, key)]
    elif declared:
        value = declared[0]
    else:
        return "—"
    # As an author writes it: this tool reads every scalar as the text written, so no quotes
    # but where YAML itself would misread the text (`#it-oncall` is a comment).
    if isinstance(value, dict):
        written = f"{key}: {{" + ", ".join(
            f"{k}: [{', '.join(v)}]" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        written = f"{key}: [{', '.join(_scalar(str(v)) for v in value)}]"
    elif isinstance(value, bool):
        written = f"{key}: {str(value).lower()}"
    else:
        written = f"{key}: {_scalar(str(value))}"
    return "`" + written.replace("|", "\\|") + "`"


# What YAML acts on at the start of a plain value, or anywhere in it.
_INDICATORS = tuple("#&*!|>'\"%@`[]{},?-:")


def _scalar(text: str) -> str:
    """``text`` as written in YAML: in double quotes when YAML would read it otherwise."""
    if text.startswith(_INDICATORS) or ": " in text or " #" in text or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _default(value: Any) -> str:
    """` Default: `80`.` for a key with a default worth saying (not none, not empty)."""
    if value is None or isinstance(value, (list, dict, BaseModel)) or value is PydanticUndefined:
        return ""
    written = str(value).lower() if isinstance(value, bool) else str(value)
    return f" Default: `{written}`."


def _table(model: type[BaseModel]) -> tuple[str, list[type[BaseModel]]]:
    rows = ["| Key | Type | Required | Meaning | Example |", "|---|---|---|---|---|"]
    nested: list[type[BaseModel]] = []
    # keys the checks require though the model reads them without (`start:`): the schema's list
    extra = model.model_config.get("json_schema_extra")
    also_required = set(extra.get("required", [])) if isinstance(extra, dict) else set()
    for name, field in model.model_fields.items():
        type_name, inner = _type_name(field.annotation)
        nested += inner
        required = "yes" if field.is_required() or name in also_required else "no"
        meaning = (field.description or "") + _default(field.default)
        meaning = meaning.replace("|", "\\|")
        example = _example(model.__name__, name, field.examples)
        rows.append(f"| `{name}` | {type_name} | {required} | {meaning} | {example} |")
    return "\n".join(rows), nested


FINDER_GUIDE = """## Words people type: the incident finder {#finder}

The home page opens on **What is happening?**: a box that searches triggers, not pages. It
matches a trigger's `name`, its `signals` and `also` words, its `description`, and its
playbook's `title` and `summary`, folding case, accents and apostrophes ("cant" finds "can't"),
stemming English words ("crashed" finds "crash"), allowing one typo in longer words and
matching the word being typed by its first letters. A shipped English synonym list links
everyday words to each other ("nicked" finds "stolen", "backhanders" finds "bribe", "reporter"
finds "journalist"). When a query fits a SEV1 and a SEV3 trigger equally, the SEV1 comes first.

- **Write `signals` as the person who sees it would say it**, not as the policy names it: "app
  won't open", "500 errors", "smells of alcohol", "van broken into". Symptoms and error
  messages beat categories.
- **Put slang and misspellings in `also`**: words people type that you would rather not show
  on the page ("nicked", "wasted", a system's old name).
- **Add `synonyms:` in handbook.yaml for your own vocabulary**: site names, system names and
  team jargon (`depot: [hub, yard]`). Each key and its words find each other, and whatever
  the shipped list links them to.
- **Try the words before you publish**: `handbook search "laptop nicked from the van"` prints
  the triggers the finder shows, best first, with who to call.
- **Keep a regression set**: a YAML file of `queries:`, each `{query, trigger}` (and
  `playbook` when two playbooks share a trigger id), written the way colleagues typed them.
  `handbook search --eval queries.yaml` prints each query whose trigger did not come first,
  then top-1 and top-3 accuracy as its last two lines; `--min-top1 90` (or `--min-top3`) makes
  CI fail below that bar.
"""


CLOCKS_GUIDE = """## Regulator clocks {#clocks}

An obligation in a playbook's `compliance` can start a **clock**: what starts it and one or
more **stages**, each due `within` a time limit counted from the start or from an earlier stage,
optionally with a `cap` (the earlier of the two applies), the contact to `notify`, the
communication `template` to send and the legal text. Use a clock of the library by name and
change what differs, a stage by its `id`:

```yaml
compliance:
  - name: UK GDPR Article 33
    requirement: Notify the ICO within 72 hours of becoming aware of a notifiable breach.
    clock:
      use: gdpr-art-33
      stages:
        - id: authority
          notify: ico            # a contact some pathway step calls within 72 hours
          template: ico-report   # the id of one of the playbook's communications
```

or write one in full (business days skip weekends and the public holidays of `country`):

```yaml
    clock:
      name: Contract with our largest customer
      start: aware
      country: GB-ENG
      stages:
        - id: notice
          name: First notice to the customer
          within: 4 hours
          cap: {within: 1 day, since: aware}
        - id: root-cause
          name: Root-cause report
          within: 5 business days
          since: notice
```

`deadline: 72 hours` still works: a clock of one stage from becoming aware. Time limits are
durations (`72 hours` is 72 hours on the clock, across a change to summer time; days, weeks and
months are counted on the calendar at the same time of day, a month from 31 January ending on
the last day of February), business days (`4 business days`) or `without undue delay` (no fixed
time). The playbook's page shows each clock as a timeline; `clock-not-met` checks that a
pathway step calls each stage's `notify` contact in time.

The library (`escalation_handbook/clocks/library.yaml`):

"""


HOURS_GUIDE = """## Working hours and cover {#hours}

A contact's `hours` say when they answer, so the checks can prove someone always does:

```yaml
contacts:
  - id: it-oncall
    hours: 24/7
  - id: ciso
    hours: Mon-Fri 08:00-18:00 Europe/London; public holidays off
    backup: security-oncall     # out of hours, the 24/7 rota answers
  - id: customer-relations
    hours: Mon-Fri 08:00-20:00, Sat 09:00-13:00
```

Write `24/7`, or days (`Mon-Fri`, `Sat`, `daily`) and times (`08:00-18:00`; a range ending
before it starts runs overnight, `Fri 18:00-08:00`), several ranges separated by `,` or `;`,
then the time zone once (an IANA name; by default handbook.yaml's `time_zone`). `public holidays
off` takes the holidays of handbook.yaml's `country`. Other text (`Online form`) is shown as
written, with a warning: nobody can check it. The site shows the hours as written and, in the
reader's browser, whether the contact is on duty now.

- `out-of-hours`: the first step of every pathway a SEV1 or SEV2 trigger uses has someone on
  duty, or a backup who is, at every hour of the week (and on public holidays).
- `single-point-of-failure`: on SEV1 pathways, every contact has a backup, and the backups do
  not loop or end with nobody on duty.
- `too-slow`: the first step's `acknowledge_within` fits the severity's `respond_within`.
- The **Coverage** page draws, for each of those pathways, who answers each hour of the week.

"""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _library_table() -> str:
    from ..clocks import library_clock

    rows = ["| `use:` | Clock | Starts on | Stages | Source |", "|---|---|---|---|---|"]
    for name in sorted(library()):
        clock = library_clock(name)
        names = {x.id: x.name for x in clock.stages}
        stages = "; ".join(f"`{s.id}`: {s.name}, {_lower_first(stage_when(s, names))}"
                           for s in clock.stages)
        source = f"[{clock.source}]({clock.legal})" if clock.legal else clock.source or ""
        rows.append(f"| `{name}` | {clock.name} | {START_EVENTS[clock.start]} | {stages} | "
                    f"{source} |".replace("\n", " "))
    return "\n".join(rows) + "\n"


def reference_page() -> str:
    parts = ["---", "title: Writing playbooks", "---", "", "# Writing playbooks", "",
             "A reference of every file and key, generated from the code that reads them. "
             "Durations are written as people write them: `15 minutes`, `15 min`, `2 hours`, "
             f"`2h`, `1 day`, `6 months`, `1 year`, up to {durations.LONGEST}. Prose fields "
             "(summary, description, actions, explain, requirement) may use Markdown emphasis "
             "and links (http, https, mailto, tel, or a page of this site), up to "
             f"{values.MAX_PROSE_LENGTH:,} characters. An **id** (a playbook's, a contact's, a "
             "node's, …) is lowercase letters and digits in words joined by single `-`, such as "
             f"`data-breach` or `sev1`, at most {values.MAX_ID_LENGTH} characters; a playbook's "
             "or quiz's id is its file name unless it writes `id:`. Dates are written "
             f"YYYY-MM-DD and fall in the years {values.FIRST_YEAR} to {values.LAST_YEAR}. "
             "`true` and `false` are written so (not `yes`, `no`, `on` or `off`), and a value "
             "starting with `#` is put in quotes (`chat: \"#it-oncall\"`): unquoted, YAML "
             "reads a comment.", "",
             "## Checking your changes", "",
             "Run `handbook check` before you open a pull request: it reports every problem "
             "with its `file:line:col`, what is wrong and how to fix it. In VS Code, the YAML "
             "extension validates and completes as you type with the schemas from "
             "`handbook schema --out schemas` (this repository's `.vscode/settings.json` "
             "maps them to the files).", ""]
    parts += [FINDER_GUIDE, CLOCKS_GUIDE + _library_table(), HOURS_GUIDE]
    done: set[type[BaseModel]] = set()
    for kind, model in FILE_KINDS.items():
        parts += [f"## The {kind} file", "", _FILES[kind], ""]
        queue = [model]
        while queue:
            current = queue.pop(0)
            if current in done:
                continue
            done.add(current)
            table, nested = _table(current)
            parts += [f"### {current.__name__} {{#{current.__name__.lower()}}}", "", table, ""]
            queue += [n for n in nested if n not in done]
    parts += ["## The checks", "", "Each problem `handbook check` reports ends with its code.", "",
              "### Reading the files", "",
              "Found while each file is read, before the rules below look at what it says.", "",
              "| Code | Level | What it means |", "|---|---|---|"]
    for code, meaning in sorted(LOAD_CODES.items()):
        parts.append(f"| `{code}` | error | {md(meaning)} |")
    parts += ["", "### Rules", "", "| Code | Level | What it checks |", "|---|---|---|"]
    for each in sorted(RULES, key=lambda r: r.code):
        parts.append(f"| `{each.code}` | {each.level} | {md(each.doc)} |")
    return "\n".join(parts) + "\n"
