CREATE TABLE `erased_keys` (
	`workspace_id` text NOT NULL,
	`key_hash` text NOT NULL,
	`erased_at_ms` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key_hash`)
);
