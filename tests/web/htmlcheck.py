"""Parse a page and list what could run or load: scripts, event handlers, URLs."""

from __future__ import annotations

from html.parser import HTMLParser


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def problems(self) -> list[str]:
        """Inline scripts, event-handler attributes, javascript: URLs, anything loaded from elsewhere.

        A link out (``<a href="https://..." rel="noreferrer">``, the article's own address) loads nothing."""
        out = []
        for tag, attrs in self.tags:
            if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":  # a JSON data block is never run
                out.append("inline <script>")
            for name, value in attrs.items():
                v = (value or "").strip().lower()
                if name.startswith("on"):
                    out.append(f"<{tag} {name}=...>")
                outbound = tag == "a" and name == "href" and v.startswith(("http://", "https://")) and "noreferrer" in (attrs.get("rel") or "")
                if name in ("src", "href", "action", "xlink:href") and (v.startswith(("javascript:", "http:", "https:", "//", "data:text"))) and not outbound:
                    out.append(f"<{tag} {name}={value!r}>")
                if name == "style":
                    out.append(f"<{tag} style=...> (blocked by the CSP)")
        return out
