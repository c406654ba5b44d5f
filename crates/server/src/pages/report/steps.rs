//! The questionnaire as code: its fields in the order shown, the closed lists of answers,
//! and the steps built from them in the page's language.

use super::*;

/// The form's fields in the order shown; errors are listed in this order.
pub(super) const FIELD_ORDER: [&str; 32] = [
    "date",
    "time_of_day",
    "place_kind",
    "borough",
    "place_description",
    "agency",
    "titles",
    "unit",
    "names",
    "shield_numbers",
    "attire",
    "showed",
    "verification_offered",
    "asks",
    "vehicle_seen",
    "vehicle_kind",
    "vehicle_color",
    "vehicle_make",
    "vehicle_model",
    "vehicle_plate",
    "vehicle_plate_state",
    "people_count",
    "people_description",
    "outcome",
    "check",
    "narrative",
    "attachment",
    "role",
    "contact",
    "wants_contact",
    "pow",
    "form",
];

pub(super) const TIMES: [&str; 5] = ["early_morning", "morning", "afternoon", "evening", "night"];
pub(super) const PLACES: [&str; 9] =
    ["home", "street", "workplace", "court", "shelter", "transit", "school", "phone_or_online", "other"];
pub(super) const TITLES: [&str; 8] =
    ["police", "detective", "officer", "sergeant", "lieutenant", "agent", "investigator", "other"];
pub(super) const SHOWN: [&str; 6] = ["badge", "id_card", "warrant_paper", "photo_of_person", "nothing", "other"];
pub(super) const ASKS: [&str; 14] = [
    "open_door",
    "step_outside",
    "asked_for_person_by_name",
    "showed_photo",
    "asked_for_phone_number",
    "asked_for_id",
    "asked_immigration_status",
    "asked_where_someone_works",
    "come_to_precinct",
    "arranged_meeting",
    "entered_home",
    "searched",
    "arrested_or_took_someone",
    "other",
];
pub(super) const VEHICLES: [&str; 6] = ["sedan", "suv", "van", "pickup", "marked_car", "other"];
pub(super) const OUTCOMES: [&str; 5] =
    ["they_left", "detained_someone", "arrested_someone", "still_ongoing", "unknown"];
pub(super) const ROLES: [&str; 6] = ["self", "family", "neighbour", "witness", "advocate", "other"];
/// Answers shieldcheck gives, as the person may have seen them: claim checks, then scans.
pub(super) const CLAIM_RESULTS: [&str; 5] =
    ["no_match", "member_not_active", "unit_not_in_nypd", "insufficient", "matches_active_member"];
pub(super) const SCAN_RESULTS: [&str; 11] = [
    "valid",
    "expired",
    "not_yet_valid",
    "revoked",
    "suspended",
    "bad_signature",
    "unknown_issuer_key",
    "stale_presentation",
    "wrong_device",
    "malformed",
    "status_unavailable",
];

pub(super) fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

/// Builds the questions in the page's language, filled with `form` and its errors.
pub(super) struct Builder<'a> {
    pub(super) tr: &'a Tr,
    pub(super) form: &'a ReportForm,
    pub(super) errors: &'a [FormError],
    pub(super) settings: &'a ReportSettings,
}

