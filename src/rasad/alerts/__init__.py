"""Alerts: watchlists checked against each new article, rising subjects, notifications.

- `watchlists`: what a saved search asks for and whether an article answers it,
  folded like search (`رئیس جمهور` finds `رئیس‌جمهور`);
- `trends`: entities, places and event types whose daily article counts rise
  well above their own recent baseline;
- `hook`: what the collector calls for each new article: it records alerts in
  the store and wakes the sender;
- `notify`: the webhook (JSON POST) and e-mail (SMTP) senders and the retry
  schedule; `atom`: the Atom feed the API serves.
"""
