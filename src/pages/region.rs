//! 地域を知る (`/network`): the office's whole network of agencies for a
//! サビ管 getting to know the region. How many agencies of each category
//! are at each stage of cooperation, which categories have none (where the
//! office does not know its region yet), the three stages in the seed's
//! words, the agencies whose view of the relationship differs from ours
//! (認識のズレ) and both sides' answers counted, as the seed's slide
//! 「お互いの認識にズレが・・」 shows them.

use crate::components::loading::when_ready;
use crate::components::survey_chart::{ChartRow, Series, SurveyChart};
use crate::i18n::{use_texts, RegionTexts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::network::{
    by_category_and_stage, empty_categories, mismatches, survey, Agency, AgencyEntry, CategoryCount, CooperationStage,
    Perception, PerceptionView,
};
use renkei_domain::{Record, RecordKind};

async fn load() -> Result<Vec<Record<Agency>>, StoreError> {
    store().await?.live_of_kind::<Agency>(RecordKind::Agency).await
}

#[component]
pub fn RegionPage() -> impl IntoView {
    let t = use_texts();
    let r = t.region();
    let agencies = LocalResource::new(|| {
        crate::live::track_changes();
        load()
    });
    view! {
        <h1>{r.title}</h1>
        <p>{r.intro}</p>
        {move || when_ready(t, agencies.get(), |list| {
            if !list.is_empty() {
                return view! { <Overview t r list /> }.into_any();
            }
            view! {
                <div class="card" id="region-empty">
                    <p>{r.empty}</p>
                    <A href="/agencies" attr:class="button">{r.to_directory}</A>
                </div>
                <StageDefinitions r />
            }
            .into_any()
        })}
    }
}

/// One agency whose two views differ, as the list shows it.
struct Mismatch {
    href: String,
    name: String,
    category: &'static str,
    opposite: bool,
    ours: String,
    theirs: String,
}

fn view_text(t: &'static Texts, r: &'static RegionTexts, v: &PerceptionView) -> String {
    let answer = (t.network().answer)(v.answer);
    match v.asked_on {
        Some(day) => format!("{answer}{}", (r.asked_on)(&(t.common.date)(day))),
        None => answer.to_owned(),
    }
}

#[component]
fn Overview(t: &'static Texts, r: &'static RegionTexts, list: Vec<Record<Agency>>) -> impl IntoView {
    let counts = by_category_and_stage(list.iter().map(|a| &a.data));
    let entries: Vec<AgencyEntry> = list
        .iter()
        .map(|a| AgencyEntry { id: a.meta.id, agency: &a.data, registered: a.meta.created_at.date_naive() })
        .collect();
    let differing: Vec<Mismatch> = mismatches(&entries)
        .into_iter()
        .map(|(e, p)| Mismatch {
            href: format!("/agencies/{}", e.id),
            name: match e.agency.name.trim() {
                "" => r.unnamed.to_owned(),
                name => name.to_owned(),
            },
            category: (t.network().category)(e.agency.category),
            opposite: p == Perception::Opposite,
            ours: view_text(t, r, &e.agency.our_view),
            theirs: view_text(t, r, &e.agency.their_view),
        })
        .collect();
    let survey_rows: Vec<ChartRow> = survey(list.iter().map(|a| &a.data))
        .into_iter()
        .map(|row| ChartRow { label: (t.network().answer)(row.answer).to_owned(), values: [row.ours, row.theirs] })
        .collect();
    let series = [Series { name: r.our_view, short: r.bar_ours }, Series { name: r.their_view, short: r.bar_theirs }];
    view! {
        <p class="stat" id="region-count">{(r.agency_count)(list.len())}</p>
        <section class="card" aria-labelledby="region-by-stage">
            <h2 id="region-by-stage">{r.by_stage_heading}</h2>
            <CategoryTable r counts />
        </section>
        <StageDefinitions r />
        <section class="card" aria-labelledby="region-mismatch-heading">
            <h2 id="region-mismatch-heading">{r.mismatch_heading}</h2>
            <MismatchList r items=differing />
        </section>
        <section class="card" aria-labelledby="region-survey-heading">
            <h2 id="region-survey-heading">{r.survey_heading}</h2>
            <p>{r.survey_help}</p>
            <SurveyChart
                id="region-survey"
                caption=r.survey_caption
                table_caption=r.survey_table_caption
                row_head=r.col_answer
                series
                rows=survey_rows
            />
        </section>
    }
}

#[component]
fn CategoryTable(r: &'static RegionTexts, counts: Vec<CategoryCount>) -> impl IntoView {
    let t = use_texts();
    let empty = empty_categories(&counts);
    let mut sums = [0usize; 5];
    for c in &counts {
        for (i, n) in c.by_stage.iter().chain([&c.unstaged, &c.total()]).enumerate() {
            sums[i] += n;
        }
    }
    let stage_heads = CooperationStage::ALL
        .into_iter()
        .map(|s| view! { <th scope="col" class="num">{(r.stage_short)(s)}</th> })
        .collect_view();
    let unstaged_head = r
        .col_unstaged
        .iter()
        .enumerate()
        .map(|(i, piece)| view! { {(i > 0).then(|| view! { <wbr /> })} {*piece} })
        .collect_view();
    let rows = counts
        .into_iter()
        .map(|c| {
            let total = c.total();
            let cells = c.by_stage.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view();
            view! {
                <tr class:empty=total == 0>
                    <th scope="row">{(t.network().category)(c.category)}</th>
                    {cells}
                    <td class="num">{c.unstaged}</td>
                    <td class="num total">{total}</td>
                </tr>
            }
        })
        .collect_view();
    let sum_cells =
        sums.into_iter().enumerate().map(|(i, n)| view! { <td class="num" class:total=i == 4>{n}</td> }).collect_view();
    let coverage = if empty.is_empty() {
        r.all_categories_covered.to_owned()
    } else {
        {
            let names: Vec<&str> = empty.iter().map(|c| (t.network().category)(*c)).collect();
            (r.empty_categories)(&names)
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table region-table" id="region-table">
                <caption>{r.table_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{r.col_category}</th>
                        {stage_heads}
                        <th scope="col" class="num">{unstaged_head}</th>
                        <th scope="col" class="num">{r.col_total}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{r.row_total}</th>
                        {sum_cells}
                    </tr>
                </tfoot>
            </table>
        </div>
        <p id="region-coverage" class:notice=!empty.is_empty() class:warning=!empty.is_empty()>
            {coverage}
        </p>
    }
}

#[component]
fn StageDefinitions(r: &'static RegionTexts) -> impl IntoView {
    let t = use_texts();
    let items = CooperationStage::ALL
        .into_iter()
        .map(|s| {
            view! {
                <dt>{(t.network().stage)(s)}</dt>
                <dd>{(t.network().stage_meaning)(s)}</dd>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="region-stages">
            <h2 id="region-stages">{r.stages_heading}</h2>
            <dl class="stage-list" id="region-stage-list">
                {items}
            </dl>
        </section>
    }
}

#[component]
fn MismatchList(r: &'static RegionTexts, items: Vec<Mismatch>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p id="region-no-mismatch">{r.no_mismatch}</p> }.into_any();
    }
    let items = items
        .into_iter()
        .map(|m| {
            let badge = if m.opposite { r.badge_opposite } else { r.badge_different };
            view! {
                <li class="mismatch" class:opposite=m.opposite>
                    <p class="mismatch-head">
                        <span class="badge" class:gap=m.opposite class:muted=!m.opposite>
                            {badge}
                        </span>
                        <A href=m.href attr:class="mismatch-name">
                            {m.name}
                        </A>
                        <span class="muted">{m.category}</span>
                    </p>
                    <dl class="mismatch-views">
                        <dt>{r.our_view}</dt>
                        <dd class="ours">{m.ours}</dd>
                        <dt>{r.their_view}</dt>
                        <dd class="theirs">{m.theirs}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <p>{r.mismatch_help}</p>
        <ul class="mismatch-list" id="region-mismatches">
            {items}
        </ul>
    }
    .into_any()
}
