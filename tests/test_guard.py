"""The privacy guard cannot be walked round: each way an attacker's test found to publish a case
past it, reproduced against a copy of the example repository and shown closed (the build or
`complaints pages` fails, naming the page and the case file, never the text), with the clean site
still built and the policy's own phrases not flagged. How each file is read
(`checker.site.published_files`) is tested here too."""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.site.published_files import MAX_BYTES, Unreadable, links, read
from checker.site.words import readings
from tests.conftest import ROOT, Run, scratch

AS_OF = "2026-11-23"
CASES = ("CCC-2025-0001", "CCC-2025-0002", "CCC-2025-0014")
DEFINITION = "The communal stairwell has not been cleaned for several weeks."  # CCC-2025-0001's
SOUGHT = "An apology and assurance that the officer's conduct will be addressed."  # CCC-2025-0014's
CASE_FILE = "cases/2025-26/{}.yaml"


def repository(tmp_path: Path, *cases: str) -> Path:
    """A copy of the example repository (its policy, docs folder and mkdocs.yml) with these of its
    cases."""
    repo = scratch(tmp_path / "repo", with_cases=False)
    shutil.copytree(ROOT / "site", repo / "site")
    (repo / "cases" / "2025-26").mkdir(parents=True)
    for case in cases or CASES:
        shutil.copy(ROOT / CASE_FILE.format(case), repo / CASE_FILE.format(case))
    return repo


