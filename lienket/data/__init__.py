"""The shipped geography and its facts: what a feature must carry (`schema`), reading and
checking `geodata/` with GeoPandas (`dataset`, `validate`), Vietnamese name keys (`names`), the
agreement's memberships (`agreement`), and 2022 ↔ after 1/7/2025 (`mergers`, `eras`). Pure: no
drawing, no Streamlit; everything above reads the data through `dataset.load`."""
