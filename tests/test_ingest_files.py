"""files and jsonl sources: front matter, HTML files, bad files skipped with reasons."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crosscheck.config import Source, validate_entry
from crosscheck.ingest import files, ingest_source
from crosscheck.ingest.text import content_hash
from crosscheck.models import stable_id
from tests.hostile import alias_bomb

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
PARAGRAPH = ("Officials said about 100,000 Russian troops were massed near the border with "
             "Ukraine, according to satellite images reviewed by analysts.")


def source(tmp_path: Path, kind: str, path: str | Path, **extra: object) -> Source:
    entry = {"id": "local", "name": "Local", "kind": kind, "path": str(path),
             "publisher": {"name": "Local"}, **extra}
    built, problems = validate_entry(entry, tmp_path)
    assert built is not None, problems
    return built


def test_seed_folders_become_one_clean_article_each() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the real seed articles live in ../shared")
    axis = source(SEEDS, "files", SEEDS / "axis")
    result = ingest_source(axis, now=NOW)
    assert result.error is None and result.skips == []
    [article] = result.articles
    assert article.title == "The Burgeoning Sino-Russian Axis: Toward a New Cold War Divide?"
    assert article.url == (SEEDS / "axis" / "000_0f0d9ada2ec29d93.txt").as_uri()
    assert article.id == stable_id("local", article.canonical_url)
    assert article.content_hash == content_hash(article.text)
    assert article.fetched_at == NOW
    assert "MUST READ" not in article.text and "Join Now" not in article.text
    assert "North Korea has sold 1 million to 3 million artillery shells" in article.text
    epoch = ingest_source(source(SEEDS, "files", SEEDS / "epoch"), now=NOW)
    [copy] = epoch.articles
    assert copy.title.startswith("Cheng Xiaonong: Russia and China implement")
    assert "See also" not in copy.text and "by admin" not in copy.text


def test_front_matter_sets_title_url_date_and_author(tmp_path: Path) -> None:
    folder = tmp_path / "outlet"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\ntitle: Troops near the border\nurl: https://outlet.example/troops?utm_source=x\n"
        "published: 2021-12-03\nauthor: Jane Roe\n---\n# Troops near the border\n\n"
        f"{PARAGRAPH}\n\nShare this article\n", encoding="utf-8")
    result = ingest_source(source(tmp_path, "files", "outlet"), now=NOW)
    [article] = result.articles
    assert article.title == "Troops near the border"
    assert article.url == "https://outlet.example/troops?utm_source=x"
    assert article.canonical_url == "https://outlet.example/troops"
    assert article.published == datetime(2021, 12, 3, tzinfo=UTC)
    assert article.author == "Jane Roe"
    assert article.text == PARAGRAPH


def test_html_file_goes_through_trafilatura(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(FIXTURES / "article.html", folder / "grain.html")
    [article] = ingest_source(source(tmp_path, "files", "pages")).articles
    assert article.title == "Grain corridor ships leave Odesa"
    assert article.author == "Mara Lindqvist"
    assert "719,549 tonnes" in article.text and "721,449 tonnes" in article.text
    assert "cookies" not in article.text.lower() and "Cup final" not in article.text


def test_bad_files_are_skipped_with_reasons_and_the_rest_read(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "1-good.txt").write_text(f"Good title\n\n{PARAGRAPH}\n", encoding="utf-8")
    (folder / "2-latin1.txt").write_bytes("Caf\xe9 title\n\nSome text here.\n".encode("latin-1"))
    (folder / "3-empty.txt").write_text("Only a title\n\nMUST READ: elsewhere\n", encoding="utf-8")
    (folder / "4-badfront.md").write_text("---\ntitle: [unclosed\n---\nText body here.\n",
                                          encoding="utf-8")
    (folder / "5-nothing.html").write_text((FIXTURES / "no_article.html").read_text())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "6-copy.txt").write_text(f"Copy title\n\n{PARAGRAPH}\n", encoding="utf-8")
    result = ingest_source(source(tmp_path, "files", "mixed"))
    assert result.error is None
    assert [a.title for a in result.articles] == ["Good title"]
    reasons = {Path(s.item).name: s.reason for s in result.skips}
    assert reasons["2-latin1.txt"].startswith("not UTF-8: byte 0xe9 at offset 3")
    assert "re-save 2-latin1.txt as UTF-8" in reasons["2-latin1.txt"]
    assert reasons["3-empty.txt"].startswith("empty article")
    assert reasons["4-badfront.md"].startswith("malformed front matter")
    assert reasons["5-nothing.html"] == "no article text found in the HTML"
    assert reasons["mixed"] == ("skipped 1 entry that is not an article file (.pdf file: 1); "
                                "articles are .txt, .md or .html files")
    assert reasons["6-copy.txt"].startswith("duplicate of")
    assert all(s.stage == "ingest" and s.source_id == "local" for s in result.skips)


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Locked\n\n{PARAGRAPH}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Open\n\n{PARAGRAPH} Again.\n", encoding="utf-8")
    real_read = files.read_article

    def read_article(path: Path) -> tuple[bytes, int]:  # chmod 0 does not stop root: deny a.txt
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(files, "read_article", read_article)
    result = ingest_source(source(tmp_path, "files", "locked"))
    assert [a.title for a in result.articles] == ["Open"]
    assert result.skips[0].reason == "unreadable: Permission denied; check the file's permissions"


def test_missing_or_empty_folder_fails_the_source(tmp_path: Path) -> None:
    missing = ingest_source(source(tmp_path, "files", "nowhere"))
    assert missing.error is not None and "does not exist" in missing.error
    assert "'local'" in missing.error and str(tmp_path / "nowhere") in missing.error
    (tmp_path / "empty").mkdir()
    empty = ingest_source(source(tmp_path, "files", "empty"))
    assert empty.error is not None and "has no .txt, .md or .html files" in empty.error


def test_source_fails_when_every_file_fails(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfe broken")
    result = ingest_source(source(tmp_path, "files", "bad"))
    assert result.articles == []
    assert result.error is not None and "no article could be read" in result.error
    assert "not UTF-8" in result.error


def test_max_articles_and_url_patterns(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}-story.txt").write_text(f"Story {n}\n\n{PARAGRAPH} Item {n}.\n",
                                               encoding="utf-8")
    limited = ingest_source(source(tmp_path, "files", "many", max_articles=2))
    assert [a.title for a in limited.articles] == ["Story 0", "Story 1"]
    filtered = ingest_source(source(tmp_path, "files", "many", exclude=[r"/[13]-story"]))
    assert [a.title for a in filtered.articles] == ["Story 0", "Story 2", "Story 4"]
    assert [s.reason for s in filtered.skips] == ["excluded by pattern '/[13]-story'"] * 2
    assert filtered.error is None


def test_jsonl_reads_good_lines_and_skips_bad_ones_by_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://wire.example/1", "title": "One", "published": "2023-11-02",
                    "text": PARAGRAPH, "author": "Desk"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://wire.example/3", "title": "No text"}),
        "",
        json.dumps({"url": "https://wire.example/4", "title": 5, "text": PARAGRAPH}),
        json.dumps({"url": "https://wire.example/5#frag", "title": "Five",
                    "published": "2023-11-03T10:00:00Z", "text": PARAGRAPH + " More."}),
    ]
    path = tmp_path / "wire.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n\xff\xfe{}\n")
    result = ingest_source(source(tmp_path, "jsonl", "wire.jsonl"))
    assert [a.title for a in result.articles] == ["One", "Five"]
    assert result.articles[0].published == datetime(2023, 11, 2, tzinfo=UTC)
    assert result.articles[1].canonical_url == "https://wire.example/5"
    assert result.articles[1].published == datetime(2023, 11, 3, 10, tzinfo=UTC)
    by_line = {s.item.rsplit(":", 1)[1]: s.reason for s in result.skips}
    assert by_line["2"].startswith("not valid JSON")
    assert by_line["3"].startswith("each line must be a JSON object")
    assert by_line["4"] == "`text` is missing or not a string"
    assert by_line["6"] == "title must be text"
    assert by_line["8"].startswith("not UTF-8")
    assert result.error is None


def test_jsonl_path_errors(tmp_path: Path) -> None:
    missing = ingest_source(source(tmp_path, "jsonl", "none.jsonl"))
    assert missing.error is not None and "does not exist" in missing.error
    (tmp_path / "dir.jsonl").mkdir()
    folder = ingest_source(source(tmp_path, "jsonl", "dir.jsonl"))
    assert folder.error is not None and "is a folder" in folder.error


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    folder = tmp_path / "stable"
    folder.mkdir()
    (folder / "a.txt").write_text(f"A\n\n{PARAGRAPH}\n", encoding="utf-8")
    first = ingest_source(source(tmp_path, "files", "stable")).articles[0]
    second = ingest_source(source(tmp_path, "files", "stable")).articles[0]
    assert (first.id, first.content_hash) == (second.id, second.content_hash)


def test_front_matter_alias_bomb_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    folder = tmp_path / "bomb"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\n{alias_bomb(top='title')}---\n{PARAGRAPH}\n",
                                 encoding="utf-8")
    (folder / "b.txt").write_text(f"Fine\n\n{PARAGRAPH}\n", encoding="utf-8")
    result = ingest_source(source(tmp_path, "files", "bomb"))
    assert [a.title for a in result.articles] == ["Fine"]
    [skip] = result.skips
    assert skip.reason.startswith("front matter refused: its aliases (*name) expand to more "
                                  "than 100,000 nodes")


def test_links_out_of_the_folder_are_not_followed_and_named(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"Secret\n\n{PARAGRAPH} SECRET-9921.\n", encoding="utf-8")
    folder = tmp_path / "outlet"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Story\n\n{PARAGRAPH}\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "up").symlink_to(outside, target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(f"Inner\n\n{PARAGRAPH} Inner.\n", encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "sub" / "inner.txt")  # stays in the folder
    result = ingest_source(source(tmp_path, "files", "outlet"))
    assert sorted(a.title for a in result.articles) == ["Inner", "Story"]
    assert all("SECRET-9921" not in a.text and "root:" not in a.text for a in result.articles)
    reasons = {Path(s.item).name: s.reason for s in result.skips}
    assert reasons["passwd.txt"] == ("symbolic link to /etc/passwd, outside the folder; not "
                                     "followed")
    assert reasons["secret.txt"].startswith(f"symbolic link to {outside / 'secret.txt'}")
    assert reasons["up"].startswith(f"symbolic link to {outside},")
    assert reasons["outlet"].startswith("skipped 1 entry that is not an article file (folder")


def test_a_folder_of_other_files_is_skipped_by_count_and_kind_not_by_name(
        tmp_path: Path) -> None:
    folder = tmp_path / "etc-like"
    folder.mkdir()
    for n in range(100):
        (folder / f"conf{n}").write_text("x=1\n")
    for n in range(30):
        (folder / f"site{n}.conf").write_text("x=1\n")
    for n in range(4):
        (folder / f"dir{n}").mkdir()
    (folder / ".hidden").write_text("x\n")
    result = ingest_source(source(tmp_path, "files", "etc-like"))
    assert result.error is not None and "has no .txt, .md or .html files" in result.error
    [skip] = result.skips
    assert skip.item == str(folder) and skip.reason == (
        "skipped 135 entries that are not article files (file without a suffix: 100, "
        ".conf file: 30, folder (a files source reads one level): 4, hidden: 1); articles "
        "are .txt, .md or .html files")


def test_a_fifo_named_like_an_article_is_skipped_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "pipes"
    folder.mkdir()
    os.mkfifo(folder / "stuck.txt")  # reading it would wait for a writer forever
    (folder / "b.txt").write_text(f"Fine\n\n{PARAGRAPH}\n", encoding="utf-8")
    result = ingest_source(source(tmp_path, "files", "pipes"))
    assert [a.title for a in result.articles] == ["Fine"]
    assert "special file (pipe, socket, device or broken link): 1" in result.skips[0].reason


def test_a_huge_file_is_read_only_to_the_byte_cap_and_its_text_cut(tmp_path: Path) -> None:
    from crosscheck.ingest.files import MAX_FILE_BYTES
    from crosscheck.ingest.text import MAX_ARTICLE_CHARS

    folder = tmp_path / "huge"
    folder.mkdir()
    line = "Officials said 100,000 troops were massed near the border, analysts said. "
    size = MAX_FILE_BYTES + 1_000_000
    (folder / "big.txt").write_text("Big\n\n" + line * (size // len(line)), encoding="utf-8")
    result = ingest_source(source(tmp_path, "files", "huge"))
    [article] = result.articles
    assert MAX_ARTICLE_CHARS * 0.9 <= len(article.text) <= MAX_ARTICLE_CHARS
    messages = [n.message for n in result.notes]
    assert messages[0].startswith(f"file of {(folder / 'big.txt').stat().st_size:,} bytes: "
                                  f"only its first {MAX_FILE_BYTES:,} read (MAX_FILE_BYTES)")
    assert messages[1].startswith("text cut to its first ") and "MAX_ARTICLE_CHARS" in \
        messages[1]


def test_a_file_cut_inside_a_character_still_decodes(tmp_path: Path) -> None:
    from crosscheck.ingest.files import MAX_FILE_BYTES

    folder = tmp_path / "utf8"
    folder.mkdir()
    head = f"Titel\n\n{PARAGRAPH}\n\n".encode()
    filler = "ü".encode() * ((MAX_FILE_BYTES - len(head)) // 2)
    (folder / "a.txt").write_bytes(head + b"x" + filler + b"tail")  # the cut splits a "ü"
    [article] = ingest_source(source(tmp_path, "files", "utf8")).articles
    assert article.title == "Titel" and article.text.endswith("ü")


def test_jsonl_lines_are_capped_and_an_overlong_line_skipped_alone(tmp_path: Path) -> None:
    from crosscheck.ingest.jsonl import MAX_LINE_BYTES

    long_text = PARAGRAPH + " " + "More troops arrived. " * 10_000  # 210,000 characters
    over = "x" * MAX_LINE_BYTES
    lines = [json.dumps({"url": "https://w.example/1", "title": "Long", "text": long_text}),
             json.dumps({"url": "https://w.example/2", "title": "Over", "text": over}),
             json.dumps({"url": "https://w.example/3", "title": "After", "text": PARAGRAPH})]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest_source(source(tmp_path, "jsonl", "wire.jsonl"))
    assert [a.title for a in result.articles] == ["Long", "After"]
    assert len(result.articles[0].text) <= 100_000
    [skip] = result.skips
    assert skip.item == f"{path}:2" and skip.reason.startswith(
        f"line over {MAX_LINE_BYTES:,} bytes (MAX_LINE_BYTES); not read")
    [note] = result.notes
    assert note.item == f"{path}:1" and note.message.startswith("text cut to its first")


def test_jsonl_from_a_pipe_fails_the_source_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    result = ingest_source(source(tmp_path, "jsonl", "pipe.jsonl"))
    assert result.error is not None and "is not a regular file" in result.error
