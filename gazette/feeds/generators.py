"""Django's RSS and Atom writers, taught every byline, entry languages and full content."""

from django.utils import feedgenerator

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class GazetteRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one ``dc:creator`` per byline (RSS's ``author`` wants an email address)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors") or ():
            handler.addQuickElement("dc:creator", author.name)


class GazetteAtom(feedgenerator.Atom1Feed):
    """Atom 1.0 with an ``author`` per byline, ``xml:lang`` per entry and full ``content``."""

    def item_attributes(self, item):
        language = item.get("language")
        return {"xml:lang": language} if language else {}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            if author.url:
                handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
