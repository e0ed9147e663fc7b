"""The site's search: index entries per step / section / price item, the shared word cut, synonyms
and Traditional input, and the browser worker that answers the theme's search box (worker.js)."""
