"""Pages carry no raw HTML, and video embeds come only from YouTube and Vimeo.

The finder is never allowed to reach the network here: `requests.get` is replaced.
"""

from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedBlock
from wagtail.embeds.exceptions import EmbedNotFoundException, EmbedUnsupportedProviderException
from wagtail.embeds.finders import get_finders
from wagtail.fields import StreamField

REFUSED = [
    "https://evil.example/x",
    "https://www.youtube.com.evil.example/watch?v=abc",
    "https://twitter.com/ubnd/status/1",
    "https://www.instagram.com/p/abc/",
    "javascript:alert(1)",
]


def all_blocks(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from all_blocks(child)
    if isinstance(block, blocks.ListBlock):
        yield from all_blocks(block.child_block)


def test_no_stream_field_offers_a_raw_html_block():
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    assert fields  # the article body at least
    for field in fields:
        kinds = {type(block) for block in all_blocks(field.stream_block)}
        assert blocks.RawHTMLBlock not in kinds, field


@pytest.fixture
def network():
    """requests.get in the oEmbed finder, answering as YouTube would."""
    get_finders.cache_clear()
    with mock.patch("wagtail.embeds.finders.oembed.requests.get") as get:
        get.return_value.json.return_value = {
            "type": "video",
            "title": "Hội nghị chuyển đổi số tỉnh Thanh Hóa",
            "html": '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
            "width": 480,
            "height": 270,
        }
        yield get
    get_finders.cache_clear()


def test_only_the_oembed_finder_with_youtube_and_vimeo_is_configured(network):
    (finder,) = get_finders()
    assert set(finder._endpoints) == {
        "https://www.youtube.com/oembed",
        "https://www.vimeo.com/api/oembed.json",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", REFUSED)
def test_an_address_outside_the_allow_list_is_refused_without_a_request(network, url):
    (finder,) = get_finders()
    assert not finder.accept(url)
    with pytest.raises(EmbedNotFoundException):
        finder.find_embed(url)
    with pytest.raises(EmbedUnsupportedProviderException):
        embeds.get_embed(url)
    network.assert_not_called()


@pytest.mark.django_db
def test_the_editor_refuses_a_video_block_from_elsewhere(network):
    with pytest.raises(ValidationError):
        EmbedBlock().clean(EmbedBlock().to_python("https://evil.example/x"))
    network.assert_not_called()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["https://www.youtube.com/watch?v=abc", "https://vimeo.com/76979871"]
)
def test_youtube_and_vimeo_videos_are_embedded(network, url):
    embed = embeds.get_embed(url)
    assert "<iframe" in embed.html
    assert network.call_args.kwargs["params"]["url"] == url
