"""The import mapping: which column of an export gives which case field, and how its values read.

The mapping is YAML checked by `schemas/import-mapping.schema.json`, then against the case schema
(every field it names exists and every value it gives is one the field takes), against the
council's categories (every service, type and channel it gives is one `policy/council.yaml`
declares, and each service is on a route declared for it) and against the export's header (every
column it names exists; every column of the export is mapped or ignored). A category, or any other
value written as a slug, comes only from the mapping's own table of the export's labels
(`values:`): the text of a cell never becomes one. A column whose name says it may hold personal
data (`personal`) is read only as the complainant column, which is pseudonymised, or where the
mapping's `allow:` names it with the reason it holds none. Any problem is a MappingError naming
the mapping file's line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from checker.load import case_schema
from checker.load.validate import validate
from checker.load.yaml import load, locate
from checker.model import categories
from checker.model.findings import Document
from checker.schemas import schema

DEFAULT_DATES = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y")
DEFAULT_KEY = "COMPLAINTS_PSEUDONYM_KEY"
# Set by the mapping's own sections, not under fields:.
RESERVED = {"id", "route", "service", "complainant", "complainant.ref"}
# The words of a column's name that say it may hold personal data: a person, who they are, how to
# reach them or where they live, their equality data, or an officer. Matched as whole words of the
# name as `words` splits it, so 'Surname' and 'Service User Name' are personal and 'Tenancy Team'
# is not.
PERSONAL_WORDS = frozenset(
    {
        "name",
        "names",
        "surname",
        "surnames",
        "forename",
        "forenames",
        "firstname",
        "lastname",
        "fullname",
        "username",
        "initials",
        "customer",
        "customers",
        "tenant",
        "tenants",
        "leaseholder",
        "leaseholders",
        "resident",
        "residents",
        "occupier",
        "occupant",
        "householder",
        "caller",
        "callers",
        "contact",
        "contacts",
        "person",
        "persons",
        "people",
        "individual",
        "client",
        "clients",
        "applicant",
        "applicants",
        "complainant",
        "complainants",
        "claimant",
        "claimants",
        "kin",
        "representative",
        "representatives",
        "advocate",
        "councillor",
        "councillors",
        "mp",
        "mps",
        "officer",
        "officers",
        "owner",
        "owners",
        "assignee",
        "address",
        "addresses",
        "street",
        "postcode",
        "postcodes",
        "zip",
        "uprn",
        "property",
        "phone",
        "phones",
        "telephone",
        "tel",
        "mobile",
        "fax",
        "email",
        "emails",
        "dob",
        "birth",
        "birthday",
        "nino",
        "nhs",
        "passport",
        "account",
        "signature",
        "gender",
        "sex",
        "ethnicity",
        "ethnic",
        "religion",
        "sexuality",
        "disability",
        "disabled",
        "nationality",
    }
)
# Names of two or three words that say the same.
PERSONAL_PHRASES = (
    ("service", "user"),
    ("next", "of", "kin"),
    ("ni", "number"),
    ("ni", "no"),
    ("national", "insurance"),
    ("e", "mail"),
    ("post", "code"),
)
# Where something is in the mapping file, for locating errors: its keys (and list indexes).
Where = tuple[str | int, ...]


class MappingError(Exception):
    """The mapping cannot be used as it is (a usage error: exit 2)."""


@dataclass(frozen=True)
class Field:
    """One case field read from one column."""

    path: tuple[str, ...]
    column: str
    values: dict[str, object] | None  # the export's labels (folded) and what each becomes
    where: Where  # the mapping's path to this entry
    labels: tuple[str, ...] = ()  # the labels as the mapping writes them, for messages


@dataclass
class Mapping:
    """A checked mapping."""

    document: Document
    source: str
    id_column: str
    id_number: re.Pattern[str]
    complainant_column: str
    key_variable: str
    service_column: str
    services: dict[str, tuple[str, str]]  # folded label -> (service, route)
    fields: list[Field]
    allow: dict[str, str] = field(default_factory=dict)  # column -> why it holds no personal data
    dates: tuple[str, ...] = DEFAULT_DATES
    encoding: str = "utf-8-sig"
    sheet: str | None = None
    only: tuple[str, set[str]] | None = None
    defaults: dict[tuple[str, ...], object] = field(default_factory=dict)
    defaults_by_route: dict[str, dict[tuple[str, ...], object]] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)

    def error(self, where: Where, message: str) -> MappingError:
        line, column = locate(self.document, where)
        return MappingError(f"{self.document.path}:{line}:{column}: {message}")

    def columns(self) -> dict[str, Where]:
        """Every column the mapping reads, with where in the mapping it is named."""
        used: dict[str, Where] = {
            self.id_column: ("id", "column"),
            self.complainant_column: ("complainant", "column"),
            self.service_column: ("services", "column"),
        }
        if self.only:
            used.setdefault(self.only[0], ("only", "column"))
        for entry in self.fields:
            used.setdefault(entry.column, (*entry.where, "column"))
        return used

    def check_header(self, header: list[str], export: Path) -> None:
        """Every column named exists, every column is accounted for, and a column whose name
        says it may hold personal data is read only as the complainant (pseudonymised) or where
        allow: says why it holds none."""
        used = self.columns()
        for column, where in used.items():
            if column not in header:
                raise self.error(
                    where,
                    f"the column '{column}' is not in {export.name} (its columns: "
                    f"{', '.join(header)}); correct the name",
                )
            said = personal(column)
            if said and column != self.complainant_column and column not in self.allow:
                raise self.error(
                    where,
                    f"the column '{column}' may hold personal data (its name says '{said}'); "
                    "case files never hold it: list it under ignore:, use it only as "
                    "complainant: column: (pseudonymised), or, if it holds none, name it under "
                    "allow: with the reason",
                )
        for index, column in enumerate(self.ignore):
            if column not in header:
                raise self.error(
                    ("ignore", index),
                    f"the column '{column}' is not in {export.name}; remove it from ignore:",
                )
            if column in used:
                raise self.error(
                    ("ignore", index),
                    f"the column '{column}' is both read and ignored; "
                    "remove it from ignore: or stop reading it",
                )
        for column in self.allow:
            if column not in used or column == self.complainant_column:
                raise self.error(
                    ("allow", column),
                    f"the mapping does not read the column '{column}' "
                    "(other than as the complainant); remove it from allow:",
                )
        loose = [c for c in header if c not in used and c not in self.ignore]
        if loose:
            raise self.error(
                ("ignore",) if self.ignore else (),
                f"{export.name} has columns the mapping neither maps "
                f"nor ignores: {', '.join(loose)}; map each under fields: or list it under ignore:",
            )


def words(column: str) -> list[str]:
    """A column's name as lower-case words: 'CustomerName', 'customer_name' and 'Customer
    Name' are all ['customer', 'name']; 'E-mail' is ['email']."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", column)
    return re.findall(r"[^\W_]+", re.sub(r"\be-mail", "email", spaced.casefold()))


