//! What the sections of an autosaving record page share: the editor, the
//! form's problems, whether to show them yet, and the bindings of a field
//! (its value, its setter, its error, 「他の端末で更新されました」).

use crate::editor::RecordEditor;
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::{EditForm, FieldIssue};

pub struct FormCtx<F: EditForm>
where
    F::Problem: FieldIssue,
{
    pub editor: RecordEditor<F>,
    pub errors: Memo<Vec<F::Problem>>,
    /// Problems show once the user has typed (or at once for a restored
    /// draft).
    pub touched: RwSignal<bool>,
    pub t: &'static Texts,
}

impl<F: EditForm> Clone for FormCtx<F>
where
    F::Problem: FieldIssue,
{
    fn clone(&self) -> Self {
        *self
    }
}
impl<F: EditForm> Copy for FormCtx<F> where F::Problem: FieldIssue {}

impl<F: EditForm> FormCtx<F>
where
    F::Problem: FieldIssue,
{
    /// The context of `editor`, whose form's problems `check` lists.
    pub fn new(
        editor: RecordEditor<F>,
        t: &'static Texts,
        check: impl Fn(&F) -> Vec<F::Problem> + Send + Sync + 'static,
    ) -> Self {
        let form = editor.form;
        FormCtx {
            editor,
            errors: Memo::new(move |_| form.with(&check)),
            touched: RwSignal::new(editor.restored.get_untracked()),
            t,
        }
    }

    /// Changes the form as the user did.
    pub fn edit(self, change: impl FnOnce(&mut F)) {
        self.touched.set(true);
        self.editor.edit(change);
    }

    pub fn value(self, get: fn(&F) -> &String) -> Signal<String> {
        let form = self.editor.form;
        Signal::derive(move || form.with(|f| get(f).clone()))
    }

    pub fn setter(self, set: fn(&mut F, String)) -> Callback<String> {
        Callback::new(move |v: String| self.edit(move |f| set(f, v)))
    }

    /// The message for `field`'s first problem, once problems show.
    pub fn error(self, field: <F::Problem as FieldIssue>::Field) -> Signal<Option<&'static str>> {
        problem_of(self.t, self.errors, self.touched, field)
    }

    /// 「他の端末で更新されました」 on a field another device changed while
    /// it was being edited here (by the field's name in the form).
    pub fn elsewhere(self, field: &'static str) -> Signal<Option<&'static str>> {
        let (elsewhere, t) = (self.editor.elsewhere, self.t);
        Signal::derive(move || elsewhere.with(|e| e.iter().any(|f| f == field)).then_some(t.common.updated_elsewhere))
    }
}

/// The message for `field`'s first problem among `errors`, once `shown` (a
/// form saved with 「保存」 shows its problems once that was tried).
pub fn problem_of<P>(
    t: &'static Texts,
    errors: Memo<Vec<P>>,
    shown: RwSignal<bool>,
    field: P::Field,
) -> Signal<Option<&'static str>>
where
    P: FieldIssue + Send + Sync + 'static,
{
    Signal::derive(move || {
        if !shown.get() {
            return None;
        }
        errors.with(|es| es.iter().find(|e| e.field() == field).map(|e| (t.record_words().field_problem)(e.problem())))
    })
}
