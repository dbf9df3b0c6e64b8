"""Network & data: nodes, legs, sources, published claims, session uploads."""

import streamlit as st

from corridors._errors import CorridorsError
from corridors_app import cached, session, ui, upload_restore, url
from corridors_app.columns import PLACEHOLDER
from corridors_app.polite import FROM_BYTES as POLITE_FROM_BYTES
from corridors_app.tables import claims_column_config, claims_table, filter_rows

url.page_setup()
st.title("Network & data")

net = ui.session_network()

ui.show_flash()
token = session.network_token()
nodes_df, legs_df = cached.network_tables(token, net)
url.network_view(net, nodes_df, legs_df)  # the link's tab and filters

c = st.columns(4)
c[0].metric("Nodes", f"{len(nodes_df):,}")
c[1].metric("Legs", f"{len(legs_df):,}")
c[2].metric("Corridors", legs_df["corridor"].nunique())
c[3].metric("Network length", f"{legs_df['length_km'].sum():,.0f} km")
if session.extra_files():
    st.info("This session's network includes your upload(s): " + ", ".join(ui.safe_text(f) for f in session.extra_files()) + " — other users do not see them.")

tab_legs, tab_nodes, tab_claims, tab_upload = st.tabs(
    url.NETWORK_TABS, key="net_tab", on_change="rerun"
)

# ---------------------------------------------------------------- legs
with tab_legs:
    f1, f2, f3, f4 = st.columns([2, 2, 2, 3])
    corridors = f1.multiselect("Corridor", sorted(legs_df["corridor"].dropna().unique()), key="net_corridor")
    modes = f2.multiselect("Mode", sorted(legs_df["mode"].dropna().unique()), key="net_mode")
    statuses = f3.multiselect("Status", sorted(legs_df["status"].dropna().unique()), key="net_status")
    text = f4.text_input("Search (id, node, source)", key="net_text")
    view = filter_rows(legs_df, {"corridor": corridors, "mode": modes, "status": statuses}, text)
    st.caption(f"{len(view)} of {len(legs_df)} legs")
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={
            "length_km": st.column_config.NumberColumn("length (km)", format="%.0f"),
            "length_nm": st.column_config.NumberColumn("length (nm)", format="%.0f"),
            "published_km": st.column_config.NumberColumn("published km", format="%.0f"),
            "published_nm": st.column_config.NumberColumn("published nm", format="%.0f"),
        },
        key="net_legs_table",
        placeholder=PLACEHOLDER,
    )
    ui.csv_download(view, "legs.csv", key="dl_legs", label="Download legs (CSV)")

# ---------------------------------------------------------------- nodes
with tab_nodes:
    g1, g2, g3 = st.columns([2, 2, 3])
    kinds = g1.multiselect("Kind", sorted(nodes_df["kind"].dropna().unique()), key="net_kind")
    countries = g2.multiselect("Country", sorted(nodes_df["country"].dropna().unique()), key="net_country")
    ntext = g3.text_input("Search (id, name, source)", key="net_ntext")
    nview = filter_rows(nodes_df, {"kind": kinds, "country": countries}, ntext)
    st.caption(f"{len(nview)} of {len(nodes_df)} nodes")
    st.dataframe(nview, hide_index=True, width="stretch", key="net_nodes_table", placeholder=PLACEHOLDER)
    ui.csv_download(nview, "nodes.csv", key="dl_nodes", label="Download nodes (CSV)")

# ---------------------------------------------------------------- claims
with tab_claims:
    st.markdown(
        "Headline figures published for these corridors, each beside what this model computes for the "
        "route the claim is about (its trip, scenario and route: *Route it is about*), with the difference "
        "(model minus published) and whether the published range overlaps the model's P10–P90."
    )
    with st.spinner("Routing the published trips…"):
        claims = claims_table(token, net)
    st.dataframe(
        claims,
        hide_index=True,
        width="stretch",
        column_config=claims_column_config(),
        key="net_claims_table",
        placeholder=PLACEHOLDER,
    )
    ui.csv_download(claims, "published_claims.csv", key="dl_claims", label="Download claims (CSV)")

# ---------------------------------------------------------------- upload
with tab_upload:
    st.markdown(
        "Add nodes and legs from a GeoJSON file (same schema as `geodata/*.geojson`; "
        "new legs may connect to existing nodes). The file joins the network **for this "
        "session only**; nothing is saved on the server. Maximum 5 MB."
    )
    files, used = session.upload_budget()
    st.caption(f"Upload budget of this session: {files} of {session.MAX_SESSION_UPLOAD_FILES} files, "
               f"{used / 2**20:.1f} of {session.MAX_SESSION_UPLOAD_BYTES / 2**20:.0f} MB read (added or not).")
    upload = st.file_uploader("GeoJSON file", type=["geojson", "json"], key="net_upload")
    b1, b2 = st.columns([1, 1])
    if b1.button("Add to this session's network", disabled=upload is None, type="primary", key="net_add"):
        try:
            with st.spinner("Validating…" if upload.size < POLITE_FROM_BYTES else "Validating a large file at reduced priority, so the other planners on this server are not slowed (a minute or two)…"):
                new = upload_restore.add_upload(upload.name, upload.getvalue())
        except CorridorsError as err:
            ui.show_error(err, title=f"{upload.name} was not added")
            st.caption("The network is unchanged.")
        else:
            ui.flash(f"Added {upload.name}: the network now has {len(new.nodes):,} nodes and {len(new.legs):,} legs.")
            st.rerun()
    if b2.button("Remove my uploads", disabled=not session.extra_files(), key="net_drop"):
        upload_restore.drop_uploads()
        st.rerun()
    upload_restore.panel()  # download this session's work / restore it

url.push_to_query((*url.NETWORK_KEYS, "custom", "uploads"))
