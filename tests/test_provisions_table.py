"""docs/provisions.md: every provision of both Codes with the rules that evidence it, or the reason
no rule can; generated from the registry and the Code files, current, and complete."""

from __future__ import annotations

from checker.commands import code_files
from checker.formats.provisions import LONGEST, REASONS, citing, first_sentence, render
from checker.model.codes import SHORT, provisions
from checker.rules import RULES
from checker.schemas import schema
from tests.conftest import ROOT, run_cli

REGENERATE = "complaints rules --provisions > docs/provisions.md"
CODES = code_files(ROOT)
PROVISIONS = {
    f"{SHORT[code['code']]} {p.number}": p.data for code in CODES.values() for p in provisions(code)
}
CITED = citing(RULES)


def test_docs_provisions_is_the_generators_output() -> None:
    written = (ROOT / "docs" / "provisions.md").read_text("utf-8")
    assert written == render(CODES), f"docs/provisions.md is out of date: run `{REGENERATE}`"


def test_the_command_prints_the_table_of_the_repositorys_codes() -> None:
    run = run_cli("rules", "--provisions", "--root", ROOT)
    assert run.code == 0, run.err
    assert run.out == render(CODES)


def test_every_provision_has_a_rule_or_a_reason() -> None:
    assert len(PROVISIONS) > 100  # both Codes were read
    unexplained = [
        citation
        for citation, provision in PROVISIONS.items()
        if citation not in CITED and "no_rule" not in provision
    ]
    assert unexplained == [], "cite each from a rule, or give it a `no_rule` reason in its Code"


def test_no_provision_has_both_a_rule_and_a_reason() -> None:
    both = [c for c, provision in PROVISIONS.items() if c in CITED and "no_rule" in provision]
    assert both == [], "a provision a rule cites needs no `no_rule` reason: remove it"


def test_the_reasons_are_one_closed_list() -> None:
    enum = schema("code")["$defs"]["provision"]["properties"]["no_rule"]["enum"]
    assert enum == list(REASONS)
    used = {provision["no_rule"] for provision in PROVISIONS.values() if "no_rule" in provision}
    assert used and used <= set(REASONS)


def test_a_requirement_is_shortened_to_its_first_sentence() -> None:
    assert first_sentence("Landlords must act. Then more.") == "Landlords must act."
    assert first_sentence("Complaint handlers must:\n- be fair") == "Complaint handlers must: …"
    assert first_sentence("(e.g. a contractor) must act. More.") == "(e.g. a contractor) must act."
    long = first_sentence("word " * 100)
    assert long.endswith("…") and len(long) <= LONGEST + 1
