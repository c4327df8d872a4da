"""Model stage: the typed objects of a handbook, one pydantic model per thing an author writes.

The field descriptions are the user's documentation: the JSON Schemas for editors and the
"Writing playbooks" reference page are both generated from them.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import phones
from .clocks import Clock, Country, TimeZone, WorkingHours
from .values import (
    EMPTY,
    Bool,
    ContactId,
    Date,
    Duration,
    Email,
    Id,
    NodeId,
    PathwayId,
    Phone,
    PlaybookId,
    Prose,
    Region,
    SeverityId,
    TriggerId,
    Url,
)


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean), so a typo never silently drops a value.

    A key written with no value (`chat:`, or `chat: #it-oncall`, where YAML reads a comment) is
    an error too, even where the key is optional: the author meant to write something. Such a
    value reaches each field as ``EMPTY``, which no type accepts.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _written_empty(cls, data: Any) -> Any:
        if type(data) is dict and None in data.values():
            return {k: EMPTY if v is None else v for k, v in data.items()}
        return data


FILE_NAME = "file_name"  # validation context: the name of the file, without its suffix


class NamedByFile(Strict):
    """A file whose id, when it writes none, is its file name (``FILE_NAME`` in the context)."""

    id: Id | None = Field(None, description="Defaults to the file name.", validate_default=True)

    @field_validator("id")
    @classmethod
    def _file_name_by_default(cls, value: str | None, info: ValidationInfo) -> str | None:
        # Taken as it is: a file name that is no id is reported where files are found.
        if value is None and info.context:
            return info.context.get(FILE_NAME)
        return value


# --- handbook.yaml --------------------------------------------------------------------------


class Review(Strict):
    every: Duration = Field(
        default="6 months", description="Default review interval of every playbook and quiz.",
        examples=["6 months"], validate_default=True,
    )
    warn_before: Duration = Field(
        default="30 days", description='How long before the due date a review is "due soon".',
        examples=["30 days"], validate_default=True,
    )


class Severity(Strict):
    id: Id = Field(
        description="Short id that triggers refer to, such as `sev1`.", examples=["sev1"])
    name: str = Field(description="Name shown on badges, such as `Critical`.")
    description: Prose = Field(description="When this level applies, in one or two sentences.")
    respond_within: Duration = Field(description="How fast the first response must come.")

    @property
    def label(self) -> str:
        return self.id.upper()


def _only(key: str, *others: str) -> dict[str, Any]:
    """JSON Schema: ``key`` is written, none of ``others`` is."""
    return {"required": [key], "not": {"anyOf": [{"required": [o]} for o in others]}}


class Answer(Strict):
    # the rules of `tree-answers`, for editors: one leaf (`playbook:` may say whose trigger)
    model_config = ConfigDict(json_schema_extra={
        "anyOf": [_only("next", "trigger", "playbook", "outcome"),
                  _only("trigger", "next", "outcome"), _only("playbook", "next", "outcome"),
                  _only("outcome", "next", "trigger", "playbook")],
        "dependentRequired": {"see": ["outcome"], "call": ["outcome"]},
    })

    answer: str = Field(description="The answer's text, shown on its button.")
    next: NodeId | None = Field(None, description="The node to ask next.")
    trigger: TriggerId | None = Field(
        None, description="A leaf: the trigger whose severity and pathway apply, of this "
        "playbook; with `playbook:` (as the triage tree writes it), of that playbook, so an "
        "emergency needs one tree."
    )
    playbook: PlaybookId | None = Field(
        None, description="A leaf: the playbook that applies; on the home page the wizard goes "
        "on with that playbook's own decision tree."
    )
    outcome: Prose | None = Field(
        None, description="A leaf: advice as text. Phone numbers written in it become links "
        "to call."
    )
    see: PlaybookId | None = Field(None, description="With `outcome`: a playbook to link to.")
    call: list[ContactId] = Field(
        default_factory=list, description="With `outcome`: the contacts to call, in order, "
        "shown as Call buttons under the text, such as `call: [emergency-services, "
        "duty-manager]`."
    )

    @property
    def leaf_keys(self) -> list[str]:
        """What this answer leads to; `playbook:` beside `trigger:` only says where it is."""
        keys = []  # written out: `tree-answers` asks every answer of every tree
        if self.next:
            keys.append("next")
        if self.trigger:
            keys.append("trigger")
        elif self.playbook:
            keys.append("playbook")
        if self.outcome:
            keys.append("outcome")
        return keys


class TreeNode(Strict):
    question: str = Field(description="The question asked at this node.")
    help: Prose | None = Field(None, description="Optional hint shown under the question.")
    answers: list[Answer] = Field(
        json_schema_extra={"minItems": 2},
        description="At least two answers; each has exactly one of `next`, `trigger` (with "
        "`playbook` when it is another playbook's), `playbook` or `outcome`."
    )


class DecisionTree(Strict):
    # `tree-start` reports a missing start with the node to name; editors ask for it too
    model_config = ConfigDict(json_schema_extra={"required": ["start", "nodes"]})

    start: NodeId | None = Field(None, description="The id of the first node.")
    nodes: dict[NodeId, TreeNode] = Field(
        description="Nodes by id.", json_schema_extra={"minProperties": 1})

    def reachable(self) -> list[str]:
        """Node ids reachable from the start, breadth first: the order a reader meets them."""
        if self.start not in self.nodes:
            return []
        order: dict[str, None] = {self.start: None}  # type: ignore[dict-item]
        queue = deque(order)
        while queue:
            for answer in self.nodes[queue.popleft()].answers:
                if answer.next in self.nodes and answer.next not in order:
                    order[answer.next] = None
                    queue.append(answer.next)
        return list(order)


class Section(Strict):
    title: str | None = Field(
        None, description="The section's title in the navigation, on its page and on the home "
        "page, such as `Health & Safety`; by default its folder name with a capital (`it` "
        "shows as `It`)."
    )
    order: int | None = Field(
        None, description="Where the section comes: sections with an order come first, lowest "
        "first; sections without one follow, by title."
    )


class Settings(Strict):
    """`playbooks/handbook.yaml`: organisation-wide settings."""

    title: str = Field(description="The handbook's title, shown on every page.")
    organisation: str = Field(description="The organisation's name.")
    description: Prose | None = Field(None, description="A sentence for the home page.")
    review: Review = Field(default_factory=Review, description="Review intervals.")
    severities: list[Severity] = Field(
        min_length=1, description="Severity levels, most severe first."
    )
    key_contacts: list[ContactId] = Field(
        default_factory=list,
        description="Contacts shown on the home page; by default the contacts that pathways "
        "call first most often.",
    )
    triage: DecisionTree | None = Field(
        None, description='A tree answering "which playbook applies?", shown on the home page. '
        "Where it names a playbook, the wizard goes on with that playbook's own tree, so the "
        "reader ends on the trigger and who to call; an answer can also name a trigger "
        "directly (`trigger:` with `playbook:`)."
    )
    sections: dict[str, Section] = Field(
        default_factory=dict,
        description="Titles and order of the section folders under `playbooks/`, by folder "
        "name (a folder inside another is written `parent/child`): "
        "`safety: {title: Health & Safety, order: 1}` lists it first, under that title.",
    )
    synonyms: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Words the incident finder treats as the same, added to its English list: "
        "each key and its words find each other, such as `depot: [hub, yard]`. Phrases work "
        "too (`tipper: [dump truck]`).",
    )
    default_region: Region | None = Field(
        None, description="The country (ISO 3166 code, such as `GB`, `IE` or `US`) of phone "
        "numbers written without + and a country code: each number is checked by that "
        f"country's rules. By default `country`'s, else `{phones.DEFAULT_REGION}`.",
    )
    emergency_contacts: list[ContactId] = Field(
        default_factory=list,
        description="Contacts printed as the emergency numbers on every incident card, such as "
        "the emergency services and a 24/7 desk; by default the key contacts.",
    )
    country: Country | None = Field(
        None, description="The country (ISO 3166, optionally with a region: `GB`, `GB-ENG`, "
        "`US`) whose public holidays clocks counting business days skip, and which "
        "`public holidays off` in working hours means.",
    )
    time_zone: TimeZone | None = Field(
        None, description="The time zone of working hours that name none, and of the "
        "Coverage page's week grid (an IANA name, such as `Europe/London`).",
    )
    clocks: list[Clock] = Field(
        default_factory=list,
        description="Your own regulator clocks, each with an `id` that playbooks `use`; "
        "written in full, or using a clock of the shipped library with some keys changed.",
    )
    offline_copy: bool = Field(
        True,
        description="Whether the site keeps a copy on each reader's device after the first visit "
        "(a service worker, over https or on localhost) and offers itself to be added to a "
        "phone's home screen (a web app manifest). `false` for organisations that forbid "
        "offline copies: the site then has neither.",
    )


    @property
    def phone_region(self) -> str:
        """The country of numbers written without a country code."""
        if self.default_region:
            return self.default_region
        if self.country and phones.is_region(self.country[:2].upper()):
            return self.country[:2].upper()
        return phones.DEFAULT_REGION


# --- contacts.yaml --------------------------------------------------------------------------

ContactType = Literal["person", "role", "team", "rotation", "external"]


class Contact(Strict):
    id: Id = Field(description="The id pathways and owners refer to.", examples=["it-oncall"])
    name: str = Field(description="Name or role as people know it.")
    type: ContactType = Field(description="person, role, team, rotation or external.")
    team: str | None = Field(None, description="The team the contact belongs to (directory group).")
    phone: Phone | None = Field(
        None, description="Phone number as it is dialled from outside, checked for the "
        "handbook's `default_region` unless it starts with + and a country code; an extension "
        "after it (`ext. 2222`); short numbers such as `999` too. Shown as written, dialled in "
        "full (`tel:+442079460100,2222`)."
    )
    email: Email | None = Field(None, description="E-mail address.")
    chat: str | None = Field(None, description="Chat channel or handle, such as `#it-oncall`.")
    url: Url | None = Field(None, description="A web page (http or https only).")
    hours: WorkingHours | None = Field(
        None, description="When they can be reached: `24/7`, or days and times with a time "
        "zone, ranges separated by `,` or `;`, such as `Mon-Fri 08:00-18:00, Sat 09:00-13:00 "
        "Europe/London; public holidays off` (a range ending before it starts runs overnight; "
        "the zone defaults to handbook.yaml's `time_zone`). Other text is shown as written, "
        "but coverage cannot be checked against it.")
    backup: ContactId | None = Field(
        None, description="Another contact to try when this one is not reachable.")
    notes: Prose | None = Field(None, description="Anything else a caller should know.")

    @property
    def reachable(self) -> bool:
        return any((self.phone, self.email, self.chat, self.url))


class ContactsFile(Strict):
    """`playbooks/contacts.yaml`: everyone a pathway can point at."""

    contacts: list[Contact] = Field(description="The directory.")


# --- playbooks/<section>/<id>.yaml ----------------------------------------------------------


class Compliance(Strict):
    # `clock-definition`: a deadline is a clock of one stage; not both
    model_config = ConfigDict(json_schema_extra={"not": {"required": ["deadline", "clock"]}})

    name: str = Field(description="The obligation, such as `UK GDPR Article 33`.")
    requirement: Prose = Field(description="What must be done.")
    deadline: Duration | None = Field(
        None, description="By when, from becoming aware: a clock of one stage. Write `clock` "
        "instead for more stages, another start, business days or who is notified.")
    url: Url | None = Field(None, description="Where the obligation is written.")
    clock: Clock | None = Field(
        None, description="The clock this obligation starts: what starts it and each stage, "
        "or `use:` a clock of the library (`gdpr-art-33`, `gdpr-art-34`, `nis2`, `dora`, "
        "`sec-8k`, `hipaa`, `riddor`, `riddor-over-7-day`, `eu-whistleblowing`) or of "
        "handbook.yaml, with the keys you change.")


class Trigger(Strict):
    id: Id = Field(description="Unique within the playbook.", examples=["exposed-records"])
    name: str = Field(description="What happened, in the words of the person who sees it.")
    severity: SeverityId = Field(description="A severity id from handbook.yaml.")
    signals: list[str] = Field(
        default_factory=list,
        description="Words people search for: symptoms, error messages, slang.",
    )
    also: list[str] = Field(
        default_factory=list,
        description="More words people type for this trigger, found by the incident finder but "
        "not shown (slang, misspellings, other teams' names for it).",
    )
    pathway: PathwayId = Field(description="The pathway (of this playbook) to follow.")
    description: Prose | None = Field(None, description="More detail, when the name is not enough.")


class Step(Strict):
    after: Duration | None = Field(
        None, description="Time since the incident was raised: none on the first step (it "
        "starts at once), required on every later one, each later than the one before."
    )
    contacts: list[ContactId] = Field(
        description="Who to contact at this step, in order.", json_schema_extra={"minItems": 1})
    acknowledge_within: Duration | None = Field(
        None, description="How long they have to acknowledge."
    )
    actions: list[Prose] = Field(default_factory=list, description="What to do at this step.")


class Pathway(Strict):
    id: Id = Field(description="Unique within the playbook.", examples=["security-escalation"])
    name: str = Field(description="Its name, such as `Security incident escalation`.")
    steps: list[Step] = Field(
        description="The escalation steps, first one at raise.",
        # the first step starts at once; every later one says when (`pathway-steps`)
        json_schema_extra={"minItems": 1, "allOf": [{
            "prefixItems": [{"not": {"required": ["after"]}}],
            "items": {"required": ["after"]}}]},
    )


class Communication(Strict):
    id: Id | None = Field(None, description="Unique within the playbook: the name a clock "
                          "stage's `template` uses.")
    when: str = Field(description="When to send it, such as `Within 1 hour of a SEV1`.")
    audience: str = Field(description="Who receives it.")
    channel: str = Field(description="How it is sent: email, chat, status page, …")
    owner: ContactId | None = Field(None, description="The contact who sends it.")
    template: str | None = Field(None, description="A ready-to-copy message.")


class Playbook(NamedByFile):
    """`playbooks/<section>/<id>.yaml`: one playbook a file; the folder is its section."""

    title: str = Field(description="The playbook's title.")
    summary: Prose = Field(description="What this playbook is for, in one or two sentences.")
    owner: ContactId = Field(description="The contact who owns and reviews this playbook.")
    last_reviewed: Date = Field(description="When the playbook was last reviewed (YYYY-MM-DD).")
    review_every: Duration | None = Field(
        None, description="Overrides the handbook's `review.every`."
    )
    tags: list[str] = Field(default_factory=list, description="Tags shown on the site.")
    compliance: list[Compliance] = Field(
        default_factory=list, description="Legal and regulatory obligations."
    )
    triggers: list[Trigger] = Field(
        min_length=1, description="The situations this playbook covers."
    )
    pathways: list[Pathway] = Field(min_length=1, description="Escalation pathways.")
    decision_tree: DecisionTree | None = Field(
        None, description="Questions that lead to a trigger."
    )
    communications: list[Communication] = Field(
        default_factory=list, description="Who to tell, when, and how."
    )


# --- quizzes/<id>.yaml ----------------------------------------------------------------------


class Choice(Strict):
    text: str = Field(description="The choice's text.")
    correct: Bool = Field(False, description="`true` for each right answer.")
    explain: Prose | None = Field(None, description="Why it is right or wrong.")


class Question(Strict):
    # `quiz-questions`: choices or a true/false answer, not both
    model_config = ConfigDict(json_schema_extra={
        "oneOf": [{"required": ["choices"]}, {"required": ["answer"]}]})

    question: str = Field(description="The question.")
    choices: list[Choice] | None = Field(
        None, description="At least two choices, at least one with `correct: true`; more than "
        "one correct makes it \"select all that apply\".",
        json_schema_extra={"minItems": 2, "contains": {
            "required": ["correct"], "properties": {"correct": {"const": True}}}},
    )
    answer: Bool | None = Field(
        None, description="For a true/false question instead of choices: `true` or `false`."
    )
    explain: Prose | None = Field(None, description="Why, shown after submitting.")
    playbook: PlaybookId | None = Field(
        None, description="The playbook it is about; defaults to the quiz's first playbook."
    )


class Quiz(NamedByFile):
    """`quizzes/<id>.yaml`: a self-check quiz."""

    # `quiz-questions`: written questions, generated ones, or both
    model_config = ConfigDict(json_schema_extra={"anyOf": [
        {"required": ["questions"], "properties": {"questions": {"minItems": 1}}},
        {"required": ["generated_questions"],
         "properties": {"generated_questions": {"minimum": 1}}}]})

    title: str = Field(description="The quiz's title.")
    description: Prose | None = Field(None, description="What the quiz covers.")
    playbooks: list[PlaybookId] = Field(min_length=1, description="The playbooks it covers.")
    owner: ContactId | None = Field(None, description="Defaults to the first playbook's owner.")
    pass_mark: int = Field(
        80, description="Percent of the questions to answer right to pass, 1 to 100.",
        json_schema_extra={"minimum": 1, "maximum": 100})
    last_reviewed: Date = Field(description="When the quiz was last reviewed (YYYY-MM-DD).")
    review_every: Duration | None = Field(
        None, description="Overrides the handbook's `review.every`."
    )
    generated_questions: int = Field(
        0, ge=0, le=50,
        description="How many questions to generate from the playbooks at build time (as "
        "many as their facts allow), added after the written ones.",
    )
    questions: list[Question] = Field(default_factory=list, description="The questions.")


FILE_KINDS: dict[str, type[Strict]] = {
    "handbook": Settings,
    "contacts": ContactsFile,
    "playbook": Playbook,
    "quiz": Quiz,
}
