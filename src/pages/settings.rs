//! 設定: language, plan deadlines, storage state, about; backup export and
//! import are in `settings/backup.rs`, sync and sign-in in `settings/sync.rs`,
//! the passcode and the lock in `settings/passcode.rs`.

mod backup;
mod passcode;
mod sync;

use backup::BackupSection;
use passcode::PasscodeSection;
use sync::SyncSection;

use crate::components::field::{SelectField, SelectOption};
use crate::i18n::{use_lang, use_texts, Lang, Texts};
use crate::pwa;
use crate::store::store;
use leptos::prelude::*;

/// 個別支援計画の期限: the readings and intervals deadlines are counted with.
#[component]
fn PlanSection(t: &'static Texts) -> impl IntoView {
    use renkei_domain::plan::UnconfirmedReading;
    let settings = crate::plan_settings::use_plan_settings();
    let readings = UnconfirmedReading::ALL
        .into_iter()
        .map(|r| SelectOption::new(r.code(), (t.settings().plan_reading)(r)))
        .collect();
    let months = |default: &'static str, upto: u32| {
        let mut options = vec![SelectOption::new("", default)];
        options.extend((1..=upto).map(|m| SelectOption::new(m.to_string(), (t.settings().plan_months)(m))));
        options
    };
    let months_value = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
    let edit = move |f: &dyn Fn(&mut renkei_domain::plan::PlanSettings)| {
        let mut next = settings.get_untracked();
        f(&mut next);
        crate::plan_settings::save(next);
    };
    view! {
        <section class="card" aria-labelledby="sec-plan">
            <h2 id="sec-plan">{t.settings().plan}</h2>
            <SelectField
                id="settings-plan-reading"
                label=t.settings().plan_reading_label
                hint=t.settings().plan_reading_hint
                value=Signal::derive(move || settings.get().unconfirmed_reading.code().to_owned())
                on_change=Callback::new(move |v: String| {
                    if let Some(r) = UnconfirmedReading::from_code(&v) {
                        edit(&|s| s.unconfirmed_reading = r);
                    }
                })
                options=readings
            />
            <SelectField
                id="settings-plan-review"
                label=t.settings().plan_review_label
                hint=t.settings().plan_review_hint
                value=Signal::derive(move || months_value(settings.get().review_interval_months))
                on_change=Callback::new(move |v: String| {
                    let m = v.parse::<u32>().ok();
                    edit(&|s| s.review_interval_months = m);
                })
                options=months(t.settings().plan_review_rule, 5)
            />
            <SelectField
                id="settings-plan-monitoring"
                label=t.settings().plan_monitoring_label
                hint=t.settings().plan_monitoring_hint
                value=Signal::derive(move || months_value(settings.get().monitoring_interval_months))
                on_change=Callback::new(move |v: String| {
                    let m = v.parse::<u32>().ok();
                    edit(&|s| s.monitoring_interval_months = m);
                })
                options=months(t.settings().plan_monitoring_default, 6)
            />
            <SelectField
                id="settings-quiet-months"
                label=t.settings().quiet_months_label
                hint=t.settings().quiet_months_hint
                value=Signal::derive(move || months_value(settings.get().agency_quiet_months))
                on_change=Callback::new(move |v: String| {
                    let m = v.parse::<u32>().ok();
                    edit(&|s| s.agency_quiet_months = m);
                })
                options=months(t.settings().quiet_months_default, 12)
            />
            <SelectField
                id="settings-claim-window"
                label=t.settings().claim_window_label
                hint=t.settings().claim_window_hint
                value=Signal::derive(move || settings.get().claim_window.code().to_owned())
                on_change=Callback::new(move |v: String| {
                    if let Some(w) = renkei_domain::meeting::YearWindow::from_code(&v) {
                        edit(&|s| s.claim_window = w);
                    }
                })
                options=renkei_domain::meeting::YearWindow::ALL
                    .into_iter()
                    .map(|w| SelectOption::new(w.code(), (t.settings().claim_window)(w)))
                    .collect()
            />
            <p class="muted">{t.settings().plan_device_note}</p>
        </section>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let languages = vec![SelectOption::new("ja", "日本語"), SelectOption::new("en", "English")];
    view! {
        <h1>{t.settings().title}</h1>
        <section class="card" aria-labelledby="sec-lang">
            <h2 id="sec-lang">{t.settings().language}</h2>
            <SelectField
                id="settings-lang"
                label=t.settings().language
                value=Signal::derive(move || lang.get().code().to_owned())
                on_change=Callback::new(move |v: String| {
                    let chosen = if v == "en" { Lang::En } else { Lang::Ja };
                    chosen.save();
                    leptos::task::spawn_local(async move {
                        chosen.load().await;
                        lang.set(chosen);
                    });
                })
                options=languages
            />
        </section>
        <SyncSection t />
        <PasscodeSection t />
        <PlanSection t />
        <StorageSection t />
        <BackupSection t />
        <AboutSection t />
    }
}

