"""One visitor's page, none of it Streamlit: its link, its run, its player."""