def personal(column: str) -> str | None:
    """The word (or words) of a column's name that say it may hold personal data; None if none
    does."""
    found = words(column)
    for word in found:
        if word in PERSONAL_WORDS:
            return word
    for phrase in PERSONAL_PHRASES:
        size = len(phrase)
        if any(tuple(found[i : i + size]) == phrase for i in range(len(found) - size + 1)):
            return " ".join(phrase)
    return None


def fold(label: object) -> str:
    """An export's label as matched: case and surrounding or repeated spaces do not matter."""
    return " ".join(str(label).split()).casefold()


def read(path: Path, shown: str, exclusion_codes: list[str], council: dict[str, Any]) -> Mapping:
    """Load and check a mapping file against the policy's exclusions and the council's
    categories."""
    document, problems = load(path, shown)
    if document is not None:
        problems = validate(document, "import-mapping")
    if problems:
        raise MappingError(f"{problems[0].location}: {problems[0].message}")
    assert document is not None  # a file that does not load has a problem
    data = document.data
    mapping = Mapping(
        document=document,
        source=data["source"],
        id_column=data["id"]["column"],
        id_number=re.compile(r"(\d+)\D*$"),
        complainant_column=data["complainant"]["column"],
        key_variable=data["complainant"].get("key_from", DEFAULT_KEY),
        service_column=data["services"]["column"],
        services={
            fold(k): (v["service"], v["route"]) for k, v in data["services"]["values"].items()
        },
        fields=[],
        dates=tuple(data.get("dates", DEFAULT_DATES)),
        encoding=data.get("encoding", "utf-8-sig"),
        sheet=data.get("sheet"),
        only=(data["only"]["column"], {fold(v) for v in data["only"]["values"]})
        if "only" in data
        else None,
        ignore=list(data.get("ignore", [])),
        allow=dict(data.get("allow", {})),
    )
    for label, entry in data["services"]["values"].items():
        where: Where = ("services", "values", label)
        problem = categories.unknown(council, "service", entry["service"])
        if problem:
            raise mapping.error((*where, "service"), problem)
        problem = categories.off_route(council, entry["service"], entry["route"])
        if problem:
            raise mapping.error((*where, "route"), problem)
    if "number" in data["id"]:
        try:
            mapping.id_number = re.compile(data["id"]["number"])
        except re.error as error:
            raise mapping.error(
                ("id", "number"), f"not a regular expression ({error}); write one like 'CR-(\\d+)'"
            ) from None
        if mapping.id_number.groups != 1:
            raise mapping.error(
                ("id", "number"),
                "the expression needs exactly one group, (\\d+), around the number",
            )
    known = Known(exclusion_codes, council)
    for name, entry in data["fields"].items():
        mapping.fields.append(_field(mapping, name, entry, known))
    mapping.defaults = _defaults(mapping, data.get("defaults", {}), ("defaults",), known)
    for route, defaults in data.get("defaults_by_route", {}).items():
        mapping.defaults_by_route[route] = _defaults(
            mapping, defaults, ("defaults_by_route", route), known
        )
    given = {f.path for f in mapping.fields} | set(mapping.defaults)
    case = case_schema.node(())
    assert case is not None  # the case schema's top level
    for required in case["required"]:
        if required not in RESERVED and (required,) not in given:
            raise mapping.error(
                ("fields",),
                f"nothing gives the case's {required}: map a column to it under fields:, "
                "or give it under defaults:",
            )
    return mapping


