ALTER TABLE `erasures` ADD `reason` text DEFAULT 'privacy' NOT NULL;--> statement-breakpoint
CREATE INDEX `records_trash` ON `records` (`workspace_id`) WHERE deleted = 1;