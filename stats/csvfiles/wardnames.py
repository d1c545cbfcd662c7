"""Telling which ward of a set a file means: by ONS code, by name or by another name.

Names are matched ignoring case, spaces and punctuation ("Grove Hill" is "Grovehill",
"Bovingdon, Flaunden & Chipperfield" is "bovingdon flaunden and chipperfield"); a name
that matches no ward gets the nearest ward's name as a suggestion.
"""

import difflib
from collections.abc import Iterable

from .common import WARD_CODE_RE, normalise


def name_key(name: str) -> str:
    """A ward name for matching: case, spaces, '&' and punctuation ignored."""
    return normalise(name).replace(" ", "")


class WardNames:
    """The wards of one set by ONS code, by name and by the other names kept for them.

    wards: (id, name, ONS code or "") for each ward; aliases: (other name, ward id).
    """

    def __init__(
        self,
        set_name: str,
        wards: Iterable[tuple[int, str, str]],
        aliases: Iterable[tuple[str, int]] = (),
    ):
        self.set_name = set_name
        self.names: dict[int, str] = {}
        self.codes: dict[int, str] = {}
        self.by_code_key: dict[str, int] = {}
        self.by_name_key: dict[str, int] = {}
        for pk, name, code in wards:
            self.names[pk], self.codes[pk] = name, code.strip().upper()
            self.by_name_key[name_key(name)] = pk
            if code.strip():
                self.by_code_key[code.strip().upper()] = pk
        for name, pk in aliases:
            self.by_name_key.setdefault(name_key(name), pk)

    def by_code(self, code: str) -> int | None:
        return self.by_code_key.get(code.strip().upper())

    def by_name(self, name: str) -> int | None:
        key = name_key(name)
        return self.by_name_key.get(key) if key else None

    def has_code(self, ward: int) -> bool:
        return bool(self.codes[ward])

    def describe(self, ward: int) -> str:
        """'Adeyfield East (E05004691)', or the name alone if the ward has no code."""
        code = self.codes[ward]
        return f"{self.names[ward]} ({code})" if code else self.names[ward]

    def suggestion(self, name: str) -> str:
        """' Did you mean “Grovehill”?' for a near miss, else ''."""
        close = difflib.get_close_matches(name_key(name), self.by_name_key, n=1, cutoff=0.75)
        if not close:
            return ""
        return f" Did you mean “{self.names[self.by_name_key[close[0]]]}”?"

    def unknown_name(self, name: str, *, though: str = "") -> str:
        """Why a name names no ward, with a suggestion and what to do."""
        return (
            f"“{name}” is not the name of a ward of {self.set_name}{though}."
            f"{self.suggestion(name)} "
            "If the file calls a ward by another name, add that name as a ward alias in the "
            "admin, then import the file again."
        )

    def unknown_ward(self, value: str) -> str:
        """Why a ward code or name names no ward."""
        if WARD_CODE_RE.match(value.strip().upper()):
            return (
                f"“{value}” is not the ONS code of a ward of {self.set_name}: is the file for "
                "another review's wards?"
            )
        return self.unknown_name(value)
