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


def test_the_widget_shows_new_figures_and_renders_the_same_ones_once(client, site):
    """The HTML is kept per language and figures (issue 20): new figures, new HTML."""
    from unittest import mock

    from cong.visits.stores import Summary
    from cong.visits.templatetags import visits_tags

    visits_tags._widgets.clear()
    figures = [Summary(1, 2, 1234, 5, 6), Summary(1, 2, 1234, 5, 6), Summary(3, 4, 99999, 7, 8)]
    with mock.patch.object(visits_tags, "summary_for_site", side_effect=figures):
        widgets = [
            client.get("/", {"bench": n}).content.decode().split('id="visits-heading"')[1]
            for n in range(3)
        ]
    assert "<dd data-visits-total>1.234</dd>" in widgets[0] and widgets[0] == widgets[1]
    assert "<dd data-visits-total>99.999</dd>" in widgets[2]
    assert len(visits_tags._widgets) == 2
