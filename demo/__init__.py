"""Demo content for Torino Innovation, built by ``manage.py load_demo_content``.

- ``content`` holds the data: texts written from ``shared/content/facts.md``, with a source
  (name, URL, reference date) for every key figure.
- ``content_en`` holds the English texts, keyed by the Italian data's slugs and keys: the English
  site is made of translations of the Italian pages and snippets.
- ``images`` draws the illustrations with Pillow, deterministically, so nothing is downloaded.
- ``loader`` creates whatever is missing, in Italian and then in English, and never touches what
  already exists.
"""