/// One decimal place by integer arithmetic: float formatting would add
/// about 10 KB of wasm for this one line.
fn megabytes(bytes: Option<f64>, t: &'static Texts) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let tenths = |b: f64, unit: f64| (b / unit * 10.0).round() as u64;
    match bytes {
        Some(b) if b >= 1024.0 * MB => {
            let x = tenths(b, 1024.0 * MB);
            format!("{}.{} GB", x / 10, x % 10)
        }
        Some(b) => {
            let x = tenths(b, MB);
            format!("{}.{} MB", x / 10, x % 10)
        }
        None => t.settings().unknown.to_owned(),
    }
}

/// Where a request for persistent storage stands: Firefox asks the user
/// (the answer can take a while), Chromium answers at once.
#[derive(Clone, Copy, PartialEq)]
enum PersistAsk {
    Idle,
    Asking,
    Refused,
}

#[component]
fn StorageSection(t: &'static Texts) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let info = LocalResource::new(move || {
        refresh.track();
        pwa::storage_info()
    });
    let unsent = LocalResource::new(|| async { store().await?.outbox_len().await });
    let ask = RwSignal::new(PersistAsk::Idle);
    let request = move |_| {
        ask.set(PersistAsk::Asking);
        leptos::task::spawn_local(async move {
            let granted = pwa::persist().await;
            ask.set(if granted == Some(true) { PersistAsk::Idle } else { PersistAsk::Refused });
            refresh.update(|n| *n += 1);
        })
    };
    view! {
        <section class="card" aria-labelledby="sec-storage">
            <h2 id="sec-storage">{t.settings().storage}</h2>
            {move || {
                info.get()
                    .map(|i| {
                        let persistent = match (i.persisted, i.can_persist) {
                            (Some(true), _) => t.settings().persistent_yes,
                            (Some(false), _) => t.settings().persistent_no,
                            (None, false) => t.settings().persist_unsupported,
                            (None, true) => t.settings().unknown,
                        };
                        let warning = (i.persisted != Some(true))
                            .then(|| {
                                if !i.can_persist {
                                    return view! {
                                        <p class="notice warning" id="persist-warning" role="alert">
                                            {t.settings().persist_unsupported_warning}
                                        </p>
                                    }
                                        .into_any();
                                }
                                view! {
                                    <p class="notice warning" id="persist-warning" role="alert">
                                        {t.settings().persist_warning}
                                    </p>
                                    <button
                                        type="button"
                                        class="button"
                                        id="persist-request"
                                        on:click=request
                                        disabled=move || ask.get() == PersistAsk::Asking
                                    >
                                        {t.settings().persist_request}
                                    </button>
                                    <p class="muted" role="status">
                                        {move || match ask.get() {
                                            PersistAsk::Idle => "",
                                            PersistAsk::Asking => t.settings().persist_asking,
                                            PersistAsk::Refused => t.settings().persist_refused,
                                        }}
                                    </p>
                                }
                                    .into_any()
                            });
                        view! {
                            <dl class="facts">
                                <dt>{t.settings().storage_used}</dt>
                                <dd id="storage-used">{megabytes(i.usage, t)}</dd>
                                <dt>{t.settings().storage_quota}</dt>
                                <dd id="storage-quota">{megabytes(i.quota, t)}</dd>
                                <dt>{t.settings().storage_persistent}</dt>
                                <dd id="storage-persistent">{persistent}</dd>
                            </dl>
                            {warning}
                        }
                    })
            }}
            <p class="muted">
                {move || match unsent.get() {
                    Some(Ok(n)) => (t.settings().unsent)(n),
                    _ => String::new(),
                }}
            </p>
        </section>
    }
}

#[component]
fn AboutSection(t: &'static Texts) -> impl IntoView {
    let device = LocalResource::new(|| async { store().await?.device_id().await });
    view! {
        <section class="card" aria-labelledby="sec-about">
            <h2 id="sec-about">{t.settings().about}</h2>
            <dl class="facts">
                <dt>{t.settings().version}</dt>
                <dd>{env!("CARGO_PKG_VERSION")}</dd>
                <dt>{t.settings().device}</dt>
                <dd class="mono">{move || device.get().and_then(|d| d.ok()).unwrap_or_default()}</dd>
            </dl>
        </section>
    }
}
