"""Webhook and e-mail deliveries against real receivers on 127.0.0.1, with retries."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from rasad.alerts.notify import deliver_due
from rasad.alerts.settings import AlertSettings, SettingsError, load_alert_settings
from rasad.store import Store, open_store
from tests.alerts.conftest import FAST
from tests.alerts.receivers import Webhook, mail_server
from tests.loopback import free_port
from tests.store.articles import annotated

TITLE = "دیدار رحمان و مکرون"


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(str(tmp_path / "alerts.db")) as store:
        yield store


def alert_for(store: Store, webhook: str = "", emails: tuple[str, ...] = ()) -> int:
    article_id = store.add_article(annotated()).id
    w = store.add_watchlist("tj", query="رحمان", webhook=webhook, emails=emails)
    payload = {"kind": "match", "article": {"id": article_id, "url": "https://example.org/a"}}
    found = store.record_alert(
        w, f"{w.id}:article:{article_id}", "2021-10-14", TITLE, "خلاصه", payload, article_id
    )
    assert found is not None
    return found


def test_a_webhook_gets_the_alert_once(sqlite_store: Store) -> None:
    with Webhook() as hook:
        alert_id = alert_for(sqlite_store, webhook=hook.url)
        assert deliver_due(sqlite_store, FAST) == {"sent": 1}
        assert deliver_due(sqlite_store, FAST) == {}
    [body] = hook.received
    assert body["watchlist"] == "tj" and body["title"] == TITLE and body["summary"] == "خلاصه"
    assert body["link"] == f"http://127.0.0.1:8000/articles/{body['article']['id']}"
    assert body["kind"] == "match" and body["id"] == alert_id
    assert sqlite_store.deliveries(alert_id)[0][2:4] == ("sent", 1)


def test_a_server_error_is_tried_again(sqlite_store: Store) -> None:
    with Webhook(statuses=(503,)) as hook:
        alert_id = alert_for(sqlite_store, webhook=hook.url)
        assert deliver_due(sqlite_store, FAST) == {"retry": 1}
        assert sqlite_store.deliveries(alert_id)[0][2:] == ("pending", 1, "HTTP 503")
        assert deliver_due(sqlite_store, FAST) == {"sent": 1}
    assert hook.tries == 2 and len(hook.received) == 1


def test_retries_run_out(sqlite_store: Store) -> None:
    with Webhook(statuses=(500, 502, 503)) as hook:
        alert_id = alert_for(sqlite_store, webhook=hook.url)
        counts = [deliver_due(sqlite_store, FAST) for _ in range(4)]
    assert counts == [{"retry": 1}, {"retry": 1}, {"failed": 1}, {}]
    assert sqlite_store.deliveries(alert_id)[0][2:] == ("failed", 3, "HTTP 503")


def test_a_client_error_is_not_tried_again(sqlite_store: Store) -> None:
    with Webhook(statuses=(404,)) as hook:
        alert_for(sqlite_store, webhook=hook.url)
        assert deliver_due(sqlite_store, FAST) == {"failed": 1}
    assert hook.tries == 1


def test_a_slow_receiver_times_out_and_is_tried_later(sqlite_store: Store) -> None:
    with Webhook(delay=5.0) as hook:
        alert_id = alert_for(sqlite_store, webhook=hook.url)
        assert deliver_due(sqlite_store, replace(FAST, timeout=0.3)) == {"retry": 1}
    assert "Timeout" in sqlite_store.deliveries(alert_id)[0][4]


def test_an_email_reaches_the_mail_server(sqlite_store: Store) -> None:
    with mail_server() as (box, port):
        settings = replace(
            FAST, smtp_host="127.0.0.1", smtp_port=port, smtp_from="rasad@example.org"
        )
        alert_id = alert_for(sqlite_store, emails=("desk@example.org", "analyst@example.org"))
        assert deliver_due(sqlite_store, settings) == {"sent": 2}
        assert deliver_due(sqlite_store, settings) == {}
    assert sorted(r[0] for r in box.recipients) == ["analyst@example.org", "desk@example.org"]
    message = box.messages[0]
    assert message["Subject"] == f"[rasad] tj: {TITLE}"
    assert message["From"] == "rasad@example.org"
    body = message.get_content()
    assert TITLE in body and "خلاصه" in body and "https://example.org/a" in body
    assert f"/articles/{sqlite_store.alerts()[0].article_id}" in body
    assert [d[2] for d in sqlite_store.deliveries(alert_id)] == ["sent", "sent"]


def test_a_mail_server_that_is_down_is_tried_again(sqlite_store: Store) -> None:
    settings = replace(FAST, smtp_host="127.0.0.1", smtp_port=free_port())
    alert_for(sqlite_store, emails=("desk@example.org",))
    assert deliver_due(sqlite_store, settings) == {"retry": 1}


def test_settings_come_from_the_environment() -> None:
    env = {
        "RASAD_SMTP_HOST": "mail.example.org",
        "RASAD_SMTP_PORT": "587",
        "RASAD_SMTP_TLS": "STARTTLS",
        "RASAD_BASE_URL": "https://rasad.example.org/",
    }
    s = load_alert_settings(env)
    assert (s.smtp_host, s.smtp_port, s.smtp_tls, s.base_url) == (
        "mail.example.org",
        587,
        "starttls",
        "https://rasad.example.org",
    )
    assert load_alert_settings({}) == AlertSettings()
    with pytest.raises(SettingsError, match="E127"):
        load_alert_settings({"RASAD_SMTP_PORT": "twenty-five"})
    with pytest.raises(SettingsError, match="E127"):
        load_alert_settings({"RASAD_SMTP_TLS": "maybe"})
