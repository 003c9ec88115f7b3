"""Every label of the dashboard in Persian and English.

Persian is the default and the page runs right to left; English switches
the labels and the direction, never the articles (they stay as written).
The language is a cookie set by /lang, so it follows the user from page to
page without a parameter on every link.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("fa", "en")
DEFAULT = "fa"
COOKIE = "rasad_lang"

LABELS: dict[str, tuple[str, str]] = {
    "app": ("رصد", "rasad"),
    "tagline": (
        "خبرهای فارسی: آدم‌ها، جاها، گفته‌ها و رویدادها",
        "Persian news: people, places, quotations and events",
    ),
    "switch": ("English", "فارسی"),
    "nav.search": ("جست‌وجو", "Search"),
    "nav.entities": ("نام‌ها", "Entities"),
    "nav.network": ("شبکه", "Network"),
    "nav.map": ("نقشه", "Map"),
    "nav.events": ("رویدادها", "Events"),
    "nav.stories": ("ماجراها", "Stories"),
    "nav.api": ("API", "API"),
    "search.placeholder": ("جست‌وجو در خبرها، مثلاً رئیس جمهور", "Search the news, e.g. رئیس جمهور"),
    "search.button": ("بجو", "Search"),
    "search.latest": ("تازه‌ترین خبرها", "Latest articles"),
    "search.results": ("نتیجه‌ها", "Results"),
    "search.none": (
        "چیزی پیدا نشد. واژه‌ای دیگر بیازمایید یا فیلترها را بردارید.",
        "Nothing found. Try another word or remove the filters.",
    ),
    "search.spellings": ("نگارش‌هایی که جست‌وجو شد", "Spellings searched"),
    "filter.date_from": ("از تاریخ", "From"),
    "filter.date_to": ("تا تاریخ", "To"),
    "filter.source": ("منبع", "Source"),
    "filter.language": ("زبان", "Language"),
    "filter.entity": ("نام (شناسه)", "Entity (id)"),
    "filter.event_type": ("نوع رویداد", "Event type"),
    "filter.story": ("ماجرا", "Story"),
    "filter.sort": ("ترتیب", "Sort"),
    "filter.any": ("همه", "Any"),
    "filter.apply": ("اعمال", "Apply"),
    "filter.clear": ("پاک کردن فیلترها", "Clear filters"),
    "filter.actor": ("کنشگر (شناسه)", "Actor (id)"),
    "filter.target": ("هدف (شناسه)", "Target (id)"),
    "filter.place": ("مکان (شناسه)", "Place (id)"),
    "filter.role": ("نقش", "Role"),
    "sort.newest": ("تازه‌ترین", "Newest"),
    "sort.relevance": ("مرتبط‌ترین", "Most relevant"),
    "facet.sources": ("منبع‌ها", "Sources"),
    "facet.entities": ("نام‌ها", "Entities"),
    "facet.event_types": ("نوع رویدادها", "Event types"),
    "page.prev": ("صفحه قبل", "Previous"),
    "page.next": ("صفحه بعد", "Next"),
    "article.source": ("منبع", "Source"),
    "article.published": ("انتشار", "Published"),
    "article.language": ("زبان", "Language"),
    "article.story": ("ماجرا", "Story"),
    "article.seen": ("دیده‌شده در", "Seen at"),
    "article.legend": ("راهنما", "Legend"),
    "article.dropped": ("بخش‌های حذف‌شده (زوائد صفحه)", "Dropped parts (page boilerplate)"),
    "article.dropped_none": ("چیزی از متن حذف نشد.", "Nothing was dropped."),
    "article.raw": ("متن خام", "Raw text"),
    "article.quotes": ("گفته‌ها", "Quotations"),
    "article.events": ("رویدادها", "Events"),
    "article.entities": ("نام‌ها", "Entities"),
    "article.original": ("نشانی اصلی", "Original address"),
    "legend.PER": ("شخص", "Person"),
    "legend.ORG": ("سازمان", "Organization"),
    "legend.LOC": ("مکان", "Place"),
    "legend.FAC": ("بنا", "Facility"),
    "legend.EVENT": ("رخداد نام‌دار", "Named event"),
    "legend.DATE": ("تاریخ", "Date"),
    "legend.GPE": ("کشور", "Country"),
    "legend.PRODUCT": ("فراورده", "Product"),
    "legend.quote": ("گفته", "Quotation"),
    "legend.event": ("رویداد", "Event"),
    "entity.names": ("نام‌ها و نام‌های دیگر", "Names and aliases"),
    "entity.written": ("نگارش در خبرها", "As written in articles"),
    "entity.timeline": ("نام‌بردن در طول زمان", "Mentions over time"),
    "entity.quotes": ("گفته‌ها", "Quotations"),
    "entity.as_actor": ("رویدادها در نقش کنشگر", "Events as actor"),
    "entity.as_target": ("رویدادها در نقش هدف", "Events as target"),
    "entity.cooccurring": ("نام‌های همراه", "Named alongside"),
    "entity.articles": ("خبر", "articles"),
    "entity.mentions": ("بار", "mentions"),
    "entity.network": ("شبکه پیرامون این نام", "Network around this entity"),
    "entity.search": ("خبرهای این نام", "Articles naming it"),
    "entity.none": ("هنوز چیزی نیست.", "Nothing yet."),
    "entities.title": ("نام‌ها", "Entities"),
    "entities.prefix": ("آغاز نام", "Name starts with"),
    "entities.label": ("گونه", "Kind"),
    "network.title": ("شبکه کنشگران", "Network of actors"),
    "network.help": (
        "گره‌ها نام‌هایی‌اند که بیش از همه آمده‌اند؛ پیکان‌ها رویدادها (کنشگر ← هدف) و خط‌های نازک هم‌آمدن در یک خبر.",
        "Nodes are the most-named entities; arrows are events (actor → target), thin lines co-mentions in one article.",
    ),
    "network.events": ("رویدادها", "Events"),
    "network.mentions": ("هم‌آمدن", "Co-mentions"),
    "network.summary": (
        "{nodes} نام و {edges} پیوند از {articles} خبر تازه",
        "{nodes} entities and {edges} links from the latest {articles} articles",
    ),
    "network.empty": (
        "برای کشیدن شبکه خبری نیست. نخست خبرها را وارد کنید: rasad ingest PATH --db FILE",
        "No articles to draw a network from. Ingest some first: rasad ingest PATH --db FILE",
    ),
    "network.loading": ("در حال کشیدن شبکه…", "Drawing the network…"),
    "network.error": ("کشیدن شبکه ممکن نشد", "Could not draw the network"),
    "map.title": ("نقشه رویدادها", "Map of events"),
    "map.help": (
        "رنگ هر کشور شمار رویدادهایی است که در آن رخ داده‌اند (یا کنشگر یا هدفشان از آن است).",
        "Each country is coloured by how many events took place there (or whose actor or target is from there).",
    ),
    "map.window": ("(شمارش از {n} خبر تازه)", "(counted over the latest {n} articles)"),
    "map.cities": ("شهرها", "Cities"),
    "map.countries": ("کشورها", "Countries"),
    "map.empty": (
        "هنوز رویدادی با مکان نیست. خبرهای بیشتری وارد کنید.",
        "No events with a place yet. Ingest more articles.",
    ),
    "map.events": ("رویداد", "events"),
    "role.place": ("مکان", "Place"),
    "role.actor": ("کشور کنشگر", "Actor's country"),
    "role.target": ("کشور هدف", "Target's country"),
    "events.title": ("رویدادها", "Events"),
    "events.export": ("خروجی", "Export"),
    "events.none": ("رویدادی با این فیلترها نیست.", "No events match these filters."),
    "col.day": ("روز", "Day"),
    "col.type": ("نوع", "Type"),
    "col.code": ("کد", "Code"),
    "col.actor": ("کنشگر", "Actor"),
    "col.target": ("هدف", "Target"),
    "col.place": ("مکان", "Place"),
    "col.trigger": ("نشانه", "Trigger"),
    "col.article": ("خبر", "Article"),
    "col.modality": ("وجه", "Modality"),
    "col.speaker": ("گوینده", "Speaker"),
    "col.quote": ("گفته", "Quotation"),
    "col.name": ("نام", "Name"),
    "col.kind": ("گونه", "Kind"),
    "col.articles": ("خبرها", "Articles"),
    "col.mentions": ("بارها", "Mentions"),
    "col.count": ("شمار", "Count"),
    "col.title": ("عنوان", "Title"),
    "col.source": ("منبع", "Source"),
    "negated": ("نفی‌شده", "negated"),
    "stories.title": ("ماجراها", "Stories"),
    "stories.help": (
        "خبرهای تقریباً یکسان از منبع‌های گوناگون در یک ماجرا گرد آمده‌اند.",
        "Near-duplicate articles from different sources grouped into one story.",
    ),
    "stories.none": (
        "هنوز ماجرایی نیست: ماجراها هنگام ورود خبرها ساخته می‌شوند.",
        "No stories yet: stories are made as articles are ingested.",
    ),
    "stories.min": ("دست‌کم شمار خبرها", "At least this many articles"),
    "story.title": ("ماجرا", "Story"),
    "empty.store": (
        "پایگاه داده خالی است. خبرها را وارد کنید: rasad ingest PATH --db FILE یا rasad watch FEEDS.toml --db FILE",
        "The store is empty. Ingest articles: rasad ingest PATH --db FILE or rasad watch FEEDS.toml --db FILE",
    ),
    "stats": (
        "خبر، نام، گفته و رویداد در پایگاه",
        "articles, entities, quotations and events stored",
    ),
    "error.title": ("خطا", "Error"),
    "error.back": ("بازگشت به جست‌وجو", "Back to search"),
    "loading": ("در حال بارگذاری…", "Loading…"),
    "trends.title": ("رو به افزایش", "Rising"),
    "trends.usual": ("میانگین روزانه پیشین", "usual daily articles"),
}

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def pick(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT


def translator(lang: str) -> Callable[[str], str]:
    """`t(key)`: the label in `lang`; an unknown key shows itself so it is noticed."""
    index = LANGS.index(pick(lang))

    def t(key: str) -> str:
        found = LABELS.get(key)
        return found[index] if found else key

    return t


def number(value: int | float | str, lang: str) -> str:
    """Digits as the reader expects them: Persian digits in Persian."""
    text = f"{value:,}" if isinstance(value, int) else str(value)
    if pick(lang) == "fa":
        return text.replace(",", "٬").translate(PERSIAN_DIGITS)
    return text


def direction(lang: str) -> str:
    return "rtl" if pick(lang) == "fa" else "ltr"


EVENT_TYPES: dict[str, tuple[str, str]] = {
    "statement": ("اظهار نظر", "statement"),
    "appeal": ("درخواست", "appeal"),
    "intend-cooperate": ("قصد همکاری", "intent to cooperate"),
    "consult": ("دیدار و گفت‌وگو", "consult"),
    "cooperate": ("همکاری دیپلماتیک", "cooperate"),
    "cooperate-material": ("همکاری مادی", "material cooperation"),
    "aid": ("کمک و حمایت", "aid"),
    "demand": ("مطالبه", "demand"),
    "criticize": ("انتقاد", "criticize"),
    "reject": ("رد کردن", "reject"),
    "threaten": ("تهدید", "threaten"),
    "protest": ("اعتراض", "protest"),
    "exhibit-force": ("نمایش نیرو", "exhibit force"),
    "sanction": ("تحریم", "sanction"),
    "coerce": ("اجبار و بازداشت", "coerce"),
    "assault": ("حمله", "assault"),
    "fight": ("درگیری", "fight"),
    "mass-violence": ("خشونت گسترده", "mass violence"),
}

MODALITIES: dict[str, tuple[str, str]] = {
    "asserted": ("رخ‌داده", "asserted"),
    "intended": ("در نیت", "intended"),
    "demanded": ("خواسته‌شده", "demanded"),
    "feared": ("بیم‌داده", "feared"),
    "possible": ("ممکن", "possible"),
    "denied": ("انکارشده", "denied"),
}


def term(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A coded value (an event type, a modality) in the reader's language; unknown ones as is."""
    found = table.get(key)
    return found[LANGS.index(pick(lang))] if found else key
