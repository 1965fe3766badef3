CREATE TABLE `imports` (
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`member_id` text,
	`file_name` text DEFAULT '' NOT NULL,
	`format` text NOT NULL,
	`created_at` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`undone_at` text,
	`undone_by` text,
	PRIMARY KEY(`workspace_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `imports_workspace_created` ON `imports` (`workspace_id`,`created_at`);