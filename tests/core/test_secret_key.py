import stat

from cong.core.secrets import load_or_create_secret_key


def test_it_creates_a_long_key_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "secret_key"
    key = load_or_create_secret_key(path)
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_it_keeps_the_same_key_across_restarts(tmp_path):
    path = tmp_path / "var" / "secret_key"
    assert load_or_create_secret_key(path) == load_or_create_secret_key(path)


def test_two_installs_get_different_keys(tmp_path):
    assert load_or_create_secret_key(tmp_path / "a") != load_or_create_secret_key(tmp_path / "b")
