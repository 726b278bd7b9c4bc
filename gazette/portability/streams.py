"""StreamField bodies in and out of the archive: database ids become keys and back.

An article body refers to other rows in two places: image blocks (an image id) and page
links inside rich text (``<a linktype="page" id="12">``). In the archive an image block holds
the image's key, and a page link holds ``page-key="<section>/<slug>"`` in place of ``id``.
"""

import html
import re
from collections.abc import Callable

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text.rewriters import extract_attrs

A_TAG = re.compile(r"<a(\b[^>]*)>")
PENDING = "data-gazette-page"  # a link whose page is not imported yet; see relink in importer


def map_stream(
    block: blocks.Block,
    value,
    *,
    image: Callable[[object], object],
    rich_text: Callable[[str], str],
):
    """``value`` (the raw JSON form of ``block``) with image references and rich text mapped."""
    if isinstance(block, ImageChooserBlock):
        return image(value)
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value) if isinstance(value, str) else value
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        return [_map_child(block.child_blocks, item, image, rich_text) for item in value]
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {
            name: (
                map_stream(block.child_blocks[name], item, image=image, rich_text=rich_text)
                if name in block.child_blocks
                else item
            )
            for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        child = block.child_block
        return [
            {**item, "value": map_stream(child, item["value"], image=image, rich_text=rich_text)}
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item
            else map_stream(child, item, image=image, rich_text=rich_text)
            for item in value
        ]
    return value


def _map_child(children, item, image, rich_text):
    if not isinstance(item, dict) or item.get("type") not in children:
        return item
    mapped = map_stream(children[item["type"]], item.get("value"), image=image, rich_text=rich_text)
    return {**item, "value": mapped}


def unknown_block_types(block: blocks.StreamBlock, value: list) -> list[str]:
    """Top-level block types Wagtail would silently drop."""
    return [
        str(item.get("type")) if isinstance(item, dict) else repr(item)
        for item in value
        if not isinstance(item, dict) or item.get("type") not in block.child_blocks
    ]


def rewrite_page_links(text: str, replace: Callable[[dict], dict | None]) -> str:
    """Each ``<a linktype="page" …>`` tag's attributes passed through ``replace``; a None
    result turns the link into a plain ``<a>`` (what readers see for a missing page)."""

    def one(match: re.Match) -> str:
        attrs = extract_attrs(match.group(1))
        if attrs.get("linktype") != "page":
            return match.group(0)
        new = replace(attrs)
        if new is None:
            return "<a>"
        return (
            "<a" + "".join(f' {name}="{html.escape(value)}"' for name, value in new.items()) + ">"
        )

    return A_TAG.sub(one, text)


def swap_attribute(attrs: dict, old: str, new: str, value: str) -> dict:
    """``attrs`` with ``old`` replaced by ``new``=``value`` in the same position."""
    swapped = {}
    for name, current in attrs.items():
        if name == old:
            swapped[new] = value
        else:
            swapped[name] = current
    if new not in swapped:
        swapped[new] = value
    return swapped
