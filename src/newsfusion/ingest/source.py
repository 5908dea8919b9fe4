"""What every reader knows about the input it reads: where it came from."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Article


@dataclass(frozen=True)
class Source:
    """An input being read: its path as given ("-" for stdin), its stem and encoding."""

    path: str
    name: str
    encoding: str | None = None

    def article(self, text: str, source_format: str, *, name: str | None = None, **meta: str | None) -> Article:
        """An Article from this source; ``meta`` values that are None stay unset."""
        art = Article(
            text=text,
            source_path=self.path,
            source_format=source_format,
            name=name or self.name,
            encoding=self.encoding,
        )
        for key, value in meta.items():
            if value is not None:
                setattr(art, key, value)
        return art

    def error(self, code: str, message: str, fix: str = "") -> InputError:
        return InputError(code, message, fix, path=self.path)


def normalise_newlines(text: str) -> str:
    """CRLF becomes " \\n" and a lone CR becomes "\\n": the length never changes.

    Every character keeps its offset, so a span in the result is the same span
    in the decoded source; only the CR of a CRLF pair reads as a space.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")
