"""SQL that SQLite and PostgreSQL both run, by name.

Parameters are written `:name`; a list parameter is written `IN :name[text]`
or `IN :name[int]`. Each backend rewrites these once into its own style
(`rasad.store.sqlite`, `rasad.store.postgres`), where its schema and the SQL
only it speaks also live. No other module writes SQL.
"""

from __future__ import annotations

QUERIES: dict[str, str] = {
    # --- sources and articles -------------------------------------------------
    "find_source": "SELECT id FROM sources WHERE name = :name",
    "insert_source": (
        "INSERT INTO sources (name, first_seen) VALUES (:name, :now)"
        " ON CONFLICT (name) DO NOTHING RETURNING id"
    ),
    "find_hash": "SELECT id FROM articles WHERE hash = :hash",
    "find_url": (
        "SELECT article_id AS id FROM article_sources WHERE url = :url ORDER BY seen_at LIMIT 1"
    ),
    "insert_article": (
        "INSERT INTO articles (hash, raw_hash, url, title, source_id, language,"
        " language_confidence, published_at, ingested_at, day, raw, text, dropped, sentences,"
        " dates, line_languages, offsets)"
        " VALUES (:hash, :raw_hash, :url, :title, :source_id, :language, :language_confidence,"
        " :published_at, :ingested_at, :day, :raw, :text, :dropped, :sentences, :dates,"
        " :line_languages, :offsets) RETURNING id"
    ),
    "update_article": (
        "UPDATE articles SET raw_hash = :raw_hash, url = :url, title = :title,"
        " language = :language, language_confidence = :language_confidence,"
        " published_at = :published_at, day = :day, raw = :raw, text = :text,"
        " dropped = :dropped, sentences = :sentences, dates = :dates,"
        " line_languages = :line_languages, offsets = :offsets WHERE id = :id"
    ),
    "set_free_key": (
        "UPDATE articles SET search_key = :key WHERE id = :id"
        " AND NOT EXISTS (SELECT 1 FROM articles WHERE search_key = :key)"
    ),
    "set_key": "UPDATE articles SET search_key = :key WHERE id = :id",
    "insert_sighting": (
        "INSERT INTO article_sources (article_id, source_id, url, seen_at)"
        " VALUES (:article_id, :source_id, :url, :now) ON CONFLICT DO NOTHING"
    ),
    "article_index_row": (
        "SELECT search_key, title, text, ingested_at, story_id FROM articles WHERE id = :id"
    ),
    # --- annotations ----------------------------------------------------------
    "upsert_entity": (
        "INSERT INTO entities (id, label, name, name_en, country)"
        " VALUES (:id, :label, :name, :name_en, :country)"
        " ON CONFLICT (id) DO UPDATE SET"
        " label = CASE WHEN entities.label = '' THEN excluded.label ELSE entities.label END,"
        " name = CASE WHEN entities.name = '' THEN excluded.name ELSE entities.name END,"
        " name_en = CASE WHEN entities.name_en = '' THEN excluded.name_en"
        " ELSE entities.name_en END,"
        " country = CASE WHEN entities.country = '' THEN excluded.country"
        " ELSE entities.country END"
        " WHERE (entities.label = '' AND excluded.label <> '')"
        " OR (entities.name = '' AND excluded.name <> '')"
        " OR (entities.name_en = '' AND excluded.name_en <> '')"
        " OR (entities.country = '' AND excluded.country <> '')"
    ),
    "count_entity": (
        "UPDATE entities SET articles = articles + :articles, mentions = mentions + :mentions"
        " WHERE id = :id"
    ),
    "insert_article_entity": (
        "INSERT INTO article_entities (article_id, entity_id, day, mentions)"
        " VALUES (:article_id, :entity_id, :day, :mentions)"
    ),
    "article_entities": (
        "SELECT entity_id, mentions FROM article_entities WHERE article_id = :article_id"
    ),
    "insert_mention": (
        "INSERT INTO mentions (article_id, idx, span_start, span_end, text, label, entity_id,"
        " name_en, source) VALUES (:article_id, :idx, :span_start, :span_end, :text, :label,"
        " :entity_id, :name_en, :source)"
    ),
    "insert_quote": (
        "INSERT INTO quotes (article_id, idx, span_start, span_end, content, kind, cue,"
        " cue_start, cue_end, speaker_id, speaker_text, speaker_start, speaker_end,"
        " speaker_label, speaker_name_en, speaker_country, cited_source, day)"
        " VALUES (:article_id, :idx, :span_start, :span_end, :content, :kind, :cue, :cue_start,"
        " :cue_end, :speaker_id, :speaker_text, :speaker_start, :speaker_end, :speaker_label,"
        " :speaker_name_en, :speaker_country, :cited_source, :day)"
    ),
    "insert_event": (
        "INSERT INTO events (article_id, idx, type, code, span_start, span_end, trigger,"
        " trigger_start, trigger_end, date, day, negated, modality, quote_idx)"
        " VALUES (:article_id, :idx, :type, :code, :span_start, :span_end, :trigger,"
        " :trigger_start, :trigger_end, :date, :day, :negated, :modality, :quote_idx)"
    ),
    "insert_party": (
        "INSERT INTO event_parties (article_id, event_idx, role, pos, span_start, span_end,"
        " text, entity_id, name_en, label, country) VALUES (:article_id, :event_idx, :role,"
        " :pos, :span_start, :span_end, :text, :entity_id, :name_en, :label, :country)"
    ),
    "delete_parties": "DELETE FROM event_parties WHERE article_id = :article_id",
    "delete_events": "DELETE FROM events WHERE article_id = :article_id",
    "delete_quotes": "DELETE FROM quotes WHERE article_id = :article_id",
    "delete_mentions": "DELETE FROM mentions WHERE article_id = :article_id",
    "delete_article_entities": "DELETE FROM article_entities WHERE article_id = :article_id",
    # --- stories and signatures -----------------------------------------------
    "insert_story": "INSERT INTO stories (created_at) VALUES (:now) RETURNING id",
    "story_exists": "SELECT id FROM stories WHERE id = :id",
    "article_story": "SELECT story_id, search_key FROM articles WHERE id = :id",
    "set_story": "UPDATE articles SET story_id = :story_id WHERE id = :id",
    "count_story": (
        "UPDATE stories SET articles = (SELECT count(*) FROM articles WHERE story_id = :id),"
        " last_key = (SELECT max(search_key) FROM articles WHERE story_id = :id),"
        " first_article = (SELECT min(id) FROM articles WHERE story_id = :id)"
        " WHERE id = :id"
    ),
    "upsert_signature": (
        "INSERT INTO signatures (article_id, signature) VALUES (:article_id, :signature)"
        " ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature"
    ),
    "signatures_after": (
        "SELECT s.article_id, a.story_id, s.signature FROM signatures s"
        " JOIN articles a ON a.id = s.article_id WHERE s.article_id > :after"
        " ORDER BY s.article_id LIMIT :limit"
    ),
    # --- fetch state ----------------------------------------------------------
    "seen": "SELECT 1 AS seen FROM seen_items WHERE key = :key",
    "mark_seen": (
        "INSERT INTO seen_items (key, meta, seen_at) VALUES (:key, :meta, :now)"
        " ON CONFLICT (key) DO UPDATE SET meta = excluded.meta, seen_at = excluded.seen_at"
    ),
    "get_http_cache": "SELECT etag, last_modified FROM http_cache WHERE url = :url",
    "set_http_cache": (
        "INSERT INTO http_cache (url, etag, last_modified, updated_at)"
        " VALUES (:url, :etag, :last_modified, :now) ON CONFLICT (url) DO UPDATE SET"
        " etag = excluded.etag, last_modified = excluded.last_modified,"
        " updated_at = excluded.updated_at"
    ),
    # --- reading --------------------------------------------------------------
    "article_by_id": (
        "SELECT a.id, a.hash, a.raw_hash, a.url, a.title, s.name AS source, a.language,"
        " a.language_confidence, a.published_at, a.ingested_at, a.day, a.story_id, a.raw,"
        " a.text, a.dropped, a.sentences, a.dates, a.line_languages, a.offsets FROM articles a"
        " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = :id"
    ),
    "sightings": (
        "SELECT s.name AS source, x.url, x.seen_at FROM article_sources x"
        " JOIN sources s ON s.id = x.source_id WHERE x.article_id = :id"
        " ORDER BY x.seen_at, s.name, x.url"
    ),
    "mentions_of": "SELECT * FROM mentions WHERE article_id = :id ORDER BY idx",
    "quotes_of": "SELECT * FROM quotes WHERE article_id = :id ORDER BY idx",
    "events_of": "SELECT * FROM events WHERE article_id = :id ORDER BY idx",
    "parties_of": (
        "SELECT * FROM event_parties WHERE article_id = :id ORDER BY event_idx, role, pos"
    ),
    "parties_in": (
        "SELECT * FROM event_parties WHERE article_id IN :ids[int]"
        " ORDER BY article_id, event_idx, role, pos"
    ),
    # Summaries: `{where}` and `{order}` are filled from FILTERS and ORDERS.
    "list_articles": (
        "SELECT a.id, a.hash, a.title, a.url, s.name AS source, a.language, a.published_at,"
        " a.ingested_at, a.day, a.story_id FROM articles a"
        " LEFT JOIN sources s ON s.id = a.source_id"
        " WHERE a.search_key IS NOT NULL{where} ORDER BY a.search_key {order}"
        " LIMIT :limit OFFSET :offset"
    ),
    "count_articles": "SELECT count(*) AS n FROM articles a WHERE 1 = 1{where}",
    "summaries": (
        "SELECT a.id, a.hash, a.title, a.url, s.name AS source, a.language, a.published_at,"
        " a.ingested_at, a.day, a.story_id, a.text FROM articles a"
        " LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN :ids[int]"
    ),
    "entity": "SELECT * FROM entities WHERE id = :id",
    "entities_in": "SELECT * FROM entities WHERE id IN :ids[text]",
    "list_entities": (
        "SELECT * FROM entities WHERE 1 = 1{where}"
        " ORDER BY articles DESC, mentions DESC, id LIMIT :limit OFFSET :offset"
    ),
    "entity_timeline": (
        "SELECT day, count(*) AS articles, sum(mentions) AS mentions FROM article_entities"
        " WHERE entity_id = :id AND day >= :day_from AND day <= :day_to"
        " GROUP BY day ORDER BY day"
    ),
    "cooccurring": (
        "SELECT b.entity_id AS id, count(*) AS together FROM article_entities a"
        " JOIN article_entities b ON b.article_id = a.article_id AND b.entity_id <> a.entity_id"
        " WHERE a.entity_id = :id AND a.day >= :day_from AND a.day <= :day_to"
        " GROUP BY b.entity_id ORDER BY together DESC, b.entity_id LIMIT :limit"
    ),
    "list_quotes": (
        "SELECT q.*, a.title, a.published_at FROM quotes q JOIN articles a ON a.id = q.article_id"
        " WHERE 1 = 1{where} ORDER BY a.search_key DESC, q.idx LIMIT :limit OFFSET :offset"
    ),
    "list_events": (
        "SELECT e.*, a.title, a.published_at FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE 1 = 1{where} ORDER BY e.day DESC, a.search_key DESC, e.idx"
        " LIMIT :limit OFFSET :offset"
    ),
    "story": (
        "SELECT st.id, st.created_at, st.articles, st.first_article, a.title,"
        " l.published_at AS last_published FROM stories st"
        " LEFT JOIN articles a ON a.id = st.first_article"
        " LEFT JOIN articles l ON l.search_key = st.last_key WHERE st.id = :id"
    ),
    "list_stories": (
        "SELECT st.id, st.created_at, st.articles, st.first_article, a.title,"
        " l.published_at AS last_published FROM stories st"
        " LEFT JOIN articles a ON a.id = st.first_article"
        " LEFT JOIN articles l ON l.search_key = st.last_key"
        " WHERE st.articles >= :min_articles"
        " ORDER BY st.last_key DESC, st.id DESC LIMIT :limit OFFSET :offset"
    ),
    "list_sources": (
        "SELECT s.id, s.name, s.first_seen, count(DISTINCT x.article_id) AS articles FROM sources s"
        " LEFT JOIN article_sources x ON x.source_id = s.id"
        " GROUP BY s.id, s.name, s.first_seen ORDER BY articles DESC, s.name"
    ),
    "stats": (
        "SELECT (SELECT count(*) FROM articles) AS articles,"
        " (SELECT count(*) FROM sources) AS sources,"
        " (SELECT count(*) FROM article_sources) AS sightings,"
        " (SELECT count(*) FROM entities) AS entities,"
        " (SELECT count(*) FROM mentions) AS mentions,"
        " (SELECT count(*) FROM quotes) AS quotes,"
        " (SELECT count(*) FROM events) AS events,"
        " (SELECT count(*) FROM stories) AS stories,"
        " (SELECT count(*) FROM seen_items) AS seen_items"
    ),
    "migrations": "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
    "get_meta": "SELECT value FROM store_meta WHERE key = :key",
    "set_meta": (
        "INSERT INTO store_meta (key, value) VALUES (:key, :value)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    ),
    # The vocabulary: every term the index has held, which queries are expanded against.
    "insert_term": "INSERT INTO search_terms (term) VALUES (:term) ON CONFLICT DO NOTHING",
    "known_terms": "SELECT term FROM search_terms WHERE term IN :terms[text]",
    "all_terms": "SELECT term FROM search_terms",
    "clear_terms": "DELETE FROM search_terms",
    "index_rows_after": (
        "SELECT id, search_key, title, text FROM articles WHERE id > :after"
        " AND search_key IS NOT NULL ORDER BY id LIMIT :limit"
    ),
}

# Conditions on articles `a` for `ArticleFilter` fields, ANDed into `{where}`.
ARTICLE_FILTERS: dict[str, str] = {
    "key_from": "a.search_key >= :key_from",
    "key_to": "a.search_key <= :key_to",
    "source_id": (
        "EXISTS (SELECT 1 FROM article_sources x WHERE x.article_id = a.id"
        " AND x.source_id = :source_id)"
    ),
    "language": "a.language = :language",
    "entity": (
        "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id"
        " AND ae.entity_id = :entity)"
    ),
    "event_type": (
        "EXISTS (SELECT 1 FROM events ev WHERE ev.article_id = a.id AND ev.type = :event_type)"
    ),
    "story": "a.story_id = :story",
}

ENTITY_FILTERS: dict[str, str] = {
    "label": "label = :label",
    "prefix": "(name >= :prefix AND name < :prefix_end"
    " OR lower(name_en) >= :prefix_en AND lower(name_en) < :prefix_en_end)",
}

QUOTE_FILTERS: dict[str, str] = {
    "speaker": "q.speaker_id = :speaker",
    "article_id": "q.article_id = :article_id",
    "day_from": "q.day >= :day_from",
    "day_to": "q.day <= :day_to",
}

EVENT_FILTERS: dict[str, str] = {
    "type": "e.type = :type",
    "code": "e.code = :code",
    "modality": "e.modality = :modality",
    "article_id": "e.article_id = :article_id",
    "day_from": "e.day >= :day_from",
    "day_to": "e.day <= :day_to",
    "actor": (
        "EXISTS (SELECT 1 FROM event_parties p WHERE p.article_id = e.article_id"
        " AND p.event_idx = e.idx AND p.role = 'actor' AND p.entity_id = :actor)"
    ),
    "target": (
        "EXISTS (SELECT 1 FROM event_parties p WHERE p.article_id = e.article_id"
        " AND p.event_idx = e.idx AND p.role = 'target' AND p.entity_id = :target)"
    ),
    "place": (
        "EXISTS (SELECT 1 FROM event_parties p WHERE p.article_id = e.article_id"
        " AND p.event_idx = e.idx AND p.role = 'place' AND p.entity_id = :place)"
    ),
}
