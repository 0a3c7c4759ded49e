"""Rotation keeps the newest backup of each of the last 7 days, 4 weeks and 12 months."""

from datetime import datetime, timedelta

import pytest

from cong.ops.archive import archive_name
from cong.ops.rotation import rotate
from tests.ops.conftest import run


def _daily_backups(folder, first, last):
    """A backup every day at 02:30 from `first` to `last`, plus one at 14:00 on `last`."""
    day = first
    while day <= last:
        (folder / archive_name(day.replace(hour=2, minute=30))).touch()
        day += timedelta(days=1)
    (folder / archive_name(last.replace(hour=14))).touch()


def test_it_keeps_seven_days_four_weeks_and_twelve_months(tmp_path):
    _daily_backups(tmp_path, datetime(2024, 1, 1), datetime(2025, 3, 31))  # 31/3: a Monday

    deleted = rotate(tmp_path, daily=7, weekly=4, monthly=12)

    kept = sorted(p.name[len("cong-backup-") : -len(".tar.gz")] for p in tmp_path.iterdir())
    days = [f"202503{d:02}-023000" for d in range(25, 31)] + ["20250331-140000"]
    weeks = ["20250316-023000", "20250323-023000"]  # weeks of 24/3 and 31/3 are in `days`
    months = [
        "20240430-023000",
        "20240531-023000",
        "20240630-023000",
        "20240731-023000",
        "20240831-023000",
        "20240930-023000",
        "20241031-023000",
        "20241130-023000",
        "20241231-023000",
        "20250131-023000",
        "20250228-023000",
    ]
    assert kept == sorted(days + weeks + months)
    assert len(deleted) == 456 + 1 - len(kept)


def test_it_leaves_other_files_alone(tmp_path):
    others = ["ghi-chu.txt", "cong-backup-hom-qua.tar.gz", ".cong-backup-x.tar.gz.partial"]
    for name in others:
        (tmp_path / name).touch()
    _daily_backups(tmp_path, datetime(2025, 3, 1), datetime(2025, 3, 31))

    rotate(tmp_path, daily=1, weekly=0, monthly=0)

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*others, "cong-backup-20250331-140000.tar.gz"]
    )


@pytest.mark.slow
def test_the_backup_command_rotates_after_writing(fresh_install, tmp_path):
    env, _var = fresh_install
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    _daily_backups(folder, datetime(2024, 1, 1), datetime(2024, 12, 31))

    result = run(
        env,
        "backup",
        "--output",
        str(folder),
        "--keep-daily",
        "1",
        "--keep-weekly",
        "0",
        "--keep-monthly",
        "3",
    )

    kept = sorted(p.name for p in folder.iterdir())
    assert len(kept) == 3
    assert kept[:2] == ["cong-backup-20241130-023000.tar.gz", "cong-backup-20241231-140000.tar.gz"]
    assert kept[2] > "cong-backup-2025"  # the one just written: its month counts first
    assert "Đã sao lưu vào" in result.stdout and "365 bản cũ đã xoá" in result.stdout


@pytest.mark.slow
def test_a_negative_count_is_refused(fresh_install, tmp_path):
    env, _var = fresh_install
    folder = tmp_path / "sao-luu"
    result = run(env, "backup", "--output", str(folder), "--keep-daily", "-1", check=False)
    assert result.returncode != 0
    assert "không âm" in result.stderr
    assert not folder.exists()
