"""Bad inputs: each yields a DossierError naming the file, and the batch goes on."""
import io
import json

import pytest

from dossier.errors import DossierError
from dossier.ingest import read_inputs, read_path
from dossier.records import RawDocument

GOOD = "date 2025-12-01 Good report\nThe envoy met the president in Kyiv on Monday.\n"


def run_batch(tmp_path, name, content, **kw):
    """Read [good, bad, good2]: the bad file's error sits between two documents."""
    good = tmp_path / "a_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    good2 = tmp_path / "z_good.txt"
    good2.write_text(GOOD, encoding="utf-8")
    results = list(read_inputs([good, bad, good2], **kw))
    docs = [r for r in results if isinstance(r, RawDocument)]
    errs = [r for r in results if isinstance(r, DossierError)]
    assert docs[0].id == "a_good" and docs[-1].id == "z_good"
    return docs[1:-1], errs, str(bad)


@pytest.mark.parametrize("name,content,code", [
    ("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E101"),
    ("noise", bytes(range(256)) * 8, "E101"),
    ("latin1.txt", "Zelensky’s café déjà".encode("cp1252"), "E102"),
    ("wide.txt", "Plain ASCII text in UTF-16 without a BOM.".encode("utf-16-le"), "E102"),
    ("empty.txt", b"", "E103"),
    ("blank.txt", b"  \n\t\n", "E103"),
    ("nul.txt", b"The envoy met\x00 the president.\nA second line.\n", "E109"),
    ("broken.html", "<html><body><div></div></body></html>", "E104"),
    ("broken.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
                   "<item><title>unclosed", "E105"),
    ("notafeed.xml", "<?xml version='1.0'?><catalog><book>x</book></catalog>", "E108"),
])
def test_bad_file_names_itself_and_batch_goes_on(tmp_path, name, content, code):
    docs, errs, bad = run_batch(tmp_path, name, content)
    assert [e.code for e in errs] == [code]
    assert errs[0].path == bad and bad in str(errs[0])
    assert docs == []


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    good = tmp_path / "g.txt"
    good.write_text(GOOD, encoding="utf-8")
    results = list(read_inputs([missing, good]))
    assert results[0].code == "E100" and results[0].path == missing
    assert isinstance(results[1], RawDocument)


def test_too_large(tmp_path):
    docs, errs, bad = run_batch(tmp_path, "big.txt", GOOD * 50, max_bytes=1000)
    assert [e.code for e in errs] == ["E107"] and errs[0].fields["limit"] == 1000


def test_stdin_too_large():
    [err] = list(read_path("-", stdin=io.BytesIO(b"x" * 5000), max_bytes=100))
    assert err.code == "E107" and err.path == "-"


def test_extremely_long_line(tmp_path):
    docs, errs, bad = run_batch(tmp_path, "long.txt", "word " * 5000, max_line=10_000)
    assert [e.code for e in errs] == ["E111"] and errs[0].fields["size"] == 25000
    # the default limit is generous
    assert isinstance(next(read_path(bad)), RawDocument)


def test_malformed_json_lines_name_the_line(tmp_path):
    lines = [json.dumps({"id": "a", "text": "First."}), "{not json", "[1, 2]",
             json.dumps({"id": "b", "title": "no text"}), "", json.dumps({"id": "c", "text": "Last."})]
    docs, errs, bad = run_batch(tmp_path, "w.jsonl", "\n".join(lines))
    assert [d.id for d in docs] == ["a", "c"]
    assert [(e.code, e.fields["line"]) for e in errs] == [("E106", 2), ("E106", 3), ("E106", 4)]
    assert all(e.path == bad for e in errs)
    assert "line 2" in str(errs[0])


def test_feed_with_entities_is_refused(tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
            '<rss version="2.0"><channel><title>T</title><item><title>&c;</title>'
            '<description>&c;</description></item></channel></rss>')
    docs, errs, bad = run_batch(tmp_path, "bomb.xml", bomb)
    assert [e.code for e in errs] == ["E105"] and "entit" in str(errs[0])


def test_feed_with_external_entity_is_refused(tmp_path):
    xxe = ('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd" '
           '[<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel>'
           '<title>T</title><item><description>&x;</description></item></channel></rss>')
    docs, errs, bad = run_batch(tmp_path, "xxe.rss", xxe)
    assert [e.code for e in errs] == ["E105"]


def test_plain_doctype_feed_is_accepted(tmp_path):
    feed = ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
            '<title>Old</title><link>http://old.example/</link><item><title>A</title>'
            '<link>http://old.example/a</link><description>Text of A.</description></item>'
            '</channel></rss>')
    docs, errs, bad = run_batch(tmp_path, "old.rss", feed)
    assert errs == [] and [d.raw_text for d in docs] == ["Text of A."]


def test_feed_item_without_text_is_an_error_others_ingest(tmp_path):
    feed = ('<rss version="2.0"><channel><title>F</title>'
            '<item><title>Empty</title><link>http://f.example/1</link></item>'
            '<item><title>Full</title><link>http://f.example/2</link>'
            '<description>Has text.</description></item></channel></rss>')
    docs, errs, bad = run_batch(tmp_path, "f.rss", feed)
    assert [d.title for d in docs] == ["Full"]
    assert [(e.code, e.path) for e in errs] == [("E103", f"{bad}#1")]


def test_url_refused_by_default():
    [err] = list(read_inputs(["https://example.com/a"]))
    assert err.code == "E112"


def test_directory_with_bad_files_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes(b"\xff\xfe\xfa bad")
    (tmp_path / "d.txt").write_text(GOOD, encoding="utf-8")
    results = list(read_path(tmp_path))
    assert [getattr(r, "id", None) or r.code for r in results] == ["a", "E103", "E102", "d"]


def test_html_tag_with_thousands_of_attributes_is_read(tmp_path):
    attrs = " ".join(f'a{i}="{i}"' for i in range(20_000))
    p = tmp_path / "attrs.html"
    p.write_text(f"<html><head><title>T</title></head><body><p {attrs}>The envoy met the "
                 "president in Kyiv on Monday.</p></body></html>", encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.raw_text == "The envoy met the president in Kyiv on Monday."


def test_xml_with_a_large_dtd_is_refused_as_a_feed(tmp_path):
    p = tmp_path / "quad.xml"
    p.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + "A" * 10_000 + '">]>'
                 '<rss version="2.0"><channel><title>Q</title><item><title>q</title>'
                 "<description>&a;&a;</description></item></channel></rss>", encoding="utf-8")
    [err] = list(read_path(p))
    assert err.code == "E105"


def test_lone_surrogates_in_json_and_xml_become_replacement_characters(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s1", "title": "T\\ud800", "text": "Kyiv \\udc00 said"}\n', encoding="utf-8")
    [doc] = list(read_path(p))
    assert doc.raw_text == "Kyiv \ufffd said" and doc.title == "T\ufffd"
    doc.raw_text.encode("utf-8")
