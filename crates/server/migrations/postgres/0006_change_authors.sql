-- Who wrote each change: the staff member signed in on the device when it
-- was made, if the change names one of the office (`Change.author`),
-- otherwise the staff member whose session pushed it. `staff_id` stays
-- "who pushed it": the two differ when a change waits in a device's outbox
-- while someone else signs in. NULL for changes stored before this
-- migration; pulls then name `staff_id` (see docs/sync.md, "Authors").
ALTER TABLE changes ADD COLUMN author_id uuid REFERENCES staff (id);
