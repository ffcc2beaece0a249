"""The static, embeddable site: its data files, one per era and language (`variants`), the
page that shows them (`page/`: index.html, site.js, link.js, site.css), written atomically and
zipped (`build`). No Streamlit, no server."""
