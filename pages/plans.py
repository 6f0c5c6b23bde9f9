"""Plans: what is in the store (deleted with confirmation, sample data in one step), and two plans of one
organisation side by side (new, continued, gone); the compared pair is kept in the URL."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components import access, charts, data, downloads, filters, frame, url_state
from components.frame import t
from components.i18n import TEXTS, label, money_table, month_labels, number, unknown
from components.text import escape_markdown
from data_model import analytics, calibration, lineage, store
from data_model.queries import PortfolioFilter

selection = frame.selection()
language = frame.language()
st.title(t("page.plans"))

if "plans_result" in st.session_state:
    st.success(st.session_state.pop("plans_result"))

plans = data.plans()
if plans.empty:
    st.info(t("common.empty_store"))
    st.stop()
if selection.organisations:
    plans = plans[plans["organisation"].isin(selection.organisations)]
names = {row.key: filters.plan_label(row, language) for row in plans.itertuples()}

st.subheader(t("plans.list"))
table = pd.DataFrame(
    {
        t("col.plan"): [names[key] for key in plans["key"]],
        t("col.plan_key"): plans["key"],
        t("col.kind_plan"): [label("kind", value, language) for value in plans["kind"]],
        t("col.period"): plans["period"],
        t("col.document_date"): plans["document_date"],
        t("col.source"): plans["source_name"],
        t("col.imported_at"): plans["imported_at"],
        t("col.projects"): plans["projects"],
        t("col.notes"): plans["notes"],
    }
)
date_format = "D.M.YYYY" if language == "fi" else "D MMM YYYY"
st.dataframe(
    table, hide_index=True, width="stretch", key="plans-table",
    column_config={
        t("col.document_date"): st.column_config.DateColumn(format=date_format),
        t("col.imported_at"): st.column_config.DatetimeColumn(format=date_format + " HH:mm"),
    },
)
downloads.download_buttons(table, file_stem=t("download.plans"), key="plans-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")))

themes = data.themes()
if not themes.empty:
    with st.expander(t("plans.themes")):
        st.dataframe(themes[["organisation", "code", "title"]].rename(
            columns={"organisation": t("col.organisation"), "code": t("col.code"), "title": t("col.title")}),
            hide_index=True, width="stretch", key="themes")


def _delete(keys: list[str], role: str = "editor") -> None:
    if not access.allowed(role):
        st.session_state["plans_refused"] = True
        return
    removed = store.delete_plans(data.engine(), keys, actor=access.actor())
    data.invalidate()
    st.session_state["plans_result"] = t("plans.deleted", count=len(removed),
                                         projects=t("count.projects", count=sum(plan.projects for plan in removed)))
    st.session_state.pop("delete-plans", None)
    # The sidebar lets go of the deleted plans (a link that still names one would warn instead).
    st.session_state["plan"] = [key for key in st.session_state.get("plan", []) if key not in keys]


if st.session_state.pop("plans_refused", False):
    st.error(t("access.refused"))

if access.can_edit():  # a viewer gets no deletion controls
    with st.expander(t("plans.manage")):
        chosen = st.multiselect(t("plans.delete_choose"), list(names), format_func=names.get, key="delete-plans",
                                placeholder=t("plans.delete_placeholder"))
        if chosen:
            doomed = plans[plans["key"].isin(chosen)]
            st.warning(t("plans.delete_confirm", count=len(doomed), projects=t("count.projects", count=int(doomed["projects"].sum())),
                         plans=escape_markdown("; ".join(names[key] for key in chosen))))
            st.button(t("plans.delete_button"), type="primary", key="delete-plans-confirm", on_click=_delete,
                      args=(list(chosen),))
        demo = plans[plans["demo"]]
        if not demo.empty and access.is_admin():
            st.caption(t("plans.demo_help", count=len(demo), projects=t("count.projects", count=int(demo["projects"].sum()))))
            if st.checkbox(t("plans.demo_confirm"), key="delete-demo-confirm"):
                st.button(t("plans.demo_button"), key="delete-demo", on_click=_delete, args=(demo["key"].tolist(), "admin"))

with st.expander(t("plans.change_log")):
    changes = data.change_log()
    st.dataframe(pd.DataFrame({
        t("plans.revision"): changes["revision"], t("correction.when"): changes["changed_at"],
        t("correction.by"): changes["actor"], t("plans.action"): [t(f"plans.action.{value}") if f"plans.action.{value}" in TEXTS
                                                                  else value for value in changes["action"]],
        t("col.plan"): changes["plans"], t("plans.detail"): changes["detail"],
    }), hide_index=True, width="stretch", key="change-log", placeholder="",
        column_config={t("correction.when"): st.column_config.DatetimeColumn(format=date_format + " HH:mm")})

st.subheader(t("plans.compare"))
action = plans[plans["kind"] == "action_plan"]
organisations = sorted(action["organisation"].unique())
if not organisations:
    st.info(t("plans.need_two"))
    st.stop()
comparable = [name for name in organisations if (action["organisation"] == name).sum() >= 2]
url_state.restore("cmp", organisations, comparable[0] if comparable else organisations[0])
organisation = st.selectbox(t("plans.compare_org"), organisations, key="cmp")
url_state.mirror("cmp", None)
own = action[action["organisation"] == organisation]  # oldest first (queries.sort_plans)
if len(own) < 2:
    st.info(t("plans.need_two"))
    st.stop()
titles = {row.key: f"{names[row.key]} — {row.source_name}" for row in own.itertuples()}
keys = list(titles)
url_state.restore("old", keys, keys[-2])
url_state.restore("new", keys, keys[-1])
left, right = st.columns(2)
older_key = left.selectbox(t("plans.older"), keys, format_func=titles.get, key="old")
newer_key = right.selectbox(t("plans.newer"), keys, format_func=titles.get, key="new")
url_state.mirror("old", None)
url_state.mirror("new", None)
older = data.projects(PortfolioFilter(plan_keys=(older_key,)))
newer = data.projects(PortfolioFilter(plan_keys=(newer_key,)))
matches = data.plan_matches(older_key, newer_key)
comparison = data.view("plans.comparison", (older_key, newer_key),
                       lambda: analytics.compare_plans(older, newer, matches))
threshold = round(lineage.THRESHOLD * 100)
counts = comparison["status"].value_counts()
st.write(t("plans.summary", new=counts.get("new", 0), continued=counts.get("continued", 0), gone=counts.get("gone", 0)))
st.caption(t("plans.match_help", threshold=threshold))
one_off_old, one_off_new = t("col.one_off_max_plain") + " (1)", t("col.one_off_max_plain") + " (2)"
shown = pd.DataFrame(
    {
        t("col.status"): [t(f"plans.status.{value}") for value in comparison["status"]],
        t("col.code") + " (1)": comparison["old_code"],
        t("col.title") + " (1)": comparison["old_title"],
        t("col.code") + " (2)": comparison["code"],
        t("col.title") + " (2)": comparison["title"],
        t("col.similarity"): comparison["similarity"],
        t("col.match_basis"): [t(f"lineage.basis.{value}") if isinstance(value, str) else None for value in comparison["basis"]],
        t("col.shift_months", name=t("col.start")): comparison["start_shift_months"],
        t("col.shift_months", name=t("col.end")): comparison["end_shift_months"],
        one_off_old: comparison["old_one_off_max"],
        one_off_new: comparison["one_off_max"],
        t("col.currency"): comparison["currency"].astype(object).where(comparison["currency"].notna(),
                                                                       comparison["old_currency"]),
        t("col.probability") + " (1)": [label("probability", v, language) if v else None for v in comparison["old_probability"]],
        t("col.probability") + " (2)": [label("probability", v, language) if v else None for v in comparison["probability"]],
    }
)
display, money_config = money_table(shown, {one_off_old: comparison["old_currency"], one_off_new: comparison["currency"]},
                                    language, extra_formats={t("col.similarity"): lambda value: number(value, language)})
# Blank where a project is not in one of the plans.
st.dataframe(display, hide_index=True, width="stretch", key="comparison", column_config=money_config, placeholder="")
downloads.download_buttons(shown, file_stem=t("download.comparison"), key="comparison-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")),
                           column_formats={one_off_old: "money", one_off_new: "money"},
                           currency_columns=(t("col.currency"),))
changed = comparison[(comparison["status"] == "continued") & (
    comparison["start_shift_months"].fillna(0).ne(0) | comparison["end_shift_months"].fillna(0).ne(0)
    | comparison["old_probability"].ne(comparison["probability"])
)]
st.caption(t("plans.changes") + ": " + number(len(changed), language))


# ---------------------------------------------------------------- the organisation's projects across its plans
st.subheader(t("history.heading"))
found = data.lineage()
links = found.matches[found.matches["organisation"] == organisation]
chain_entries = found.entries[(found.entries["organisation"] == organisation) & found.entries["chain_id"].notna()]
if (keys.index(newer_key) - keys.index(older_key)) == 1:
    moved = calibration.moved_since_last_plan(links[links["older_plan_key"] == older_key], newer_key)
    st.markdown(f"**{t('history.moved', older=escape_markdown(names[older_key]), newer=escape_markdown(names[newer_key]))}**")
    if moved.empty:
        st.write(t("history.moved_none"))
    else:
        st.dataframe(pd.DataFrame({
            t("col.code"): moved["newer_code"], t("col.title"): moved["newer_title"],
            t("col.service_area"): moved["service_area"],
            t("col.end") + " (1)": month_labels(moved["older_end"], language),
            t("col.end") + " (2)": month_labels(moved["newer_end"], language),
            t("col.shift_months", name=t("col.end")): moved["end_slip_months"],
            t("col.start") + " (1)": month_labels(moved["older_start"], language),
            t("col.start") + " (2)": month_labels(moved["newer_start"], language),
            t("col.shift_months", name=t("col.start")): moved["start_slip_months"],
        }), hide_index=True, width="stretch", key="moved", placeholder=unknown(language))
elif older_key != newer_key:
    st.caption(t("history.not_consecutive"))



def chain_tables() -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """Every chain of the organisation: baseline (first plan) and latest start, end and one-off cost, the slips,
    the status; as downloaded and as shown (money in the chain's currency)."""
    chains = calibration.chain_summary(chain_entries)
    currency = chain_entries.sort_values("plan_order").groupby("chain_id")["currency"].last()
    codes = chains["chain_id"].map(currency)
    merged_into = chain_entries.dropna(subset=["merged_into"]).groupby("chain_id")["merged_into"].last().to_dict()
    baseline_cost, latest_cost = t("col.baseline_cost"), t("col.latest_cost")
    table = pd.DataFrame({
        t("col.code"): chains["code"], t("col.title"): chains["title"], t("col.service_area"): chains["service_area"],
        t("col.plans_count"): chains["plans"],
        t("col.baseline_start"): month_labels(chains["baseline_start"], language).astype("str"),
        t("col.latest_start"): month_labels(chains["latest_start"], language).astype("str"),
        t("col.baseline_end"): month_labels(chains["baseline_end"], language).astype("str"),
        t("col.latest_end"): month_labels(chains["latest_end"], language).astype("str"),
        t("col.end_slip"): chains["end_slip_months"],
        t("col.step_slip"): chains["max_step_slip_months"],
        baseline_cost: chains["baseline_one_off_max"], latest_cost: chains["latest_one_off_max"],
        t("col.currency"): codes,
        t("col.chain_status"): [t(f"chain.status.{value}") + (f" → {merged_into.get(chain)}" if value == "merged" else "")
                                for value, chain in zip(chains["status"], chains["chain_id"])],
    })
    display, _ = money_table(table, {baseline_cost: codes, latest_cost: codes}, language)
    return chains, table, display


chains, chain_table, chain_display = data.view("plans.chains", (organisation, language), chain_tables)
st.markdown(f"**{t('history.chains')}**")
st.dataframe(chain_display, hide_index=True, width="stretch", key="chains", placeholder=unknown(language))
downloads.download_buttons(chain_table, file_stem=t("download.chains"), key="chains-download",
                           labels=(t("common.download_csv"), t("common.download_xlsx")),
                           column_formats={t("col.baseline_cost"): "money", t("col.latest_cost"): "money"},
                           currency_columns=(t("col.currency"),))
st.caption(t("history.chains_help"))

st.markdown(f"**{t('history.trend')}**")
several = chains[chains["plans"] >= 2]
# Option labels are plain text (Streamlit does not render Markdown in them): not escaped.
choices = {f"area|{area}": t("history.trend_area", name=area or t("area.none"))
           for area in sorted(several["service_area"].fillna("").unique())}
choices |= {f"chain|{row.chain_id}": t("history.trend_project", name=f"{row.code} {row.title}")
            for row in several.itertuples()}
if not choices:
    st.write(t("history.trend_none"))
else:
    url_state.restore("trend", list(choices), next(iter(choices)))
    chosen_trend = st.selectbox(t("history.trend_of"), list(choices), format_func=choices.get, key="trend")
    url_state.mirror("trend", next(iter(choices)))
    kind, _, value = chosen_trend.partition("|")
    if kind == "chain":
        shown_chains = [int(value)]
    else:
        shown_chains = several.loc[several["service_area"].fillna("") == value, "chain_id"].astype(int).tolist()
    trend_entries = chain_entries[chain_entries["chain_id"].isin(shown_chains)]
    st.plotly_chart(data.view("plans.trend", (organisation, chosen_trend, language),
                              lambda: charts.milestone_trend(trend_entries, language)), width="stretch", key="trend-chart")
    st.caption(t("history.trend_help"))


def _decide(kind: str, older: tuple[str, str], newer: tuple[str, str] | None, what: str) -> None:
    if not access.allowed("editor"):
        st.session_state["plans_refused"] = True
        return
    lineage.decide(data.engine(), kind, older, newer, actor=access.actor())
    data.invalidate()
    st.session_state["lineage_result"] = t("lineage.saved", what=escape_markdown(what))  # shown as Markdown


if "lineage_result" in st.session_state:
    st.success(st.session_state.pop("lineage_result"))
if access.can_edit():  # a viewer sees the matches, not the controls
    with st.expander(t("lineage.decide")):
        def entry_label(code: object, title: object) -> str:
            return f"{code} {title}"  # an option label: plain text

        continued = comparison[comparison["status"] == "continued"]
        pairs = {f"{row.old_code}|{row.code}": f"{entry_label(row.old_code, row.old_title)} → {entry_label(row.code, row.title)}"
                 for row in continued.itertuples()}
        if pairs:
            chosen_pair = st.selectbox(t("lineage.pair"), list(pairs), format_func=pairs.get, key="lineage-pair")
            old_code, new_code = chosen_pair.split("|", 1)
            buttons = st.container(horizontal=True)
            for kind in ("confirm", "reject", "split"):
                buttons.button(t(f"lineage.{kind}"), key=f"lineage-{kind}", on_click=_decide,
                               args=(kind, (older_key, old_code), (newer_key, new_code), f"{t(f'lineage.{kind}')}: {pairs[chosen_pair]}"))
        gone = {row.old_code: entry_label(row.old_code, row.old_title) for row in comparison[comparison["status"] == "gone"].itertuples()}
        added = {row.code: entry_label(row.code, row.title) for row in comparison[comparison["status"] == "new"].itertuples()}
        if gone and added:
            left, right = st.columns(2)
            link_old = left.selectbox(t("lineage.link_older"), list(gone), format_func=gone.get, key="lineage-link-old")
            link_new = right.selectbox(t("lineage.link_newer"), list(added), format_func=added.get, key="lineage-link-new")
            st.button(t("lineage.link"), key="lineage-link", on_click=_decide,
                      args=("link", (older_key, link_old), (newer_key, link_new), f"{gone[link_old]} → {added[link_new]}"))
        # A project's own status: it is done, cancelled or merged (chosen among the later plan's projects and the gone ones).
        candidates = {f"{newer_key}|{row.code}": entry_label(row.code, row.title) for row in newer.itertuples()}
        candidates |= {f"{older_key}|{code}": label_ for code, label_ in gone.items()}
        if candidates:
            project = st.selectbox(t("lineage.status_project"), list(candidates), format_func=candidates.get, key="lineage-project")
            status = st.segmented_control(t("lineage.status"), list(lineage.STATUS_KINDS), required=True, default="done",
                                          format_func=lambda value: t(f"lineage.status.{value}"), key="lineage-status")
            target = None
            if status == "merged":
                others = {key: value for key, value in candidates.items() if key != project}
                merged = st.selectbox(t("lineage.merged_into"), list(others), format_func=others.get, key="lineage-merged")
                target = tuple(merged.split("|", 1)) if merged else None
            plan_key, code = project.split("|", 1)
            st.button(t("lineage.save_status"), key="lineage-save-status", on_click=_decide,
                      disabled=status == "merged" and target is None,
                      args=(status, (plan_key, code), target, f"{candidates[project]}: {t(f'lineage.status.{status}')}"))
        if not (pairs or (gone and added) or candidates):
            st.write(t("lineage.nothing"))
