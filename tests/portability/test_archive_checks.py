"""A bad archive is refused whole, with a message that says what is wrong, before any write."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_article, make_image, make_section
from tests.portability.helpers import add_comment, newsroom_counts, rewrite_archive, wipe_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tmp_path):
    """A small valid export of a site that is then emptied."""
    section = make_section(title="News", slug="news")
    article = make_article(section=section, slug="rain", lead_image=make_image("Rain"))
    add_comment(article, "First!", status="approved")
    path = tmp_path / "good.tar.gz"
    call_command("export", str(path), stdout=StringIO())
    wipe_newsroom()
    return path


def edit_line(name: str, change):
    def edit(members):
        records = [json.loads(line) for line in members[name].decode().splitlines()]
        change(records[0])
        members[name] = "".join(json.dumps(r) + "\n" for r in records).encode()

    return edit


def set_manifest(**fields):
    def edit(members):
        manifest = json.loads(members["manifest.json"])
        manifest.update(fields)
        members["manifest.json"] = json.dumps(manifest).encode()

    return edit


def first_media(members) -> str:
    return next(name for name in members if name.startswith("media/"))


BAD = {
    "no manifest": (lambda m: m.pop("manifest.json"), True, "has no manifest.json"),
    "newer version": (
        set_manifest(version=2),
        False,
        "written by a newer Gazette (export format version 2); this Gazette reads versions up "
        "to 1. Upgrade Gazette here",
    ),
    "another format": (set_manifest(format="wordpress-wxr"), False, "is not a Gazette export"),
    "changed after export": (
        edit_line("comments.jsonl", lambda c: c.update(body="Tampered")),
        False,
        "comments.jsonl does not match its checksum in the manifest",
    ),
    "missing file": (lambda m: m.pop("bans.jsonl"), True, "bans.jsonl is missing"),
    "unexpected entry": (
        lambda m: m.update({"../../etc/cron.d/x": b"boom"}),
        True,
        "holds an unexpected entry: '../../etc/cron.d/x'",
    ),
    "not JSON": (
        lambda m: m.update({"tags.jsonl": b"{not json\n"}),
        True,
        "tags.jsonl line 1: line: Invalid JSON",
    ),
    "unknown status": (
        edit_line("comments.jsonl", lambda c: c.update(status="hidden")),
        True,
        "comments.jsonl line 1: status: Input should be 'pending', 'approved', 'rejected', "
        "'spam' or 'removed'",
    ),
    "name too long": (
        edit_line("comments.jsonl", lambda c: c.update(author_name="x" * 101)),
        True,
        "comments.jsonl line 1: author_name: String should have at most 100 characters",
    ),
    "bad language": (
        edit_line("articles.jsonl", lambda a: a["content"].update(language="english!")),
        True,
        "articles.jsonl line 1: content.language: Value error, not a BCP 47 language tag",
    ),
    "dangling article": (
        edit_line("comments.jsonl", lambda c: c.update(article="news/gone")),
        True,
        "comments.jsonl line 1: article 'news/gone' is not in articles.jsonl",
    ),
    "unknown block": (
        edit_line("articles.jsonl", lambda a: a["content"]["body"].append({"type": "video"})),
        True,
        "articles.jsonl line 1: body has unknown block types video",
    ),
    "image that is not one": (
        lambda m: m.update({first_media(m): b"GIF89a but not really"}),
        True,
        "is not an image file Gazette can read",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_archive_is_refused_whole_with_a_clear_message(archive, tmp_path, case):
    change, fix_manifest, message = BAD[case]
    bad = rewrite_archive(archive, tmp_path / "bad.tar.gz", change, fix_manifest=fix_manifest)
    before = newsroom_counts()

    with pytest.raises(CommandError) as refused:
        call_command("import", str(bad), stdout=StringIO())

    assert message in str(refused.value)
    assert newsroom_counts() == before


def test_a_file_that_is_no_archive_at_all_is_refused(tmp_path, db):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a tar")

    with pytest.raises(CommandError, match=r"is not a Gazette export \(not a readable tar"):
        call_command("import", str(junk), stdout=StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("import", str(tmp_path / "missing.tar.gz"), stdout=StringIO())


def test_a_truncated_archive_is_refused_as_damaged(archive, tmp_path):
    data = archive.read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[: len(data) // 2])
    before = newsroom_counts()

    with pytest.raises(CommandError, match="is damaged or incomplete"):
        call_command("import", str(cut), stdout=StringIO())
    assert newsroom_counts() == before


def test_check_reports_a_valid_archive_and_changes_nothing(archive):
    output = StringIO()
    before = newsroom_counts()

    call_command("import", str(archive), "--check", stdout=output)

    assert (
        "is a valid Gazette export: tags 0, images 1, authors 0, sections 1, articles 1, home 1, "
        "comments 1, word rules 0, bans 0." in output.getvalue()
    )
    assert newsroom_counts() == before


def test_export_never_leaves_a_partial_archive_or_replaces_one_unasked(tmp_path, db):
    make_article(slug="one")
    target = tmp_path / "site.tar.gz"
    target.write_bytes(b"yesterday's export")

    with pytest.raises(CommandError, match="exists; choose another name or pass --overwrite"):
        call_command("export", str(target), stdout=StringIO())
    assert target.read_bytes() == b"yesterday's export"
    call_command("export", str(target), "--overwrite", stdout=StringIO())

    assert target.read_bytes()[:2] == b"\x1f\x8b"  # gzip
    assert [p.name for p in tmp_path.iterdir()] == ["site.tar.gz"]


def test_a_page_in_the_way_stops_the_import_before_it_writes(archive, tmp_path):
    from wagtail.models import Page

    from tests.factories import ensure_home

    ensure_home().add_child(instance=Page(title="News", slug="news"))
    before = newsroom_counts()

    with pytest.raises(CommandError, match="/news/ is taken here by Page"):
        call_command("import", str(archive), stdout=StringIO())
    assert newsroom_counts() == before
