"""What the reader reads beside the map, as escaped Markdown and plain data: the detail panel
(`panel`), search over every feature (`search`), the downloads (`export`) and the link's state
(`urlstate`). Pure: the live app and the static site both use it."""
