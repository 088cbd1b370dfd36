"""Short official labels (t.me, vk.com): where an exact, near or glued one counts."""

from __future__ import annotations

import pytest

from saqbol.detectors.urls.short import ShortLabels
from saqbol.detectors.urls.skeleton import ascii_classes


@pytest.fixture(scope="module")
def labels() -> ShortLabels:
    official = [("t.me", "telegram"), ("vk.com", "vk"), ("vk.ru", "vk"), ("kaspi.kz", "kaspi")]
    return ShortLabels(official, lure_words=["bonus", "pay"], cheap_zones=["online"])


def test_only_labels_of_two_characters_or_fewer_are_short(labels) -> None:
    assert set(labels.zones) == {"t", "vk"}
    assert labels.official("vk") == "vk.com, vk.ru"


@pytest.mark.parametrize(
    ("suffix", "brand"),
    [("ru", "telegram"), ("com", "telegram"), ("online", "telegram"), ("co", None), ("cn", None)],
)
def test_an_exact_label_counts_in_the_regions_zones_only(labels, suffix, brand) -> None:
    assert labels.exact("t", suffix) == brand


@pytest.mark.parametrize(
    ("label", "suffix", "found"),
    [
        ("ta", "me", ("t", "telegram")),  # a letter added, in t.me's own zone
        ("vkk", "com", ("vk", "vk")),
        ("uk", "ru", ("vk", "vk")),  # u passes for v
        ("ta", "com", None),  # not t.me's zone
        ("zk", "com", None),  # z for v: an unrelated letter, in a two-letter name
        ("vkvk", "com", None),  # two edits
    ],
)
def test_one_edit_or_look_alike_letters_count_in_the_own_zone(labels, label, suffix, found):
    assert labels.near(label, ascii_classes(label), suffix) == found


def test_lure_words_glue_in_the_own_zone(labels) -> None:
    assert labels.glued("vkbonus", "ru") == ("vk", "vk")
    assert labels.glued("paybonust", "me") == ("t", "telegram")
    assert labels.glued("vkbonus", "kz") is None  # not vk's zone
    assert labels.glued("vkweb", "com") is None  # web is no lure word
