import pytest
from django.test import Client


def test_an_unknown_address_gets_a_vietnamese_404(client, home):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_server_error_gets_a_vietnamese_500_page(home, settings, monkeypatch):
    from cong.news.models import HomePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", explode)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()


@pytest.mark.parametrize("path", ["/tim-kiem/?q=%00", "/tim-kiem/?q=" + "a" * 5000, "/?page=-1"])
def test_odd_input_does_not_fail(client, home, path):
    assert client.get(path).status_code == 200
