"""Demo content for Torino Innovation, built by ``manage.py load_demo_content``.

- ``content/`` holds the data as JSON records, one per page or snippet, each carrying both
  languages: texts written from ``shared/content/facts.md``, with a source (name, URL, reference
  date) for every key figure. ``records`` reads them and refuses a record whose Italian and English
  versions do not have the same structure.
- ``images`` draws the illustrations and logos with Pillow, deterministically, so nothing is
  downloaded; ``fact_sheet_pdf`` typesets the press fact sheets.
- ``loader`` creates whatever is missing, in Italian and then in English (as wagtail-localize
  translations, through ``localize``), and never touches what already exists.
"""
