//! The inputs of the plan editor: one component per kind of field, each
//! told by a key what part of the plan it edits.

use crate::components::field::{SelectField, SelectOption, NO_TAB_STATE};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::plan::form::{input_date, DateKey, DateProblem, PlanForm, StaffKey, TextKey};
use renkei_domain::plan::{AssessmentRef, JobRole};

/// An edit of the form (boxed so one callback type serves every field).
pub struct Edit(pub Box<dyn FnOnce(&mut PlanForm)>);

/// What every input needs to read and edit the plan.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub form: RwSignal<PlanForm>,
    pub problems: Memo<Vec<(String, DateProblem)>>,
    pub edit: Callback<Edit>,
    pub t: &'static Texts,
    /// The client's eight-domain assessments (one may be the plan's アセスメント).
    pub assessments: StoredValue<Vec<AssessmentRef>>,
}

impl Ctx {
    pub fn run(self, change: impl FnOnce(&mut PlanForm) + 'static) {
        self.edit.run(Edit(Box::new(change)));
    }
}

/// The id of the `<datalist>` of names already used in the plan.
pub const NAMES_LIST: &str = "plan-staff-names";

/// A part of a card: the cycle's steps and the monitoring are lists of these.
#[derive(Clone, Copy)]
pub enum Part {
    Date(DateKey, &'static str),
    Staff(StaffKey, &'static str),
    /// Text, multi-line or not, with an optional hint.
    Text(TextKey, &'static str, bool, Option<&'static str>),
}

pub fn parts_view(ctx: Ctx, parts: Vec<Part>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part {
            Part::Date(key, label) => view! { <DateInput ctx key label /> }.into_any(),
            Part::Staff(key, label) => view! { <StaffInput ctx key label /> }.into_any(),
            Part::Text(key, label, multiline, hint) => view! { <PlanText ctx key label multiline hint /> }.into_any(),
        })
        .collect_view()
}

/// A date with, below it, how the printed plan writes it (和暦 with the
/// Western year: docs/dates.md); text that is not a date in range shows an
/// error and is kept as typed.
#[component]
pub fn DateInput(ctx: Ctx, key: DateKey, label: &'static str) -> impl IntoView {
    let (form, t) = (ctx.form, ctx.t);
    let code = key.code();
    let id = format!("plan-{code}");
    let value = {
        let code = code.clone();
        move || {
            form.with(|f| {
                f.raw.get(&code).cloned().unwrap_or_else(|| key.get(&f.plan).map(|d| d.to_string()).unwrap_or_default())
            })
        }
    };
    let error = Memo::new(move |_| {
        ctx.problems.with(|ps| {
            ps.iter().find(|(c, _)| *c == code).map(|(_, p)| match p {
                DateProblem::Invalid => t.plan().err_date,
                DateProblem::EndBeforeStart => t.plan().err_end_before_start,
            })
        })
    });
    let printed =
        move || form.with(|f| key.get(&f.plan)).map(|d| (t.plan().printed_as)(&(t.record_words().date_print)(d)));
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="date"
                aria-describedby=format!("{id}-printed {id}-error")
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=value
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    ctx.run(move |f| input_date(f, key, &text));
                }
            />
            <span class="hint printed-date" id=format!("{id}-printed")>
                {printed}
            </span>
            <span class="error-text" id=format!("{id}-error")>
                {move || error.get()}
            </span>
        </div>
    }
}

/// A text input or text area. No validation: any text is kept as typed.
#[component]
pub fn PlanText(
    ctx: Ctx,
    key: TextKey,
    label: &'static str,
    multiline: bool,
    hint: Option<&'static str>,
) -> impl IntoView {
    let form = ctx.form;
    let id = format!("plan-{}", key.code());
    let value = move || form.with(|f| key.get(&f.plan));
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ctx.run(move |f| key.set(&mut f.plan, v));
    };
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let control = if multiline {
        view! { <textarea id=id.clone() rows="4" form=NO_TAB_STATE autocomplete="off" aria-describedby=hint_id.clone() prop:value=value on:input=on_input></textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() type="text" autocomplete="off" aria-describedby=hint_id.clone() prop:value=value on:input=on_input /> }
            .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id>{h}</span> })}
            {control}
        </div>
    }
}

pub fn role_options(t: &'static Texts) -> Vec<SelectOption> {
    JobRole::ALL.iter().map(|r| SelectOption::new(r.code(), (t.record_words().job_role)(*r))).collect()
}

/// A person: name (suggesting names already in the plan) and job role.
#[component]
pub fn StaffInput(ctx: Ctx, key: StaffKey, label: &'static str) -> impl IntoView {
    let (form, t) = (ctx.form, ctx.t);
    let id = format!("plan-{}", key.code());
    let name = move || form.with(|f| key.get(&f.plan).map(|s| s.name.clone()).unwrap_or_default());
    let role = Signal::derive(move || form.with(|f| key.role(&f.plan).code().to_owned()));
    let set_role = Callback::new(move |v: String| {
        if let Some(r) = JobRole::from_code(&v) {
            ctx.run(move |f| key.set_role(&mut f.plan, r));
        }
    });
    view! {
        <fieldset class="staff-input">
            <legend>{label}</legend>
            <div class="grid-2">
                <div class="field">
                    <label for=format!("{id}-name")>{t.plan().staff_name}</label>
                    <input
                        id=format!("{id}-name")
                        type="text"
                        autocomplete="off"
                        list=NAMES_LIST
                        prop:value=name
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.run(move |f| key.set_name(&mut f.plan, v));
                        }
                    />
                </div>
                <SelectField id=format!("{id}-role") label=t.plan().staff_role value=role on_change=set_role options=role_options(t) />
            </div>
        </fieldset>
    }
}
