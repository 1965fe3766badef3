CREATE TABLE `forecast_snapshots` (
	`workspace_id` text NOT NULL,
	`week` text NOT NULL,
	`taken_at` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `week`)
);
