"""``Range: bytes=…`` (RFC 9110 §14): the bytes a download sends, or 416."""
import pytest

from rest_api.controllers.byte_range import ByteRange, requested_range
from rest_api.domain.errors import RangeNotSatisfiable


@pytest.mark.parametrize("header, expected", [
    (None, ByteRange(0, 99, 100)),
    ("bytes=0-9", ByteRange(0, 9, 100)),
    ("bytes=10-", ByteRange(10, 99, 100)),
    ("bytes=-10", ByteRange(90, 99, 100)),
    ("bytes=-500", ByteRange(0, 99, 100)),         # a suffix longer than the content: all of it
    ("bytes=90-1000", ByteRange(90, 99, 100)),     # an end past the content is cut
    ("BYTES = 5 - 6", ByteRange(5, 6, 100)),
    ("bytes=0-9,20-29", ByteRange(0, 99, 100)),    # several ranges: ignored, the whole content
    ("items=0-9", ByteRange(0, 99, 100)),          # another unit: ignored
    ("bytes=9-0", ByteRange(0, 99, 100)),          # invalid: ignored
    ("bytes=-", ByteRange(0, 99, 100)),
    ("bytes=abc", ByteRange(0, 99, 100)),
])
def test_requested_range(header, expected):
    assert expected == requested_range(header, 100)


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=100-200", "bytes=-0", "bytes=5000-"])
def test_unsatisfiable_ranges(header):
    with pytest.raises(RangeNotSatisfiable) as caught:
        requested_range(header, 100)
    assert (100, {"range": header, "size": 100}) == (caught.value.size, caught.value.details)


def test_partial_and_whole_ranges_say_so():
    assert (False, 100) == (ByteRange(0, 99, 100).is_partial, ByteRange(0, 99, 100).length)
    part = ByteRange(10, 19, 100)
    assert (True, 10, "bytes 10-19/100") == (part.is_partial, part.length, part.content_range())
