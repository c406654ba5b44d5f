//! The page: the views the templates render (fields, steps, the error summary), the receipt
//! and message pages, and the headers that keep a reporter's words out of caches.

use super::*;

/// One choice of a radio group, checkbox group or select.
pub(super) struct Choice {
    pub(super) value: &'static str,
    pub(super) label: String,
    pub(super) checked: bool,
}

/// One question, rendered by `report_field.html`.
pub(super) struct FieldView {
    /// The `name`, and the `id` (of the first input, for groups).
    pub(super) name: &'static str,
    /// `text`, `textarea`, `number`, `date`, `select`, `radio`, `check` or `single` (one
    /// checkbox).
    pub(super) kind: &'static str,
    pub(super) label: String,
    pub(super) hint: Option<String>,
    pub(super) value: String,
    pub(super) choices: Vec<Choice>,
    pub(super) max: usize,
    pub(super) inputmode: &'static str,
    pub(super) autocomplete: &'static str,
    pub(super) error: Option<String>,
}

impl FieldView {
    /// `aria-describedby`: the hint and the error, when there are.
    pub(super) fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }

    /// Where the error summary links to: the field, or its first choice.
    pub(super) fn target(&self) -> String {
        match (self.kind, self.choices.first()) {
            ("radio" | "check", Some(first)) => format!("{}-{}", self.name, first.value),
            _ => self.name.to_owned(),
        }
    }
}

/// One step of the questionnaire: a fieldset.
pub(super) struct StepView {
    pub(super) id: &'static str,
    pub(super) number: usize,
    pub(super) legend: String,
    pub(super) intro: Option<String>,
    pub(super) fields: Vec<FieldView>,
    /// Questions shown only after a "yes" in `fields` (the vehicle's details).
    pub(super) details: Vec<FieldView>,
}

pub(super) struct ErrorLink {
    pub(super) target: String,
    pub(super) message: String,
}

#[derive(Template)]
#[template(path = "report.html")]
pub(super) struct ReportPage {
    pub(super) c: Chrome,
    pub(super) steps: Vec<StepView>,
    pub(super) errors: Vec<ErrorLink>,
    /// The stable code of a refusal that is not about one answer (`pow_too_fresh`, …).
    pub(super) error_code: Option<&'static str>,
    pub(super) challenge: String,
    pub(super) bits: u8,
    /// The script's texts in the page's language.
    pub(super) strings_json: String,
}

#[derive(Template)]
#[template(path = "report_receipt.html")]
pub(super) struct ReceiptPage {
    pub(super) c: Chrome,
    pub(super) receipt: String,
}

#[derive(Template)]
#[template(path = "report_message.html")]
pub(super) struct ReportMessagePage {
    pub(super) c: Chrome,
    pub(super) code: &'static str,
    pub(super) title: String,
    pub(super) body: String,
}

/// `bytes` in (binary) megabytes as people write them: `8`, `0.5`.
pub(super) fn megabytes(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

pub(super) fn page_strings(tr: &Tr) -> String {
    serde_json::json!({
        "preparing": tr.t("report-preparing"),
        "sending": tr.t("report-sending"),
    })
    .to_string()
    .replace('<', "\\u003c")
}

/// The questionnaire, filled with `form`, with `errors` beside their fields and in a summary.
pub(super) fn form_page(
    intake: &Intake,
    tr: Tr,
    form: &ReportForm,
    errors: &[FormError],
    refusal: Option<PowError>,
    challenge: String,
) -> ReportPage {
    let steps = Builder { tr: &tr, form, errors, settings: &intake.settings }.steps();
    let mut links: Vec<ErrorLink> = steps
        .iter()
        .flat_map(|s| s.fields.iter().chain(&s.details))
        .filter_map(|f| f.error.as_ref().map(|m| ErrorLink { target: f.target(), message: m.clone() }))
        .collect();
    if let Some(refusal) = refusal {
        links.push(ErrorLink {
            target: "report-submit".to_owned(),
            message: tr.t(&format!("report-error-{}", refusal.code())),
        });
    }
    ReportPage {
        strings_json: page_strings(&tr),
        c: Chrome::new(tr, "/report"),
        steps,
        errors: links,
        error_code: refusal.map(PowError::code),
        challenge,
        bits: intake.challenges.bits(),
    }
}

/// Responses on `/report` are a reporter's own words or receipt: never cached, never sent on
/// as a referrer (the service-wide headers say the same; these do not depend on them).
pub(super) fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

pub(super) fn message_page(tr: Tr, code: &'static str, key: &str, status: StatusCode) -> Response {
    let page = ReportMessagePage {
        code,
        title: tr.t(&format!("report-{key}-title")),
        body: tr.t(&format!("report-{key}-body")),
        c: Chrome::new(tr, "/report"),
    };
    private(render(&page, status))
}
