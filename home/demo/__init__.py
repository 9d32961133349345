"""Demo content for Torino Innovation, built by ``manage.py load_demo_content``.

- ``content`` holds the data: texts written from ``shared/content/facts.md``, with a source
  (name, URL, reference date) for every key figure.
- ``images`` draws the illustrations with Pillow, deterministically, so nothing is downloaded.
- ``loader`` creates whatever is missing and never touches what already exists.
"""
