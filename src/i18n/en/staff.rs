//! English: StaffTexts.

use crate::i18n::groups::StaffTexts;

pub const TEXTS: StaffTexts = StaffTexts {
    title: "Staff accounts",
    display_name: "Display name",
    role: "Role",
    job_role: "Job title",
    job_role_hint: "A service manager or child development support manager becomes the responsible manager of the plans they create, and their title is recorded on assessments and monitoring.",
    job_role_none: "Not set",
    job_role_of: |name| format!("Job title of {name}"),
    job_role_done: |name| format!("Changed {name}'s job title"),
    add: "Add staff member",
    added,
    initial_password: "Initial password",
    password_hint: "At least 8 characters. Tell the person directly.",
    admin_only: "Only administrators can add staff.",
    role_admin: "Administrator",
    role_staff: "Staff",
    status: "Status",
    active: "Active",
    inactive: "Disabled",
    actions: "Actions",
    disable: "Disable",
    enable: "Enable",
    disable_confirm: |name| {
        format!("Disable {name}'s account? Their signed-in devices stop syncing at once (nothing on them is deleted).")
    },
    disabled_done: |name| format!("{name}'s account is disabled"),
    enabled_done: |name| format!("{name}'s account is enabled"),
    reset_password: "Reset password",
    new_password: "New password",
    password_reset_done: |name| format!("{name}'s password was reset"),
    devices: "Devices",
    devices_of: |name| format!("Devices {name} is signed in on"),
    device_signed_in: "Signed in",
    device_last_used: "Last used",
    device_this: " (this device)",
    device_revoke: "Sign this device out",
    device_revoked: "The device was signed out",
    no_devices: "No signed-in devices.",
    close: "Close",
};

fn added(name: &str) -> String {
    format!("Added {name}.")
}