impl Builder<'_> {
    pub(super) fn field(&self, name: &'static str, kind: &'static str, value: &str) -> FieldView {
        let hint_id = format!("report-field-{name}-hint");
        let hint = self.tr.t(&hint_id);
        FieldView {
            name,
            kind,
            label: self.tr.t(&format!("report-field-{name}")),
            // A message that is missing falls back to its id: such a field simply has no hint.
            hint: (hint != hint_id).then_some(hint),
            value: value.to_owned(),
            choices: Vec::new(),
            max: shieldcheck_report::MAX_TEXT_CHARS,
            inputmode: "text",
            autocomplete: "off",
            error: self.errors.iter().find(|e| e.field == name).map(|e| self.tr.t(&format!("report-error-{}", e.code))),
        }
    }

    pub(super) fn text(&self, name: &'static str, value: &str) -> FieldView {
        self.field(name, "text", value)
    }

    pub(super) fn textarea(&self, name: &'static str, value: &str, max: usize) -> FieldView {
        FieldView { max, ..self.field(name, "textarea", value) }
    }

    pub(super) fn choices(
        &self,
        name: &'static str,
        kind: &'static str,
        prefix: &str,
        values: &[&'static str],
        chosen: &[&str],
    ) -> FieldView {
        let choices = values
            .iter()
            .map(|&v| Choice { value: v, label: self.tr.t(&format!("{prefix}-{v}")), checked: chosen.contains(&v) })
            .collect();
        FieldView { choices, ..self.field(name, kind, "") }
    }

    pub(super) fn select(&self, name: &'static str, prefix: &str, values: &[&'static str], chosen: &str) -> FieldView {
        let mut field = self.choices(name, "select", prefix, values, &[chosen]);
        field.choices.insert(0, Choice { value: "", label: self.tr.t("report-dont-know"), checked: chosen.is_empty() });
        field
    }

    pub(super) fn steps(&self) -> Vec<StepView> {
        let f = self.form;
        let tr = self.tr;
        let mut check = self.select("check", "result", &CLAIM_RESULTS, &f.check);
        for code in SCAN_RESULTS {
            let label = if code == "valid" { tr.t("scan-valid") } else { tr.t(&format!("scan-reason-{code}")) };
            check.choices.push(Choice { value: code, label, checked: f.check == code });
        }
        check.choices.insert(
            1,
            Choice { value: "not_done", label: tr.t("report-check-not_done"), checked: f.check == "not_done" },
        );
        check.choices.insert(2, Choice { value: "done", label: tr.t("report-check-done"), checked: f.check == "done" });
        let mut borough = self.select("borough", "report-borough", &[], &f.borough);
        borough.choices.extend(BOROUGHS.iter().map(|&b| Choice {
            value: b,
            label: tr.t(&format!("report-borough-{}", b.to_ascii_lowercase().replace(' ', "_"))),
            checked: f.borough == b,
        }));
        let count = FieldView { inputmode: "numeric", max: 3, ..self.text("people_count", &f.people_count) };
        let contact = FieldView { autocomplete: "off", ..self.text("contact", &f.contact) };
        // One checkbox, labelled by the field's own label.
        let yes = Choice { value: "yes", label: String::new(), checked: f.wants_contact };
        let wants = FieldView { choices: vec![yes], ..self.field("wants_contact", "single", "") };
        let yes_no = ["yes", "no", "unknown"];
        // Photos: a file input, which a browser never fills again (hence "choose again" after
        // a refusal), with the limits in the hint.
        let limits = [
            ("count", self.settings.max_attachments.to_string()),
            ("megabytes", megabytes(self.settings.max_attachment_bytes)),
        ];
        let attachment = FieldView {
            hint: Some(tr.t_with("report-field-attachment-hint", &limits)),
            ..self.field("attachment", "file", "")
        };
        let steps = vec![
            (
                "when",
                vec![
                    FieldView { max: 10, ..self.field("date", "date", &f.date) },
                    self.select("time_of_day", "report-time", &TIMES, &f.time_of_day),
                ],
                vec![],
            ),
            (
                "where",
                vec![
                    self.select("place_kind", "report-place", &PLACES, &f.place_kind),
                    borough,
                    self.text("place_description", &f.place_description),
                ],
                vec![],
            ),
            (
                "who",
                vec![
                    self.text("agency", &f.agency),
                    self.choices("titles", "check", "report-title", &TITLES, &strs(&f.titles)),
                    self.text("unit", &f.unit),
                    self.textarea("names", &f.names, 2_000),
                    self.textarea("shield_numbers", &f.shield_numbers, 500),
                    self.text("attire", &f.attire),
                    self.choices("showed", "check", "report-shown", &SHOWN, &strs(&f.showed)),
                    self.text("verification_offered", &f.verification_offered),
                ],
                vec![],
            ),
            ("asked", vec![self.choices("asks", "check", "report-ask", &ASKS, &strs(&f.asks))], vec![]),
            (
                "vehicle",
                vec![self.choices("vehicle_seen", "radio", "report-answer", &yes_no, &[f.vehicle_seen.as_str()])],
                vec![
                    self.select("vehicle_kind", "report-vehicle", &VEHICLES, &f.vehicle_kind),
                    self.text("vehicle_color", &f.vehicle_color),
                    self.text("vehicle_make", &f.vehicle_make),
                    self.text("vehicle_model", &f.vehicle_model),
                    self.text("vehicle_plate", &f.vehicle_plate),
                    self.text("vehicle_plate_state", &f.vehicle_plate_state),
                ],
            ),
            ("people", vec![count, self.textarea("people_description", &f.people_description, 1_000)], vec![]),
            (
                "outcome",
                vec![self.choices("outcome", "radio", "report-outcome", &OUTCOMES, &[f.outcome.as_str()]), check],
                vec![],
            ),
            (
                "story",
                vec![self.textarea("narrative", &f.narrative, shieldcheck_report::MAX_NARRATIVE_CHARS), attachment],
                vec![],
            ),
            (
                "contact",
                vec![self.choices("role", "radio", "report-role", &ROLES, &[f.role.as_str()]), contact, wants],
                vec![],
            ),
        ];
        steps
            .into_iter()
            .enumerate()
            .map(|(i, (id, fields, details))| {
                let intro_id = format!("report-step-{id}-intro");
                let intro = tr.t(&intro_id);
                StepView {
                    id,
                    number: i + 1,
                    legend: tr.t(&format!("report-step-{id}")),
                    intro: (intro != intro_id).then_some(intro),
                    fields,
                    details,
                }
            })
            .collect()
    }
}