@dataclass(frozen=True)
class Known:
    """What the repository declares that a mapping's values must be among."""

    exclusion_codes: list[str]
    council: dict[str, Any]


def _field(mapping: Mapping, name: str, entry: dict[str, Any], known: Known) -> Field:
    path = _path(mapping, name, ("fields", name))
    kind = case_schema.kind(path)
    if kind in ("array", "object"):
        raise mapping.error(
            ("fields", name),
            f"{name} holds a list or a block, not one value; "
            "give it under defaults:, or map the single values inside it",
        )
    if "values" not in entry and (name in categories.LISTS or kind == "slug"):
        what = (
            f"one of the council's {categories.LISTS[name]} (policy/council.yaml categories)"
            if name in categories.LISTS
            else "a code or a role, never text copied from the export"
        )
        raise mapping.error(
            ("fields", name),
            f"{name} is {what}: give values: translating each of the export's labels in "
            f"{entry['column']} to the {name} it means; a label not listed then rejects its row",
        )
    values: dict[str, object] | None = None
    if "values" in entry:
        values = {}
        for label, value in entry["values"].items():
            _check_value(mapping, path, value, ("fields", name, "values", label), known)
            values[fold(label)] = value
    return Field(path, entry["column"], values, ("fields", name), tuple(entry.get("values", ())))


def _defaults(
    mapping: Mapping, given: dict[str, Any], where: Where, known: Known
) -> dict[tuple[str, ...], object]:
    result: dict[tuple[str, ...], object] = {}
    for name, value in given.items():
        path = _path(mapping, name, (*where, name))
        _check_value(mapping, path, value, (*where, name), known)
        result[path] = value
    return result


def _path(mapping: Mapping, name: str, where: Where) -> tuple[str, ...]:
    path = tuple(name.split("."))
    if name in RESERVED:
        raise mapping.error(
            where,
            f"{name} is set by the mapping's own id:, services: and complainant: sections; "
            "remove it here",
        )
    if case_schema.kind(path) is None:
        raise mapping.error(
            where,
            f"{name} is not a field of a case file; see `complaints schema case` "
            "(nested fields are dotted, like stage1.responded)",
        )
    return path


def _check_value(
    mapping: Mapping,
    path: tuple[str, ...],
    value: object,
    where: Where,
    known: Known,
) -> None:
    """A value the mapping gives must be one the case field takes, and the council declares."""
    errors = list(_validator(path).iter_errors(value))
    if errors:
        raise mapping.error(
            where,
            f"{value!r} is not a value {'.'.join(path)} takes ({errors[0].message}); "
            "see `complaints schema case`",
        )
    if path == ("exclusion", "reason") and value not in known.exclusion_codes:
        raise mapping.error(
            where,
            f"'{value}' is not one of the policy's exclusions; use one of: "
            f"{', '.join(known.exclusion_codes)}",
        )
    if len(path) == 1 and path[0] in categories.LISTS:
        problem = categories.unknown(known.council, path[0], value)
        if problem:
            raise mapping.error(where, problem)


@cache
def _validator(path: tuple[str, ...]) -> Any:  # the schema validator's library has no types
    import jsonschema_rs

    node = case_schema.node(path)
    assert node is not None  # a field of a case file (`_path` checked)
    return jsonschema_rs.Draft202012Validator(
        {**node, "$defs": schema("case")["$defs"]}, validate_formats=True
    )
