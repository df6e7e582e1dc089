-- 職種: the welfare job title of a staff member (サビ管, 児発管, 生活支援員 …),
-- set by a 管理者; NULL when not set. Stored as the wire code of
-- renkei_domain::plan::JobRole ('service_manager', …). No CHECK: the list
-- grows with the app, and the server checks codes before storing them.
ALTER TABLE staff ADD COLUMN job_role TEXT;
