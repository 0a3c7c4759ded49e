from cong.visits.models import VisitSettings


def test_the_widget_shows_the_carried_over_total_with_vietnamese_grouping(client, site):
    settings = VisitSettings.for_site(site)
    settings.total_baseline = 5689426
    settings.save()
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    widget = html.split('id="visits-heading"')[1].split("</section>")[0]
    assert "Thống kê truy cập" in html
    assert "Đang online:" in widget and "Hôm nay:" in widget
    assert "<dd data-visits-total>5.689.426</dd>" in widget
