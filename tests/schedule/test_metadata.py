"""A week of the schedule carries its rows as schema.org Events (cong.schedule.metadata),
besides the Dublin Core and Open Graph every page has, parsed with extruct."""

import extruct

from tests.schedule.conftest import MONDAY


def test_each_row_of_a_published_week_is_an_event(client, week):
    html = client.get(week.url).content.decode()
    data = extruct.extract(html, syntaxes=["json-ld", "opengraph", "dublincore"])
    events = [node for node in data["json-ld"] if node["@type"] == "Event"]
    assert [e["name"] for e in events] == [
        "Giao ban lãnh đạo Sở",
        "Họp thẩm định hồ sơ chuyển đổi số cấp xã",
        "Dự chương trình nghệ thuật chào mừng Ngày Nhà giáo",
    ]
    first, second, third = events
    assert first["startDate"] == f"{MONDAY.isoformat()}T08:00:00+07:00"
    assert second["startDate"] == "2026-11-25"  # no time given: the day
    assert first["location"] == {"@type": "Place", "name": "Phòng họp tầng 3"}
    assert first["performer"] == {
        "@type": "Person",
        "name": "Nguyễn Văn An",
        "jobTitle": "Giám đốc Sở",
    }
    assert third["performer"]["name"] == "Chủ tịch UBND tỉnh"
    assert first["description"] == "Lãnh đạo Sở, Trưởng các phòng"
    assert all(e["url"] == "http://localhost" + week.url for e in events)
    dublin_core = {e["name"]: e["content"] for e in data["dublincore"][0]["elements"]}
    assert dublin_core["DC.title"] == week.title
    assert dublin_core["DC.subject"] == "Lịch công tác"
    assert dict(data["opengraph"][0]["properties"])["og:url"] == "http://localhost" + week.url
