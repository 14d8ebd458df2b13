"""Reading WXR files: versions, namespaces, CDATA, encodings, and clear errors."""

import pytest

from parley.importers.wxr import Item, Term, WxrError, read_wxr

from .conftest import comment, item, write_wxr


def records(path, **kwargs):
    with open(path, "rb") as raw:
        return list(read_wxr(raw, **kwargs))


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_wxr_version_and_namespace_scheme_is_read(tmp_path, version, scheme):
    path = write_wxr(
        tmp_path / "v.xml", item(3, "Hello", extra=comment(9)), version=version, scheme=scheme
    )
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert (post.wp_id, post.title, post.slug, post.post_type) == (3, "Hello", "post-3", "post")
    assert [c.wp_id for c in post.comments] == [9]


def test_wxr_1_0_tag_domain_and_bare_categories(tmp_path):
    terms = (
        "<category><![CDATA[Bare]]></category>"
        '<category domain="tag" nicename="old-tag"><![CDATA[Old tag]]></category>'
        '<category domain="category" nicename="news"><![CDATA[News]]></category>'
    )
    path = write_wxr(tmp_path / "t.xml", item(1, extra=terms), version="1.0")
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.terms == [("post_tag", "old-tag", "Old tag"), ("category", "news", "News")]


def test_cdata_with_markup_and_entities_is_kept_verbatim(tmp_path):
    body = '<p>a &amp; b <a href="/x?y=1&z=2">link</a></p>'
    path = write_wxr(tmp_path / "c.xml", item(1, "Fish & chips", content=body))
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.content == body
    assert post.title == "Fish & chips"


def test_latin1_file_is_decoded_by_its_declaration(tmp_path):
    path = write_wxr(tmp_path / "l.xml", item(1, "Café crème"), encoding="ISO-8859-1")
    assert b"Caf\xe9" in path.read_bytes()
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.title == "Café crème"


def test_utf16_file_with_bom_is_read(tmp_path):
    path = write_wxr(tmp_path / "u.xml", item(1, "Ünïcode ✓"), encoding="UTF-16")
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.title == "Ünïcode ✓"


def test_mislabelled_file_gets_a_hint_and_reads_with_encoding_override(tmp_path):
    path = write_wxr(tmp_path / "m.xml", item(1, "naïve “quotes”"), encoding="cp1252")
    path.write_bytes(path.read_bytes().replace(b'encoding="cp1252"', b'encoding="UTF-8"'))
    with pytest.raises(WxrError, match=r"line \d+.*--encoding"):
        records(path)
    (post,) = [r for r in records(path, encoding="cp1252") if isinstance(r, Item)]
    assert post.title == "naïve “quotes”"


def test_control_characters_that_wordpress_exports_are_dropped(tmp_path):
    path = write_wxr(tmp_path / "x.xml", item(1, "Bad\x0bchar", extra=comment(2, content="a\x1bb")))
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.title == "Badchar"
    assert post.comments[0].content == "ab"


def test_channel_terms_are_read(theme_file):
    with open(theme_file, "rb") as raw:
        terms = [r for r in read_wxr(raw) if isinstance(r, Term)]
    grandchild = next(t for t in terms if t.slug == "grandchild-category")
    assert (grandchild.taxonomy, grandchild.parent_slug) == ("category", "child-category-03")


def test_truncated_file_names_the_line_and_the_open_element(tmp_path, theme_file):
    data = theme_file.read_bytes()
    cut = data.index(b"<wp:comment_content>", 200_000) + 30
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[:cut])
    last_line = data[:cut].count(b"\n") + 1
    with pytest.raises(WxrError) as error:
        records(path)
    message = str(error.value)
    assert f"line {last_line}" in message
    assert "<wp:comment_content>" in message and "truncated" in message


def test_malformed_element_is_named(tmp_path):
    path = write_wxr(tmp_path / "bad.xml", item(1, extra="<wp:postmeta><b></wp:postmeta>"))
    with pytest.raises(WxrError, match=r"line \d+: the XML is malformed inside <b>"):
        records(path)


def test_bad_value_names_the_element_and_line(tmp_path):
    path = write_wxr(tmp_path / "n.xml", item("12x"))
    with pytest.raises(WxrError, match=r"line \d+: <wp:post_id> should be a whole number"):
        records(path)


def test_a_file_that_is_not_wxr_is_refused(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text("<html><body>hi</body></html>")
    with pytest.raises(WxrError, match="not a WordPress export"):
        records(path)


def test_entity_expansion_bomb_is_not_expanded(tmp_path):
    entities = '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 20}">' for i in range(8)
    )
    path = write_wxr(tmp_path / "bomb.xml", item(1, "t"))
    text = path.read_text().replace("<rss ", f"<!DOCTYPE rss [{entities}]>\n<rss ", 1)
    path.write_text(text.replace("<title><![CDATA[t]]></title>", "<title>&i;</title>"))
    # 40 * 20**8 characters if it were expanded: refused, quickly, with a reason.
    with pytest.raises(WxrError, match="entity"):
        records(path)


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = write_wxr(tmp_path / "bom.xml", item(1, "Zoë"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (post,) = [r for r in records(path) if isinstance(r, Item)]
    assert post.title == "Zoë"


def test_stray_latin1_bytes_in_a_utf8_file_can_be_repaired(tmp_path):
    path = write_wxr(tmp_path / "mixed.xml", item(1, "Zoë", extra=comment(2, content="café")))
    path.write_bytes(path.read_bytes().replace("café".encode(), b"caf\xe9"))
    with pytest.raises(WxrError, match="--repair-utf8"):
        records(path)
    (post,) = [r for r in records(path, repair_utf8=True) if isinstance(r, Item)]
    assert post.title == "Zoë"  # the valid UTF-8 stays as it was
    assert post.comments[0].content == "caf\ufffd"
