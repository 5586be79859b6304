"""Reading text files in mixed encodings: ordos_nlp.io."""

import pickle
from pathlib import Path

import pytest

from ordos_nlp.io import UndecodableFileError, decode_bytes, read_text_file

SEED = (Path(__file__).parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")
PARAGRAPHS = [p for p in SEED.split("\n") if p.strip()]
TRADITIONAL = "鄂爾多斯市上線「暖城銀企通」小程序，整合21項自治區級、13項市級金融政策，遺鷗數量為209只。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-32"])
def test_seed_page_in_each_encoding(tmp_path, encoding):
    path = tmp_path / f"page.{encoding}.txt"
    path.write_bytes(SEED.encode(encoding))
    assert read_text_file(path) == SEED


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8"])
def test_every_paragraph_alone(encoding):
    """Short texts too: headlines of four characters, a closing quote line."""
    for p in PARAGRAPHS:
        assert decode_bytes(p.encode(encoding))[0] == p


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs", "gb18030", "utf-8"])
def test_traditional_text(encoding):
    text, used = decode_bytes(TRADITIONAL.encode(encoding))
    assert text == TRADITIONAL
    if encoding.startswith("big5") or encoding == "cp950":
        assert used in ("cp950", "big5hkscs")


def test_line_endings_are_kept_exactly(tmp_path):
    text = "遗鸥数量为209\r\n\r\n只。\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_text_file(path) == text


def test_empty_and_ascii(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ascii.txt").write_bytes(b"GDP 3.5%\n")
    assert read_text_file(tmp_path / "empty.txt") == ""
    assert read_text_file(tmp_path / "ascii.txt") == "GDP 3.5%\n"


def test_reported_encoding():
    assert decode_bytes("东胜区".encode("utf-8")) == ("东胜区", "utf_8")
    assert decode_bytes("东胜区".encode("utf-8-sig")) == ("东胜区", "utf_8_sig")
    assert decode_bytes(SEED.encode("gb18030"))[1] == "gb18030"


def _binaries():
    import random

    rng = random.Random(7)
    return {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "elf": Path("/bin/sh").read_bytes()[:4096] if Path("/bin/sh").exists() else b"\x7fELF\x02\x01\x01\x00",
        "nul": "东胜区\x00鄂尔多斯".encode("utf-8"),
        "random": bytes(rng.randrange(1, 256) for _ in range(4000)),
        "random_high": bytes(rng.randrange(0x81, 0xFF) for _ in range(4000)),
        "controls": b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50,
        "utf16_no_bom": "东胜区".encode("utf-16-le"),
    }


@pytest.mark.parametrize("kind", sorted(_binaries()))
def test_binary_is_refused_with_the_file_name(tmp_path, kind):
    path = tmp_path / f"{kind}.bin"
    path.write_bytes(_binaries()[kind])
    with pytest.raises(UndecodableFileError) as info:
        read_text_file(path)
    assert str(path) in str(info.value)
    assert info.value.path == path
    assert info.value.reason
    assert isinstance(info.value, ValueError)


def test_bad_bytes_after_a_bom():
    with pytest.raises(UndecodableFileError, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd", name="x.txt")


def test_forced_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("东胜区".encode("gb18030"))
    assert read_text_file(path, encoding="gb18030") == "东胜区"
    with pytest.raises(UndecodableFileError, match="not valid utf-8"):
        read_text_file(path, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown encoding"):
        read_text_file(path, encoding="no-such-codec")


def test_os_errors_pass_through(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError):
        read_text_file(tmp_path)


def test_error_pickles():
    err = pickle.loads(pickle.dumps(UndecodableFileError("a/b.txt", "binary")))
    assert (err.path, err.reason, str(err)) == ("a/b.txt", "binary", "a/b.txt: cannot be read as text (binary)")


def test_type_error():
    with pytest.raises(TypeError, match="str"):
        decode_bytes("东胜区")
