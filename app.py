"""curvefit: watch a neural network learn a curve. Run: streamlit run app.py"""

import streamlit as st

from curvefit import text
from curvefit.ui.controls import controls
from curvefit.ui.live import live
from curvefit.ui.own_data import own_data
from curvefit.ui.panels import downloads, network
from curvefit.ui.sidebar import settings
from curvefit.ui.state import apply, page_state

st.set_page_config(page_title=text.TITLE, page_icon="📈", layout="wide")
state = page_state()

# Sidebar -> Config; a form typo keeps the current fit, a change of data or network starts a new one.
cfg, problems = settings(state)
problems += [text.CANNOT_USE.format(error=error)] if (error := apply(state, cfg)) else []

st.title(text.TITLE)
st.caption(text.TAGLINE)
if state.url_notes:
    st.warning(text.URL_PROBLEM.format(notes="; ".join(state.url_notes)))
for problem in problems:
    st.error(problem)
board = st.container()  # the controls and the live charts: placed here, drawn once the data is settled

own_data(state)  # an upload or an edit may switch the fit, so it runs before the board is drawn
network(state)
downloads(state)
own_points = {"points": "own"} if state.own is not None else {}  # the link cannot carry them; it says so
st.query_params.from_dict({**state.trainer.cfg.to_query(), "spf": str(state.steps_per_frame), **own_points})

with board:
    controls(state)
    live(state)
