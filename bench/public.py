"""The press and public URLs as the news and projects grow: search, feeds, sitemap, API, press room, CSV.

    .venv/bin/python bench/public.py [--sizes 10 100 1000] [--repeat 10]

Since every public page type is measured by bench/scaling.py, this is that benchmark limited to these URLs.
"""

import scaling

PUBLIC = {"search", "RSS", "Atom", "sitemap", "API listing", "press room", "CSV"}

if __name__ == "__main__":
    scaling.main(only=PUBLIC)
