"""The step on the screen when Play/Pause is clicked, sent to the server: Streamlit's button cannot say it.

The browser shows a frame a little after the server made it, and the frames it asked for before the click are
made before the click is taken: Pause landed frames past the one on the screen (docs/page.md). On a click of Play/Pause
this element reads the status line's step and sends it (session/page.back_to_shown). Outside the live fragment:
sent from inside it, the click was taken as a rerun of the fragment only, and Play/Pause was never relabelled.
"""

import streamlit as st

from curvefit.session.page import Page, back_to_shown
from curvefit.ui.live import STATUS_KEY
from curvefit.ui.state import on_page

KEY = "shown_step"
# Shipped here, run in the page (components v2: no iframe, no CDN). One listener for the whole page, in the
# capture phase, so it speaks before the button's own click goes to the server.
JS = """
export default function ({ data, setTriggerValue }) {
  window.curvefitSendShown = setTriggerValue;
  if (window.curvefitShownListens) return;
  window.curvefitShownListens = true;
  document.addEventListener("click", (event) => {
    if (!(event.target.closest && event.target.closest(".st-key-play"))) return;
    const status = document.querySelector(".st-key-" + data.status);
    const found = status && status.textContent.match(/[0-9][0-9,]*/);
    if (found && window.curvefitSendShown) window.curvefitSendShown("shown", Number(found[0].replace(/,/g, "")));
  }, true);
}
"""
_element = st.components.v2.component("curvefit.shown_step", js=JS)


def shown_step() -> None:
    """An element that draws nothing and sends the step on the screen when Play/Pause is clicked."""
    _element(data={"status": STATUS_KEY}, key=KEY, on_shown_change=on_page(_take))


def _take(state: Page) -> None:
    sent = getattr(st.session_state.get(KEY), "shown", None)
    if type(sent) is int and sent >= 0:  # whatever a browser sends: a step a kept frame ended at, or nothing done
        back_to_shown(state, sent)
