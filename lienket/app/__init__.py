"""The live Streamlit app's rooms: the caches shared by every session (`cache`) and the
staged first paint (`staging`). The only package that imports Streamlit; `app.py` composes the
page from it."""
