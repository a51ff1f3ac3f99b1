"""curvefit: watch a neural network learn a curve. Run: streamlit run app.py"""

import os

# One intra-op thread, set before torch loads: the page's small ops gain nothing from two, and two
# threads sharing cores with the server and other sessions stall (30x slower frames, measured).
os.environ.setdefault("OMP_NUM_THREADS", "1")

import streamlit as st  # noqa: E402
import torch  # noqa: E402

from curvefit import text  # noqa: E402
from curvefit.analysis.sharpness import warm_up  # noqa: E402
from curvefit.serving import load_page  # noqa: E402
from curvefit.serving.downloads import routes as download_routes  # noqa: E402
from curvefit.session.link import write  # noqa: E402
from curvefit.session.messages import not_used  # noqa: E402
from curvefit.session.page import apply, link_of  # noqa: E402
from curvefit.ui.controls import controls, reference_lines, timeline  # noqa: E402
from curvefit.ui.first_paint import rest_of_page  # noqa: E402
from curvefit.ui.live import live  # noqa: E402
from curvefit.ui.own_data import own_data  # noqa: E402
from curvefit.ui.panels import downloads, glossary, network  # noqa: E402
from curvefit.ui.shown_step import shown_step  # noqa: E402
from curvefit.ui.sidebar import settings, sidebar_to_come  # noqa: E402
from curvefit.ui.state import page_state  # noqa: E402
from curvefit.ui.touch import touch_controls, touch_layer  # noqa: E402

torch.set_num_threads(1)


def main() -> None:
    """The page, top to bottom. In a function: the script's globals outlive the session that ran it last."""
    state = page_state()  # from here on, the page speaks the session's language
    st.set_page_config(page_title=text.TITLE, page_icon="📈", layout="wide")
    whole = not state.first_paint  # a new visitor's first run: Play and the fit first, the rest right after

    # Sidebar -> Config; a form typo keeps the current fit, a change of data or network starts a new one.
    cfg, problems = settings(state) if whole else sidebar_to_come(state)
    problems += [not_used(error)] if (error := apply(state, cfg)) else []

    st.title(text.TITLE)
    st.caption(text.TAGLINE)
    with st.container():  # however many messages, the board keeps its place (see controls.timeline)
        if state.link_warning:
            st.warning(str(state.link_warning))
        if state.link_had_own_points:
            st.info(text.LINK_HAD_OWN_POINTS)
        for problem in problems:
            st.error(problem)
    board = st.container()  # the controls and the live charts: placed here, drawn once the data is settled

    if whole:
        own_data(state)  # an upload or an edit may switch the fit, so it runs before the board is drawn
        network(state)
        glossary()
        downloads(state)
    st.query_params.from_dict(write(link_of(state)))  # every setting, the moment shown, the speed, the language

    with board:
        controls(state, speeds=whole)
        timeline(state)
        touch_controls(state)
        live(state, inside=whole)
        if whole:
            reference_lines(state)  # after the charts, under them; the fragment reads the choice from the state
    shown_step()  # (after the board: these two draw nothing, and nothing follows them that could move)
    touch_layer(state)
    if not whole:
        rest_of_page(state)


if __name__ == "__main__":  # Streamlit runs the page as __main__, once per run
    main()
else:  # `streamlit run app.py` finds this App and serves the page from it (uvicorn imports this file once): so
    # torch and the page's modules load when the server starts, not while its first visitor waits (2.2 s).
    warm_up()  # (and torch's first double backward, which the sharpness needs: docs/performance.md)
    base = st.get_option("server.baseUrlPath")
    app = st.App(__file__, routes=download_routes(base) + load_page.routes(base))  # see each module
