"""deploy/systemd: every unit runs a management command that exists, and the clean-up of
tables that grow without bound is scheduled."""

import configparser
import re
from pathlib import Path

from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def exec_lines(unit: Path) -> list[str]:
    return [
        line.split("=", 1)[1]
        for line in unit.read_text(encoding="utf-8").splitlines()
        if re.match(r"Exec(Start|StartPre|StartPost|Reload)=", line)
    ]


def test_every_unit_names_a_real_management_command():
    commands = get_commands()
    named = []
    for unit in UNITS.glob("*.service"):
        for line in exec_lines(unit):
            found = re.search(r"manage\.py (\S+)", line)
            if found:
                named.append(found.group(1))
                assert found.group(1) in commands, f"{unit.name}: {found.group(1)}"
    assert named


def test_the_tables_that_grow_are_cleaned_every_night():
    unit = UNITS / "cong-cleanup.service"
    ran = [re.search(r"manage\.py (\S+)", line).group(1) for line in exec_lines(unit)]
    expected = {"captcha_clean", "searchpromotions_garbage_collect"}
    expected |= {"clearsessions", "purge_login_events", "prune_db_task_results"}
    assert expected <= set(ran)
    timer = configparser.ConfigParser()
    timer.read(UNITS / "cong-cleanup.timer", encoding="utf-8")
    assert timer["Timer"]["OnCalendar"].startswith("*-*-*")
    assert timer["Timer"]["Persistent"] == "true"


def test_every_service_with_a_timer_has_one_and_the_reverse():
    # cong-web starts on its socket; cong-nginx-reload when its .path unit sees a change;
    # cong-beacons (ingest_beacons, with CONG_VISITS_BEACON_LOG) and cong-tasks (the
    # background queue's worker) run all the time.
    triggered = {p.stem for p in UNITS.glob("*.socket")} | {p.stem for p in UNITS.glob("*.path")}
    services = {p.stem for p in UNITS.glob("*.service")} - triggered
    services -= {"cong-beacons", "cong-tasks"}
    timers = {p.stem for p in UNITS.glob("*.timer")}
    assert services == timers
