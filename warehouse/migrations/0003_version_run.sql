-- Which run stored each release version (NULL for versions stored before this column existed).
ALTER TABLE release_versions ADD COLUMN run_id BIGINT;
