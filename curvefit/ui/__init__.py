"""The Streamlit page's widget groups; the only part of curvefit that imports streamlit."""