def mkdocs_build(repo: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COMPLAINTS_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"]
    return subprocess.run(
        [*command, "-f", str(repo / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )


def published(out: Path) -> str:
    """Everything the build left in its output folder, as text."""
    return "\n".join(
        path.read_bytes().decode("utf-8", errors="replace")
        for path in out.rglob("*")
        if path.is_file()
    )


def assert_named_never_quoted(output: str, lines: list[str], *secrets: str) -> None:
    for line in lines:
        assert line in output, output
    for secret in (DEFINITION, SOUGHT, "stairwell", "officer's conduct", *secrets):
        assert secret not in output, secret
    assert "Traceback" not in output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def words(text: str) -> str:
    """A text's words as the guard reads them, one space apart."""
    return " ".join(readings(text)[0])


def png(text: bytes = b"") -> bytes:
    """A real one-pixel PNG, with a text chunk if given."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    note = chunk(b"tEXt", b"Comment\x00" + text) if text else b""
    return b"\x89PNG\r\n\x1a\n" + header + note + pixels + chunk(b"IEND", b"")


def xlsx(*cells: str) -> bytes:
    """The part of a spreadsheet that holds its text (its shared strings), zipped as Excel does."""
    strings = "".join(f"<si><t>{cell}</t></si>" for cell in cells)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst>{strings}</sst>')
        archive.writestr("xl/media/image1.png", png())
    return buffer.getvalue()


# --- how a file is read: by its content, never its name ---------------------------------------


def test_utf8_and_compressed_text_are_read_as_text() -> None:
    assert read("café\n".encode()) == "café\n"
    assert read(b"\xef\xbb\xbfwith a byte-order mark") == "with a byte-order mark"
    assert read(gzip.compress(DEFINITION.encode())) == DEFINITION
    assert DEFINITION in str(read(xlsx("Total", DEFINITION)))
    assert DEFINITION in str(read(gzip.compress(xlsx(DEFINITION))))


def test_a_binary_file_is_read_for_the_text_it_holds_uncompressed() -> None:
    text = read(png(DEFINITION.encode()))
    assert isinstance(text, str) and DEFINITION in text
    assert "P-Z3RK7J" in str(read(b"\x00\x01binary\xff\xfe P-Z3RK7J \x00"))
    # UTF-16 without its byte-order mark: the guard drops its NUL bytes and reads its text
    assert words(DEFINITION) in words(str(read(b"\x01" + DEFINITION.encode("utf-16-le"))))
    # bytes that are not UTF-8 are read as Windows-1252 (a typographic apostrophe, say)
    assert "officer’s" in str(read(b"\x00the officer\x92s conduct"))


def test_text_in_another_encoding_is_one_located_error() -> None:
    latin = "Notes\nThe caf\u00e9 was shut\n".encode("latin-1")
    assert read(latin) == Unreadable("2:8", "is not UTF-8 text: save it as UTF-8")
    utf16 = read(DEFINITION.encode("utf-16"))
    assert isinstance(utf16, Unreadable) and "UTF-16" in utf16.reason
    assert read(png(), text_only=True) == Unreadable("1:1", "is not UTF-8 text: save it as UTF-8")


def test_a_compressed_file_is_read_within_bounds() -> None:
    bomb = gzip.compress(b"\0" * (MAX_BYTES + 1))
    found = read(bomb)
    assert isinstance(found, Unreadable) and "MiB" in found.reason
    assert isinstance(read(b"\x1f\x8b\x08 not really gzip"), Unreadable)
    assert isinstance(read(b"PK\x03\x04 not really a zip"), Unreadable)


def test_links_and_pipes_in_a_docs_folder_are_named_without_following_them(tmp_path: Path) -> None:
    docs = tmp_path / "site"
    (docs / "deep").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "allcases").symlink_to(tmp_path / "cases", target_is_directory=True)
    (docs / "deep" / "alias.md").symlink_to(docs / "index.md")
    os.mkfifo(docs / "pipe")
    assert links(docs, tmp_path) == [
        "site/allcases: a symbolic link; the site publishes only real files from its folder: "
        "replace it with a real file",
        "site/deep/alias.md: a symbolic link; the site publishes only real files from its "
        "folder: replace it with a real file",
        "site/pipe: not a regular file; the site publishes only real files from its folder: "
        "replace it with a real file",
    ]
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "docs").symlink_to(tmp_path / "elsewhere")
    assert links(tmp_path / "docs", tmp_path)[0].startswith(
        "docs: a folder the site publishes from is a"
    )


# --- the bypasses, closed ---------------------------------------------------------------------


def test_a_symbolic_link_in_the_docs_folder_fails_the_build_before_anything_is_copied(
    tmp_path: Path,
) -> None:
    repo = repository(tmp_path)
    (repo / "site" / "allcases").symlink_to(Path("..") / "cases", target_is_directory=True)
    (repo / "site" / "alias.md").symlink_to("index.md")
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    assert_named_never_quoted(
        result.stdout + result.stderr,
        [
            "site/allcases: a symbolic link; the site publishes only real files from its folder: "
            "replace it with a real file",
            "site/alias.md: a symbolic link",
        ],
    )
    assert "CCC-2025-0001" not in published(tmp_path / "public")


def test_every_file_in_the_docs_folder_is_checked_whatever_its_name(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    site = repo / "site"
    (site / "notes.markdown").write_text("# Notes\n\nAbout CCC-2025-0002.\n")
    (site / "minutes.txt").write_text(f"Minutes: {DEFINITION}\n")
    (site / "export.dat").write_bytes(b"\x00\x01" + SOUGHT.encode())
    (site / "photo.png").write_bytes(
        png(b"Photo of P-Z3RK7J.")
    )  # a real picture, with a text chunk
    (site / "logo.png").write_text("not a picture at all: CCC-2025-0014\n")
    (site / "cases.xlsx").write_bytes(xlsx("Case", DEFINITION))
    (site / "sitemap-extra.xml.gz").write_bytes(gzip.compress(b"<loc>CCC-2025-0001</loc>"))
    (site / "ccc-2025-0002.html").write_text("<p>Nothing to see</p>\n")
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    of = CASE_FILE.format
    assert_named_never_quoted(
        result.stdout + result.stderr,
        [
            f"notes.markdown: a case id of {of('CCC-2025-0002')}",
            f"minutes.txt: case text (definition) of {of('CCC-2025-0001')}",
            f"export.dat: case text (outcomes_sought) of {of('CCC-2025-0014')}",
            f"photo.png: a complainant reference of {of('CCC-2025-0002')}",
            f"logo.png: a case id of {of('CCC-2025-0014')}",
            f"cases.xlsx: case text (definition) of {of('CCC-2025-0001')}",
            f"sitemap-extra.xml.gz: a case id of {of('CCC-2025-0001')}",
            f"ccc-2025-0002.html: a case id of {of('CCC-2025-0002')}",
        ],
    )
    assert not (tmp_path / "public").exists() or "stairwell" not in published(tmp_path / "public")


def test_a_file_in_the_docs_folder_that_is_not_utf8_is_one_located_error(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / "site" / "notes.txt").write_bytes("Notes\nThe caf\u00e9 is shut\n".encode("latin-1"))
    (repo / "site" / "page.md").write_bytes("# Caf\u00e9\n".encode("latin-1"))
    result = mkdocs_build(repo, tmp_path / "public")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "site/notes.txt:2:8: is not UTF-8 text: save it as UTF-8" in output
    assert "site/page.md:1:6: is not UTF-8 text: save it as UTF-8" in output
    assert "Traceback" not in output


def test_what_only_the_rendered_page_or_a_plugin_shows_is_checked_before_it_is_kept(
    tmp_path: Path,
) -> None:
    # Markdown that spells a case id out only when rendered, and a hook that writes a file of its
    # own after every page is built
    repo = repository(tmp_path)
    (repo / "site" / "news.md").write_text("# News\n\nAbout CCC-2025-**0002**.\n")
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    assert_named_never_quoted(
        result.stdout + result.stderr,
        [f"news.md: a case id of {CASE_FILE.format('CCC-2025-0002')}"],
    )
    assert not (tmp_path / "public" / "news").exists()

    (repo / "site" / "news.md").unlink()
    (repo / "hooks.py").write_text(
        "from pathlib import Path\n\n\n"
        "def on_post_build(config):\n"
        "    (Path(config.site_dir) / 'extra.txt').write_text('P-Z3RK7J\\n')\n"
    )
    edit(repo / "mkdocs.yml", "plugins:", "hooks: [hooks.py]\nplugins:")
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    assert_named_never_quoted(
        result.stdout + result.stderr,
        [f"extra.txt: a complainant reference of {CASE_FILE.format('CCC-2025-0002')}"],
    )
    assert not (tmp_path / "public" / "extra.txt").exists()  # removed from the output


def test_a_cases_text_pasted_into_a_self_assessment_or_the_policy_fails(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    repo = repository(tmp_path)
    edit(
        repo / "policy" / "self-assessment" / "2026-lgsco.yaml",
        "staff and customers share one understanding (1.5).",
        f"staff and customers share one understanding (1.5). {DEFINITION}",
    )
    edit(
        repo / "policy" / "policy.yaml",
        "it is possible that new issues will be raised.",
        f"it is possible that new issues will be raised. {SOUGHT}",
    )
    of = CASE_FILE.format
    lines = [
        f"self-assessment/2026-lgsco.md: case text (definition) of {of('CCC-2025-0001')}",
        f"policy.md: case text (outcomes_sought) of {of('CCC-2025-0014')}",
    ]
    run = cli("pages", "--root", repo, "--as-of", AS_OF, "--out", tmp_path / "pages")
    assert run.code == 1
    assert_named_never_quoted(run.err, lines)
    assert not (tmp_path / "pages").exists()
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    assert_named_never_quoted(result.stdout + result.stderr, lines)


def test_an_identifier_in_a_standing_file_is_an_error_and_a_comment_exempts_nothing(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    # The example council file's comment names CCC-2025-0142: it used to exempt that case's id
    # everywhere, the report inputs included.
    repo = repository(tmp_path, "CCC-2025-0001", "CCC-2025-0142")
    assert "CCC-2025-0142" in (repo / "policy" / "council.yaml").read_text()
    edit(
        repo / "policy" / "reports" / "2025-26.yaml",
        "recommendations.",
        "recommendations (see CCC-2025-0142).",
    )
    edit(
        repo / "policy" / "self-assessment" / "2026-lgsco.yaml",
        "staff and customers share one understanding (1.5).",
        "staff and customers share one understanding (1.5), as in CCC-2025-0001.",
    )
    run = cli("pages", "--root", repo, "--as-of", AS_OF, "--out", tmp_path / "pages")
    assert run.code == 1
    assert_named_never_quoted(
        run.err,
        [
            f"reports/2025-26.md: a case id of {CASE_FILE.format('CCC-2025-0142')}",
            f"self-assessment/2026-lgsco.md: a case id of {CASE_FILE.format('CCC-2025-0001')}",
        ],
    )


@pytest.mark.parametrize(
    "written",
    [
        DEFINITION.replace(" ", "\u00a0"),
        DEFINITION.replace("communal", "co\u0301mmu\u00adnal"),
        DEFINITION.replace("stairwell", "stair\u200bwell").upper(),
        DEFINITION.replace("communal", "ｃｏｍｍｕｎａｌ"),
        SOUGHT.replace("'", "\u2019").replace("ffi", "\ufb03"),
        "CCC\u20112025\u2013**0002**",
    ],
    ids=[
        "non-breaking spaces",
        "accent and soft hyphen",
        "zero-width",
        "full-width",
        "typography",
        "dashes and emphasis",
    ],
)
def test_unicode_and_typography_do_not_hide_a_case_in_the_report_inputs(
    tmp_path: Path, cli: Callable[..., Run], written: str
) -> None:
    repo = repository(tmp_path)
    edit(
        repo / "policy" / "reports" / "2025-26.yaml",
        "recommendations.",
        f"recommendations. {written}",
    )
    run = cli("pages", "--root", repo, "--as-of", AS_OF, "--out", tmp_path / "pages")
    assert run.code == 1
    assert re.search(r"reports/2025-26\.md: (case text \(\w+\)|a case id) of cases/", run.err)
    assert written not in run.err


def test_unicode_and_typography_do_not_hide_a_case_in_a_hand_written_page(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    pages = {
        "dashes.md": "Case CCC\u20112025\u20130001 is closed.",
        "full-width.md": "Reference Ｐ－Ｚ３ＲＫ７Ｊ.",
        "spaces.md": DEFINITION.replace(" ", "\u00a0\u200b"),
        "quote.md": f"> {SOUGHT.replace(chr(39), chr(0x2019))}",
    }
    for name, text in pages.items():
        (repo / "site" / name).write_text(f"# Page\n\n{text}\n")
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode != 0
    of = CASE_FILE.format
    assert_named_never_quoted(
        result.stdout + result.stderr,
        [
            f"dashes.md: a case id of {of('CCC-2025-0001')}",
            f"full-width.md: a complainant reference of {of('CCC-2025-0002')}",
            f"spaces.md: case text (definition) of {of('CCC-2025-0001')}",
            f"quote.md: case text (outcomes_sought) of {of('CCC-2025-0014')}",
        ],
    )


# --- and no false alarm -----------------------------------------------------------------------


def test_the_policys_own_phrases_in_a_case_and_real_pictures_build_cleanly(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    repo = repository(tmp_path)
    # a case that names what the council is not responsible for in the policy's own words, and
    # asks for a review by the role the policy names
    edit(
        repo / CASE_FILE.format("CCC-2025-0002"),
        "not_responsible_for: []",
        "not_responsible_for: [Freedom of Information Act 2000, Head of Service or above]",
    )
    (repo / "site" / "logo.png").write_bytes(png())
    (repo / "site" / "logo.png.gz").write_bytes(gzip.compress(png()))
    run = cli("pages", "--root", repo, "--as-of", AS_OF, "--out", tmp_path / "pages")
    assert run.code == 0, run.err
    result = mkdocs_build(repo, tmp_path / "public")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "public" / "logo.png").read_bytes() == png()
