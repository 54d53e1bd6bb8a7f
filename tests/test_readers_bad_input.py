"""Every kind of bad input is one BadInput line naming the file and the problem."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from docx_builders import new_document, ole_bytes, rezip, save
from minutes.errors import BadInput, DataFileError, UnsupportedFormat
from minutes.readers import read_path, read_stdin
from minutes.readers.files import MAX_FILE_BYTES


def fails(path, kind=BadInput):
    with pytest.raises(kind) as info:
        read_path(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    return message


def small_docx(tmp_path, name="ok.docx"):
    d = new_document()
    d.add_paragraph("会议纪要")
    return save(d, tmp_path / name)


def test_missing_file(tmp_path):
    assert "file not found" in fails(tmp_path / "nope.docx")


def test_directory(tmp_path):
    folder = tmp_path / "纪要.md"
    folder.mkdir()
    assert "directory" in fails(folder)


@pytest.mark.parametrize("ext", [".pdf", ".xlsx", ".pptx", ".csv", ".html"])
def test_unsupported_extension(tmp_path, ext):
    path = tmp_path / f"会议{ext}"
    path.write_bytes(b"%PDF-1.7 whatever")
    message = fails(path, UnsupportedFormat)
    assert f"unsupported file type {ext}; use .docx, .md or .txt" in message


def test_no_extension(tmp_path):
    path = tmp_path / "minutes"
    path.write_text("会议纪要", encoding="utf-8")
    assert "(no extension)" in fails(path, UnsupportedFormat)


def test_old_binary_doc(tmp_path):
    path = tmp_path / "旧版.doc"
    path.write_bytes(ole_bytes("WordDocument", "1Table"))
    assert "old binary Word .doc; save it as .docx" in fails(path, UnsupportedFormat)


def test_doc_extension_holding_a_real_docx_is_read(tmp_path):
    src = small_docx(tmp_path)
    path = tmp_path / "renamed.doc"
    path.write_bytes(src.read_bytes())
    assert read_path(path).blocks[0].text == "会议纪要"


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("这不是 Word 文件", encoding="utf-8")
    assert "not a valid .docx (not a zip archive)" in fails(path)


def test_rtf_named_docx(tmp_path):
    path = tmp_path / "rtf.docx"
    path.write_bytes(b"{\\rtf1\\ansi hello}")
    assert "RTF" in fails(path, UnsupportedFormat)


def test_truncated_docx(tmp_path):
    data = small_docx(tmp_path).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "corrupt or truncated .docx" in fails(path)


def test_encrypted_docx(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(ole_bytes("EncryptionInfo", "EncryptedPackage"))
    assert "encrypted or password-protected .docx" in fails(path)


def test_ole_container_named_docx_reads_as_encrypted(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(ole_bytes("Something"))
    assert "encrypted or password-protected .docx" in fails(path)


def test_docx_that_would_unpack_past_50_mb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (51 * 1024 * 1024) + b"/>")
    assert path.stat().st_size < 1024 * 1024  # small on disk, huge unpacked
    message = fails(path)
    assert "MB > 50 MB" in message and "refusing" in message


def test_docx_missing_document_part(tmp_path):
    path = rezip(small_docx(tmp_path), tmp_path / "hollow.docx", drop=("word/document.xml",))
    assert "missing word/document.xml" in fails(path)


def test_excel_workbook_named_docx(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel workbook, not a Word document" in fails(path, UnsupportedFormat)


def test_docx_with_broken_xml_is_wrapped(tmp_path):
    path = rezip(small_docx(tmp_path), tmp_path / "broken.docx",
                 replace={"word/document.xml": b"<w:document><unclosed"})
    assert "corrupt .docx" in fails(path)


def test_docx_without_text_is_empty(tmp_path):
    d = new_document()
    d.add_paragraph("")
    d.add_table(rows=2, cols=2)
    assert "empty document" in fails(save(d, tmp_path / "blank.docx"))


def test_zero_byte_docx_is_empty(tmp_path):
    path = tmp_path / "zero.docx"
    path.write_bytes(b"")
    assert "empty document" in fails(path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md"])
def test_empty_text_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert "empty document" in fails(path)


@pytest.mark.parametrize("content", [b"   \n\t\r\n  ", "\u3000\u3000\n".encode("utf-8"), b"\xef\xbb\xbf\n",
                                     b"-----\n=====\n"])
def test_whitespace_only_text_is_empty(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert "empty document" in fails(path)


def test_binary_junk_with_nul_bytes(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert "binary data, not text" in fails(path)


def test_binary_junk_of_control_characters(tmp_path):
    path = tmp_path / "ctrl.txt"
    path.write_bytes(b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 50)
    assert "binary data, not text" in fails(path)


def test_zip_named_txt_is_binary(tmp_path):
    path = tmp_path / "packed.txt"
    path.write_bytes(small_docx(tmp_path).read_bytes())
    assert "binary data, not text" in fails(path)


def test_undecodable_text(tmp_path):
    path = tmp_path / "mangled.md"
    path.write_bytes(b"\x80\xff\xfe\x81 \xff\x80" * 3)
    assert "cannot decode text" in fails(path)


def test_file_over_20_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 5 * 1024 * 1024)  # sparse: nothing is really written
    message = fails(path)
    assert "file too large (25.0 MB > 20 MB)" in message


def test_stdin_errors_name_stdin():
    with pytest.raises(BadInput) as info:
        read_stdin(b"  \n ")
    assert str(info.value) == "<stdin>: empty document"
    with pytest.raises(BadInput) as info:
        read_stdin(b"x" * (MAX_FILE_BYTES + 1))
    assert str(info.value).startswith("<stdin>: file too large")


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = tmp_path / "locked.txt"
    path.write_text("会议", encoding="utf-8")
    path.chmod(0)
    assert "cannot read file" in fails(path)


def test_bad_vocabulary_file_names_the_key():
    from minutes.readers.vocab import parse_vocab, vocab

    good = {k: list(getattr(vocab(), k)) for k in vocab().__dataclass_fields__}
    with pytest.raises(DataFileError, match="readers.yaml: key 'acks' must be a non-empty list"):
        parse_vocab({**good, "acks": "收到"})
    with pytest.raises(DataFileError, match="key 'bullets' holds a non-string"):
        parse_vocab({**good, "bullets": ["-", None]})
    with pytest.raises(DataFileError, match="top level must be a mapping"):
        parse_vocab(["not", "a", "mapping"])


def test_never_a_library_exception_for_random_zip_content(tmp_path):
    path = tmp_path / "odd.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document xmlns:w='x'/>")  # no content types, no rels
    path.write_bytes(buf.getvalue())
    with pytest.raises(BadInput):
        read_path(path)
