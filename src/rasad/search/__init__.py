"""Full-text search that finds a word however it is spelled.

`fold` turns words into index terms, `forms` proposes other spellings of a
query word, `query` plans a query against the index's vocabulary,
`highlight` maps matches back onto the clean text, and `engine` runs it all
against a store (`Store.search`).
"""
