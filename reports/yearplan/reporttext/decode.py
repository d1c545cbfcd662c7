"""The report's bytes as text: UTF-8, or refused in plain words."""

import codecs

from ..read import YearFileError


def report_decode(content: bytes, *, file: str) -> str:
    """The report's text, from UTF-8 bytes (with or without a byte-order mark). Any other
    encoding is refused in plain words: which, where, and what to do."""
    save = "save it as UTF-8 text (Save As, Encoding “UTF-8”) and import it again"
    if content.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise YearFileError(file, "line 1", f"the file is in UTF-32, not UTF-8: {save}")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in content:
        raise YearFileError(file, "line 1", f"the file is in UTF-16, not UTF-8: {save}")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        line_start = content.rfind(b"\n", 0, error.start) + 1
        character = len(content[line_start : error.start].decode("utf-8", errors="replace")) + 1
        byte = content[error.start : error.start + 1]
        try:
            content.decode("cp1252")
            looks = f"the file looks like Windows-1252 text, where it is “{byte.decode('cp1252')}”"
        except UnicodeDecodeError:
            looks = "the file is in some other encoding"
        raise YearFileError(
            file,
            f"line {line}, character {character}",
            f"the byte 0x{byte.hex().upper()} is not UTF-8 ({looks}): {save}",
        ) from None
